package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"

	"github.com/provensql/provensql/planner"
)

// Offsets that take a key out of every key's range (packed keys are below
// 2^MaxJoinKeyBits): a matched Left row's key + LookupMatchedOffset and a
// padding Right row's + LookupPaddingOffset are no real key and never each
// other.
var (
	LookupMatchedOffset = new(big.Int).Lsh(big.NewInt(1), planner.MaxJoinKeyBits+1)
	LookupPaddingOffset = new(big.Int).Lsh(big.NewInt(1), planner.MaxJoinKeyBits+2)
	// LookupInactiveOffset moves a padding Left row's key in its lookup
	// fingerprint above every Right row's key, so that no padding Left
	// row can be matched.
	LookupInactiveOffset = new(big.Int).Lsh(big.NewInt(1), planner.MaxJoinKeyBits+3)
)

// LookupJoinPlan reports whether a plan can take the lookup join circuit
// (defineLookupJoin) where the data allows it: any join.
func LookupJoinPlan(plan *planner.Plan) bool { return plan.Query.Join != nil }

// allocLookupJoin allocates a lookup join's witness: the two tables'
// columns (Left n rows, Right nR), their activity bits, the Right rows'
// multiplicities, the Right key slots (nR), the joined rows' Right values
// (their Left values are the Left table's own: Cols of the Left columns
// stay empty until defineLookupJoin points them at Tables) and the Bézout
// cofactors' coefficients.
func (c *Query) allocLookupJoin(n, nR int) {
	plan := c.plan
	c.allocJoinTables(n, nR)
	for j, col := range plan.Columns {
		if plan.Query.Join.Side(col) == 0 {
			c.Cols[j] = nil
		}
	}
	if !plan.Query.Join.Outer { // a LEFT JOIN's joined rows are all the real Left rows
		c.Active = make([]frontend.Variable, n)
	}
	if !c.plan.WindowOpened(c.lookup) { // else the window's rows are the Left rows in play (defineLookupJoin)
		c.JoinAct[0] = make([]frontend.Variable, n)
	}
	c.JoinAct[1] = make([]frontend.Variable, nR)
	c.JoinMult[1] = make([]frontend.Variable, nR)
	c.JoinKeys = make([][]frontend.Variable, nR)
	for k := range c.JoinKeys {
		c.JoinKeys[k] = make([]frontend.Variable, JoinKeySlotWidth)
	}
	c.JoinCoefA = make([]frontend.Variable, nR)
	c.JoinCoefB = make([]frontend.Variable, n)
}

// defineLookupJoin proves that the circuit's rows are the inner equi-join
// of a Left segment of n rows with a Right segment of nR rows whose real
// keys are distinct. Row t is Left row t (its Left values are the Left
// table's, in place) and is in the join (Active[t], "matched") or not;
// its Right values (Cols of the Right columns) are witness:
//
//   - matched rows are real Left rows and unmatched ones (act − matched)
//     too: the bit the witness holds (matched, or a LEFT JOIN's unmatched)
//     is boolean, and the other one is too because a padding Left row
//     (act 0) cannot be matched: its lookup fingerprint below carries the
//     key + 2^(W+3), above every Right row's key, so its pole meets no
//     Right row's, and the matched bits of the padding rows that share it
//     — each 0 or 1 (inner), 0 or −1 (LEFT JOIN: act − unmatched) — cannot
//     add up to 0 unless all are 0 (one constraint per row, not two);
//   - the Right keys are distinct: nR key slots strictly increasing, each
//     with a count 0 or 1, and Σ_j actR_j/(α − keyR_j) = Σ_k count_k/(α −
//     key_k);
//   - a matched row's key and Right values are a real Right row's: with β
//     public (derived from Z: ChallengeJoinBeta), Σ_t matched_t/(α − F(t)) = Σ_j mult_j/(α − G(j)),
//     F(t) = key_t + (1 − act_t)·2^(W+3) + Σ_k β^(k+1)·right_k(t) +
//     β^(K+1), G(j) = keyR_j +
//     Σ_k β^(k+1)·right_k(j) + β^(K+1)·actR_j — so it joins exactly the
//     one Right row with its key;
//   - an unmatched row's key is no real Right row's, with no order check:
//     u_t = key_t + (1 − unmatched_t)·2^(W+1) and s_j = keyR_j + (1 −
//     actR_j)·2^(W+2) (W = MaxJoinKeyBits; linear), and P(X) = Π_t (X −
//     u_t), Z(X) = Π_j (X − s_j) share no root: the prover commits Bézout
//     cofactors A (degree < nR) and B (degree < n) and, at a challenge r
//     drawn after them, A(r)·P(r) + B(r)·Z(r) = 1. (If P and Z shared a
//     root, A·P + B·Z − 1 would be a nonzero polynomial of degree ≤ n + nR
//     vanishing at r: probability (n + nR)/p.) Matched rows' u_t and
//     padding Right rows' s_j are outside every key's range and each
//     other's, so only an unmatched row's key against a real Right key
//     can be a common root.
//
// So every real Left row with a real Right match is joined once, with that
// row's values, and no other row is: the equi-join, Right keys distinct.
// A LEFT JOIN joins every real Left row (Active is the Left activity bits):
// its Unmatched column is the unmatched bit, matched = act − unmatched, and
// an unmatched row's Right values are 0 (NULL; one product per Right
// column).
// Per Left row: its activity and one boolean, the fingerprint's products
// and fraction, and two products for P(r) and B(r) — no key slot, no Left
// lookup, no pair order.
func (c *Query) defineLookupJoin(api frontend.API, g *gadgets) error {
	n, nR := 1<<c.logN, 1<<c.logRight
	plan := c.plan
	jn := plan.Query.Join
	if plan.JoinKeyWidth > planner.MaxJoinKeyBits {
		return fmt.Errorf("circuits: JOIN key of %d bits is too wide (at most %d)", plan.JoinKeyWidth, planner.MaxJoinKeyBits)
	}
	// the joined rows' Left values are the Left table's, in place
	for j, col := range plan.Columns {
		if jn.Side(col) == 0 {
			c.Cols[j] = c.Tables[j]
		}
	}
	// act: the Left rows in play — the real ones, or with a window
	// condition (a WHERE operand, so no row outside it is selected) the
	// window's rows, a run of real rows whose bits defineWindow proved:
	// rows outside it then join nothing, like padding rows, and a joined
	// row's selected bit needs no product with the window's
	act := c.JoinAct[0]
	if g.win != nil {
		act = g.win
		g.winImplied = true
	} else {
		monotoneBits(api, c.JoinAct[0], c.RowCount)
	}
	monotoneBits(api, c.JoinAct[1], c.JoinRows[0])
	right := plan.SideColumns(1)
	matched, unmatched := make([]frontend.Variable, n), make([]frontend.Variable, n)
	if jn.Outer {
		c.Active = act
		u := c.Cols[plan.CircuitColumn(jn.Unmatched)]
		for t := 0; t < n; t++ {
			unmatched[t] = u[t]
			api.AssertIsBoolean(u[t])
			matched[t] = api.Sub(act[t], u[t]) // 0 or 1: see above
			for _, j := range right {          // NULL Right values are 0
				api.AssertIsEqual(api.Mul(u[t], c.Cols[j][t]), 0)
			}
		}
	} else {
		for t := 0; t < n; t++ {
			matched[t] = c.Active[t]
			api.AssertIsBoolean(matched[t])
			unmatched[t] = api.Sub(act[t], matched[t]) // 0 or 1: see above
		}
	}
	for _, slot := range c.JoinKeys {
		api.AssertIsEqual(slot[JoinKeyLeft], 0)
		api.AssertIsBoolean(slot[JoinKeyRight])
	}
	c.keySlotsIncrease(api, g)
	leftKey := func(t int) frontend.Variable {
		return joinKey(api, plan, 0, func(j int) frontend.Variable { return c.Tables[j][t] })
	}
	rightKey := func(i int) frontend.Variable {
		return joinKey(api, plan, 1, func(j int) frontend.Variable { return c.Tables[j][i] })
	}

	var committed []frontend.Variable
	for _, t := range c.Tables {
		committed = append(committed, t...)
	}
	for _, j := range right {
		committed = append(committed, c.Cols[j]...)
	}
	committed = append(committed, c.JoinAct[0]...) // nil with a window: its bits instead
	committed = append(committed, c.Win...)
	committed = append(committed, c.JoinAct[1]...)
	committed = append(committed, c.JoinMult[1]...)
	if jn.Outer {
		committed = append(committed, c.Cols[plan.CircuitColumn(jn.Unmatched)]...)
	} else {
		committed = append(committed, c.Active...)
	}
	for _, k := range c.JoinKeys {
		committed = append(committed, k...)
	}
	committed = append(committed, c.JoinCoefA...)
	committed = append(committed, c.JoinCoefB...)
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		beta, r := c.challenge(ChallengeJoinBeta), c.challenge(ChallengeJoinR)
		fingerprint := func(k, act frontend.Variable, val func(j int) frontend.Variable) frontend.Variable {
			return joinFingerprint(api, beta, k, act, right, val)
		}
		sum := func(terms int, m, f func(i int) frontend.Variable) (frontend.Variable, error) {
			return fractionSum(api, alpha, terms, m, f)
		}
		// matched rows are real Left rows and Right rows with their key
		l, err := sum(n, func(t int) frontend.Variable { return matched[t] }, func(t int) frontend.Variable {
			key := api.Add(leftKey(t), api.Mul(api.Sub(1, act[t]), LookupInactiveOffset))
			return fingerprint(key, 1, func(j int) frontend.Variable { return c.Cols[j][t] })
		})
		if err != nil {
			return err
		}
		rr, err := sum(nR, func(i int) frontend.Variable { return c.JoinMult[1][i] }, func(i int) frontend.Variable {
			return fingerprint(rightKey(i), c.JoinAct[1][i], func(j int) frontend.Variable { return c.Tables[j][i] })
		})
		if err != nil {
			return err
		}
		api.AssertIsEqual(l, rr)
		// the Right keys are distinct
		l, err = sum(nR, func(i int) frontend.Variable { return c.JoinAct[1][i] }, rightKey)
		if err != nil {
			return err
		}
		rr, err = sum(nR, func(k int) frontend.Variable { return c.JoinKeys[k][JoinKeyRight] }, func(k int) frontend.Variable { return c.JoinKeys[k][JoinKeyValue] })
		if err != nil {
			return err
		}
		api.AssertIsEqual(l, rr)
		// an unmatched row's key is no real Right key: A(r)·P(r) + B(r)·Z(r) = 1
		p := frontend.Variable(1)
		for t := 0; t < n; t++ {
			u := api.Add(leftKey(t), api.Mul(api.Sub(1, unmatched[t]), LookupMatchedOffset))
			p = api.Mul(p, api.Sub(r, u))
		}
		z := frontend.Variable(1)
		for i := 0; i < nR; i++ {
			s := api.Add(rightKey(i), api.Mul(api.Sub(1, c.JoinAct[1][i]), LookupPaddingOffset))
			z = api.Mul(z, api.Sub(r, s))
		}
		horner := func(coef []frontend.Variable) frontend.Variable {
			v := frontend.Variable(0)
			for i := len(coef) - 1; i >= 0; i-- {
				v = api.Add(api.Mul(v, r), coef[i])
			}
			return v
		}
		api.AssertIsEqual(api.Add(api.Mul(horner(c.JoinCoefA), p), api.Mul(horner(c.JoinCoefB), z)), 1)
		return nil
	}, committed...)
	return nil
}
