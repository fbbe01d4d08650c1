package planner

import (
	"fmt"
	"math/big"

	"github.com/provensql/provensql/schema"
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
	// RowsUnread is set for a one-table plan: the circuit reads no row of
	// the column for the window (it is a circuit column only where the
	// query reads it elsewhere). Its window is opened (Plan.WindowOpened),
	// the column's values next to the ends public inputs opened from its
	// commitment. A join's window column stays a circuit column: the
	// general join reads it per joined row, the lookup join opens its
	// window too.
	RowsUnread bool

	// packWidth and packLo are how the window's public values pack
	// (Plan.WindowPacking), found once when planning: segments are proven
	// in parallel, and the plan is read-only by then.
	packWidth int
	packLo    *big.Int
}

// EndInputs returns how many public inputs an opened window adds to a
// segment proof, after the others: i0 where the window has a lower bound,
// i1 where it has an upper one, then the column's values at EndRows.
func (w *Window) EndInputs() int {
	n := 0
	if w.Lo != nil {
		n += 3 // i0, v[i0−1], v[i0]
	}
	if w.Hi != nil {
		n += 3 // i1, v[i1−1], v[i1]
	}
	return n
}

// EndRows returns the rows of a segment of n rows (a power of two) whose
// values of the window's column an opened window's public inputs carry,
// in their order: i0 − 1 and i0 where the window has a lower bound, i1 −
// 1 and i1 where it has an upper one, each modulo n (row −1 is row n − 1,
// row n is row 0: their values are not checked where no such row exists,
// but every position is a row of the committed domain). ends are the
// window's ends as its public inputs give them (i0 first, where present).
func (w *Window) EndRows(ends []uint64, n uint64) []uint64 {
	var rows []uint64
	for _, e := range ends {
		rows = append(rows, (e+n-1)%n, e%n)
	}
	return rows
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

// walkAnd calls f on each of e's top-level AND operands (on e where it is
// no AND).
func walkAnd(e sql.Expr, f func(sql.Expr) error) error {
	if x, ok := e.(*sql.Logic); ok && x.And {
		if err := walkAnd(x.L, f); err != nil {
			return err
		}
		return walkAnd(x.R, f)
	}
	return f(e)
}

// planWindow sets p.Window to the first WHERE operand (of the top-level
// ANDs) that is a window condition on a SORTED column of the queried
// table (a join's Left table: its rows are the joined rows' order). A
// one-table plan reads the column at the window's ends only, from
// openings (RowsUnread).
func (p *Plan) planWindow() {
	q := p.Query
	_ = walkAnd(q.Where, func(e sql.Expr) error {
		if w := windowOf(e); p.Window == nil && w != nil && p.sorted(w.Column) {
			p.Window = w
		}
		return nil
	})
	w := p.Window
	if w == nil {
		return
	}
	w.RowsUnread = q.Join == nil
	iv := p.Bounds(w.Column)
	width := new(big.Int).Sub(iv.Hi, iv.Lo).BitLen()
	if iv.Lo.Sign() <= 0 && iv.Hi.Sign() >= 0 && w.EndInputs()/3*(WindowEndBits+2*width) <= 250 {
		w.packWidth, w.packLo = width, iv.Lo
	}
}

// WindowTableColumn returns the window column's index in its table (a
// join's Left table).
func (p *Plan) WindowTableColumn() int {
	c := p.Window.Column.Index
	if j := p.Query.Join; j != nil {
		_, c = j.TableColumn(c)
	}
	return c
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

// RowColumns returns the table columns a row's SQL evaluation reads: the
// circuit's Columns, and an opened window's column where the circuit reads
// no row of it.
func (p *Plan) RowColumns() []int { return p.rowColumns }

// WindowEndBits is the width of an end in a packed window input.
const WindowEndBits = 32

// WindowPacking returns how an opened window's public values reach the
// circuit: packed into one public input where width > 0 (PackWindow),
// else one input each (EndInputs). They are packed where they fit in 250
// bits, each end in 32 bits and each value v as u = v − lo in width bits
// (lo the column type's minimum, width the bits of its range), and where
// the type's range holds 0, the value a padding row opens to.
func (p *Plan) WindowPacking() (width int, lo *big.Int) {
	if p.Window == nil {
		return 0, nil
	}
	return p.Window.packWidth, p.Window.packLo
}

// WindowOpened reports whether the circuit proves the plan's window with
// its ends and the column's values beside them as public inputs, opened
// from the column's commitment (the circuit for a join being the lookup
// join where lookup is set): a one-table plan's window, or a lookup
// join's on its Left table. The general join proves no window: its
// joined rows are not the table's in order.
func (p *Plan) WindowOpened(lookup bool) bool {
	return p.Window != nil && (p.Query.Join == nil || lookup)
}

// WindowColumnUnread reports whether a join's lookup circuit (lookup)
// reads the window's sorted column on no row: the window is opened from the
// Left segment's commitment and the query names the column nowhere else.
// The general join reads it per joined row, so it stays one of the plan's
// columns (its Y public and opened at Z), but the lookup circuit need not
// link it to its rows.
func (p *Plan) WindowColumnUnread(lookup bool) bool {
	w := p.Window
	return w != nil && p.Query.Join != nil && p.WindowOpened(lookup) && p.columnRefs[w.Column.Index] == 1
}

// WindowInputs returns how many public inputs a segment proof's opened
// window takes (WindowOpened): 1 packed, else EndInputs; 0 without one.
func (p *Plan) WindowInputs(lookup bool) int {
	if !p.WindowOpened(lookup) {
		return 0
	}
	if width, _ := p.WindowPacking(); width > 0 {
		return 1
	}
	return p.Window.EndInputs()
}

// PackWindow returns an opened window's public inputs from its values
// (circuits.Query.WinEnds order, canonical field elements): the values
// themselves, or packed into one, each bound's (end, v before it, v at it)
// as end + u_before·2^32 + u_at·2^(32+width), u = v − lo, the bounds'
// parts side by side (lower first). A value out of its part's range is
// an error: no proof packs it.
func (p *Plan) PackWindow(vals []*big.Int) ([]*big.Int, error) {
	width, lo := p.WindowPacking()
	if width == 0 {
		return vals, nil
	}
	mod := schema.Modulus()
	packed := new(big.Int)
	shift := uint(0)
	for k, v := range vals {
		part, bits := v, uint(WindowEndBits)
		if k%3 != 0 { // a value, as v − lo (mod the field: v is its encoding)
			part = new(big.Int).Sub(v, lo)
			part.Mod(part, mod)
			bits = uint(width)
		}
		if part.Sign() < 0 || part.BitLen() > int(bits) {
			return nil, fmt.Errorf("planner: window value %d (%s) outside its %d bits", k, v, bits)
		}
		packed.Add(packed, new(big.Int).Lsh(part, shift))
		shift += bits
	}
	return []*big.Int{packed}, nil
}
