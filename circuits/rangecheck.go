package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/rangecheck"
)

// rangeChecker collects a circuit's range checks and hands them to gnark's
// log-derivative range checker at the end of Define, with a limb width
// chosen for them all. Comparisons' checks may be widened (see lessCheck),
// so each is rounded up to a whole number of limbs: a w-bit check costs
// ⌈w/b⌉ lookups plus one recomposition, and one more lookup when b does
// not divide w.
type rangeChecker struct {
	api    frontend.API
	rc     frontend.Rangechecker
	exact  []exactCheck
	less   []lessCheck
	nonNeg []exactCheck // checkNonNegative: bits is the least width
	gated  []lessCheck  // checkNonNegativeWhere: bit is the gate
}

// exactCheck proves v ∈ [0, 2^bits).
type exactCheck struct {
	v    frontend.Variable
	bits int
}

// lessCheck proves bit = [d ≥ 0] for d ∈ [−2^minBits, 2^minBits), bit
// boolean: with w ≥ minBits, d + (1 − bit)·2^w ∈ [0, 2^w). Any such w is
// sound (a wrong bit leaves a negative value, i.e. one near p, or one of
// at least 2^w), so w is rounded up to the limb width.
type lessCheck struct {
	d, bit  frontend.Variable
	minBits int
}

// maxCheckBits keeps a widened check, with its shift, far below p.
const maxCheckBits = 248

// newRangeChecker must be called before the circuit's first commitment:
// gnark's checker commits to its lookups in a deferred step that has to
// run before the commitments are finalised.
func newRangeChecker(api frontend.API) *rangeChecker {
	return &rangeChecker{api: api, rc: rangecheck.New(api)}
}

// Check proves v ∈ [0, 2^bits).
func (r *rangeChecker) Check(v frontend.Variable, bits int) {
	r.exact = append(r.exact, exactCheck{v, bits})
}

// checkSign proves bit = [d ≥ 0] for d ∈ [−2^minBits, 2^minBits) (bit is
// asserted boolean by the caller).
func (r *rangeChecker) checkSign(d, bit frontend.Variable, minBits int) {
	r.less = append(r.less, lessCheck{d, bit, minBits})
}

// checkNonNegative proves v is a non-negative integer below 2^w for some
// w ≥ minBits (far below p): enough where only the sign matters (orders,
// extremes), so w is rounded up to the limb width.
func (r *rangeChecker) checkNonNegative(v frontend.Variable, minBits int) {
	r.nonNeg = append(r.nonNeg, exactCheck{v, minBits})
}

// checkNonNegativeWhere proves d ≥ 0 where gate is 1, for d ∈ [−2^minBits,
// 2^minBits) and gate 0 or 1 (the caller's to ensure): d + (1 − gate)·2^w ∈
// [0, 2^(w+1)) with w ≥ minBits, w + 1 rounded up to whole limbs. Where the
// gate is 1, a negative d (a field element above p − 2^minBits) fails;
// where it is 0, every d of the range passes. It costs the range check of
// gate·d ≥ 0 (one bit wider) without the product.
func (r *rangeChecker) checkNonNegativeWhere(gate, d frontend.Variable, minBits int) {
	r.gated = append(r.gated, lessCheck{d, gate, minBits})
}

// lookups is the number of table lookups (and recompositions) of a w-bit
// check with limbs of b bits, as gnark's checker decomposes it.
func lookups(w, b int) int {
	if w <= 1 {
		return 1 // an equality or a boolean constraint
	}
	n := (w + b - 1) / b
	if n*b > w {
		n++ // the most significant limb is checked shifted, too
	}
	return n + 1
}

// widened is the width a sign check of minBits bits gets with b-bit limbs.
func widened(minBits, b int) int {
	w := (minBits + b - 1) / b * b
	if w > maxCheckBits {
		return minBits
	}
	return w
}

// flush chooses the limb width minimising the constraints of all checks
// (the table costs 2^b) and registers them with gnark's range checker.
func (r *rangeChecker) flush() {
	if len(r.exact)+len(r.less)+len(r.nonNeg)+len(r.gated) == 0 {
		return
	}
	best, bestCost := 0, 0
	for b := 2; b < 18; b++ {
		cost := 1 << b
		for _, c := range r.exact {
			cost += lookups(c.bits, b)
		}
		for _, c := range r.less {
			cost += lookups(widened(c.minBits, b), b)
		}
		for _, c := range r.nonNeg {
			cost += lookups(widened(c.bits, b), b)
		}
		for _, c := range r.gated {
			cost += lookups(widened(c.minBits+1, b), b)
		}
		if best == 0 || cost < bestCost {
			best, bestCost = b, cost
		}
	}
	rangecheck.New(r.api, rangecheck.WithBaseLength(best)) // sets the width of r.rc (one checker per circuit)
	rc := r.rc
	for _, c := range r.exact {
		rc.Check(c.v, c.bits)
	}
	for _, c := range r.less {
		w := widened(c.minBits, best)
		shift := new(big.Int).Lsh(big.NewInt(1), uint(w))
		rc.Check(r.api.Add(c.d, r.api.Mul(r.api.Sub(1, c.bit), shift)), w)
	}
	for _, c := range r.nonNeg {
		rc.Check(c.v, widened(c.bits, best))
	}
	for _, c := range r.gated {
		w := widened(c.minBits+1, best) // w − 1 ≥ minBits
		shift := new(big.Int).Lsh(big.NewInt(1), uint(w-1))
		rc.Check(r.api.Add(c.d, r.api.Mul(r.api.Sub(1, c.bit), shift)), w)
	}
	r.exact, r.less, r.nonNeg, r.gated = nil, nil, nil, nil
}
