package cli

import (
	"context"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/internal/anviltest"
)

// TestPostCommitmentCommand posts a store's table commitment to a
// Coprocessor on anvil with the CLI, and the table's BLS12-377 digest to a
// one-check entry beside it (the one TwoChainTable computes), then refuses
// an unauthorised key.
func TestPostCommitmentCommand(t *testing.T) {
	ctx := context.Background()
	url := anviltest.Start(t, filepath.Join("..", "contracts"))
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	key, _ := crypto.HexToECDSA(anviltest.DevKey)
	chain := &contracts.Chain{Client: client, ChainID: big.NewInt(31337), Key: key}
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(40, 1)
	if _, err := db.Store().Append(data.Table, 5, data.Cols); err != nil {
		t.Fatal(err)
	}
	coproc, _, err := chain.DeployCoprocessor(ctx, db.Store().SRS().VerifyingKey())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chain.SetIndexer(ctx, coproc, chain.From(), true); err != nil {
		t.Fatal(err)
	}
	oneCheck, _, err := chain.DeployOneCheck(ctx, coproc)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--db", dir, "--table", datagen.TableName, "--rpc", url, "--coprocessor", coproc.Hex()}
	if err := cpuApp.cmdPostCommitment(ctx, append(args, "--one-check", oneCheck.Hex())); err != nil {
		t.Fatal(err)
	}
	m, err := db.Store().Manifest(datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	digest, _ := tc.Digest()
	posted, err := db.TwoChainTable(datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := posted.Digest()
	if err != nil {
		t.Fatal(err)
	}
	var id [32]byte
	copy(id[:], common.FromHex(digest))
	out, err := client.CallContract(ctx, ethereum.CallMsg{To: &oneCheck, Data: contracts.NewOneCheckCoprocessor().PackTableDigests(id)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := contracts.NewOneCheckCoprocessor().UnpackTableDigests(out)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Posted || new(big.Int).Add(new(big.Int).Lsh(got.High, 192), got.Low).Cmp(want) != 0 {
		t.Fatalf("the one-check entry holds %+v for %s, want %#x", got, digest, want)
	}
	// anvil's second funded account is not an authorised indexer
	const second = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
	err = cpuApp.cmdPostCommitment(ctx, append(args, "--key", second))
	if err == nil || !strings.Contains(err.Error(), "NotIndexer") {
		t.Fatalf("unauthorised post: %v", err)
	}
}
