// Package datagen generates the embedded default data set: deterministic,
// realistic ERC-20 transfers (cryo's erc20_transfers columns), and the
// benchmark queries of DESIGN.md with real parameters for it.
package datagen

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// TableName is the default table's name.
const TableName = "erc20_transfers"

// FirstBlock is the block number of the first generated transfer.
const FirstBlock = 19_000_000

// Q1 is benchmark query Q1 of DESIGN.md.
const Q1 = "SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 = $1 AND block_number BETWEEN $2 AND $3"

// Schema returns the erc20_transfers schema with cryo's column names and
// widths (block_number, transaction_index and log_index are u32, so their
// comparisons need 32-bit range checks only). transaction_hash (bytes32) is
// left out until the SQL issue brings wide types; value is BIGINT UNSIGNED
// until it brings uint256.
func Schema() *schema.Table {
	return &schema.Table{Name: TableName, Columns: []schema.Column{
		{Name: "block_number", Type: schema.IntUnsigned, Sorted: true},
		{Name: "transaction_index", Type: schema.IntUnsigned},
		{Name: "log_index", Type: schema.IntUnsigned},
		{Name: "erc20", Type: schema.Address},
		{Name: "from_address", Type: schema.Address},
		{Name: "to_address", Type: schema.Address},
		{Name: "value", Type: schema.BigIntUnsigned},
		{Name: "chain_id", Type: schema.BigIntUnsigned},
	}}
}

// Data is a generated data set.
type Data struct {
	Table  *schema.Table
	Cols   [][]fr.Element // column-major, field-encoded
	Tokens []*big.Int     // token addresses, most transferred first
	Blocks int            // number of blocks spanned
}

func address(r *rand.Rand) *big.Int {
	var b [20]byte
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return new(big.Int).SetBytes(b[:])
}

// ERC20Transfers generates n transfers from seed: 16 tokens with Zipf-like
// popularity, 2,000 wallets with a heavy-tailed activity, about 4 transfers
// per block, log-uniform values up to 10^19 base units.
func ERC20Transfers(n int, seed uint64) *Data {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	tokens := make([]*big.Int, 16)
	for i := range tokens {
		tokens[i] = address(r)
	}
	wallets := make([]*big.Int, 2000)
	for i := range wallets {
		wallets[i] = address(r)
	}
	zipf := rand.NewZipf(r, 1.3, 1, uint64(len(tokens)-1))
	wz := rand.NewZipf(r, 1.1, 4, uint64(len(wallets)-1))
	d := &Data{Table: Schema(), Cols: make([][]fr.Element, 8), Tokens: tokens}
	for c := range d.Cols {
		d.Cols[c] = make([]fr.Element, n)
	}
	block, txIndex, logIndex := uint64(FirstBlock), 0, 0
	for i := 0; i < n; i++ {
		if r.IntN(4) == 0 {
			block += 1 + uint64(r.IntN(3))
			txIndex, logIndex = 0, 0
		}
		txIndex += r.IntN(3)
		val := uint64(math.Pow(10, r.Float64()*19))
		d.Cols[0][i].SetUint64(block)
		d.Cols[1][i].SetUint64(uint64(txIndex))
		d.Cols[2][i].SetUint64(uint64(logIndex))
		d.Cols[3][i].SetBigInt(tokens[zipf.Uint64()])
		d.Cols[4][i].SetBigInt(wallets[wz.Uint64()])
		d.Cols[5][i].SetBigInt(wallets[r.IntN(len(wallets))])
		d.Cols[6][i].SetUint64(val)
		d.Cols[7][i].SetUint64(1)
		logIndex++
	}
	d.Blocks = int(block-FirstBlock) + 1
	return d
}

// Q2 is benchmark query Q2 of DESIGN.md: a token's ten largest receivers.
const Q2 = "SELECT to_address, SUM(value) AS v FROM erc20_transfers WHERE erc20 = $1 GROUP BY to_address ORDER BY v DESC LIMIT 10"

// Q3 is benchmark query Q3 of DESIGN.md: senders with three transfers or more.
const Q3 = "SELECT from_address, COUNT(*) FROM erc20_transfers WHERE block_number < $1 GROUP BY from_address HAVING COUNT(*) >= 3"

// Q2Params returns real parameters for Q2 over d: the most transferred token.
func (d *Data) Q2Params() []string {
	return []string{schema.Address.FormatValue(d.Tokens[0])}
}

// Q3Params returns real parameters for Q3 over d: the first three quarters of the blocks.
func (d *Data) Q3Params() []string {
	return []string{fmt.Sprint(FirstBlock + 3*d.Blocks/4)}
}

// TopK is the top-k benchmark query: the ten largest transfers of a token,
// proven as a sorted prefix of all its transfers (row results, ORDER BY, LIMIT).
const TopK = "SELECT block_number, from_address, to_address, value FROM erc20_transfers WHERE erc20 = $1 ORDER BY value DESC LIMIT 10"

// TopKParams returns real parameters for TopK over d: the most transferred token.
func (d *Data) TopKParams() []string {
	return []string{schema.Address.FormatValue(d.Tokens[0])}
}

// Q1Params returns real parameters for Q1 over d: the most transferred
// token and the middle half of the block range.
func (d *Data) Q1Params() []string {
	lo := FirstBlock + d.Blocks/4
	hi := FirstBlock + 3*d.Blocks/4
	return []string{schema.Address.FormatValue(d.Tokens[0]), fmt.Sprint(lo), fmt.Sprint(hi)}
}

// RecentParams are Q1's parameters over the last hundredth of the
// blocks (at least one): an indexer's growing table queried over its most
// recent rows, which a proof covers with the few segments holding them
// (planner.Plan.Coverage) however many the table has.
func (d *Data) RecentParams() []string {
	last := FirstBlock + d.Blocks - 1
	lo := last - max(d.Blocks/100, 1) + 1
	return []string{schema.Address.FormatValue(d.Tokens[0]), fmt.Sprint(lo), fmt.Sprint(last)}
}

// TokensName is the name of the token list table the JOIN benchmark joins.
const TokensName = "tokens"

// TokenTable returns the token list of d: one row per token contract (address,
// a symbol, decimals), for joining erc20_transfers on erc20.
func (d *Data) TokenTable() (*schema.Table, [][]fr.Element) {
	t := &schema.Table{Name: TokensName, Columns: []schema.Column{
		{Name: "address", Type: schema.Address},
		{Name: "symbol", Type: schema.Varchar},
		{Name: "decimals", Type: schema.TinyIntUnsigned},
	}}
	cols := make([][]fr.Element, 3)
	for i, a := range d.Tokens {
		sym, _ := schema.EncodeString(fmt.Sprintf("TOK%02d", i))
		cols[0] = append(cols[0], schema.Encode(a))
		cols[1] = append(cols[1], schema.Encode(sym))
		cols[2] = append(cols[2], schema.Encode(big.NewInt(int64(6+6*(i%3)))))
	}
	return t, cols
}

// Join is the JOIN benchmark query: transfer count and volume per token
// symbol over a block range, each transfer joined with its token's row.
const Join = "SELECT k.symbol, COUNT(*), SUM(t.value) FROM erc20_transfers AS t JOIN tokens AS k ON t.erc20 = k.address WHERE t.block_number BETWEEN $1 AND $2 GROUP BY k.symbol"

// JoinParams returns real parameters for Join over d: the middle half of the blocks.
func (d *Data) JoinParams() []string {
	return d.Q1Params()[1:]
}

// Count is the range-count benchmark query: the transfers in Q1's block
// range, a count of its window's rows alone (planner.Plan.WindowAlone:
// no segment needs a proof).
const Count = "SELECT COUNT(*) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2"

// CountParams are Count's parameters: Q1's block range.
func (d *Data) CountParams() []string {
	return d.Q1Params()[1:]
}
