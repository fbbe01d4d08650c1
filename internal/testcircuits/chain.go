// Package testcircuits holds small gnark circuits that tests of several
// packages prove.
package testcircuits

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
)

// Chain squares W and adds X, length times, and asserts the result is the
// public Y; X, W and the result are committed (a BSB22 commitment, as
// ProvenSQL's circuits have). It has about length constraints, so the
// quotient spans a real FFT domain.
type Chain struct {
	X, Y   frontend.Variable `gnark:",public"`
	W      frontend.Variable
	length int
}

// NewChain returns the circuit of a chain of the given length.
func NewChain(length int) *Chain { return &Chain{length: length} }

// ChainWitness returns the chain's assignment for x and w, and its public Y.
func ChainWitness(length int, x, w int64) (*Chain, *big.Int) {
	var v, xe fr.Element
	v.SetInt64(w)
	xe.SetInt64(x)
	for range length {
		v.Mul(&v, &v).Add(&v, &xe)
	}
	y := v.BigInt(new(big.Int))
	return &Chain{X: x, Y: y, W: w, length: length}, y
}

// Define implements frontend.Circuit.
func (c *Chain) Define(api frontend.API) error {
	v := c.W
	for range c.length {
		v = api.Add(api.Mul(v, v), c.X)
	}
	cm, err := api.Compiler().(frontend.Committer).Commit(c.X, c.W, v)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(cm, 0)
	api.AssertIsEqual(v, c.Y)
	return nil
}
