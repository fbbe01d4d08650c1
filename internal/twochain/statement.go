package twochain

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
)

// ScalarInteger returns the integer in [0, r) that e, a BLS12-377 scalar
// as the aggregator holds a segment's public input, represents, as one
// native BW6-761 variable (whose 377-bit field holds sums of many such
// integers without wrapping), and proves e canonical: its limbs' bits,
// compared bit by bit from the top with r − 1, are at most r − 1, so no
// other representation (e + r) passes.
//
// It takes no BSB22 commitment, so CompileAggregator's commitment-free
// aggregator can read its segments' statements with it: gnark's emulated
// AssertIsEqual, ReduceStrict and ToBitsCanonical all defer a product
// check to a commitment, and an aggregator with one costs its wrapper
// 2.63M constraints. e should be as allocated, as a segment proof's public
// input is: the result of emulated arithmetic may hold its value plus a
// multiple of r, which the check refuses (never a wrong integer).
func ScalarInteger(api frontend.API, f *emulated.Field[sw_bls12377.ScalarField], e *emulated.Element[sw_bls12377.ScalarField]) frontend.Variable {
	bits := f.ToBits(e)
	bound := new(big.Int).Sub(ecc.BLS12_377.ScalarField(), big.NewInt(1))
	n := bound.BitLen()
	for i := n; i < len(bits); i++ { // above r's bit length: zero
		api.AssertIsEqual(bits[i], 0)
	}
	// eq[i]: bits i … n−1 equal r − 1's; where r − 1 has a 0 below an
	// equal prefix, the bit must be 0 too
	eq := frontend.Variable(1)
	for i := n - 1; i >= 0; i-- {
		if bound.Bit(i) == 1 {
			eq = api.Mul(eq, bits[i])
			continue
		}
		api.AssertIsEqual(api.Mul(eq, bits[i]), 0)
	}
	return api.FromBinary(bits[:n]...)
}

// QueryAggregator verifies k segment proofs of one query shape (the key
// fixed) whose statements share the query's parameters, and exposes the
// query's summed results: for each summed public input of a segment (a
// COUNT's or a SUM's partial), the sum over the segments of the integers
// the segments hold (ScalarInteger), as a native public output. The
// parameters are one set of variables that every segment's statement
// takes at its parameter positions, so a segment proven for other
// parameters fails its proof check, with no comparison (and no
// commitment: CompileAggregator compiles it). A SUM's negative partials
// are r − x there; the outputs are integers below k·r, which whoever reads
// them reduces mod r.
type QueryAggregator struct {
	VK     stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Proofs []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	// Rest holds each segment's public inputs other than the parameters,
	// in order.
	Rest   [][]emulated.Element[sw_bls12377.ScalarField]
	Params []emulated.Element[sw_bls12377.ScalarField]
	Sums   []frontend.Variable `gnark:",public"`
	// Layout is where the parameters and the summed inputs sit among a
	// segment's public inputs.
	Layout StatementLayout `gnark:"-"`
}

// StatementLayout places a query's parameters and summed inputs among a
// segment proof's public inputs (Inputs of them).
type StatementLayout struct {
	Inputs int
	Params []int
	Summed []int
}

// Define implements frontend.Circuit.
func (c *QueryAggregator) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bls12377.ScalarField, sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](api)
	if err != nil {
		return err
	}
	f, err := emulated.NewField[sw_bls12377.ScalarField](api)
	if err != nil {
		return err
	}
	l := c.Layout
	if len(c.Params) != len(l.Params) || len(c.Sums) != len(l.Summed) || len(c.Rest) != len(c.Proofs) {
		return fmt.Errorf("twochain: %d parameters, %d sums, %d statements for %d proofs; the layout takes %d and %d", len(c.Params), len(c.Sums), len(c.Rest), len(c.Proofs), len(l.Params), len(l.Summed))
	}
	isParam := map[int]int{}
	for j, at := range l.Params {
		isParam[at] = j
	}
	sums := make([]frontend.Variable, len(l.Summed))
	for j := range sums {
		sums[j] = 0
	}
	for s := range c.Proofs {
		if len(c.Rest[s]) != l.Inputs-len(l.Params) {
			return fmt.Errorf("twochain: segment %d has %d inputs besides the parameters, want %d", s, len(c.Rest[s]), l.Inputs-len(l.Params))
		}
		w := stdgroth16.Witness[sw_bls12377.ScalarField]{Public: make([]emulated.Element[sw_bls12377.ScalarField], l.Inputs)}
		rest := 0
		for i := range w.Public {
			if j, ok := isParam[i]; ok {
				w.Public[i] = c.Params[j]
			} else {
				w.Public[i] = c.Rest[s][rest]
				rest++
			}
		}
		if err := v.AssertProof(c.VK, c.Proofs[s], w); err != nil {
			return err
		}
		for j, at := range l.Summed {
			sums[j] = api.Add(sums[j], ScalarInteger(api, f, &w.Public[at]))
		}
	}
	for j := range sums {
		api.AssertIsEqual(sums[j], c.Sums[j])
	}
	return nil
}

// QueryAggregatorShape is the query aggregator over k segments of the
// inner shape, its key fixed.
func QueryAggregatorShape(inner constraint.ConstraintSystem, vk groth16.VerifyingKey, k int, layout StatementLayout) (*QueryAggregator, error) {
	if n := inner.GetNbPublicVariables() - 1; n != layout.Inputs {
		return nil, fmt.Errorf("twochain: the segment circuit has %d public inputs, the layout %d", n, layout.Inputs)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		return nil, err
	}
	c := &QueryAggregator{VK: fixed, Layout: layout, Params: make([]emulated.Element[sw_bls12377.ScalarField], len(layout.Params)), Sums: make([]frontend.Variable, len(layout.Summed))}
	for range k {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Rest = append(c.Rest, make([]emulated.Element[sw_bls12377.ScalarField], layout.Inputs-len(layout.Params)))
	}
	return c, nil
}

// QueryAggregatorAssignment is the query aggregator's witness over the
// segments' proofs and public witnesses: the parameters taken from the
// first, the sums computed from all (each summed input read as an integer
// in [0, r)).
func QueryAggregatorAssignment(layout StatementLayout, proofs []groth16.Proof, publics []witness.Witness) (*QueryAggregator, error) {
	if len(proofs) != len(publics) || len(proofs) == 0 {
		return nil, fmt.Errorf("twochain: %d proofs and %d statements", len(proofs), len(publics))
	}
	a := &QueryAggregator{Layout: layout, Sums: make([]frontend.Variable, len(layout.Summed))}
	isParam := map[int]bool{}
	for _, at := range layout.Params {
		isParam[at] = true
	}
	sums := make([]*big.Int, len(layout.Summed))
	for j := range sums {
		sums[j] = new(big.Int)
	}
	for s := range proofs {
		p, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proofs[s])
		if err != nil {
			return nil, err
		}
		a.Proofs = append(a.Proofs, p)
		vec, ok := publics[s].Vector().(fr_bls12377.Vector)
		if !ok || len(vec) != layout.Inputs {
			return nil, fmt.Errorf("twochain: segment %d's statement is not %d BLS12-377 scalars", s, layout.Inputs)
		}
		var rest []emulated.Element[sw_bls12377.ScalarField]
		for i := range vec {
			e := emulated.ValueOf[sw_bls12377.ScalarField](vec[i].BigInt(new(big.Int)))
			switch {
			case !isParam[i]:
				rest = append(rest, e)
			case s == 0:
				a.Params = append(a.Params, e)
			}
		}
		a.Rest = append(a.Rest, rest)
		for j, at := range layout.Summed {
			sums[j].Add(sums[j], vec[at].BigInt(new(big.Int)))
		}
	}
	for j := range sums {
		a.Sums[j] = sums[j]
	}
	return a, nil
}
