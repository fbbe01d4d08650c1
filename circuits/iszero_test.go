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
