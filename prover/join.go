package prover

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
)

// joinWitness is the inner equi-join of one Left and one Right segment:
// the joined (Left, Right) row pairs in order, how many pairs each row is
// in, and the key slots (distinct keys, increasing, with their counts).
type joinWitness struct {
	rows  [2]int   // the segments' row counts
	pairs [][2]int // joined rows: Left and Right positions, increasing
	mult  [2][]int
	keys  [][circuits.JoinKeySlotWidth]*big.Int // key, Left count, Right count
	// unmatched counts the LEFT JOIN rows without a Right row, and
	// pairUnmatched says which joined rows they are
	unmatched     int
	pairUnmatched []bool
	// lookup is set for the lookup join circuit (circuits.Size.Lookup)
	lookup *lookupWitness
}

// joinSegments joins two segments (columns by table column index; the
// Left segment holds capacity[0] rows, the Right capacity[1]) and returns
// the witness and the joined rows' columns by combined column index (only
// the plan's columns are filled). The joined rows fit the Left capacity.
func joinSegments(plan *planner.Plan, tables [2][][]fr.Element, rows, capacity [2]int) (*joinWitness, [][]fr.Element, error) {
	j := plan.Query.Join
	w := &joinWitness{rows: rows}
	keyOf := func(side, i int) *big.Int { return rowKey(plan, side, tables[side], i) }
	type entry struct {
		k *big.Int
		n [2]int
	}
	byKey := map[string]*entry{}
	right := map[string][]int{}
	leftIDs := make([]string, rows[0]) // each Left row's key, as a map key
	for s := 0; s < 2; s++ {
		w.mult[s] = make([]int, capacity[s])
		for i := 0; i < rows[s]; i++ {
			k := keyOf(s, i)
			id := k.String()
			if s == 0 {
				leftIDs[i] = id
			}
			e := byKey[id]
			if e == nil {
				e = &entry{k: k}
				byKey[id] = e
			}
			e.n[s]++
			if s == 1 {
				right[id] = append(right[id], i)
			}
		}
	}
	var unmatched []bool
	for i := 0; i < rows[0]; i++ {
		matches := right[leftIDs[i]]
		if len(matches) == 0 && j.Outer {
			matches = []int{-1} // once, its Right columns NULL
		}
		for _, r := range matches {
			if len(w.pairs) == capacity[0] {
				return nil, nil, fmt.Errorf("the join of these segments has more than %d rows (the Left segment capacity): joins whose key repeats that often on both sides are not supported", capacity[0])
			}
			w.mult[0][i]++
			unmatched = append(unmatched, r < 0)
			if r < 0 {
				w.pairs = append(w.pairs, [2]int{i, 0})
				w.unmatched++
				continue
			}
			w.pairs = append(w.pairs, [2]int{i, r})
			w.mult[1][r]++
		}
	}
	entries := make([]*entry, 0, len(byKey))
	for _, e := range byKey {
		entries = append(entries, e)
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].k.Cmp(entries[b].k) < 0 })
	for _, e := range entries {
		w.keys = append(w.keys, [circuits.JoinKeySlotWidth]*big.Int{e.k, big.NewInt(int64(e.n[0])), big.NewInt(int64(e.n[1]))})
	}
	cols := make([][]fr.Element, len(plan.Query.Table.Columns))
	for _, c := range plan.Columns {
		side, tc := j.TableColumn(c)
		cols[c] = make([]fr.Element, len(w.pairs))
		for t, p := range w.pairs {
			switch {
			case j.Side(c) == 2:
				if unmatched[t] {
					cols[c][t].SetOne()
				}
			case side == 1 && unmatched[t]: // NULL: 0
			default:
				cols[c][t] = tables[side][tc][p[side]]
			}
		}
	}
	w.pairUnmatched = unmatched
	return w, cols, nil
}

// rowKey packs the join key of row i of one side's segment (columns by
// table column index; a row past them is a padding row, all zero).
func rowKey(plan *planner.Plan, side int, cols [][]fr.Element, i int) *big.Int {
	j := plan.Query.Join
	return plan.PackJoinKey(side, func(c int) *big.Int {
		_, tc := j.TableColumn(c)
		if cols == nil || i >= len(cols[tc]) {
			return new(big.Int)
		}
		return schema.DecodeSigned(&cols[tc][i])
	})
}

// fill sets a join circuit's join witness.
func (w *joinWitness) fill(q *circuits.Query, plan *planner.Plan) {
	w.fillTables(q)
	if w.lookup != nil {
		w.lookup.fill(q, plan)
		return
	}
	for s := 0; s < 2; s++ {
		for t := range q.JoinPos[s] {
			q.JoinPos[s][t] = 0
			if t < len(w.pairs) {
				q.JoinPos[s][t] = w.pairs[t][s]
			}
		}
	}
	if q.JoinNull != nil {
		q.JoinNull[0] = w.unmatched
	}
}

// fillTables sets what both join circuits know of the tables' rows: the
// Right row count, each side's activity bits and lookup multiplicities
// (where the circuit has them) and the key slots.
func (w *joinWitness) fillTables(q *circuits.Query) {
	q.JoinRows[0] = w.rows[1]
	for s := 0; s < 2; s++ {
		setOnesFirst(q.JoinAct[s], w.rows[s])
		for i := range q.JoinMult[s] {
			q.JoinMult[s][i] = w.mult[s][i]
		}
	}
	fillKeySlots(q.JoinKeys, w.keys)
}

// fillKeySlots sets a join circuit's key slots: the tables' keys (ascending)
// with their counts, then, in the slots left, keys past the largest that
// no row has, with counts 0, so that all slots strictly increase.
func fillKeySlots(slots [][]frontend.Variable, keys [][circuits.JoinKeySlotWidth]*big.Int) {
	next := big.NewInt(0)
	for k, slot := range slots {
		if k < len(keys) {
			for v, x := range keys[k] {
				slot[v] = x
			}
			next = new(big.Int).Add(keys[k][circuits.JoinKeyValue], big.NewInt(1))
			continue
		}
		slot[circuits.JoinKeyValue], slot[circuits.JoinKeyLeft], slot[circuits.JoinKeyRight] = next, 0, 0
		next = new(big.Int).Add(next, big.NewInt(1))
	}
}
