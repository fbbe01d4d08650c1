// Package circuits compiles provable plans into gnark circuits and holds the
// gadgets they are built from: sound comparisons over the whole field,
// range checks, and the commit-and-prove link between the private column
// values and the tables' KZG column commitments.
//
// One circuit proves one segment of capacity N = 2^k rows. Its public inputs,
// in order, are (the layout package verifier documents for contracts):
//
//	Z            the Fiat–Shamir point, derived in circuit from gnark's commitment to the columns
//	Y[j]         Σ_i col_j[i]·L_i(Z) for every column j the query reads
//	RowCount     the segment's row count
//	Params[s]    every query parameter, encoded as field elements
//	Partials[t]  aggregates: count, then each SUM/AVG sum and MIN/MAX value of the segment;
//	             GROUP BY: each evaluated group-row column's evaluation at Z (the key,
//	             the count and sums packed, each extreme: planner.SlotEvals);
//	             rows: the selected-row count, the rows returned, each result slot
//	             column's evaluation at Z (see defineRows)
//	JoinRows     joins: the Right segment's row count
//	WinPublic    window plans: the window's ends and values (see defineWindow)
//	Challenges   the challenges of the plan's lookups (ChallengeNames), each
//	             DeriveChallenge(Z, name): row plans' fingerprint β, grouped plans' γ
//	             (a wide key) and β (MIN/MAX), joins' β and the lookup join's r
//
// Soundness rules the circuit follows (DESIGN.md):
//   - column values are bound to the committed table through Z and Y;
//   - every comparison is proven with a hinted bit and a range check whose
//     width is derived from the interval bounds of both sides, so a wrong bit
//     would need a negative number to pass a range check (no wrap-around);
//   - parameters are range-checked to their types;
//   - padding rows (past RowCount) are zero in the commitment; COUNT/SUM/AVG
//     subtract their contribution, MIN/MAX use proven activity bits.
package circuits

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"

	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

func init() {
	solver.RegisterHint(LessThanHint, CaptureHint, DivModHint, StringBytesHint, QuotientsHint, CopyHint)
}

// Version names the circuit construction. Key caches include it, so a
// changed gadget is never proven with keys set up for the old one; bump it
// with every change to what a plan compiles to.
const Version = "78"

// LessThanHint outputs 1 when in[0] < in[1] as signed integers (field
// elements decoded to (-p/2, p/2]), else 0. The circuit proves the answer.
func LessThanHint(modulus *big.Int, in, out []*big.Int) error {
	a, b := schema.DecodeSignedIn(in[0], modulus), schema.DecodeSignedIn(in[1], modulus)
	if a.Cmp(b) < 0 {
		out[0].SetInt64(1)
	} else {
		out[0].SetInt64(0)
	}
	return nil
}

// CaptureHint returns its inputs. The prover overrides it to read the
// in-circuit challenge Z during a first solve, which it stops there.
func CaptureHint(modulus *big.Int, in, out []*big.Int) error {
	return CopyHint(modulus, in, out)
}

// CopyHint returns its inputs (gadgets.private; a hint of its own, since
// the prover overrides CaptureHint).
func CopyHint(_ *big.Int, in, out []*big.Int) error {
	if len(in) != len(out) {
		return fmt.Errorf("copy hint: %d inputs for %d outputs", len(in), len(out))
	}
	for i := range in {
		out[i].Set(in[i])
	}
	return nil
}

// Query is the gnark circuit of a plan over one segment.
type Query struct {
	Z        frontend.Variable   `gnark:",public"`
	Y        []frontend.Variable `gnark:",public"`
	RowCount frontend.Variable   `gnark:",public"`
	Params   []frontend.Variable `gnark:",public"`
	Partials []frontend.Variable `gnark:",public"`
	// JoinRows holds, for join plans only, the Right table segment's row
	// count (RowCount is the Left one's).
	JoinRows []frontend.Variable `gnark:",public"`
	// WinPublic holds, for window plans only (planner.Plan.WindowOpened),
	// the public inputs of WinEnds: its values, or the one element they
	// pack into (planner.Plan.PackWindow).
	WinPublic []frontend.Variable `gnark:",public"`
	// Challenges are the challenges the plan's lookups draw after the
	// columns and the lookups' witness are committed (ChallengeNames): the
	// verifier derives each from Z (DeriveChallenge), which spares the
	// circuit a hash each.
	Challenges []frontend.Variable `gnark:",public"`
	// WinPoints holds, for window plans proven for the two-chain path only
	// (Size.RowPoints), per bound of the window (lower first) the domain
	// points of the rows its values sit at, ω^(end−1) and ω^end (rows
	// modulo the segment's size: planner.Window.EndRows), which the
	// aggregator opens the sorted column's commitment at: computing them
	// from the ends there would take emulated multiplications.
	WinPoints []frontend.Variable `gnark:",public"`

	// Cols[j][i] is row i of circuit column j (table column plan.Columns[j]).
	Cols [][]frontend.Variable
	// Active[i] is 1 for rows below RowCount; only present when the plan needs it.
	Active []frontend.Variable
	// Row plans only: Slots[j] is result slot j (planner.Plan.RowWidth
	// values), SlotUsed[j] is 1 when it holds a row, and Taken[i] is 1 when
	// row i is returned in a slot.
	Slots    [][]frontend.Variable
	SlotUsed []frontend.Variable
	Taken    []frontend.Variable
	// Grouped plans only: Groups[s] is group slot s (planner.Plan.
	// GroupSlotWidth values: packed key, count, one value per GroupAggs
	// entry), GroupSlots of them (one per row of the segment, or of a
	// lookup join's Right segment), unused slots zero.
	Groups [][]frontend.Variable
	// Grouped plans with MIN/MAX only: per MIN/MAX aggregate (GroupAggs
	// order) and row, GroupExt is the extreme of the row's group and
	// GroupWit is 1 on the one row per group that attains it.
	GroupExt [][]frontend.Variable
	GroupWit [][]frontend.Variable

	// Join plans only (see defineJoin): Tables[j] is the table column
	// behind circuit column j, the rows of Cols are the joined rows (Active:
	// in use); per side (0 Left, 1 Right) JoinAct are the activity bits of
	// the table's rows, JoinPos the positions of the joined rows' table
	// rows and JoinMult how many joined rows each table row is in;
	// JoinKeys are the key slots (JoinKeyValue ... JoinKeyRight); LEFT
	// JOIN only: JoinNull[0] is how many joined rows are unmatched (they
	// match the Right lookup's null row).
	Tables   [][]frontend.Variable
	JoinAct  [2][]frontend.Variable
	JoinPos  [2][]frontend.Variable
	JoinMult [2][]frontend.Variable
	JoinKeys [][]frontend.Variable
	JoinNull []frontend.Variable
	// Lookup joins only (see defineLookupJoin): the Bézout cofactors'
	// coefficients, constant first.
	JoinCoefA []frontend.Variable
	JoinCoefB []frontend.Variable
	// Window plans only (see defineWindow): Win[t] = [i0 ≤ t < i1], the
	// rows of the window condition. WinEnds holds its ends and the sorted
	// column's values beside them: i0, v[i0−1], v[i0] where it has a lower
	// bound, then i1, v[i1−1], v[i1] where it has an upper one (the values
	// opened from the column's commitment at the rows planner.Window.
	// EndRows names), public as WinPublic.
	Win     []frontend.Variable
	WinEnds []frontend.Variable

	plan     *planner.Plan `gnark:"-"`
	logN     int           `gnark:"-"`
	logRight int           `gnark:"-"` // a join's Right segments: 2^logRight rows
	lookup   bool          `gnark:"-"` // a lookup join (Size.Lookup)
	// rowPoints: the window's row points are public (Size.RowPoints)
	rowPoints bool `gnark:"-"`
	// rowTails are a row plan's rows' fingerprint tails, set by the slots'
	// lookup for the link (planner.FingerprintLink)
	rowTails []frontend.Variable `gnark:"-"`
}

// Size is the size of a query circuit: 2^LogN rows (a table's segment, or a
// join's Left segment and its joined rows) and, for a join, the Right
// table's segments of 2^LogRight rows (0: as many as the Left's). Lookup
// picks a join's lookup variant (defineLookupJoin: Right keys distinct in
// each segment) over the general one. GroupSlots, for a one-table grouped
// plan, is how many group slots the circuit holds (a power of two below
// the capacity, at least the most groups a segment of the data has; 0: one
// per row).
type Size struct {
	LogN, LogRight int
	Lookup         bool
	GroupSlots     int
	// RowPoints adds a window plan's row points (Query.WinPoints) as
	// public inputs: the two-chain path's segments, whose aggregator opens
	// the window's rows. BN254's circuits do without.
	RowPoints bool
}

// SegmentSize is the size of a circuit over one table's segments of 2^logN rows.
func SegmentSize(logN int) Size { return Size{LogN: logN} }

// Right returns log2 of a join's Right segment capacity.
func (s Size) Right() int {
	if s.LogRight == 0 {
		return s.LogN
	}
	return s.LogRight
}

// String names the size: k and log2 of the rows, then r and log2 of a
// join's Right segment capacity where that differs.
func (s Size) String() string {
	out := fmt.Sprintf("k%d", s.LogN)
	if s.Right() != s.LogN {
		out += fmt.Sprintf("r%d", s.Right())
	}
	if s.Lookup {
		out += "l"
	}
	if s.GroupSlots > 0 {
		out += fmt.Sprintf("g%d", s.GroupSlots)
	}
	if s.RowPoints {
		out += "p"
	}
	return out
}

// GroupSlots returns how many group slots a grouped plan's segment proof
// holds at the given size, the most groups it can return: for a one-table
// plan, Size.GroupSlots where the prover sized the circuit to the data;
// one per row in general; for a lookup join grouped by the Right table's columns alone
// (planner.Plan.GroupKeyFromRight) one per Right row, plus one for a LEFT
// JOIN's unmatched rows, since each joined row's key is then that of the
// one Right row it matched — its Right values are that row's by the join's
// lookup — or the unmatched rows' one key. The count bounds only what an
// honest prover can return (fewer slots than groups would make the proof
// impossible, not wrong): the log-derivative identities and the verifier's
// strictly increasing keys do not depend on it. Slots are the circuit's
// largest per-row cost after the link (a fraction and an evaluation per
// slot value), so a grouped lookup join pays them per Right row.
func GroupSlots(plan *planner.Plan, size Size) int {
	n := 1 << size.LogN
	if plan.Grouped && plan.Query.Join == nil && size.GroupSlots > 0 {
		return min(size.GroupSlots, n) // as many as the data's segments need
	}
	if !plan.Grouped || !size.Lookup || !plan.GroupKeyFromRight() {
		return n
	}
	slots := 1 << size.Right()
	if plan.Query.Join.Outer {
		slots++
	}
	return min(slots, n)
}

// New returns the circuit of plan over segments of the given size, with
// its variable slices allocated (for compilation or as a witness template).
func New(plan *planner.Plan, size Size) *Query {
	logN := size.LogN
	n := 1 << logN
	c := &Query{
		Y:        make([]frontend.Variable, len(plan.Columns)),
		Params:   make([]frontend.Variable, plan.NumPublicParams()),
		Partials: make([]frontend.Variable, len(plan.Partials)),
		Cols:     make([][]frontend.Variable, len(plan.Columns)),
		plan:     plan,
		logN:     logN,
		logRight: logN,
	}
	if plan.Query.Join != nil {
		c.logRight, c.lookup = size.Right(), size.Lookup
	}
	for j := range c.Cols {
		c.Cols[j] = make([]frontend.Variable, n)
	}
	if plan.NeedsActive {
		c.Active = make([]frontend.Variable, n)
	}
	switch {
	case c.lookup:
		c.allocLookupJoin(n, 1<<c.logRight)
	case plan.Query.Join != nil:
		c.allocJoin(n, 1<<c.logRight)
	}
	c.rowPoints = size.RowPoints
	if plan.WindowOpened(size.Lookup) {
		c.allocWindow(n)
	}
	if plan.Grouped {
		c.Groups = make([][]frontend.Variable, GroupSlots(plan, size))
		for s := range c.Groups {
			c.Groups[s] = make([]frontend.Variable, plan.GroupSlotWidth())
		}
	}
	if ext := GroupExtremes(plan); len(ext) > 0 {
		c.GroupExt = make([][]frontend.Variable, len(ext))
		c.GroupWit = make([][]frontend.Variable, len(ext))
		for k := range ext {
			c.GroupExt[k] = make([]frontend.Variable, n)
			c.GroupWit[k] = make([]frontend.Variable, n)
		}
	}
	if plan.RowResult {
		c.Slots = make([][]frontend.Variable, plan.Slots(logN))
		for j := range c.Slots {
			c.Slots[j] = make([]frontend.Variable, plan.RowWidth())
		}
		c.SlotUsed = make([]frontend.Variable, plan.Slots(logN))
		c.Taken = make([]frontend.Variable, n)
	}
	c.Challenges = make([]frontend.Variable, len(ChallengeNames(plan, size.Lookup)))
	return c
}

// NumPublic returns the number of public inputs of the plan's circuit of
// size (a join's: the lookup join's where size.Lookup is set).
func NumPublic(plan *planner.Plan, size Size) int {
	n := 2 + len(plan.Columns) + plan.NumPublicParams() + len(plan.Partials)
	if plan.Query.Join != nil {
		n++
	}
	n += plan.WindowInputs(size.Lookup)
	n += len(ChallengeNames(plan, size.Lookup))
	return n
}

// Names of the challenges a circuit's lookups take (ChallengeNames).
const (
	ChallengeJoinBeta   = "join beta"   // a join's row fingerprint
	ChallengeJoinR      = "join r"      // the lookup join's Bézout identity point
	ChallengeGroupGamma = "group gamma" // a wide GROUP BY key's fold
	ChallengeGroupBeta  = "group beta"  // a group's key-and-extremes fingerprint
	ChallengeRowBeta    = "row beta"    // a row plan's slot fingerprint
)

// ChallengeNames lists, in the order of the public Challenges, the
// challenges the plan's circuit takes besides the lookups' α (a join's
// lookup circuit where lookup is set).
func ChallengeNames(plan *planner.Plan, lookup bool) []string {
	var names []string
	if plan.Query.Join != nil {
		names = append(names, ChallengeJoinBeta)
		if lookup {
			names = append(names, ChallengeJoinR)
		}
	}
	if plan.Grouped {
		if plan.WideKey != nil {
			names = append(names, ChallengeGroupGamma)
		}
		if len(GroupExtremes(plan)) > 0 {
			names = append(names, ChallengeGroupBeta)
		}
	}
	if plan.RowResult {
		names = append(names, ChallengeRowBeta)
	}
	return names
}

// DeriveChallenge is the challenge name of a segment proof: Z, the
// segment's commitment challenge, hashed to a field element under the
// name. Z is drawn from gnark's commitment to the columns and every
// lookup's witness, so the challenge is as unpredictable to the prover as
// one drawn in circuit from that commitment (where it would cost a
// Poseidon2 hash, 186 constraints), and each name gives an independent one.
// It hashes into BN254's field, as the verifier and the Coprocessor do.
func DeriveChallenge(z *big.Int, name string) *big.Int {
	c, err := DeriveChallengeIn(fr.Modulus(), z, name)
	if err != nil {
		panic(fmt.Sprintf("circuits: %v", err)) // BN254's field is always taken
	}
	return c
}

// DeriveChallengeIn is DeriveChallenge in the scalar field of modulus:
// BN254's, or BLS12-377's for segments of the two-chain path, whose
// challenges the aggregator's transcript is to draw in the end (the plan's
// stage 2). Z's canonical 32 big-endian bytes are hashed to the field
// under the name (gnark-crypto's fr.Hash of that field).
func DeriveChallengeIn(modulus, z *big.Int, name string) (*big.Int, error) {
	f, err := fieldOf(modulus)
	if err != nil {
		return nil, err
	}
	var b [32]byte
	new(big.Int).Mod(z, modulus).FillBytes(b[:])
	h, err := f.hash(b[:], []byte("provensql challenge "+name))
	if err != nil {
		return nil, fmt.Errorf("circuits: hash to field: %w", err)
	}
	return h, nil
}

// PublicChallenges returns a segment proof's Challenges for its Z.
func PublicChallenges(plan *planner.Plan, lookup bool, z *big.Int) []*big.Int {
	var out []*big.Int
	for _, name := range ChallengeNames(plan, lookup) {
		out = append(out, DeriveChallenge(z, name))
	}
	return out
}

// challenge is the public challenge of the given name; a name the plan's
// circuit does not take is a programming error.
func (c *Query) challenge(name string) frontend.Variable {
	for i, n := range ChallengeNames(c.plan, c.lookup) {
		if n == name {
			return c.Challenges[i]
		}
	}
	panic(fmt.Sprintf("circuits: challenge %q is not one of the plan's (%v)", name, ChallengeNames(c.plan, c.lookup)))
}

type gadgets struct {
	api  frontend.API
	rc   *rangeChecker
	plan *planner.Plan
	cols []frontend.Variable // the current row's column values (nil: the zero padding row)
	row  int                 // the current row's index (where cols is not nil)
	q    *Query
	// win are the rows' window bits where the circuit proves the plan's
	// window condition as a window of rows (defineWindow), else nil;
	// winImplied: every gate predicateWhere is given implies the row's
	// window bit (a lookup join whose Left rows in play are the window's).
	win        []frontend.Variable
	winImplied bool
	// betweenHi caches, per BETWEEN with row-independent bounds, its upper
	// bound clamped below the lower one when they are out of order.
	betweenHi map[*sql.Between]frontend.Variable
	zeros     *zeroTests // every IsZero of the circuit (isZero)
	// params are private copies of the public parameters (private), which
	// the circuit reads in their place
	params []frontend.Variable
}

// private returns a private wire equal to v (one constraint): a public
// input among the values the range checks commit to would join the BSB22
// commitment's public part, which every verifier of the proof hashes —
// the Solidity verifier, and the two-chain aggregator at about 750
// constraints a value and segment.
func (g *gadgets) private(v frontend.Variable) frontend.Variable {
	cp, err := g.api.Compiler().NewHint(CopyHint, 1, v)
	if err != nil {
		panic(fmt.Sprintf("circuits: copy hint: %v", err)) // only for a wrong number of inputs
	}
	g.api.AssertIsEqual(cp[0], v)
	return cp[0]
}

// isZero returns 1 where x is 0, else 0, as api.IsZero with its inverse
// computed in a batch (zeroTests).
func (g *gadgets) isZero(x frontend.Variable) frontend.Variable { return g.zeros.isZero(x) }

// Define implements frontend.Circuit.
func (c *Query) Define(api frontend.API) error {
	if c.plan == nil {
		return fmt.Errorf("circuits: Query built without a plan; use circuits.New")
	}
	g := &gadgets{api: api, rc: newRangeChecker(api), plan: c.plan, q: c, zeros: newZeroTests(api)}
	err := c.define(api, g)
	g.zeros.flush() // the IsZero tests not emitted yet
	g.rc.flush()    // every range check, with one table chosen for all
	return err
}

func (c *Query) define(api frontend.API, g *gadgets) error {
	n := 1 << c.logN

	// Parameters lie in their types' ranges (soundness rule 1); the circuit
	// reads them as private copies.
	g.params = make([]frontend.Variable, len(c.Params))
	for s := range c.Params {
		g.params[s] = g.private(c.Params[s])
	}
	for s, t := range c.plan.PublicParamTypes() {
		g.checkRange(g.params[s], t) // a UINT256 parameter: each limb 128 bits
	}

	q := c.plan.Query
	if c.plan.WindowOpened(c.lookup) { // first: a lookup join takes the window's rows as its Left rows in play
		if err := c.defineWindow(api, g); err != nil {
			return err
		}
	}
	// Activity bits, when the plan needs to know which rows are real (for
	// a join, which joined rows are in use: defineJoin).
	if c.lookup {
		if err := c.defineLookupJoin(api, g); err != nil {
			return err
		}
	} else if c.plan.Query.Join != nil {
		if err := c.defineJoin(api, g); err != nil {
			return err
		}
	} else if c.plan.NeedsActive {
		monotoneBits(api, c.Active, c.RowCount)
	}

	// Evaluate the predicate and the aggregate arguments on every row. The
	// predicate is evaluated on real rows (enable = activity bit) and the
	// arguments on selected rows: a division is checked only there.
	sel := make([]frontend.Variable, n)
	aggs := q.Aggregates()
	args := make([][]frontend.Variable, len(aggs))
	argsHi := make([][]frontend.Variable, len(aggs)) // UINT256 arguments' high limbs
	for a := range args {
		args[a] = make([]frontend.Variable, n)
	}
	var keys, keysHigh []frontend.Variable // keysHigh: a wide GROUP BY column's high limb
	var groupArgs [][]frontend.Variable
	var items [][]frontend.Variable // row plans: [item or ORDER BY key value][row]
	var rowExprs []sql.Expr         // row plans: the SELECT items, then the ORDER BY keys
	if c.plan.RowResult {
		rowExprs = c.plan.SlotExprs()
		items = make([][]frontend.Variable, c.plan.RowWidth()-1)
		for k := range items {
			items[k] = make([]frontend.Variable, n)
		}
	}
	if c.plan.Grouped {
		keys = make([]frontend.Variable, n)
		if c.plan.WideKey != nil {
			keysHigh = make([]frontend.Variable, n)
		}
		groupArgs = make([][]frontend.Variable, len(c.plan.GroupAggs))
		for k := range groupArgs {
			groupArgs[k] = make([]frontend.Variable, n)
		}
	}
	row := make([]frontend.Variable, len(c.Cols))
	// zeroArgs and packedValues: the rows' filter as one equality's
	// difference, and their packed COUNT and SUM values (pack) or a grouped
	// plan's packed group values (groupPack, one per evaluated column), to
	// be masked by it (zeroTests.masked) in place of its flags and their
	// products
	// Where no equality ends the filter, a plan of two sums or more still
	// packs them, each row's packed value times its flag (flagged): one
	// product a row for all the sums.
	pack, groupPack := c.sumPacking(api), c.groupPacking(api)
	var zeroArgs []frontend.Variable
	var packedValues [][]frontend.Variable // [packed value][row]
	flagged := false
	for i := 0; i < n; i++ {
		for j := range c.Cols {
			row[j] = c.Cols[j][i]
		}
		g.cols, g.row = row, i
		if (pack != nil || groupPack != nil) && !flagged {
			x, ok := c.rowZeroArg(g, i)
			switch {
			case ok && pack != nil:
				zeroArgs = append(zeroArgs, x)
				packedValues = appendRow(packedValues, pack.value(g))
				continue
			case ok:
				key, high, args := g.groupRow(1)
				keys[i] = key
				if keysHigh != nil {
					keysHigh[i] = high
				}
				zeroArgs = append(zeroArgs, x)
				values := make([]frontend.Variable, len(groupPack))
				for e, ev := range groupPack {
					values[e] = packedGroupValue(api, ev, args)
				}
				packedValues = appendRow(packedValues, values...)
				continue
			case i > 0: // the filter's shape is every row's
				return fmt.Errorf("circuits: row %d's filter is no equality where row 0's was", i)
			}
			// no equality ends the filter: flags, and products
			groupPack = nil
			if flagged = pack != nil && len(pack.parts) > 2; !flagged {
				pack = nil
			}
		}
		if c.plan.NeedsActive { // evaluated on real rows (enable: the activity bit)
			sel[i] = g.predicateWhere(q.Where, c.Active[i], c.Active[i])
		} else {
			sel[i] = g.predicate(q.Where, 1)
		}
		if flagged {
			packedValues = appendRow(packedValues, api.Mul(sel[i], pack.value(g)))
			continue
		}
		if c.plan.RowResult {
			k := 0
			for _, e := range rowExprs {
				if sql.Wide(e.Kind()) {
					items[k][i], items[k+1][i] = g.value256(e)
					k += 2
					continue
				}
				items[k][i] = g.value(e, sel[i])
				k++
			}
			continue
		}
		if c.plan.Grouped {
			key, high, args := g.groupRow(sel[i])
			keys[i] = key
			if keysHigh != nil {
				keysHigh[i] = high
			}
			for k := range groupArgs {
				groupArgs[k][i] = args[k]
			}
			continue
		}
		for a, agg := range aggs {
			switch {
			case agg.Arg == nil || agg.Func == sql.Count:
			case agg.Arg.Kind() == sql.KindU256:
				if argsHi[a] == nil {
					argsHi[a] = make([]frontend.Variable, n)
				}
				args[a][i], argsHi[a][i] = g.value256(agg.Arg)
			default:
				args[a][i] = g.value(agg.Arg, sel[i])
			}
		}
	}
	// Without activity bits, the padding rows (all zero, committed so)
	// each pass the filter iff the zero row does: grouped plans take their
	// share of the zero row's group out, row plans keep them out of the
	// slots (they rank after every real row: planner.zeroRowRanksLast),
	// aggregates subtract their contribution.
	var pad *zeroRow
	if !c.plan.NeedsActive {
		g.cols = nil
		pad = &zeroRow{rows: api.Sub(n, c.RowCount), sel: g.predicate(q.Where, 1)}
	}
	if c.plan.Grouped {
		if pad != nil {
			pad.key, pad.keyHigh, pad.args = g.groupRow(pad.sel)
		}
		if groupPack != nil {
			masked := make([][]frontend.Variable, len(packedValues))
			for e, values := range packedValues {
				masked[e] = g.zeros.masked(zeroArgs, values)
			}
			c.defineMaskedGroups(api, keys, keysHigh, groupPack, masked, pad)
		} else {
			c.defineGroups(api, g, sel, keys, keysHigh, groupArgs, pad)
		}
		return c.commitColumns(api)
	}
	if c.plan.RowResult {
		if err := c.defineRows(api, g, sel, items, pad); err != nil {
			return err
		}
		return c.commitColumns(api)
	}

	if pack != nil {
		selected := packedValues[0]
		if !flagged {
			selected = g.zeros.masked(zeroArgs, selected)
		}
		return c.maskedSums(api, g, pack, selected, pad)
	}
	count := linearSum(api, sel[:n])
	if pad != nil {
		count = api.Sub(count, api.Mul(pad.rows, pad.sel))
	}
	api.AssertIsEqual(c.Partials[0], count)
	nonEmpty := api.Sub(1, g.isZero(c.Partials[0]))

	for t, part := range c.plan.Partials[1:] {
		out := c.Partials[t+1]
		agg := aggs[part.Agg]
		vals := args[part.Agg]
		if part.Limb == 1 {
			vals = argsHi[part.Agg]
		}
		if agg.Arg != nil && agg.Arg.Kind() == sql.KindU256 && part.Kind != planner.PartialSum {
			if part.Limb == 0 { // the high limb is the next partial
				g.extreme256(part.Kind == planner.PartialMin, out, c.Partials[t+2], args[part.Agg], argsHi[part.Agg], sel, nonEmpty)
			}
			continue
		}
		switch part.Kind {
		case planner.PartialSum:
			terms := make([]frontend.Variable, n)
			for i := range terms {
				terms[i] = api.Mul(sel[i], vals[i])
			}
			sum := linearSum(api, terms)
			if pad != nil {
				g.cols = nil
				padVal := g.value(agg.Arg, 1)
				sum = api.Sub(sum, api.Mul(api.Mul(pad.rows, pad.sel), padVal))
			}
			api.AssertIsEqual(out, sum)
		case planner.PartialMin, planner.PartialMax:
			iv := c.plan.Bounds(agg.Arg)
			// d = ±(v − out) is below 2^w either way: within the range's
			// width where out is a value of the range, ±v where it is 0
			// (no row selected); an out outside both fails every check
			w := extremeWidth(iv)
			shift := new(big.Int).Lsh(big.NewInt(1), uint(w+1))
			prod := frontend.Variable(1)
			for i := 0; i < n; i++ {
				var d frontend.Variable
				if part.Kind == planner.PartialMin {
					d = api.Sub(vals[i], out)
				} else {
					d = api.Sub(out, vals[i])
				}
				// every selected value is on the right side of out (a
				// gated check: no product), and some selected value
				// equals out: the product of d + (1 − sel)·2^(w+1) over
				// rows vanishes — a row not selected has d ≥ −2^w, so its
				// factor is not 0
				g.rc.checkNonNegativeWhere(sel[i], d, w)
				prod = api.Mul(prod, api.Add(d, api.Mul(api.Sub(1, sel[i]), shift)))
			}
			api.AssertIsEqual(api.Mul(nonEmpty, prod), 0)
			api.AssertIsEqual(api.Mul(api.Sub(1, nonEmpty), out), 0)
		}
	}

	return c.commitColumns(api)
}

// sumPacking packs a row's contributions to an aggregate plan's partials —
// its count (1) and each SUM's value, each part shifted past the ones
// before it by their widths — into one element: a filter that ends in an
// equality then masks the packed value (zeroTests.masked) in two R1Cs a
// row, where its flag (two) and a product per SUM cost three or more.
type sumPacking struct {
	// parts are the partials packed, Index each one's in Partials, Lo and
	// Width its total's range over a segment (planner.SumRange)
	parts planner.SlotEval
	args  []sql.Expr // per part, the argument summed (nil: the count)
}

// sumPacking returns the packing of c's partials where every one past the
// count is a SUM (or AVG's sum) of a narrow value without division, at
// least one, and their totals' widths add up to less than the field's
// size by three bits; nil otherwise. The filter's shape is checked on
// the first row (zeroArg).
func (c *Query) sumPacking(api frontend.API) *sumPacking {
	if c.plan.Grouped || c.plan.RowResult || len(c.plan.Partials) < 2 || !isR1CS(api.Compiler()) {
		return nil
	}
	n := big.NewInt(1 << c.logN)
	aggs := c.plan.Query.Aggregates()
	p := &sumPacking{parts: planner.SlotEval{{Index: 0, Lo: new(big.Int), Width: c.logN + 1}}, args: []sql.Expr{nil}}
	total := c.logN + 1
	for t, part := range c.plan.Partials[1:] {
		agg := aggs[part.Agg]
		if part.Kind != planner.PartialSum || part.Limb != 0 || agg.Arg == nil || sql.Wide(agg.Arg.Kind()) || HasDivision(agg.Arg) {
			return nil
		}
		iv, ok := c.plan.BoundsIfKnown(agg.Arg)
		if !ok {
			return nil
		}
		lo, width := planner.SumRange(iv, n)
		p.parts = append(p.parts, planner.SlotPart{Index: t + 1, Shift: total, Width: width, Lo: lo})
		p.args = append(p.args, agg.Arg)
		total += width
	}
	if total > api.Compiler().Field().BitLen()-3 {
		return nil
	}
	return p
}

// appendRow appends a row's values to columns, one each (columns made on
// the first row).
func appendRow(columns [][]frontend.Variable, values ...frontend.Variable) [][]frontend.Variable {
	if columns == nil {
		columns = make([][]frontend.Variable, len(values))
	}
	for k, v := range values {
		columns[k] = append(columns[k], v)
	}
	return columns
}

// rowZeroArg returns x with row i selected iff x = 0, where the plan's
// filter is one equality's IsZero test (gadgets.zeroArg, on real rows
// where the plan has activity bits): then masking a value by x costs the
// test alone. Without a filter (and activity bits) every row is
// selected: x is 0, and a value masked by it is the value, for no
// constraint.
func (c *Query) rowZeroArg(g *gadgets, i int) (frontend.Variable, bool) {
	where := c.plan.Query.Where
	switch {
	case c.plan.NeedsActive:
		return g.zeroArg(where, c.Active[i], c.Active[i])
	case where == nil:
		return 0, true
	}
	return g.zeroArg(where, 1, nil)
}

// value is the current row's packed value: 1 + Σ 2^shift·v over the SUMs'
// values v (linear; signed values as the field holds them).
func (p *sumPacking) value(g *gadgets) frontend.Variable {
	return packedValue(g.api, p.parts, func(k int) frontend.Variable {
		if p.args[k] == nil {
			return 1
		}
		return g.value(p.args[k], 1)
	})
}

// maskedSums proves the count and SUM partials from the rows' selected
// packed values (masked, each [x = 0]·value for the filter's zeroArg x, or
// the value times the row's flag):
// their sum, less the padding rows' share, is Σ 2^shift·partial, and
// every partial lies in its total's range, [lo, lo + 2^bits). Both sides
// are then integers below 2^(total bits) < p/2 that agree mod p, so they
// are equal, and the lowest part where the partials differed from the
// rows' totals would differ by a multiple of 2^bits, outside its range:
// each partial is its rows' total.
func (c *Query) maskedSums(api frontend.API, g *gadgets, p *sumPacking, masked []frontend.Variable, pad *zeroRow) error {
	sum := linearSum(api, masked)
	if pad != nil {
		g.cols = nil
		sum = api.Sub(sum, api.Mul(api.Mul(pad.rows, pad.sel), p.value(g)))
	}
	packed := make([]frontend.Variable, len(p.parts))
	for k, part := range p.parts {
		out := c.Partials[part.Index]
		g.rc.Check(api.Sub(g.private(out), part.Lo), part.Width)
		packed[k] = api.Mul(out, new(big.Int).Lsh(big.NewInt(1), uint(part.Shift)))
	}
	api.AssertIsEqual(linearSum(api, packed), sum)
	return c.commitColumns(api)
}

// groupPacking returns the evaluated columns of a grouped plan's slots
// that hold its count and sums (planner.SlotEvals, each packing some of
// them side by side) where the plan has no MIN/MAX, no join and no
// division in a summed value: then a row's share of each column's
// log-derivative identity is one fraction of its packed values masked by
// the filter (defineMaskedGroups); nil otherwise.
func (c *Query) groupPacking(api frontend.API) []planner.SlotEval {
	p := c.plan
	if !p.Grouped || len(GroupExtremes(p)) > 0 || p.Query.Join != nil || c.lookup || !isR1CS(api.Compiler()) {
		return nil
	}
	aggs := p.Query.Aggregates()
	for _, a := range p.GroupAggs {
		if aggs[a].Arg != nil && HasDivision(aggs[a].Arg) {
			return nil
		}
	}
	evs := countedEvals(p, len(p.GroupAggs))
	covered := make([]bool, 1+len(p.GroupAggs))
	for _, ev := range evs {
		for _, part := range ev {
			covered[part.Index-1] = true
		}
	}
	if slices.Contains(covered, false) {
		return nil // defineGroups names the value no column holds
	}
	return evs
}

// countedEvals are the plan's evaluated slot columns that hold its count
// and its nArgs group values (parts 1 to nArgs + 1), not the key or a
// wide key's second part.
func countedEvals(p *planner.Plan, nArgs int) []planner.SlotEval {
	var evs []planner.SlotEval
	for _, ev := range p.SlotEvals() {
		if ev[0].Index == 0 || ev[0].Index-1 > nArgs {
			continue
		}
		evs = append(evs, ev)
	}
	return evs
}

// packedGroupValue is Σ 2^shift·value over ev's parts: 1 for the count
// (part 1), args[k] for group value k (part 2 + k), as a slot's
// evaluated column packs them.
func packedGroupValue(api frontend.API, ev planner.SlotEval, args []frontend.Variable) frontend.Variable {
	return packedValue(api, ev, func(j int) frontend.Variable {
		if ev[j].Index > 1 {
			return args[ev[j].Index-2]
		}
		return 1
	})
}

// packedValue is Σ 2^shift·value(j) over the parts j of ev, added at once.
func packedValue(api frontend.API, ev planner.SlotEval, value func(j int) frontend.Variable) frontend.Variable {
	terms := make([]frontend.Variable, len(ev))
	for j, part := range ev {
		terms[j] = api.Mul(value(j), new(big.Int).Lsh(big.NewInt(1), uint(part.Shift)))
	}
	return linearSum(api, terms)
}

// defineMaskedGroups proves a grouped plan's count and sums identities
// (no extremes) from the rows' masked packed values, one per evaluated
// column (masked[e][i] = [row i selected]·packed value of column e):
// Σ_i masked/(α − key_i), less the padding rows' share, equals the slots'
// Σ_s eval_s/(α − key_s) — the identity packedGroupIdentities checks,
// with one fraction a row and column where it took a fraction a row and
// a product a row and summed value (defineGroups).
func (c *Query) defineMaskedGroups(api frontend.API, packed, keysHigh []frontend.Variable, evs []planner.SlotEval, masked [][]frontend.Variable, pad *zeroRow) {
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		keys, slotKey, padKey := c.groupKeys(api, packed, keysHigh, pad)
		for e, ev := range evs {
			left, err := fractionSum(api, alpha, len(keys), func(i int) frontend.Variable { return masked[e][i] }, func(i int) frontend.Variable { return keys[i] })
			if err != nil {
				return err
			}
			if pad != nil {
				w, err := fraction(api, api.Mul(pad.sel, packedGroupValue(api, ev, pad.args)), alpha, padKey())
				if err != nil {
					return err
				}
				left = api.Sub(left, api.Mul(pad.rows, w))
			}
			right, err := fractionSum(api, alpha, len(c.Groups), func(s int) frontend.Variable { return slotEval(api, ev, c.Groups[s]) }, slotKey)
			if err != nil {
				return err
			}
			api.AssertIsEqual(left, right)
		}
		return nil
	})
}

// commitColumns binds the columns to the table's KZG commitments
// (commit-and-prove, see link).
func (c *Query) commitColumns(api frontend.API) error {
	var committed []frontend.Variable
	for j := range c.Cols {
		committed = append(committed, c.Cols[j]...)
	}
	for s := range c.Groups {
		committed = append(committed, c.Groups[s]...)
	}
	multicommit.WithCommitment(api, func(api frontend.API, z frontend.Variable) error {
		return c.link(api, z)
	}, committed...)
	return nil
}

// groupRow returns the current row's GROUP BY key, the high part of a wide
// key (a LONGTEXT/BYTES digest or a two-limb value's high limb; 0 without
// one) and each GroupAggs argument (a UINT256 one's limb), the arguments
// evaluated where sel is 1.
func (g *gadgets) groupRow(sel frontend.Variable) (key, keyHigh frontend.Variable, args []frontend.Variable) {
	key, keyHigh = g.groupKey(), 0
	if wk := g.plan.WideKey; wk != nil && wk.Type.Long() {
		keyHigh = g.value(wk, 1) // the digest
	} else if wk != nil {
		_, keyHigh = g.value256(wk)
	}
	aggs := g.plan.Query.Aggregates()
	for k, a := range g.plan.GroupAggs {
		if aggs[a].Arg.Kind() == sql.KindU256 {
			lo, hi := g.value256(aggs[a].Arg)
			args = append(args, [2]frontend.Variable{lo, hi}[g.plan.GroupLimbs[k]])
			continue
		}
		args = append(args, g.value(aggs[a].Arg, sel))
	}
	return key, keyHigh, args
}

// zeroRow is what the padding rows of a segment without activity bits
// contribute: rows of them, each selected iff sel (the zero row's filter),
// and for a grouped plan in the zero row's group (key, keyHigh) with the
// zero row's aggregate arguments args.
type zeroRow struct {
	rows, sel, key, keyHigh frontend.Variable
	args                    []frontend.Variable
}

// GroupExtremes returns the positions in plan.GroupAggs of a grouped
// plan's MIN and MAX aggregates.
func GroupExtremes(plan *planner.Plan) []int {
	var out []int
	aggs := plan.Query.Aggregates()
	for k, a := range plan.GroupAggs {
		if f := aggs[a].Func; f == sql.Min || f == sql.Max {
			out = append(out, k)
		}
	}
	return out
}

// extremeWidth is w with every d = ±(v − m) below 2^w in magnitude, for
// values v of iv and m a value of iv or 0 (an extreme, or 0 where no row
// is selected).
func extremeWidth(iv planner.Interval) int {
	return max(new(big.Int).Sub(iv.Hi, iv.Lo).BitLen(), new(big.Int).Abs(iv.Lo).BitLen(), new(big.Int).Abs(iv.Hi).BitLen(), 1)
}

// defineGroups proves a grouped segment's group slots (key, count, then a
// sum or an extreme per GROUP BY aggregate; private, one per row, bound to
// the receipt's group rows by their evaluations at Z, see link): with a
// challenge α drawn after the columns, the slots and the MIN/MAX witness
// are committed,
//   - Σ_rows sel/(α − key) = Σ_slots count/(α − key), and the same weighted
//     by each summed value: as rational functions of α, every selected key's
//     count and sums are those its slots hold, and a slot key no selected
//     row has holds count 0 (the verifier accepts only positive counts and
//     strictly increasing keys, so each group is one slot). Without MIN/MAX
//     these identities are checked packed as the slots are evaluated
//     (planner.SlotEvals: count and sums side by side in one value, one
//     fraction per slot), so each key's packed count and sums are the
//     rows', which the verifier unpacks from the receipt's rows with their
//     bounds checked (planner.Plan.CheckSlotPacking);
//   - for MIN/MAX, with β public (derived from Z) and m the per-row extremes,
//     Σ_rows sel/(α − (key + Σ_j β^(j+1)·m_j)) = Σ_slots count/(α − (key +
//     Σ_j β^(j+1)·ext_j)): every selected row's m is its slot's extreme;
//     each selected value is on the right side of m (a range check per
//     row), and Σ_rows wit_j/(α − (key + (1 − sel)·2^KeyWidth + β·(v −
//     m))) = Σ_slots count/(α − key): a weight's pole is a slot's key only
//     on a selected row whose value equals m, so each group's extreme is
//     attained by one of its rows. The weights wit_j are field elements,
//     not bits: the identity makes a group's weights sum to its count
//     (positive, below p), so one is nonzero, and every row of nonzero
//     weight is selected and attains m. The prover puts the count on one
//     attaining row. (Against the counts, the right side is the count
//     identity's own, so the slots need no used bit and no fraction of
//     their own for it.)
func (c *Query) defineGroups(api frontend.API, g *gadgets, sel, packed, keysHigh []frontend.Variable, groupArgs [][]frontend.Variable, pad *zeroRow) {
	slot := func(s, k int) frontend.Variable { return c.Groups[s][k] }
	aggs := c.plan.Query.Aggregates()
	extremes := GroupExtremes(c.plan)
	// foldSel: a MIN/MAX weight's fraction carries its row's selected bit
	// as (1 − sel)·2^KeyWidth added to the key (every key is below
	// 2^KeyWidth, far below p), see witnessKey
	foldSel := c.plan.KeyWidth+2 < maxCheckBits
	isExtreme := map[int]bool{}
	for j, k := range extremes {
		isExtreme[k] = true
		f := aggs[c.plan.GroupAggs[k]].Func
		if aggs[c.plan.GroupAggs[k]].Arg.Kind() == sql.KindU256 {
			// a UINT256 extreme: entries j (low limb) and j+1 (high limb)
			// share one witness row, and no selected value is beyond it,
			// compared as whole values
			if c.plan.GroupLimbs[k] == 1 {
				continue
			}
			for i := range sel {
				mlo, mhi, wit := c.GroupExt[j][i], c.GroupExt[j+1][i], c.GroupWit[j][i]
				vlo, vhi := groupArgs[k][i], groupArgs[k+1][i]
				api.AssertIsEqual(c.GroupWit[j+1][i], wit)
				// a weight only on a selected row attaining m: see witnessKey
				if !foldSel {
					api.AssertIsEqual(api.Mul(wit, api.Sub(1, sel[i])), 0)
				}
				beyond := g.less256(vlo, vhi, mlo, mhi) // v < m
				if f == sql.Max {
					beyond = g.less256(mlo, mhi, vlo, vhi)
				}
				api.AssertIsEqual(api.Mul(sel[i], beyond), 0)
			}
			continue
		}
		iv := c.plan.Bounds(aggs[c.plan.GroupAggs[k]].Arg)
		// d = ±(v − m) is below 2^w: within the range's width on selected
		// rows, and ±v on the others, whose m is 0
		w := extremeWidth(iv)
		for i := range sel {
			m, wit, v := c.GroupExt[j][i], c.GroupWit[j][i], groupArgs[k][i]
			// a weight only on a selected row attaining m: carried by the
			// weights' fractions below (witnessKey), else checked here
			if !foldSel {
				api.AssertIsEqual(api.Mul(wit, api.Sub(1, sel[i])), 0)
			}
			d := api.Sub(v, m)
			if f == sql.Max {
				d = api.Sub(m, v)
			}
			g.rc.checkNonNegativeWhere(sel[i], d, w)
		}
	}
	var committed []frontend.Variable
	for j := range c.GroupExt {
		committed = append(committed, c.GroupExt[j]...)
		committed = append(committed, c.GroupWit[j]...)
	}
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		keys, slotKey, padKey := c.groupKeys(api, packed, keysHigh, pad)
		// counts, one per group value, and (with MIN/MAX) the fingerprints
		n := 1 + len(groupArgs)
		if len(extremes) > 0 {
			n++
		}
		// each side's sums as lists of terms, added at once (linearSum)
		lhsTerms, rhsTerms := make([][]frontend.Variable, n), make([][]frontend.Variable, n)
		sums := func(terms [][]frontend.Variable) []frontend.Variable {
			out := make([]frontend.Variable, len(terms))
			for k := range terms {
				out[k] = linearSum(api, terms[k])
			}
			return out
		}
		var beta frontend.Variable
		if len(extremes) > 0 {
			beta = c.challenge(ChallengeGroupBeta)
		}
		// fingerprint of a key and its extremes
		fingerprint := func(key frontend.Variable, ext func(j int) frontend.Variable) frontend.Variable {
			f := frontend.Variable(0)
			for j := len(extremes) - 1; j >= 0; j-- {
				f = api.Mul(api.Add(f, ext(j)), beta)
			}
			return api.Add(f, key)
		}
		// witnessKey is the pole of row i's weight for extreme j (GroupAggs
		// entry k): key + (1 − sel)·2^KeyWidth + β·(v − m) for a narrow
		// value. Against the slots' keys (the counts' side), only a
		// selected row (else its pole is above every key) whose value is
		// the extreme (else its β coefficient is not 0) can carry weight:
		// a product per row where two products and two equalities were.
		// A UINT256 extreme keeps its equalities (above).
		var beta2 frontend.Variable // β², for a UINT256 extreme's high limb
		witnessKey := func(i, j, k int) frontend.Variable {
			key := keys[i]
			if foldSel {
				key = api.Add(key, api.Mul(api.Sub(1, sel[i]), new(big.Int).Lsh(big.NewInt(1), uint(c.plan.KeyWidth))))
			}
			key = api.Add(key, api.Mul(beta, api.Sub(groupArgs[k][i], c.GroupExt[j][i])))
			if aggs[c.plan.GroupAggs[k]].Arg.Kind() == sql.KindU256 {
				// entries j, j+1 are the low and high limbs: + β²·(v_hi − m_hi)
				if beta2 == nil {
					beta2 = api.Mul(beta, beta)
				}
				key = api.Add(key, api.Mul(beta2, api.Sub(groupArgs[k+1][i], c.GroupExt[j+1][i])))
			}
			return key
		}
		add := func(side [][]frontend.Variable, k int, m, f frontend.Variable) error {
			t, err := fraction(api, m, alpha, f)
			if err != nil {
				return err
			}
			side[k] = append(side[k], t)
			return nil
		}
		fpSum := n - 1
		for i := range sel {
			w, err := fraction(api, sel[i], alpha, keys[i])
			if err != nil {
				return err
			}
			lhsTerms[0] = append(lhsTerms[0], w)
			for k := range groupArgs {
				if !isExtreme[k] {
					lhsTerms[1+k] = append(lhsTerms[1+k], api.Mul(groupArgs[k][i], w))
				}
			}
			var pole frontend.Variable
			for j, k := range extremes {
				if aggs[c.plan.GroupAggs[k]].Arg.Kind() != sql.KindU256 || c.plan.GroupLimbs[k] == 0 {
					pole = witnessKey(i, j, k)
				} // a UINT256 high limb's weight (equal to the low one's) shares its pole
				if err := add(lhsTerms, 1+k, c.GroupWit[j][i], pole); err != nil {
					return err
				}
			}
			if len(extremes) > 0 {
				fp := fingerprint(keys[i], func(j int) frontend.Variable { return c.GroupExt[j][i] })
				if err := add(lhsTerms, fpSum, sel[i], fp); err != nil {
					return err
				}
			}
		}
		lhs := sums(lhsTerms)
		if pad != nil {
			// the padding rows' share: rows·sel0/(α − key0), and weighted
			// by each summed value of the zero row (no extremes here)
			w, err := fraction(api, pad.sel, alpha, padKey())
			if err != nil {
				return err
			}
			w = api.Mul(pad.rows, w)
			lhs[0] = api.Sub(lhs[0], w)
			for k := range groupArgs {
				lhs[1+k] = api.Sub(lhs[1+k], api.Mul(pad.args[k], w))
			}
		}
		if len(extremes) == 0 {
			// Without extremes the count and sums identities are checked
			// packed as the slots are evaluated (planner.SlotEvals): per
			// evaluated column, Σ_i (Σ 2^shift·weight_i)/(α − key_i) =
			// Σ_s eval_s/(α − key_s), one fraction per slot for the column
			// instead of one per value. As rational functions of α, each
			// key's packed count and sums are then the rows' — exactly
			// what the column's evaluation at Z publishes, and all the
			// circuit uses of them.
			return c.packedGroupIdentities(api, alpha, lhs, slotKey)
		}
		for s := range c.Groups {
			// one hinted fraction per slot value (one constraint each),
			// no shared inverse
			if err := add(rhsTerms, 0, slot(s, 1), slotKey(s)); err != nil {
				return err
			}
			for k := range groupArgs {
				if isExtreme[k] {
					continue // its right side is the counts' (below)
				}
				if err := add(rhsTerms, 1+k, slot(s, 2+k), slotKey(s)); err != nil {
					return err
				}
			}
			if len(extremes) > 0 {
				fp := fingerprint(slotKey(s), func(j int) frontend.Variable { return slot(s, 2+extremes[j]) })
				if err := add(rhsTerms, fpSum, slot(s, 1), fp); err != nil {
					return err
				}
			}
		}
		rhs := sums(rhsTerms)
		for k := range groupArgs {
			if isExtreme[k] {
				// the witness weights against the counts: Σ_slots count/(α − key)
				rhs[1+k] = rhs[0]
			}
		}
		for k := range lhs {
			api.AssertIsEqual(lhs[k], rhs[k])
		}
		return nil
	}, committed...)
}

// groupKeys returns the rows' keys, a slot's key and the padding rows'
// key as the identities take them: the packed keys, or — a wide key
// being (packed, high limb) — each folded with a challenge of its own, γ
// (public, derived from Z), into one value per row and slot. It runs in
// the commitment's callback.
func (c *Query) groupKeys(api frontend.API, packed, keysHigh []frontend.Variable, pad *zeroRow) (keys []frontend.Variable, slotKey func(s int) frontend.Variable, padKey func() frontend.Variable) {
	keys = packed
	slotKey = func(s int) frontend.Variable { return c.Groups[s][0] }
	padKey = func() frontend.Variable { return pad.key }
	if keysHigh == nil {
		return keys, slotKey, padKey
	}
	gamma := c.challenge(ChallengeGroupGamma)
	keys = make([]frontend.Variable, len(packed))
	for i := range packed {
		keys[i] = api.Add(packed[i], api.Mul(gamma, keysHigh[i]))
	}
	last := len(c.Groups[0]) - 1
	slotKey = func(s int) frontend.Variable { return api.Add(c.Groups[s][0], api.Mul(gamma, c.Groups[s][last])) }
	if pad != nil {
		padKey = func() frontend.Variable { return api.Add(pad.key, api.Mul(gamma, pad.keyHigh)) }
	}
	return keys, slotKey, padKey
}

// packedGroupIdentities checks a grouped plan's count and sums identities
// (no extremes) per evaluated column of its group slots that holds them
// (planner.SlotEvals): lhs[0] is the rows' Σ sel/(α − key), lhs[1+k] their
// Σ arg_k·sel/(α − key); each column's packed left side must equal the
// slots' Σ_s eval_s/(α − key_s).
func (c *Query) packedGroupIdentities(api frontend.API, alpha frontend.Variable, lhs []frontend.Variable, slotKey func(s int) frontend.Variable) error {
	checked := make([]bool, len(lhs))
	for _, ev := range c.plan.SlotEvals() {
		if ev[0].Index == 0 || ev[0].Index-1 >= len(lhs) {
			continue // the key, or a value past the count and sums (a wide key's second part)
		}
		var left frontend.Variable = 0
		for _, part := range ev {
			left = api.Add(left, api.Mul(lhs[part.Index-1], new(big.Int).Lsh(big.NewInt(1), uint(part.Shift))))
			checked[part.Index-1] = true
		}
		var right frontend.Variable = 0
		for s := range c.Groups {
			t, err := fraction(api, slotEval(api, ev, c.Groups[s]), alpha, slotKey(s))
			if err != nil {
				return err
			}
			right = api.Add(right, t)
		}
		api.AssertIsEqual(left, right)
	}
	for k, ok := range checked {
		if !ok {
			return fmt.Errorf("circuits: group value %d is in no evaluated column", k+1)
		}
	}
	return nil
}

// link evaluates every column's Lagrange interpolation at the challenge z:
// Y_j = (z^N − 1)/N · Σ_i ω^i·col_j[i]/(z − ω^i), one hinted quotient (one
// constraint) per row and column, except a row plan's columns only its
// fingerprint reads: one quotient per row for all of them
// (planner.FingerprintLink).
func (c *Query) link(api frontend.API, z frontend.Variable) error {
	// besides the table columns, the plan's result slots are evaluated at
	// z: a grouped plan's group rows (GroupSlots of them), a row plan's
	// result rows (its few slots, the rest of the domain zero)
	width, partOffset := c.plan.EvaluatedSlots()
	evals := c.plan.SlotEvals()
	slots := c.Groups
	if c.plan.RowResult {
		slots = c.Slots
	}
	// Z is public: the prover's first solve reads it from the capture hint
	// and stops there (everything below depends on Z; the evaluations it
	// then computes from the columns themselves).
	capt, err := api.Compiler().NewHint(CaptureHint, 1, z)
	if err != nil {
		return err
	}
	api.AssertIsEqual(capt[0], z)
	api.AssertIsEqual(capt[0], c.Z)
	if len(c.Cols) == 0 && width == 0 {
		return nil // nothing read, nothing to bind
	}
	acc := make([]frontend.Variable, len(c.Cols)+width)
	for j := range acc {
		acc[j] = 0
	}
	cols := c.Cols
	// each evaluation is over its column's domain: 2^logN rows, a join's
	// Right columns 2^logRight
	logOf := make([]int, len(acc))
	for j := range logOf {
		logOf[j] = c.logN
	}
	logs := []int{c.logN}
	if jn := c.plan.Query.Join; jn != nil {
		cols = c.Tables // the joined rows are bound to them by defineJoin
		for j, col := range c.plan.Columns {
			if jn.Side(col) == 1 {
				logOf[j] = c.logRight
			}
		}
		if c.logRight != c.logN {
			logs = append(logs, c.logRight)
		}
	}
	// an outer join's Unmatched column is no table's: it is left out, Y = 0
	opened := c.plan.Opened()
	// a row plan's columns only its fingerprint reads are linked as one
	// value per row (planner.FingerprintLink), accumulated after the slot
	// columns
	fl := c.plan.FingerprintLink(c.logN)
	only := map[int]bool{} // columns not linked on their own
	fpAcc := len(c.Cols) + width
	if fl != nil {
		for _, j := range fl.Only {
			only[j] = true
		}
		acc = append(acc, 0)
	}
	if c.plan.WindowColumnUnread(c.lookup) { // read on no row: nothing to link
		only[c.plan.CircuitColumn(c.plan.Window.Column.Index)] = true
	}
	field, err := fieldOf(api.Compiler().Field())
	if err != nil {
		return err
	}
	invN := map[int]*big.Int{} // 2^−l, per domain
	// col/(z − ω^i) as one quotient q with q·(z − ω^i) = col: one
	// constraint per value, no inverse per row, all of them solved by one
	// batch inversion (quotientBatch). q is unique unless z = ω^i, which a
	// Fiat–Shamir z hits with probability N/p.
	var batch quotientBatch
	type term struct{ acc, q, den int }
	var terms []term
	var weights []*big.Int // ω^i, per denominator
	for _, l := range logs {
		points, inv := field.domain(l)
		invN[l] = inv
		for i, wi := range points {
			d := batch.addDen(api.Sub(z, wi))
			weights = append(weights, wi)
			for _, j := range opened {
				if logOf[j] == l && !only[j] {
					terms = append(terms, term{j, batch.add(cols[j][i], d), d})
				}
			}
			if fl != nil { // one-table plans only: logN
				terms = append(terms, term{fpAcc, batch.add(packedLink(api, fl, func(j int) frontend.Variable { return cols[j][i] }, c.rowTails[i]), d), d})
			}
			if l == c.logN && i < len(slots) {
				for k, ev := range evals { // the slots' evaluated columns (planner.SlotEvals)
					terms = append(terms, term{len(c.Cols) + k, batch.add(slotEval(api, ev, slots[i]), d), d})
				}
			}
		}
	}
	quotients, err := batch.solve(api)
	if err != nil {
		return err
	}
	accTerms := make([][]frontend.Variable, len(acc))
	for _, t := range terms {
		accTerms[t.acc] = append(accTerms[t.acc], api.Mul(quotients[t.q], weights[t.den]))
	}
	for k := range acc {
		acc[k] = linearSum(api, accTerms[k])
	}
	// z^(2^l) for every domain, then the factor (z^m − 1)/m of each
	zPow := []frontend.Variable{z}
	for len(zPow) <= max(c.logN, c.logRight) {
		zPow = append(zPow, api.Mul(zPow[len(zPow)-1], zPow[len(zPow)-1]))
	}
	factor := map[int]frontend.Variable{}
	for _, l := range logs {
		factor[l] = api.Mul(api.Sub(zPow[l], 1), invN[l])
	}
	for j := range acc {
		switch {
		case j < len(c.Cols) && only[j]: // in the fingerprint link, or read on no row
		case j < len(c.Cols):
			api.AssertIsEqual(api.Mul(acc[j], factor[logOf[j]]), c.Y[j])
		case j < fpAcc:
			// a result slot column's evaluation is a public partial value
			api.AssertIsEqual(api.Mul(acc[j], factor[logOf[j]]), c.Partials[partOffset+j-len(c.Cols)])
		default: // the fingerprint link: the same of the columns' evaluations
			y := func(j int) frontend.Variable { return c.Y[j] }
			_, tail := c.fingerprint(api, c.plan.Fingerprint(c.logN), 0, 0, func(k int) frontend.Variable {
				if j, ok := fl.Columns[k]; ok { // the tail's values are all columns
					return c.Y[j]
				}
				return 0 // element 0's, which the tail leaves out
			})
			want := packedLink(api, fl, y, tail)
			api.AssertIsEqual(api.Mul(acc[j], factor[c.logN]), want)
		}
	}
	return nil
}

// slotEval is one evaluated column's value of a result slot: Σ slot[k]·
// 2^Shift over its parts (planner.SlotEvals), linear, so a zero slot
// evaluates to 0 as the verifier's zero padding does.
func slotEval(api frontend.API, ev planner.SlotEval, slot []frontend.Variable) frontend.Variable {
	if len(ev) == 1 {
		return slot[ev[0].Index]
	}
	var v frontend.Variable = 0
	for _, part := range ev {
		v = api.Add(v, api.Mul(slot[part.Index], new(big.Int).Lsh(big.NewInt(1), uint(part.Shift))))
	}
	return v
}

// packedLink is planner.FingerprintLink's V of one row (col its circuit
// columns' values, tail its fingerprint tail) or of the columns'
// evaluations: Σ 2^Shift·col over element 0's returned-only columns, plus
// the tail.
func packedLink(api frontend.API, fl *planner.FingerprintLink, col func(j int) frontend.Variable, tail frontend.Variable) frontend.Variable {
	v := tail
	for _, lc := range fl.Packed {
		v = api.Add(v, api.Mul(col(lc.Column), new(big.Int).Lsh(big.NewInt(1), uint(lc.Shift))))
	}
	return v
}

// checkRange proves v lies in t's range.
func (g *gadgets) checkRange(v frontend.Variable, t schema.Type) {
	lo, hi := t.Bounds()
	if t == schema.Boolean {
		g.api.AssertIsBoolean(v)
		return
	}
	width := new(big.Int).Sub(hi, lo).BitLen()
	g.rc.Check(g.api.Sub(v, lo), width)
}

// groupKey packs the current row's GROUP BY columns: Σ (v − lo)·2^shift, linear.
func (g *gadgets) groupKey() frontend.Variable {
	cols, offsets, scales := g.plan.KeyTerms()
	var k frontend.Variable = 0
	for j, c := range cols {
		k = g.api.Add(k, g.api.Mul(g.api.Sub(g.value(c, 1), offsets[j]), scales[j]))
	}
	return k
}

// value evaluates an integer or address expression on the current row. en
// is 1 where the expression is evaluated in SQL's sense and 0 elsewhere (a
// CASE branch not taken, the right side of a decided AND/OR, a row not
// selected); only divisions depend on it.
func (g *gadgets) value(e sql.Expr, en frontend.Variable) frontend.Variable {
	api := g.api
	switch x := e.(type) {
	case *sql.Column:
		if g.cols == nil {
			return 0
		}
		return g.cols[g.plan.CircuitColumn(x.Index)]
	case *sql.Param:
		return g.params[g.plan.PublicParam(x.Slot)]
	case *sql.Null:
		return 0 // NULL reads as 0; its flag is tracked by the binder
	case *sql.Extreme:
		return g.plan.Bounds(x).Lo // a constant
	case *sql.Arith:
		r := g.value(x.R, en)
		if x.L == nil {
			return api.Neg(r)
		}
		l := g.value(x.L, en)
		switch x.Op {
		case '+':
			return api.Add(l, r)
		case '-':
			return api.Sub(l, r)
		case '*':
			return api.Mul(l, r)
		}
		q, rem := g.divMod(l, r, g.plan.Bounds(x.L), g.plan.Bounds(x.R), en)
		if x.Op == '/' {
			return q
		}
		return rem
	case *sql.Abs:
		v := g.value(x.X, en)
		iv := g.plan.Bounds(x.X)
		if iv.Lo.Sign() >= 0 {
			return v
		}
		neg := g.less(v, 0, iv, zeroInterval)
		return api.Sub(v, api.Mul(api.Mul(neg, 2), v))
	case *sql.Case:
		// rem is 1 until a branch is taken; take_i = rem·cond_i.
		rem := en
		var out frontend.Variable = 0
		for _, w := range x.Whens {
			take := api.Mul(rem, g.predicate(w.Cond, rem))
			out = api.Add(out, api.Mul(take, g.value(w.Then, take)))
			rem = api.Sub(rem, take)
		}
		return api.Add(out, api.Mul(rem, g.value(x.Else, rem)))
	}
	panic(fmt.Sprintf("circuits: %T is not a value", e))
}

var zeroInterval = planner.Interval{Lo: big.NewInt(0), Hi: big.NewInt(0)}

// maxProductCheckBits bounds the sign check betweenByProduct makes.
const maxProductCheckBits = 200

// betweenByProduct proves v BETWEEN lo AND hi with one sign check instead
// of two comparisons, when lo and hi are parameters (the same on every
// row): with hi' = hi if lo ≤ hi, else lo − 1 (an empty range; decided
// once per circuit), v ∈ [lo, hi'] ⟺ (v − lo + 1)·(hi' − v + 1) > 0 for
// integers (outside, one factor is ≤ 0 and the other ≥ 2; inside, both
// ≥ 1). It reports false where the bounds are not parameters or the
// product would be too wide. With en (a boolean; nil: none) it is en ∧ v
// BETWEEN lo AND hi', still one sign check and no product (lessWhere).
func (g *gadgets) betweenByProduct(x *sql.Between, v, en frontend.Variable) (frontend.Variable, bool) {
	lo, okLo := x.Lo.(*sql.Param)
	hi, okHi := x.Hi.(*sql.Param)
	if !okLo || !okHi {
		return nil, false
	}
	iv, il, ih := g.plan.Bounds(x.X), g.plan.Bounds(lo), g.plan.Bounds(hi)
	one := big.NewInt(1)
	// hi' lies in [min(hi.Lo, lo.Lo − 1), max(hi.Hi, lo.Hi − 1)]
	hpLo := new(big.Int).Sub(il.Lo, one)
	if ih.Lo.Cmp(hpLo) < 0 {
		hpLo = ih.Lo
	}
	hpHi := new(big.Int).Sub(il.Hi, one)
	if ih.Hi.Cmp(hpHi) > 0 {
		hpHi = ih.Hi
	}
	f1 := planner.Interval{Lo: new(big.Int).Add(new(big.Int).Sub(iv.Lo, il.Hi), one), Hi: new(big.Int).Add(new(big.Int).Sub(iv.Hi, il.Lo), one)}
	f2 := planner.Interval{Lo: new(big.Int).Add(new(big.Int).Sub(hpLo, iv.Hi), one), Hi: new(big.Int).Add(new(big.Int).Sub(hpHi, iv.Lo), one)}
	prod := planner.Interval{}
	for _, a := range []*big.Int{f1.Lo, f1.Hi} {
		for _, b := range []*big.Int{f2.Lo, f2.Hi} {
			p := new(big.Int).Mul(a, b)
			if prod.Lo == nil || p.Cmp(prod.Lo) < 0 {
				prod.Lo = p
			}
			if prod.Hi == nil || p.Cmp(prod.Hi) > 0 {
				prod.Hi = p
			}
		}
	}
	if ComparisonWidth(zeroInterval, prod) > maxProductCheckBits {
		return nil, false
	}
	api := g.api
	loV, hiV := g.value(lo, 1), g.value(hi, 1)
	if g.betweenHi == nil {
		g.betweenHi = map[*sql.Between]frontend.Variable{}
	}
	hiP, ok := g.betweenHi[x]
	if !ok {
		unordered := g.less(hiV, loV, ih, il) // hi < lo: the range is empty
		hiP = api.Add(hiV, api.Mul(unordered, api.Sub(api.Sub(loV, 1), hiV)))
		g.betweenHi[x] = hiP
	}
	p := api.Mul(api.Add(api.Sub(v, loV), 1), api.Add(api.Sub(hiP, v), 1))
	if en != nil {
		return g.lessWhere(en, 0, p, zeroInterval, prod), true
	}
	return g.less(0, p, zeroInterval, prod), true
}

// fusable reports whether fuseInto can take an enable bit into e.
func fusable(e sql.Expr) bool {
	if _, ok := fusableBetween(e); ok {
		return true
	}
	c, ok := e.(*sql.Compare)
	return ok && !sql.Wide(c.L.Kind()) && c.Op != "=" && c.Op != "<>"
}

// fuseInto is gate ∧ e, for a boolean gate and e a BETWEEN with parameter
// bounds or an order comparison of narrow values, as one sign check with no
// product; false where e is neither (or the BETWEEN's product is too wide).
func (g *gadgets) fuseInto(e sql.Expr, en, gate frontend.Variable) (frontend.Variable, bool) {
	if b, ok := fusableBetween(e); ok {
		return g.betweenByProduct(b, g.value(b.X, en), gate)
	}
	if !fusable(e) {
		return nil, false
	}
	c := e.(*sql.Compare)
	return g.orderWhere(c.Op, c.L, c.R, en, gate), true
}

// fusableBetween is e as a BETWEEN that betweenByProduct can take an enable
// bit into: parameter bounds, not negated, not UINT256.
func fusableBetween(e sql.Expr) (*sql.Between, bool) {
	x, ok := e.(*sql.Between)
	if !ok || x.Negated || x.X.Kind() == sql.KindU256 {
		return nil, false
	}
	_, okLo := x.Lo.(*sql.Param)
	_, okHi := x.Hi.(*sql.Param)
	return x, okLo && okHi
}

// limbInterval is the range of a UINT256 limb.
var limbInterval = planner.Interval{Lo: big.NewInt(0), Hi: new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))}

// value256 returns the low and high limbs of a UINT256 column or parameter
// on the current row (the padding row's are 0).
func (g *gadgets) value256(e sql.Expr) (lo, hi frontend.Variable) {
	switch x := e.(type) {
	case *sql.Column:
		if g.cols == nil {
			return 0, 0
		}
		return g.cols[g.plan.CircuitColumn(x.Index)], g.cols[g.plan.CircuitColumn(x.Index+1)]
	case *sql.Param:
		k := g.plan.PublicParam(x.Slot)
		return g.params[k], g.params[k+1]
	case *sql.Null:
		return 0, 0
	case *sql.Extreme: // a NULL read as the largest or smallest UINT256
		if x.High {
			return new(big.Int).Set(limbInterval.Hi), new(big.Int).Set(limbInterval.Hi)
		}
		return 0, 0
	case *sql.Case: // the binder's NULL rewrites: take_i = rem·cond_i, as in value
		api := g.api
		rem := frontend.Variable(1)
		var lo, hi frontend.Variable = 0, 0
		for _, w := range x.Whens {
			take := api.Mul(rem, g.predicate(w.Cond, rem))
			tlo, thi := g.value256(w.Then)
			lo, hi = api.Add(lo, api.Mul(take, tlo)), api.Add(hi, api.Mul(take, thi))
			rem = api.Sub(rem, take)
		}
		elo, ehi := g.value256(x.Else)
		return api.Add(lo, api.Mul(rem, elo)), api.Add(hi, api.Mul(rem, ehi))
	}
	panic(fmt.Sprintf("circuits: %T is not a UINT256 value", e))
}

// less256 is a < b for UINT256 values given as limbs, each known to lie in
// [0, 2^128): [a_hi < b_hi] + [a_hi = b_hi]·[a_lo < b_lo].
func (g *gadgets) less256(alo, ahi, blo, bhi frontend.Variable) frontend.Variable {
	api := g.api
	ltHi := g.less(ahi, bhi, limbInterval, limbInterval)
	eqHi := g.isZero(api.Sub(ahi, bhi))
	return api.Add(ltHi, api.Mul(eqHi, g.less(alo, blo, limbInterval, limbInterval)))
}

// equal256 is a = b for UINT256 values given as limbs.
func (g *gadgets) equal256(alo, ahi, blo, bhi frontend.Variable) frontend.Variable {
	api := g.api
	return api.Mul(g.isZero(api.Sub(alo, blo)), g.isZero(api.Sub(ahi, bhi)))
}

// extreme256 proves (lo, hi) is the minimum (or maximum) of the selected
// UINT256 values: its limbs are 128-bit, no selected value is on the wrong
// side of it, one selected value equals it, and it is 0 when nothing is selected.
func (g *gadgets) extreme256(isMin bool, lo, hi frontend.Variable, vlo, vhi, sel []frontend.Variable, nonEmpty frontend.Variable) {
	api := g.api
	g.rc.Check(lo, 128)
	g.rc.Check(hi, 128)
	prod := frontend.Variable(1)
	for i := range sel {
		var beyond frontend.Variable
		if isMin {
			beyond = g.less256(vlo[i], vhi[i], lo, hi)
		} else {
			beyond = g.less256(lo, hi, vlo[i], vhi[i])
		}
		api.AssertIsEqual(api.Mul(sel[i], beyond), 0)
		prod = api.Mul(prod, api.Sub(1, api.Mul(sel[i], g.equal256(vlo[i], vhi[i], lo, hi))))
	}
	api.AssertIsEqual(api.Mul(nonEmpty, prod), 0)
	api.AssertIsEqual(api.Mul(api.Sub(1, nonEmpty), lo), 0)
	api.AssertIsEqual(api.Mul(api.Sub(1, nonEmpty), hi), 0)
}

// predicateWhere is gate ∧ predicate(e, en) for a boolean gate, with the
// gate folded into the predicate's last check where one takes it without
// a product: a BETWEEN with parameter bounds or an order comparison (its
// sign check, see fuseInto), an equality of narrow values (IsZero of
// a − b + (1 − gate)·K, K above every |a − b|, so nonzero where the gate
// is 0), or an AND whose operand does; otherwise the product.
func (g *gadgets) predicateWhere(e sql.Expr, en, gate frontend.Variable) frontend.Variable {
	api := g.api
	if w, ok := g.windowBit(e); ok {
		if g.winImplied {
			return gate
		}
		return api.Mul(gate, w)
	}
	switch x := e.(type) {
	case nil:
		return gate
	case *sql.Compare:
		if k, ok := g.equalityShift(x); ok {
			return g.isZero(g.equalityGated(x, en, gate, k))
		}
	case *sql.Logic:
		if in, ok := g.windowAnd(x, en, gate); ok {
			return in
		}
		if foldsRightFirst(x) {
			return g.andRightFirst(x, en, g.predicateWhere(x.R, en, gate))
		}
		if x.And {
			return g.and(x, g.predicateWhere(x.L, en, gate), en)
		}
	}
	if fusable(e) {
		if in, ok := g.fuseInto(e, en, gate); ok {
			return in
		}
	}
	return api.Mul(g.predicate(e, en), gate)
}

// equalityShift returns K, a power of two above every |a − b| for the
// sides a and b of x, where x is an equality of narrow values with known
// bounds that takes a gate without a product (predicateWhere); false
// otherwise.
func (g *gadgets) equalityShift(x *sql.Compare) (*big.Int, bool) {
	if x.Op != "=" || sql.Wide(x.L.Kind()) {
		return nil, false
	}
	la, okL := g.plan.BoundsIfKnown(x.L)
	lb, okR := g.plan.BoundsIfKnown(x.R)
	if !okL || !okR {
		return nil, false
	}
	lo, hi := new(big.Int).Sub(la.Lo, lb.Hi), new(big.Int).Sub(la.Hi, lb.Lo)
	w := max(new(big.Int).Abs(lo).BitLen(), new(big.Int).Abs(hi).BitLen())
	if w+2 >= maxCheckBits {
		return nil, false
	}
	return new(big.Int).Lsh(big.NewInt(1), uint(w+1)), true
}

// equalityGated is a − b + (1 − gate)·k for the sides of the equality x
// and k its equalityShift: 0 iff gate is 1 and a = b.
func (g *gadgets) equalityGated(x *sql.Compare, en, gate frontend.Variable, k *big.Int) frontend.Variable {
	api := g.api
	d := api.Sub(g.value(x.L, en), g.value(x.R, en))
	return api.Add(d, api.Mul(api.Sub(1, gate), k))
}

// zeroArg returns x such that the filter e's value on the current row —
// predicateWhere(e, en, gate), or predicate(e, en) where gate is nil — is
// [x = 0], where that value can end in the IsZero test of an equality
// (zeroShape; a narrow a = b alone needs no bounds); false, having added
// nothing, otherwise. The caller then tests x itself
// (zeroTests.masked), in place of the filter's flag.
func (g *gadgets) zeroArg(e sql.Expr, en, gate frontend.Variable) (frontend.Variable, bool) {
	if x, ok := e.(*sql.Compare); ok && gate == nil && x.Op == "=" && !sql.Wide(x.L.Kind()) {
		if _, win := g.windowBit(e); !win { // compare's equality
			return g.api.Sub(g.value(x.L, en), g.value(x.R, en)), true
		}
	}
	if !g.zeroShape(e) {
		return nil, false
	}
	return g.gatedZeroArg(e, en, gate), true
}

// zeroShape reports whether gatedZeroArg takes e: an equality that takes
// a gate (equalityShift), or an AND whose last check can be one, the
// other side's value its gate — the window condition's bit, or any
// condition's value (the left side's where the right can end the AND,
// else the right side's where it has no division).
func (g *gadgets) zeroShape(e sql.Expr) bool {
	if _, ok := g.windowBit(e); ok {
		return false
	}
	switch x := e.(type) {
	case *sql.Compare:
		_, ok := g.equalityShift(x)
		return ok
	case *sql.Logic:
		if other, _, ok := g.windowSides(x); ok {
			return g.zeroShape(other)
		}
		return x.And && (g.zeroShape(x.R) || (g.zeroShape(x.L) && !HasDivision(x.R)))
	}
	return false
}

// gatedZeroArg is zeroArg's x for e of zeroShape and gate (nil: none): the
// gated difference of its last equality, whose gate carries the rest.
func (g *gadgets) gatedZeroArg(e sql.Expr, en, gate frontend.Variable) frontend.Variable {
	switch x := e.(type) {
	case *sql.Compare:
		k, _ := g.equalityShift(x)
		if gate == nil {
			gate = 1
		}
		return g.equalityGated(x, en, gate, k)
	case *sql.Logic:
		if other, w, ok := g.windowSides(x); ok {
			return g.gatedZeroArg(other, en, g.windowGate(w, gate))
		}
		if g.zeroShape(x.R) {
			l := g.where(x.L, en, gate)
			ren := en
			if HasDivision(x.R) {
				ren = g.api.Mul(en, l)
			}
			return g.gatedZeroArg(x.R, ren, l)
		}
		return g.gatedZeroArg(x.L, en, g.where(x.R, en, gate))
	}
	panic(fmt.Sprintf("circuits: %T is no filter zeroShape takes", e)) // zeroShape's to rule out
}

// where is predicateWhere(e, en, gate), or predicate(e, en) where gate is
// nil.
func (g *gadgets) where(e sql.Expr, en, gate frontend.Variable) frontend.Variable {
	if gate == nil {
		return g.predicate(e, en)
	}
	return g.predicateWhere(e, en, gate)
}

// foldsRightFirst reports whether the AND x is evaluated right side first,
// folded into the left's sign check: only the left one is fusable, and with
// no division on the right its enable is en either way (AND commutes).
func foldsRightFirst(x *sql.Logic) bool {
	return x.And && !HasDivision(x.R) && fusable(x.L) && !fusable(x.R)
}

// andRightFirst is x.L ∧ r for an AND that foldsRightFirst, r its right
// side's value: one sign check where the left side takes r, else a product.
func (g *gadgets) andRightFirst(x *sql.Logic, en, r frontend.Variable) frontend.Variable {
	if in, ok := g.fuseInto(x.L, en, r); ok {
		return in
	}
	return g.api.Mul(g.predicate(x.L, en), r)
}

// and is l ∧ x.R for x an AND and l its left side's value (evaluated with
// en): the right side is evaluated only where l does not decide it (its
// enable), l ∧ (v BETWEEN lo AND hi) or l ∧ (a op b) is one sign check,
// and l ∧ (a = b) one IsZero test (l folded in as predicateWhere folds a
// gate).
func (g *gadgets) and(x *sql.Logic, l, en frontend.Variable) frontend.Variable {
	ren := en
	if HasDivision(x.R) {
		ren = g.api.Mul(en, l)
	}
	if in, ok := g.fuseInto(x.R, ren, l); ok {
		return in
	}
	if eq, ok := x.R.(*sql.Compare); ok {
		if _, win := g.windowBit(eq); !win {
			if k, ok := g.equalityShift(eq); ok { // l folded into the equality's IsZero
				return g.isZero(g.equalityGated(eq, ren, l, k))
			}
		}
	}
	return g.api.Mul(l, g.predicate(x.R, ren))
}

// predicate evaluates a condition on the current row to a boolean variable
// (1 when there is no condition); en as for value.
func (g *gadgets) predicate(e sql.Expr, en frontend.Variable) frontend.Variable {
	api := g.api
	if w, ok := g.windowBit(e); ok {
		return w
	}
	switch x := e.(type) {
	case nil:
		return 1
	case *sql.Bool:
		if x.Value {
			return 1
		}
		return 0
	case *sql.Like:
		return g.like(x, en)
	case *sql.Truth:
		return g.value(x.X, en) // a BOOLEAN column or NULL flag, 0 or 1 by the store's range check
	case *sql.Not:
		return api.Sub(1, g.predicate(x.X, en))
	case *sql.Logic:
		if in, ok := g.windowAnd(x, en, nil); ok {
			return in
		}
		if foldsRightFirst(x) {
			return g.andRightFirst(x, en, g.predicate(x.R, en))
		}
		l := g.predicate(x.L, en)
		if x.And {
			return g.and(x, l, en)
		}
		// The right side is evaluated only when the left does not decide.
		ren := en
		if HasDivision(x.R) {
			ren = api.Mul(en, api.Sub(1, l))
		}
		r := g.predicate(x.R, ren)
		return api.Sub(api.Add(l, r), api.Mul(l, r))
	case *sql.Compare:
		return g.compare(x.Op, x.L, x.R, en)
	case *sql.Between:
		if x.X.Kind() == sql.KindU256 {
			vlo, vhi := g.value256(x.X)
			llo, lhi := g.value256(x.Lo)
			hlo, hhi := g.value256(x.Hi)
			in := api.Mul(api.Sub(1, g.less256(vlo, vhi, llo, lhi)), api.Sub(1, g.less256(hlo, hhi, vlo, vhi)))
			if x.Negated {
				return api.Sub(1, in)
			}
			return in
		}
		v := g.value(x.X, en)
		if in, ok := g.betweenByProduct(x, v, nil); ok {
			if x.Negated {
				return api.Sub(1, in)
			}
			return in
		}
		ge := api.Sub(1, g.less(v, g.value(x.Lo, en), g.plan.Bounds(x.X), g.plan.Bounds(x.Lo)))
		le := api.Sub(1, g.less(g.value(x.Hi, en), v, g.plan.Bounds(x.Hi), g.plan.Bounds(x.X)))
		in := api.Mul(ge, le)
		if x.Negated {
			return api.Sub(1, in)
		}
		return in
	case *sql.In:
		if sql.Wide(x.X.Kind()) {
			vlo, vhi := g.value256(x.X)
			none := frontend.Variable(1)
			for _, it := range x.List {
				ilo, ihi := g.value256(it)
				none = api.Mul(none, api.Sub(1, g.equal256(vlo, vhi, ilo, ihi)))
			}
			if x.Negated {
				return none
			}
			return api.Sub(1, none)
		}
		v := g.value(x.X, en)
		prod := frontend.Variable(1)
		for _, it := range x.List {
			prod = api.Mul(prod, api.Sub(v, g.value(it, en)))
		}
		in := g.isZero(prod)
		if x.Negated {
			return api.Sub(1, in)
		}
		return in
	}
	panic(fmt.Sprintf("circuits: %T is not a condition", e))
}

func (g *gadgets) compare(op string, l, r sql.Expr, en frontend.Variable) frontend.Variable {
	api := g.api
	// lt(a, b) and eq for the two sides' kind, on the values a = l, b = r
	var lt func(swap bool) frontend.Variable
	var eq frontend.Variable
	if sql.Wide(l.Kind()) {
		alo, ahi := g.value256(l)
		blo, bhi := g.value256(r)
		eq = g.equal256(alo, ahi, blo, bhi)
		lt = func(swap bool) frontend.Variable {
			if swap {
				return g.less256(blo, bhi, alo, ahi)
			}
			return g.less256(alo, ahi, blo, bhi)
		}
	} else {
		a, b := g.value(l, en), g.value(r, en)
		if op == "=" || op == "<>" {
			eq = g.isZero(api.Sub(a, b))
		}
		lt = func(swap bool) frontend.Variable {
			la, lb := g.plan.Bounds(l), g.plan.Bounds(r)
			if swap {
				return g.less(b, a, lb, la)
			}
			return g.less(a, b, la, lb)
		}
	}
	switch op {
	case "=":
		return eq
	case "<>":
		return api.Sub(1, eq)
	case "<":
		return lt(false)
	case ">=":
		return api.Sub(1, lt(false))
	case ">":
		return lt(true)
	default: // "<="
		return api.Sub(1, lt(true))
	}
}

// orderWhere is gate ∧ (l op r) for op one of < > <= >= on narrow values
// and a boolean gate, as one lessWhere: a ≤ b is a < b + 1 for integers.
func (g *gadgets) orderWhere(op string, l, r sql.Expr, en, gate frontend.Variable) frontend.Variable {
	api := g.api
	a, b := g.value(l, en), g.value(r, en)
	la, lb := g.plan.Bounds(l), g.plan.Bounds(r)
	plus1 := func(iv planner.Interval) planner.Interval {
		return planner.Interval{Lo: new(big.Int).Add(iv.Lo, big.NewInt(1)), Hi: new(big.Int).Add(iv.Hi, big.NewInt(1))}
	}
	switch op {
	case "<":
		return g.lessWhere(gate, a, b, la, lb)
	case ">":
		return g.lessWhere(gate, b, a, lb, la)
	case ">=": // b < a + 1
		return g.lessWhere(gate, b, api.Add(a, 1), lb, plus1(la))
	default: // "<=": a < b + 1
		return g.lessWhere(gate, a, api.Add(b, 1), la, plus1(lb))
	}
}

// HasDivision reports whether an expression contains / or %.
func HasDivision(e sql.Expr) bool {
	found := false
	var walk func(e sql.Expr)
	walk = func(e sql.Expr) {
		switch x := e.(type) {
		case *sql.Arith:
			if x.Op == '/' || x.Op == '%' {
				found = true
			}
			if x.L != nil {
				walk(x.L)
			}
			walk(x.R)
		case *sql.Abs:
			walk(x.X)
		case *sql.Case:
			for _, w := range x.Whens {
				walk(w.Cond)
				walk(w.Then)
			}
			walk(x.Else)
		case *sql.Compare:
			walk(x.L)
			walk(x.R)
		case *sql.Logic:
			walk(x.L)
			walk(x.R)
		case *sql.Not:
			walk(x.X)
		case *sql.Between:
			walk(x.X)
			walk(x.Lo)
			walk(x.Hi)
		case *sql.In:
			walk(x.X)
			for _, it := range x.List {
				walk(it)
			}
		}
	}
	walk(e)
	return found
}

// divMod returns q = trunc(a/b) and r = a − q·b for a ∈ ia, b ∈ ib where en
// is 1; where en is 0 it returns 0, 0 and checks nothing about b. Proven by
// en·(a − q·b − r) = 0, q range-checked to its bounds (so q·b cannot wrap),
// |r| = r·(1 − 2·[a<0]) ∈ [0, |b|) with |b| = b·(1 − 2·[b<0]) (1 where en = 0):
// unique, and unsatisfiable for b = 0 where en = 1 (division by zero).
func (g *gadgets) divMod(a, b frontend.Variable, ia, ib planner.Interval, en frontend.Variable) (frontend.Variable, frontend.Variable) {
	api := g.api
	out, err := api.Compiler().NewHint(DivModHint, 2, a, b, en)
	if err != nil {
		panic(err)
	}
	q, r := out[0], out[1]
	ma := new(big.Int).Abs(ia.Lo)
	if h := new(big.Int).Abs(ia.Hi); h.Cmp(ma) > 0 {
		ma = h
	}
	mb := new(big.Int).Abs(ib.Lo)
	if h := new(big.Int).Abs(ib.Hi); h.Cmp(mb) > 0 {
		mb = h
	}
	g.rc.Check(api.Add(q, ma), max(new(big.Int).Lsh(ma, 1).BitLen(), 1))
	api.AssertIsEqual(api.Mul(en, api.Sub(a, api.Add(api.Mul(q, b), r))), 0)
	// Where en = 0 the quotient is 0: a value the prover could still pick
	// after a challenge is drawn (it is no committed wire) must not reach a
	// fingerprint — with a few free quotients a lattice search could make a
	// row's fingerprint equal the challenge and free its fraction.
	api.AssertIsEqual(api.Mul(api.Sub(1, en), q), 0)
	absB := b
	if ib.Lo.Sign() < 0 {
		negB := g.less(b, 0, ib, zeroInterval)
		absB = api.Sub(b, api.Mul(api.Mul(negB, 2), b))
	}
	absR := r
	if ia.Lo.Sign() < 0 {
		negA := g.less(a, 0, ia, zeroInterval)
		absR = api.Sub(r, api.Mul(api.Mul(negA, 2), r))
	}
	w := max(mb.BitLen(), 1)
	bound := api.Add(1, api.Mul(en, api.Sub(absB, 1))) // |b| where en = 1, else 1
	g.rc.Check(absR, w)
	g.rc.Check(api.Sub(api.Sub(bound, absR), 1), w)
	return q, r
}

// DivModHint outputs trunc(a/b) and a − trunc(a/b)·b for in = (a, b, en), as
// signed integers encoded in the field; 0, 0 when en = 0 or b = 0.
func DivModHint(modulus *big.Int, in, out []*big.Int) error {
	a, b := schema.DecodeSignedIn(in[0], modulus), schema.DecodeSignedIn(in[1], modulus)
	if in[2].Sign() == 0 || b.Sign() == 0 {
		out[0].SetInt64(0)
		out[1].SetInt64(0)
		return nil
	}
	q, r := new(big.Int).QuoRem(a, b, new(big.Int)) // truncated toward zero
	out[0].Mod(q, modulus)
	out[1].Mod(r, modulus)
	return nil
}

// less returns the bit a < b for integers a ∈ ia, b ∈ ib. With D = b − a − 1
// (a < b ⇔ D ≥ 0) and the bounds of D, it picks w with D ∈ [−2^w, 2^w) and
// proves D + (1 − bit)·R ∈ [0, R) for some R ≥ 2^w (the range checker's),
// bit hinted and boolean: a false bit leaves D + R ≥ R or a negative D, a
// field element above p − 2^w, which no range check far below p accepts
// (no wrap-around). Cost: one boolean constraint and one range check.
func (g *gadgets) less(a, b frontend.Variable, ia, ib planner.Interval) frontend.Variable {
	api := g.api
	out, err := api.Compiler().NewHint(LessThanHint, 1, a, b)
	if err != nil {
		panic(err)
	}
	bit := out[0]
	api.AssertIsBoolean(bit)
	// bit = [b − a − 1 ≥ 0]: b − a − 1 + (1 − bit)·R ∈ [0, R), R at least
	// 2^ComparisonWidth
	g.rc.checkSign(api.Sub(api.Sub(b, a), 1), bit, ComparisonWidth(ia, ib))
	return bit
}

// lessWhere is en ∧ a < b for a boolean en, in one sign check and no
// product: less(a', b) with a' = a + (1 − en)·2^k and 2^k above every
// b − a − 1, so b − a' − 1 is b − a − 1 where en is 1 and negative where it
// is 0 (the check's width grows to cover a' ∈ [ia.Lo, ia.Hi + 2^k]).
func (g *gadgets) lessWhere(en, a, b frontend.Variable, ia, ib planner.Interval) frontend.Variable {
	api := g.api
	dhi := new(big.Int).Sub(ib.Hi, ia.Lo)
	dhi.Sub(dhi, big.NewInt(1))
	k := 0
	if dhi.Sign() >= 0 {
		k = dhi.BitLen() // 2^k > dhi
	}
	shift := new(big.Int).Lsh(big.NewInt(1), uint(k))
	shifted := planner.Interval{Lo: ia.Lo, Hi: new(big.Int).Add(ia.Hi, shift)}
	return g.less(api.Add(a, api.Mul(api.Sub(1, en), shift)), b, shifted, ib)
}

// ComparisonWidth is the range-check width of a < b for a ∈ ia, b ∈ ib: the
// smallest w with D + 2^w ∈ [0, 2^(w+1)) for every D = b − a − 1.
func ComparisonWidth(ia, ib planner.Interval) int {
	dlo := new(big.Int).Sub(ib.Lo, ia.Hi)
	dlo.Sub(dlo, big.NewInt(1))
	dhi := new(big.Int).Sub(ib.Hi, ia.Lo)
	dhi.Sub(dhi, big.NewInt(1))
	w := 1
	if dlo.Sign() < 0 { // 2^w ≥ −dlo
		m := new(big.Int).Neg(dlo)
		w = max(w, new(big.Int).Sub(m, big.NewInt(1)).BitLen())
	}
	if dhi.Sign() >= 0 { // 2^w > dhi
		w = max(w, dhi.BitLen())
	}
	return w
}
