package circuits

import (
	"fmt"
	"math"
	"math/big"
	"sort"

	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"
)

func init() {
	solver.RegisterHint(LimbsHint, LimbCountsHint)
}

// rangeChecker collects a circuit's range checks and proves them all at the
// end of Define with one log-derivative lookup into the table [0, B), the
// base B chosen for them all — any integer up to 2^17, not only a power of
// two: the table costs one constraint per entry, each limb one lookup, and
// a table just large enough for K limbs of the widest checks is often the
// cheapest (Q1's 65-bit sign check over 2^10 rows: 7 limbs in [0, 625)).
//
// A check that only needs some range [0, R) with R ≥ 2^w (sign, order and
// gated checks: the sign of a value is what counts) gets R = B^K and splits
// its value into K base-B digits: the low ones hinted, the top one not a
// wire of its own but the linear combination (v − Σ d_i·B^i)/B^(K−1), so no
// recomposition constraint — every digit, the top one included, is a
// lookup (one constraint). An exact check [0, 2^w) with B = 2^b looks its
// top digit up once more, shifted by 2^(b−r), when it has r < b bits; with
// another base it checks v and v + B^K − 2^w against [0, B^K).
//
// The lookups' values — and so every wire of the checked values — are
// committed before the challenge is drawn: a checked value the prover could
// still change afterwards (a hinted bit no other constraint fixes) would
// let it steer the top digits' fractions to a sum it needs.
type rangeChecker struct {
	api    frontend.API
	closed bool
	base   int // the table base if set (tests), else the cheapest
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
// boolean: with R ≥ 2^minBits, d + (1 − bit)·R ∈ [0, R). Any such R is
// sound (a wrong bit leaves a negative value, i.e. one near p, or one of
// at least R), so R is the table's B^K.
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

// checkNonNegative proves v is a non-negative integer below some R ≥
// 2^minBits (far below p): enough where only the sign matters (orders,
// extremes), so R is the table's B^K.
func (r *rangeChecker) checkNonNegative(v frontend.Variable, minBits int) {
	r.mustBeOpen()
	r.nonNeg = append(r.nonNeg, exactCheck{v, minBits})
}

// checkNonNegativeWhere proves d ≥ 0 where gate is 1, for d ∈ [−2^minBits,
// 2^minBits) and gate 0 or 1 (the caller's to ensure): d + (1 − gate)·
// 2^minBits ∈ [0, R) with R ≥ 2^(minBits+1) (the table's B^K). Where the
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

// maxTable bounds the lookup table: [0, B) with 2 ≤ B ≤ 2^17.
const maxTable = 1 << 17

// checkKind is what a check needs of its value's range.
type checkKind int

const (
	// exactly [0, 2^bits)
	kindExact checkKind = iota
	// [0, R) for any R ≥ 2^bits far below p (sign, non-negative and gated
	// checks: see their functions)
	kindAtLeast
)

// limbCount returns the least K ≥ 1 with base^K ≥ 2^bits, and base^K.
func limbCount(base, bits int) (int, *big.Int) {
	need := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	b := big.NewInt(int64(base))
	r := new(big.Int).Set(b)
	k := 1
	for r.Cmp(need) < 0 {
		r.Mul(r, b)
		k++
	}
	return k, r
}

// isPow2 reports whether base is 2^b, and b.
func isPow2(base int) (bool, int) {
	if base&(base-1) != 0 {
		return false, 0
	}
	b := 0
	for 1<<b < base {
		b++
	}
	return true, b
}

// atLeastRange is the range [0, R) a kindAtLeast check of bits gets with
// table base: R = base^K, or exactly 2^bits (ok false) where base^K would
// not stay below 2^maxCheckBits.
func atLeastRange(base, bits int) (k int, r *big.Int, ok bool) {
	k, r = limbCount(base, bits)
	if r.BitLen() > maxCheckBits {
		return 0, nil, false
	}
	return k, r, true
}

// lookups is the number of constraints of a check with table base: one
// lookup per limb and no recomposition (the top limb is a linear
// combination). An exact check with a power-of-two base looks its top limb
// up once more, shifted, when it is narrower; with another base it is two
// checks of [0, base^K) (v and v + base^K − 2^bits).
func lookups(kind checkKind, bits, base int) int {
	if bits <= 1 {
		return 1 // an equality or a boolean constraint
	}
	if kind == kindAtLeast {
		if k, _, ok := atLeastRange(base, bits); ok {
			return k
		}
	}
	if pow2, b := isPow2(base); pow2 {
		n := (bits + b - 1) / b
		if n*b > bits {
			n++ // the most significant limb is checked shifted, too
		}
		return n
	}
	k, r := limbCount(base, bits)
	if r.BitLen() > maxCheckBits {
		return unusable // v + base^K − 2^bits could wrap around p
	}
	return 2 * k
}

// unusable is the cost of a check a table base cannot prove soundly: more
// than any circuit's constraints, so a power of two is chosen instead.
const unusable = 1 << 40

// tableCandidates are the bases worth costing for checks of these widths:
// every power of two, and for every width w and limb count K the least
// base with base^K ≥ 2^w (a table just large enough for K limbs).
func tableCandidates(widths map[int]bool) []int {
	seen := map[int]bool{}
	var out []int
	add := func(b int) {
		if b >= 2 && b <= maxTable && !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	for b := 2; b <= maxTable; b *= 2 {
		add(b)
	}
	for w := range widths {
		need := new(big.Int).Lsh(big.NewInt(1), uint(w))
		for k := 1; k <= w; k++ {
			// the k-th root of 2^w, rounded up
			f := math.Ceil(math.Pow(2, float64(w)/float64(k)))
			if f > 2*maxTable {
				continue
			}
			b := int(f)
			for b > 2 && new(big.Int).Exp(big.NewInt(int64(b-1)), big.NewInt(int64(k)), nil).Cmp(need) >= 0 {
				b--
			}
			for new(big.Int).Exp(big.NewInt(int64(b)), big.NewInt(int64(k)), nil).Cmp(need) < 0 {
				b++
			}
			add(b)
			if b <= 2 {
				break
			}
		}
	}
	sort.Ints(out)
	return out
}

// flush chooses the table base minimising the constraints of all checks
// (the table costs one fraction per entry) and proves them.
func (r *rangeChecker) flush() {
	r.closed = true
	if len(r.exact)+len(r.less)+len(r.nonNeg)+len(r.gated) == 0 {
		return
	}
	// checks by kind and width
	type group struct {
		kind checkKind
		bits int
	}
	groups := map[group]int{}
	widths := map[int]bool{}
	for _, c := range r.exact {
		groups[group{kindExact, c.bits}]++
	}
	for _, c := range r.less {
		groups[group{kindAtLeast, c.minBits}]++
		widths[c.minBits] = true
	}
	for _, c := range r.nonNeg {
		groups[group{kindAtLeast, c.bits}]++
		widths[c.bits] = true
	}
	for _, c := range r.gated {
		groups[group{kindAtLeast, c.minBits + 1}]++
		widths[c.minBits+1] = true
	}
	best, bestCost := 0, 0
	candidates := tableCandidates(widths)
	if r.base != 0 {
		candidates = []int{r.base}
	}
	for _, base := range candidates {
		cost := base
		for g, n := range groups {
			cost += n * lookups(g.kind, g.bits, base)
		}
		if best == 0 || cost < bestCost {
			best, bestCost = base, cost
		}
	}
	api := r.api
	var queries []frontend.Variable
	// rangeFor is the R a kindAtLeast check of bits gets (atLeastRange), and
	// atLeast proves t ∈ [0, R) with it: base-B digits, or an exact check
	// of bits where B^K would be too wide
	rangeFor := func(bits int) *big.Int {
		if _, rr, ok := atLeastRange(best, bits); ok {
			return rr
		}
		return new(big.Int).Lsh(big.NewInt(1), uint(bits))
	}
	atLeast := func(t frontend.Variable, bits int) {
		if k, _, ok := atLeastRange(best, bits); ok {
			queries = append(queries, r.digits(t, best, k)...)
			return
		}
		queries = append(queries, r.exactly(t, bits, best)...)
	}
	for _, c := range r.exact {
		queries = append(queries, r.exactly(c.v, c.bits, best)...)
	}
	for _, c := range r.less {
		// d + (1 − bit)·R ∈ [0, R) with R ≥ 2^minBits: a wrong bit leaves
		// a negative value (a field element near p) or one of at least R
		rr := rangeFor(c.minBits)
		atLeast(api.Add(c.d, api.Mul(api.Sub(1, c.bit), rr)), c.minBits)
	}
	for _, c := range r.nonNeg {
		atLeast(c.v, c.bits)
	}
	for _, c := range r.gated {
		// d + (1 − gate)·2^minBits ∈ [0, R) with R ≥ 2^(minBits+1): every d
		// of the range passes where the gate is 0, a negative one fails
		// where it is 1
		shift := new(big.Int).Lsh(big.NewInt(1), uint(c.minBits))
		atLeast(api.Add(c.d, api.Mul(api.Sub(1, c.bit), shift)), c.minBits+1)
	}
	r.exact, r.less, r.nonNeg, r.gated = nil, nil, nil, nil
	if len(queries) == 0 {
		return
	}
	// Σ_q 1/(α − q) = Σ_t m_t/(α − t) over the table t ∈ [0, B): every
	// query is a table entry (m_t counts them), α drawn after the queries
	// and the counts are committed.
	counts, err := api.Compiler().NewHint(LimbCountsHint, best, queries...)
	if err != nil {
		panic(err)
	}
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		table, err := fractionSum(api, alpha, len(counts), func(t int) frontend.Variable { return counts[t] }, func(t int) frontend.Variable { return t })
		if err != nil {
			return err
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
		api.AssertIsEqual(table, linearSum(api, dens))
		return nil
	}, append(append([]frontend.Variable{}, queries...), counts...)...)
}

// digits returns the k base-B digits of v (least significant first) as
// lookups proving v ∈ [0, B^k): the low k − 1 hinted, the top one the
// linear combination (v − Σ d_i·B^i)/B^(k−1).
func (r *rangeChecker) digits(v frontend.Variable, base, k int) []frontend.Variable {
	api := r.api
	var low []frontend.Variable
	if k > 1 {
		var err error
		low, err = api.Compiler().NewHint(LimbsHint, k-1, base, v)
		if err != nil {
			panic(err)
		}
	}
	top := v
	pow := big.NewInt(1)
	for _, l := range low {
		top = api.Sub(top, api.Mul(l, new(big.Int).Set(pow)))
		pow.Mul(pow, big.NewInt(int64(base)))
	}
	if k > 1 {
		inv := new(big.Int).ModInverse(pow, api.Compiler().Field())
		top = api.Mul(top, inv)
	}
	return append(low, top)
}

// exactly returns the lookups proving v ∈ [0, 2^bits) with table base B
// (widths of 0 and 1 are proven directly and return none): with B = 2^b,
// b-bit digits and the top one shifted by 2^(b−r) when it has r < b bits;
// otherwise v and v + B^K − 2^bits both in [0, B^K).
func (r *rangeChecker) exactly(v frontend.Variable, bits, base int) []frontend.Variable {
	api := r.api
	switch bits {
	case 0:
		api.AssertIsEqual(v, 0)
		return nil
	case 1:
		api.AssertIsBoolean(v)
		return nil
	}
	if pow2, b := isPow2(base); pow2 {
		n := (bits + b - 1) / b
		out := r.digits(v, base, n)
		if rest := bits - b*(n-1); rest < b {
			out = append(out, api.Mul(out[n-1], new(big.Int).Lsh(big.NewInt(1), uint(b-rest))))
		}
		return out
	}
	k, rr := limbCount(base, bits)
	if rr.BitLen() > maxCheckBits {
		// flush never picks such a base (lookups: unusable)
		panic(fmt.Sprintf("circuits: a %d-bit exact check with table base %d would wrap around the field", bits, base))
	}
	gap := new(big.Int).Sub(rr, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	return append(r.digits(v, base, k), r.digits(api.Add(v, gap), base, k)...)
}

// LimbsHint outputs the low len(out) digits of in[1] in base in[0] (the
// top digit is what remains; see rangeChecker).
func LimbsHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 2 || !in[0].IsInt64() || in[0].Int64() < 2 || in[0].Int64() > maxTable {
		return fmt.Errorf("circuits: limbs hint: want (base, value), got %d inputs", len(in))
	}
	v := new(big.Int).Set(in[1])
	for i := range out {
		v.DivMod(v, in[0], out[i])
	}
	return nil
}

// LimbCountsHint counts how often each t ∈ [0, len(out)) is among in (the
// queries). A query outside the table is a range check that fails: the
// hint says which value, and the proof cannot be made.
func LimbCountsHint(_ *big.Int, in, out []*big.Int) error {
	counts := make([]int64, len(out))
	for i, q := range in {
		if !q.IsInt64() || q.Int64() < 0 || q.Int64() >= int64(len(out)) {
			return fmt.Errorf("circuits: range check failed: lookup %d is %v, not below %d", i, q, len(out))
		}
		counts[q.Int64()]++
	}
	for t, c := range counts {
		out[t].SetInt64(c)
	}
	return nil
}
