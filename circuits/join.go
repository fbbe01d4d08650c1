package circuits

import (
	"fmt"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"

	"github.com/provensql/provensql/planner"
)

// JoinKeySlot indexes a join key slot's values.
const (
	JoinKeyValue     = iota // the packed key
	JoinKeyLeft             // how many Left rows have the key
	JoinKeyRight            // how many Right rows have the key
	JoinKeySlotWidth        // the number of values of a key slot
)

// allocJoin allocates a join plan's witness: the two tables' columns (the
// Left table's n rows, the Right's nR), their activity bits and lookup
// multiplicities, the n joined rows' positions and the key slots (one per
// table row: at most every row's key is distinct).
func (c *Query) allocJoin(n, nR int) {
	plan := c.plan
	c.allocJoinTables(n, nR)
	c.Active = make([]frontend.Variable, n)
	tableRows := [2]int{n, nR}
	for s := 0; s < 2; s++ {
		c.JoinAct[s], c.JoinPos[s], c.JoinMult[s] = make([]frontend.Variable, tableRows[s]), make([]frontend.Variable, n), make([]frontend.Variable, tableRows[s])
	}
	c.JoinKeys = make([][]frontend.Variable, n+nR)
	for s := range c.JoinKeys {
		c.JoinKeys[s] = make([]frontend.Variable, JoinKeySlotWidth)
	}
	if plan.Query.Join.Outer {
		c.JoinNull = make([]frontend.Variable, 1)
	}
}

// allocJoinTables allocates a join's table columns (Tables: the Left
// table's n rows, the Right's nR) and the Right row count.
func (c *Query) allocJoinTables(n, nR int) {
	c.JoinRows = make([]frontend.Variable, 1)
	c.Tables = make([][]frontend.Variable, len(c.plan.Columns))
	for j, col := range c.plan.Columns {
		rows := n
		if c.plan.Query.Join.Side(col) == 1 {
			rows = nR
		}
		c.Tables[j] = make([]frontend.Variable, rows)
	}
}

// defineJoin proves that the circuit's rows (Cols, Active: used slots
// first) are exactly the equi-join of the two tables' segments
// (Tables, bound to the commitments by link; real rows are those below
// RowCount and JoinRows[0]):
//
//   - the joined rows are distinct (Left position, Right position) pairs,
//     strictly increasing, each carrying its two rows' values: with α a
//     challenge drawn after everything is committed and β public (derived
//     from Z, drawn after it too: ChallengeJoinBeta),
//     Σ_t used_t/(α − F_s(t)) = Σ_i mult_s[i]/(α − F_s(row i)) per side s,
//     F = position + Σ_k β^(k+1)·value_k + β^(K+1)·act (a joined row's act
//     1), so mult_s[i] is zero on padding rows; every joined row's Left and
//     Right key columns are equal;
//   - the key slots hold distinct keys (all n + nR strictly increasing:
//     one per row of the Left segment's n and the Right's nR) with,
//     per key, how many real rows of each table have it: Σ_i act_s[i]/(α −
//     key_i) = Σ_k count_s[k]/(α − key_k). Slots beyond the tables' keys
//     need no flag: they hold further keys no row has, whose counts the
//     identity makes 0 (the prover continues past the largest key);
//   - and Σ_t used_t/(α − key_t) = Σ_k countL[k]·countR[k]/(α − key_k):
//     there are exactly countL·countR joined rows with each key, all
//     distinct pairs of a Left and a Right row with that key, so all of them;
//   - LEFT JOIN: a row flagged unmatched has Right position and values 0 —
//     its Right fingerprint, 2 at β^(K+1), can only be the null row's, an
//     extra entry of the Right lookup (position and values 0, multiplicity
//     JoinNull[0]) — and Σ_t unmatched_t/(α − key_t) =
//     Σ_k countL[k]·[countR[k] = 0]/(α − key_k): each Left row whose key no
//     Right row has appears once (distinct pairs with Right position 0).
func (c *Query) defineJoin(api frontend.API, g *gadgets) error {
	n, nR := 1<<c.logN, 1<<c.logRight
	plan := c.plan
	if plan.JoinKeyWidth > planner.MaxJoinKeyBits {
		return fmt.Errorf("circuits: JOIN key of %d bits is too wide (at most %d)", plan.JoinKeyWidth, planner.MaxJoinKeyBits)
	}
	rowCounts := [2]frontend.Variable{c.RowCount, c.JoinRows[0]}
	for s := 0; s < 2; s++ {
		monotoneBits(api, c.JoinAct[s], rowCounts[s])
	}
	monotoneBits(api, c.Active, nil)
	c.keySlotsIncrease(api, g)
	// distinct pairs: (Left, Right) positions strictly increasing over used
	// rows (each position is a table row's, below n and nR: the lookups)
	for t := 0; t+1 < n; t++ {
		cur := api.Add(api.Mul(c.JoinPos[0][t], nR), c.JoinPos[1][t])
		next := api.Add(api.Mul(c.JoinPos[0][t+1], nR), c.JoinPos[1][t+1])
		g.rc.checkNonNegativeWhere(c.Active[t+1], api.Sub(api.Sub(next, cur), 1), c.logN+c.logRight)
	}
	sides := [2][]int{plan.SideColumns(0), plan.SideColumns(1)}
	key := func(s int, val func(j int) frontend.Variable) frontend.Variable { return joinKey(api, plan, s, val) }
	// LEFT JOIN: unmatched[t] is 1 on a Left row without a match, whose
	// Right values (and Right position) are 0: such a row matches the
	// Right lookup's null row (below). matched[t] is Active ∧ ¬unmatched.
	unmatched := make([]frontend.Variable, n)
	matched := make([]frontend.Variable, n)
	for t := range unmatched {
		unmatched[t], matched[t] = 0, c.Active[t]
	}
	if jn := plan.Query.Join; jn.Outer {
		u := c.Cols[plan.CircuitColumn(jn.Unmatched)]
		for t := 0; t < n; t++ {
			unmatched[t] = u[t]
			api.AssertIsBoolean(u[t])
			matched[t] = api.Mul(c.Active[t], api.Sub(1, u[t]))
		}
	}
	// a (matched) joined row's two keys are equal
	for t := 0; t < n; t++ {
		d := api.Sub(key(0, func(j int) frontend.Variable { return c.Cols[j][t] }), key(1, func(j int) frontend.Variable { return c.Cols[j][t] }))
		api.AssertIsEqual(api.Mul(d, api.Sub(1, unmatched[t])), 0)
	}
	var committed []frontend.Variable
	for _, t := range c.Tables {
		committed = append(committed, t...)
	}
	for s := 0; s < 2; s++ {
		committed = append(committed, c.JoinAct[s]...)
		committed = append(committed, c.JoinPos[s]...)
		committed = append(committed, c.JoinMult[s]...)
	}
	committed = append(committed, c.Active...)
	for _, k := range c.JoinKeys {
		committed = append(committed, k...)
	}
	committed = append(committed, c.JoinNull...)
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		beta := c.challenge(ChallengeJoinBeta)
		// F = position + Σ_k β^(k+1)·value_k + β^(K+1)·act: a table row's
		// activity bit (a joined row's 1) at its own power of β, so no
		// joined row matches a padding row and the identity leaves a
		// padding row's multiplicity 0 — one product per table row instead
		// of a product and an equality.
		fingerprint := func(pos, act frontend.Variable, cols []int, val func(j int) frontend.Variable) frontend.Variable {
			return joinFingerprint(api, beta, pos, act, cols, val)
		}
		sum := func(terms int, m func(i int) frontend.Variable, f func(i int) frontend.Variable) (frontend.Variable, error) {
			return fractionSum(api, alpha, terms, m, f)
		}
		slotKey := func(k int) frontend.Variable { return c.JoinKeys[k][JoinKeyValue] }
		type identity struct {
			lhsN    int
			lhsM    func(int) frontend.Variable
			lhsF    func(int) frontend.Variable
			rhsN    int
			rhsM    func(int) frontend.Variable
			rhsF    func(int) frontend.Variable
			meaning string
		}
		var ids []identity
		used := func(t int) frontend.Variable { return c.Active[t] }
		for s := 0; s < 2; s++ {
			cols := sides[s]
			// a joined row's activity term: 1, or for the Right side of a
			// LEFT JOIN 1 + unmatched, so an unmatched row's fingerprint
			// (2 at β^(K+1)) is the null row's — position 0, every Right
			// value 0 — which stands after the table rows with
			// multiplicity JoinNull[0]; table rows have 0 or 1 there
			act := func(t int) frontend.Variable { return 1 }
			rows, mult := len(c.JoinAct[s]), func(i int) frontend.Variable { return c.JoinMult[s][i] }
			row := func(i int) frontend.Variable {
				return fingerprint(i, c.JoinAct[s][i], cols, func(j int) frontend.Variable { return c.Tables[j][i] })
			}
			if s == 1 && plan.Query.Join.Outer {
				act = func(t int) frontend.Variable { return api.Add(1, unmatched[t]) }
				rows = nR + 1
				tableMult, tableRow := mult, row
				mult = func(i int) frontend.Variable {
					if i == nR {
						return c.JoinNull[0]
					}
					return tableMult(i)
				}
				row = func(i int) frontend.Variable {
					if i == nR {
						return fingerprint(0, 2, cols, func(int) frontend.Variable { return 0 })
					}
					return tableRow(i)
				}
			}
			ids = append(ids,
				identity{n, used, func(t int) frontend.Variable {
					return fingerprint(c.JoinPos[s][t], act(t), cols, func(j int) frontend.Variable { return c.Cols[j][t] })
				}, rows, mult, row, "joined rows are table rows"},
				identity{len(c.JoinAct[s]), func(i int) frontend.Variable { return c.JoinAct[s][i] }, func(i int) frontend.Variable {
					return key(s, func(j int) frontend.Variable { return c.Tables[j][i] })
				}, len(c.JoinKeys), func(k int) frontend.Variable { return c.JoinKeys[k][JoinKeyLeft+s] }, slotKey, "key counts"})
		}
		rowKey := func(t int) frontend.Variable {
			return key(0, func(j int) frontend.Variable { return c.Cols[j][t] })
		}
		ids = append(ids, identity{n, func(t int) frontend.Variable { return matched[t] }, rowKey, len(c.JoinKeys), func(k int) frontend.Variable {
			return api.Mul(c.JoinKeys[k][JoinKeyLeft], c.JoinKeys[k][JoinKeyRight])
		}, slotKey, "joined rows per key"})
		if plan.Query.Join.Outer {
			// every Left row whose key no Right row has, once
			ids = append(ids, identity{n, func(t int) frontend.Variable { return api.Sub(c.Active[t], matched[t]) }, rowKey, len(c.JoinKeys), func(k int) frontend.Variable {
				return api.Mul(c.JoinKeys[k][JoinKeyLeft], g.isZero(c.JoinKeys[k][JoinKeyRight]))
			}, slotKey, "unmatched rows per key"})
		}
		for _, id := range ids {
			l, err := sum(id.lhsN, id.lhsM, id.lhsF)
			if err != nil {
				return fmt.Errorf("%s: %w", id.meaning, err)
			}
			r, err := sum(id.rhsN, id.rhsM, id.rhsF)
			if err != nil {
				return fmt.Errorf("%s: %w", id.meaning, err)
			}
			api.AssertIsEqual(l, r)
		}
		return nil
	}, committed...)
	return nil
}

// keySlotsIncrease checks the key slots hold distinct keys, strictly
// increasing (at most n + nR steps of less than 2^w each: they cannot wrap
// around the field; MaxJoinKeyBits).
func (c *Query) keySlotsIncrease(api frontend.API, g *gadgets) {
	for k := 0; k+1 < len(c.JoinKeys); k++ {
		d := api.Sub(api.Sub(c.JoinKeys[k+1][JoinKeyValue], c.JoinKeys[k][JoinKeyValue]), 1)
		g.rc.checkNonNegative(d, c.plan.JoinKeyWidth)
	}
}

// joinKey packs one side's key (0 Left, 1 Right) of a row whose circuit
// column j holds val(j): Σ (value − offset)·scale over the key's columns
// (planner.Plan.JoinKeyTerms).
func joinKey(api frontend.API, plan *planner.Plan, side int, val func(j int) frontend.Variable) frontend.Variable {
	cols, offsets, scales := plan.JoinKeyTerms(side)
	var k frontend.Variable = 0
	for i, col := range cols {
		k = api.Add(k, api.Mul(api.Sub(val(plan.CircuitColumn(col.Index)), offsets[i]), scales[i]))
	}
	return k
}

// joinFingerprint is a join lookup's fingerprint of a row: base +
// Σ_k β^(k+1)·val(cols[k]) + β^(K+1)·act (one product per column and one
// for the activity bit).
func joinFingerprint(api frontend.API, beta, base, act frontend.Variable, cols []int, val func(j int) frontend.Variable) frontend.Variable {
	f := api.Mul(act, beta)
	for k := len(cols) - 1; k >= 0; k-- {
		f = api.Mul(api.Add(f, val(cols[k])), beta)
	}
	return api.Add(f, base)
}

// fractionSum is Σ_{i<terms} m(i)/(α − f(i)), one constraint per term.
func fractionSum(api frontend.API, alpha frontend.Variable, terms int, m, f func(i int) frontend.Variable) (frontend.Variable, error) {
	fracs := make([]frontend.Variable, terms)
	for i := range fracs {
		t, err := fraction(api, m(i), alpha, f(i))
		if err != nil {
			return nil, err
		}
		fracs[i] = t
	}
	return linearSum(api, fracs), nil
}

// monotoneBits asserts bits are boolean, ones first, and (total non-nil)
// that they sum to total, in len(bits) + 2 constraints: the first and last
// bits are boolean and each step b_i − b_(i+1) is 0 or 1. Then the steps,
// each 0 or 1, add up to b_0 − b_last ∈ {−1, 0, 1} (far below p), so at
// most one step is 1: every bit is boolean and the ones come first.
func monotoneBits(api frontend.API, bits []frontend.Variable, total frontend.Variable) {
	if len(bits) == 0 {
		return
	}
	api.AssertIsBoolean(bits[0])
	for i := 1; i < len(bits); i++ {
		api.AssertIsBoolean(api.Sub(bits[i-1], bits[i]))
	}
	sum := linearSum(api, bits)
	if len(bits) > 1 {
		api.AssertIsBoolean(bits[len(bits)-1])
	}
	if total != nil {
		api.AssertIsEqual(sum, total)
	}
}
