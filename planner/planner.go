// Package planner turns a bound query into a provable plan: the columns the
// circuit reads, the canonical query shape (the query without its constant
// values) and its hash, the parameter vector, value bounds of every
// expression, and the per-segment partial aggregates that are public inputs.
// It also combines the partial aggregates of all segments into the result
// rows, the one computation shared by prover and verifier.
package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// MaxExprBits bounds the magnitude of every intermediate value: |v| < 2^MaxExprBits.
// With at most 2^28 rows per segment and 2^16 segments, sums stay below
// 2^244, far from the field sizes (2^252.2 and up), so field arithmetic is exact integer
// arithmetic and nothing overflows silently.
const MaxExprBits = 200

// Interval is an inclusive integer range.
type Interval struct{ Lo, Hi *big.Int }

// PartialKind says what a per-segment public partial value is.
type PartialKind uint8

// Partial kinds.
const (
	PartialCount  PartialKind = iota // number of selected rows
	PartialSum                       // sum of an aggregate's argument over selected rows
	PartialMin                       // minimum (0 when no row is selected)
	PartialMax                       // maximum (0 when no row is selected)
	PartialKey                       // unused (was: a group's key)
	PartialDigest                    // unused (was: a Poseidon2 digest of a segment's result slots)
	PartialEval                      // Σ_j v_j·L_j(Z) of one column of a segment's group rows or result slots
	PartialUsed                      // number of a segment's result slots holding a row (row plans)
)

// DefaultRowSlots is how many rows a segment proof of a row-returning query
// without LIMIT returns; a segment selecting more cannot be proven (the
// result would be cut short). With LIMIT n OFFSET m it is n + m.
const DefaultRowSlots = 64

// MaxRowSlots bounds the rows one segment proof returns.
const MaxRowSlots = 1024

// maxOrdinalBits bounds the ORDER BY keys packed with the row position into
// one ordinal (the position takes up to maxLogN bits); comparisons of
// ordinals (range checks of maxOrdinalBits + 1 bits) stay below the field size.
const maxOrdinalBits = 250

// maxKeyBits bounds a packed GROUP BY key: below 2^252, less than both
// BN254's p (≈ 2^253.6) and BLS12-377's (≈ 2^252.2), packing is injective
// (the circuit only uses keys in log-derivative identities; the verifier
// checks their order and range).
const maxKeyBits = 252

// maxLogN is the largest segment capacity exponent: BN254's scalar field
// has 2-adicity 28, so no FFT domain, and no segment, is larger.
const maxLogN = 28

// OrdinalTerm is one component of a row plan's ordinal: the slot's ORDER
// BY value at Entry (among the slot's key values; a UINT256 key is two
// components, its high limb first), as desc ? Hi − v : v − Lo, shifted
// left by Shift bits within its part (part 0 also holds the row position
// below it: shift by Shift + logN there).
type OrdinalTerm struct {
	Entry  int
	Lo, Hi *big.Int
	Desc   bool
	Width  int
	Shift  int
}

type keyPart struct {
	col          *sql.Column
	lo           *big.Int
	width, shift int
}

// KeyTerms returns, per GROUP BY column, the offset subtracted and the
// power of two it is scaled by in the packed key Σ (v − lo)·2^shift.
func (p *Plan) KeyTerms() (cols []*sql.Column, offsets []*big.Int, scales []*big.Int) {
	for _, kp := range p.keyParts {
		if kp.col.Type.Long() {
			continue // the key's second part (see WideKey)
		}
		cols = append(cols, kp.col)
		offsets = append(offsets, kp.lo)
		scales = append(scales, new(big.Int).Lsh(big.NewInt(1), uint(kp.shift)))
	}
	return cols, offsets, scales
}

// PackKey packs the GROUP BY column values of a row (by table column index).
func (p *Plan) PackKey(row []*big.Int) *big.Int {
	k := new(big.Int)
	for _, kp := range p.keyParts {
		if kp.col.Type.Long() {
			continue // the key's second part (see WideKey)
		}
		v := new(big.Int).Sub(row[kp.col.Index], kp.lo)
		if kp.col.Type.HasHighLimb() { // the whole value: its low limb
			v, _ = schema.SplitUint256(row[kp.col.Index])
		}
		k.Add(k, v.Lsh(v, uint(kp.shift)))
	}
	return k
}

// unpackKey returns the value of GROUP BY column col in a group key (see
// GroupKey).
func (p *Plan) unpackKey(k *big.Int, col *sql.Column) *big.Int {
	for _, kp := range p.keyParts {
		if kp.col.Index == col.Index {
			v := new(big.Int).Rsh(k, uint(kp.shift))
			v.And(v, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(kp.width)), big.NewInt(1)))
			if kp.col.Type.HasHighLimb() {
				return schema.JoinUint256(v, new(big.Int).Rsh(k, wideShift))
			}
			if kp.col.Type.Long() {
				return new(big.Int).Rsh(k, wideShift)
			}
			return v.Add(v, kp.lo)
		}
	}
	return new(big.Int)
}

// Partial is one public per-segment value.
type Partial struct {
	Kind PartialKind
	// Agg is the index of the aggregate (in Query.Aggregates()) it serves; -1 for counts and keys.
	Agg int
	// Slot is the column of the group rows a grouped plan's partial evaluates.
	Slot int
	// Limb is 1 for the high 128-bit limb of a UINT256 aggregate's value
	// (sum or extreme), 0 otherwise.
	Limb int
}

// Plan is a provable plan of an aggregate query over one table.
type Plan struct {
	Query *sql.Query
	// Columns are the table column indexes the circuit reads, ascending;
	// circuit column j is table column Columns[j].
	Columns []int
	// Partials are the public per-segment values, the count first.
	Partials []Partial
	// NeedsActive is true when the circuit must know which rows are real
	// (MIN/MAX, division, GROUP BY); otherwise padding rows are corrected for arithmetically.
	NeedsActive bool
	// Grouped is true for GROUP BY plans. A segment proof returns its groups
	// as rows of GroupSlotWidth values (packed key, count, one value per
	// GroupAggs entry), keys strictly increasing, in private slots (one per
	// row of the segment); its partials are, per column of those rows, the
	// evaluation Σ_j v_j·L_j(Z) at the proof's challenge Z, which the
	// verifier recomputes from the receipt's group rows.
	Grouped bool
	// GroupAggs are the indexes (in Query.Aggregates()) of a grouped plan's
	// SUM, AVG, MIN and MAX aggregates, each one value in every group slot:
	// a sum for SUM and AVG, the extreme for MIN and MAX.
	GroupAggs []int
	// GroupLimbs[k] is 1 where GroupAggs[k] is the high-limb sum of a
	// UINT256 SUM/AVG (the entry before it is the low-limb sum), else 0.
	GroupLimbs []int
	// KeyWidth is the bit width of a grouped plan's packed key: the GROUP BY
	// columns, each offset to start at 0, the first one most significant.
	KeyWidth int
	// WideKey is a grouped plan's UINT256, BYTES32, LONGTEXT or BYTES
	// GROUP BY column (at most one), nil without. One more value at the
	// end of every group slot holds a UINT256/BYTES32 key's high limb (the
	// packed key its low limb), or a LONGTEXT/BYTES key's whole digest
	// (the packed key nothing of it).
	WideKey  *sql.Column
	keyParts []keyPart
	// distinctPart is true when the packed key ends with the COUNT(DISTINCT)
	// column (then its NULL flag, distinctFlag, when it is nullable).
	distinctPart bool
	distinctFlag *sql.Column
	// JoinKeyWidth is the bit width of a join plan's packed key (see
	// JoinKeyTerms); 0 without a join.
	JoinKeyWidth int
	joinParts    []joinPart
	// HasU256 is true when the plan reads a UINT256 column.
	HasU256 bool
	// paramPublic[s] is the first public-input position of parameter slot
	// s among the public parameters (a UINT256 parameter takes two: its
	// low then its high limb).
	paramPublic []int
	// RowResult is true for row-returning plans: the partials are the
	// segment's selected-row count and the digest of its result slots (see
	// RowWidth), and each segment proof returns the first Slots(logN)
	// selected rows in ORDER BY order, ties broken by row position.
	RowResult bool
	// RowSlots is LIMIT + OFFSET, or DefaultRowSlots without LIMIT.
	RowSlots int
	// OrdinalParts are the parts of a row plan's ordinal, least significant
	// first, each a sum of terms below 2^maxOrdinalBits; ordinals compare
	// lexicographically, most significant part first (see OrdinalTerm).
	OrdinalParts [][]OrdinalTerm
	// OrdinalPartWidths are the parts' widths without the row position.
	OrdinalPartWidths []int
	// fingerprintValues are the slot values a row plan's lookup fingerprint
	// takes (see Fingerprint), found once when planning.
	fingerprintValues []fingerprintValue
	// slotEvals are the evaluated columns of a grouped or row plan's result
	// slots (SlotEvals), found once when planning.
	slotEvals []SlotEval
	// columnRefs counts the references to each table column the circuit
	// evaluates (a window's condition read from openings only is not one).
	columnRefs map[int]int
	// Window is the WHERE clause's range condition on a SORTED column,
	// proven as a window of rows; nil when there is none.
	Window *Window
	// rowColumns are the table columns a row's SQL evaluation reads (see
	// RowColumns), found once when planning.
	rowColumns []int
	// Shape is the canonical text of the query without constant values.
	Shape string
	// ShapeHash is the hex SHA-256 of Shape.
	ShapeHash string
	// bounds caches computeBounds; boundsMu guards it, for evaluators
	// that read a plan's bounds from several goroutines
	bounds   map[sql.Expr]Interval
	boundsMu sync.Mutex
}

// New plans a bound query.
func New(q *sql.Query) (*Plan, error) {
	if len(q.Select) == 0 {
		return nil, fmt.Errorf("planner: query selects nothing")
	}
	p := &Plan{Query: q, bounds: map[sql.Expr]Interval{}, columnRefs: map[int]int{}}
	used := map[int]bool{}
	var walk func(e sql.Expr) error
	walk = func(e sql.Expr) error {
		if e == nil {
			return nil
		}
		switch x := e.(type) {
		case *sql.Column:
			used[x.Index] = true
			p.columnRefs[x.Index]++
			if x.Type.HasHighLimb() {
				used[x.Index+1] = true // the high limb
				p.HasU256 = true
			}
		case *sql.Arith:
			if err := walk(x.L); err != nil {
				return err
			}
			if err := walk(x.R); err != nil {
				return err
			}
			if x.Op == '/' || x.Op == '%' {
				// a division is checked only where it is evaluated: real, selected rows
				p.NeedsActive = true
			}
		case *sql.Abs:
			if err := walk(x.X); err != nil {
				return err
			}
		case *sql.Case:
			for _, w := range x.Whens {
				if err := walk(w.Cond); err != nil {
					return err
				}
				if err := walk(w.Then); err != nil {
					return err
				}
			}
			if err := walk(x.Else); err != nil {
				return err
			}
		case *sql.Compare:
			if err := walk(x.L); err != nil {
				return err
			}
			return walk(x.R)
		case *sql.Logic:
			if err := walk(x.L); err != nil {
				return err
			}
			return walk(x.R)
		case *sql.Not:
			return walk(x.X)
		case *sql.Truth:
			return walk(x.X)
		case *sql.Between:
			for _, s := range []sql.Expr{x.X, x.Lo, x.Hi} {
				if err := walk(s); err != nil {
					return err
				}
			}
		case *sql.Like:
			if err := walk(x.X); err != nil {
				return err
			}
		case *sql.In:
			if err := walk(x.X); err != nil {
				return err
			}
			for _, s := range x.List {
				if err := walk(s); err != nil {
					return err
				}
			}
		}
		if e.Kind() == sql.KindInt {
			if _, err := p.computeBounds(e); err != nil {
				return err
			}
		}
		return nil
	}
	p.planWindow()
	walkWhere := func(e sql.Expr) error {
		if w := p.Window; w != nil && w.RowsUnread && w.Holds(e) {
			return nil
		}
		return walk(e)
	}
	if err := walkAnd(q.Where, walkWhere); err != nil {
		return nil, err
	}
	if q.Join != nil {
		if err := p.planJoin(used); err != nil {
			return nil, err
		}
	}
	if q.RowResult() {
		if err := p.planRows(walk); err != nil {
			return nil, err
		}
	} else if q.GroupBy != nil || q.DistinctKey != nil {
		// COUNT(DISTINCT d) groups by the GROUP BY columns and d (least
		// significant); finalizing collapses the d part of the key.
		keyCols := append([]*sql.Column{}, q.GroupBy...)
		if d := q.DistinctKey; d != nil {
			inKey := false
			for _, c := range q.GroupBy {
				inKey = inKey || c.Index == d.Index
			}
			switch {
			case !inKey:
				keyCols = append(keyCols, d)
				p.distinctPart = true
				if f := d.NullFlagColumn(); f != nil { // NULLs are no distinct value
					keyCols = append(keyCols, f)
					p.distinctFlag = f
				}
			case d.NullFlagColumn() != nil:
				return nil, &sql.Error{At: d.At, Msg: fmt.Sprintf("DISTINCT aggregates of a nullable column grouped by that column (%s) are not supported", d.Name)}
			}
		}
		for _, c := range keyCols {
			if err := walk(c); err != nil {
				return nil, err
			}
			lo, hi := c.Type.Bounds() // a UINT256/BYTES32 column: its low limb (its high limb is the key's second part)
			if c.Type.HasHighLimb() || c.Type.Long() {
				if p.WideKey != nil {
					return nil, &sql.Error{At: c.At, Msg: fmt.Sprintf("GROUP BY two wide columns (%s and %s: UINT256, BYTES32, LONGTEXT or BYTES) is not supported yet", p.WideKey.Name, c.Name)}
				}
				p.WideKey = c
			}
			w := new(big.Int).Sub(hi, lo).BitLen()
			if c.Type.Long() {
				w = 0 // the digest is the key's second part, whole
			}
			p.keyParts = append(p.keyParts, keyPart{col: c, lo: lo, width: w})
			p.KeyWidth += w
		}
		if p.KeyWidth > maxKeyBits {
			return nil, &sql.Error{At: keyCols[0].At, Msg: fmt.Sprintf("GROUP BY key of %d bits is too wide (at most %d)", p.KeyWidth, maxKeyBits)}
		}
		shift := 0
		for i := len(p.keyParts) - 1; i >= 0; i-- { // the first column is the most significant
			p.keyParts[i].shift = shift
			shift += p.keyParts[i].width
		}
		// Activity bits only for MIN/MAX per group: padding rows (all zero)
		// otherwise add a known share to the zero row's group, which the
		// circuit takes out (circuits.zeroRow).
		p.Grouped = true
		for i, a := range q.Aggregates() {
			if a.Arg != nil && a.Func != sql.GroupKey {
				if err := walk(a.Arg); err != nil {
					return nil, err
				}
			}
			switch a.Func {
			case sql.Sum, sql.Avg, sql.Min, sql.Max:
				if a.Func == sql.Min || a.Func == sql.Max {
					p.NeedsActive = true
				}
				if a.Arg.Kind() != sql.KindU256 {
					p.GroupAggs = append(p.GroupAggs, i)
					p.GroupLimbs = append(p.GroupLimbs, 0)
					break
				}
				// a UINT256 sum or extreme per group: one slot value per limb
				p.GroupAggs = append(p.GroupAggs, i, i)
				p.GroupLimbs = append(p.GroupLimbs, 0, 1)
			}
		}
		p.planGroupEvals()
		for k := range p.slotEvals {
			p.Partials = append(p.Partials, Partial{Kind: PartialEval, Agg: -1, Slot: k})
		}
	} else {
		p.Partials = []Partial{{Kind: PartialCount, Agg: -1}}
		for i, a := range q.Aggregates() { // with the hidden counts of non-NULL values
			if err := walk(a.Arg); err != nil {
				return nil, err
			}
			kind := map[sql.AggFunc]PartialKind{sql.Sum: PartialSum, sql.Avg: PartialSum, sql.Min: PartialMin, sql.Max: PartialMax}
			if k, ok := kind[a.Func]; ok {
				p.Partials = append(p.Partials, Partial{Kind: k, Agg: i})
				if a.Arg.Kind() == sql.KindU256 {
					p.Partials = append(p.Partials, Partial{Kind: k, Agg: i, Limb: 1})
				}
				if k != PartialSum {
					p.NeedsActive = true
				}
			}
		}
	}
	for c := range used {
		p.Columns = append(p.Columns, c)
	}
	sort.Ints(p.Columns)
	p.rowColumns = p.Columns
	if w := p.Window; w != nil && w.RowsUnread && !slices.Contains(p.Columns, w.Column.Index) {
		p.rowColumns = append(slices.Clone(p.Columns), w.Column.Index)
	}
	np := 0
	for _, pv := range q.Params {
		p.paramPublic = append(p.paramPublic, np)
		np++
		if pv.Type.HasHighLimb() {
			np++
			p.HasU256 = true
		}
	}
	p.Shape = shape(q)
	if p.Window != nil { // a circuit of its own: the table's order is part of the shape
		p.Shape += " /* window: " + p.Window.Column.Name + " sorted */"
	}
	h := sha256.Sum256([]byte(p.Shape))
	p.ShapeHash = hex.EncodeToString(h[:])
	return p, nil
}

// GroupSlotWidth is the number of partial values per group slot: key,
// count, then one per GroupAggs entry.
func (p *Plan) GroupSlotWidth() int {
	if p.WideKey != nil {
		return 3 + len(p.GroupAggs)
	}
	return 2 + len(p.GroupAggs)
}

// wideShift places a wide key's high limb above every packed key bit in
// the combined keys GroupKey returns (never a field element).
const wideShift = maxKeyBits

// GroupKey is the whole key of a group slot as one integer: the packed key
// (slot[0]), plus a wide key column's high limb (the slot's last value)
// shifted above it. Group rows are ordered by it.
func (p *Plan) GroupKey(slot []*big.Int) *big.Int {
	if p.WideKey == nil {
		return slot[0]
	}
	k := new(big.Int).Lsh(slot[len(slot)-1], wideShift)
	return k.Add(k, slot[0])
}

// KeyHigh returns a row's wide key high limb, or its LONGTEXT/BYTES
// digest (0 without a wide key).
func (p *Plan) KeyHigh(row []*big.Int) *big.Int {
	if p.WideKey == nil {
		return new(big.Int)
	}
	if p.WideKey.Type.Long() {
		return new(big.Int).Set(row[p.WideKey.Index])
	}
	_, hi := schema.SplitUint256(row[p.WideKey.Index])
	return hi
}

// planRows plans a row-returning query: its item and ORDER BY expressions,
// slots, and the packing of the ORDER BY keys into one ordinal.
func (p *Plan) planRows(walk func(sql.Expr) error) error {
	q := p.Query
	p.RowResult = true
	if !p.zeroRowRanksLast() {
		p.NeedsActive = true
	}
	for _, a := range q.Select {
		if err := walk(a.Arg); err != nil {
			return err
		}
		if err := walk(a.Null); err != nil {
			return err
		}
	}
	// components, most significant first
	var comps []OrdinalTerm
	entry := 0
	for _, k := range q.OrderBy {
		if err := walk(k.Expr); err != nil {
			return err
		}
		if k.Expr.Kind() == sql.KindU256 {
			lim := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
			comps = append(comps,
				OrdinalTerm{Entry: entry + 1, Lo: big.NewInt(0), Hi: lim, Desc: k.Desc, Width: 128},
				OrdinalTerm{Entry: entry, Lo: big.NewInt(0), Hi: lim, Desc: k.Desc, Width: 128})
			entry += 2
			continue
		}
		iv, err := p.computeBounds(k.Expr)
		if err != nil {
			return err
		}
		w := new(big.Int).Sub(iv.Hi, iv.Lo).BitLen()
		comps = append(comps, OrdinalTerm{Entry: entry, Lo: iv.Lo, Hi: iv.Hi, Desc: k.Desc, Width: w})
		entry++
	}
	// pack from the least significant: part 0 holds the position too
	p.OrdinalParts, p.OrdinalPartWidths = [][]OrdinalTerm{nil}, []int{0}
	for i := len(comps) - 1; i >= 0; i-- {
		c := comps[i]
		last := len(p.OrdinalParts) - 1
		room := maxOrdinalBits - p.OrdinalPartWidths[last]
		if last == 0 {
			room -= maxLogN
		}
		if c.Width > room {
			p.OrdinalParts, p.OrdinalPartWidths = append(p.OrdinalParts, nil), append(p.OrdinalPartWidths, 0)
			last++
		}
		c.Shift = p.OrdinalPartWidths[last]
		p.OrdinalParts[last] = append(p.OrdinalParts[last], c)
		p.OrdinalPartWidths[last] += c.Width
	}
	if len(p.OrdinalParts) > 2 {
		return &sql.Error{At: q.OrderBy[0].At, Msg: fmt.Sprintf("ORDER BY keys are too wide: they need %d field elements to compare (at most 2)", len(p.OrdinalParts))}
	}
	p.RowSlots = DefaultRowSlots
	if q.Limit >= 0 {
		p.RowSlots = int(q.Limit + q.Offset)
		if p.RowSlots > MaxRowSlots {
			return &sql.Error{At: q.LimitAt, Msg: fmt.Sprintf("LIMIT + OFFSET of %d rows is above the %d rows a proof returns per segment", p.RowSlots, MaxRowSlots)}
		}
	}
	// the selected count, the rows returned, then each slot column's
	// evaluation at Z (RowEvalOffset)
	p.Partials = []Partial{{Kind: PartialCount, Agg: -1}, {Kind: PartialUsed, Agg: -1}}
	p.slotEvals = nil
	for k := 0; k < p.RowWidth(); k++ {
		p.Partials = append(p.Partials, Partial{Kind: PartialEval, Agg: -1, Slot: k})
		p.slotEvals = append(p.slotEvals, SlotEval{{Index: k, Lo: new(big.Int)}})
	}
	p.planFingerprintValues()
	return nil
}

// zeroRowRanksLast reports whether a row plan's order puts an all-zero row
// (a padding row: the committed segments are zero past their rows) after
// every row whose values lie in their bounds, ties broken by position: each
// ORDER BY key is a NOT NULL column, descending, whose bounds start at 0,
// so the zero row's key is the last value and its ordinal term the largest.
// Without ORDER BY the position alone orders. Such a plan needs no activity
// bits: a padding row passes the filter iff the zero row does, then ranks
// after every real row, and the circuit keeps it out of the slots by their
// positions (below the row count) and out of the selected count
// arithmetically.
func (p *Plan) zeroRowRanksLast() bool {
	for _, k := range p.Query.OrderBy {
		c, ok := k.Expr.(*sql.Column)
		if !ok || !k.Desc || c.Flag != 0 || c.Unmatched != 0 {
			return false
		}
		if c.Type.HasHighLimb() { // UINT256: both limbs' terms start at 0
			continue
		}
		iv, err := p.computeBounds(c)
		if err != nil || iv.Lo.Sign() != 0 {
			return false
		}
	}
	return true
}

// PackedValue is a slot value packed into one of a row fingerprint's
// packed elements as (v − Lo)·2^Shift, v − Lo ∈ [0, 2^Width).
type PackedValue struct {
	Index        int // in the slot (0 is the position)
	Lo           *big.Int
	Width, Shift int
	Element      int // the packed element: 0 is the position's
}

// SlotAlias says that slot value Index always equals slot value Of: an
// ORDER BY key that is also a SELECT item, or an item shown twice. The
// fingerprint leaves Index out; the circuit asserts the equality per slot.
type SlotAlias struct{ Index, Of int }

// FingerprintLayout is how a row plan's lookup fingerprint combines a row's
// (or a slot's) values into one field element under a challenge β:
//
//	F = E_0 + β·E_1 + … + β^(Elements−1)·E_(Elements−1) + Σ_r β^(Elements+r)·value_Rest[r]
//
// where E_0 is the position (its low logN bits), element 0's packed values
// and the selected bit at SelShift, and E_e (e ≥ 1) element e's packed
// values: a linear combination each. Every power of β past the first costs
// one product per row; every packed value one range check per slot, which
// keeps the packing injective (a row's values lie in their bounds, computed
// from committed, typed columns; a slot's are checked).
type FingerprintLayout struct {
	Packed   []PackedValue
	Elements int
	Rest     []int
	Aliases  []SlotAlias
	// SelShift is the bit of element 0 holding a row's selected bit (a used
	// slot's 1): a row not selected matches no used slot.
	SelShift int
}

// Products is the number of products per row the layout's fingerprint costs.
func (l FingerprintLayout) Products() int { return l.Elements - 1 + len(l.Rest) }

// maxPackedBits bounds a row fingerprint's packed element far below p.
const maxPackedBits = 250

// fingerprintValue is a slot value as the row fingerprint sees it.
type fingerprintValue struct {
	index int
	lo    *big.Int // nil: no known bounds (a power of β of its own)
	width int
	alias int // the earlier slot value it always equals, or −1
	// column is the table column the value is, or −1 for any other
	// expression (a UINT256 column's two limbs are two columns); only
	// whether the query reads that column nowhere else (FingerprintLink).
	column int
	only   bool
}

// planFingerprintValues finds, once per plan, each slot value's bounds (or
// none) and the values that repeat an earlier one (the same column shown
// again or used as an ORDER BY key). Intervals are widened to hold 0, the
// value of a NULL and of a disabled division.
func (p *Plan) planFingerprintValues() {
	type columnKey struct{ index, flag, unmatched int }
	seen := map[columnKey]int{}
	p.fingerprintValues = nil
	k := 1
	for _, e := range p.SlotExprs() {
		column, only := -1, false
		if c, ok := e.(*sql.Column); ok && c.Flag == 0 && c.Unmatched == 0 {
			column, only = c.Index, p.columnRefs[c.Index] == 1
		}
		if ItemWidth(e) == 2 {
			hi := -1
			if column >= 0 {
				hi = column + 1
			}
			p.fingerprintValues = append(p.fingerprintValues,
				fingerprintValue{index: k, alias: -1, column: column, only: only},
				fingerprintValue{index: k + 1, alias: -1, column: hi, only: only})
			k += 2
			continue
		}
		v := fingerprintValue{index: k, alias: -1, column: column, only: only}
		if c, ok := e.(*sql.Column); ok {
			key := columnKey{c.Index, c.Flag, c.Unmatched}
			if m, ok := seen[key]; ok {
				v.alias = m
			} else {
				seen[key] = k
			}
		}
		if iv, err := p.computeBounds(e); v.alias < 0 && err == nil {
			lo, hi := iv.Lo, iv.Hi
			if lo.Sign() > 0 {
				lo = big.NewInt(0)
			}
			if hi.Sign() < 0 {
				hi = big.NewInt(0)
			}
			v.lo, v.width = new(big.Int).Set(lo), max(new(big.Int).Sub(hi, lo).BitLen(), 1)
		}
		p.fingerprintValues = append(p.fingerprintValues, v)
		k++
	}
}

// Fingerprint returns the row lookup's fingerprint layout for segments of
// 2^logN rows. Values with known bounds are packed into elements of at most
// maxPackedBits bits, widest first into the first element with room
// (element 0 holds the position below 2^logN and the selected bit). The
// packing costs nothing per slot: the verifier checks the returned rows'
// values in their bounds (CheckSlotRows), which keeps it injective.
func (p *Plan) Fingerprint(logN int) FingerprintLayout {
	l := FingerprintLayout{}
	var cands []fingerprintValue
	for _, v := range p.fingerprintValues {
		switch {
		case v.alias >= 0:
			l.Aliases = append(l.Aliases, SlotAlias{Index: v.index, Of: v.alias})
		case v.lo == nil:
			l.Rest = append(l.Rest, v.index)
		default:
			cands = append(cands, v)
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].width > cands[b].width })
	room := func(e int) int {
		if e == 0 {
			return maxPackedBits - 1 // the selected bit above the values
		}
		return maxPackedBits
	}
	bins := [][]fingerprintValue{nil}
	used := []int{logN}
	for _, c := range cands {
		e := 0
		for e < len(bins) && used[e]+c.width > room(e) {
			e++
		}
		if e == len(bins) {
			bins, used = append(bins, nil), append(used, 0)
		}
		bins[e] = append(bins[e], c)
		used[e] += c.width
	}
	for e, vals := range bins {
		shift := 0
		if e == 0 {
			shift = logN
		}
		for _, v := range vals {
			l.Packed = append(l.Packed, PackedValue{Index: v.index, Lo: v.lo, Width: v.width, Shift: shift, Element: e})
			shift += v.width
		}
		if e == 0 {
			l.SelShift = shift
		}
	}
	l.Elements = len(bins)
	sort.Ints(l.Rest)
	return l
}

// LinkedColumn is a circuit column (an index into Plan.Columns) in a
// packed link, weighted by 2^Shift.
type LinkedColumn struct{ Column, Shift int }

// FingerprintLink is how a row plan links the columns only its lookup
// fingerprint reads (SELECT columns shown once and read nowhere else): one
// quotient per row of
//
//	V = Σ_{c ∈ Packed} 2^Shift·c + T,   T = F − E_0
//
// T the fingerprint's tail (every element past the first and every
// unpacked value, each under its power of β: FingerprintLayout), whose
// values are all table columns. V at Z must equal the same sum of the
// columns' evaluations at Z (the tail's constants included: the Lagrange
// basis sums to 1). Z and β are drawn after the columns are committed, so
// the identity holds on every row, for each power of β apart: element 0's
// returned-only part and every further element are the committed rows'.
// The circuit uses the Only columns nowhere but inside those sums (the
// fingerprint packs element 0's as Σ 2^Shift·(c − Lo)), so they need no
// link of their own: one constraint per row instead of one per column.
type FingerprintLink struct {
	// Packed are element 0's returned-only columns.
	Packed []LinkedColumn
	// Columns maps each slot value the tail takes (its index in a slot) to
	// its circuit column.
	Columns map[int]int
	// Only are the circuit columns linked by V alone.
	Only []int
}

// FingerprintLink returns a row plan's fingerprint link for segments of
// 2^logN rows, or nil where it saves nothing (fewer than two columns only
// returned) or the tail takes a value that is not a column (it has no
// evaluation at Z), and for joins.
func (p *Plan) FingerprintLink(logN int) *FingerprintLink {
	if !p.RowResult || p.Query.Join != nil {
		return nil
	}
	// each slot value's circuit column where it is one, and whether the
	// query reads it nowhere else
	column := map[int]int{}
	only := map[int]bool{}
	for _, v := range p.fingerprintValues {
		if v.column >= 0 {
			column[v.index], only[v.index] = p.CircuitColumn(v.column), v.only
		}
	}
	fp := p.Fingerprint(logN)
	l := &FingerprintLink{Columns: map[int]int{}}
	tail := append([]int{}, fp.Rest...)
	for _, pv := range fp.Packed {
		if pv.Element > 0 {
			tail = append(tail, pv.Index)
			continue
		}
		if j, ok := column[pv.Index]; ok && only[pv.Index] {
			l.Packed = append(l.Packed, LinkedColumn{Column: j, Shift: pv.Shift})
			l.Only = append(l.Only, j)
		}
	}
	for _, idx := range tail {
		j, ok := column[idx]
		if !ok {
			return nil
		}
		l.Columns[idx] = j
		if only[idx] {
			l.Only = append(l.Only, j)
		}
	}
	if len(l.Only) < 2 {
		return nil
	}
	sort.Ints(l.Only)
	return l
}

// SlotOrdinal returns a row plan's ordinal of a result slot (position,
// SELECT values, ORDER BY keys, …) in segments of 2^logN rows: its parts,
// least significant first, as the circuit computes them (OrdinalParts;
// part 0 holds the position in its low logN bits). Ordinals compare
// lexicographically, most significant part first (CompareOrdinals).
func (p *Plan) SlotOrdinal(slot []*big.Int, logN int) []*big.Int {
	parts := make([]*big.Int, len(p.OrdinalParts))
	off := p.OrderKeyOffset()
	for pi, terms := range p.OrdinalParts {
		o, base := new(big.Int), 0
		if pi == 0 {
			o.Set(slot[0])
			base = logN
		}
		for _, t := range terms {
			v := new(big.Int)
			if t.Desc {
				v.Sub(t.Hi, slot[off+t.Entry])
			} else {
				v.Sub(slot[off+t.Entry], t.Lo)
			}
			o.Add(o, v.Lsh(v, uint(t.Shift+base)))
		}
		parts[pi] = o
	}
	return parts
}

// CompareOrdinals compares two ordinals (SlotOrdinal) lexicographically,
// most significant part first: −1, 0 or +1.
func CompareOrdinals(a, b []*big.Int) int {
	for pi := len(a) - 1; pi >= 0; pi-- {
		if c := a[pi].Cmp(b[pi]); c != 0 {
			return c
		}
	}
	return 0
}

// CheckSlotRows checks what the circuit leaves to the verifier of one
// segment's returned rows (its used result slots, which their evaluations
// at Z bind to the receipt's rows), in segments of 2^logN rows holding
// rowCount real rows (0 for a join's rows: then 2^logN): every position
// below the row count (no padding row is returned), every value the lookup fingerprint packs within its
// packing's range and every ORDER BY value within its ordinal term's
// bounds (the packing is then injective on slots as on rows, so the lookup
// matches each slot with one row, and the ordinals are integers), a value
// the fingerprint leaves out (SlotAlias) equal to the one it repeats, and
// the ordinals strictly increasing, so the last row is the one the circuit
// compares every selected row left out with.
func (p *Plan) CheckSlotRows(rows [][]*big.Int, rowCount, logN int) error {
	if !p.RowResult {
		return fmt.Errorf("planner: not a row plan")
	}
	fp := p.Fingerprint(logN)
	off := p.OrderKeyOffset()
	if rowCount <= 0 {
		rowCount = 1 << logN
	}
	count := big.NewInt(int64(rowCount))
	var prev []*big.Int
	for r, row := range rows {
		if len(row) != p.RowWidth() {
			return fmt.Errorf("result row %d has %d values, want %d", r, len(row), p.RowWidth())
		}
		if row[0].Sign() < 0 || row[0].Cmp(count) >= 0 {
			return fmt.Errorf("result row %d: position %s is not one of the segment's %d rows", r, row[0], rowCount)
		}
		for _, pv := range fp.Packed {
			d := new(big.Int).Sub(row[pv.Index], pv.Lo)
			if d.Sign() < 0 || d.BitLen() > pv.Width {
				return fmt.Errorf("result row %d: value %d (%s) outside its range [%s, %s + 2^%d)", r, pv.Index, row[pv.Index], pv.Lo, pv.Lo, pv.Width)
			}
		}
		for _, a := range fp.Aliases {
			if row[a.Index].Cmp(row[a.Of]) != 0 {
				return fmt.Errorf("result row %d: value %d (%s) differs from value %d (%s), the same expression", r, a.Index, row[a.Index], a.Of, row[a.Of])
			}
		}
		for _, terms := range p.OrdinalParts {
			for _, t := range terms {
				if v := row[off+t.Entry]; v.Cmp(t.Lo) < 0 || v.Cmp(t.Hi) > 0 {
					return fmt.Errorf("result row %d: ORDER BY value %s outside [%s, %s]", r, v, t.Lo, t.Hi)
				}
			}
		}
		ord := p.SlotOrdinal(row, logN)
		if prev != nil && CompareOrdinals(prev, ord) >= 0 {
			return fmt.Errorf("result rows %d and %d are not in ORDER BY order (ties by position)", r-1, r)
		}
		prev = ord
	}
	return nil
}

// RowEvalOffset is the index in a row plan's Partials of the first slot
// column's evaluation at Z (after the selected count and the rows returned).
const RowEvalOffset = 2

// EvaluatedSlots returns how many evaluated columns (SlotEvals) of a plan's
// result slots a segment proof binds by their evaluations at Z, and where
// in Partials the first one is: a grouped plan's group rows, a row plan's
// result rows.
func (p *Plan) EvaluatedSlots() (width, offset int) {
	switch {
	case p.Grouped:
		return len(p.slotEvals), 0
	case p.RowResult:
		return len(p.slotEvals), RowEvalOffset
	}
	return 0, 0
}

// SlotWidth is the number of values in one of a plan's result slots: a
// grouped plan's group rows (GroupSlotWidth), a row plan's result rows
// (RowWidth); 0 for other plans.
func (p *Plan) SlotWidth() int {
	switch {
	case p.Grouped:
		return p.GroupSlotWidth()
	case p.RowResult:
		return p.RowWidth()
	}
	return 0
}

// SlotPart is a slot value in an evaluated column: slot[Index]·2^Shift,
// with slot[Index] − Lo ∈ [0, 2^Width) (Width 0: a column of its own, any
// value). Packing signed values without offsets keeps it linear (a zero
// slot evaluates to 0) and injective: two packings equal, the lowest part
// that differs would differ by a multiple of 2^Width, more than its range.
type SlotPart struct {
	Index, Shift, Width int
	Lo                  *big.Int
}

// SlotEval is one evaluated column of a plan's result slots: the sum of its
// parts, one slot value as is or several packed side by side.
type SlotEval []SlotPart

// SlotEvals returns the columns of a plan's result slots that a segment
// proof evaluates at Z: a row plan's slot values one each; a grouped plan's
// key (and a wide key's second part) one each, its count and sums packed
// into as few columns as fit maxPackedBits bits, each extreme one each. The
// log-derivative identities pin a group slot's count and sums to the true
// ones of its key (the verifier checks the keys distinct; the zero-padded
// slots beyond the rows have key 0 and evaluate to 0, so a share of a real
// key 0's count they would hold adds back by linearity), which are in their
// bounds, and the verifier checks the receipt's in theirs (CheckSlotPacking):
// packing is injective on both sides, so the rows' counts and sums are the
// slots'. An extreme is pinned only where its group has rows, so it keeps
// a column of its own.
func (p *Plan) SlotEvals() []SlotEval { return p.slotEvals }

// SumRange is the range of a sum of at most rows values of iv: [lo, lo +
// 2^width), lo = rows·min(iv.Lo, 0), holding rows·max(iv.Hi, 0) — the
// part a packed value gives that sum (SlotPart).
func SumRange(iv Interval, rows *big.Int) (lo *big.Int, width int) {
	lo = new(big.Int).Mul(rows, iv.Lo)
	if iv.Lo.Sign() > 0 {
		lo.SetInt64(0)
	}
	hi := new(big.Int).Mul(rows, iv.Hi)
	if iv.Hi.Sign() < 0 {
		hi.SetInt64(0)
	}
	return lo, new(big.Int).Sub(hi, lo).BitLen()
}

// planGroupEvals finds a grouped plan's SlotEvals.
func (p *Plan) planGroupEvals() {
	p.slotEvals = []SlotEval{{{Index: 0, Lo: new(big.Int)}}}
	rows := new(big.Int).Lsh(big.NewInt(1), maxLogN) // a group's rows, at most
	// the count and every sum with its bounds, the extremes alone
	type value struct {
		index, width int
		lo           *big.Int
	}
	packable := []value{{index: 1, width: maxLogN + 1, lo: new(big.Int)}}
	aggs := p.Query.Aggregates()
	for j, ai := range p.GroupAggs {
		a := aggs[ai]
		if a.Func == sql.Min || a.Func == sql.Max {
			p.slotEvals = append(p.slotEvals, SlotEval{{Index: 2 + j, Lo: new(big.Int)}})
			continue
		}
		iv := Interval{Lo: new(big.Int), Hi: new(big.Int).Lsh(big.NewInt(1), 128)} // one limb's sum
		if a.Arg.Kind() != sql.KindU256 {
			var err error
			if iv, err = p.computeBounds(a.Arg); err != nil { // planned expressions have bounds; keep it apart if not
				p.slotEvals = append(p.slotEvals, SlotEval{{Index: 2 + j, Lo: new(big.Int)}})
				continue
			}
		}
		lo, width := SumRange(iv, rows)
		packable = append(packable, value{index: 2 + j, width: width, lo: lo})
	}
	var cur SlotEval
	used := 0
	for _, v := range packable {
		if cur != nil && used+v.width > maxPackedBits {
			p.slotEvals = append(p.slotEvals, cur)
			cur, used = nil, 0
		}
		cur = append(cur, SlotPart{Index: v.index, Shift: used, Width: v.width, Lo: v.lo})
		used += v.width
	}
	p.slotEvals = append(p.slotEvals, cur)
	if p.WideKey != nil {
		p.slotEvals = append(p.slotEvals, SlotEval{{Index: p.GroupSlotWidth() - 1, Lo: new(big.Int)}})
	}
	sort.SliceStable(p.slotEvals, func(a, b int) bool { return p.slotEvals[a][0].Index < p.slotEvals[b][0].Index })
}

// PackSlotRows returns a segment's result rows as their evaluated columns
// (SlotEvals): per row, each column's value. It does not check the packed
// values' bounds (CheckSlotPacking does).
func (p *Plan) PackSlotRows(rows [][]*big.Int) [][]*big.Int {
	out := make([][]*big.Int, len(rows))
	for r, row := range rows {
		out[r] = make([]*big.Int, len(p.slotEvals))
		for e, ev := range p.slotEvals {
			v := new(big.Int)
			for _, part := range ev {
				v.Add(v, new(big.Int).Lsh(row[part.Index], uint(part.Shift)))
			}
			out[r][e] = v
		}
	}
	return out
}

// CheckSlotPacking checks that every value a segment's result rows pack
// with others (SlotEvals) lies in its bounds, which makes the packing
// injective: the verifier's check on the receipt's rows, without which two
// rows of values could pack alike.
func (p *Plan) CheckSlotPacking(rows [][]*big.Int) error {
	for r, row := range rows {
		for _, ev := range p.slotEvals {
			for _, part := range ev {
				if part.Index >= len(row) {
					return fmt.Errorf("result row %d has %d values", r, len(row))
				}
				if part.Width == 0 {
					continue
				}
				if d := new(big.Int).Sub(row[part.Index], part.Lo); d.Sign() < 0 || d.BitLen() > part.Width {
					return fmt.Errorf("result row %d: value %d (%s) outside its bounds", r, part.Index, row[part.Index])
				}
			}
		}
	}
	return nil
}

// Slots returns how many result slots a row plan's segment proof over 2^logN rows has.
func (p *Plan) Slots(logN int) int {
	return min(p.RowSlots, 1<<logN)
}

// RowWidth is the number of values in one result slot of a row plan: the
// row's position in its segment, each SELECT item (a UINT256 one as its two
// limbs), then each ORDER BY key.
func (p *Plan) RowWidth() int {
	w := p.OrderKeyOffset()
	for _, k := range p.Query.OrderBy {
		w += ItemWidth(k.Expr)
	}
	for _, a := range p.Query.Select {
		if a.Null != nil {
			w++
		}
	}
	return w
}

// SlotExprs are the expressions whose values follow the position in a row
// plan's slot: each SELECT item, then each ORDER BY key (a two-limb value
// takes two slot values, low limb first).
func (p *Plan) SlotExprs() []sql.Expr {
	var out []sql.Expr
	for _, a := range p.Query.Select {
		out = append(out, a.Arg)
	}
	for _, o := range p.Query.OrderBy {
		out = append(out, o.Expr)
	}
	for _, a := range p.Query.Select { // 1 where a nullable item is NULL
		if a.Null != nil {
			out = append(out, a.Null)
		}
	}
	return out
}

// OrderKeyValues returns the ORDER BY key values of a row plan's slot (a
// UINT256 key's limbs joined).
func (p *Plan) OrderKeyValues(slot []*big.Int) []*big.Int {
	off := p.OrderKeyOffset()
	out := make([]*big.Int, len(p.Query.OrderBy))
	for k, o := range p.Query.OrderBy {
		out[k] = slot[off]
		if ItemWidth(o.Expr) == 2 {
			out[k] = schema.JoinUint256(slot[off], slot[off+1])
		}
		off += ItemWidth(o.Expr)
	}
	return out
}

// CompareOrderKeys compares two slots of a row plan by their ORDER BY keys
// (directions applied): −1, 0 or 1.
func (p *Plan) CompareOrderKeys(a, b []*big.Int) int {
	ka, kb := p.OrderKeyValues(a), p.OrderKeyValues(b)
	for k, o := range p.Query.OrderBy {
		c := ka[k].Cmp(kb[k])
		if o.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// FinalizeResult turns what every segment proof shows into the result
// rows: partial values (aggregates), group rows (GROUP BY) or result slots
// (row queries). Prover and verifier share it. LONGTEXT and BYTES values
// are written from their bytes, which pre must hold for every digest the
// result shows.
func (p *Plan) FinalizeResult(partials [][]*big.Int, slots [][][]*big.Int, pre schema.Preimages) ([][]string, error) {
	var rows [][]string
	var err error
	switch {
	case p.RowResult:
		rows, err = p.FinalizeRowResult(slots)
	case p.Grouped:
		rows, err = p.FinalizeGroups(slots)
	default:
		rows, err = p.FinalizeRows(partials)
	}
	if err != nil {
		return nil, err
	}
	return rows, p.writeLongValues(rows, pre)
}

// ShowsLong reports whether the result shows LONGTEXT or BYTES values
// (whose bytes the result then needs, see FinalizeResult).
func (p *Plan) ShowsLong() bool {
	for _, a := range p.Query.Select {
		if longItem(a) != nil {
			return true
		}
	}
	return false
}

// longItem returns the LONGTEXT or BYTES column a result item shows (a
// value or a GROUP BY key), or nil.
func longItem(a sql.Aggregate) *sql.Column {
	if c, ok := a.Shown().(*sql.Column); ok && c.Type.Long() && (a.Func == sql.Value || a.Func == sql.GroupKey) {
		return c
	}
	return nil
}

// writeLongValues replaces, in the result's LONGTEXT and BYTES columns, each
// value's digest (as schema's FormatValue writes it) by the value's bytes.
func (p *Plan) writeLongValues(rows [][]string, pre schema.Preimages) error {
	for i, a := range p.Query.Select {
		c := longItem(a)
		if c == nil {
			continue
		}
		for r, row := range rows {
			if row[i] == "NULL" {
				continue
			}
			d, ok := schema.ParseDigestText(row[i])
			if !ok {
				return fmt.Errorf("planner: result %s of row %d is no %v digest", a.Name, r, c.Type)
			}
			var b []byte
			if pre != nil {
				b, ok = pre.Preimage(d)
			}
			if !ok {
				return fmt.Errorf("planner: result %s of row %d: the bytes of %v value %#x are missing", a.Name, r, c.Type, d)
			}
			row[i] = c.Type.FormatBytes(b)
		}
	}
	return nil
}

// OrderKeyOffset is the position of the first ORDER BY key value in a row
// plan's slot (after the position and the SELECT items' values).
func (p *Plan) OrderKeyOffset() int {
	w := 1
	for _, a := range p.Query.Select {
		w += ItemWidth(a.Arg)
	}
	return w
}

// NumPublicParams is the number of public parameter inputs: one per
// parameter, two for a UINT256 parameter.
func (p *Plan) NumPublicParams() int {
	n := len(p.Query.Params)
	for _, pv := range p.Query.Params {
		if pv.Type.HasHighLimb() {
			n++
		}
	}
	return n
}

// PublicParam returns the position among the public parameters of
// parameter slot s (its low limb for a UINT256 parameter).
func (p *Plan) PublicParam(s int) int { return p.paramPublic[s] }

// PublicParamValues returns the public parameter values in order: each
// parameter, a UINT256 one as its low then its high limb.
func (p *Plan) PublicParamValues() ([]*big.Int, error) {
	vals, err := p.ParamValues()
	if err != nil {
		return nil, err
	}
	var out []*big.Int
	for i, pv := range p.Query.Params {
		if pv.Type.HasHighLimb() {
			lo, hi := schema.SplitUint256(vals[i])
			out = append(out, lo, hi)
			continue
		}
		out = append(out, vals[i])
	}
	return out, nil
}

// PublicParamTypes returns the types of the public parameters (a UINT256
// parameter's two limbs each of type Uint256, whose Bounds are a limb's).
func (p *Plan) PublicParamTypes() []schema.Type {
	var out []schema.Type
	for _, pv := range p.Query.Params {
		out = append(out, pv.Type)
		if pv.Type.HasHighLimb() {
			out = append(out, schema.Uint256High)
		}
	}
	return out
}

// ItemWidth is the number of slot values a row plan's SELECT item takes:
// two (low, high limb) for a UINT256 value, else one.
func ItemWidth(e sql.Expr) int {
	if e != nil && sql.Wide(e.Kind()) {
		return 2
	}
	return 1
}

// CircuitColumn returns the circuit column index of a table column. The
// column must be one the circuit reads (in Columns): asking for another
// is a planner bug, and it panics rather than name a neighbour.
func (p *Plan) CircuitColumn(tableIndex int) int {
	j, ok := sort.Find(len(p.Columns), func(j int) int { return tableIndex - p.Columns[j] })
	if !ok {
		panic(fmt.Sprintf("planner: table column %d is not read by the circuit (columns %v)", tableIndex, p.Columns))
	}
	return j
}

// Bounds returns the value range of an integer expression of the plan.
func (p *Plan) Bounds(e sql.Expr) Interval {
	iv, err := p.computeBounds(e)
	if err != nil {
		panic(fmt.Sprintf("planner: bounds of a planned expression: %v", err))
	}
	return iv
}

// BoundsIfKnown is Bounds for expressions whose bounds may not be computable
// (ok false): a circuit that only profits from them falls back without.
func (p *Plan) BoundsIfKnown(e sql.Expr) (iv Interval, ok bool) {
	iv, err := p.computeBounds(e)
	return iv, err == nil && iv.Lo != nil && iv.Hi != nil
}

func (p *Plan) computeBounds(e sql.Expr) (Interval, error) {
	p.boundsMu.Lock()
	cached, ok := p.bounds[e]
	p.boundsMu.Unlock()
	if ok {
		return cached, nil
	}
	var iv Interval
	switch x := e.(type) {
	case *sql.Column:
		iv.Lo, iv.Hi = x.Type.Bounds()
	case *sql.Param:
		iv.Lo, iv.Hi = x.Type.Bounds()
	case *sql.Null:
		iv.Lo, iv.Hi = big.NewInt(0), big.NewInt(0)
	case *sql.Extreme:
		x0, err := p.computeBounds(x.X)
		if err != nil {
			return iv, err
		}
		v := x0.Lo
		if x.High {
			v = x0.Hi
		}
		iv.Lo, iv.Hi = new(big.Int).Set(v), new(big.Int).Set(v)
	case *sql.Arith:
		r, err := p.computeBounds(x.R)
		if err != nil {
			return iv, err
		}
		if x.L == nil { // negation
			iv = Interval{new(big.Int).Neg(r.Hi), new(big.Int).Neg(r.Lo)}
			break
		}
		l, err := p.computeBounds(x.L)
		if err != nil {
			return iv, err
		}
		switch x.Op {
		case '+':
			iv = Interval{new(big.Int).Add(l.Lo, r.Lo), new(big.Int).Add(l.Hi, r.Hi)}
		case '-':
			iv = Interval{new(big.Int).Sub(l.Lo, r.Hi), new(big.Int).Sub(l.Hi, r.Lo)}
		case '/', '%':
			ma := maxAbs(l)
			mb := maxAbs(r)
			if ma.BitLen()+mb.BitLen() >= 250 {
				return iv, &sql.Error{At: e.Position(), Msg: "division operands too wide to prove exactly"}
			}
			if x.Op == '/' { // |q| ≤ |a| once |b| ≥ 1
				iv = Interval{new(big.Int).Neg(ma), new(big.Int).Set(ma)}
				if l.Lo.Sign() >= 0 && r.Lo.Sign() >= 0 {
					iv.Lo = big.NewInt(0)
				}
				break
			}
			// |r| < |b| and |r| ≤ |a|; r has the dividend's sign
			m := new(big.Int).Sub(mb, big.NewInt(1))
			if ma.Cmp(m) < 0 {
				m = ma
			}
			iv = Interval{new(big.Int).Neg(m), new(big.Int).Set(m)}
			if l.Lo.Sign() >= 0 {
				iv.Lo = big.NewInt(0)
			}
			if l.Hi.Sign() <= 0 {
				iv.Hi = big.NewInt(0)
			}
		case '*':
			c := []*big.Int{
				new(big.Int).Mul(l.Lo, r.Lo), new(big.Int).Mul(l.Lo, r.Hi),
				new(big.Int).Mul(l.Hi, r.Lo), new(big.Int).Mul(l.Hi, r.Hi),
			}
			iv = Interval{c[0], c[0]}
			for _, v := range c[1:] {
				if v.Cmp(iv.Lo) < 0 {
					iv.Lo = v
				}
				if v.Cmp(iv.Hi) > 0 {
					iv.Hi = v
				}
			}
		}
	case *sql.Abs:
		x0, err := p.computeBounds(x.X)
		if err != nil {
			return iv, err
		}
		switch {
		case x0.Lo.Sign() >= 0:
			iv = x0
		case x0.Hi.Sign() <= 0:
			iv = Interval{new(big.Int).Neg(x0.Hi), new(big.Int).Neg(x0.Lo)}
		default:
			iv = Interval{big.NewInt(0), maxAbs(x0)}
		}
	case *sql.Case:
		if x.Kind() == sql.KindAddress || x.Kind() == sql.KindString {
			// every branch is a value of the kind's one type
			t := schema.Address
			if x.Kind() == sql.KindString {
				t = schema.Varchar
			}
			iv.Lo, iv.Hi = t.Bounds()
			break
		}
		var err error
		if iv, err = p.computeBounds(x.Else); err != nil {
			return iv, err
		}
		iv = Interval{new(big.Int).Set(iv.Lo), new(big.Int).Set(iv.Hi)}
		for _, w := range x.Whens {
			b, err := p.computeBounds(w.Then)
			if err != nil {
				return iv, err
			}
			if b.Lo.Cmp(iv.Lo) < 0 {
				iv.Lo.Set(b.Lo)
			}
			if b.Hi.Cmp(iv.Hi) > 0 {
				iv.Hi.Set(b.Hi)
			}
		}
	default:
		return iv, fmt.Errorf("planner: %T has no integer bounds", e)
	}
	// strings (216 bits) never enter arithmetic: only their comparisons'
	// range checks see their width
	if e.Kind() != sql.KindString && !sql.Long(e.Kind()) && (iv.Lo.BitLen() > MaxExprBits || iv.Hi.BitLen() > MaxExprBits) {
		return iv, &sql.Error{At: e.Position(), Msg: fmt.Sprintf("expression may reach %d bits, beyond the %d-bit bound that keeps proven arithmetic exact", max(iv.Lo.BitLen(), iv.Hi.BitLen()), MaxExprBits)}
	}
	p.boundsMu.Lock()
	p.bounds[e] = iv
	p.boundsMu.Unlock()
	return iv, nil
}

func maxAbs(iv Interval) *big.Int {
	a := new(big.Int).Abs(iv.Lo)
	if b := new(big.Int).Abs(iv.Hi); b.Cmp(a) > 0 {
		return b
	}
	return a
}

// shape writes the canonical shape of a query: table schema, aggregates and
// predicate, with parameters as slot numbers and types, without any value.
func shape(q *sql.Query) string {
	var b strings.Builder
	h := q.Table.Hash()
	fmt.Fprintf(&b, "provensql/shape/v1 table=%s schema=%x params=", strings.ToLower(q.Table.Name), h[:8])
	for i, pv := range q.Params {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(pv.Type.String())
	}
	b.WriteString(" select=")
	writeAggregates(&b, q.Select)
	if j := q.Join; j != nil {
		lh, rh := j.Left.Hash(), j.Right.Hash()
		kind := "inner"
		if j.Outer {
			kind = "left"
		}
		fmt.Fprintf(&b, " join=%s left=%x right=%x on=", kind, lh[:8], rh[:8])
		for i, k := range j.Keys {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "c%d=c%d", k.Left.Index, k.Right.Index)
		}
	}
	b.WriteString(" where=")
	if q.Where != nil {
		writeExpr(&b, q.Where)
	}
	if len(q.OrderBy) > 0 || q.Limit >= 0 {
		b.WriteString(" order=")
		for i, k := range q.OrderBy {
			if i > 0 {
				b.WriteByte(',')
			}
			writeExpr(&b, k.Expr)
			if k.Desc {
				b.WriteString(" desc")
			}
		}
		fmt.Fprintf(&b, " limit=%d offset=%d", q.Limit, q.Offset)
	}
	if q.RowResult() {
		fmt.Fprintf(&b, " rows=%d", DefaultRowSlots)
	}
	if q.GroupBy != nil {
		b.WriteString(" group=")
		for i, c := range q.GroupBy {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "c%d", c.Index)
		}
		b.WriteString(" groups=eval having=")
		if q.Having != nil {
			writeExpr(&b, q.Having)
		}
		b.WriteString(" hidden=")
		writeAggregates(&b, q.HavingAggs)
	} else if len(q.HavingAggs) > 0 {
		b.WriteString(" hidden=")
		writeAggregates(&b, q.HavingAggs)
	}
	return b.String()
}

func writeAggregates(b *strings.Builder, aggs []sql.Aggregate) {
	for i, a := range aggs {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(a.Func.String())
		if a.Arg != nil {
			b.WriteByte('(')
			writeExpr(b, a.Arg)
			b.WriteByte(')')
		}
		if a.Values > 0 {
			fmt.Fprintf(b, " values=h%d", a.Values-1)
		}
		if a.Null != nil {
			b.WriteString(" null=")
			writeExpr(b, a.Null)
		}
	}
}

func writeExpr(b *strings.Builder, e sql.Expr) {
	call := func(name string, args ...sql.Expr) {
		b.WriteString(name)
		b.WriteByte('(')
		for i, a := range args {
			if i > 0 {
				b.WriteByte(',')
			}
			writeExpr(b, a)
		}
		b.WriteByte(')')
	}
	negated := func(neg bool, name string) string {
		if neg {
			return "not" + name
		}
		return name
	}
	switch x := e.(type) {
	case *sql.Column:
		fmt.Fprintf(b, "c%d", x.Index)
	case *sql.Param:
		fmt.Fprintf(b, "p%d", x.Slot)
	case *sql.Arith:
		if x.L == nil {
			call("neg", x.R)
		} else {
			call(string(x.Op), x.L, x.R)
		}
	case *sql.AggRef:
		fmt.Fprintf(b, "agg%d", x.Index)
	case *sql.Abs:
		call("abs", x.X)
	case *sql.Case:
		args := []sql.Expr{}
		for _, w := range x.Whens {
			args = append(args, w.Cond, w.Then)
		}
		call("case", append(args, x.Else)...)
	case *sql.Compare:
		call(x.Op, x.L, x.R)
	case *sql.Logic:
		if x.And {
			call("and", x.L, x.R)
		} else {
			call("or", x.L, x.R)
		}
	case *sql.Not:
		call("not", x.X)
	case *sql.Truth:
		call("truth", x.X)
	case *sql.Between:
		call(negated(x.Negated, "between"), x.X, x.Lo, x.Hi)
	case *sql.In:
		call(negated(x.Negated, "in"), append([]sql.Expr{x.X}, x.List...)...)
	case *sql.IsNull:
		call(negated(x.Negated, "isnull"), x.X)
	case *sql.Like:
		call(negated(x.Negated, "like["+x.Shape()+"]"), x.X)
	case *sql.Null:
		b.WriteString("null")
	case *sql.Extreme:
		if x.High {
			call("upper", x.X)
		} else {
			call("lower", x.X)
		}
	case *sql.Bool:
		fmt.Fprintf(b, "%t", x.Value)
	}
}

// ResultColumn is a column of the result: its name and SQL type.
type ResultColumn struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// ResultColumns returns the names and SQL types of the result.
// COUNT is BIGINT, SUM is DECIMAL (exact integer), MIN/MAX keep the argument's
// type (or BIGINT for expressions), AVG is RATIONAL: an exact reduced "p/q".
func (p *Plan) ResultColumns() []ResultColumn {
	out := make([]ResultColumn, len(p.Query.Select))
	for i, a := range p.Query.Select {
		t := "BIGINT"
		switch a.Func {
		case sql.Sum, sql.SumDistinct:
			t = "DECIMAL"
		case sql.Avg, sql.AvgDistinct:
			t = "RATIONAL"
		case sql.Min, sql.Max, sql.GroupKey, sql.Value:
			if c, ok := a.Shown().(*sql.Column); ok {
				t = c.Type.String()
			} else if a.Arg.Kind() == sql.KindAddress {
				t = schema.Address.String()
			} else if a.Arg.Kind() == sql.KindString {
				t = schema.Varchar.String()
			} else {
				t = "DECIMAL"
			}
		}
		out[i] = ResultColumn{Name: a.Name, Type: t}
	}
	return out
}

// Finalize combines the public partial values of every segment (in the
// order of Plan.Partials, as signed integers) into the result row, as text:
// decimal integers, "p/q" rationals for AVG, and NULL for MIN/MAX/AVG of no rows.
func (p *Plan) Finalize(segments [][]*big.Int) ([]string, error) {
	if p.Grouped {
		return nil, fmt.Errorf("planner: grouped plans give several rows: use FinalizeRows")
	}
	count := new(big.Int)
	aggs := p.Query.Aggregates()
	agg := make([]*big.Int, len(aggs))
	for s, vals := range segments {
		if len(vals) != len(p.Partials) {
			return nil, fmt.Errorf("planner: segment %d has %d partial values, want %d", s, len(vals), len(p.Partials))
		}
		segCount := vals[0]
		if segCount.Sign() < 0 {
			return nil, fmt.Errorf("planner: segment %d has a negative count", s)
		}
		count.Add(count, segCount)
		// the segment's value of each aggregate, UINT256 limbs joined
		seg := map[int]*big.Int{}
		for k, part := range p.Partials[1:] {
			v := new(big.Int).Set(vals[k+1])
			if part.Limb == 1 {
				v.Lsh(v, 128)
			}
			if cur, ok := seg[part.Agg]; ok {
				v.Add(v, cur)
			}
			seg[part.Agg] = v
		}
		for _, part := range p.Partials[1:] {
			if part.Limb == 1 {
				continue
			}
			v, cur := seg[part.Agg], agg[part.Agg]
			switch part.Kind {
			case PartialSum:
				if cur == nil {
					cur = new(big.Int)
				}
				agg[part.Agg] = cur.Add(cur, v)
			case PartialMin, PartialMax:
				if segCount.Sign() == 0 {
					continue
				}
				if cur == nil || (part.Kind == PartialMin && v.Cmp(cur) < 0) || (part.Kind == PartialMax && v.Cmp(cur) > 0) {
					agg[part.Agg] = new(big.Int).Set(v)
				}
			}
		}
	}
	row := make([]string, len(p.Query.Select))
	for i, a := range p.Query.Select {
		n := count // the values aggregated: the rows, or the non-NULL values
		if a.Values > 0 {
			n = agg[len(p.Query.Select)+a.Values-1]
			if n == nil {
				n = new(big.Int)
			}
		}
		switch a.Func {
		case sql.CountStar, sql.Count:
			row[i] = n.String()
		case sql.Sum:
			if n.Sign() == 0 {
				row[i] = "NULL"
			} else {
				row[i] = agg[i].String()
			}
		case sql.Min, sql.Max:
			if agg[i] == nil || n.Sign() == 0 {
				row[i] = "NULL"
			} else {
				row[i] = FormatValue(a.Shown(), agg[i])
			}
		case sql.Avg:
			if n.Sign() == 0 {
				row[i] = "NULL"
				continue
			}
			r := new(big.Rat).SetFrac(agg[i], n)
			if r.IsInt() {
				row[i] = r.Num().String()
			} else {
				row[i] = r.String()
			}
		}
	}
	return row, nil
}

// ParamValues returns the parameter values as signed integers, in slot order.
// Every placeholder must be bound.
func (p *Plan) ParamValues() ([]*big.Int, error) {
	out := make([]*big.Int, len(p.Query.Params))
	for i, pv := range p.Query.Params {
		if pv.Value == nil {
			return nil, fmt.Errorf("planner: parameter $%d is not bound", pv.Placeholder)
		}
		out[i] = pv.Value
	}
	return out, nil
}

// ParamTypes returns the parameter types in slot order.
func (p *Plan) ParamTypes() []schema.Type {
	out := make([]schema.Type, len(p.Query.Params))
	for i, pv := range p.Query.Params {
		out[i] = pv.Type
	}
	return out
}

// FinalizeRows combines the segments' public partial values of an
// aggregate query into its result row (none after LIMIT 0 or an OFFSET).
func (p *Plan) FinalizeRows(segments [][]*big.Int) ([][]string, error) {
	if p.RowResult || p.Grouped {
		return nil, fmt.Errorf("planner: row and grouped plans are finalized from their result rows: use FinalizeRowResult or FinalizeGroups")
	}
	row, err := p.Finalize(segments)
	if err != nil {
		return nil, err
	}
	return p.limit([][]string{row}), nil
}

// CheckGroupRows checks one segment's group rows: GroupSlotWidth values
// each, keys in range and strictly increasing, counts positive, at most
// maxGroups of them.
func (p *Plan) CheckGroupRows(rows [][]*big.Int, maxGroups int) error {
	if len(rows) > maxGroups {
		return fmt.Errorf("%d groups, a segment proof holds at most %d", len(rows), maxGroups)
	}
	limit := new(big.Int).Lsh(big.NewInt(1), uint(p.KeyWidth))
	limbLimit := new(big.Int).Lsh(big.NewInt(1), 128)
	if p.WideKey != nil && p.WideKey.Type.Long() {
		limbLimit.Lsh(limbLimit, schema.DigestBits-128)
	}
	for g, r := range rows {
		if len(r) != p.GroupSlotWidth() {
			return fmt.Errorf("group %d has %d values, want %d", g, len(r), p.GroupSlotWidth())
		}
		if r[0].Sign() < 0 || r[0].Cmp(limit) >= 0 {
			return fmt.Errorf("group %d key is outside [0, 2^%d)", g, p.KeyWidth)
		}
		if hi := r[len(r)-1]; p.WideKey != nil && (hi.Sign() < 0 || hi.Cmp(limbLimit) >= 0) {
			return fmt.Errorf("group %d key's high part is outside [0, %#x)", g, limbLimit)
		}
		if g > 0 && p.GroupKey(r).Cmp(p.GroupKey(rows[g-1])) <= 0 {
			return fmt.Errorf("group %d key does not follow group %d's", g, g-1)
		}
		if r[1].Sign() <= 0 {
			return fmt.Errorf("group %d has count %s", g, r[1])
		}
	}
	return nil
}

// FinalizeGroups merges the group rows of every segment of a grouped plan
// (each: packed key, count, one value per GroupAggs entry, signed integers)
// into the result: one row per key, kept by HAVING, ordered by ORDER BY
// (ties and no ORDER BY: by key), then OFFSET and LIMIT.
func (p *Plan) FinalizeGroups(segments [][][]*big.Int) ([][]string, error) {
	if !p.Grouped {
		return nil, fmt.Errorf("planner: not a grouped plan")
	}
	type group struct {
		key, count *big.Int
		vals       []*big.Int // per GroupAggs: sum or extreme
		distinct   int64      // COUNT(DISTINCT)
		dsum       *big.Int   // SUM(DISTINCT)
	}
	groups := map[string]*group{}
	aggs := p.Query.Aggregates()
	merge := func(gr *group, count *big.Int, vals []*big.Int) {
		gr.count.Add(gr.count, count)
		for i, a := range p.GroupAggs {
			v, cur := vals[i], gr.vals[i]
			f := aggs[a].Func
			if (f == sql.Min || f == sql.Max) && aggs[a].Arg.Kind() == sql.KindU256 {
				// a UINT256 extreme: its two limbs compare as one value
				if p.GroupLimbs[i] == 0 {
					whole := schema.JoinUint256(v, vals[i+1])
					if cur == nil || (f == sql.Min) == (whole.Cmp(schema.JoinUint256(cur, gr.vals[i+1])) < 0) {
						gr.vals[i], gr.vals[i+1] = new(big.Int).Set(v), new(big.Int).Set(vals[i+1])
					}
				}
				continue
			}
			switch {
			case cur == nil:
				gr.vals[i] = new(big.Int).Set(v)
			case f == sql.Min && v.Cmp(cur) < 0, f == sql.Max && v.Cmp(cur) > 0:
				cur.Set(v)
			case f == sql.Sum || f == sql.Avg:
				cur.Add(cur, v)
			}
		}
	}
	for s, rows := range segments {
		if err := p.CheckGroupRows(rows, len(rows)); err != nil {
			return nil, fmt.Errorf("planner: segment %d: %w", s, err)
		}
		for _, slot := range rows {
			key := p.GroupKey(slot)
			k := key.String()
			gr, ok := groups[k]
			if !ok {
				gr = &group{key: key, count: new(big.Int), vals: make([]*big.Int, len(p.GroupAggs)), distinct: 1}
				if d := p.Query.DistinctKey; d != nil {
					gr.dsum = p.unpackKey(key, d)
				}
				groups[k] = gr
			}
			merge(gr, slot[1], slot[2:2+len(p.GroupAggs)])
		}
	}
	if p.distinctPart {
		// collapse the COUNT(DISTINCT) column out of the key
		dw := uint(p.keyParts[len(p.keyParts)-1].width)
		if p.distinctFlag != nil {
			dw += uint(p.keyParts[len(p.keyParts)-2].width)
		}
		// a LONGTEXT/BYTES DISTINCT column is the key's second part, whole
		var low *big.Int
		if wk := p.WideKey; wk != nil && wk.Type.Long() && wk.Index == p.Query.DistinctKey.Index {
			low = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), wideShift), big.NewInt(1))
		}
		outer := map[string]*group{}
		for _, g := range groups {
			prefix := new(big.Int).Set(g.key)
			if low != nil {
				prefix.And(prefix, low)
			}
			prefix.Rsh(prefix, dw)
			k := prefix.String()
			o, ok := outer[k]
			if !ok {
				o = &group{key: prefix.Lsh(prefix, dw), count: new(big.Int), vals: make([]*big.Int, len(p.GroupAggs)), dsum: new(big.Int)}
				outer[k] = o
			}
			merge(o, g.count, g.vals)
			if p.distinctFlag != nil && p.unpackKey(g.key, p.distinctFlag).Sign() != 0 {
				continue // the NULL "value": rows counted, no distinct value
			}
			o.distinct++
			o.dsum.Add(o.dsum, g.dsum)
		}
		groups = outer
	}
	if len(p.Query.GroupBy) == 0 && len(groups) == 0 {
		// an aggregate over no rows still gives its one row
		return p.limit([][]string{p.emptyAggregateRow()}), nil
	}
	ordered := make([]*group, 0, len(groups))
	for _, g := range groups {
		ordered = append(ordered, g)
	}
	sort.Slice(ordered, func(i, j int) bool { return p.compareGroupKeys(ordered[i].key, ordered[j].key) < 0 })
	var value func(g *group, i int) *big.Rat // nil for NULL
	value = func(g *group, i int) *big.Rat {
		a := aggs[i]
		n := g.count // the values aggregated: the rows, or the non-NULL values
		if a.Values > 0 {
			n = value(g, len(p.Query.Select)+a.Values-1).Num()
			if n.Sign() == 0 && a.Func != sql.Count {
				return nil
			}
		}
		switch a.Func {
		case sql.GroupKey:
			c := a.Arg.(*sql.Column)
			if f := c.NullFlagColumn(); f != nil && p.unpackKey(g.key, f).Sign() != 0 {
				return nil // the NULL group
			}
			return new(big.Rat).SetInt(p.unpackKey(g.key, c))
		case sql.CountStar, sql.Count:
			return new(big.Rat).SetInt(n)
		case sql.CountDistinct:
			return new(big.Rat).SetInt64(g.distinct)
		case sql.SumDistinct, sql.AvgDistinct:
			if g.distinct == 0 {
				return nil // no value but NULLs
			}
			if a.Func == sql.SumDistinct {
				return new(big.Rat).SetInt(g.dsum)
			}
			return new(big.Rat).SetFrac(g.dsum, big.NewInt(g.distinct))
		}
		for k, idx := range p.GroupAggs {
			if idx == i {
				v := g.vals[k]
				if k+1 < len(p.GroupAggs) && p.GroupLimbs[k+1] == 1 {
					v = schema.JoinUint256(v, g.vals[k+1])
				}
				if a.Func == sql.Avg {
					return new(big.Rat).SetFrac(v, n)
				}
				return new(big.Rat).SetInt(v)
			}
		}
		return new(big.Rat)
	}
	params, err := p.ParamValues()
	if err != nil {
		return nil, err
	}
	kept := ordered[:0]
	for _, g := range ordered {
		if p.Query.Having != nil {
			keep, err := having(p.Query.Having, func(i int) *big.Rat { return value(g, i) }, params)
			if err != nil {
				return nil, err
			}
			if !keep {
				continue
			}
		}
		kept = append(kept, g)
	}
	// ORDER BY over the proven groups; ties keep the group key order.
	sort.SliceStable(kept, func(i, j int) bool {
		for _, k := range p.Query.OrderBy {
			ref := k.Expr.(*sql.AggRef)
			c := compareNullable(value(kept[i], ref.Index), value(kept[j], ref.Index))
			if k.Desc {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
	rows := [][]string{}
	for _, g := range kept {
		row := make([]string, len(p.Query.Select))
		for i, a := range p.Query.Select {
			v := value(g, i)
			switch {
			case v == nil:
				row[i] = "NULL"
			case a.Func == sql.GroupKey:
				c := a.Arg.(*sql.Column)
				row[i] = c.Type.FormatValue(p.unpackKey(g.key, c))
			case a.Func == sql.Min || a.Func == sql.Max:
				row[i] = FormatValue(a.Shown(), v.Num())
			case v.IsInt():
				row[i] = v.Num().String()
			default:
				row[i] = v.String()
			}
		}
		rows = append(rows, row)
	}
	return p.limit(rows), nil
}

// compareGroupKeys orders packed group keys column by column, the first
// GROUP BY column first, a NULL before every value (as SQLite does); keys
// without nullable columns compare as integers.
func (p *Plan) compareGroupKeys(a, b *big.Int) int {
	for _, c := range p.Query.GroupBy {
		if c.Type == schema.NullFlag {
			continue // compared with its column
		}
		f := c.NullFlagColumn()
		if f == nil {
			if d := p.unpackKey(a, c).Cmp(p.unpackKey(b, c)); d != 0 {
				return d
			}
			continue
		}
		na, nb := p.unpackKey(a, f).Sign() != 0, p.unpackKey(b, f).Sign() != 0
		if na != nb {
			if na {
				return -1
			}
			return 1
		}
		if na {
			continue
		}
		if d := p.unpackKey(a, c).Cmp(p.unpackKey(b, c)); d != 0 {
			return d
		}
	}
	return a.Cmp(b)
}

// compareNullable orders values with NULL (nil) first, as SQLite does.
func compareNullable(a, b *big.Rat) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return a.Cmp(b)
}

// emptyAggregateRow is the result row of an aggregate query without GROUP
// BY over no rows: counts 0, everything else NULL.
func (p *Plan) emptyAggregateRow() []string {
	row := make([]string, len(p.Query.Select))
	for i, a := range p.Query.Select {
		switch a.Func {
		case sql.CountStar, sql.Count, sql.CountDistinct:
			row[i] = "0"
		default:
			row[i] = "NULL"
		}
	}
	return row
}

// limit applies OFFSET and LIMIT to ordered result rows.
func (p *Plan) limit(rows [][]string) [][]string {
	off := min(int(p.Query.Offset), len(rows))
	rows = rows[off:]
	if p.Query.Limit >= 0 && int(p.Query.Limit) < len(rows) {
		rows = rows[:p.Query.Limit]
	}
	return rows
}

// FinalizeRowResult merges the result slots of every segment of a row plan
// (each slot: position, SELECT values, ORDER BY keys, as signed integers)
// into the result: ordered by the ORDER BY keys, ties by table order
// (segment, then position), then OFFSET and LIMIT. It checks the slots'
// shape, not their proofs.
func (p *Plan) FinalizeRowResult(segments [][][]*big.Int) ([][]string, error) {
	if !p.RowResult {
		return nil, fmt.Errorf("planner: not a row plan")
	}
	type entry struct {
		seg  int
		slot []*big.Int
	}
	var all []entry
	w := p.RowWidth()
	for s, slots := range segments {
		for i, sl := range slots {
			if len(sl) != w {
				return nil, fmt.Errorf("planner: segment %d result row %d has %d values, want %d", s, i, len(sl), w)
			}
			all = append(all, entry{s, sl})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if c := p.CompareOrderKeys(all[i].slot, all[j].slot); c != 0 {
			return c < 0
		}
		a, b := all[i], all[j]
		if a.seg != b.seg {
			return a.seg < b.seg
		}
		return a.slot[0].Cmp(b.slot[0]) < 0
	})
	rows := make([][]string, len(all))
	for r, e := range all {
		row := make([]string, len(p.Query.Select))
		off, nulls := 1, w-p.nullItems()
		for i, a := range p.Query.Select {
			v := e.slot[off]
			if ItemWidth(a.Arg) == 2 {
				v = schema.JoinUint256(v, e.slot[off+1])
			}
			row[i] = FormatValue(a.Arg, v)
			off += ItemWidth(a.Arg)
			if a.Null != nil {
				if e.slot[nulls].Sign() != 0 {
					row[i] = "NULL"
				}
				nulls++
			}
		}
		rows[r] = row
	}
	return p.limit(rows), nil
}

// nullItems is the number of a row plan's items that can be NULL.
func (p *Plan) nullItems() int {
	n := 0
	for _, a := range p.Query.Select {
		if a.Null != nil {
			n++
		}
	}
	return n
}

// FormatValue writes an expression's value as a result value: in its
// column type's form for a bare column, as an address for address
// expressions, as a decimal integer otherwise.
func FormatValue(e sql.Expr, v *big.Int) string {
	if c, ok := e.(*sql.Column); ok {
		return c.Type.FormatValue(v)
	}
	switch e.Kind() {
	case sql.KindAddress:
		return schema.Address.FormatValue(v)
	case sql.KindString:
		return schema.Varchar.FormatValue(v)
	}
	return v.String()
}

// having evaluates a HAVING condition on one group.
func having(e sql.Expr, agg func(int) *big.Rat, params []*big.Int) (bool, error) {
	t, err := having3(e, agg, params)
	return t == 1, err
}

// having3 evaluates a HAVING condition in SQL's three-valued logic: 1
// TRUE, 0 FALSE, -1 UNKNOWN (a comparison with a NULL aggregate).
func having3(e sql.Expr, agg func(int) *big.Rat, params []*big.Int) (int, error) {
	val := func(e sql.Expr) (*big.Rat, error) {
		switch x := e.(type) {
		case *sql.AggRef:
			return agg(x.Index), nil
		case *sql.Param:
			return new(big.Rat).SetInt(params[x.Slot]), nil
		}
		return nil, fmt.Errorf("planner: %T in HAVING", e)
	}
	vals := func(es ...sql.Expr) ([]*big.Rat, bool, error) {
		out := make([]*big.Rat, len(es))
		null := false
		for i, e := range es {
			v, err := val(e)
			if err != nil {
				return nil, false, err
			}
			out[i], null = v, null || v == nil
		}
		return out, null, nil
	}
	truth := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	switch x := e.(type) {
	case *sql.Not:
		v, err := having3(x.X, agg, params)
		if v < 0 {
			return v, err
		}
		return 1 - v, err
	case *sql.Logic:
		l, err := having3(x.L, agg, params)
		if err != nil {
			return 0, err
		}
		r, err := having3(x.R, agg, params)
		if err != nil {
			return 0, err
		}
		switch {
		case x.And && (l == 0 || r == 0), !x.And && (l == 1 || r == 1):
			return truth(!x.And), nil
		case l < 0 || r < 0:
			return -1, nil
		}
		return truth(x.And), nil
	case *sql.Compare:
		v, null, err := vals(x.L, x.R)
		if err != nil || null {
			return -1, err
		}
		return truth(x.Holds(v[0].Cmp(v[1]))), nil
	case *sql.Between:
		v, null, err := vals(x.X, x.Lo, x.Hi)
		if err != nil || null {
			return -1, err
		}
		in := v[0].Cmp(v[1]) >= 0 && v[0].Cmp(v[2]) <= 0
		return truth(in != x.Negated), nil
	case *sql.IsNull:
		v, err := val(x.X)
		if err != nil {
			return 0, err
		}
		return truth((v == nil) != x.Negated), nil
	case *sql.In:
		v, null, err := vals(append([]sql.Expr{x.X}, x.List...)...)
		if err != nil || null {
			return -1, err
		}
		in := false
		for _, w := range v[1:] {
			in = in || v[0].Cmp(w) == 0
		}
		return truth(in != x.Negated), nil
	}
	return 0, fmt.Errorf("planner: %T is not supported in HAVING", e)
}

// WideExtreme reports whether partial k is the low 128-bit limb of a
// UINT256 MIN or MAX, whose high limb is partial k+1.
func (p *Plan) WideExtreme(k int) bool {
	if k < 0 || k+1 >= len(p.Partials) {
		return false
	}
	a, b := p.Partials[k], p.Partials[k+1]
	return (a.Kind == PartialMin || a.Kind == PartialMax) && a.Limb == 0 && b.Limb == 1 && b.Kind == a.Kind && b.Agg == a.Agg
}
