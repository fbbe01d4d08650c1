package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint"
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
		for _, q := range in {
			if q.IsInt64() && q.Int64() >= 0 && q.Int64() < int64(len(out)) {
				out[q.Int64()].Add(out[q.Int64()], big.NewInt(1))
			}
		}
		return nil
	})
	borrow := solver.OverrideHint(solver.GetHintID(LimbsHint), func(_ *big.Int, in, out []*big.Int) error {
		// low limb = v mod B + B, so the top one is one less
		out[0].Mod(in[1], in[0])
		out[0].Add(out[0], in[0])
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

// kindCircuit runs one check of each kind with a given table base.
type kindCircuit struct {
	V, Bit frontend.Variable
	kind   string
	bits   int
	base   int
}

func (c *kindCircuit) Define(api frontend.API) error {
	r := newRangeChecker(api)
	r.base = c.base
	switch c.kind {
	case "exact":
		r.Check(c.V, c.bits)
	case "sign":
		api.AssertIsBoolean(c.Bit)
		r.checkSign(c.V, c.Bit, c.bits)
	case "nonneg":
		r.checkNonNegative(c.V, c.bits)
	case "gated":
		api.AssertIsBoolean(c.Bit)
		r.checkNonNegativeWhere(c.Bit, c.V, c.bits)
	}
	r.flush()
	return nil
}

// TestRangeCheckBases: every kind of check keeps its meaning with tables
// whose size is no power of two (a range [0, B^K) instead of [0, 2^w)) as
// with powers of two — an exact check still refuses 2^w, a sign check
// still refuses a wrong bit at both ends of its range, a gated check
// still refuses a negative value where the gate is on.
func TestRangeCheckBases(t *testing.T) {
	p := ecc.BN254.ScalarField()
	for _, base := range []int{3, 5, 16, 690, 2048, 9410} {
		for _, bits := range []int{1, 2, 8, 33, 66} {
			pow := new(big.Int).Lsh(big.NewInt(1), uint(bits))
			neg := func(v *big.Int) *big.Int { return new(big.Int).Sub(p, v) }
			one := big.NewInt(1)
			for _, c := range []struct {
				kind string
				v    *big.Int
				bit  int
				ok   bool
			}{
				{"exact", big.NewInt(0), 0, true},
				{"exact", new(big.Int).Sub(pow, one), 0, true},
				{"exact", pow, 0, false},
				{"exact", neg(one), 0, false},
				{"sign", big.NewInt(0), 1, true},
				{"sign", new(big.Int).Sub(pow, one), 1, true},
				{"sign", neg(one), 0, true},
				{"sign", neg(pow), 0, true},
				{"sign", big.NewInt(0), 0, false},
				{"sign", new(big.Int).Sub(pow, one), 0, false},
				{"sign", neg(one), 1, false},
				{"sign", neg(pow), 1, false},
				{"nonneg", big.NewInt(0), 0, true},
				{"nonneg", new(big.Int).Sub(pow, one), 0, true},
				{"nonneg", neg(one), 0, false},
				{"nonneg", neg(pow), 0, false},
				{"gated", big.NewInt(0), 1, true},
				{"gated", new(big.Int).Sub(pow, one), 1, true},
				{"gated", neg(one), 1, false},
				{"gated", neg(pow), 1, false},
				{"gated", neg(one), 0, true},
				{"gated", neg(pow), 0, true},
				{"gated", new(big.Int).Sub(pow, one), 0, true},
			} {
				circuit := &kindCircuit{kind: c.kind, bits: bits, base: base}
				cs, err := frontend.Compile(p, r1cs.NewBuilder, circuit)
				if err != nil {
					t.Fatal(err)
				}
				w, err := frontend.NewWitness(&kindCircuit{V: c.v, Bit: c.bit, kind: c.kind, bits: bits, base: base}, p)
				if err != nil {
					t.Fatal(err)
				}
				if err := cs.IsSolved(w); (err == nil) != c.ok {
					t.Errorf("base %d, %s check of %d bits, v = %v, bit %d: solved %v, want %v (%v)", base, c.kind, bits, c.v, c.bit, err == nil, c.ok, err)
				}
			}
		}
	}
}

// TestTableCandidates: the bases costed include every power of two and,
// for a width, the least base with K limbs — 690 for 66 bits in 7 limbs, 9411 in 5.
func TestTableCandidates(t *testing.T) {
	got := map[int]bool{}
	for _, b := range tableCandidates(map[int]bool{66: true}) {
		got[b] = true
	}
	for _, want := range []int{2, 1024, 2048, maxTable, 690, 9411} {
		if !got[want] {
			t.Errorf("base %d missing from the candidates", want)
		}
	}
	if got[689] || got[9410] {
		t.Error("a base too small for its limb count is a candidate")
	}
}

// bindCircuit range-checks a value built from two secret inputs and a
// hinted bit, as a comparison does.
type bindCircuit struct{ X, Y frontend.Variable }

func (c *bindCircuit) Define(api frontend.API) error {
	r := newRangeChecker(api)
	out, err := api.Compiler().NewHint(LessThanHint, 1, c.X, c.Y)
	if err != nil {
		return err
	}
	api.AssertIsBoolean(out[0])
	r.checkSign(api.Sub(api.Sub(c.Y, c.X), 1), out[0], 20)
	r.flush()
	return nil
}

// TestRangeCheckCommitsCheckedWires: the checked value's wires — the two
// inputs and the hinted bit, the first internal wire — are committed with
// the lookups, so none can change after the challenge. (The top digit is
// no wire of its own: without this, the bit could be picked after the
// challenge to steer the top digit's fraction.)
func TestRangeCheckCommitsCheckedWires(t *testing.T) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &bindCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	cm := cs.GetCommitments().(constraint.Groth16Commitments)
	if len(cm) != 1 {
		t.Fatalf("%d commitments, want 1", len(cm))
	}
	committed := map[int]bool{}
	for _, w := range cm[0].PrivateCommitted {
		committed[w] = true
	}
	pub, sec := cs.GetNbPublicVariables(), cs.GetNbSecretVariables()
	for name, w := range map[string]int{"X": pub, "Y": pub + 1, "the hinted bit": pub + sec} {
		if !committed[w] {
			t.Errorf("%s (wire %d) is not committed; committed: %v", name, w, cm[0].PrivateCommitted)
		}
	}
}

// TestWideExactChecksAvoidWrappingBases: an exact check near the field's
// size is never given a table whose K limbs would overshoot p (its second
// range, v + B^K − 2^w, could wrap around): it costs more than any circuit.
func TestWideExactChecksAvoidWrappingBases(t *testing.T) {
	for _, base := range []int{690, 9411} { // 690^27 ≈ 2^254.6, 9411^19 ≈ 2^250.8
		if got := lookups(kindExact, 247, base); got != unusable {
			t.Errorf("base %d: a 247-bit exact check costs %d, want unusable", base, got)
		}
		if got := lookups(kindExact, 160, base); got >= unusable {
			t.Errorf("base %d: a 160-bit exact check is unusable", base)
		}
	}
	if got := lookups(kindExact, 250, 2048); got >= unusable {
		t.Errorf("a power-of-two base must prove a 250-bit exact check (%d)", got)
	}
}
