package prover

import (
	"context"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/internal/poly"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// sortedSetup stores t(b BIGINT SORTED) in segments of 8 rows.
func sortedSetup(t *testing.T, vals []int64) (*Prover, *store.Store) {
	t.Helper()
	return setupColumn(t, schema.Column{Name: "b", Type: schema.BigInt, Sorted: true}, vals)
}

// proveWants proves pl, wants a proof exactly when honest, and verifies it.
func proveWants(t *testing.T, p *Prover, pl *planner.Plan, args []string, honest bool) {
	t.Helper()
	rc, _, err := p.Prove(context.Background(), pl, args)
	t.Logf("%s: %v", t.Name(), err)
	if honest != (err == nil) {
		t.Fatalf("proven: %v, want %v", err == nil, honest)
	}
	if err == nil {
		if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
			t.Fatal(err)
		}
	}
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
		{"control, b = $1", "SELECT COUNT(*), SUM(b) FROM t WHERE b = $1", []string{"2"}, 1, 3, true},
		{"control, b > $1 AND b <= $2", "SELECT COUNT(*), SUM(b) FROM t WHERE b > $1 AND b <= $2", []string{"2", "5"}, 3, 5, true},
		{"b > $1 AND b <= $2: a row equal to the lower bound taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b > $1 AND b <= $2", []string{"2", "5"}, 2, 5, false},
		{"b > $1 AND b <= $2: the row above the upper bound taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b > $1 AND b <= $2", []string{"2", "5"}, 3, 6, false},
		{"b > $1 AND b <= $2: the row at the upper bound left out", "SELECT COUNT(*), SUM(b) FROM t WHERE b > $1 AND b <= $2", []string{"2", "5"}, 3, 4, false},
		{"b = $1: a row equal to it left out", "SELECT COUNT(*), SUM(b) FROM t WHERE b = $1", []string{"2"}, 1, 2, false},
		{"b = $1: the row above taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b = $1", []string{"2"}, 1, 4, false},
		{"b = $1: the row below taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b = $1", []string{"2"}, 0, 3, false},
		{"control, b < $1", "SELECT COUNT(*), SUM(b) FROM t WHERE b < $1", []string{"4"}, 0, 3, true},
		{"b < $1: the row equal to the bound taken in", "SELECT COUNT(*), SUM(b) FROM t WHERE b < $1", []string{"4"}, 0, 4, false},
		{"control, b >= $1", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 3, 6, true},
		{"b >= $1: a row left out", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 4, 6, false},
		{"b >= $1: the window stops short of the last row", "SELECT COUNT(*), SUM(b) FROM t WHERE $1 <= b", []string{"4"}, 3, 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := sortedSetup(t, vals)
			p.ProveEverySegment = true // the circuit's checks of an empty window, not the verifier's
			pl := plan(t, st, tc.sql, tc.args...)
			if pl.Window == nil {
				t.Fatal("no window planned")
			}
			// the lie's window: its bits, its public ends and the column's
			// values beside them (opened at their rows, so the openings hold)
			p.alterWindow = func(win *[2]int) { *win = [2]int{tc.i0, tc.i1} }
			p.alterWitness = func(w *circuits.Query) {
				// COUNT and SUM as the circuit sums them: Σ Win·(1, b)
				var count, sum int64
				for k := range w.Win {
					in := int64(0)
					if tc.i0 <= k && k < tc.i1 {
						in = 1
					} else if tc.i1 <= k && k < tc.i0 {
						in = -1
					}
					count += in
					if k < len(vals) { // padding rows: b = 0
						sum += in * vals[k]
					}
				}
				w.Partials[0], w.Partials[1] = encodeBig(big.NewInt(count)), encodeBig(big.NewInt(sum))
			}
			proveWants(t, p, pl, tc.args, tc.honest)
		})
	}
}

// An opened window's bits are exactly the run [i0, i1) of its public ends
// (b in [2, 5]: rows 1..4 of b = −3, 2, 2, 4, 5, 7): with the ends honest,
// no other weights prove, COUNT and SUM recomputed for them. The last four
// lies are each refused by one check alone: the count (row 0 weighs
// nothing in the positions' sums), the positions' sum, their squares' sum
// and the bits' booleans.
func TestWindowBitsAreTheRun(t *testing.T) {
	vals := []int64{-3, 2, 2, 4, 5, 7}
	for _, tc := range []struct {
		name   string
		bits   []int64 // rows 0..7
		honest bool
	}{
		{"control", []int64{0, 1, 1, 1, 1, 0, 0, 0}, true},
		{"a row dropped", []int64{0, 1, 1, 1, 0, 0, 0, 0}, false},
		{"a row swapped for a later one", []int64{0, 1, 1, 1, 0, 1, 0, 0}, false},
		{"row 0 added", []int64{1, 1, 1, 1, 1, 0, 0, 0}, false},
		{"the run's count and squares, not a run", []int64{1, 1, 1, 0, 0, 1, 0, 0}, false},
		{"the run's count and sum, not a run", []int64{1, 0, 1, 1, 0, 1, 0, 0}, false},
		{"the run's count, sum and squares, weights not bits", []int64{-1, 4, -2, 2, 1, 0, 0, 0}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := sortedSetup(t, vals)
			pl := plan(t, st, "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", "2", "5")
			p.alterWitness = func(w *circuits.Query) {
				var count, sum int64
				for k, b := range tc.bits {
					w.Win[k] = encodeBig(big.NewInt(b))
					count += b
					if k < len(vals) {
						sum += b * vals[k]
					}
				}
				w.Partials[0], w.Partials[1] = encodeBig(big.NewInt(count)), encodeBig(big.NewInt(sum))
			}
			proveWants(t, p, pl, []string{"2", "5"}, tc.honest)
		})
	}
}

// An opened window's values beside its ends are the committed column's:
// a prover that leaves the first selected row (b = 2 at row 1) out of the
// window by claiming b = 1 there (below the bound, so every check in the
// circuit holds, COUNT and SUM recomputed) proves, but the verifier's
// opening of the column at that row refuses the receipt.
func TestWindowValuesAreOpened(t *testing.T) {
	vals := []int64{-3, 2, 2, 4, 5, 7}
	p, st := sortedSetup(t, vals)
	pl := plan(t, st, "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", "2", "5")
	if _, _, err := p.Prove(context.Background(), pl, []string{"2", "5"}); err != nil {
		t.Fatalf("control: %v", err)
	}
	lowerEndLie(t, p, pl, []string{"2", "5"}, big.NewInt(3), big.NewInt(11))
}

// lowerEndLie plays a prover that starts pl's window one row late (at row
// 2) and claims the value before it is 1, below the lower bound, with the
// given partial values: the lie satisfies the circuit, and the verifier
// must refuse the receipt (the value is not the committed column's).
func lowerEndLie(t *testing.T, p *Prover, pl *planner.Plan, args []string, partials ...*big.Int) {
	t.Helper()
	p.alterWindow = func(win *[2]int) { win[0] = 2 }
	p.alterWindowEnds = func(ends []*big.Int) { ends[1].SetInt64(1) } // i0, v[i0−1], v[i0], …
	p.alterResult = func(r *segmentResult) { r.partials = partials }
	rc, _, err := p.Prove(context.Background(), pl, args)
	if err != nil {
		t.Fatalf("the lie should satisfy the circuit: %v", err)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err == nil {
		t.Fatal("a window value that is not the column's was accepted")
	} else {
		t.Log(err)
	}
}

// A window on a narrow column (INT UNSIGNED) packs its public values into
// one input (planner.Plan.PackWindow), each part range-checked in the
// circuit. Without those checks a prover could shift the parts under the
// same packed input: here it takes row 0 (b = 1) into BETWEEN 2 AND 5 by
// raising b[i0] to 2 and lowering b[i0−1] (unchecked where i0 = 0) by
// 2^32 — the verifier, packing the opened values, sees the same input.
// Refused; the control proves.
func TestPackedWindowCannotShiftParts(t *testing.T) {
	vals := []int64{1, 2, 2, 4, 5, 7}
	for _, lie := range []bool{false, true} {
		p, st := setupColumn(t, schema.Column{Name: "b", Type: schema.IntUnsigned, Sorted: true}, vals)
		pl := plan(t, st, "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", "2", "5")
		if pl.WindowInputs(false) != 1 {
			t.Fatalf("window inputs %d, want 1 packed", pl.WindowInputs(false))
		}
		if lie {
			p.alterWindow = func(win *[2]int) { win[0] = 0 }
			p.alterResult = func(r *segmentResult) { r.partials = []*big.Int{big.NewInt(5), big.NewInt(14)} }
			p.alterWitness = func(w *circuits.Query) {
				w.WinEnds[2] = encodeBig(big.NewInt(2))                        // b[i0] = 1 + 1
				w.WinEnds[1] = encodeBig(new(big.Int).Lsh(big.NewInt(-1), 32)) // b[i0−1] = 0 − 2^32
			}
		}
		proveWants(t, p, pl, []string{"2", "5"}, !lie)
	}
}

// windowedJoin stores Left l(s SORTED, k): s = 1..6, k = 1, 2, 1, 2, 1,
// 2 and Right r(k, y): (1, 10), (2, 20), in segments of 8 and 4 rows, and
// plans a lookup join (a LEFT JOIN where outer) with WHERE l.s BETWEEN $1
// AND $2: COUNT(*), SUM(r.y), COUNT(r.y).
func windowedJoin(t *testing.T, outer bool, selectList ...string) (*Prover, *planner.Plan) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	enc := func(v ...int64) []fr.Element {
		out := make([]fr.Element, len(v))
		for i, x := range v {
			out[i] = schema.Encode(big.NewInt(x))
		}
		return out
	}
	l := &schema.Table{Name: "l", Columns: []schema.Column{{Name: "s", Type: schema.BigInt, Sorted: true}, {Name: "k", Type: schema.BigInt}}}
	r := &schema.Table{Name: "r", Columns: []schema.Column{{Name: "k", Type: schema.BigInt}, {Name: "y", Type: schema.BigInt}}}
	if _, err := st.Append(l, 3, [][]fr.Element{enc(1, 2, 3, 4, 5, 6), enc(1, 2, 1, 2, 1, 2)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(r, 2, [][]fr.Element{enc(1, 2), enc(10, 20)}); err != nil {
		t.Fatal(err)
	}
	b := proofsys.Groth16{}
	p := &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}
	join := "JOIN"
	if outer {
		join = "LEFT JOIN"
	}
	items := "COUNT(*), SUM(r.y), COUNT(r.y)"
	if len(selectList) > 0 {
		items = selectList[0]
	}
	pl := plan(t, st, "SELECT "+items+" FROM l "+join+" r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2", "2", "4")
	if size, err := p.Size(pl); err != nil || !size.Lookup || !pl.WindowOpened(size.Lookup) {
		t.Fatalf("not a windowed lookup join: %+v %v", size, err)
	}
	return p, pl
}

// A lookup join's window is opened like a one-table plan's: a prover that
// drops the first windowed Left row (s = 2 at row 1) by claiming s = 1
// there satisfies the circuit (COUNT and the sums recomputed), but the
// verifier's opening of the Left column at that row refuses the receipt.
func TestWindowedLookupJoinValuesAreOpened(t *testing.T) {
	p, pl := windowedJoin(t, false)
	lowerEndLie(t, p, pl, []string{"2", "4"}, big.NewInt(2), big.NewInt(30))
}

// A lookup join with a window condition on the Left table's SORTED column
// takes the window's rows as its Left rows in play (no activity bits of
// its own): a row outside the window may not be joined (matched, with its
// Right row's multiplicity and the aggregates raised to fit: only the
// lookup's key offset for rows not in play refuses it); the controls, a
// JOIN and a LEFT JOIN, prove and verify.
// Left l(s SORTED, k): s = 1..6, k = 1, 2, 1, 2, 1, 2; Right r(k, y): (1,
// 10), (2, 20); WHERE l.s BETWEEN 2 AND 4: Left rows 1..3 in play.
func TestWindowedLookupJoinCannotLie(t *testing.T) {
	for _, tc := range []struct {
		name   string
		outer  bool
		extra  int // a Left row outside the window joined; −1 none
		honest bool
	}{
		{"control", false, -1, true},
		{"row outside the window joined", false, 4, false},
		{"LEFT JOIN control", true, -1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, pl := windowedJoin(t, tc.outer)
			p.alterWitness = func(w *circuits.Query) {
				if w.JoinAct[0] != nil {
					t.Fatal("Left activity bits beside the window")
				}
				if tc.extra < 0 {
					return
				}
				y := []int64{10, 20}[(tc.extra)%2]
				w.Active[tc.extra] = 1
				w.Cols[2][tc.extra], w.Cols[3][tc.extra] = int64(tc.extra%2+1), y
				w.JoinMult[1][tc.extra%2] = w.JoinMult[1][tc.extra%2].(int) + 1
				w.Partials[0], w.Partials[1] = 4, encodeBig(big.NewInt(20+10+20+y)) // COUNT(r.y) is COUNT(*) here
				// the Bézout cofactors for the lie's unmatched bits (act − matched,
				// act the window's rows 1..3), so only the lookup can refuse it
				key := func(v int64) fr.Element {
					return schema.Encode(new(big.Int).Add(big.NewInt(v), new(big.Int).Lsh(big.NewInt(1), 63)))
				}
				var off fr.Element
				lk := []int64{1, 2, 1, 2, 1, 2, 0, 0}
				var u, z []fr.Element
				for row, k := range lk {
					act, matched := int64(0), int64(0)
					if row >= 1 && row < 4 {
						act = 1
					}
					if w.Active[row].(int) == 1 {
						matched = 1
					}
					e := key(k)
					off.SetBigInt(new(big.Int).Mul(big.NewInt(1-(act-matched)), circuits.LookupMatchedOffset))
					e.Add(&e, &off)
					u = append(u, e)
				}
				for i, k := range []int64{1, 2, 0, 0} {
					e := key(k)
					if i >= 2 {
						off.SetBigInt(circuits.LookupPaddingOffset)
						e.Add(&e, &off)
					}
					z = append(z, e)
				}
				a, b, err := poly.Bezout(poly.FromRoots(u), poly.FromRoots(z))
				if err != nil {
					t.Fatal(err)
				}
				fillCoefficients(w.JoinCoefA, a)
				fillCoefficients(w.JoinCoefB, b)
			}
			proveWants(t, p, pl, []string{"2", "4"}, tc.honest)
		})
	}
}

// A lookup join reads its window's sorted column on no row when the query
// names it nowhere else (planner.WindowColumnUnread): the circuit does not
// link it, and a prover changing it in its witness changes nothing — the
// proof verifies with the true result. Where the query also reads it (SUM
// of it), it is linked: the same change, with the sum raised to match,
// finds no verifying receipt.
func TestLookupJoinWindowColumnLinkedWhereRead(t *testing.T) {
	for _, tc := range []struct {
		name, items string
		unread      bool
		partials    []*big.Int // with row 2's s raised by 10 (the sum's lie)
	}{
		{"window only", "COUNT(*), SUM(r.y)", true, nil},
		{"also summed", "COUNT(*), SUM(l.s)", false, []*big.Int{big.NewInt(3), big.NewInt(19)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, pl := windowedJoin(t, false, tc.items)
			if got := pl.WindowColumnUnread(true); got != tc.unread {
				t.Fatalf("window column unread: %v, want %v", got, tc.unread)
			}
			js := pl.CircuitColumn(pl.Window.Column.Index)
			p.alterWitness = func(w *circuits.Query) { w.Tables[js][2] = 13 } // a join's column rows
			if tc.partials != nil {
				p.alterResult = func(r *segmentResult) { r.partials = tc.partials }
			}
			rc, _, err := p.Prove(context.Background(), pl, []string{"2", "4"})
			if err == nil {
				_, err = verifier.Verify(rc, verifier.Options{})
			}
			if tc.unread && err != nil {
				t.Fatalf("an unread column's witness changed: %v", err)
			}
			if !tc.unread && err == nil {
				t.Fatal("a read column changed and its sum raised: verified")
			}
		})
	}
}
