package circuits

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// sumCircuit asserts Σ X = Total, Σ of none = 0 and Σ of one = itself.
type sumCircuit struct {
	X     []frontend.Variable
	Total frontend.Variable `gnark:",public"`
}

func (c *sumCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(linearSum(api, c.X), c.Total)
	api.AssertIsEqual(linearSum(api, nil), 0)
	api.AssertIsEqual(linearSum(api, c.X[:1]), c.X[0])
	return nil
}

// A sum of many terms costs a constant number of constraints (gnark's
// compress threshold would otherwise add one per 300 terms), and proves
// the right total only.
func TestLinearSum(t *testing.T) {
	const n = 3000
	circuit := &sumCircuit{X: make([]frontend.Variable, n)}
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		t.Fatal(err)
	}
	if got := cs.GetNbConstraints(); got > 3 {
		t.Fatalf("a sum of %d terms took %d constraints, want at most 3", n, got)
	}
	good := &sumCircuit{X: make([]frontend.Variable, n)}
	total := 0
	for i := range good.X {
		good.X[i] = i
		total += i
	}
	good.Total = total
	bad := &sumCircuit{X: good.X, Total: total + 1}
	for _, tc := range []struct {
		name string
		a    *sumCircuit
		ok   bool
	}{{"the total", good, true}, {"the total plus one", bad, false}} {
		w, err := frontend.NewWitness(tc.a, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if err := cs.IsSolved(w); (err == nil) != tc.ok {
			t.Errorf("%s: solved %v, want %v (%v)", tc.name, err == nil, tc.ok, err)
		}
	}
}
