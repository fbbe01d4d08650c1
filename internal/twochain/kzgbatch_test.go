package twochain

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
)

// reduceCircuit reduces V mod r (reduceModR) and asserts the result is M.
type reduceCircuit struct {
	V frontend.Variable
	M frontend.Variable `gnark:",public"`
}

func (c *reduceCircuit) Define(api frontend.API) error {
	m, err := reduceModR(api, c.V)
	if err != nil {
		return err
	}
	api.AssertIsEqual(m, c.M)
	return nil
}

// TestReduceModR: the largest sum the opening batch reduces (2^253 − 1 plus
// a weight below 2^120 times a value below 2^254) reduces to its residue;
// a hint whose remainder is off by one, or whose quotient is one more (its
// remainder then negative: past 2^253 in BW6-761's field), is refused; one
// whose quotient is one less and whose remainder is one r more (another
// representative of the same residue, below 2^253) is accepted, and only
// with the residue's value plus r; another residue whose quotient is
// solved in BW6-761's field (no integer below 2^122) is refused.
func TestReduceModR(t *testing.T) {
	cs, err := CompileAggregator(&reduceCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	r := ecc.BLS12_377.ScalarField()
	one := big.NewInt(1)
	pow := func(n uint) *big.Int { return new(big.Int).Lsh(one, n) }
	largest := new(big.Int).Sub(pow(253), one)
	largest.Add(largest, new(big.Int).Mul(new(big.Int).Sub(pow(openingWeightBits), one), new(big.Int).Sub(pow(254), one)))
	small := new(big.Int).Add(new(big.Int).Mul(big.NewInt(5), r), big.NewInt(7)) // residue 7: 7 + r fits 253 bits
	field := ecc.BW6_761.ScalarField()
	override := func(dq int64, dm *big.Int) solver.Option {
		return solver.OverrideHint(solver.GetHintID(divModR), func(mod *big.Int, in, out []*big.Int) error {
			if err := divModR(mod, in, out); err != nil {
				return err
			}
			out[0].Add(out[0], big.NewInt(dq))
			out[1].Add(out[1], dm).Mod(out[1], field)
			return nil
		})
	}
	// the remainder m + d with the quotient (v − m − d)/r in BW6-761's
	// field: v = q·r + m there, q no integer below 2^122
	wrapped := func(d *big.Int) solver.Option {
		return solver.OverrideHint(solver.GetHintID(divModR), func(mod *big.Int, in, out []*big.Int) error {
			if err := divModR(mod, in, out); err != nil {
				return err
			}
			out[1].Add(out[1], d)
			inv := new(big.Int).ModInverse(r, field)
			out[0].Sub(in[0], out[1]).Mul(out[0], inv).Mod(out[0], field)
			return nil
		})
	}
	for _, c := range []struct {
		name string
		v, m *big.Int
		opt  solver.Option
		ok   bool
	}{
		{"the largest sum", largest, new(big.Int).Mod(largest, r), nil, true},
		{"a small sum", small, big.NewInt(7), nil, true},
		{"another residue", small, big.NewInt(8), nil, false},
		{"a remainder off by one", small, big.NewInt(8), override(0, one), false},
		{"a quotient one more", small, new(big.Int).Sub(big.NewInt(7), r), override(1, new(big.Int).Neg(r)), false},
		{"a quotient one less, the residue plus r", small, new(big.Int).Add(big.NewInt(7), r), override(-1, r), true},
		{"a quotient one less, the residue claimed", small, big.NewInt(7), override(-1, r), false},
		{"another residue, its quotient past 2^122 (wrapping the field)", small, big.NewInt(8), wrapped(one), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := frontend.NewWitness(&reduceCircuit{V: c.v, M: new(big.Int).Mod(c.m, field)}, field)
			if err != nil {
				t.Fatal(err)
			}
			var opts []solver.Option
			if c.opt != nil {
				opts = append(opts, c.opt)
			}
			if err := cs.IsSolved(w, opts...); (err == nil) != c.ok {
				t.Errorf("solved: %v, want %v (%v)", err == nil, c.ok, err)
			}
		})
	}
}
