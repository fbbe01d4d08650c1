package planner

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// Window is a range condition on a SORTED column (schema.Column.Sorted),
// one of the WHERE clause's top-level AND operands: BETWEEN two
// parameters, or <, <=, >, >=, = against one (= as BETWEEN it AND it). Since the column ascends
// within every segment, the rows it selects are one window [i0, i1) of
// the segment's real rows, and the circuit proves the window's two ends
// instead of a comparison per row (circuits: defineWindow).
type Window struct {
	// Cond is the condition in the query's WHERE clause, and Also, where
	// not nil, a second one bounding the same column from the other side
	// (col >= $1 AND col <= $2, both top-level AND operands): the window
	// is both, its bit their AND (Holds).
	Cond, Also sql.Expr
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

// Holds reports whether e is one of the window's conditions: Cond, or
// Also.
func (w *Window) Holds(e sql.Expr) bool {
	return e != nil && (e == w.Cond || e == w.Also)
}

// conds is how many of the WHERE clause's conditions the window is.
func (w *Window) conds() int {
	if w.Also != nil {
		return 2
	}
	return 1
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
	// a one-sided window takes in another operand bounding its column from
	// the other side: col >= $1 AND col <= $2 is col BETWEEN $1 AND $2
	if w.Lo == nil || w.Hi == nil {
		_ = walkAnd(q.Where, func(e sql.Expr) error {
			o := windowOf(e)
			if w.Also != nil || o == nil || e == w.Cond || o.Column.Index != w.Column.Index {
				return nil
			}
			switch {
			case w.Lo == nil && o.Lo != nil && o.Hi == nil:
				w.Lo, w.LoStrict, w.Also = o.Lo, o.LoStrict, e
			case w.Hi == nil && o.Hi != nil && o.Lo == nil:
				w.Hi, w.HiStrict, w.Also = o.Hi, o.HiStrict, e
			}
			return nil
		})
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
			op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}[op]
		}
		if !okC || !okP {
			return nil
		}
		switch op {
		case "<", "<=":
			return &Window{Cond: e, Column: c, Hi: v, HiStrict: op == "<"}
		case ">", ">=":
			return &Window{Cond: e, Column: c, Lo: v, LoStrict: op == ">"}
		case "=": // the run of rows equal to it: BETWEEN v AND v
			return &Window{Cond: e, Column: c, Lo: v, Hi: v}
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
	return w != nil && p.Query.Join != nil && p.WindowOpened(lookup) && p.columnRefs[w.Column.Index] == w.conds()
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

// Prunable reports whether a segment whose window holds none of its real
// rows needs no proof (for a join, every proof of that Left segment, the
// circuit being the lookup join where lookup is set): an opened window
// (WindowOpened) is one of the WHERE clause's top-level AND operands, so
// such a segment selects no row, joins none (a LEFT JOIN's unmatched rows
// are filtered by the WHERE clause too) and its partial values are those
// of no row at all (EmptyPartials). The verifier then checks, in place of
// the circuit, that the window's ends meet and that the column's values
// beside them lie outside the bounds (CheckWindow), those values opened
// from the column's commitment at their rows as a proven segment's are.
func (p *Plan) Prunable(lookup bool) bool { return p.WindowOpened(lookup) }

// EmptyPartials returns the partial values of a segment that selects no
// row: every count, sum and evaluation 0 (an extreme of no row is 0 too,
// as a proof gives it).
func (p *Plan) EmptyPartials() []*big.Int {
	out := make([]*big.Int, len(p.Partials))
	for t := range out {
		out[t] = new(big.Int)
	}
	return out
}

// WindowAlone reports whether a segment's part of the result follows
// from its window alone: a one-table query whose only aggregate is a
// count of the selected rows (no GROUP BY, no rows returned) and whose
// WHERE clause is its window's condition or two (Window.Also), nothing
// else. A segment's count is then its window's length i1 − i0, which its
// window's values show (CheckWindow), so no segment needs a proof.
func (p *Plan) WindowAlone() bool {
	w := p.Window
	if !p.Prunable(false) || p.Grouped || p.RowResult || len(p.Partials) != 1 || p.Partials[0].Kind != 0 {
		return false
	}
	where := p.Query.Where
	if w.Also == nil {
		return where == w.Cond
	}
	x, ok := where.(*sql.Logic)
	return ok && x.And && (x.L == w.Cond && x.R == w.Also || x.L == w.Also && x.R == w.Cond)
}

// WindowPartials returns the partial values of a segment whose window is
// [i0, i1) and which has no proof (CheckWindow): a window that holds no
// row selects none (EmptyPartials), and a WindowAlone plan counts the
// window's rows.
func (p *Plan) WindowPartials(i0, i1 int) []*big.Int {
	out := p.EmptyPartials()
	if i1 > i0 {
		out[0].SetInt64(int64(i1 - i0))
	}
	return out
}

// CheckWindow checks an opened window's values (EndInputs of them, in
// circuits.Query.WinEnds order: per bound, lower first, its end and the
// sorted column's values at rows end − 1 and end, as field elements)
// against a segment's rowCount real rows and the public parameter values
// params (PublicParamValues), as the circuit checks a window (circuits:
// defineWindow), and returns the window [i0, i1) they show:
//
//	0 ≤ i0 ≤ i1 ≤ rowCount
//	i0 > 0:          v[i0−1] < lo
//	i0 < i1:         v[i0] ≥ lo and v[i1−1] ≤ hi
//	i1 < rowCount:   v[i1] > hi
//
// (i0 = 0 without a lower bound, i1 = rowCount without an upper one). The
// column ascends over the real rows (the store's ingest check, which the
// schema hash carries), so the window's rows are exactly those in the
// bounds. For a join, the segment is the Left one and lookup says which
// circuit (Prunable). A segment without a proof is one whose window is
// empty, or any segment of a WindowAlone plan.
func (p *Plan) CheckWindow(vals []*big.Int, rowCount int, params []*big.Int, lookup bool) (i0, i1 int, err error) {
	w := p.Window
	if w == nil || !p.Prunable(lookup) {
		return 0, 0, fmt.Errorf("planner: the query has no window that can leave a segment out")
	}
	if len(vals) != w.EndInputs() {
		return 0, 0, fmt.Errorf("planner: %d window values, the window has %d", len(vals), w.EndInputs())
	}
	mod := schema.Modulus()
	value := func(k int) (*big.Int, error) {
		v := vals[k]
		if v == nil || v.Sign() < 0 || v.Cmp(mod) >= 0 {
			return nil, fmt.Errorf("planner: window value %d is not a field element", k)
		}
		return schema.DecodeSignedBig(v), nil
	}
	bound := func(prm *sql.Param, shift int64) *big.Int { // inclusive
		return new(big.Int).Add(params[p.PublicParam(prm.Slot)], big.NewInt(shift))
	}
	// compare checks value k against the bound b: ok on the sign of
	// v − b, else the error "the row <row> holds v, not <want> b"
	compare := func(k int, b *big.Int, ok func(sign int) bool, row, want string) error {
		v, err := value(k)
		if err != nil {
			return err
		}
		if !ok(v.Cmp(b)) {
			return fmt.Errorf("planner: the row %s holds %s, not %s %s", row, v, want, b)
		}
		return nil
	}
	loShift, hiShift := w.Shifts()
	if i0, i1, err = p.WindowEnds(vals, rowCount); err != nil {
		return 0, 0, err
	}
	k := 0 // where the upper bound's values start
	if w.Lo != nil {
		k = 3
	}
	if w.Lo != nil {
		lo := bound(w.Lo, loShift)
		if i0 > 0 {
			if err := compare(1, lo, func(c int) bool { return c < 0 }, fmt.Sprintf("before the window's start %d", i0), "below its lower bound"); err != nil {
				return 0, 0, err
			}
		}
		if i0 < i1 {
			if err := compare(2, lo, func(c int) bool { return c >= 0 }, fmt.Sprintf("at the window's start %d", i0), "at least its lower bound"); err != nil {
				return 0, 0, err
			}
		}
	}
	if w.Hi != nil {
		hi := bound(w.Hi, hiShift)
		if i0 < i1 {
			if err := compare(k+1, hi, func(c int) bool { return c <= 0 }, fmt.Sprintf("before the window's end %d", i1), "at most its upper bound"); err != nil {
				return 0, 0, err
			}
		}
		if i1 < rowCount {
			if err := compare(k+2, hi, func(c int) bool { return c > 0 }, fmt.Sprintf("at the window's end %d", i1), "above its upper bound"); err != nil {
				return 0, 0, err
			}
		}
	}
	return i0, i1, nil
}

// Covers reports whether a proof of the plan may leave out the segments
// before and after its window's rows (CheckCoverage): a plan with an
// opened window (Prunable) on a SORTED column, which ascends over the
// whole table (the store's ingest check, which the schema hash carries):
// a one-table plan, or a join proven by the lookup join circuit (lookup),
// whose window is on its Left table (every proof of a Left segment left
// out).
func (p *Plan) Covers(lookup bool) bool {
	return (p.Query.Join == nil || lookup) && p.Prunable(lookup)
}

// WindowEnds returns the window [i0, i1) that a segment's window values
// (EndInputs of them, as CheckWindow takes them) show over its rowCount
// real rows: i0 = 0 without a lower bound, i1 = rowCount without an
// upper one. It checks the ends alone (within the rows, not crossing),
// not the values beside them, which a proof or CheckWindow checks.
func (p *Plan) WindowEnds(vals []*big.Int, rowCount int) (i0, i1 int, err error) {
	w := p.Window
	if w == nil {
		return 0, 0, fmt.Errorf("planner: the query has no window")
	}
	if len(vals) != w.EndInputs() {
		return 0, 0, fmt.Errorf("planner: %d window values, the window has %d", len(vals), w.EndInputs())
	}
	end := func(k int) (int, error) {
		e := vals[k]
		if e == nil || !e.IsUint64() || e.Uint64() > uint64(rowCount) {
			return 0, fmt.Errorf("planner: window end %v outside the segment's %d rows", e, rowCount)
		}
		return int(e.Uint64()), nil
	}
	i0, i1 = 0, rowCount
	k := 0
	if w.Lo != nil {
		if i0, err = end(0); err != nil {
			return 0, 0, err
		}
		k = 3
	}
	if w.Hi != nil {
		if i1, err = end(k); err != nil {
			return 0, 0, err
		}
	}
	if i0 > i1 {
		return 0, 0, fmt.Errorf("planner: the window's ends [%d, %d) cross", i0, i1)
	}
	return i0, i1, nil
}

// Coverage returns the segments [first, last] of a table of n segments
// that a proof of a Covers plan holds, given each segment's window [i0,
// i1) (ends) and real rows: the fewest consecutive segments that hold
// every row of the window and pass CheckCoverage — the segments holding
// window rows, widened by one where the window starts at a segment's
// first row or ends at its last, so that a row outside the window bounds
// it on each side (or the table ends there). The SORTED column ascends
// over the table, so the segments wholly below the window come first and
// those wholly above it last: two binary searches find the others, and
// ends is called for O(log n) segments besides those held (each call may
// read a segment's column).
func (p *Plan) Coverage(n int, ends func(s int) [2]int, rows func(s int) int) (first, last int) {
	bottom := func(s int) bool { return s == 0 || p.closesBelow(ends(s)) }
	top := func(s int) bool { return s == n-1 || p.closesAbove(ends(s), rows(s)) }
	// a: the first segment not wholly below the lower bound (i0 = its
	// rows); b: the last not wholly above the upper bound (i1 = 0)
	a := sort.Search(n, func(s int) bool { return ends(s)[0] < rows(s) })
	b := sort.Search(n, func(s int) bool { return ends(s)[1] == 0 && rows(s) > 0 }) - 1
	first, last = -1, -1
	for s := max(a, 0); s <= min(b, n-1); s++ {
		if e := ends(s); e[0] < e[1] {
			if first < 0 {
				first = s
			}
			last = s
		}
	}
	if first < 0 { // no row in the window: one segment whose rows lie above it
		for last = min(max(a, 0), n-1); !top(last); last++ {
		}
		first = last
	}
	for ; !bottom(first); first-- {
	}
	for ; !top(last); last++ {
	}
	return first, last
}

// CheckCoverage checks that a proof holding only the segments [first,
// last] of a table of segments segments (a join's Left segments, the
// circuit the lookup join where lookup is set) shows the whole table's
// result for a Covers plan: every segment left out holds no row of the
// window.
// firstEnds and lastEnds are the windows the first and last segments'
// values show (WindowEnds), lastRows the last one's real rows. The SORTED
// column ascends over the table, so
//
//	first > 0:             the first segment's window starts after its
//	                       row 0 (i0 > 0), whose row i0 − 1 is below the
//	                       lower bound (its proof's or CheckWindow's
//	                       check), and so is every row before it;
//	last < segments − 1:   the last segment's window ends before its
//	                       last row (i1 < its rows), whose row i1 is
//	                       above the upper bound, and so is every row
//	                       after it.
func (p *Plan) CheckCoverage(first, last, segments int, firstEnds, lastEnds [2]int, lastRows int, lookup bool) error {
	if first == 0 && last == segments-1 {
		return nil
	}
	if !p.Covers(lookup) {
		return fmt.Errorf("planner: segments %d to %d of %d: only a one-table query or a lookup join with a window on a SORTED column may leave segments out", first, last, segments)
	}
	if first < 0 || first > last || last >= segments {
		return fmt.Errorf("planner: segments %d to %d of a table of %d", first, last, segments)
	}
	if first > 0 && !p.closesBelow(firstEnds) {
		return fmt.Errorf("planner: the segments before segment %d are left out, but its window starts at its row 0: no row below the lower bound closes the window there", first)
	}
	if last < segments-1 && !p.closesAbove(lastEnds, lastRows) {
		return fmt.Errorf("planner: the segments after segment %d are left out, but its window ends at its last row: no row above the upper bound closes the window there", last)
	}
	return nil
}

// closesBelow reports whether a segment's window [i0, i1) (ends) starts
// after its row 0, so that its row i0 − 1, below the lower bound, bounds
// every row before it: where segments before it may be left out
// (CheckCoverage).
func (p *Plan) closesBelow(ends [2]int) bool { return p.Window.Lo != nil && ends[0] > 0 }

// closesAbove reports whether a segment's window (ends) ends before its
// last row (of rows), so that its row i1, above the upper bound, bounds
// every row after it: where segments after it may be left out.
func (p *Plan) closesAbove(ends [2]int, rows int) bool {
	return p.Window.Hi != nil && ends[1] < rows
}
