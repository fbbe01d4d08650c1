package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"
)

func init() {
	solver.RegisterHint(LimbsHint, LimbCountsHint)
}

// rangeChecker collects a circuit's range checks and proves them all at the
// end of Define with one log-derivative lookup into the table [0, 2^b), b
// chosen for them all. Comparisons' checks may be widened (see lessCheck),
// so each is rounded up to a whole number of limbs.
//
// A w-bit check of v splits v into ⌈w/b⌉ limbs of b bits: the low ones are
// hinted, the top one is not a wire of its own but the linear combination
// (v − Σ low_k·2^(b·k))/2^(b·(K−1)), so no recomposition constraint is
// needed — every limb, the top one included, is a lookup (one constraint),
// and the top one is looked up once more shifted by 2^(b−r) when it has r <
// b bits. The lookups' values — and so every wire of the checked values —
// are committed before the challenge is drawn: a checked value the prover
// could still change afterwards (a hinted bit no other constraint fixes)
// would let it steer the top limbs' fractions to a sum it needs.
type rangeChecker struct {
	api    frontend.API
	closed bool
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

// newRangeChecker returns an empty checker; flush must run before Define
// returns (its lookups join the circuit's one commitment).
func newRangeChecker(api frontend.API) *rangeChecker {
	return &rangeChecker{api: api}
}

// Check proves v ∈ [0, 2^bits).
func (r *rangeChecker) Check(v frontend.Variable, bits int) {
	r.mustBeOpen()
	r.exact = append(r.exact, exactCheck{v, bits})
}

// checkSign proves bit = [d ≥ 0] for d ∈ [−2^minBits, 2^minBits) (bit is
// asserted boolean by the caller).
func (r *rangeChecker) checkSign(d, bit frontend.Variable, minBits int) {
	r.mustBeOpen()
	r.less = append(r.less, lessCheck{d, bit, minBits})
}

// checkNonNegative proves v is a non-negative integer below 2^w for some
// w ≥ minBits (far below p): enough where only the sign matters (orders,
// extremes), so w is rounded up to the limb width.
func (r *rangeChecker) checkNonNegative(v frontend.Variable, minBits int) {
	r.mustBeOpen()
	r.nonNeg = append(r.nonNeg, exactCheck{v, minBits})
}

// checkNonNegativeWhere proves d ≥ 0 where gate is 1, for d ∈ [−2^minBits,
// 2^minBits) and gate 0 or 1 (the caller's to ensure): d + (1 − gate)·2^w ∈
// [0, 2^(w+1)) with w ≥ minBits, w + 1 rounded up to whole limbs. Where the
// gate is 1, a negative d (a field element above p − 2^minBits) fails;
// where it is 0, every d of the range passes. It costs the range check of
// gate·d ≥ 0 (one bit wider) without the product.
func (r *rangeChecker) checkNonNegativeWhere(gate, d frontend.Variable, minBits int) {
	r.mustBeOpen()
	r.gated = append(r.gated, lessCheck{d, gate, minBits})
}

func (r *rangeChecker) mustBeOpen() {
	if r.closed {
		// a gadget ran in a commitment callback, after flush: a programming
		// error that would otherwise drop the check silently
		panic("circuits: range check added after the range checker was flushed")
	}
}

// lookups is the number of constraints of a w-bit check with limbs of b
// bits: one lookup per limb, one more for a top limb narrower than b, and
// no recomposition (the top limb is a linear combination).
func lookups(w, b int) int {
	if w <= 1 {
		return 1 // an equality or a boolean constraint
	}
	n := (w + b - 1) / b
	if n*b > w {
		n++ // the most significant limb is checked shifted, too
	}
	return n
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
// (the table costs 2^b: one fraction per entry) and proves them.
func (r *rangeChecker) flush() {
	r.closed = true
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
	api := r.api
	var queries []frontend.Variable
	check := func(v frontend.Variable, bits int) {
		queries = append(queries, r.limbs(v, bits, best)...)
	}
	for _, c := range r.exact {
		check(c.v, c.bits)
	}
	for _, c := range r.less {
		w := widened(c.minBits, best)
		shift := new(big.Int).Lsh(big.NewInt(1), uint(w))
		check(api.Add(c.d, api.Mul(api.Sub(1, c.bit), shift)), w)
	}
	for _, c := range r.nonNeg {
		check(c.v, widened(c.bits, best))
	}
	for _, c := range r.gated {
		w := widened(c.minBits+1, best) // w − 1 ≥ minBits
		shift := new(big.Int).Lsh(big.NewInt(1), uint(w-1))
		check(api.Add(c.d, api.Mul(api.Sub(1, c.bit), shift)), w)
	}
	r.exact, r.less, r.nonNeg, r.gated = nil, nil, nil, nil
	if len(queries) == 0 {
		return
	}
	// Σ_q 1/(α − q) = Σ_t m_t/(α − t) over the table t ∈ [0, 2^b): every
	// query is a table entry (m_t counts them), α drawn after the queries
	// and the counts are committed.
	counts, err := api.Compiler().NewHint(LimbCountsHint, 1<<best, append([]frontend.Variable{best}, queries...)...)
	if err != nil {
		panic(err)
	}
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		var table, looked frontend.Variable = 0, 0
		for t, m := range counts {
			table = api.Add(table, api.DivUnchecked(m, api.Sub(alpha, t)))
		}
		dens := make([]frontend.Variable, len(queries))
		for i, q := range queries {
			dens[i] = api.Sub(alpha, q)
		}
		// one constraint per query either way; gnark's batch inversion
		// solves them with one field inversion in all (as its own
		// log-derivative argument does), not one each
		if bi, ok := api.(frontend.BatchInverter); ok {
			dens = bi.BatchInvert(dens)
		} else {
			for i := range dens {
				dens[i] = api.Inverse(dens[i])
			}
		}
		for _, d := range dens {
			looked = api.Add(looked, d)
		}
		api.AssertIsEqual(table, looked)
		return nil
	}, append(append([]frontend.Variable{}, queries...), counts...)...)
}

// limbs returns the lookups proving v ∈ [0, 2^bits) with b-bit limbs (see
// rangeChecker); widths of 0 and 1 are proven directly and return none.
func (r *rangeChecker) limbs(v frontend.Variable, bits, b int) []frontend.Variable {
	api := r.api
	switch bits {
	case 0:
		api.AssertIsEqual(v, 0)
		return nil
	case 1:
		api.AssertIsBoolean(v)
		return nil
	}
	n := (bits + b - 1) / b
	var low []frontend.Variable
	if n > 1 {
		var err error
		low, err = api.Compiler().NewHint(LimbsHint, n-1, b, v)
		if err != nil {
			panic(err)
		}
	}
	// top = (v − Σ low_k·2^(b·k)) / 2^(b·(n−1)), linear
	top := v
	for k, l := range low {
		top = api.Sub(top, api.Mul(l, new(big.Int).Lsh(big.NewInt(1), uint(b*k))))
	}
	if n > 1 {
		inv := new(big.Int).Lsh(big.NewInt(1), uint(b*(n-1)))
		inv.ModInverse(inv, api.Compiler().Field())
		top = api.Mul(top, inv)
	}
	out := append(low, top)
	if rest := bits - b*(n-1); rest < b {
		out = append(out, api.Mul(top, new(big.Int).Lsh(big.NewInt(1), uint(b-rest))))
	}
	return out
}

// LimbsHint outputs the low len(out) limbs of in[1] in base 2^in[0] (the
// top limb is what remains; see rangeChecker).
func LimbsHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 2 || !in[0].IsInt64() || in[0].Int64() < 1 || in[0].Int64() > 30 {
		return fmt.Errorf("circuits: limbs hint: want (limb bits, value), got %d inputs", len(in))
	}
	b := uint(in[0].Int64())
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), b), big.NewInt(1))
	v := new(big.Int).Set(in[1])
	for i := range out {
		out[i].And(v, mask)
		v.Rsh(v, b)
	}
	return nil
}

// LimbCountsHint counts, for in = (b, queries...), how often each t ∈ [0,
// 2^b) is queried (len(out) = 2^b). A query outside the table is a range
// check that fails: the hint says which value, and the proof cannot be made.
func LimbCountsHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) < 1 || !in[0].IsInt64() || len(out) != 1<<in[0].Int64() {
		return fmt.Errorf("circuits: limb counts hint: want (limb bits, queries...) and 2^bits outputs")
	}
	counts := make([]int64, len(out))
	for i, q := range in[1:] {
		if !q.IsInt64() || q.Int64() < 0 || q.Int64() >= int64(len(out)) {
			return fmt.Errorf("circuits: range check failed: lookup %d is %v, not below 2^%d", i, q, in[0].Int64())
		}
		counts[q.Int64()]++
	}
	for t, c := range counts {
		out[t].SetInt64(c)
	}
	return nil
}
