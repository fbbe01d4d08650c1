package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
)

func init() {
	solver.RegisterHint(ZeroFlagHint, InverseOrZeroHint, MaskedValueHint)
}

// zeroTests gathers a circuit's IsZero tests and emits them with gnark's
// IsZero constraints — for a value x, a boolean m and a wire inv:
//
//	x·inv = 1 − m   (m = 1 where x = 0)
//	x·m   = 0       (m = 0 where x ≠ 0)
//
// — except for where m and inv come from. gnark solves m from the first
// R1C after a hint computes inv = 1/x with a big.Int ModInverse, one per
// test: Q1's erc20 = $1, one test per row, was about a third of the
// solver's CPU time at 2^20 rows (2.35 of 7.7 s on 16 cores). Here m comes
// from ZeroFlagHint at the call (no inversion), and the inverses from
// InverseOrZeroHint, one hint per zeroChunk tests with one batch inversion
// (a few multiplications a value instead of a ModInverse); the two R1Cs of
// a chunk follow its hint. The constraints are the same as gnark's, so the
// same m is the only one that satisfies them: where x ≠ 0 the second
// forces m = 0 (and the first holds for inv = 1/x alone), where x = 0 the
// first forces m = 1.
type zeroTests struct {
	api    frontend.API
	r1cs   bool                // an R1CS builder (else api.IsZero answers)
	xs, ms []frontend.Variable // the tests not emitted yet
	masks  []maskedValue       // the masked values not emitted yet
}

// maskedValue is one masked value s = [x = 0]·p not emitted yet.
type maskedValue struct{ x, p, s frontend.Variable }

// newZeroTests returns the IsZero tests of a circuit built through api.
func newZeroTests(api frontend.API) *zeroTests {
	return &zeroTests{api: api, r1cs: isR1CS(api.Compiler())}
}

// zeroChunk is how many tests one InverseOrZeroHint computes: chunks of a
// level run on all cores.
const zeroChunk = 1 << 12

// isZero returns 1 where x is 0, else 0 (api.IsZero's result). A constant
// x, or a builder that is not an R1CS one, gets api.IsZero itself.
func (z *zeroTests) isZero(x frontend.Variable) frontend.Variable {
	compiler := z.api.Compiler()
	if _, constant := compiler.ConstantValue(x); constant || !z.r1cs {
		return z.api.IsZero(x)
	}
	m, err := compiler.NewHint(ZeroFlagHint, 1, x)
	if err != nil {
		panic(fmt.Sprintf("circuits: zero flag hint: %v", err)) // only for a wrong number of inputs
	}
	compiler.MarkBoolean(m[0]) // the R1Cs below make it so
	z.xs, z.ms = append(z.xs, x), append(z.ms, m[0])
	if len(z.xs) == zeroChunk {
		z.flushTests()
	}
	return m[0]
}

// masked returns [x = 0]·p — p where x is 0, else 0 — for p linear in the
// circuit's wires, with two R1Cs and no flag:
//
//	x·u = p − s
//	x·s = 0
//
// Where x ≠ 0 the second forces s = 0, and the first then holds for u =
// p/x alone; where x = 0 the first forces s = p. So s is determined, for
// what the IsZero test of x alone costs where the flag and its product
// with p cost three: a filter ending in an equality whose rows only feed
// sums (COUNT, SUM, AVG: maskedSums) pays no product per row. s comes
// from MaskedValueHint at the call, u from one QuotientsHint per
// zeroChunk values (u = p/x, 0 where x = 0: one batch inversion); the R1Cs
// of a chunk follow its hint. A constant x, or a builder that is not an
// R1CS one, gets api.IsZero(x)·p.
func (z *zeroTests) masked(x, p frontend.Variable) frontend.Variable {
	compiler := z.api.Compiler()
	if _, constant := compiler.ConstantValue(x); constant || !z.r1cs {
		return z.api.Mul(z.api.IsZero(x), p)
	}
	s, err := compiler.NewHint(MaskedValueHint, 1, x, p)
	if err != nil {
		panic(fmt.Sprintf("circuits: masked value hint: %v", err)) // only for a wrong number of inputs
	}
	z.masks = append(z.masks, maskedValue{x, p, s[0]})
	if len(z.masks) == zeroChunk {
		z.flushMasked()
	}
	return s[0]
}

// flushMasked emits the gathered masked values: their quotients' hint,
// then two R1Cs each.
func (z *zeroTests) flushMasked() {
	if len(z.masks) == 0 {
		return
	}
	compiler := z.api.Compiler()
	inputs := make([]frontend.Variable, 0, 1+3*len(z.masks))
	inputs = append(inputs, len(z.masks))
	for _, m := range z.masks {
		inputs = append(inputs, m.x)
	}
	for k, m := range z.masks {
		inputs = append(inputs, k, m.p)
	}
	u, err := compiler.NewHint(QuotientsHint, len(z.masks), inputs...)
	if err != nil {
		panic(fmt.Sprintf("circuits: quotients hint: %v", err))
	}
	w := newR1CWriter(compiler)
	var zero constraint.LinearExpression
	for k, m := range z.masks {
		// x on the right of both: the key's B points (G1 and G2) then
		// take x's wires once, where u and s would each take one
		// (proofsys.OrientFactors turns one R1C at a time, so it would
		// not find the pair's better side from the other)
		rx := w.term(m.x)
		w.add(w.term(u[k]), rx, w.term(z.api.Sub(m.p, m.s)))
		w.add(w.term(m.s), rx, zero)
	}
	z.masks = z.masks[:0]
}

// flush emits the gathered tests and masked values.
func (z *zeroTests) flush() {
	z.flushTests()
	z.flushMasked()
}

// flushTests emits the gathered tests: their inverses' hint, then two
// R1Cs each.
func (z *zeroTests) flushTests() {
	if len(z.xs) == 0 {
		return
	}
	compiler := z.api.Compiler()
	inv, err := compiler.NewHint(InverseOrZeroHint, len(z.xs), z.xs...)
	if err != nil {
		panic(fmt.Sprintf("circuits: inverses hint: %v", err))
	}
	w := newR1CWriter(compiler)
	var zero constraint.LinearExpression // O = 0: no term (a raw constant would not be a wire)
	for i, x := range z.xs {
		lx := w.term(x)
		w.add(lx, w.term(inv[i]), w.term(z.api.Sub(1, z.ms[i])))
		w.add(lx, w.term(z.ms[i]), zero)
	}
	z.xs, z.ms = z.xs[:0], z.ms[:0]
}

// ZeroFlagHint outputs 1 where in[0] is 0, else 0 (zeroTests: the circuit
// proves it).
func ZeroFlagHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 1 || len(out) != 1 {
		return fmt.Errorf("zero flag hint: %d inputs and %d outputs, want 1 and 1", len(in), len(out))
	}
	if in[0].Sign() == 0 {
		out[0].SetUint64(1)
	} else {
		out[0].SetUint64(0)
	}
	return nil
}

// MaskedValueHint outputs in[1] where in[0] is 0, else 0 (zeroTests.masked:
// the circuit proves it).
func MaskedValueHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 2 || len(out) != 1 {
		return fmt.Errorf("masked value hint: %d inputs and %d outputs, want 2 and 1", len(in), len(out))
	}
	if in[0].Sign() == 0 {
		out[0].Set(in[1])
	} else {
		out[0].SetUint64(0)
	}
	return nil
}

// InverseOrZeroHint outputs each input's inverse in the field, 0 for 0
// (zeroTests' inv), with one batch inversion.
func InverseOrZeroHint(modulus *big.Int, in, out []*big.Int) error {
	if len(in) != len(out) {
		return fmt.Errorf("inverses hint: %d inputs for %d outputs", len(in), len(out))
	}
	f, err := fieldOf(modulus)
	if err != nil {
		return fmt.Errorf("inverses hint: %w", err)
	}
	f.inverseOrZero(in, out)
	return nil
}
