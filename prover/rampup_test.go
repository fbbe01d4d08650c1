package prover

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/provensql/provensql/verifier"
)

// TestRampUp: with RampUp, each of the first Parallel segments starts
// loading only once the one before it has derived its challenge; later
// segments wait for a free slot alone. The receipt is the one the same
// prover makes without it (the result, and it verifies).
func TestRampUp(t *testing.T) {
	vals := make([]int64, 40) // five segments of 8 rows
	for i := range vals {
		vals[i] = int64(i%7) - 2
	}
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
			pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0")
			rc, _, err := p.Prove(context.Background(), pl, []string{"0"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
				t.Fatalf("receipt refused: %v", err)
			}
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
