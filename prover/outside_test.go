package prover

import (
	"context"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// outsideSetup stores t(b BIGINT SORTED, g BIGINT), b = 2i and g = i mod
// 3 for rows i = 0 … 39, in five segments of 8 rows, and returns a prover
// that holds every segment in its receipts (KeepEverySegment), those
// outside the window shown by their window alone.
func outsideSetup(t *testing.T) (*Prover, *store.Store) {
	p, st := coverageSetup(t)
	p.KeepEverySegment = true
	return p, st
}

// coverageSetup is outsideSetup with the prover's default: the segments
// before and after the window's rows left out of the receipt.
func coverageSetup(t *testing.T) (*Prover, *store.Store) {
	t.Helper()
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{
		{Name: "b", Type: schema.BigInt, Sorted: true},
		{Name: "g", Type: schema.BigInt},
	}}
	cols := make([][]fr.Element, 2)
	for i := range 40 {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(2*i))))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i%3))))
	}
	return setupTable(t, tbl, cols, 3)
}

// outsideOf lists the segments a receipt leaves outside its window.
func outsideOf(rc *receipt.Receipt) []int {
	var out []int
	for s, seg := range rc.Segments {
		if seg.WindowOnly {
			out = append(out, s)
		}
	}
	return out
}

// A segment none of whose rows a query's window holds gets no proof, for
// every kind of one-table plan: the receipt carries its window's values
// alone, it verifies, and its result is the one proving every segment
// gives, in which those segments' partial values are all 0 and they
// return no row (planner.Plan.WindowPartials). A window that holds no
// row of the table leaves every segment out: no proof at all; and so
// does a count of the window's rows (planner.Plan.WindowAlone), each
// segment's partial its window's length, as its proof has it.
func TestSegmentsOutsideTheWindow(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		args        []string
		outside     []int
	}{
		{"aggregates", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"20", "30"}, []int{0, 2, 3, 4}},
		{"extremes and a filter", "SELECT MIN(g), MAX(b), COUNT(*) FROM t WHERE b > $1 AND g <> $2", []string{"61", "1"}, []int{0, 1, 2}},
		{"groups", "SELECT g, COUNT(*), SUM(b) FROM t WHERE b < $1 GROUP BY g", []string{"10"}, []int{1, 2, 3, 4}},
		{"rows", "SELECT b, g FROM t WHERE b >= $1 ORDER BY b DESC LIMIT 3", []string{"70"}, []int{0, 1, 2, 3}},
		{"one value", "SELECT COUNT(*), SUM(g) FROM t WHERE b = $1", []string{"34"}, []int{0, 1, 3, 4}},
		{"two bounds", "SELECT COUNT(*), SUM(g) FROM t WHERE b >= $1 AND g <> $2 AND b < $3", []string{"30", "1", "48"}, []int{0, 3, 4}},
		{"a gap between two rows", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"21", "21"}, []int{0, 1, 2, 3, 4}},
		{"every row", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"0", "78"}, nil},
		// a count of the window's rows alone: every segment by its window
		{"the window's rows counted", "SELECT COUNT(*) FROM t WHERE b BETWEEN $1 AND $2", []string{"20", "61"}, []int{0, 1, 2, 3, 4}},
		{"the window's rows counted, two bounds", "SELECT COUNT(*) FROM t WHERE b > $1 AND b <= $2", []string{"20", "61"}, []int{0, 1, 2, 3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := outsideSetup(t)
			pl := plan(t, st, tc.query, tc.args...)
			if !pl.Prunable(false) {
				t.Fatal("the plan leaves no segment out")
			}
			rc, _, err := p.Prove(context.Background(), pl, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if got := outsideOf(rc); !slices.Equal(got, tc.outside) {
				t.Fatalf("segments outside the window: %v, want %v", got, tc.outside)
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
				t.Fatal(err)
			}
			p.ProveEverySegment = true
			all, _, err := p.Prove(context.Background(), pl, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if len(outsideOf(all)) != 0 {
				t.Fatal("ProveEverySegment left a segment out")
			}
			if !slices.EqualFunc(rc.Rows, all.Rows, slices.Equal) {
				t.Fatalf("result %v, proving every segment gives %v", rc.Rows, all.Rows)
			}
			// each segment shown by its window has the partials its proof
			// has: 0 outside the window, its window's length counted
			params, _ := pl.PublicParamValues()
			for _, s := range tc.outside {
				vals := make([]*big.Int, len(rc.Segments[s].Window))
				for k, v := range rc.Segments[s].Window {
					vals[k], _ = new(big.Int).SetString(v, 10)
				}
				i0, i1, err := pl.CheckWindow(vals, 8, params, false)
				if err != nil {
					t.Fatal(err)
				}
				if i0 != i1 && !pl.WindowAlone() {
					t.Errorf("segment %d shown by its window [%d, %d), which holds rows", s, i0, i1)
				}
				for k, v := range pl.WindowPartials(i0, i1) {
					if all.Segments[s].Partials[k] != v.String() {
						t.Errorf("segment %d shown by its window: its proof's partial %d is %s, its window's %s", s, k, all.Segments[s].Partials[k], v)
					}
				}
				if len(all.Segments[s].Rows) != 0 {
					t.Errorf("segment %d shown by its window returns rows", s)
				}
			}
			t.Logf("%v: %d of %d segments shown by their window", rc.Rows, len(tc.outside), len(rc.Segments))
		})
	}
}

// A prover may not leave out a segment the window holds rows of. Segment
// 1 holds rows b = 16 … 30, the window b ∈ [20, 30] its rows 2 … 7: left
// out with its true ends, or with ends that meet anywhere, the verifier
// refuses it (the ends do not meet, or the row before them is not below
// 20, or the row at them not above 30); with a value beside the ends made
// to show the window empty, the opening of the column at that row fails.
func TestSegmentOutsideTheWindowCannotLie(t *testing.T) {
	const query = "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2"
	args := []string{"20", "30"}
	for _, tc := range []struct {
		name   string
		ends   *[2]int
		values func([]*big.Int) // i0, v[i0−1], v[i0], i1, v[i1−1], v[i1]
		want   string
	}{
		{"its true ends", nil, nil, "holds rows of the segment"},
		{"ends met at its first row", &[2]int{0, 0}, nil, "not above its upper bound"},
		{"ends met inside the window", &[2]int{4, 4}, nil, "not below its lower bound"},
		{"ends met after its last row", &[2]int{8, 8}, nil, "not below its lower bound"},
		{"ends met at its first row, the row there shown above 30", &[2]int{0, 0}, func(v []*big.Int) { v[2].SetInt64(31); v[5].SetInt64(31) }, "opening"},
		{"ends met after its last row, the row before shown below 20", &[2]int{8, 8}, func(v []*big.Int) { v[1].SetInt64(19); v[4].SetInt64(19) }, "opening"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := outsideSetup(t)
			pl := plan(t, st, query, args...)
			p.forceOutside = func(u int) bool { return u == 1 }
			if tc.ends != nil {
				p.alterWindow = func(w *[2]int) { *w = *tc.ends }
			}
			if tc.values != nil {
				p.alterWindowEnds = tc.values
			}
			rc, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if got := outsideOf(rc); !slices.Contains(got, 1) {
				t.Fatalf("segment 1 not left out: %v", got)
			}
			_, err = verifier.Verify(rc, verifier.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verified: %v, want an error with %q", err, tc.want)
			}
			t.Log(err)
		})
	}
}

// A receipt's segments outside the window are checked as such: one made
// to carry a partial value or a Z, one made a proven segment, a proven
// one made outside, or one whose ends move (the opening then fails, or
// the ends no longer meet) is refused.
func TestWindowOnlyReceiptEdits(t *testing.T) {
	const query = "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2"
	args := []string{"20", "30"}
	p, st := outsideSetup(t)
	pl := plan(t, st, query, args...)
	rc, _, err := p.Prove(context.Background(), pl, args)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*receipt.Receipt)
		want string
	}{
		{"a partial value added", func(r *receipt.Receipt) { r.Segments[0].Partials = []string{"1", "2"} }, "carries a proof's values"},
		{"a Z added", func(r *receipt.Receipt) { r.Segments[3].Z = "5" }, "carries a proof's values"},
		{"made a proven segment", func(r *receipt.Receipt) { r.Segments[2].WindowOnly = false }, "proof bundle"},
		{"a proven segment made outside", func(r *receipt.Receipt) { r.Segments[1].WindowOnly = true }, "trailing bytes"},
		{"its ends moved, the row before them shown below 20", func(r *receipt.Receipt) { r.Segments[4].Window = []string{"1", "19", "66", "1", "19", "66"} }, "opening"},
		{"its ends apart", func(r *receipt.Receipt) { r.Segments[4].Window[3] = "1" }, "not at most its upper bound"},
		{"an end past the rows", func(r *receipt.Receipt) { r.Segments[4].Window[0] = "9"; r.Segments[4].Window[3] = "9" }, "outside the segment's 8 rows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edited receipt.Receipt
			cloneReceipt(t, rc, &edited)
			tc.edit(&edited)
			_, err := verifier.Verify(&edited, verifier.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verified: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// cloneReceipt deep-copies rc into dst through its JSON form.
func cloneReceipt(t *testing.T, rc *receipt.Receipt, dst *receipt.Receipt) {
	t.Helper()
	var b strings.Builder
	if err := rc.Write(&b); err != nil {
		t.Fatal(err)
	}
	c, err := receipt.Read(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	*dst = *c
}

// A lookup join's window on its Left table's SORTED column leaves out the
// Left segments it holds no row of, and every proof of theirs: l(s
// SORTED, k), s = 2i, k = i mod 3 for i = 0 … 23 in three segments of 8,
// r(k, y) with keys 0 and 1; the window s ∈ [18, 28] holds rows 9 … 14,
// in the second segment alone. JOIN, LEFT JOIN and a grouped JOIN verify
// and give the result proving every segment gives; a proven segment left
// out is refused.
func TestJoinSegmentsOutsideTheWindow(t *testing.T) {
	for _, tc := range []struct {
		name, query string
	}{
		{"join", "SELECT COUNT(*), SUM(r.y) FROM l JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2"},
		{"left join", "SELECT COUNT(*), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2"},
		{"grouped join", "SELECT r.y, COUNT(*) FROM l JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2 GROUP BY r.y"},
		{"join, two bounds", "SELECT COUNT(*), SUM(r.y) FROM l JOIN r ON l.k = r.k WHERE l.s >= $1 AND l.s <= $2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"18", "28"}
			p, st := sortedJoinSetup(t)
			pl := plan(t, st, tc.query, args...)
			rc, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if !rc.JoinLookup || !pl.Prunable(true) {
				t.Fatal("not proven by the lookup join, or its window leaves no segment out")
			}
			if got := outsideOf(rc); !slices.Equal(got, []int{0, 2}) {
				t.Fatalf("units outside the window: %v, want [0 2] (Left segments 0 and 2, one Right segment)", got)
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
				t.Fatal(err)
			}
			p.ProveEverySegment = true
			all, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(rc.Rows, all.Rows, slices.Equal) {
				t.Fatalf("result %v, proving every segment gives %v", rc.Rows, all.Rows)
			}
			t.Logf("%v", rc.Rows)
			p.ProveEverySegment = false
			p.forceOutside = func(u int) bool { return u == 1 }
			lie, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := verifier.Verify(lie, verifier.Options{}); err == nil || !strings.Contains(err.Error(), "holds rows") {
				t.Fatalf("a Left segment with rows in the window left out: %v", err)
			}
		})
	}
}

// sortedJoinSetup stores l(s BIGINT SORTED, k BIGINT), s = 2i and k = i
// mod 3 for i = 0 … 23 in segments of 8, and r(k BIGINT, y BIGINT) = (0,
// 10), (1, 20) in one segment of 8.
func sortedJoinSetup(t *testing.T) (*Prover, *store.Store) {
	t.Helper()
	p, st := outsideSetup(t) // its store, with t(b, g) beside
	lt := &schema.Table{Name: "l", Columns: []schema.Column{{Name: "s", Type: schema.BigInt, Sorted: true}, {Name: "k", Type: schema.BigInt}}}
	lc := make([][]fr.Element, 2)
	for i := range 24 {
		lc[0] = append(lc[0], schema.Encode(big.NewInt(int64(2*i))))
		lc[1] = append(lc[1], schema.Encode(big.NewInt(int64(i%3))))
	}
	rt := &schema.Table{Name: "r", Columns: []schema.Column{{Name: "k", Type: schema.BigInt}, {Name: "y", Type: schema.BigInt}}}
	rcols := [][]fr.Element{{schema.Encode(big.NewInt(0)), schema.Encode(big.NewInt(1))}, {schema.Encode(big.NewInt(10)), schema.Encode(big.NewInt(20))}}
	for _, tb := range []struct {
		tbl  *schema.Table
		cols [][]fr.Element
	}{{lt, lc}, {rt, rcols}} {
		if _, err := st.Append(tb.tbl, 3, tb.cols); err != nil {
			t.Fatal(err)
		}
	}
	return p, st
}

// A query that counts its window's rows and nothing else
// (planner.Plan.WindowAlone) is shown by every segment's window alone:
// a prover may not move a window's end to count a row more or fewer —
// with the true values beside the moved end the verifier's checks refuse
// it, with values forged to pass them the opening does.
func TestWindowAloneCannotLie(t *testing.T) {
	const query = "SELECT COUNT(*) FROM t WHERE b BETWEEN $1 AND $2"
	args := []string{"20", "30"} // segment 1 (b = 16 … 30): rows [2, 8)
	for _, tc := range []struct {
		name   string
		ends   [2]int
		values func([]*big.Int) // i0, v[i0−1], v[i0], i1, v[i1−1], v[i1]
		want   string
	}{
		{"a row below counted", [2]int{1, 8}, nil, "not at least its lower bound"},
		{"the first row left out", [2]int{3, 8}, nil, "not below its lower bound"},
		{"the last row left out", [2]int{2, 7}, nil, "not above its upper bound"},
		{"a row below counted, shown at the bound", [2]int{1, 8}, func(v []*big.Int) { v[2].SetInt64(20) }, "opening"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := outsideSetup(t)
			pl := plan(t, st, query, args...)
			if !pl.WindowAlone() {
				t.Fatal("the query is not its window alone")
			}
			p.forceOutside = func(u int) bool { return u == 1 }
			p.alterWindow = func(w *[2]int) { *w = tc.ends }
			p.alterWindowEnds = tc.values
			rc, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if rc.Proven() != 0 {
				t.Fatalf("%d proofs; a count of the window's rows needs none", rc.Proven())
			}
			_, err = verifier.Verify(rc, verifier.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verified: %v, want an error with %q", err, tc.want)
			}
			t.Log(err)
		})
	}
}
