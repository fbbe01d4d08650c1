package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/frontend"
)

// quotientBatch gathers divisions num/den, many sharing a denominator, and
// emits them as DivUnchecked would — one R1C q·den = num per quotient, q a
// new wire — except that one hint computes every q with a single batch
// inversion of the distinct denominators. gnark's solver solves a
// DivUnchecked by inverting its denominator, once per quotient: the link's
// quotients (one per row and column) were over a third of a segment's
// solving time. The hints take quotientChunk quotients each, so that the
// solver spreads them over the cores; their R1Cs follow, in order. The constraints are the same as DivUnchecked's; q is
// unique wherever den ≠ 0, and the R1C holds for no other value.
type quotientBatch struct {
	dens  []frontend.Variable
	nums  []frontend.Variable
	denOf []int // nums[k]'s denominator: dens[denOf[k]]
}

// addDen adds a denominator and returns its index for add.
func (b *quotientBatch) addDen(den frontend.Variable) int {
	b.dens = append(b.dens, den)
	return len(b.dens) - 1
}

// add adds the division num/dens[den] and returns its index in solve's
// result.
func (b *quotientBatch) add(num frontend.Variable, den int) int {
	b.nums = append(b.nums, num)
	b.denOf = append(b.denOf, den)
	return len(b.nums) - 1
}

// quotientChunk is how many quotients one hint computes.
const quotientChunk = 1 << 12

// solve emits the batch and returns the quotients in the order added.
// Where the builder is no R1CS builder (or a numerator is a constant), a
// division falls back to DivUnchecked.
func (b *quotientBatch) solve(api frontend.API) ([]frontend.Variable, error) {
	out := make([]frontend.Variable, len(b.nums))
	if len(b.nums) == 0 {
		return out, nil
	}
	compiler := api.Compiler()
	r1cs := isR1CS(compiler)
	var batched []int // the divisions the hint computes
	for k, num := range b.nums {
		_, constant := compiler.ConstantValue(num)
		_, constDen := compiler.ConstantValue(b.dens[b.denOf[k]])
		if constant || constDen || !r1cs {
			out[k] = api.DivUnchecked(num, b.dens[b.denOf[k]])
			continue
		}
		batched = append(batched, k)
	}
	if len(batched) == 0 {
		return out, nil
	}
	// one hint per chunk of divisions, each with its own batch inversion:
	// the solver runs the hints of one level on all cores (one hint for a
	// segment's every quotient ran on one)
	q := make([]frontend.Variable, 0, len(batched))
	for lo := 0; lo < len(batched); lo += quotientChunk {
		chunk := batched[lo:min(lo+quotientChunk, len(batched))]
		local := map[int]int{} // a denominator's index in this chunk's hint
		var dens []frontend.Variable
		for _, k := range chunk {
			if _, ok := local[b.denOf[k]]; !ok {
				local[b.denOf[k]] = len(dens)
				dens = append(dens, b.dens[b.denOf[k]])
			}
		}
		inputs := make([]frontend.Variable, 0, 1+len(dens)+2*len(chunk))
		inputs = append(inputs, len(dens))
		inputs = append(inputs, dens...)
		for _, k := range chunk {
			inputs = append(inputs, local[b.denOf[k]], b.nums[k])
		}
		qs, err := compiler.NewHint(QuotientsHint, len(chunk), inputs...)
		if err != nil {
			return nil, fmt.Errorf("circuits: quotients hint: %w", err)
		}
		q = append(q, qs...)
	}
	w := newR1CWriter(compiler)
	for i, k := range batched {
		w.add(w.term(q[i]), w.term(b.dens[b.denOf[k]]), w.term(b.nums[k]))
		out[k] = q[i]
	}
	return out, nil
}

// QuotientsHint computes a batch of quotients (quotientBatch): in[0] is the
// number m of denominators, in[1..m] the denominators, then a pair
// (denominator index, numerator) per output. A zero denominator gives
// quotient 0, which fails its R1C unless the numerator is 0 too (as
// DivUnchecked's solver would fail).
func QuotientsHint(modulus *big.Int, in, out []*big.Int) error {
	if len(in) == 0 {
		return fmt.Errorf("quotients hint: no inputs")
	}
	m := int(in[0].Int64())
	if m < 0 || len(in) != 1+m+2*len(out) {
		return fmt.Errorf("quotients hint: %d inputs for %d denominators and %d quotients", len(in), m, len(out))
	}
	f, err := fieldOf(modulus)
	if err != nil {
		return fmt.Errorf("quotients hint: %w", err)
	}
	if err := f.quotients(in[1:1+m], in[1+m:], out); err != nil {
		return fmt.Errorf("quotients hint: %w", err)
	}
	return nil
}
