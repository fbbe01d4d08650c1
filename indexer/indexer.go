// Package indexer pulls chain data from any Ethereum JSON-RPC node into
// committed store tables (cryo's table and column names), committing them as
// it goes: ERC-20 transfers (erc20_transfers, from eth_getLogs) and block
// headers (blocks). Each table is a Source with its own cursor.
//
// Only blocks at least Confirmations below the head are indexed, in batches
// of consecutive blocks; each batch is appended together with the cursor
// (next block, hash of the last block) in one atomic manifest write, so a
// crash or Ctrl-C resumes exactly where the store says, without a duplicated
// or skipped row. On resume the stored hash is compared with the chain's: a
// reorganisation deeper than the confirmation depth is detected and reported
// (the committed table is append-only, so it is not rewritten).
//
// Transfer values are stored whole as UINT256 (two committed 128-bit limb
// columns), so no transfer is ever too large to index.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// A Source is a table the indexer fills from consecutive blocks: Transfers
// or Blocks.
type Source interface {
	// Table is the schema of the table it fills.
	Table() *schema.Table
	// fetch returns the table's rows for blocks lo..hi (column order) and
	// the hash of block hi; the bytes of BYTES values go to blobs.
	fetch(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64, blobs schema.Blobs) ([][]fr.Element, string, error)
}

// Transfers is the erc20_transfers source (the default).
type Transfers struct{}

// Table implements Source.
func (Transfers) Table() *schema.Table { return Schema() }

func (Transfers) fetch(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64, _ schema.Blobs) ([][]fr.Element, string, error) {
	return fetchTransfers(ctx, c, r, chainID, lo, hi)
}

// Blocks is the blocks source: one row per block header.
type Blocks struct{}

// BlocksSchema is the indexer's blocks table (cryo's column names).
func BlocksSchema() *schema.Table {
	return mustTable("blocks", "block_number INT UNSIGNED SORTED, block_hash BYTES32, parent_hash BYTES32, author ADDRESS, gas_used BIGINT UNSIGNED, gas_limit BIGINT UNSIGNED, timestamp TIMESTAMP, base_fee_per_gas UINT256, chain_id BIGINT UNSIGNED")
}

// Table implements Source.
func (Blocks) Table() *schema.Table { return BlocksSchema() }

// fetch reads the headers of blocks lo..hi.
func (Blocks) fetch(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64, _ schema.Blobs) ([][]fr.Element, string, error) {
	tbl := BlocksSchema()
	cols := make([][]fr.Element, len(tbl.Columns))
	hash := ""
	for n := lo; n <= hi; n++ {
		h, err := retry(ctx, r, func() (*types.Header, error) { return c.HeaderByNumber(ctx, new(big.Int).SetUint64(n)) })
		if err != nil {
			return nil, "", fmt.Errorf("indexer: header %d: %w", n, err)
		}
		if h.Number.Uint64() != n {
			return nil, "", fmt.Errorf("indexer: node returned header %d for block %d", h.Number.Uint64(), n)
		}
		fee := new(big.Int)
		if h.BaseFee != nil {
			fee = h.BaseFee
		}
		hash = h.Hash().Hex()
		limbs := func(b []byte) (*big.Int, *big.Int) { return schema.SplitUint256(new(big.Int).SetBytes(b)) }
		hl, hh := limbs(h.Hash().Bytes())
		pl, ph := limbs(h.ParentHash.Bytes())
		fl, fh := schema.SplitUint256(fee)
		vals := []*big.Int{new(big.Int).SetUint64(n), hl, hh, pl, ph, new(big.Int).SetBytes(h.Coinbase.Bytes()),
			new(big.Int).SetUint64(h.GasUsed), new(big.Int).SetUint64(h.GasLimit), new(big.Int).SetUint64(h.Time), fl, fh, chainID}
		if err := appendRow(tbl, cols, vals, fmt.Sprintf("block %d", n)); err != nil {
			return nil, "", err
		}
	}
	return cols, hash, nil
}

// Transactions is the transactions source: one row per transaction.
type Transactions struct{}

// TransactionsSchema is the indexer's transactions table (cryo's column
// names; to_address is the zero address for a contract creation).
func TransactionsSchema() *schema.Table {
	return mustTable("transactions", "block_number INT UNSIGNED SORTED, transaction_index INT UNSIGNED, transaction_hash BYTES32, nonce BIGINT UNSIGNED, from_address ADDRESS, to_address ADDRESS, value UINT256, gas_limit BIGINT UNSIGNED, gas_used BIGINT UNSIGNED, gas_price UINT256, transaction_type TINYINT UNSIGNED, success BOOLEAN, chain_id BIGINT UNSIGNED")
}

// Table implements Source.
func (Transactions) Table() *schema.Table { return TransactionsSchema() }

// fetch reads the blocks lo..hi with their transactions and receipts (gas
// used, success); the sender is recovered from each signature. gas_price is
// the price the transaction offers (its fee cap for EIP-1559 transactions).
func (Transactions) fetch(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64, _ schema.Blobs) ([][]fr.Element, string, error) {
	tbl := TransactionsSchema()
	cols := make([][]fr.Element, len(tbl.Columns))
	signer := types.LatestSignerForChainID(chainID)
	hash := ""
	for n := lo; n <= hi; n++ {
		b, err := retry(ctx, r, func() (*types.Block, error) { return c.BlockByNumber(ctx, new(big.Int).SetUint64(n)) })
		if err != nil {
			return nil, "", fmt.Errorf("indexer: block %d: %w", n, err)
		}
		if b.NumberU64() != n {
			return nil, "", fmt.Errorf("indexer: node returned block %d for block %d", b.NumberU64(), n)
		}
		hash = b.Hash().Hex()
		receipts, err := retry(ctx, r, func() ([]*types.Receipt, error) {
			return c.BlockReceipts(ctx, rpc.BlockNumberOrHashWithHash(b.Hash(), true))
		})
		if err != nil {
			return nil, "", fmt.Errorf("indexer: receipts of block %d: %w", n, err)
		}
		if len(receipts) != len(b.Transactions()) {
			return nil, "", fmt.Errorf("indexer: block %d has %d transactions but %d receipts", n, len(b.Transactions()), len(receipts))
		}
		for i, tx := range b.Transactions() {
			rc := receipts[i]
			if rc.TxHash != tx.Hash() {
				return nil, "", fmt.Errorf("indexer: block %d: receipt %d is for %s, not %s", n, i, rc.TxHash.Hex(), tx.Hash().Hex())
			}
			from, err := types.Sender(signer, tx)
			if err != nil {
				return nil, "", fmt.Errorf("indexer: block %d transaction %d (%s): sender: %w", n, i, tx.Hash().Hex(), err)
			}
			to := new(big.Int)
			if tx.To() != nil {
				to.SetBytes(tx.To().Bytes())
			}
			hl, hh := schema.SplitUint256(new(big.Int).SetBytes(tx.Hash().Bytes()))
			vl, vh := schema.SplitUint256(tx.Value())
			gl, gh := schema.SplitUint256(tx.GasPrice())
			vals := []*big.Int{new(big.Int).SetUint64(n), big.NewInt(int64(i)), hl, hh, new(big.Int).SetUint64(tx.Nonce()),
				new(big.Int).SetBytes(from.Bytes()), to, vl, vh, new(big.Int).SetUint64(tx.Gas()), new(big.Int).SetUint64(rc.GasUsed), gl, gh,
				big.NewInt(int64(tx.Type())), new(big.Int).SetUint64(rc.Status), chainID}
			if err := appendRow(tbl, cols, vals, fmt.Sprintf("block %d transaction %d", n, i)); err != nil {
				return nil, "", err
			}
		}
	}
	return cols, hash, nil
}

// Logs is the logs source: one row per event log.
type Logs struct{}

// LogsSchema is the indexer's logs table (cryo's column names): up to four
// topics as BYTES32, zero where a log has fewer (n_topics says how many),
// the data bytes (BYTES, committed by digest) and their length.
func LogsSchema() *schema.Table {
	return mustTable("logs", "block_number INT UNSIGNED SORTED, transaction_index INT UNSIGNED, log_index INT UNSIGNED, transaction_hash BYTES32, address ADDRESS, topic0 BYTES32, topic1 BYTES32, topic2 BYTES32, topic3 BYTES32, n_topics TINYINT UNSIGNED, data BYTES, data_length INT UNSIGNED, chain_id BIGINT UNSIGNED")
}

// Table implements Source.
func (Logs) Table() *schema.Table { return LogsSchema() }

func (Logs) fetch(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64, blobs schema.Blobs) ([][]fr.Element, string, error) {
	logs, hash, err := logsOf(ctx, c, r, lo, hi, nil)
	if err != nil {
		return nil, "", err
	}
	tbl := LogsSchema()
	cols := make([][]fr.Element, len(tbl.Columns))
	for _, l := range logs {
		if l.Removed {
			continue
		}
		if l.BlockNumber < lo || l.BlockNumber > hi || len(l.Topics) > 4 {
			return nil, "", fmt.Errorf("indexer: node returned a log of block %d with %d topics for blocks %d–%d", l.BlockNumber, len(l.Topics), lo, hi)
		}
		hl, hh := schema.SplitUint256(new(big.Int).SetBytes(l.TxHash.Bytes()))
		vals := []*big.Int{new(big.Int).SetUint64(l.BlockNumber), big.NewInt(int64(l.TxIndex)), big.NewInt(int64(l.Index)), hl, hh,
			new(big.Int).SetBytes(l.Address.Bytes())}
		for k := 0; k < 4; k++ {
			t := new(big.Int)
			if k < len(l.Topics) {
				t.SetBytes(l.Topics[k].Bytes())
			}
			lo, hi := schema.SplitUint256(t)
			vals = append(vals, lo, hi)
		}
		if len(l.Data) > schema.MaxLongBytes {
			return nil, "", fmt.Errorf("indexer: block %d log %d: %d data bytes exceed BYTES's %d", l.BlockNumber, l.Index, len(l.Data), schema.MaxLongBytes)
		}
		data := append([]byte{}, l.Data...)
		vals = append(vals, big.NewInt(int64(len(l.Topics))), blobs.Add(data), big.NewInt(int64(len(l.Data))), chainID)
		if err := appendRow(tbl, cols, vals, fmt.Sprintf("block %d log %d", l.BlockNumber, l.Index)); err != nil {
			return nil, "", err
		}
	}
	return cols, hash, nil
}

// mustTable builds one of the indexer's table schemas from constant text.
func mustTable(name, columns string) *schema.Table {
	cols, err := schema.ParseColumns(columns)
	if err != nil {
		panic(err) // a constant
	}
	return &schema.Table{Name: name, Columns: cols}
}

// appendRow appends one row of values (table column order) to cols,
// refusing a value outside its column's range; where names the row.
func appendRow(tbl *schema.Table, cols [][]fr.Element, vals []*big.Int, where string) error {
	for ci, v := range vals {
		if c := tbl.Columns[ci]; !c.Type.InRange(v) {
			return fmt.Errorf("indexer: %s: %s %s out of range", where, c.Name, v)
		}
		cols[ci] = append(cols[ci], schema.Encode(v))
	}
	return nil
}

// logsOf returns the logs of blocks lo..hi matching topics (all when nil)
// and the hash of block hi.
func logsOf(ctx context.Context, c Client, r *retrier, lo, hi uint64, topics [][]common.Hash) ([]types.Log, string, error) {
	q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(lo), ToBlock: new(big.Int).SetUint64(hi), Topics: topics}
	logs, err := retry(ctx, r, func() ([]types.Log, error) { return c.FilterLogs(ctx, q) })
	if err != nil {
		return nil, "", fmt.Errorf("indexer: logs of blocks %d–%d: %w", lo, hi, err)
	}
	h, err := retry(ctx, r, func() (*types.Header, error) { return c.HeaderByNumber(ctx, new(big.Int).SetUint64(hi)) })
	if err != nil {
		return nil, "", fmt.Errorf("indexer: header %d: %w", hi, err)
	}
	return logs, h.Hash().Hex(), nil
}

// Schema is the indexer's erc20_transfers table: cryo's columns, value as
// UINT256 (its hidden high limb column follows it).
func Schema() *schema.Table {
	t := datagen.Schema()
	var cols []schema.Column
	for _, c := range t.Columns {
		if c.Name == "value" {
			c.Type = schema.Uint256
		}
		cols = append(cols, c)
	}
	return &schema.Table{Name: t.Name, Columns: schema.WithLimbs(cols)}
}

// TransferTopic is keccak256("Transfer(address,address,uint256)").
var TransferTopic = crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))

// Client is the part of an Ethereum JSON-RPC client the indexer uses
// (ethclient.Client has it).
type Client interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	BlockByNumber(ctx context.Context, number *big.Int) (*types.Block, error)
	BlockReceipts(ctx context.Context, blockNrOrHash rpc.BlockNumberOrHash) ([]*types.Receipt, error)
}

// Config controls an indexing run.
type Config struct {
	// From is the first block to index when the table has no cursor yet.
	From uint64
	// To, when set, is the last block to index (capped at the confirmed head).
	To *uint64
	// Confirmations is the depth below the head a block must have.
	Confirmations uint64
	// BatchBlocks is the number of blocks per eth_getLogs request (default 500).
	BatchBlocks uint64
	// Concurrency bounds the requests in flight (default 4).
	Concurrency int
	// Retries is how many times a failed request is retried, with
	// exponential back-off from RetryDelay (defaults 6 and 200 ms).
	Retries    int
	RetryDelay time.Duration
	// LogCapacity is log2 of the segment capacity of a new table (default 12).
	LogCapacity int
	// Progress is told after every appended batch.
	Progress func(Progress)
	// Source is the table to fill (default: Transfers).
	Source Source
	// Heal takes back the blocks of a reorganisation found at the start of
	// a run (down to the newest stored checkpoint the chain still has) and
	// indexes the new chain instead of failing with ErrReorg.
	Heal bool
}

// checkpoints kept per table: the last block, hash and row count of each
// of the latest appended batches, for healing a reorganisation.
const keptCheckpoints = 64

type checkpoint struct {
	block uint64
	hash  string
	rows  int
}

func metaCheckpoints(table string) string { return "indexer." + table + ".checkpoints" }

func parseCheckpoints(s string) ([]checkpoint, error) {
	var out []checkpoint
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			continue
		}
		var cp checkpoint
		p := strings.Split(f, ":")
		if len(p) != 3 {
			return nil, fmt.Errorf("checkpoint %q", f)
		}
		var err error
		if cp.block, err = strconv.ParseUint(p[0], 10, 64); err != nil {
			return nil, fmt.Errorf("checkpoint %q: %w", f, err)
		}
		if cp.rows, err = strconv.Atoi(p[2]); err != nil {
			return nil, fmt.Errorf("checkpoint %q: %w", f, err)
		}
		cp.hash = p[1]
		out = append(out, cp)
	}
	return out, nil
}

func formatCheckpoints(cps []checkpoint) string {
	if len(cps) > keptCheckpoints {
		cps = cps[len(cps)-keptCheckpoints:]
	}
	parts := make([]string, len(cps))
	for i, cp := range cps {
		parts[i] = fmt.Sprintf("%d:%s:%d", cp.block, cp.hash, cp.rows)
	}
	return strings.Join(parts, ",")
}

// Progress reports indexing.
type Progress struct {
	Block, Target uint64
	Rows          int
	BlocksPerSec  float64
}

// Result summarises a run.
type Result struct {
	FromBlock, ToBlock uint64 // blocks indexed in this run (ToBlock < FromBlock: none)
	Rows               int    // rows appended in this run
	TotalRows          int
	// HealedRows is the number of rows taken back from a reorganised chain
	// (their blocks re-indexed from FromBlock); 0 when nothing was healed.
	HealedRows int
}

// metaNext and metaHash name a table's cursor entries in its manifest.
func metaNext(table string) string { return "indexer." + table + ".next_block" }
func metaHash(table string) string { return "indexer." + table + ".last_hash" }

// ErrReorg is returned (wrapped) when the chain no longer has the last indexed block.
var ErrReorg = errors.New("chain reorganised below the confirmation depth")

// Run indexes ERC-20 transfers from the table's cursor (or cfg.From) up to
// the confirmed head (or cfg.To).
func Run(ctx context.Context, c Client, st *store.Store, cfg Config) (*Result, error) {
	if cfg.BatchBlocks == 0 {
		cfg.BatchBlocks = 500
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.Retries == 0 {
		cfg.Retries = 6
	}
	if cfg.RetryDelay == 0 {
		cfg.RetryDelay = 200 * time.Millisecond
	}
	if cfg.LogCapacity == 0 {
		cfg.LogCapacity = store.DefaultLogCapacity
	}
	r := &retrier{n: cfg.Retries, delay: cfg.RetryDelay}
	chainID, err := retry(ctx, r, func() (*big.Int, error) { return c.ChainID(ctx) })
	if err != nil {
		return nil, fmt.Errorf("indexer: chain id: %w", err)
	}
	if cfg.Source == nil {
		cfg.Source = Transfers{}
	}
	tbl := cfg.Source.Table()
	next := cfg.From
	var lastHash string
	m, err := st.Manifest(tbl.Name)
	switch {
	case errors.Is(err, store.ErrNoTable):
	case err != nil:
		return nil, err
	default:
		if m.Schema.Hash() != tbl.Hash() && unsorted(tbl).Hash() == unsorted(&m.Schema).Hash() {
			// written before its block number was declared SORTED: go on
			// with the stored schema (range conditions on it are then
			// proven by comparisons, not as a window of rows)
			tbl = &m.Schema
		}
		if m.Schema.Hash() != tbl.Hash() {
			return nil, fmt.Errorf("indexer: table %s exists with another schema", tbl.Name)
		}
		if v, ok := m.Meta[metaNext(tbl.Name)]; ok {
			if next, err = strconv.ParseUint(v, 10, 64); err != nil {
				return nil, fmt.Errorf("indexer: corrupt cursor %q in %s: %w", v, tbl.Name, err)
			}
			lastHash = m.Meta[metaHash(tbl.Name)]
		} else if m.Rows > 0 {
			return nil, fmt.Errorf("indexer: table %s has rows but no indexer cursor (not written by the indexer)", tbl.Name)
		}
	}
	// Reorg check: the last indexed block must still be canonical.
	healed := 0
	if lastHash != "" && next > 0 {
		h, err := retry(ctx, r, func() (*types.Header, error) { return c.HeaderByNumber(ctx, new(big.Int).SetUint64(next-1)) })
		if err != nil {
			return nil, fmt.Errorf("indexer: header %d: %w", next-1, err)
		}
		if h.Hash().Hex() != lastHash {
			reorg := fmt.Errorf("indexer: block %d is now %s, indexed as %s: %w", next-1, h.Hash().Hex(), lastHash, ErrReorg)
			if !cfg.Heal {
				return nil, fmt.Errorf("%w (raise --confirmations, or heal; the committed table stays as it is)", reorg)
			}
			before := rowsOf(m)
			if m, err = heal(ctx, c, r, st, tbl.Name, m, reorg); err != nil {
				return nil, err
			}
			healed = before - m.Rows
			next, _ = strconv.ParseUint(m.Meta[metaNext(tbl.Name)], 10, 64)
			lastHash = m.Meta[metaHash(tbl.Name)]
		}
	}
	head, err := retry(ctx, r, func() (uint64, error) { return c.BlockNumber(ctx) })
	if err != nil {
		return nil, fmt.Errorf("indexer: head: %w", err)
	}
	if head < cfg.Confirmations {
		return &Result{FromBlock: next, ToBlock: next - 1, TotalRows: rowsOf(m), HealedRows: healed}, nil
	}
	target := head - cfg.Confirmations
	if cfg.To != nil && *cfg.To < target {
		target = *cfg.To
	}
	res := &Result{FromBlock: next, ToBlock: next - 1, TotalRows: rowsOf(m), HealedRows: healed}
	if next > target {
		return res, nil
	}
	start := time.Now()
	for lo := next; lo <= target; {
		// fetch up to Concurrency batches in parallel, append them in order
		type batch struct {
			lo, hi uint64
			cols   [][]fr.Element
			blobs  schema.Blobs
			hash   string
			err    error
		}
		var batches []*batch
		for k := 0; k < cfg.Concurrency && lo <= target; k++ {
			hi := min(lo+cfg.BatchBlocks-1, target)
			batches = append(batches, &batch{lo: lo, hi: hi, blobs: schema.Blobs{}})
			lo = hi + 1
		}
		var wg sync.WaitGroup
		for _, b := range batches {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b.cols, b.hash, b.err = cfg.Source.fetch(ctx, c, r, chainID, b.lo, b.hi, b.blobs)
			}()
		}
		wg.Wait()
		for _, b := range batches {
			if b.err != nil {
				return res, b.err
			}
			cps, err := parseCheckpoints(metaOf(m, metaCheckpoints(tbl.Name)))
			if err != nil {
				return res, fmt.Errorf("indexer: %s: %w", tbl.Name, err)
			}
			cps = append(cps, checkpoint{block: b.hi, hash: b.hash, rows: rowsOf(m) + len(b.cols[0])})
			meta := map[string]string{metaNext(tbl.Name): strconv.FormatUint(b.hi+1, 10), metaHash(tbl.Name): b.hash, metaCheckpoints(tbl.Name): formatCheckpoints(cps)}
			m, err = st.AppendBlobs(tbl, cfg.LogCapacity, b.cols, b.blobs, meta)
			if err != nil {
				return res, fmt.Errorf("indexer: storing blocks %d–%d: %w", b.lo, b.hi, err)
			}
			res.ToBlock = b.hi
			res.Rows += len(b.cols[0])
			res.TotalRows = m.Rows
			if cfg.Progress != nil {
				el := time.Since(start).Seconds()
				cfg.Progress(Progress{Block: b.hi, Target: target, Rows: m.Rows, BlocksPerSec: float64(b.hi-next+1) / max(el, 1e-9)})
			}
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	return res, nil
}

// metaOf returns a manifest's meta entry ("" without a manifest).
func metaOf(m *store.Manifest, key string) string {
	if m == nil {
		return ""
	}
	return m.Meta[key]
}

// heal takes back the blocks of a reorganisation: it finds the newest
// checkpoint whose block the chain still has, truncates the table to the
// rows indexed up to it and moves the cursor there.
func heal(ctx context.Context, c Client, r *retrier, st *store.Store, table string, m *store.Manifest, reorg error) (*store.Manifest, error) {
	cps, err := parseCheckpoints(metaOf(m, metaCheckpoints(table)))
	if err != nil {
		return nil, fmt.Errorf("indexer: %s: %w", table, err)
	}
	for k := len(cps) - 1; k >= 0; k-- {
		cp := cps[k]
		h, err := retry(ctx, r, func() (*types.Header, error) { return c.HeaderByNumber(ctx, new(big.Int).SetUint64(cp.block)) })
		if err != nil {
			return nil, fmt.Errorf("indexer: header %d: %w", cp.block, err)
		}
		if h.Hash().Hex() != cp.hash {
			continue
		}
		meta := map[string]string{metaNext(table): strconv.FormatUint(cp.block+1, 10), metaHash(table): cp.hash, metaCheckpoints(table): formatCheckpoints(cps[:k+1])}
		healed, err := st.Truncate(table, cp.rows, meta)
		if err != nil {
			return nil, fmt.Errorf("indexer: healing %s: %w", table, err)
		}
		return healed, nil
	}
	return nil, fmt.Errorf("%w, deeper than the %d checkpoints kept (the committed table stays as it is)", reorg, len(cps))
}

func rowsOf(m *store.Manifest) int {
	if m == nil {
		return 0
	}
	return m.Rows
}

// fetchTransfers returns the transfer rows of blocks lo..hi and the hash of block hi.
func fetchTransfers(ctx context.Context, c Client, r *retrier, chainID *big.Int, lo, hi uint64) ([][]fr.Element, string, error) {
	logs, hash, err := logsOf(ctx, c, r, lo, hi, [][]common.Hash{{TransferTopic}})
	if err != nil {
		return nil, "", err
	}
	tbl := Schema()
	cols := make([][]fr.Element, len(tbl.Columns))
	for i := range cols {
		cols[i] = []fr.Element{}
	}
	for _, l := range logs {
		// ERC-20 Transfer: 3 topics and a 32-byte value (ERC-721 has 4 topics)
		if l.Removed || len(l.Topics) != 3 || len(l.Data) != 32 {
			continue
		}
		if l.BlockNumber < lo || l.BlockNumber > hi {
			return nil, "", fmt.Errorf("indexer: node returned a log of block %d for blocks %d–%d", l.BlockNumber, lo, hi)
		}
		lo, hi := schema.SplitUint256(new(big.Int).SetBytes(l.Data))
		vals := []*big.Int{
			new(big.Int).SetUint64(l.BlockNumber), big.NewInt(int64(l.TxIndex)), big.NewInt(int64(l.Index)),
			new(big.Int).SetBytes(l.Address.Bytes()),
			new(big.Int).SetBytes(l.Topics[1].Bytes()[12:]), new(big.Int).SetBytes(l.Topics[2].Bytes()[12:]),
			lo, hi, chainID,
		}
		if err := appendRow(tbl, cols, vals, fmt.Sprintf("block %d log %d", l.BlockNumber, l.Index)); err != nil {
			return nil, "", err
		}
	}
	return cols, hash, nil
}

// retrier retries transient failures with exponential back-off.
type retrier struct {
	n     int
	delay time.Duration
}

func retry[T any](ctx context.Context, r *retrier, f func() (T, error)) (T, error) {
	var zero T
	d := r.delay
	var last error
	for attempt := 0; attempt <= r.n; attempt++ {
		v, err := f()
		if err == nil {
			return v, nil
		}
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
		last = err
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return zero, ctx.Err()
		}
		d *= 2
	}
	return zero, fmt.Errorf("after %d attempts: %w", r.n+1, last)
}

// unsorted returns a copy of t with no column declared SORTED.
func unsorted(t *schema.Table) *schema.Table {
	out := &schema.Table{Name: t.Name, Columns: append([]schema.Column(nil), t.Columns...)}
	for i := range out.Columns {
		out.Columns[i].Sorted = false
	}
	return out
}
