package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/frontend/cs/scs"
)

// zeroCircuit tests each X with zeroTests (or gnark's IsZero) and, with
// check, asserts the result is Want; without, nothing but zeroTests' own
// constraints holds the answers.
type zeroCircuit struct {
	X, Want []frontend.Variable
	gnarks  bool
	check   bool
}

func (c *zeroCircuit) Define(api frontend.API) error {
	z := newZeroTests(api)
	for i := range c.X {
		var m frontend.Variable
		if c.gnarks {
			m = api.IsZero(c.X[i])
		} else {
			m = z.isZero(c.X[i])
		}
		if c.check {
			api.AssertIsEqual(m, c.Want[i])
		}
	}
	z.isZero(7) // a constant: api.IsZero's constant result, no constraint
	z.flush()
	return nil
}

// compileZeros compiles a zeroCircuit of n tests over the field.
func compileZeros(t *testing.T, field *big.Int, n int, gnarks, check bool) constraint.ConstraintSystem {
	t.Helper()
	c := &zeroCircuit{X: make([]frontend.Variable, n), Want: make([]frontend.Variable, n), gnarks: gnarks, check: check}
	cs, err := frontend.Compile(field, r1cs.NewBuilder, c)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// zeroWitness assigns n tests, every third x zero (the others 1, 2, …,
// and the last p − 1, p the field's modulus), with their honest answers.
func zeroWitness(t *testing.T, field *big.Int, n int) *zeroCircuit {
	t.Helper()
	w := &zeroCircuit{X: make([]frontend.Variable, n), Want: make([]frontend.Variable, n)}
	for i := range w.X {
		w.X[i], w.Want[i] = i+1, 0
		if i%3 == 0 {
			w.X[i], w.Want[i] = 0, 1
		}
	}
	w.X[n-1], w.Want[n-1] = new(big.Int).Sub(field, big.NewInt(1)), 0
	return w
}

// TestZeroTests: the batched IsZero has gnark's constraint count (two per
// test; a constant none), answers as gnark's does for zeros, small values
// and p − 1 across more than one chunk, and a dishonest prover that
// changes one answer or one inverse — each way round — is refused by the
// solver; over BN254's field and BLS12-377's.
func TestZeroTests(t *testing.T) {
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		t.Run(curve.String(), func(t *testing.T) { testZeroTests(t, curve.ScalarField()) })
	}
}

func testZeroTests(t *testing.T, field *big.Int) {
	const n = zeroChunk + 5 // two chunks, the second short
	checked := compileZeros(t, field, n, false, true)
	if want := compileZeros(t, field, n, true, true).GetNbConstraints(); checked.GetNbConstraints() != want {
		t.Fatalf("%d constraints, gnark's IsZero %d", checked.GetNbConstraints(), want)
	}
	w, err := frontend.NewWitness(zeroWitness(t, field, n), field)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checked.Solve(w); err != nil {
		t.Fatalf("honest tests refused (or answered otherwise than gnark's IsZero): %v", err)
	}
	// from here, nothing but zeroTests' constraints holds the answers
	cs := compileZeros(t, field, n, false, false)
	if _, err := cs.Solve(w); err != nil {
		t.Fatalf("honest tests refused: %v", err)
	}
	at := func(target int64, f func(x *big.Int, out *big.Int)) func(_ *big.Int, in, out []*big.Int) error {
		// f changes the output of the input equal to target
		return func(q *big.Int, in, out []*big.Int) error {
			var err error
			if len(in) == 1 && len(out) == 1 {
				err = ZeroFlagHint(q, in, out)
			} else {
				err = InverseOrZeroHint(q, in, out)
			}
			for i := range in {
				if in[i].Cmp(big.NewInt(target)) == 0 {
					f(in[i], out[i])
				}
			}
			return err
		}
	}
	flag := solver.GetHintID(ZeroFlagHint)
	inverse := solver.GetHintID(InverseOrZeroHint)
	set := func(id solver.HintID, target int64, v uint64) solver.Option {
		return solver.OverrideHint(id, at(target, func(_, out *big.Int) { out.SetUint64(v) }))
	}
	for _, tc := range []struct {
		name string
		opts []solver.Option
	}{
		{"a nonzero value answered zero", []solver.Option{set(flag, 5, 1)}},
		{"a zero answered nonzero", []solver.Option{set(flag, 0, 0)}},
		{"a nonzero value's answer not a bit", []solver.Option{set(flag, 5, 2)}},
		{"a wrong inverse", []solver.Option{set(inverse, 5, 3)}},
		{"a nonzero value's inverse 0", []solver.Option{set(inverse, 4097, 0)}},
		// x·0 = 1 − 1 holds; x·1 = 0 does not
		{"a nonzero value answered zero, inverse 0", []solver.Option{set(flag, 5, 1), set(inverse, 5, 0)}},
		// 0·inv = 1 − 0 fails whatever inv
		{"a zero answered nonzero, with an inverse", []solver.Option{set(flag, 0, 0), set(inverse, 0, 1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cs.Solve(w, tc.opts...); err == nil {
				t.Fatal("a dishonest answer was accepted")
			}
		})
	}
}

// TestZeroTestsOtherBuilders: where the builder is no R1CS one (PLONK's),
// zeroTests answers with api.IsZero itself, and the answers are the same.
func TestZeroTestsOtherBuilders(t *testing.T) {
	const n = 10
	circuit := &zeroCircuit{X: make([]frontend.Variable, n), Want: make([]frontend.Variable, n), check: true}
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, circuit)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(zeroWitness(t, ecc.BN254.ScalarField(), n), ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Solve(w); err != nil {
		t.Fatalf("PLONK: %v", err)
	}
	wrong := zeroWitness(t, ecc.BN254.ScalarField(), n)
	wrong.Want[1] = 1 // x = 2 answered zero
	if w, err = frontend.NewWitness(wrong, ecc.BN254.ScalarField()); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Solve(w); err == nil {
		t.Fatal("PLONK: a wrong answer was accepted")
	}
}

// maskedCircuit masks each P by its X with zeroTests.masked and, with
// check, asserts the result is Want.
type maskedCircuit struct {
	X, P, Want []frontend.Variable
	check      bool
}

func (c *maskedCircuit) Define(api frontend.API) error {
	z := newZeroTests(api)
	ps := make([]frontend.Variable, len(c.P))
	for i := range c.P {
		ps[i] = api.Add(c.P[i], 1) // a linear value, not a wire
	}
	for i, s := range z.masked(c.X, ps) {
		if c.check {
			api.AssertIsEqual(s, c.Want[i])
		}
	}
	constant := z.masked([]frontend.Variable{0}, c.P[:1]) // a constant test: api.IsZero's
	api.AssertIsEqual(constant[0], api.Add(c.P[0], 0))
	return nil
}

// maskedWitness assigns n values, every third x zero (the others 1, 2, …,
// and the last p − 1), each p = 2i + 7, with their honest masked values.
func maskedWitness(field *big.Int, n int) *maskedCircuit {
	w := &maskedCircuit{X: make([]frontend.Variable, n), P: make([]frontend.Variable, n), Want: make([]frontend.Variable, n)}
	for i := range w.X {
		w.X[i], w.P[i], w.Want[i] = i+1, 2*i+7, 0
		if i%3 == 0 {
			w.X[i], w.Want[i] = 0, 2*i+8
		}
	}
	w.X[n-1] = new(big.Int).Sub(field, big.NewInt(1))
	if (n-1)%3 == 0 {
		w.Want[n-1] = 0
	}
	return w
}

// TestMaskedValues: zeroTests.masked costs two constraints a value (what
// the IsZero test alone costs), answers [x = 0]·p for zeros, small values
// and p − 1 across more than one chunk, and a dishonest prover that
// changes one masked value or one quotient is refused by the solver, over
// BN254's field and BLS12-377's; a builder that is no R1CS one (PLONK's)
// gets the same answers from api.IsZero.
func TestMaskedValues(t *testing.T) {
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		t.Run(curve.String(), func(t *testing.T) { testMaskedValues(t, curve.ScalarField()) })
	}
	const n = 10
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, &maskedCircuit{X: make([]frontend.Variable, n), P: make([]frontend.Variable, n), Want: make([]frontend.Variable, n), check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, lie := range []bool{false, true} {
		a := maskedWitness(ecc.BN254.ScalarField(), n)
		if lie {
			a.Want[1] = 10 // x = 2 passed through
		}
		w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cs.Solve(w); (err != nil) != lie {
			t.Fatalf("PLONK, lie %v: %v", lie, err)
		}
	}
}

func testMaskedValues(t *testing.T, field *big.Int) {
	const n = zeroChunk + 5 // two chunks, the second short
	compile := func(check bool) constraint.ConstraintSystem {
		c := &maskedCircuit{X: make([]frontend.Variable, n), P: make([]frontend.Variable, n), Want: make([]frontend.Variable, n), check: check}
		cs, err := frontend.Compile(field, r1cs.NewBuilder, c)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	checked, cs := compile(true), compile(false)
	if got, want := cs.GetNbConstraints(), 2*n+1; got != want {
		t.Fatalf("%d constraints for %d masked values, want %d", got, n, want)
	}
	w, err := frontend.NewWitness(maskedWitness(field, n), field)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checked.Solve(w); err != nil {
		t.Fatalf("honest values refused (or masked otherwise than [x = 0]·p): %v", err)
	}
	// from here, nothing but masked's constraints holds the values
	if _, err := cs.Solve(w); err != nil {
		t.Fatalf("honest values refused: %v", err)
	}
	// change: MaskedHint's outputs s and u (nil: kept) for the value whose
	// x is target
	change := func(target int64, fs, fu func(out *big.Int)) []solver.Option {
		return []solver.Option{solver.OverrideHint(solver.GetHintID(MaskedHint), func(q *big.Int, in, out []*big.Int) error {
			if err := MaskedHint(q, in, out); err != nil {
				return err
			}
			m := len(in) / 2
			for k := range m {
				if in[k].Cmp(big.NewInt(target)) != 0 {
					continue
				}
				for _, c := range []struct {
					f   func(*big.Int)
					out *big.Int
				}{{fs, out[k]}, {fu, out[m+k]}} {
					if c.f != nil {
						c.f(c.out)
					}
				}
			}
			return nil
		})}
	}
	set := func(v int64) func(*big.Int) { return func(out *big.Int) { out.SetInt64(v) } }
	for _, tc := range []struct {
		name string
		opts []solver.Option
	}{
		{"a nonzero x's value passed through", change(5, set(2*4+8), nil)},
		{"a nonzero x's value passed through, quotient 0", change(5, set(2*4+8), set(0))},
		{"a zero x's value masked", change(0, set(0), nil)},
		{"a zero x's value changed", change(0, set(9), nil)},
		{"a wrong quotient", change(5, nil, set(3))},
		{"a nonzero x's quotient 0", change(4097, nil, set(0))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cs.Solve(w, tc.opts...); err == nil {
				t.Fatal("a dishonest value was accepted")
			}
		})
	}
}
