package indexer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/devchain"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

func newStore(t *testing.T, srsFrom string) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	if srsFrom != "" {
		b, err := os.ReadFile(filepath.Join(srsFrom, "srs.bin"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "srs.bin"), b, 0o644)
	}
	st, err := store.Open(dir, store.Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	return st, dir
}

func digest(t *testing.T, st *store.Store) string {
	t.Helper()
	m, err := st.Manifest(datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	d, err := tc.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkAgainstChain compares every stored row with the chain's Transfer logs.
func checkAgainstChain(t *testing.T, st *store.Store, c *ethclient.Client, token common.Address, to uint64) {
	t.Helper()
	chainID, err := c.ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	logs, err := c.FilterLogs(context.Background(), ethereum.FilterQuery{FromBlock: big.NewInt(0), ToBlock: new(big.Int).SetUint64(to), Topics: [][]common.Hash{{TransferTopic}}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest(datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != len(logs) {
		t.Fatalf("stored %d transfers, the chain has %d", m.Rows, len(logs))
	}
	k, wide := 0, 0
	for si := range m.Segments {
		cols, err := st.LoadSegment(m, si)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cols[0] {
			l := logs[k]
			lo, hi := schema.SplitUint256(new(big.Int).SetBytes(l.Data))
			if hi.Sign() > 0 || lo.BitLen() > 64 {
				wide++
			}
			want := []*big.Int{
				new(big.Int).SetUint64(l.BlockNumber), big.NewInt(int64(l.TxIndex)), big.NewInt(int64(l.Index)),
				new(big.Int).SetBytes(token.Bytes()), new(big.Int).SetBytes(l.Topics[1].Bytes()[12:]),
				new(big.Int).SetBytes(l.Topics[2].Bytes()[12:]), lo, hi, chainID,
			}
			for ci, w := range want {
				if got := schema.DecodeSigned(&cols[ci][i]); got.Cmp(w) != 0 {
					t.Fatalf("transfer %d (block %d log %d) column %s: stored %s, chain %s", k, l.BlockNumber, l.Index, m.Schema.Columns[ci].Name, got, w)
				}
			}
			k++
		}
	}
	if wide == 0 {
		t.Fatal("no transfer value above 2^64: the UINT256 path went untested")
	}
}

func TestIndexDevchainIncrementallyAndResume(t *testing.T) {
	ctx := context.Background()
	chain, client := startDevchain(t, 30, 4)
	st, dir := newStore(t, "")
	cfg := Config{BatchBlocks: 7, Concurrency: 3, LogCapacity: 5}
	half := uint64(15)
	cfg.To = &half
	r1, err := Run(ctx, client, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.To = nil
	r2, err := Run(ctx, client, st, cfg) // resumes at block 16
	if err != nil {
		t.Fatal(err)
	}
	if r2.FromBlock != half+1 || r1.Rows+r2.Rows != r2.TotalRows {
		t.Fatalf("resume: %+v then %+v", r1, r2)
	}
	m1, _ := st.Manifest(datagen.TableName)
	// More blocks: only new rows are appended, full segments untouched.
	if err := chain.Mine(12, 5); err != nil {
		t.Fatal(err)
	}
	r3, err := Run(ctx, client, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m3, _ := st.Manifest(datagen.TableName)
	for i, s := range m1.Segments {
		if s.Rows == m1.Capacity() && (s.File != m3.Segments[i].File || s.SHA256 != m3.Segments[i].SHA256) {
			t.Fatalf("full segment %d was rewritten", i)
		}
	}
	head, _ := client.BlockNumber(ctx)
	checkAgainstChain(t, st, client, chain.Token, head)
	// Indexing everything in one go (same SRS) gives the same commitment.
	sameAsOneRun(t, client, st, dir, "incremental indexing")
	t.Logf("indexed %d transfers up to block %d (runs: %d + %d + %d rows)", r3.TotalRows, head, r1.Rows, r2.Rows, r3.Rows)
	// A reorg of the indexed tip is detected.
	if err := chain.Reorg(3); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, client, st, cfg); !errors.Is(err, ErrReorg) {
		t.Fatalf("reorg not detected: %v", err)
	}
	// Healed: the reorganised blocks are taken back and the new chain's
	// indexed; the table is then exactly what indexing the new chain from
	// scratch commits.
	cfg.Heal = true
	healed, err := Run(ctx, client, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if healed.HealedRows == 0 {
		t.Fatalf("nothing taken back: %+v", healed)
	}
	head, _ = client.BlockNumber(ctx)
	checkAgainstChain(t, st, client, chain.Token, head)
	sameAsOneRun(t, client, st, dir, "the healed table")
	t.Logf("healed: %d rows taken back, re-indexed from block %d", healed.HealedRows, healed.FromBlock)
}

// flaky is a loopback proxy that drops every third request's connection.
type flaky struct {
	target *url.URL
	n      atomic.Int64
	drops  atomic.Int64
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.n.Add(1)%3 == 0 {
		f.drops.Add(1)
		io.Copy(io.Discard, r.Body)
		hj, ok := w.(http.Hijacker)
		if ok {
			conn, _, err := hj.Hijack()
			if err == nil {
				conn.Close()
				return
			}
		}
		http.Error(w, "dropped", http.StatusBadGateway)
		return
	}
	httputil.NewSingleHostReverseProxy(f.target).ServeHTTP(w, r)
}

func TestRetriesWhenTheEndpointFails(t *testing.T) {
	ctx := context.Background()
	chain, err := devchain.Start(devchain.Config{Blocks: 25, TransfersPerBlock: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	target, _ := url.Parse(chain.URL)
	proxy := &flaky{target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: proxy}
	go srv.Serve(ln)
	defer srv.Close()
	flakyClient, err := ethclient.DialContext(ctx, "http://"+ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer flakyClient.Close()
	st, dir := newStore(t, "")
	if _, err := Run(ctx, flakyClient, st, Config{BatchBlocks: 4, Concurrency: 2, LogCapacity: 5, RetryDelay: 5_000_000}); err != nil {
		t.Fatal(err)
	}
	if proxy.drops.Load() == 0 {
		t.Fatal("the proxy dropped nothing")
	}
	clean, err := ethclient.DialContext(ctx, chain.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer clean.Close()
	ref, _ := newStore(t, dir)
	if _, err := Run(ctx, clean, ref, Config{BatchBlocks: 4, LogCapacity: 5}); err != nil {
		t.Fatal(err)
	}
	if digest(t, st) != digest(t, ref) {
		t.Fatal("a run through a failing endpoint committed differently")
	}
	head, _ := clean.BlockNumber(ctx)
	checkAgainstChain(t, st, clean, chain.Token, head)
	t.Logf("%d requests dropped, result identical", proxy.drops.Load())
}

// sameAsOneRun checks that st's erc20_transfers commits exactly as indexing
// the whole chain in one run into a fresh store sharing dir's SRS.
func sameAsOneRun(t *testing.T, client *ethclient.Client, st *store.Store, dir, what string) {
	t.Helper()
	fresh, _ := newStore(t, dir)
	if _, err := Run(context.Background(), client, fresh, Config{BatchBlocks: 100, LogCapacity: 5}); err != nil {
		t.Fatal(err)
	}
	if digest(t, fresh) != digest(t, st) {
		t.Fatalf("%s commits differently from indexing the chain in one run", what)
	}
}

// startDevchain starts the embedded chain and a client of it, both closed
// when the test ends.
func startDevchain(t *testing.T, blocks, perBlock int) (*devchain.Chain, *ethclient.Client) {
	t.Helper()
	chain, err := devchain.Start(devchain.Config{Blocks: blocks, TransfersPerBlock: perBlock, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	client, err := ethclient.DialContext(context.Background(), chain.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	return chain, client
}

// TestIndexBlocks fills the blocks table from the devchain, resumes, and
// compares every row with the node's headers, and detects a reorg.
func TestIndexBlocks(t *testing.T) {
	ctx := context.Background()
	chain, client := startDevchain(t, 12, 2)
	st, _ := newStore(t, "")
	half := uint64(6)
	cfg := Config{BatchBlocks: 4, Concurrency: 2, LogCapacity: 3, Source: Blocks{}, To: &half}
	if _, err := Run(ctx, client, st, cfg); err != nil {
		t.Fatal(err)
	}
	cfg.To = nil
	res, err := Run(ctx, client, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := client.BlockNumber(ctx)
	if res.TotalRows != int(head)+1 || res.FromBlock != half+1 {
		t.Fatalf("blocks: %+v, head %d", res, head)
	}
	m, err := st.Manifest("blocks")
	if err != nil {
		t.Fatal(err)
	}
	n := uint64(0)
	for si := range m.Segments {
		cols, err := st.LoadSegment(m, si)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cols[0] {
			h, err := client.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
			if err != nil {
				t.Fatal(err)
			}
			val := func(c int) *big.Int { return cols[c][i].BigInt(new(big.Int)) }
			fee := new(big.Int)
			if h.BaseFee != nil {
				fee = h.BaseFee
			}
			got := []string{val(0).String(), schema.JoinUint256(val(1), val(2)).Text(16), schema.JoinUint256(val(3), val(4)).Text(16),
				val(5).Text(16), val(6).String(), val(7).String(), val(8).String(), schema.JoinUint256(val(9), val(10)).String()}
			want := []string{fmt.Sprint(n), h.Hash().Big().Text(16), h.ParentHash.Big().Text(16), new(big.Int).SetBytes(h.Coinbase.Bytes()).Text(16),
				fmt.Sprint(h.GasUsed), fmt.Sprint(h.GasLimit), fmt.Sprint(h.Time), fee.String()}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("block %d: stored %v, node %v", n, got, want)
			}
			n++
		}
	}
	// the reorg check covers this table too
	if err := chain.Reorg(2); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, client, st, cfg); !errors.Is(err, ErrReorg) {
		t.Fatalf("reorg not detected: %v", err)
	}
}

// TestIndexTransactions fills the transactions table from the devchain and
// compares every row with the node's blocks (the sender as the node reports it).
func TestIndexTransactions(t *testing.T) {
	ctx := context.Background()
	_, client := startDevchain(t, 6, 3)
	st, _ := newStore(t, "")
	res, err := Run(ctx, client, st, Config{BatchBlocks: 3, Concurrency: 2, LogCapacity: 4, Source: Transactions{}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest("transactions")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for si := range m.Segments {
		cols, err := st.LoadSegment(m, si)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cols[0] {
			val := func(c int) *big.Int { return cols[c][i].BigInt(new(big.Int)) }
			rows = append(rows, []string{val(0).String(), val(1).String(), schema.JoinUint256(val(2), val(3)).Text(16), val(4).String(),
				val(5).Text(16), val(6).Text(16), schema.JoinUint256(val(7), val(8)).String(), val(9).String(), val(10).String(),
				schema.JoinUint256(val(11), val(12)).String(), val(13).String(), val(14).String()})
		}
	}
	head, _ := client.BlockNumber(ctx)
	k, creations := 0, 0
	for n := uint64(0); n <= head; n++ {
		b, err := client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		for i, tx := range b.Transactions() {
			from, err := client.TransactionSender(ctx, tx, b.Hash(), uint(i))
			if err != nil {
				t.Fatal(err)
			}
			to := new(big.Int)
			if tx.To() != nil {
				to.SetBytes(tx.To().Bytes())
			} else {
				creations++
			}
			rc, err := client.TransactionReceipt(ctx, tx.Hash())
			if err != nil {
				t.Fatal(err)
			}
			want := []string{fmt.Sprint(n), fmt.Sprint(i), tx.Hash().Big().Text(16), fmt.Sprint(tx.Nonce()), from.Big().Text(16), to.Text(16),
				tx.Value().String(), fmt.Sprint(tx.Gas()), fmt.Sprint(rc.GasUsed), tx.GasPrice().String(), fmt.Sprint(tx.Type()), fmt.Sprint(rc.Status)}
			if k >= len(rows) || fmt.Sprint(rows[k]) != fmt.Sprint(want) {
				t.Fatalf("transaction %d (block %d index %d): stored %v, node %v", k, n, i, rows[min(k, len(rows)-1)], want)
			}
			k++
		}
	}
	if k != len(rows) || k != res.TotalRows || creations == 0 {
		t.Fatalf("%d transactions on chain (%d creations), %d stored", k, creations, len(rows))
	}
}

// TestIndexLogs fills the logs table from the devchain and compares every
// row with eth_getLogs.
func TestIndexLogs(t *testing.T) {
	ctx := context.Background()
	_, client := startDevchain(t, 5, 3)
	st, dir := newStore(t, "")
	if _, err := Run(ctx, client, st, Config{BatchBlocks: 2, Concurrency: 3, LogCapacity: 4, Source: Logs{}}); err != nil {
		t.Fatal(err)
	}
	head, _ := client.BlockNumber(ctx)
	logs, err := client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: big.NewInt(0), ToBlock: new(big.Int).SetUint64(head)})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest("logs")
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != len(logs) || len(logs) == 0 {
		t.Fatalf("stored %d logs, the chain has %d", m.Rows, len(logs))
	}
	k := 0
	for si := range m.Segments {
		cols, blobs, err := st.LoadSegmentBlobs(m, si)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cols[0] {
			l := logs[k]
			if data, ok := blobs.Preimage(cols[15][i].BigInt(new(big.Int))); !ok || fmt.Sprintf("%x", data) != fmt.Sprintf("%x", l.Data) {
				t.Fatalf("log %d: stored data %x, node %x", k, data, l.Data)
			}
			val := func(c int) *big.Int { return cols[c][i].BigInt(new(big.Int)) }
			got := []string{val(0).String(), val(2).String(), schema.JoinUint256(val(3), val(4)).Text(16), val(5).Text(16)}
			want := []string{fmt.Sprint(l.BlockNumber), fmt.Sprint(l.Index), l.TxHash.Big().Text(16), l.Address.Big().Text(16)}
			for tk := 0; tk < 4; tk++ {
				got = append(got, schema.JoinUint256(val(6+2*tk), val(7+2*tk)).Text(16))
				if tk < len(l.Topics) {
					want = append(want, l.Topics[tk].Big().Text(16))
				} else {
					want = append(want, "0")
				}
			}
			got = append(got, val(14).String(), val(16).String())
			want = append(want, fmt.Sprint(len(l.Topics)), fmt.Sprint(len(l.Data)))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("log %d: stored %v, node %v", k, got, want)
			}
			k++
		}
	}
	// a proven query over the data bytes: the logs carrying the first one's data
	want := 0
	for _, l := range logs {
		if fmt.Sprintf("%x", l.Data) == fmt.Sprintf("%x", logs[0].Data) {
			want++
		}
	}
	db, err := provensql.Open(dir, provensql.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Prove(ctx, "SELECT log_index, data FROM logs WHERE data = $1 AND block_number = $2", fmt.Sprintf("0x%x", logs[0].Data), fmt.Sprint(logs[0].BlockNumber))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	if len(res.Receipt.Rows) == 0 || res.Receipt.Rows[0][1] != fmt.Sprintf("0x%x", logs[0].Data) {
		t.Fatalf("proven rows %v, want the data 0x%x", res.Receipt.Rows, logs[0].Data)
	}
	count, err := db.Prove(ctx, "SELECT COUNT(*) FROM logs WHERE data = $1", fmt.Sprintf("0x%x", logs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if count.Receipt.Rows[0][0] != fmt.Sprint(want) {
		t.Fatalf("proven count %v, node %d", count.Receipt.Rows, want)
	}
}

// oldTransfers indexes erc20_transfers with the schema of before SORTED
// (block_number not declared sorted).
type oldTransfers struct{ Transfers }

func (oldTransfers) Table() *schema.Table { return unsorted(Schema()) }

// A store whose erc20_transfers was written before block_number was
// declared SORTED goes on being indexed with its stored schema; a table of
// another schema is still refused.
func TestIndexTableOfBeforeSorted(t *testing.T) {
	ctx := context.Background()
	_, client := startDevchain(t, 12, 3)
	st, _ := newStore(t, "")
	half := uint64(6)
	if _, err := Run(ctx, client, st, Config{LogCapacity: 5, Source: oldTransfers{}, To: &half}); err != nil {
		t.Fatal(err)
	}
	r, err := Run(ctx, client, st, Config{LogCapacity: 5})
	if err != nil || r.FromBlock != half+1 {
		t.Fatalf("resume with the stored schema: %+v, %v", r, err)
	}
	if m, _ := st.Manifest(datagen.TableName); m.Schema.Columns[0].Sorted {
		t.Fatal("the stored schema changed")
	}
	other := &schema.Table{Name: datagen.TableName, Columns: []schema.Column{{Name: "x", Type: schema.BigInt}}}
	st2, _ := newStore(t, "")
	if _, err := st2.AppendWithMeta(other, 5, [][]fr.Element{{}}, map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, client, st2, Config{LogCapacity: 5}); err == nil || !strings.Contains(err.Error(), "exists with another schema") {
		t.Fatalf("another schema: %v", err)
	}
}
