package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/sql"
)

// allocWindow allocates the window's bits and public values.
func (c *Query) allocWindow(n int) {
	c.WinEnds = make([]frontend.Variable, c.plan.Window.EndInputs())
	c.WinPublic = make([]frontend.Variable, c.plan.WindowInputs(c.lookup))
	c.Win = make([]frontend.Variable, n)
	if c.rowPoints {
		c.WinPoints = make([]frontend.Variable, 2*len(c.WinEnds)/3)
	}
}

// defineWindow proves that the window bits pick exactly the real rows
// that satisfy the plan's window condition lo ≤ v ≤ hi on a SORTED column
// v (ascending over the segment's real rows: the store's ingest check,
// which the schema hash in the table commitment carries, as it carries the
// column's type range). Row t is in the window iff i0 ≤ t < i1, its bit
// Win[t] (openedEnds: one constraint per row). Then, v ascending over the
// real rows, the window is the condition's rows iff at its ends
//
//	i0 > 0:   v[i0−1] < lo   (every row before the window is below lo)
//	i0 < i1:  v[i0] ≥ lo and v[i1−1] ≤ hi   (every row inside is in range)
//	i1 < rc:  v[i1] > hi   (every real row after it is above hi)
//
// (an empty window, i0 = i1: the rows before are below lo, the rows from
// i1 on above hi, so none is in range). The ends and the values beside
// them are public inputs, the values opened from the column's commitment
// at their rows (planner.Plan.WindowOpened), and the checks above are made
// once per circuit: a window costs one constraint per row where a
// BETWEEN's sign check of a product cost 8 to 9, a comparison 4 to 5.
func (c *Query) defineWindow(api frontend.API, g *gadgets) error {
	w := c.plan.Window
	iv := c.plan.Bounds(w.Column)
	// the bounds' conditions at the ends, in v − lo(v) units:
	// u[i0], u[i0−1], u[i1], u[i1−1]
	i0, i1, ends, err := c.openedEnds(api, g, iv)
	if err != nil {
		return err
	}
	loShift, hiShift := w.Shifts()
	pv := func(prm *sql.Param, shift int64) (frontend.Variable, planner.Interval) { // the inclusive bound
		off := new(big.Int).Sub(big.NewInt(shift), iv.Lo)
		ip := c.plan.Bounds(prm)
		return api.Add(g.value(prm, 1), off), planner.Interval{Lo: new(big.Int).Add(ip.Lo, off), Hi: new(big.Int).Add(ip.Hi, off)}
	}
	iu := planner.Interval{Lo: big.NewInt(0), Hi: new(big.Int).Sub(iv.Hi, iv.Lo)}
	nonEmpty := api.Sub(1, g.isZero(api.Sub(i1, i0)))
	if w.Lo != nil {
		lo, ilo := pv(w.Lo, loShift)
		g.assertLessGated(api.Sub(1, g.isZero(i0)), ends[1], lo, iu, ilo) // v[i0−1] < lo
		g.assertLessGated(nonEmpty, api.Sub(lo, 1), ends[0], shifted(ilo, -1), iu)
	}
	if w.Hi != nil {
		hi, ihi := pv(w.Hi, hiShift)
		g.assertLessGated(nonEmpty, ends[3], api.Add(hi, 1), iu, shifted(ihi, 1))              // v[i1−1] ≤ hi
		g.assertLessGated(api.Sub(1, g.isZero(api.Sub(c.RowCount, i1))), hi, ends[2], ihi, iu) // v[i1] > hi
	}
	g.win = c.Win
	return nil
}

// openedEnds proves a window's bits and sets ends from the public values
// beside its ends, which the verifier checks against the column's
// commitment at their rows (so they are the committed column's values: in
// its type's range, ascending over the real rows). The bits are one
// vector, Win[t] = [i0 ≤ t < i1] for the public ends, one constraint per
// row (a boolean): with 0 ≤ i0 ≤ i1 ≤ the row count, the rows whose bit
// is 1 number i1 − i0, and their positions' sum and sum of squares are
// the run [i0, i1)'s. Among sets of k distinct
// integers with a given sum, only a run of consecutive ones has the least
// sum of squares (the least variance about the same mean), and the sum
// fixes where that run starts: the bits are the run. (The sums are below
// n³, far from the field's size, so their equalities are the integers'.)
func (c *Query) openedEnds(api frontend.API, g *gadgets, iv planner.Interval) (i0, i1 frontend.Variable, ends [4]frontend.Variable, err error) {
	w := c.plan.Window
	u := func(v frontend.Variable) frontend.Variable { return api.Sub(v, iv.Lo) }
	pub := c.WinEnds
	i0, i1 = frontend.Variable(0), c.RowCount
	if w.Lo != nil {
		i0, ends[1], ends[0] = pub[0], u(pub[1]), u(pub[2])
		pub = pub[3:]
	}
	if w.Hi != nil {
		i1, ends[3], ends[2] = pub[0], u(pub[1]), u(pub[2])
	}
	// 0 ≤ i0 ≤ i1 ≤ the row count: the run holds real rows only
	g.rc.checkNonNegative(i0, c.logN+1)
	g.rc.checkNonNegative(api.Sub(i1, i0), c.logN+1)
	g.rc.checkNonNegative(api.Sub(g.private(c.RowCount), i1), c.logN+1)
	c.windowPublic(api, g, iv)
	if c.rowPoints {
		var bounds []frontend.Variable
		if w.Lo != nil {
			bounds = append(bounds, i0)
		}
		if w.Hi != nil {
			bounds = append(bounds, i1)
		}
		if err := c.rowPointsOf(api, bounds); err != nil {
			return nil, nil, ends, err
		}
	}
	positions, posSquares := make([]frontend.Variable, len(c.Win)), make([]frontend.Variable, len(c.Win))
	for t, b := range c.Win {
		api.AssertIsBoolean(b)
		positions[t] = api.Mul(b, t)
		posSquares[t] = api.Mul(b, t*t)
	}
	count, sum, squares := linearSum(api, c.Win), linearSum(api, positions), linearSum(api, posSquares)
	// Σ_{i0 ≤ t < i1} t = (i0 + i1 − 1)(i1 − i0)/2, Σ t² = F(i1) − F(i0)
	// with 6·F(m) = (m − 1)·m·(2m − 1)
	k := api.Sub(i1, i0)
	api.AssertIsEqual(count, k)
	api.AssertIsEqual(api.Mul(sum, 2), api.Mul(api.Sub(api.Add(i0, i1), 1), k))
	six := func(m frontend.Variable) frontend.Variable {
		return api.Mul(api.Mul(api.Sub(m, 1), m), api.Sub(api.Mul(m, 2), 1))
	}
	api.AssertIsEqual(api.Mul(squares, 6), api.Sub(six(i1), six(i0)))
	return i0, i1, ends, nil
}

// rowPointsOf proves WinPoints: per end e (at most the segment's rows,
// openedEnds's checks), ω^(e−1) and ω^e over the circuit's field, ω^e the
// product over e's logN + 1 bits of ω^(2^k) where bit k is set (ω^n = 1:
// e = n is row 0), one constraint a bit.
func (c *Query) rowPointsOf(api frontend.API, ends []frontend.Variable) error {
	field, err := fieldOf(api.Compiler().Field())
	if err != nil {
		return err
	}
	n := 1 << c.logN
	points, _ := field.domain(c.logN)
	for b, e := range ends {
		bits := api.ToBinary(e, c.logN+1)
		acc := frontend.Variable(1)
		for k, bit := range bits {
			wk := big.NewInt(1) // ω^(2^k): 1 from k = logN on
			if k < c.logN {
				wk = points[1<<k]
			}
			// acc · (1 + bit·(ω^(2^k) − 1))
			acc = api.Mul(acc, api.Add(1, api.Mul(bit, new(big.Int).Sub(wk, big.NewInt(1)))))
		}
		api.AssertIsEqual(c.WinPoints[2*b+1], acc)
		api.AssertIsEqual(c.WinPoints[2*b], api.Mul(acc, points[n-1])) // · ω^−1
	}
	return nil
}

// windowPublic binds WinEnds to the public WinPublic: equal, or packed
// into its one element as planner.Plan.PackWindow packs them, with every
// part range checked so that the packing is unique: the ends are, by
// openedEnds's checks (at most the segment's rows, below 2^32), the
// values here, as u = v − lo (iv.Lo) in the packing's width.
func (c *Query) windowPublic(api frontend.API, g *gadgets, iv planner.Interval) {
	width, _ := c.plan.WindowPacking()
	if width == 0 {
		for k, v := range c.WinEnds {
			api.AssertIsEqual(v, c.WinPublic[k])
		}
		return
	}
	packed := frontend.Variable(0)
	shift := new(big.Int).SetInt64(1)
	add := func(v frontend.Variable, bits int) {
		packed = api.Add(packed, api.Mul(v, new(big.Int).Set(shift)))
		shift.Lsh(shift, uint(bits))
	}
	for k, v := range c.WinEnds { // per bound: its end, the values before and at it
		if k%3 == 0 {
			add(v, planner.WindowEndBits)
			continue
		}
		u := api.Sub(v, iv.Lo)
		g.rc.Check(u, width)
		add(u, width)
	}
	api.AssertIsEqual(packed, c.WinPublic[0])
}

// shifted is iv + d.
func shifted(iv planner.Interval, d int64) planner.Interval {
	return planner.Interval{Lo: new(big.Int).Add(iv.Lo, big.NewInt(d)), Hi: new(big.Int).Add(iv.Hi, big.NewInt(d))}
}

// assertLessGated proves a < b where gate (0 or 1) is 1, for a and b in
// ia and ib there: the difference b − a − 1 times the gate is checked
// non-negative, as wide as the comparison needs (a product, for a check
// made once per circuit).
func (g *gadgets) assertLessGated(gate, a, b frontend.Variable, ia, ib planner.Interval) {
	g.rc.checkNonNegative(g.api.Mul(gate, g.api.Sub(g.api.Sub(b, a), 1)), ComparisonWidth(ia, ib))
}

// windowBit is the current row's window bit (0 on the zero padding row),
// where e is the plan's window condition and the circuit proves it so;
// false otherwise. A window of two conditions (planner.Window.Also) is
// their AND, both top-level AND operands of the WHERE clause: the first
// takes the bit, the second 1, and their AND is the bit.
func (g *gadgets) windowBit(e sql.Expr) (frontend.Variable, bool) {
	w := g.plan.Window
	if g.win == nil || !w.Holds(e) {
		return nil, false
	}
	if e == w.Also {
		return 1, true
	}
	if g.cols == nil {
		return 0, true
	}
	return g.win[g.row], true
}

// windowAnd is x's value where one side of the AND x is the window
// condition: the other side gated by the window bit (and gate; nil: none),
// which an equality or a sign check takes without a product.
func (g *gadgets) windowAnd(x *sql.Logic, en, gate frontend.Variable) (frontend.Variable, bool) {
	other, w, ok := g.windowSides(x)
	if !ok {
		return nil, false
	}
	return g.predicateWhere(other, en, g.windowGate(w, gate)), true
}

// windowSides returns, where one side of the AND x is the window
// condition, the other side and the current row's window bit.
func (g *gadgets) windowSides(x *sql.Logic) (other sql.Expr, w frontend.Variable, ok bool) {
	if !x.And {
		return nil, nil, false
	}
	if w, ok := g.windowBit(x.L); ok {
		return x.R, w, true
	}
	if w, ok := g.windowBit(x.R); ok {
		return x.L, w, true
	}
	return nil, nil, false
}

// windowGate is the gate of windowAnd's other side: the window bit w, and
// gate where there is one (nil: none) — gate alone where it implies w.
func (g *gadgets) windowGate(w, gate frontend.Variable) frontend.Variable {
	switch {
	case gate != nil && g.winImplied:
		return gate
	case gate != nil:
		return g.api.Mul(gate, w)
	}
	return w
}
