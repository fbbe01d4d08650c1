package prover

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/internal/poly"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// maxLookupRightLog bounds log2 of the Right segment capacity for the
// lookup join: its Bézout cofactors cost the prover a product tree and
// Newton divisions (O(n log² n)) but an extended Euclid of degree nR
// (O(nR²)): 1.2 s for a 2^16-row Left segment with 2^10-row Right ones,
// 2.1 s with 2^12, 5.8 s with 2^13 on the 2-core benchmark machine.
// Above it the general join proves.
const maxLookupRightLog = 12

// Size returns the size of plan's circuit over the store's current tables:
// its table's segment capacity, a join's Right table's, and the lookup join
// variant where the plan can take it (circuits.LookupJoinPlan), every
// Right segment's real keys are distinct and the Right segments are small
// enough (maxLookupRightLog).
func (p *Prover) Size(plan *planner.Plan) (circuits.Size, error) {
	var ms []*store.Manifest
	for _, t := range plan.Query.Tables() {
		m, err := p.Store.Manifest(t.Name)
		if err != nil {
			return circuits.Size{}, err
		}
		ms = append(ms, m)
	}
	return p.sizeOf(plan, ms)
}

// sizeOf is Size over the plan's tables' manifests (a join's Left one first).
func (p *Prover) sizeOf(plan *planner.Plan, ms []*store.Manifest) (circuits.Size, error) {
	size := circuits.SegmentSize(ms[0].LogCapacity)
	if len(ms) < 2 {
		if plan.Grouped {
			slots, err := p.groupSlotsFor(plan, ms[0])
			if err != nil {
				return circuits.Size{}, err
			}
			size.GroupSlots = slots
			if p.forceGroupSlots != nil {
				size.GroupSlots = *p.forceGroupSlots
			}
		}
		return size, nil
	}
	size.LogRight = ms[1].LogCapacity
	if circuits.LookupJoinPlan(plan) && size.Right() <= maxLookupRightLog {
		distinct, err := p.rightKeysDistinct(plan, ms[1])
		if err != nil {
			return circuits.Size{}, err
		}
		size.Lookup = distinct
		if p.forceLookup != nil {
			size.Lookup = *p.forceLookup
		}
	}
	return size, nil
}

// groupSlotsFor sizes a one-table grouped plan's group slots to the data:
// the least power of two at least the most groups one of the table's
// segments has, or 0 (one slot per row) where that is the capacity. A
// segment's groups are what its proof returns, so the circuit is the
// smallest that holds them all (one circuit, and keys, per slot count).
func (p *Prover) groupSlotsFor(plan *planner.Plan, m *store.Manifest) (int, error) {
	ev, err := NewEvaluator(plan)
	if err != nil {
		return 0, err
	}
	most := 0
	for si := range m.Segments {
		cols, err := p.Store.LoadSegment(m, si) // the columns alone: no padded copies, window or digests
		if err != nil {
			return 0, err
		}
		groups, _, err := ev.GroupResult(cols)
		if err != nil {
			return 0, fmt.Errorf("segment %d: %w", si, err)
		}
		most = max(most, len(groups))
	}
	slots := 1
	for slots < most {
		slots <<= 1
	}
	if slots >= 1<<m.LogCapacity {
		return 0, nil
	}
	return slots, nil
}

// rightKeysDistinct reports whether no two real rows of any segment of a
// join's Right table share a key.
func (p *Prover) rightKeysDistinct(plan *planner.Plan, m *store.Manifest) (bool, error) {
	for si, seg := range m.Segments {
		cols, _, err := p.Store.LoadSegmentBlobs(m, si)
		if err != nil {
			return false, err
		}
		seen := make(map[string]bool, seg.Rows)
		for i := 0; i < seg.Rows; i++ {
			k := rowKey(plan, 1, cols, i).String()
			if seen[k] {
				return false, nil
			}
			seen[k] = true
		}
	}
	return true, nil
}

// lookupWitness is a lookup join's witness beyond the general join's
// (whose pairs and Right multiplicities it takes): each Left row's Right
// row (−1: none), the Right key slots and the Bézout cofactors.
type lookupWitness struct {
	match []int  // per Left row of the segment's capacity
	play  [2]int // the Left rows in play: [play[0], play[1])
	pos   []int  // per joined row the evaluator sees, its Left row
	right [][]fr.Element
	a, b  poly.Poly
}

// newLookupWitness derives a lookup join's witness from the join of two
// segments (tables by table column index, capacity rows each side); the
// Left rows in play are [play[0], play[1]) (the real rows, or a window
// condition's): the others join nothing.
func newLookupWitness(plan *planner.Plan, w *joinWitness, tables [2][][]fr.Element, capacity [2]int, play [2]int) (*lookupWitness, error) {
	lw := &lookupWitness{match: make([]int, capacity[0]), right: tables[1], play: play}
	for i := range lw.match {
		lw.match[i] = -1
	}
	for k, pr := range w.pairs {
		lw.pos = append(lw.pos, pr[0])
		if lw.match[pr[0]] < 0 && !w.pairUnmatched[k] && pr[0] >= play[0] && pr[0] < play[1] { // Right keys repeat only for a test's dishonest prover
			lw.match[pr[0]] = pr[1]
		}
	}
	// each Right row's multiplicity: the matched Left rows in play (the
	// general join's counts every pair)
	clear(w.mult[1])
	for _, r := range lw.match {
		if r >= 0 {
			w.mult[1][r]++
		}
	}
	// a padding row's key (its values all zero), once per side
	padKey := [2]fr.Element{schema.Encode(rowKey(plan, 0, nil, 0)), schema.Encode(rowKey(plan, 1, nil, 0))}
	var matchedOff, paddingOff fr.Element
	matchedOff.SetBigInt(circuits.LookupMatchedOffset)
	paddingOff.SetBigInt(circuits.LookupPaddingOffset)
	// u_t: an unmatched real row's key, else the key moved out of range;
	// s_j: a real Right row's key, else moved out of range elsewhere
	u := make([]fr.Element, capacity[0])
	for t := range u {
		u[t] = padKey[0]
		if t < w.rows[0] {
			u[t] = schema.Encode(rowKey(plan, 0, tables[0], t))
		}
		if t < play[0] || t >= play[1] || lw.match[t] >= 0 {
			u[t].Add(&u[t], &matchedOff)
		}
	}
	s := make([]fr.Element, capacity[1])
	count := map[string]*[circuits.JoinKeySlotWidth]*big.Int{}
	for i := range s {
		if i >= w.rows[1] {
			s[i].Add(&padKey[1], &paddingOff)
			continue
		}
		k := rowKey(plan, 1, tables[1], i)
		s[i] = schema.Encode(k)
		if e := count[k.String()]; e != nil {
			e[circuits.JoinKeyRight].Add(e[circuits.JoinKeyRight], big.NewInt(1))
			continue
		}
		count[k.String()] = &[circuits.JoinKeySlotWidth]*big.Int{k, new(big.Int), big.NewInt(1)}
	}
	w.keys = w.keys[:0]
	for _, e := range count {
		w.keys = append(w.keys, *e)
	}
	sort.Slice(w.keys, func(a, b int) bool { return w.keys[a][circuits.JoinKeyValue].Cmp(w.keys[b][circuits.JoinKeyValue]) < 0 })
	a, b, err := poly.Bezout(poly.FromRoots(u), poly.FromRoots(s))
	if err != nil {
		return nil, fmt.Errorf("lookup join: an unmatched row's key is a Right key: %w", err)
	}
	lw.a, lw.b = a, b
	return lw, nil
}

// fill sets the rest of a lookup join circuit's witness (beyond
// joinWitness.fillTables): the matched bits (Active), the joined rows'
// Right values, the cofactors.
func (lw *lookupWitness) fill(q *circuits.Query, plan *planner.Plan) {
	j := plan.Query.Join
	if j.Outer { // the Unmatched column: a real Left row without a match
		u := q.Cols[plan.CircuitColumn(j.Unmatched)]
		for t := range u {
			u[t] = 0
			if t >= lw.play[0] && t < lw.play[1] && lw.match[t] < 0 {
				u[t] = 1
			}
		}
	}
	for t := range q.Active {
		q.Active[t] = 0
		if lw.match[t] >= 0 {
			q.Active[t] = 1
		}
	}
	for jc, c := range plan.Columns {
		if j.Side(c) != 1 {
			continue
		}
		_, tc := j.TableColumn(c)
		for t := range q.Cols[jc] {
			q.Cols[jc][t] = 0
			if r := lw.match[t]; r >= 0 {
				q.Cols[jc][t] = lw.right[tc][r].BigInt(new(big.Int))
			}
		}
	}
	fillCoefficients(q.JoinCoefA, lw.a)
	fillCoefficients(q.JoinCoefB, lw.b)
}

// align moves what a segment result says per joined row from the joined
// rows the evaluator saw (the matched Left rows, in order) to the lookup
// join circuit's rows (the Left rows in place): the result slots'
// positions, the taken bits, the MIN/MAX witness; rows not joined get
// nothing (not taken, extremes and counts 0).
func (lw *lookupWitness) align(res *segmentResult, plan *planner.Plan) {
	pos, n := lw.pos, len(lw.match)
	if plan.RowResult {
		for _, sl := range res.slots {
			sl[0] = big.NewInt(int64(pos[sl[0].Int64()]))
		}
		taken := make([]bool, n)
		for k, tk := range res.taken {
			taken[pos[k]] = tk
		}
		res.taken = taken
	}
	if gw := res.groups; gw != nil {
		spread := func(vals []*big.Int) []*big.Int {
			out := make([]*big.Int, n)
			for t := range out {
				out[t] = new(big.Int)
			}
			for k, v := range vals {
				out[pos[k]] = v
			}
			return out
		}
		gw.Count = spread(gw.Count)
		for j := range gw.Extreme {
			gw.Extreme[j] = spread(gw.Extreme[j])
			wit := make([]bool, n)
			for k, b := range gw.Witness[j] {
				wit[pos[k]] = b
			}
			gw.Witness[j] = wit
		}
	}
}

// fillCoefficients sets dst to p's coefficients, zero past its degree.
func fillCoefficients(dst []frontend.Variable, p poly.Poly) {
	for i := range dst {
		dst[i] = 0
		if i < len(p) {
			dst[i] = p[i].BigInt(new(big.Int))
		}
	}
}
