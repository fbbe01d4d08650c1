// Package exutil holds what the flagship examples share: a store in a
// directory, ingesting generated columns, and proving + verifying a query
// with a printed verdict.
package exutil

import (
	"context"
	"fmt"
	gnarklog "github.com/consensys/gnark/logger"
	"io"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// Env is an example's store and output.
type Env struct {
	DB  *provensql.DB
	Out io.Writer
	Rng *rand.Rand
}

// Open opens a store in dir able to commit segments of up to maxRows rows.
func Open(dir string, maxRows int, out io.Writer) (*Env, error) {
	db, err := provensql.Open(dir, provensql.Options{SRSSize: max(maxRows, 64)})
	if err != nil {
		return nil, err
	}
	return &Env{DB: db, Out: out, Rng: rand.New(rand.NewPCG(7, 11))}, nil
}

// Table collects generated rows of a schema.
type Table struct {
	Schema *schema.Table
	cols   [][]fr.Element
}

// NewTable starts a table from "col TYPE, ..." text.
func NewTable(name, columns string) *Table {
	cols, err := schema.ParseColumns(columns)
	if err != nil {
		panic(err) // the examples' schemas are constants
	}
	return &Table{Schema: &schema.Table{Name: name, Columns: cols}, cols: make([][]fr.Element, len(cols))}
}

// Add appends one row of integer values (addresses as big integers).
func (t *Table) Add(vals ...*big.Int) {
	for i, v := range vals {
		t.cols[i] = append(t.cols[i], schema.Encode(v))
	}
}

// Commit ingests the table in segments of segmentRows rows.
func (e *Env) Commit(t *Table, segmentRows int) error {
	logCap, err := store.LogCapacityFor(segmentRows)
	if err != nil {
		return err
	}
	m, err := e.DB.Store().Append(t.Schema, logCap, t.cols)
	if err != nil {
		return err
	}
	tc := m.Commitment()
	d, _ := tc.Digest()
	fmt.Fprintf(e.Out, "committed %s: %d rows, commitment %s\n", t.Schema.Name, m.Rows, d[:16])
	return nil
}

// Prove proves and verifies a query that returns one row (an aggregate
// query), prints it and returns the row.
func (e *Env) Prove(sql string, params ...string) ([]string, error) {
	rows, err := e.ProveRows(sql, params...)
	if err != nil {
		return nil, err
	}
	if len(rows) != 1 {
		return nil, fmt.Errorf("%s: %d result rows, want one", sql, len(rows))
	}
	return rows[0], nil
}

// ProveRows proves and verifies a query, prints it and returns its rows.
func (e *Env) ProveRows(sql string, params ...string) ([][]string, error) {
	res, err := e.DB.Prove(context.Background(), sql, params...)
	if err != nil {
		return nil, err
	}
	if _, err := e.DB.Verify(res.Receipt); err != nil {
		return nil, fmt.Errorf("verification failed: %w", err)
	}
	names := make([]string, len(res.Receipt.Columns))
	for i, c := range res.Receipt.Columns {
		names[i] = c.Name
	}
	fmt.Fprintf(e.Out, "  proven: %s\n    params %v  [VERIFIED, %d constraints]\n    %s\n", sql, params, res.Timings.Constraints, strings.Join(names, ", "))
	for _, r := range res.Receipt.Rows {
		fmt.Fprintf(e.Out, "    %s\n", strings.Join(r, ", "))
	}
	return res.Receipt.Rows, nil
}

// Str encodes a VARCHAR value for Table.Add.
func Str(s string) *big.Int {
	v, err := schema.EncodeString(s)
	if err != nil {
		panic(err) // the examples' strings are constants
	}
	return v
}

// Address returns a deterministic pseudo-random address.
func (e *Env) Address() *big.Int {
	var b [20]byte
	for i := range b {
		b[i] = byte(e.Rng.UintN(256))
	}
	return new(big.Int).SetBytes(b[:])
}

// Hex formats an address.
func Hex(a *big.Int) string { return schema.Address.FormatValue(a) }

// Int parses a proven integer result.
func Int(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return v
}

// Main runs an example's run function in a temporary store with rows rows
// and exits non-zero with the error.
func Main(name string, rows int, run func(out io.Writer, dir string, rows int) error) {
	gnarklog.Disable() // gnark's own debug lines (a program's choice, not the library's)
	dir, err := os.MkdirTemp("", "provensql-"+name+"-")
	if err == nil {
		defer os.RemoveAll(dir)
		err = run(os.Stdout, dir, rows)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
}

// CheckRun runs an example small in a temporary store and checks that it
// proved and verified an answer (the examples' tests).
func CheckRun(t testing.TB, run func(out io.Writer, dir string, rows int) error) {
	t.Helper()
	var out strings.Builder
	if err := run(&out, t.TempDir(), 64); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "VERIFIED") || !strings.Contains(out.String(), "A: ") {
		t.Fatalf("output:\n%s", out.String())
	}
	t.Log(out.String())
}
