package twochain

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
)

// sumCircuit reads four BLS12-377 scalars as integers (ScalarInteger)
// and asserts their native sum.
type sumCircuit struct {
	A   [4]emulated.Element[sw_bls12377.ScalarField]
	Sum frontend.Variable `gnark:",public"`
}

func (c *sumCircuit) Define(api frontend.API) error {
	f, err := emulated.NewField[sw_bls12377.ScalarField](api)
	if err != nil {
		return err
	}
	sum := frontend.Variable(0)
	for i := range c.A {
		sum = api.Add(sum, ScalarInteger(api, f, &c.A[i]))
	}
	api.AssertIsEqual(sum, c.Sum)
	return nil
}

// TestScalarInteger: four scalars — 0, r − 1 (the largest canonical one), a
// small one and r − 2 — read as integers sum to their integer sum, past
// r and without a commitment (the aggregator's compiler); a wrong sum,
// and a scalar given as its value plus r in its limbs (the same scalar
// to a Groth16 verifier's MSM, another integer), are refused.
func TestScalarInteger(t *testing.T) {
	cs, err := CompileAggregator(&sumCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("four scalars read as integers and summed: %d constraints", cs.GetNbConstraints())
	r := ecc.BLS12_377.ScalarField()
	rm := func(k int64) *big.Int { return new(big.Int).Sub(r, big.NewInt(k)) }
	honest := []*big.Int{big.NewInt(0), rm(1), big.NewInt(7), rm(2)}
	total := new(big.Int)
	for _, v := range honest {
		total.Add(total, v)
	}
	limbs := func(v *big.Int) emulated.Element[sw_bls12377.ScalarField] {
		out := make([]frontend.Variable, 4)
		x := new(big.Int).Set(v)
		mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1))
		for k := range out {
			out[k] = new(big.Int).And(x, mask)
			x.Rsh(x, 64)
		}
		return emulated.Element[sw_bls12377.ScalarField]{Limbs: out}
	}
	for _, tc := range []struct {
		name  string
		vals  []*big.Int
		sum   *big.Int
		solve bool
	}{
		{"honest", honest, total, true},
		{"a wrong sum", honest, new(big.Int).Add(total, big.NewInt(1)), false},
		{"7 given as r + 7", []*big.Int{big.NewInt(0), rm(1), new(big.Int).Add(r, big.NewInt(7)), rm(2)}, new(big.Int).Add(total, r), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a sumCircuit
			for i, v := range tc.vals {
				a.A[i] = limbs(v)
			}
			a.Sum = tc.sum
			w, err := frontend.NewWitness(&a, ecc.BW6_761.ScalarField())
			if err != nil {
				t.Fatal(err)
			}
			if err := cs.IsSolved(w); (err == nil) != tc.solve {
				t.Fatalf("solved: %v (%v), want %v", err == nil, err, tc.solve)
			}
		})
	}
}

// TestQueryAggregatorRefusesLayouts: a layout of another input count, and
// proofs without statements, are errors, not circuits.
func TestQueryAggregatorRefusesLayouts(t *testing.T) {
	inner, vk, proofs, publics, err := InnerProofs(ecc.BLS12_377, ecc.BW6_761, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := QueryAggregatorShape(inner, vk, 2, StatementLayout{Inputs: 9}, [2]bls12377.G2Affine{}); err == nil {
		t.Error("a layout of 9 inputs taken for a circuit of 10")
	}
	layout := StatementLayout{Inputs: 10, Params: []int{0}, Summed: []int{1}}
	if _, err := QueryAggregatorAssignment(layout, proofs, publics[:1], nil); err == nil {
		t.Error("two proofs with one statement taken")
	}
	if _, err := QueryAggregatorAssignment(StatementLayout{Inputs: 9}, proofs, publics, nil); err == nil {
		t.Error("statements of 10 inputs taken for a layout of 9")
	}
	shape, err := QueryAggregatorShape(inner, vk, 2, layout, [2]bls12377.G2Affine{})
	if err != nil {
		t.Fatal(err)
	}
	shape.Params = shape.Params[:0]
	if _, err := CompileAggregator(shape); err == nil {
		t.Error("a shape without its parameters compiled")
	}
	opened := StatementLayout{Inputs: 10, Z: 0, Y: []int{1}}
	if _, err := QueryAggregatorAssignment(opened, proofs, publics, nil); err == nil {
		t.Error("an opened layout taken without openings")
	}
	if _, err := QueryAggregatorAssignment(opened, proofs, publics, make([][][2]bls12377.G1Affine, 2)); err == nil {
		t.Error("segments without their column's opening taken")
	}
}
