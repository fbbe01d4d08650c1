package prover

import (
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// oneTable is a catalog of one table, for plans without a store.
type oneTable struct{ t *schema.Table }

func (c oneTable) Schema(name string) (*schema.Table, error) {
	if name != c.t.Name {
		return nil, fmt.Errorf("no table %q", name)
	}
	return c.t, nil
}

// Partials evaluates a large segment in row ranges on several cores: the
// counts, sums (a UINT256 one limb by limb), MIN and MAX it combines are
// one pass's, and an error is the first row's.
func TestPartialsInRanges(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	tbl := &schema.Table{Name: "t", Columns: schema.WithLimbs([]schema.Column{
		{Name: "a", Type: schema.BigInt},
		{Name: "u", Type: schema.Uint256},
		{Name: "d", Type: schema.BigInt},
		{Name: "n", Type: schema.BigInt, Nullable: true},
	})}
	if err := tbl.Validate(); err != nil {
		t.Fatal(err)
	}
	rows := 4*partialsRange + 123
	cols := make([][]fr.Element, len(tbl.Columns)) // a, u, u's high limb, d, n, n's NULL flag
	for j := range cols {
		cols[j] = make([]fr.Element, rows)
	}
	for i := range rows {
		a := int64((i*7919)%20011) - 10000 // both signs, extremes inside the ranges
		cols[0][i] = schema.Encode(big.NewInt(a))
		u := new(big.Int).Lsh(big.NewInt(int64(i%977)), 130)
		u.Add(u, big.NewInt(int64(i)))
		lo, hi := schema.SplitUint256(u)
		cols[1][i], cols[2][i] = schema.Encode(lo), schema.Encode(hi)
		d := int64(1 + i%5)
		if i == 3*partialsRange+17 || i == partialsRange+5 { // two zero divisors: the first is reported
			d = 0
		}
		cols[3][i] = schema.Encode(big.NewInt(d))
		if i%7 == 0 { // NULL: value 0, flag 1
			cols[5][i].SetOne()
		} else {
			cols[4][i] = schema.Encode(big.NewInt(int64(i%1000) - 500))
		}
	}
	for _, tc := range []struct {
		query   string
		args    []string
		wantErr string
	}{
		{"SELECT COUNT(*), SUM(a), MIN(a), MAX(a), SUM(u), MIN(u), MAX(u) FROM t WHERE a > $1", []string{"-5000"}, ""},
		{"SELECT COUNT(*), MIN(a), MAX(u) FROM t WHERE a > $1", []string{"20000"}, ""}, // no row selected
		{"SELECT COUNT(n), MIN(n), MAX(n), SUM(n) FROM t", nil, ""},                    // NULLs read as the extremes' bounds
		{"SELECT SUM(a / d) FROM t", nil, fmt.Sprintf("row %d", partialsRange+6)},
	} {
		t.Run(tc.query, func(t *testing.T) {
			ev := evaluatorOf(t, tc.query, tbl, tc.args)
			got, err := ev.Partials(cols)
			one, err1 := ev.partialsOver(cols, 0, rows)
			if tc.wantErr != "" {
				if err == nil || err1 == nil || err.Error() != err1.Error() || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("errors %v and %v, want the first row's (%s)", err, err1, tc.wantErr)
				}
				return
			}
			if err != nil || err1 != nil {
				t.Fatal(err, err1)
			}
			want := one.values(ev.plan, ev.plan.Query.Aggregates())
			if !slices.EqualFunc(got, want, func(a, b *big.Int) bool { return a.Cmp(b) == 0 }) {
				t.Fatalf("in ranges %v, in one pass %v", got, want)
			}
		})
	}
}

// BenchmarkPartialsQ1 evaluates Q1's partials (COUNT and SUM where erc20 =
// $1 AND block_number BETWEEN $2 AND $3) over 2^18 generated rows, on
// every core: go test -run '^$' -bench PartialsQ1 ./prover
func BenchmarkPartialsQ1(b *testing.B) {
	d := datagen.ERC20Transfers(1<<18, 1)
	ev := evaluatorOf(b, datagen.Q1, d.Table, d.Q1Params())
	for b.Loop() {
		if _, err := ev.Partials(d.Cols); err != nil {
			b.Fatal(err)
		}
	}
}

// evaluatorOf parses query over table t, binds args and returns the plan's
// evaluator.
func evaluatorOf(tb testing.TB, query string, t *schema.Table, args []string) *Evaluator {
	tb.Helper()
	q, err := sql.Parse(query, oneTable{t})
	if err != nil {
		tb.Fatal(err)
	}
	if q, err = q.Bind(args); err != nil {
		tb.Fatal(err)
	}
	pl, err := planner.New(q)
	if err != nil {
		tb.Fatal(err)
	}
	ev, err := NewEvaluator(pl)
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}
