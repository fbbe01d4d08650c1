package prover

import (
	"context"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// The prover builds its witnesses with proofsys.NewWitness: for every kind
// of plan (aggregates, MIN/MAX, groups, returned rows, a window, both
// joins) the witness is byte for byte frontend.NewWitness's, and the proof
// verifies.
func TestWitnessIsGnarks(t *testing.T) {
	vals := []int64{5, -3, 7, 7, 0, 2}
	one := func(t *testing.T) (*Prover, *store.Store) { return setup(t, vals) }
	sorted := func(t *testing.T) (*Prover, *store.Store) { return sortedSetup(t, []int64{-3, 2, 2, 4, 5, 7}) }
	joined := func(t *testing.T) (*Prover, *store.Store) {
		return joinSetup(t, 3, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, []int64{1, 2, 2, 5}, []int64{100, 200, 300, 400})
	}
	lookup := func(t *testing.T) (*Prover, *store.Store) {
		return joinSetup(t, 2, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, []int64{1, 2, 5}, []int64{100, 200, 500})
	}
	for _, tc := range []struct {
		name  string
		setup func(*testing.T) (*Prover, *store.Store)
		query string
		args  []string
	}{
		{"aggregates", one, "SELECT COUNT(*), SUM(a) FROM t WHERE a < $1", []string{"6"}},
		{"extremes", one, "SELECT MIN(a), MAX(a) FROM t WHERE a <> $1", []string{"0"}},
		{"groups", one, "SELECT a, COUNT(*) FROM t GROUP BY a", nil},
		{"rows", one, "SELECT a FROM t ORDER BY a DESC LIMIT 3", nil},
		{"window", sorted, "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"0", "5"}},
		{"join", joined, "SELECT COUNT(*), SUM(r.y) FROM l JOIN r ON l.k = r.k", nil},
		{"lookup join", lookup, "SELECT COUNT(*), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := tc.setup(t)
			pl := plan(t, st, tc.query, tc.args...)
			compared := 0
			p.alterWitness = func(w *circuits.Query) {
				compared++
				want, err := frontend.NewWitness(w, ecc.BN254.ScalarField())
				if err != nil {
					t.Fatal(err)
				}
				got, err := proofsys.NewWitness(w)
				if err != nil {
					t.Fatal(err)
				}
				wb, _ := want.MarshalBinary()
				gb, _ := got.MarshalBinary()
				if !slices.Equal(wb, gb) {
					t.Errorf("witness differs from gnark's (%d and %d bytes)", len(gb), len(wb))
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
				t.Fatal(err)
			}
			if compared == 0 {
				t.Fatal("no witness compared")
			}
			assertPlanKind(t, p, tc.name, pl)
		})
	}
}

// assertPlanKind checks that a case's plan is the kind it is named for.
func assertPlanKind(t *testing.T, p *Prover, name string, pl *planner.Plan) {
	t.Helper()
	size, err := p.Size(pl)
	if err != nil {
		t.Fatal(err)
	}
	ok := true
	switch name {
	case "groups":
		ok = pl.Grouped
	case "rows":
		ok = pl.RowResult
	case "window":
		ok = pl.WindowOpened(size.Lookup)
	case "join":
		ok = pl.Query.Join != nil && !size.Lookup
	case "lookup join":
		ok = pl.Query.Join != nil && size.Lookup
	}
	if !ok {
		t.Fatalf("%s: the plan is not of that kind", name)
	}
}
