package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
)

func init() {
	solver.RegisterHint(ZeroFlagHint, InverseOrZeroHint, MaskedHint)
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
}

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
		z.flush()
	}
	return m[0]
}

// masked returns each [xs[k] = 0]·ps[k] — p where x is 0, else 0 — for
// ps linear in the circuit's wires, with two R1Cs a value and no flag:
//
//	x·u = p − s
//	x·s = 0
//
// Where x ≠ 0 the second forces s = 0, and the first then holds for u =
// p/x alone; where x = 0 the first forces s = p. So s is determined, for
// what the IsZero test of x alone costs where the flag and its product
// with p cost three: a filter ending in an equality whose rows only feed
// sums (COUNT, SUM, AVG: maskedSums) pays no product per row. s and u
// come from one MaskedHint per zeroChunk values (one batch inversion, and
// no hint per value, which the solver would run one by one); the R1Cs of
// a chunk follow its hint. A constant x, or a builder that is not an
// R1CS one, gets api.IsZero(x)·p.
func (z *zeroTests) masked(xs, ps []frontend.Variable) []frontend.Variable {
	out := make([]frontend.Variable, len(xs))
	compiler := z.api.Compiler()
	var batched []int
	for k, x := range xs {
		if _, constant := compiler.ConstantValue(x); constant || !z.r1cs {
			out[k] = z.api.Mul(z.api.IsZero(x), ps[k])
			continue
		}
		batched = append(batched, k)
	}
	for lo := 0; lo < len(batched); lo += zeroChunk {
		chunk := batched[lo:min(lo+zeroChunk, len(batched))]
		inputs := make([]frontend.Variable, 0, 2*len(chunk))
		for _, k := range chunk {
			inputs = append(inputs, xs[k])
		}
		for _, k := range chunk {
			inputs = append(inputs, ps[k])
		}
		su, err := compiler.NewHint(MaskedHint, 2*len(chunk), inputs...)
		if err != nil {
			panic(fmt.Sprintf("circuits: masked values hint: %v", err)) // only for a wrong number of inputs
		}
		w := newR1CWriter(compiler)
		var zero constraint.LinearExpression
		for j, k := range chunk {
			// x on the right of both: the key's B points (G1 and G2) then
			// take x's wires once, where u and s would each take one
			// (proofsys.OrientFactors turns one R1C at a time, so it would
			// not find the pair's better side from the other)
			s, u, rx := su[j], su[len(chunk)+j], w.term(xs[k])
			w.add(w.term(u), rx, w.term(z.api.Sub(ps[k], s)))
			w.add(w.term(s), rx, zero)
			out[k] = s
		}
	}
	return out
}

// flush emits the gathered tests: their inverses' hint, then two R1Cs
// each.
func (z *zeroTests) flush() {
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

// MaskedHint computes a chunk of masked values (zeroTests.masked): in
// holds m values x, then m values p; out is each s = [x = 0]·p, then each
// u = p/x (0 where x = 0), with one batch inversion.
func MaskedHint(modulus *big.Int, in, out []*big.Int) error {
	m := len(in) / 2
	if len(in) != 2*m || len(out) != 2*m {
		return fmt.Errorf("masked values hint: %d inputs and %d outputs, want 2m and 2m", len(in), len(out))
	}
	f, err := fieldOf(modulus)
	if err != nil {
		return fmt.Errorf("masked values hint: %w", err)
	}
	xs, ps := in[:m], in[m:]
	s, u := out[:m], out[m:]
	f.inverseOrZero(xs, u)
	for k := range xs {
		if xs[k].Sign() == 0 {
			s[k].Set(ps[k])
			continue
		}
		s[k].SetUint64(0)
		u[k].Mul(u[k], ps[k]).Mod(u[k], modulus)
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
