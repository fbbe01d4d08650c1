package indexer

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/internal/anviltest"
	"github.com/provensql/provensql/schema"
)

// TestIndexAnvil indexes transfers of a real ERC-20 on anvil, a node no one
// here wrote, and compares every row with what eth_getLogs returns.
func TestIndexAnvil(t *testing.T) {
	ctx := context.Background()
	url := anviltest.Start(t, filepath.Join("..", "contracts"))
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	key, _ := crypto.HexToECDSA(anviltest.DevKey)
	chain := &contracts.Chain{Client: client, ChainID: big.NewInt(31337), Key: key}
	bin := contracts.TestTokenMetaData.Bin + hex.EncodeToString(contracts.NewTestToken().PackConstructor("T", "T"))
	token, _, err := chain.Deploy(ctx, bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chain.Call(ctx, token, contracts.NewTestToken().PackMint(chain.From(), new(big.Int).Lsh(big.NewInt(1), 200))); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 12; i++ { // anvil mines each transaction in its own block
		to := crypto.PubkeyToAddress(mustKey(t, i).PublicKey)
		value := big.NewInt(int64(1000 + i))
		if i%4 == 0 {
			value.Lsh(value, 130) // above 2^128: both limbs in use
		}
		if _, err := chain.Call(ctx, token, contracts.NewTestToken().PackTransfer(to, value)); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := newStore(t, "")
	res, err := Run(ctx, client, st, Config{BatchBlocks: 5, LogCapacity: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalRows != 13 {
		t.Fatalf("%d transfers indexed, want 13 (mint + 12)", res.TotalRows)
	}
	head, _ := client.BlockNumber(ctx)
	checkAgainstChain(t, st, client, token, head)
	// blocks and transactions from the same node: one row per block, one per
	// transaction, hashes as eth_getBlockByNumber gives them
	for _, src := range []Source{Blocks{}, Transactions{}} {
		if _, err := Run(ctx, client, st, Config{BatchBlocks: 4, LogCapacity: 3, Source: src}); err != nil {
			t.Fatal(err)
		}
	}
	blocks, _ := st.Manifest("blocks")
	txs, _ := st.Manifest("transactions")
	nTx := 0
	for n := uint64(0); n <= head; n++ {
		b, err := client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		nTx += len(b.Transactions())
		seg, err := st.LoadSegment(blocks, int(n)/blocks.Capacity())
		if err != nil {
			t.Fatal(err)
		}
		i := int(n) % blocks.Capacity()
		if got := schema.JoinUint256(seg[1][i].BigInt(new(big.Int)), seg[2][i].BigInt(new(big.Int))); got.Cmp(b.Hash().Big()) != 0 {
			t.Fatalf("block %d: stored hash %x, node %s", n, got, b.Hash())
		}
	}
	if blocks.Rows != int(head)+1 || txs.Rows != nTx {
		t.Fatalf("stored %d blocks and %d transactions, the node has %d and %d", blocks.Rows, txs.Rows, head+1, nTx)
	}
}

func mustKey(t *testing.T, i int) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte{byte(i), 'k'}))
	if err != nil {
		t.Fatal(err)
	}
	return k
}
