package contracts

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/internal/anviltest"
)

// TestAgainstAnvil repeats the whole flow over JSON-RPC against a real node.
func TestAgainstAnvil(t *testing.T) {
	url := anviltest.Start(t, ".")
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
	key, _ := crypto.HexToECDSA(anviltest.DevKey)
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
	wantRevert(t, err, "ProofsRejected")
}
