package contracts

import (
	"bufio"
	"context"
	"math/big"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/datagen"
)

// anvil's first well-known development account.
const anvilKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

// startAnvil runs anvil (from npm) on a free loopback port and returns its URL.
func startAnvil(t *testing.T) string {
	t.Helper()
	bin := tool(t, "@foundry-rs/anvil-linux-amd64/bin/anvil")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--gas-limit", "60000000", "--code-size-limit", "100000")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Listening on") {
				close(ready)
				for sc.Scan() {
				}
				return
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("anvil did not start")
	}
	return "http://127.0.0.1:" + strconv.Itoa(port)
}

// TestAgainstAnvil repeats the whole flow over JSON-RPC against a real node.
func TestAgainstAnvil(t *testing.T) {
	url := startAnvil(t)
	ctx := context.Background()
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.HexToECDSA(anvilKey)
	chain := &Chain{Client: client, ChainID: chainID, Key: key}

	db, err := provensql.Open(t.TempDir(), provensql.Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(100, 1)
	m, err := db.Store().Append(data.Table, 6, data.Cols)
	if err != nil {
		t.Fatal(err)
	}
	coproc, _, err := chain.DeployCoprocessor(ctx, db.Store().SRS().VerifyingKey())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chain.SetIndexer(ctx, coproc, chain.From(), true); err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	if _, err := chain.PostCommitment(ctx, coproc, &tc); err != nil {
		t.Fatal(err)
	}
	res, err := db.Prove(ctx, datagen.Q1, data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, chain: chain, coproc: coproc}
	f.registerShape(t, res)
	args, err := QueryArgsOf(res.Receipt, res.Plan)
	if err != nil {
		t.Fatal(err)
	}
	out, gas, err := chain.VerifyQuery(ctx, coproc, args)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := ResultOf(res.Plan, out)
	if strings.Join(got, ",") != strings.Join(res.Receipt.Rows[0], ",") {
		t.Fatalf("anvil delivered %v, receipt says %v", got, res.Receipt.Rows[0])
	}
	t.Logf("anvil: verifyQuery over %d segments, %d gas", len(args.Segments), gas)
	args.Params[0] = new(big.Int).Add(args.Params[0], big.NewInt(1))
	_, _, err = chain.VerifyQuery(ctx, coproc, args)
	wantRevert(t, err, "ProofRejected")
}
