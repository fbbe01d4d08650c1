package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/multicommit"

	"github.com/provensql/provensql/planner"
)

// fraction returns m/(α − f) as one R1CS constraint out·(α − f) = m
// (gnark's DivUnchecked; a product then an equality would be two). out is
// unique unless α = f, which a challenge drawn after f is committed hits
// with negligible probability.
func fraction(api frontend.API, m, alpha, f frontend.Variable) (frontend.Variable, error) {
	return api.DivUnchecked(m, api.Sub(alpha, f)), nil
}

// defineRows proves a row plan's segment result: the used slots hold the
// first rows of the selected ones in ordinal order (ORDER BY keys, then
// position; planner.Plan.OrdinalParts), and Partials = (selected count,
// used slots, each slot column's evaluation at Z: see link).
//
//   - Taken[i] is only on selected rows (and 0 or 1 by the lookup); used
//     slots form a prefix, unused slots are zero.
//   - Lookup: with α a challenge drawn after the columns, slots and Taken
//     bits are committed and β the public DeriveChallenge(Z, row beta), Z drawn
//     after them too, Σ_i Taken_i/(α − F_i) =
//     Σ_j used_j/(α − G_j), F_i = i + Σ_k β^k·item_k(row i) and G_j the
//     same of slot j: the used slots are exactly the taken rows' tuples
//     (positions make every row's tuple distinct, so no row is taken twice).
//   - Used slots' ordinals strictly increase, their positions are below
//     the row count and their values lie in their bounds: the verifier
//     checks these on the receipt's rows, which the slots' evaluations at
//     Z bind the used slots to (planner.Plan.CheckSlotRows).
//   - Without LIMIT every selected row is taken (as many used slots as
//     selected rows; no check per row). With LIMIT, fewer used slots than
//     slots means every selected row is taken; with all slots used, every
//     selected row not taken has an ordinal above the last slot's (one
//     range check per row).
//   - Without activity bits (pad non-nil: the zero row ranks after every
//     real row), a padding row is selected iff the zero row is: the selected
//     count leaves the padding rows out, and a used slot's position is below
//     the row count (the verifier's check), so no padding row is taken; one
//     left out ranks after the last slot like any row.
func (c *Query) defineRows(api frontend.API, g *gadgets, sel []frontend.Variable, items [][]frontend.Variable, pad *zeroRow) error {
	plan := c.plan
	n := 1 << c.logN
	nSlots := plan.Slots(c.logN)
	nSel := plan.OrderKeyOffset() - 1 // slot values of the SELECT items
	fp := plan.Fingerprint(c.logN)
	// ordinal returns the parts of an ordinal, least significant first, from
	// a position and the ORDER BY key values (planner.OrdinalTerm).
	ordinal := func(pos frontend.Variable, key func(e int) frontend.Variable) []frontend.Variable {
		parts := make([]frontend.Variable, len(plan.OrdinalParts))
		for pi, terms := range plan.OrdinalParts {
			var o frontend.Variable = 0
			base := 0
			if pi == 0 {
				o, base = pos, c.logN
			}
			for _, t := range terms {
				var v frontend.Variable
				if t.Desc {
					v = api.Sub(t.Hi, key(t.Entry))
				} else {
					v = api.Sub(key(t.Entry), t.Lo)
				}
				o = api.Add(o, api.Mul(v, new(big.Int).Lsh(big.NewInt(1), uint(t.Shift+base))))
			}
			parts[pi] = o
		}
		return parts
	}
	partBounds := make([]planner.Interval, len(plan.OrdinalParts))
	for pi, w := range plan.OrdinalPartWidths {
		if pi == 0 {
			w += c.logN
		}
		partBounds[pi] = planner.Interval{Lo: big.NewInt(0), Hi: new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(w)), big.NewInt(1))}
	}
	// before is the bit a < b for ordinals (lexicographic over the parts)
	before := func(a, b []frontend.Variable) frontend.Variable {
		lt := g.less(a[0], b[0], partBounds[0], partBounds[0])
		for pi := 1; pi < len(a); pi++ {
			eq := g.isZero(api.Sub(a[pi], b[pi]))
			lt = api.Add(g.less(a[pi], b[pi], partBounds[pi], partBounds[pi]), api.Mul(eq, lt))
		}
		return lt
	}
	masked := func(u frontend.Variable, o []frontend.Variable) []frontend.Variable {
		out := make([]frontend.Variable, len(o))
		for i := range o {
			out[i] = api.Mul(u, o[i])
		}
		return out
	}

	// Slots: booleans, the used ones a prefix. The used slots are the
	// receipt's rows and the unused ones zero (their evaluations at Z are
	// public, and the verifier computes them from the rows, zero-padded),
	// so the verifier checks the rest on the rows (planner.Plan.
	// CheckSlotRows): positions below the row count, values in their
	// bounds — which makes the fingerprint's packing injective on slots as
	// it is on rows and the ordinals integers —, ordinals strictly
	// increasing, and a value the fingerprint leaves out equal to the one
	// it repeats.
	used := frontend.Variable(0)
	for j := 0; j < nSlots; j++ {
		u := c.SlotUsed[j]
		api.AssertIsBoolean(u)
		if j > 0 {
			api.AssertIsEqual(api.Mul(u, api.Sub(1, c.SlotUsed[j-1])), 0)
		}
		used = api.Add(used, u)
	}

	// Taken rows: selected; count and completeness. Taken[i] needs no
	// boolean constraint: the lookup below makes it 0 or 1. Its identity,
	// holding at a challenge α drawn after Taken, the slots and the columns
	// are committed, holds as rational functions of α, so each pole's
	// numerators cancel: rows have distinct fingerprints (the position is
	// packed in), so do the used slots (strictly increasing ordinals, packed
	// values in their bounds), hence Taken[i] equals SlotUsed[j] (0 or 1)
	// of the one slot whose fingerprint is row i's, or 0. The fingerprints
	// carry a row's selected bit (a used slot's 1), so a taken row is
	// selected.
	selected := linearSum(api, sel[:n])
	if pad != nil {
		selected = api.Sub(selected, api.Mul(pad.rows, pad.sel))
	}
	api.AssertIsEqual(c.Partials[0], selected)
	// The rows returned; the slots' values are bound by their columns'
	// evaluations at Z (see link).
	api.AssertIsEqual(c.Partials[1], used)
	if plan.Query.Limit < 0 {
		// Without LIMIT the proof returns every selected row (the prover
		// refuses a segment selecting more than its slots): the taken rows
		// are selected ones, as many as there are, so no selected row is
		// left out and no row needs a completeness check.
		api.AssertIsEqual(selected, used)
		return c.lookupSlots(api, sel, items, fp, nSlots)
	}
	api.AssertIsEqual(api.Mul(api.Sub(selected, used), api.Sub(nSlots, used)), 0)
	// The last slot's ordinal, zeros unless every slot is used (then out =
	// 0 on every row, below): an unused slot's zeros need not be an ordinal
	// in range, and the checks below need their operands in range on all
	// rows. Masked once, not per row.
	var full frontend.Variable
	var last []frontend.Variable
	if nSlots > 0 {
		full = c.SlotUsed[nSlots-1]
		j := nSlots - 1
		last = masked(full, ordinal(c.Slots[j][0], func(e int) frontend.Variable { return c.Slots[j][1+nSel+e] }))
	}
	for i := 0; nSlots > 0 && i < n; i++ {
		ord := ordinal(i, func(e int) frontend.Variable { return items[nSel+e][i] })
		// sel − taken is 1 exactly for selected rows left out: those rank
		// after the last slot. It is 0 or 1 (Taken is, by the lookup, and
		// only on selected rows).
		out := api.Sub(sel[i], c.Taken[i])
		if len(ord) == 1 {
			g.rc.checkNonNegativeWhere(out, api.Sub(api.Sub(ord[0], last[0]), 1), plan.OrdinalPartWidths[0]+c.logN)
			continue
		}
		// several parts: compare as bits
		api.AssertIsEqual(api.Mul(out, api.Sub(1, before(last, masked(full, ord)))), 0)
	}

	return c.lookupSlots(api, sel, items, fp, nSlots)
}

// lookupSlots proves the used slots are exactly the taken rows' tuples (see
// defineRows). The rows' fingerprint tails (under the public β) are kept
// for the link (c.rowTails, planner.FingerprintLink).
func (c *Query) lookupSlots(api frontend.API, sel []frontend.Variable, items [][]frontend.Variable, fp planner.FingerprintLayout, nSlots int) error {
	n := 1 << c.logN
	rowF := make([]frontend.Variable, n)
	c.rowTails = make([]frontend.Variable, n)
	for i := 0; i < n; i++ {
		rowF[i], c.rowTails[i] = c.fingerprint(api, fp, i, sel[i], func(k int) frontend.Variable { return items[k-1][i] })
	}
	committed := append([]frontend.Variable{}, c.SlotUsed...)
	for j := range c.Slots {
		committed = append(committed, c.Slots[j]...)
	}
	committed = append(committed, c.Taken...)
	multicommit.WithCommitment(api, func(api frontend.API, alpha frontend.Variable) error {
		lhs, err := fractionSum(api, alpha, n, func(i int) frontend.Variable { return c.Taken[i] }, func(i int) frontend.Variable { return rowF[i] })
		if err != nil {
			return err
		}
		rhs := frontend.Variable(0)
		for j := 0; j < nSlots; j++ {
			f, _ := c.fingerprint(api, fp, c.Slots[j][0], c.SlotUsed[j], func(k int) frontend.Variable { return c.Slots[j][k] })
			frac, err := fraction(api, c.SlotUsed[j], alpha, f)
			if err != nil {
				return err
			}
			rhs = api.Add(rhs, frac)
		}
		api.AssertIsEqual(lhs, rhs)
		return nil
	}, committed...)
	return nil
}

// fingerprint returns a row's or a slot's lookup fingerprint F and its
// tail T = F − E_0 under the public β (ChallengeRowBeta: drawn after the
// columns, slots and Taken bits are committed):
//
//	F = E_0 + Σ_e β^e·E_e + Σ_r β^(Elements+r)·rest_r
//
// (planner.FingerprintLayout): packed values are linear in their element,
// each further element and unpacked value takes a product. Element 0
// holds a row's selected bit and a slot's used bit (both 0 or 1): a row
// not selected matches no used slot, so the identity leaves its Taken bit
// 0 without a product per row.
func (c *Query) fingerprint(api frontend.API, fp planner.FingerprintLayout, pos, selected frontend.Variable, val func(k int) frontend.Variable) (f, t frontend.Variable) {
	elems := make([]frontend.Variable, fp.Elements)
	elems[0] = api.Add(pos, api.Mul(selected, new(big.Int).Lsh(big.NewInt(1), uint(fp.SelShift))))
	for e := 1; e < len(elems); e++ {
		elems[e] = 0
	}
	for _, pv := range fp.Packed {
		elems[pv.Element] = api.Add(elems[pv.Element], api.Mul(api.Sub(val(pv.Index), pv.Lo), new(big.Int).Lsh(big.NewInt(1), uint(pv.Shift))))
	}
	// T by Horner: a product per further element and unpacked value
	terms := elems[1:]
	for _, k := range fp.Rest {
		terms = append(terms, val(k))
	}
	beta := c.challenge(ChallengeRowBeta)
	t = frontend.Variable(0)
	for r := len(terms) - 1; r >= 0; r-- {
		t = api.Mul(api.Add(t, terms[r]), beta)
	}
	return api.Add(t, elems[0]), t
}
