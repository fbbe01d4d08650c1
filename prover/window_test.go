package prover

import (
	"context"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// sortedSetup stores t(b BIGINT SORTED) in segments of 8 rows.
func sortedSetup(t *testing.T, vals []int64) (*Prover, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	col := make([]fr.Element, len(vals))
	for i, v := range vals {
		col[i] = schema.Encode(big.NewInt(v))
	}
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "b", Type: schema.BigInt, Sorted: true}}}
	if _, err := st.Append(tbl, 3, [][]fr.Element{col}); err != nil {
		t.Fatal(err)
	}
	b := proofsys.Groth16{}
	return &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}, st
}

// A range condition on a SORTED column is proven as a window of rows
// [i0, i1) and checks at its two ends. A prover may not move either end
// inward or outward, run the window into the padding rows, cross its ends
// or claim it empty: with the window's bits set for the lie and COUNT and
// SUM recomputed for it (so only the window's checks can catch it), no
// proof comes out. The controls set the true window through the same hook,
// prove and verify. Rows: b = −3, 2, 2, 4, 5, 7 in a segment of 8.
func TestWindowCannotLie(t *testing.T) {
	vals := []int64{-3, 2, 2, 4, 5, 7}
	for _, tc := range []struct {
		name   string
		sql    string
		args   []string
		i0, i1 int
		honest bool
	}{
		{"control", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 1, 5, true},
		{"first row left out", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 2, 5, false},
		{"row below taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 0, 5, false},
		{"last row left out", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 1, 4, false},
		{"row above taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 1, 6, false},
		{"padding row taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"-10", "100"}, 0, 7, false},
		{"control, all rows", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"-10", "100"}, 0, 6, true},
		{"claimed empty", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 3, 3, false},
		{"control, empty", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"5", "2"}, 4, 4, true},
		{"ends crossed", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"2", "5"}, 5, 1, false},
		// bounds reversed (an empty range): i0 = 4, i1 = 3 passes every end
		// check (b[3] = 4 < 5 ≤ b[4], b[2] = 2 ≤ 2 < b[3]); only i0 ≤ i1
		// refuses its row of weight −1 (COUNT −1)
		{"ends crossed over an empty range", "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"5", "2"}, 4, 3, false},
		{"control, b < $1", "SELECT COUNT(*), SUM(b) FROM t WHERE b < $1", []string{"4"}, 0, 3, true},
		{"b < $1: the row equal to the bound taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b < $1", []string{"4"}, 0, 4, false},
		{"control, b >= $1", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 3, 6, true},
		{"b >= $1: a row left out", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 4, 6, false},
		{"b >= $1: the window stops short of the last row", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 3, 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := sortedSetup(t, vals)
			pl := plan(t, st, tc.sql, tc.args...)
			if pl.Window == nil {
				t.Fatal("no window planned")
			}
			p.alterWitness = func(w *circuits.Query) {
				// COUNT and SUM as the circuit sums them: Σ (UpTo − Below)·(1, b)
				var count, sum int64
				bit := func(k, end int) int64 {
					if k < end {
						return 1
					}
					return 0
				}
				for k := range w.WinUpTo {
					in := bit(k, tc.i1) - bit(k, tc.i0)
					w.WinUpTo[k] = bit(k, tc.i1)
					if w.WinBelow != nil {
						w.WinBelow[k] = bit(k, tc.i0)
					}
					count += in
					if k < len(vals) { // padding rows: b = 0
						sum += in * vals[k]
					}
				}
				w.Partials[0], w.Partials[1] = encodeBig(big.NewInt(count)), encodeBig(big.NewInt(sum))
			}
			rc, _, err := p.Prove(context.Background(), pl, tc.args)
			t.Logf("%s: %v", tc.name, err)
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v", err == nil, tc.honest)
			}
			if err == nil {
				if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
