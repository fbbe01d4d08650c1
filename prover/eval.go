package prover

import (
	"fmt"
	"math/big"
	"runtime"
	"sort"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// Evaluator runs a plan over column data natively, with exactly the
// semantics the circuit proves: exact integer arithmetic, no NULLs.
type Evaluator struct {
	plan   *planner.Plan
	params []*big.Int
	row    []*big.Int // current row, by table column index
	// rowInto, when set, holds one integer per column that selectRow
	// decodes the row into instead of allocating (Partials, which keeps
	// copies of what it retains)
	rowInto []*big.Int
}

// NewEvaluator returns an evaluator of a plan whose parameters are bound.
func NewEvaluator(plan *planner.Plan) (*Evaluator, error) {
	params, err := plan.ParamValues()
	if err != nil {
		return nil, err
	}
	return &Evaluator{plan: plan, params: params}, nil
}

// Partials computes a segment's public partial values (signed integers, in
// the order of plan.Partials) from its columns (table column order, one
// value per stored row). Large segments are evaluated in row ranges on
// all cores, each with its own copy of the evaluator, and the ranges'
// counts, sums and extremes combined; an error is the first row's, as
// one range would give.
func (ev *Evaluator) Partials(cols [][]fr.Element) ([]*big.Int, error) {
	p := ev.plan
	if p.Grouped {
		return nil, fmt.Errorf("prover: grouped plans give group rows: use GroupResult")
	}
	rows := 0
	if len(p.Columns) > 0 {
		rows = len(cols[p.Columns[0]])
	} else if len(cols) > 0 {
		rows = len(cols[0])
	}
	aggs := p.Query.Aggregates()
	tasks := min(runtime.GOMAXPROCS(0), rows/partialsRange)
	if tasks < 2 {
		r, err := ev.partialsOver(cols, 0, rows)
		if err != nil {
			return nil, err
		}
		return r.values(p, aggs), nil
	}
	parts := make([]*rangePartials, tasks)
	errs := make([]error, tasks)
	var wg sync.WaitGroup
	for t := range tasks {
		wg.Go(func() {
			part := &Evaluator{plan: ev.plan, params: ev.params}
			parts[t], errs[t] = part.partialsOver(cols, t*rows/tasks, (t+1)*rows/tasks)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, r := range parts[1:] {
		parts[0].merge(p, r)
	}
	return parts[0].values(p, aggs), nil
}

// partialsRange is the fewest rows Partials gives a core.
const partialsRange = 1 << 14

// rangePartials are a row range's partial values: sums[t] is partial t's
// sum (a UINT256 one summed limb by limb, as the circuit sums each limb
// column); ext[a] is aggregate a's extreme as a whole value (nil: no row
// selected), split into limbs at the end.
type rangePartials struct {
	count *big.Int
	sums  []*big.Int
	ext   []*big.Int
}

// partialsOver evaluates rows [lo, hi).
func (ev *Evaluator) partialsOver(cols [][]fr.Element, lo, hi int) (*rangePartials, error) {
	p := ev.plan
	aggs := p.Query.Aggregates()
	r := &rangePartials{count: new(big.Int), sums: make([]*big.Int, len(p.Partials)), ext: make([]*big.Int, len(aggs))}
	for t := range r.sums {
		r.sums[t] = new(big.Int)
	}
	ev.row = make([]*big.Int, len(cols))
	ev.rowInto = make([]*big.Int, len(cols))
	for c := range ev.rowInto {
		ev.rowInto[c] = new(big.Int)
	}
	defer func() { ev.rowInto = nil }()
	for i := lo; i < hi; i++ {
		ok, err := ev.selectRow(cols, i)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		r.count.Add(r.count, big.NewInt(1))
		for t, part := range p.Partials {
			if part.Kind == planner.PartialCount || (part.Kind != planner.PartialSum && part.Limb == 1) {
				continue
			}
			arg := aggs[part.Agg].Arg
			v, err := ev.value(arg, true)
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			if part.Kind == planner.PartialSum {
				r.sums[t].Add(r.sums[t], limb(v, arg, part.Limb))
				continue
			}
			r.extreme(part.Kind, part.Agg, v)
		}
	}
	return r, nil
}

// extreme keeps v as aggregate a's extreme where it is one (kind: MIN or MAX).
func (r *rangePartials) extreme(kind planner.PartialKind, a int, v *big.Int) {
	switch cur := r.ext[a]; {
	case cur == nil:
		r.ext[a] = new(big.Int).Set(v)
	case kind == planner.PartialMin && v.Cmp(cur) < 0, kind == planner.PartialMax && v.Cmp(cur) > 0:
		cur.Set(v)
	}
}

// merge adds the later range o into r.
func (r *rangePartials) merge(p *planner.Plan, o *rangePartials) {
	r.count.Add(r.count, o.count)
	for t, part := range p.Partials {
		switch {
		case part.Kind == planner.PartialSum:
			r.sums[t].Add(r.sums[t], o.sums[t])
		case part.Kind != planner.PartialCount && part.Limb == 0 && o.ext[part.Agg] != nil:
			r.extreme(part.Kind, part.Agg, o.ext[part.Agg])
		}
	}
}

// values returns the partial values in plan order.
func (r *rangePartials) values(p *planner.Plan, aggs []sql.Aggregate) []*big.Int {
	out := []*big.Int{r.count}
	for t, part := range p.Partials[1:] {
		if part.Kind == planner.PartialSum {
			out = append(out, r.sums[t+1])
			continue
		}
		v := r.ext[part.Agg]
		if v == nil {
			v = new(big.Int) // no row selected
		}
		out = append(out, limb(v, aggs[part.Agg].Arg, part.Limb))
	}
	return out
}

// limb is limb l of a UINT256 aggregate argument's value v, or v itself.
func limb(v *big.Int, arg sql.Expr, l int) *big.Int {
	if arg.Kind() != sql.KindU256 {
		return v
	}
	lo, hi := schema.SplitUint256(v)
	return [2]*big.Int{lo, hi}[l]
}

// selectRow loads row i of the plan's columns (a UINT256 column as its
// whole value) and evaluates the WHERE clause on it.
func (ev *Evaluator) selectRow(cols [][]fr.Element, i int) (bool, error) {
	t := ev.plan.Query.Table
	for _, c := range ev.plan.RowColumns() {
		if t.Columns[c].Type.HasHighLimb() {
			ev.row[c] = schema.JoinUint256(cols[c][i].BigInt(new(big.Int)), cols[c+1][i].BigInt(new(big.Int)))
			continue
		}
		if ev.rowInto != nil {
			ev.row[c] = schema.DecodeSignedTo(ev.rowInto[c], &cols[c][i])
			continue
		}
		ev.row[c] = schema.DecodeSigned(&cols[c][i])
	}
	ok, err := ev.predicate(ev.plan.Query.Where, true)
	if err != nil {
		return false, fmt.Errorf("row %d: %w", i+1, err)
	}
	return ok, nil
}

// RowResult computes a row plan's segment result: the number of selected
// rows and the first slots of them in ordinal order (ORDER BY keys, ties by
// position), each slot (position, SELECT values, ORDER BY keys), and which
// rows they are. Without LIMIT a result cut short cannot be proven (see
// errRowsCutShort).
func (ev *Evaluator) RowResult(cols [][]fr.Element, rows, nSlots int) (int, [][]*big.Int, []bool, error) {
	p := ev.plan
	ev.row = make([]*big.Int, len(cols))
	var all [][]*big.Int
	for i := 0; i < rows; i++ {
		ok, err := ev.selectRow(cols, i)
		if err != nil {
			return 0, nil, nil, err
		}
		if !ok {
			continue
		}
		slot := []*big.Int{big.NewInt(int64(i))}
		for _, e := range p.SlotExprs() {
			v, err := ev.value(e, true)
			if err != nil {
				return 0, nil, nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			if planner.ItemWidth(e) == 2 {
				lo, hi := schema.SplitUint256(v)
				slot = append(slot, lo, hi)
				continue
			}
			slot = append(slot, v)
		}
		all = append(all, slot)
	}
	sort.SliceStable(all, func(a, b int) bool {
		return p.CompareOrderKeys(all[a], all[b]) < 0 // stable: ties in position order
	})
	selected := len(all)
	if len(all) > nSlots {
		all = all[:nSlots]
	}
	taken := make([]bool, rows)
	for _, s := range all {
		taken[s[0].Int64()] = true
	}
	return selected, all, taken, nil
}

// GroupWitness is what a grouped segment proof needs beyond its slots: per
// MIN/MAX aggregate (in the order of plan.GroupAggs) and row, the extreme of
// the row's group, and one witness row per group attaining it; per row, the
// count of its group (the weight the circuit gives a witness row).
type GroupWitness struct {
	Extreme [][]*big.Int
	Witness [][]bool
	Count   []*big.Int
}

// GroupResult computes a grouped segment's group rows (packed key, count,
// one value per plan.GroupAggs entry; keys ascending) and the witness of
// its MIN/MAX aggregates.
func (ev *Evaluator) GroupResult(cols [][]fr.Element) ([][]*big.Int, *GroupWitness, error) {
	p := ev.plan
	rows := len(cols[p.Columns[0]]) // a grouped plan reads its key columns
	type acc struct {
		key, count *big.Int
		keyHigh    *big.Int // a wide key's high limb
		vals       []*big.Int
		whole      map[int]*big.Int // a UINT256 extreme's whole value, per GroupAggs entry
		witness    []int            // row attaining each extreme
	}
	groups := map[string]*acc{}
	aggs := p.Query.Aggregates()
	ev.row = make([]*big.Int, len(cols))
	rowGroup := make([]*acc, rows)
	for i := 0; i < rows; i++ {
		ok, err := ev.selectRow(cols, i)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			continue
		}
		key, high := p.PackKey(ev.row), p.KeyHigh(ev.row)
		id := key.String() + "/" + high.String()
		g, found := groups[id]
		if !found {
			g = &acc{key: key, keyHigh: high, count: new(big.Int), vals: make([]*big.Int, len(p.GroupAggs)), witness: make([]int, len(p.GroupAggs))}
			groups[id] = g
		}
		rowGroup[i] = g
		g.count.Add(g.count, big.NewInt(1))
		for k, a := range p.GroupAggs {
			v, err := ev.value(aggs[a].Arg, true)
			if err != nil {
				return nil, nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			f := aggs[a].Func
			if aggs[a].Arg.Kind() == sql.KindU256 {
				if f == sql.Min || f == sql.Max {
					// an extreme of whole values, then its limb: both limbs
					// come from the same witness row
					if g.whole == nil {
						g.whole = map[int]*big.Int{}
					}
					w := g.whole[k]
					if w == nil || (f == sql.Min && v.Cmp(w) < 0) || (f == sql.Max && v.Cmp(w) > 0) {
						g.whole[k], g.witness[k] = v, i
						lo, hi := schema.SplitUint256(v)
						g.vals[k] = [2]*big.Int{lo, hi}[p.GroupLimbs[k]]
					}
					continue
				}
				lo, hi := schema.SplitUint256(v) // summed limb by limb, as the circuit does
				v = [2]*big.Int{lo, hi}[p.GroupLimbs[k]]
			}
			cur := g.vals[k]
			switch {
			case cur == nil:
				g.vals[k], g.witness[k] = v, i
			case f == sql.Min && v.Cmp(cur) < 0, f == sql.Max && v.Cmp(cur) > 0:
				g.vals[k], g.witness[k] = v, i
			case f == sql.Sum || f == sql.Avg:
				g.vals[k] = new(big.Int).Add(cur, v)
			}
		}
	}
	ordered := make([]*acc, 0, len(groups))
	for _, g := range groups {
		ordered = append(ordered, g)
	}
	var out [][]*big.Int
	for _, g := range ordered {
		slot := append([]*big.Int{g.key, g.count}, g.vals...)
		if p.WideKey != nil {
			slot = append(slot, g.keyHigh)
		}
		out = append(out, slot)
	}
	sort.Slice(out, func(i, j int) bool { return p.GroupKey(out[i]).Cmp(p.GroupKey(out[j])) < 0 })
	gw := &GroupWitness{Count: make([]*big.Int, rows)}
	for i, g := range rowGroup {
		gw.Count[i] = new(big.Int)
		if g != nil {
			gw.Count[i] = g.count
		}
	}
	for k, a := range p.GroupAggs {
		if f := aggs[a].Func; f != sql.Min && f != sql.Max {
			continue
		}
		ext, wit := make([]*big.Int, rows), make([]bool, rows)
		for i, g := range rowGroup {
			ext[i] = new(big.Int)
			if g != nil {
				ext[i] = g.vals[k]
				wit[i] = g.witness[k] == i
			}
		}
		gw.Extreme, gw.Witness = append(gw.Extreme, ext), append(gw.Witness, wit)
	}
	return out, gw, nil
}

// value evaluates an integer expression on the current row; en says whether
// SQL evaluates it here (a division by zero is an error only then).
func (ev *Evaluator) value(e sql.Expr, en bool) (*big.Int, error) {
	switch x := e.(type) {
	case *sql.Column:
		return ev.row[x.Index], nil
	case *sql.Param:
		return ev.params[x.Slot], nil
	case *sql.Null:
		return new(big.Int), nil
	case *sql.Extreme:
		if x.Kind() == sql.KindU256 { // whole values (ev.row holds them whole)
			lo, hi := schema.Uint256.ValueBounds()
			if x.High {
				return hi, nil
			}
			return lo, nil
		}
		return new(big.Int).Set(ev.plan.Bounds(x).Lo), nil
	case *sql.Arith:
		r, err := ev.value(x.R, en)
		if err != nil {
			return nil, err
		}
		if x.L == nil {
			return new(big.Int).Neg(r), nil
		}
		l, err := ev.value(x.L, en)
		if err != nil {
			return nil, err
		}
		switch x.Op {
		case '+':
			return new(big.Int).Add(l, r), nil
		case '-':
			return new(big.Int).Sub(l, r), nil
		case '*':
			return new(big.Int).Mul(l, r), nil
		}
		if !en {
			return new(big.Int), nil
		}
		if r.Sign() == 0 {
			return nil, &sql.Error{At: x.At, Msg: "division by zero"}
		}
		q, rem := new(big.Int).QuoRem(l, r, new(big.Int))
		if x.Op == '/' {
			return q, nil
		}
		return rem, nil
	case *sql.Abs:
		v, err := ev.value(x.X, en)
		if err != nil {
			return nil, err
		}
		return new(big.Int).Abs(v), nil
	case *sql.Case:
		for _, w := range x.Whens {
			ok, err := ev.predicate(w.Cond, en)
			if err != nil {
				return nil, err
			}
			if ok && en {
				return ev.value(w.Then, true)
			}
		}
		return ev.value(x.Else, en)
	}
	return nil, fmt.Errorf("prover: %T is not a value", e)
}

func (ev *Evaluator) predicate(e sql.Expr, en bool) (bool, error) {
	switch x := e.(type) {
	case nil:
		return true, nil
	case *sql.Bool:
		return x.Value, nil
	case *sql.Like:
		v, err := ev.value(x.X, en)
		if err != nil {
			return false, err
		}
		return x.Match([]byte(schema.DecodeString(v)), ev.params) != x.Negated, nil
	case *sql.Truth:
		v, err := ev.value(x.X, en)
		return err == nil && v.Sign() != 0, err
	case *sql.Not:
		v, err := ev.predicate(x.X, en)
		return !v, err
	case *sql.Logic:
		l, err := ev.predicate(x.L, en)
		if err != nil {
			return false, err
		}
		// the right side is evaluated only when the left does not decide
		r, err := ev.predicate(x.R, en && (l == x.And))
		if err != nil {
			return false, err
		}
		if x.And {
			return l && r, nil
		}
		return l || r, nil
	case *sql.Compare:
		l, err := ev.value(x.L, en)
		if err != nil {
			return false, err
		}
		r, err := ev.value(x.R, en)
		if err != nil {
			return false, err
		}
		return x.Holds(l.Cmp(r)), nil
	case *sql.Between:
		v, err := ev.value(x.X, en)
		if err != nil {
			return false, err
		}
		lo, err := ev.value(x.Lo, en)
		if err != nil {
			return false, err
		}
		hi, err := ev.value(x.Hi, en)
		if err != nil {
			return false, err
		}
		in := v.Cmp(lo) >= 0 && v.Cmp(hi) <= 0
		return in != x.Negated, nil
	case *sql.In:
		v, err := ev.value(x.X, en)
		if err != nil {
			return false, err
		}
		in := false
		for _, it := range x.List {
			w, err := ev.value(it, en)
			if err != nil {
				return false, err
			}
			in = in || v.Cmp(w) == 0
		}
		return in != x.Negated, nil
	}
	return false, fmt.Errorf("prover: %T is not a condition", e)
}
