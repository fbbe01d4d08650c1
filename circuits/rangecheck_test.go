package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint/solver"
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

// checkCircuit proves V ∈ [0, 2^bits) with the circuit's range checker.
type checkCircuit struct {
	V    frontend.Variable
	bits int
}

func (c *checkCircuit) Define(api frontend.API) error {
	r := newRangeChecker(api)
	r.Check(c.V, c.bits)
	// a second check, so the limb width is chosen for more than one
	r.Check(api.Add(c.V, 0), c.bits)
	r.flush()
	return nil
}

// TestRangeCheckEdges: every width accepts 0 and 2^w − 1 and refuses 2^w,
// −1 and p − 2^w (a negative value's field element), whether the top limb
// is a whole limb or a narrower one checked shifted.
func TestRangeCheckEdges(t *testing.T) {
	p := ecc.BN254.ScalarField()
	for _, bits := range []int{1, 2, 5, 8, 11, 13, 22, 33, 64, 66, 128, 160} {
		cs, err := frontend.Compile(p, r1cs.NewBuilder, &checkCircuit{bits: bits})
		if err != nil {
			t.Fatal(err)
		}
		pow := new(big.Int).Lsh(big.NewInt(1), uint(bits))
		for _, c := range []struct {
			name string
			v    *big.Int
			ok   bool
		}{
			{"0", big.NewInt(0), true},
			{"2^w − 1", new(big.Int).Sub(pow, big.NewInt(1)), true},
			{"2^(w−1)", new(big.Int).Rsh(pow, 1), true},
			{"2^w", pow, false},
			{"2^w + 1", new(big.Int).Add(pow, big.NewInt(1)), false},
			{"−1", new(big.Int).Sub(p, big.NewInt(1)), false},
			{"p − 2^w", new(big.Int).Sub(p, pow), false},
		} {
			w, err := frontend.NewWitness(&checkCircuit{V: c.v, bits: bits}, p)
			if err != nil {
				t.Fatal(err)
			}
			if err := cs.IsSolved(w); (err == nil) != c.ok {
				t.Errorf("%d bits, v = %s: solved %v, want %v (%v)", bits, c.name, err == nil, c.ok, err)
			}
		}
	}
}

// TestRangeCheckDishonestLimbs: a prover that hints its own limbs and its
// own table counts cannot pass a value out of range — a limb borrowed from
// the next (the low limb 2^b too big), a top limb past its width (2^w
// split canonically) or a negative value all leave the lookup sums unequal.
func TestRangeCheckDishonestLimbs(t *testing.T) {
	p := ecc.BN254.ScalarField()
	const bits = 22 // 2 limbs of 11 at the chosen width
	cs, err := frontend.Compile(p, r1cs.NewBuilder, &checkCircuit{bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	// counts of the lookups that are in the table; the others are dropped,
	// as a prover would to keep the hint from failing
	lenient := solver.OverrideHint(solver.GetHintID(LimbCountsHint), func(_ *big.Int, in, out []*big.Int) error {
		for _, o := range out {
			o.SetInt64(0)
		}
		for _, q := range in[1:] {
			if q.IsInt64() && q.Int64() >= 0 && q.Int64() < int64(len(out)) {
				out[q.Int64()].Add(out[q.Int64()], big.NewInt(1))
			}
		}
		return nil
	})
	borrow := solver.OverrideHint(solver.GetHintID(LimbsHint), func(_ *big.Int, in, out []*big.Int) error {
		b := uint(in[0].Int64())
		// low limb = v mod 2^b + 2^b, so the top one is one less
		out[0].And(in[1], new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), b), big.NewInt(1)))
		out[0].Add(out[0], new(big.Int).Lsh(big.NewInt(1), b))
		return nil
	})
	for _, c := range []struct {
		name string
		v    *big.Int
		opts []solver.Option
	}{
		{"in range, low limb borrowed", big.NewInt(5 << 11), []solver.Option{borrow, lenient}},
		{"2^w, canonical limbs", new(big.Int).Lsh(big.NewInt(1), bits), []solver.Option{lenient}},
		{"2^w, low limb borrowed", new(big.Int).Lsh(big.NewInt(1), bits), []solver.Option{borrow, lenient}},
		{"−1", new(big.Int).Sub(p, big.NewInt(1)), []solver.Option{lenient}},
	} {
		w, err := frontend.NewWitness(&checkCircuit{V: c.v, bits: bits}, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := cs.IsSolved(w, c.opts...); err == nil {
			t.Errorf("%s: solved, want refused", c.name)
		}
	}
	// the lenient counts alone change nothing for an honest value
	w, err := frontend.NewWitness(&checkCircuit{V: big.NewInt(12345), bits: bits}, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := cs.IsSolved(w, lenient); err != nil {
		t.Errorf("honest value with lenient counts: %v", err)
	}
}
