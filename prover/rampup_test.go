package prover

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// TestRampUp: with RampUp, each of the first Parallel segments starts
// loading only once the one before it has derived its challenge; later
// segments wait for a free slot alone. The receipt is the one the same
// prover makes without it (the result, and it verifies).
func TestRampUp(t *testing.T) {
	vals := mixedValues(40) // five segments of 8 rows
	for _, ramp := range []bool{false, true} {
		t.Run(fmt.Sprintf("ramp up %v", ramp), func(t *testing.T) {
			p, st := setup(t, vals)
			p.Parallel, p.RampUp = 3, ramp
			var mu sync.Mutex
			var events []string
			p.traceUnit = func(u int, event string) {
				mu.Lock()
				defer mu.Unlock()
				events = append(events, fmt.Sprintf("%s %d", event, u))
			}
			rc := proveCountSum(t, p, st)
			if got := fmt.Sprint(rc.Rows); got != "[[22 53]]" { // a > 0: 1 and 2 six times each, 3 and 4 five times
				t.Fatalf("result %s, want [[22 53]]", got)
			}
			at := func(e string) int { return slices.Index(events, e) }
			for u := range 5 {
				if at(fmt.Sprintf("start %d", u)) < 0 || at(fmt.Sprintf("challenged %d", u)) < 0 {
					t.Fatalf("unit %d: events %v", u, events)
				}
			}
			for u := 1; u < 3; u++ {
				after := at(fmt.Sprintf("start %d", u)) > at(fmt.Sprintf("challenged %d", u-1))
				if ramp && !after {
					t.Errorf("unit %d started before unit %d's challenge: %v", u, u-1, events)
				}
			}
		})
	}
}

// proveCountSum proves COUNT(*), SUM(a) WHERE a > 0 over st's table t and
// returns the receipt once it verifies.
func proveCountSum(t *testing.T, p *Prover, st *store.Store) *receipt.Receipt {
	t.Helper()
	pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0")
	rc, _, err := p.Prove(context.Background(), pl, []string{"0"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatalf("receipt refused: %v", err)
	}
	return rc
}

// TestOpeningSpill: a query over several segments writes its opening's
// polynomials to a file in the store by default, one segment keeps them
// in memory, and OpeningInMemory keeps them there too; each receipt
// verifies with its result.
func TestOpeningSpill(t *testing.T) {
	vals := mixedValues(40) // five segments of 8 rows
	for _, tc := range []struct {
		name      string
		rows      int
		inMemory  bool
		want      string
		wantSpill bool
	}{
		{"five segments", 40, false, "[[22 53]]", true}, // a > 0: 1 and 2 six times each, 3 and 4 five times
		{"five segments in memory", 40, true, "[[22 53]]", false},
		{"one segment", 8, false, "[[4 10]]", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, vals[:tc.rows])
			p.OpeningInMemory = tc.inMemory
			made, spills := false, false
			p.openerMade = func(q *commitment.QueryOpener) { made, spills = true, q.Spills() }
			rc := proveCountSum(t, p, st)
			if got := fmt.Sprint(rc.Rows); got != tc.want {
				t.Fatalf("result %s, want %s", got, tc.want)
			}
			if !made || spills != tc.wantSpill {
				t.Fatalf("opener made %v, spills %v: want it spilling %v", made, spills, tc.wantSpill)
			}
		})
	}
}

// TestWallPhases: Timings' two wall-time phases lie inside the proof's
// time — the first proof starts after the first segment's load, witness
// and first pass, and the last segment ends before proving does — and
// with segments one at a time the first proof waits for no other
// segment's work.
func TestWallPhases(t *testing.T) {
	vals := mixedValues(40) // five segments of 8 rows
	p, st := setup(t, vals)
	pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0")
	_, tm, err := p.Prove(context.Background(), pl, []string{"0"})
	if err != nil {
		t.Fatal(err)
	}
	ph := tm.Phases
	if ph.ToFirstProof <= 0 || ph.AfterProofs < 0 || ph.ToFirstProof+ph.AfterProofs >= tm.Prove {
		t.Fatalf("to the first proof %v, after the proofs %v, proving %v", ph.ToFirstProof, ph.AfterProofs, tm.Prove)
	}
	// one at a time: the first proof waited for the first segment alone,
	// which is at most what all five loads, witnesses and first passes took
	if all := ph.Load + ph.Witness + ph.FirstPass; ph.ToFirstProof > all {
		t.Errorf("to the first proof %v, more than every segment's load, witness and first pass (%v)", ph.ToFirstProof, all)
	}
}

// mixedValues returns n values −2, −1, 0, …, 4, −2, … (negative, zero
// and positive, so that a filter a > 0 drops some).
func mixedValues(n int) []int64 {
	vals := make([]int64, n)
	for i := range vals {
		vals[i] = int64(i%7) - 2
	}
	return vals
}
