package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// gatedCircuit checks D ≥ 0 where Gate is 1, for D of at most 8 bits either way.
type gatedCircuit struct{ D, Gate frontend.Variable }

func (c *gatedCircuit) Define(api frontend.API) error {
	r := newRangeChecker(api)
	api.AssertIsBoolean(c.Gate)
	r.checkNonNegativeWhere(c.Gate, c.D, 8)
	r.flush()
	return nil
}

// TestCheckNonNegativeWhere: with the gate on, a negative d fails (also the
// most negative of the range and −1); with it off, every d of the range
// passes, as gate·d ≥ 0 would.
func TestCheckNonNegativeWhere(t *testing.T) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &gatedCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d    int64
		gate int
		ok   bool
	}{
		{0, 1, true}, {5, 1, true}, {255, 1, true},
		{-1, 1, false}, {-256, 1, false}, {-100, 1, false},
		{-256, 0, true}, {-1, 0, true}, {0, 0, true}, {255, 0, true},
	} {
		w, err := frontend.NewWitness(&gatedCircuit{D: big.NewInt(c.d), Gate: c.gate}, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		err = cs.IsSolved(w)
		if (err == nil) != c.ok {
			t.Errorf("d = %d, gate = %d: solved %v, want %v (%v)", c.d, c.gate, err == nil, c.ok, err)
		}
	}
}
