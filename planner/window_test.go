package planner

import (
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/provensql/provensql/schema"
)

// sortedCat has t(s BIGINT SORTED, a BIGINT) and u(k BIGINT, s BIGINT SORTED).
type sortedCat struct{}

func (sortedCat) Schema(name string) (*schema.Table, error) {
	if name == "u" {
		return &schema.Table{Name: "u", Columns: []schema.Column{{Name: "k", Type: schema.BigInt}, {Name: "s", Type: schema.BigInt, Sorted: true}}}, nil
	}
	return &schema.Table{Name: "t", Columns: []schema.Column{{Name: "s", Type: schema.BigInt, Sorted: true}, {Name: "a", Type: schema.BigInt}}}, nil
}

// A window is planned for a top-level AND operand bounding a SORTED column
// of the queried table (a join's Left table) by parameters, and for
// nothing else; it is part of the shape.
func TestWindowPlanning(t *testing.T) {
	for _, tc := range []struct {
		sql    string
		window string // "" none; else lo,hi strictness as "[lo,hi]", "(lo,", ",hi)" ...
	}{
		{"SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2", "[lo,hi]"},
		{"SELECT COUNT(*) FROM t WHERE a = $1 AND s < $2", ",hi)"},
		{"SELECT COUNT(*) FROM t WHERE a = $1 AND (a > 3 AND $2 <= s)", "[lo,"},
		{"SELECT COUNT(*) FROM t WHERE s > 5", "(lo,"},
		{"SELECT COUNT(*) FROM t WHERE s NOT BETWEEN $1 AND $2", ""},
		{"SELECT COUNT(*) FROM t WHERE s < $1 OR a = 2", ""},
		{"SELECT COUNT(*) FROM t WHERE s < a", ""},
		{"SELECT COUNT(*) FROM t WHERE a BETWEEN $1 AND $2", ""},
		{"SELECT COUNT(*) FROM t WHERE s = $1", "[lo,hi]"},
		// two one-sided bounds of the column, top-level AND operands: one window
		{"SELECT COUNT(*) FROM t WHERE s >= $1 AND s <= $2", "[lo,hi]"},
		{"SELECT COUNT(*) FROM t WHERE s < $1 AND a = 2 AND $2 < s", "(lo,hi)"},
		{"SELECT COUNT(*) FROM t WHERE s > $1 AND s > $2", "(lo,"},
		{"SELECT COUNT(*) FROM t WHERE s > $1 AND (s < $2 OR a = 1)", "(lo,"},
		{"SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2 AND s < $3", "[lo,hi]"},
		{"SELECT COUNT(*) FROM t WHERE a = 2 AND 7 = s", "[lo,hi]"},
		{"SELECT COUNT(*) FROM t WHERE s <> $1", ""},
		{"SELECT COUNT(*) FROM t WHERE s = a", ""},
		{"SELECT COUNT(*) FROM t JOIN u ON t.a = u.k WHERE t.s < $1", ",hi)"},
		{"SELECT COUNT(*) FROM t JOIN u ON t.a = u.k WHERE u.s < $1", ""},
	} {
		p := mustPlanOf(t, sortedCat{}, tc.sql)
		got := ""
		if w := p.Window; w != nil {
			if w.Lo != nil {
				got = map[bool]string{false: "[", true: "("}[w.LoStrict] + "lo,"
			} else {
				got = ","
			}
			if w.Hi != nil {
				got += "hi" + map[bool]string{false: "]", true: ")"}[w.HiStrict]
			}
		}
		if got != tc.window {
			t.Errorf("%s: window %q, want %q", tc.sql, got, tc.window)
		}
		if strings.Contains(p.Shape, "window") != (tc.window != "") {
			t.Errorf("%s: shape %q", tc.sql, p.Shape)
		}
	}
	// a count of the window's rows and nothing else is the window alone
	for sql, alone := range map[string]bool{
		"SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2":          true,
		"SELECT COUNT(*) FROM t WHERE s > $1 AND s <= $2":           true,
		"SELECT COUNT(*) FROM t WHERE s < $1":                       true,
		"SELECT COUNT(*), COUNT(s) FROM t WHERE s < $1":             true,
		"SELECT COUNT(*), SUM(a) FROM t WHERE s < $1":               false,
		"SELECT COUNT(*) FROM t WHERE s < $1 AND a = 2":             false,
		"SELECT a, COUNT(*) FROM t WHERE s < $1 GROUP BY a":         false,
		"SELECT s FROM t WHERE s < $1 LIMIT 3":                      false,
		"SELECT COUNT(*) FROM t JOIN u ON t.a = u.k WHERE t.s < $1": false,
		"SELECT COUNT(*) FROM t":                                    false,
	} {
		p := mustPlanOf(t, sortedCat{}, sql)
		if got := p.Window != nil && p.WindowAlone(); got != alone {
			t.Errorf("%s: its window alone %v, want %v", sql, got, alone)
		}
	}
	// the table's order is part of the shape: the same text over an
	// unsorted table is another circuit
	const q = "SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2"
	if mustPlanOf(t, unsortedCat{}, q).ShapeHash == mustPlanOf(t, sortedCat{}, q).ShapeHash {
		t.Error("the shapes over a sorted and an unsorted column collide")
	}
}

// unsortedCat has t(s BIGINT, a BIGINT), s not SORTED.
type unsortedCat struct{}

func (unsortedCat) Schema(string) (*schema.Table, error) {
	return &schema.Table{Name: "t", Columns: []schema.Column{{Name: "s", Type: schema.BigInt}, {Name: "a", Type: schema.BigInt}}}, nil
}

// TestWindowColumnUnread: a join's lookup circuit need not link the
// window's column where the query reads it nowhere but in the window; the
// general join, or another use, reads it per row.
func TestWindowColumnUnread(t *testing.T) {
	for _, tc := range []struct {
		sql    string
		lookup bool
		want   bool
	}{
		{"SELECT COUNT(*), SUM(t.a) FROM t JOIN u ON t.a = u.k WHERE t.s BETWEEN $1 AND $2", true, true},
		{"SELECT COUNT(*), SUM(t.a) FROM t JOIN u ON t.a = u.k WHERE t.s BETWEEN $1 AND $2", false, false},
		{"SELECT COUNT(*), SUM(t.s) FROM t JOIN u ON t.a = u.k WHERE t.s BETWEEN $1 AND $2", true, false},
		{"SELECT COUNT(*) FROM t JOIN u ON t.a = u.k WHERE t.s BETWEEN $1 AND $2 AND t.s <> 4", true, false},
		{"SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2", true, false}, // one table: not a plan column at all
	} {
		p := mustPlanOf(t, sortedCat{}, tc.sql)
		if got := p.WindowColumnUnread(tc.lookup); got != tc.want {
			t.Errorf("%s (lookup %v): %v, want %v", tc.sql, tc.lookup, got, tc.want)
		}
	}
}

// TestCoverage checks Coverage against every range of segments on random
// tables whose SORTED column ascends over the table: the range it returns
// holds every segment with window rows, passes CheckCoverage, is the
// shortest range that does, and reads O(log n) windows besides those it
// holds. Windows are counted as the prover counts them: i0 the rows below
// the lower bound, i1 (at least i0) those at most the upper one.
func TestCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, query := range []string{
		"SELECT COUNT(*) FROM t WHERE s BETWEEN $1 AND $2",
		"SELECT COUNT(*) FROM t WHERE s < $1",
		"SELECT COUNT(*) FROM t WHERE s >= $1",
	} {
		p := mustPlanOf(t, sortedCat{}, query)
		w := p.Window
		for trial := range 300 {
			n := 1 + rng.IntN(40)
			rows := make([]int, n)
			var vals [][]int64
			v := int64(0)
			for s := range n {
				rows[s] = 1 + rng.IntN(6)
				if s < n-1 {
					rows[s] = 6 // only the last segment may be partial
				}
				seg := make([]int64, rows[s])
				for r := range seg {
					v += int64(rng.IntN(3)) // ties too
					seg[r] = v
				}
				vals = append(vals, seg)
			}
			lo, hi := int64(rng.IntN(int(v)+4))-2, int64(rng.IntN(int(v)+4))-2
			ends := make([][2]int, n)
			holds := []int{}
			for s, seg := range vals {
				i0, i1 := 0, len(seg)
				if w.Lo != nil {
					i0 = 0
					for i0 < len(seg) && seg[i0] < lo {
						i0++
					}
				}
				if w.Hi != nil {
					i1 = 0
					for i1 < len(seg) && seg[i1] <= hi {
						i1++
					}
					i1 = max(i1, i0)
				}
				ends[s] = [2]int{i0, i1}
				if i0 < i1 {
					holds = append(holds, s)
				}
			}
			reads := 0
			first, last := p.Coverage(n, func(s int) [2]int { reads++; return ends[s] }, func(s int) int { return rows[s] })
			check := func(f, l int) bool {
				if len(holds) > 0 && (f > holds[0] || l < holds[len(holds)-1]) {
					return false
				}
				return p.CheckCoverage(f, l, n, ends[f], ends[l], rows[l], false) == nil
			}
			if !check(first, last) {
				t.Fatalf("%s, trial %d: segments %d to %d of %d fail the check (holding %v; bounds %d, %d)", query, trial, first, last, n, holds, lo, hi)
			}
			for f := 0; f < n; f++ {
				for l := f; l < n; l++ {
					if l-f < last-first && check(f, l) {
						t.Fatalf("%s, trial %d: segments %d to %d pass, shorter than %d to %d", query, trial, f, l, first, last)
					}
				}
			}
			if limit := 4*(bits.Len(uint(n))+1) + 2*(last-first+1) + 4; reads > limit {
				t.Errorf("%s, trial %d: %d windows read for %d segments, %d held (at most %d)", query, trial, reads, n, last-first+1, limit)
			}
		}
	}
}
