package twochain

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bw6761"
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
				a.A[i] = limbsOf[sw_bls12377.ScalarField](v)
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
	if _, err := QueryAggregatorShape(inner, vk, 2, StatementLayout{Inputs: 9}, KZGKey{}); err == nil {
		t.Error("a layout of 9 inputs taken for a circuit of 10")
	}
	layout := StatementLayout{Inputs: 10, Params: []int{0}, Summed: []int{1}}
	if _, err := QueryAggregatorAssignment(layout, proofs, publics[:1], nil, nil, nil, 2); err == nil {
		t.Error("two proofs with one statement taken")
	}
	if _, err := QueryAggregatorAssignment(StatementLayout{Inputs: 9}, proofs, publics, nil, nil, nil, 2); err == nil {
		t.Error("statements of 10 inputs taken for a layout of 9")
	}
	shape, err := QueryAggregatorShape(inner, vk, 2, layout, KZGKey{})
	if err != nil {
		t.Fatal(err)
	}
	shape.Params = shape.Params[:0]
	if _, err := CompileAggregator(shape); err == nil {
		t.Error("a shape without its parameters compiled")
	}
	opened := StatementLayout{Inputs: 10, Z: 0, Y: []int{1}, Columns: []int{0}, TableColumns: 2, RowCount: 2}
	digests := []*big.Int{big.NewInt(1), big.NewInt(2)}
	if _, err := QueryAggregatorAssignment(opened, proofs, publics, nil, nil, digests, 2); err == nil {
		t.Error("an opened layout taken without openings")
	}
	if _, err := QueryAggregatorAssignment(opened, proofs, publics, make([][][2]bls12377.G1Affine, 2), nil, digests, 2); err == nil {
		t.Error("segments without their column's opening taken")
	}
	if _, err := QueryAggregatorAssignment(opened, proofs, publics, nil, nil, digests[:1], 2); err == nil {
		t.Error("one column digest taken for a table of two columns")
	}
	for _, bad := range []StatementLayout{
		{Inputs: 10, Z: 0, Y: []int{1}, Columns: []int{2}, TableColumns: 2, RowCount: 2}, // a column outside the table
		{Inputs: 10, Z: 0, Y: []int{1}, TableColumns: 2, RowCount: 2},                    // Y without its column
	} {
		shape, err := QueryAggregatorShape(inner, vk, 2, bad, KZGKey{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := CompileAggregator(shape); err == nil {
			t.Errorf("layout %+v compiled", bad)
		}
	}
}

// outputsCircuit exposes two BW6-761 scalars as the wrapper does
// (exposeOutputs), each as its width says, and their digest
// (assertOutputDigest).
type outputsCircuit struct {
	In     [2]emulated.Element[sw_bw6761.ScalarField]
	Out    []frontend.Variable
	Digest frontend.Variable `gnark:",public"`
	widths []OutputWidth
}

func (c *outputsCircuit) Define(api frontend.API) error {
	words, err := exposeOutputs(api, c.In[:], c.Out, c.widths)
	if err != nil {
		return err
	}
	return assertOutputDigest(api, words, c.Digest)
}

// TestExposeOutputs: the wrapper's outputs are its aggregator's public
// inputs — Narrow, each below 2^192 in one element; Scalar, below 2^253 in
// one; Wide, each split at bit 192 into two — and nothing else: a changed
// part, a Narrow value of 2^192, a Scalar of 2^253, and a Wide value given
// as itself plus BW6-761's r in its limbs (the same scalar to the proof's
// verifier) are refused; SplitOutputs splits as the circuit does. The
// digest is OutputDigest's of the outputs: one of other outputs, or of an
// output given as itself plus BN254's r (the same field element, another
// word to hash), is refused.
func TestExposeOutputs(t *testing.T) {
	r := ecc.BW6_761.ScalarField()
	split := func(v *big.Int) []*big.Int {
		mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1))
		return []*big.Int{new(big.Int).And(v, mask), new(big.Int).Rsh(v, 192)}
	}
	big192 := new(big.Int).Lsh(big.NewInt(1), 192)
	big253 := new(big.Int).Lsh(big.NewInt(1), 253)
	r377 := ecc.BLS12_377.ScalarField()
	wideValue := new(big.Int).Sub(r, big.NewInt(5)) // 377 bits
	narrow, scalar, wide := []OutputWidth{Narrow, Narrow}, []OutputWidth{Scalar, Scalar}, []OutputWidth{Wide, Wide}
	rBN := ecc.BN254.ScalarField()
	for _, tc := range []struct {
		name     string
		widths   []OutputWidth
		in       [2]*big.Int
		out      []*big.Int
		solve    bool
		digestOf []*big.Int // the outputs the digest is of (nil: out)
	}{
		{"narrow", narrow, [2]*big.Int{big.NewInt(7), new(big.Int).Sub(big192, big.NewInt(1))}, []*big.Int{big.NewInt(7), new(big.Int).Sub(big192, big.NewInt(1))}, true, nil},
		{"narrow, a changed output", narrow, [2]*big.Int{big.NewInt(7), big.NewInt(8)}, []*big.Int{big.NewInt(7), big.NewInt(9)}, false, nil},
		{"narrow, 2^192", narrow, [2]*big.Int{big.NewInt(7), big192}, []*big.Int{big.NewInt(7), big.NewInt(0)}, false, nil},
		{"scalar", scalar, [2]*big.Int{r377, new(big.Int).Sub(big253, big.NewInt(1))}, []*big.Int{r377, new(big.Int).Sub(big253, big.NewInt(1))}, true, nil},
		{"scalar, a changed output", scalar, [2]*big.Int{r377, big.NewInt(8)}, []*big.Int{r377, big.NewInt(9)}, false, nil},
		{"scalar, 2^253", scalar, [2]*big.Int{big.NewInt(7), big253}, []*big.Int{big.NewInt(7), big.NewInt(0)}, false, nil},
		{"wide", wide, [2]*big.Int{big.NewInt(7), wideValue}, append(split(big.NewInt(7)), split(wideValue)...), true, nil},
		{"wide, a changed high part", wide, [2]*big.Int{big.NewInt(7), wideValue}, append(split(big.NewInt(7)), split(new(big.Int).Add(wideValue, big192))...), false, nil},
		{"wide, 7 given as r + 7", wide, [2]*big.Int{new(big.Int).Add(r, big.NewInt(7)), wideValue}, append(split(new(big.Int).Add(r, big.NewInt(7))), split(wideValue)...), false, nil},
		{"scalar then wide", []OutputWidth{Scalar, Wide}, [2]*big.Int{r377, wideValue}, append([]*big.Int{r377}, split(wideValue)...), true, nil},
		{"narrow, the digest of other outputs", narrow, [2]*big.Int{big.NewInt(7), big.NewInt(8)}, []*big.Int{big.NewInt(7), big.NewInt(8)}, false, []*big.Int{big.NewInt(7), big.NewInt(9)}},
		{"narrow, the digest of 7 + BN254's r", narrow, [2]*big.Int{big.NewInt(7), big.NewInt(8)}, []*big.Int{big.NewInt(7), big.NewInt(8)}, false, []*big.Int{new(big.Int).Add(rBN, big.NewInt(7)), big.NewInt(8)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.out)
			cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &outputsCircuit{Out: make([]frontend.Variable, n), widths: tc.widths})
			if err != nil {
				t.Fatal(err)
			}
			a := &outputsCircuit{Out: make([]frontend.Variable, n), widths: tc.widths}
			for i, v := range tc.in {
				a.In[i] = limbsOf[sw_bw6761.ScalarField](v)
			}
			for i, v := range tc.out {
				a.Out[i] = v
			}
			of := tc.digestOf
			if of == nil {
				of = tc.out
			}
			d, err := OutputDigest(of)
			if err != nil {
				t.Fatal(err)
			}
			a.Digest = d
			w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
			if err != nil {
				t.Fatal(err)
			}
			if err := cs.IsSolved(w); (err == nil) != tc.solve {
				t.Fatalf("solved: %v (%v), want %v", err == nil, err, tc.solve)
			}
			if tc.solve {
				got, err := SplitOutputs(tc.in[:], tc.widths)
				if err != nil || len(got) != len(tc.out) {
					t.Fatalf("SplitOutputs: %v (%v), want %v", got, err, tc.out)
				}
				for i := range got {
					if got[i].Cmp(tc.out[i]) != 0 {
						t.Fatalf("SplitOutputs: %v, want %v", got, tc.out)
					}
				}
			}
		})
	}
	if _, err := SplitOutputs([]*big.Int{big253}, []OutputWidth{Scalar}); err == nil {
		t.Error("SplitOutputs took 2^253 as a Scalar")
	}
}

// limbsOf is v as an emulated element's 64-bit limbs, as many as T's
// elements have, whatever v is (v ≥ the modulus included: a non-canonical
// representation).
func limbsOf[T emulated.FieldParams](v *big.Int) emulated.Element[T] {
	var params T
	out := make([]frontend.Variable, params.NbLimbs())
	x := new(big.Int).Set(v)
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1))
	for k := range out {
		out[k] = new(big.Int).And(x, mask)
		x.Rsh(x, 64)
	}
	return emulated.Element[T]{Limbs: out}
}
