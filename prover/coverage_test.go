package prover

import (
	"context"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// A query whose window is on a SORTED column holds only the segments
// around its window's rows (planner.Plan.Coverage): those holding rows of
// it, and a neighbour shown by its window alone where the window starts
// at a segment's row 0 or ends at its last row, so that a row beyond the
// bounds closes the window on each side (or the table ends). The table
// of coverageSetup: b = 2i in five segments of 8 rows (segment s holds
// b = 16s … 16s + 14). Each receipt verifies, its Report counts the
// segments left out, and its result is the one holding every segment
// gives.
func TestSegmentsLeftOut(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		args        []string
		first, last int   // the segments held
		alone       []int // of them, those shown by their window alone (receipt order)
	}{
		{"inside one segment", "SELECT COUNT(*), SUM(g) FROM t WHERE b = $1", []string{"34"}, 2, 2, nil},
		{"up to a segment's last row: its neighbour closes the window", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"20", "30"}, 1, 2, []int{1}},
		{"from a segment's row 0: its neighbour closes the window", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"32", "40"}, 1, 2, []int{0}},
		{"no lower bound: from segment 0", "SELECT g, COUNT(*), SUM(b) FROM t WHERE b < $1 GROUP BY g", []string{"10"}, 0, 0, nil},
		{"no upper bound: to the last segment", "SELECT b, g FROM t WHERE b >= $1 ORDER BY b DESC LIMIT 3", []string{"70"}, 4, 4, nil},
		{"two bounds and a filter", "SELECT COUNT(*), SUM(g) FROM t WHERE b >= $1 AND g <> $2 AND b < $3", []string{"30", "1", "48"}, 1, 3, []int{2}},
		{"a gap between two rows", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"21", "21"}, 1, 1, []int{0}},
		{"a gap between two segments", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"15", "15"}, 0, 1, []int{0, 1}},
		{"below every row", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"-9", "-1"}, 0, 0, []int{0}},
		{"above every row", "SELECT COUNT(*), SUM(g) FROM t WHERE b > $1", []string{"78"}, 4, 4, []int{0}},
		{"every row", "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2", []string{"0", "78"}, 0, 4, nil},
		{"the window's rows counted", "SELECT COUNT(*) FROM t WHERE b BETWEEN $1 AND $2", []string{"20", "61"}, 1, 3, []int{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := coverageSetup(t)
			pl := plan(t, st, tc.query, tc.args...)
			if !pl.Covers(false) {
				t.Fatal("the plan leaves no segment out")
			}
			rc, _, err := p.Prove(context.Background(), pl, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if rc.FirstSegment != tc.first || len(rc.Segments) != tc.last-tc.first+1 {
				t.Fatalf("segments %d to %d held, want %d to %d", rc.FirstSegment, rc.FirstSegment+len(rc.Segments)-1, tc.first, tc.last)
			}
			if got := outsideOf(rc); !slices.Equal(got, tc.alone) {
				t.Fatalf("shown by their window alone: %v, want %v", got, tc.alone)
			}
			rep, err := verifier.Verify(rc, verifier.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.LeftOut != 5-len(rc.Segments) || rep.Segments != len(rc.Segments) {
				t.Errorf("report: %d segments, %d left out; want %d, %d", rep.Segments, rep.LeftOut, len(rc.Segments), 5-len(rc.Segments))
			}
			p.KeepEverySegment = true
			all, _, err := p.Prove(context.Background(), pl, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if all.FirstSegment != 0 || len(all.Segments) != 5 {
				t.Fatalf("KeepEverySegment held segments %d to %d", all.FirstSegment, all.FirstSegment+len(all.Segments)-1)
			}
			if !slices.EqualFunc(rc.Rows, all.Rows, slices.Equal) {
				t.Fatalf("result %v, holding every segment gives %v", rc.Rows, all.Rows)
			}
		})
	}
}

// A prover may leave out no segment that holds rows of the window. For
// b ∈ [20, 61] (rows 10 … 30: segments 1 to 3, its first rows in
// segment 1 from row 2, its last in segment 3 to row 6), receipts that
// leave out segment 1, or segment 3, are refused: the first segment held
// then has its window from row 0, or the last to its last row, so nothing
// shows the rows beyond it outside the window. Made to show otherwise, the
// window's values fail the bounds or their opening. And a receipt may not
// leave segments out of a query without a window on a SORTED column, nor
// be moved along the table.
func TestLeftOutSegmentsCannotLie(t *testing.T) {
	const counted = "SELECT COUNT(*) FROM t WHERE b BETWEEN $1 AND $2" // every segment shown by its window
	const summed = "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2"
	args := []string{"20", "61"}
	for _, tc := range []struct {
		name, query string
		first, last int
		window      *[2]int          // the first held segment's dishonest window
		values      func([]*big.Int) // and its window's values
		want        string
	}{
		{"segment 1 left out", summed, 2, 3, nil, nil, "starts at its row 0"},
		{"segment 3 left out", summed, 1, 2, nil, nil, "ends at its last row"},
		{"segments 1 and 3 left out", counted, 2, 2, nil, nil, "starts at its row 0"},
		{"segment 1 left out, counted", counted, 2, 3, nil, nil, "starts at its row 0"},
		{"segment 1 left out, segment 2's window from row 1", counted, 2, 3, &[2]int{1, 8}, nil, "not below its lower bound"},
		{"segment 1 left out, segment 2's window from row 1, its row 0 shown below 20", counted, 2, 3, &[2]int{1, 8}, func(v []*big.Int) { v[1].SetInt64(19) }, "opening"},
		{"segment 1 left out, segment 2 proven from row 1", summed, 2, 3, &[2]int{1, 8}, nil, "witness"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := coverageSetup(t)
			pl := plan(t, st, tc.query, args...)
			p.alterCoverage = func(first, last *int) { *first, *last = tc.first, tc.last }
			if tc.window != nil {
				w := *tc.window
				p.forceOutside = func(u int) bool { return u == 0 && tc.query == counted }
				p.alterWindow = func(e *[2]int) {
					if e[0] == 0 && e[1] == 8 { // segment 2's true window
						*e = w
					}
				}
				if tc.values != nil {
					p.alterWindowEnds = tc.values
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				if strings.Contains(err.Error(), tc.want) {
					return // the circuit itself refuses the window
				}
				t.Fatal(err)
			}
			_, err = verifier.Verify(rc, verifier.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verified: %v, want an error with %q", err, tc.want)
			}
			t.Log(err)
		})
	}
}

// A receipt's held segments are checked as the table's: moved along the
// table (the proofs then meet other segments' commitments), past its
// end, or cut at either end so that the window no longer closes within
// them, it is refused; and a query without a window on a SORTED column
// may leave no segment out.
func TestCoverageReceiptEdits(t *testing.T) {
	p, st := coverageSetup(t)
	rc := coveredReceipt(t, p, st)
	noWindow, _, err := p.Prove(context.Background(), plan(t, st, "SELECT COUNT(*) FROM t WHERE g = $1", "1"), []string{"1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		from *receipt.Receipt
		edit func(*receipt.Receipt)
		want string
	}{
		{"moved one segment down", rc, func(r *receipt.Receipt) { r.FirstSegment = 0 }, "opening"},
		{"moved one segment up", rc, func(r *receipt.Receipt) { r.FirstSegment = 2 }, "opening"},
		{"past the table's end", rc, func(r *receipt.Receipt) { r.FirstSegment = 3 }, "from segment 3 on, the committed table has 5 segments"},
		{"before its start", rc, func(r *receipt.Receipt) { r.FirstSegment = -1 }, "from segment -1 on"},
		{"far past the table's end", rc, func(r *receipt.Receipt) { r.FirstSegment = math.MaxInt }, "the committed table has 5 segments"},
		{"its first segment cut", rc, func(r *receipt.Receipt) { r.FirstSegment, r.Segments = 2, r.Segments[1:] }, "starts at its row 0"},
		{"its last segment cut", rc, func(r *receipt.Receipt) { r.Segments = r.Segments[:2] }, "ends at its last row"},
		{"no segment", rc, func(r *receipt.Receipt) { r.Segments = nil }, "holds 0 segment proofs"},
		{"no window on a SORTED column", noWindow, func(r *receipt.Receipt) { r.FirstSegment, r.Segments = 1, r.Segments[1:] }, "only a one-table query or a lookup join with a window"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edited receipt.Receipt
			cloneReceipt(t, tc.from, &edited)
			tc.edit(&edited)
			_, err := verifier.Verify(&edited, verifier.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("verified: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// Every other first segment and every other slice of the held segments
// of an honest receipt is refused with an error, never a panic, and only
// the honest receipt verifies.
func TestCoverageEditsNeverPanic(t *testing.T) {
	p, st := coverageSetup(t)
	rc := coveredReceipt(t, p, st)
	for first := -2; first <= 7; first++ {
		for a := 0; a <= len(rc.Segments); a++ {
			for b := a; b <= len(rc.Segments); b++ {
				var edited receipt.Receipt
				cloneReceipt(t, rc, &edited)
				edited.FirstSegment, edited.Segments = first, edited.Segments[a:b]
				honest := first == rc.FirstSegment && a == 0 && b == len(rc.Segments)
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("first segment %d, segments [%d:%d]: panic %v", first, a, b, r)
						}
					}()
					if _, err := verifier.Verify(&edited, verifier.Options{}); (err == nil) != honest {
						t.Errorf("first segment %d, segments [%d:%d]: verified %v, honest %v", first, a, b, err, honest)
					}
				}()
			}
		}
	}
}

// A lookup join whose window is on its Left table's SORTED column holds
// only the Left segments around the window's rows, every proof of the
// others left out: sortedJoinSetup's window s ∈ [18, 28] holds rows 9 …
// 14, inside Left segment 1 of three. JOIN, LEFT JOIN and a grouped JOIN
// hold its proofs alone and give the result holding every segment gives;
// a prover holding Left segment 0 or 2 instead is refused.
func TestJoinSegmentsLeftOut(t *testing.T) {
	args := []string{"18", "28"}
	for _, query := range []string{
		"SELECT COUNT(*), SUM(r.y) FROM l JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2",
		"SELECT COUNT(*), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2",
		"SELECT r.y, COUNT(*) FROM l JOIN r ON l.k = r.k WHERE l.s BETWEEN $1 AND $2 GROUP BY r.y",
	} {
		t.Run(query, func(t *testing.T) {
			p, st := sortedJoinSetup(t)
			p.KeepEverySegment = false
			pl := plan(t, st, query, args...)
			rc, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if !rc.JoinLookup || !pl.Covers(true) || pl.Covers(false) {
				t.Fatal("not proven by the lookup join, or its coverage not the lookup join's")
			}
			if rc.FirstSegment != 1 || len(rc.Segments) != 1 || rc.LeftOut() != 2 {
				t.Fatalf("Left segment %d on, %d proofs, %d left out; want segment 1 alone", rc.FirstSegment, len(rc.Segments), rc.LeftOut())
			}
			rep, err := verifier.Verify(rc, verifier.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.LeftOut != 2 {
				t.Errorf("report: %d segments left out, want 2", rep.LeftOut)
			}
			p.KeepEverySegment = true
			all, _, err := p.Prove(context.Background(), pl, args)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(rc.Rows, all.Rows, slices.Equal) {
				t.Fatalf("result %v, holding every segment gives %v", rc.Rows, all.Rows)
			}
			p.KeepEverySegment = false
			for _, lie := range []struct {
				first int
				want  string
			}{{0, "ends at its last row"}, {2, "starts at its row 0"}} {
				p.alterCoverage = func(first, last *int) { *first, *last = lie.first, lie.first }
				bad, _, err := p.Prove(context.Background(), pl, args)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := verifier.Verify(bad, verifier.Options{}); err == nil || !strings.Contains(err.Error(), lie.want) {
					t.Fatalf("Left segment %d held alone: verified %v, want an error with %q", lie.first, err, lie.want)
				}
			}
		})
	}
}

// coveredReceipt proves, over coverageSetup's table, a window over rows
// 10 … 30 (b ∈ [20, 61]): segments 1 to 3 held, from segment 1's row 2 to
// segment 3's row 6.
func coveredReceipt(t *testing.T, p *Prover, st *store.Store) *receipt.Receipt {
	t.Helper()
	const query = "SELECT COUNT(*), SUM(g) FROM t WHERE b BETWEEN $1 AND $2"
	args := []string{"20", "61"}
	rc, _, err := p.Prove(context.Background(), plan(t, st, query, args...), args)
	if err != nil {
		t.Fatal(err)
	}
	if rc.FirstSegment != 1 || len(rc.Segments) != 3 {
		t.Fatalf("segments %d to %d held, want 1 to 3", rc.FirstSegment, rc.FirstSegment+len(rc.Segments)-1)
	}
	return rc
}
