package twochain

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
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
