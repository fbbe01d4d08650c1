package planner

import (
	"github.com/provensql/provensql/sql"
)

// Window is a range condition on a SORTED column (schema.Column.Sorted),
// one of the WHERE clause's top-level AND operands: BETWEEN two
// parameters, or <, <=, >, >= against one. Since the column ascends
// within every segment, the rows it selects are one window [i0, i1) of
// the segment's real rows, and the circuit proves the window's two ends
// instead of a comparison per row (circuits: defineWindow).
type Window struct {
	// Cond is the condition in the query's WHERE clause.
	Cond sql.Expr
	// Column is the sorted column.
	Column *sql.Column
	// Lo and Hi are the parameters bounding the column (nil: unbounded),
	// LoStrict and HiStrict whether the bound is excluded: the window is
	// the rows with Lo (+1 if strict) <= v <= Hi (−1 if strict).
	Lo, Hi             *sql.Param
	LoStrict, HiStrict bool
}

// Shifts returns what the window adds to its bounds to make them
// inclusive: lo + loShift ≤ v ≤ hi + hiShift (1 where Lo is excluded, −1
// where Hi is, else 0).
func (w *Window) Shifts() (loShift, hiShift int64) {
	if w.LoStrict {
		loShift = 1
	}
	if w.HiStrict {
		hiShift = -1
	}
	return loShift, hiShift
}

// planWindow sets p.Window to the first WHERE operand (of the top-level
// ANDs) that is a window condition on a SORTED column of the queried
// table (a join's Left table: its rows are the joined rows' order).
func (p *Plan) planWindow() {
	q := p.Query
	var conds []sql.Expr
	var flatten func(e sql.Expr)
	flatten = func(e sql.Expr) {
		if x, ok := e.(*sql.Logic); ok && x.And {
			flatten(x.L)
			flatten(x.R)
			return
		}
		if e != nil {
			conds = append(conds, e)
		}
	}
	flatten(q.Where)
	for _, e := range conds {
		if w := windowOf(e); w != nil && p.sorted(w.Column) {
			p.Window = w
			return
		}
	}
}

// windowOf returns e as a window condition on a column, nil if it is none.
func windowOf(e sql.Expr) *Window {
	switch x := e.(type) {
	case *sql.Between:
		c, okC := x.X.(*sql.Column)
		lo, okL := x.Lo.(*sql.Param)
		hi, okH := x.Hi.(*sql.Param)
		if x.Negated || !okC || !okL || !okH {
			return nil
		}
		return &Window{Cond: e, Column: c, Lo: lo, Hi: hi}
	case *sql.Compare:
		c, okC := x.L.(*sql.Column)
		v, okP := x.R.(*sql.Param)
		op := x.Op
		if !okC || !okP { // $p op col: col op' $p
			c, okC = x.R.(*sql.Column)
			v, okP = x.L.(*sql.Param)
			op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
		}
		if !okC || !okP {
			return nil
		}
		switch op {
		case "<", "<=":
			return &Window{Cond: e, Column: c, Hi: v, HiStrict: op == "<"}
		case ">", ">=":
			return &Window{Cond: e, Column: c, Lo: v, LoStrict: op == ">"}
		}
	}
	return nil
}

// sorted reports whether c is a SORTED column of the queried table (of a
// join's Left table).
func (p *Plan) sorted(c *sql.Column) bool {
	q := p.Query
	if j := q.Join; j != nil {
		side, idx := j.TableColumn(c.Index)
		return side == 0 && j.Left.Columns[idx].Sorted
	}
	return c.Index < len(q.Table.Columns) && q.Table.Columns[c.Index].Sorted
}
