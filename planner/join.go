package planner

import (
	"fmt"
	"math/big"

	"github.com/provensql/provensql/sql"
)

// MaxJoinKeyBits bounds a join's packed key so that the circuit's strictly
// increasing key slots, one per row of the two segments (at most 2^29),
// cannot wrap around the field (2^29 · 2^220 < p).
const MaxJoinKeyBits = 220

// joinPart is one key equality of a join: both columns offset by lo (the
// smaller lower bound of their types) and shifted into the packed key.
type joinPart struct {
	cols         [2]*sql.Column // the Left and the Right column (nil: none on that side)
	lo           *big.Int
	width, shift int
	// mul scales each side's value: 1, except in the part of two NULL
	// flags, where a Left NULL counts 1 and a Right NULL 2, so a NULL key
	// matches nothing, not even another NULL
	mul [2]int64
}

// planJoin packs a join's key equalities into one integer per row: the
// parts Σ (v − lo)·2^shift, the first key most significant. Both sides
// pack their own key columns with the same offsets and shifts, so two rows
// join exactly when their packed keys are equal.
func (p *Plan) planJoin(used map[int]bool) error {
	j := p.Query.Join
	p.NeedsActive = true
	for _, k := range j.Keys {
		llo, lhi := k.Left.Type.Bounds()
		rlo, rhi := k.Right.Type.Bounds()
		lo, hi := llo, lhi
		if rlo.Cmp(lo) < 0 {
			lo = rlo
		}
		if rhi.Cmp(hi) > 0 {
			hi = rhi
		}
		w := new(big.Int).Sub(hi, lo).BitLen()
		p.joinParts = append(p.joinParts, joinPart{cols: [2]*sql.Column{k.Left, k.Right}, lo: lo, width: max(w, 1), mul: [2]int64{1, 1}})
		p.JoinKeyWidth += max(w, 1)
		used[k.Left.Index], used[k.Right.Index] = true, true
		if fl, fr := k.Left.FlagColumn(), k.Right.FlagColumn(); fl != nil || fr != nil {
			p.joinParts = append(p.joinParts, joinPart{cols: [2]*sql.Column{fl, fr}, lo: big.NewInt(0), width: 2, mul: [2]int64{1, 2}})
			p.JoinKeyWidth += 2
			for _, f := range []*sql.Column{fl, fr} {
				if f != nil {
					used[f.Index] = true
				}
			}
		}
	}
	if j.Outer {
		used[j.Unmatched] = true // the circuit proves which rows are unmatched
	}
	if p.JoinKeyWidth > MaxJoinKeyBits {
		return &sql.Error{At: j.Keys[0].Left.At, Msg: fmt.Sprintf("JOIN key of %d bits is too wide (at most %d: join on fewer or narrower columns)", p.JoinKeyWidth, MaxJoinKeyBits)}
	}
	shift := 0
	for i := len(p.joinParts) - 1; i >= 0; i-- {
		p.joinParts[i].shift = shift
		shift += p.joinParts[i].width
	}
	return nil
}

// JoinKeyTerms returns, for one side of a join (0 Left, 1 Right), its key
// columns and the offset and power-of-two scale of each in the packed key.
func (p *Plan) JoinKeyTerms(side int) (cols []*sql.Column, offsets, scales []*big.Int) {
	for _, kp := range p.joinParts {
		if kp.cols[side] == nil {
			continue
		}
		cols = append(cols, kp.cols[side])
		offsets = append(offsets, kp.lo)
		scales = append(scales, new(big.Int).Lsh(big.NewInt(kp.mul[side]), uint(kp.shift)))
	}
	return cols, offsets, scales
}

// PackJoinKey packs one side's key values of a row (values by combined
// column index).
func (p *Plan) PackJoinKey(side int, row func(c int) *big.Int) *big.Int {
	k := new(big.Int)
	cols, offsets, scales := p.JoinKeyTerms(side)
	for i, c := range cols {
		v := new(big.Int).Sub(row(c.Index), offsets[i])
		k.Add(k, v.Mul(v, scales[i]))
	}
	return k
}

// SideColumns returns, for one side of a join, the circuit columns (indexes
// into Columns) that are that table's.
func (p *Plan) SideColumns(side int) []int {
	var out []int
	for j, c := range p.Columns {
		if p.Query.Join.Side(c) == side {
			out = append(out, j)
		}
	}
	return out
}

// Opened returns the circuit columns whose values a segment proof opens
// from table commitments: every one but an outer join's Unmatched column,
// which no table holds (its Y is 0).
func (p *Plan) Opened() []int {
	var out []int
	for j, c := range p.Columns {
		if jn := p.Query.Join; jn == nil || jn.Side(c) != 2 {
			out = append(out, j)
		}
	}
	return out
}

// GroupKeyFromRight reports whether a grouped join plan's key is the Right
// table's alone: every GROUP BY (and COUNT(DISTINCT)) key column is a
// Right column or an outer join's Unmatched flag. Then a joined row's key
// is a function of the Right row it matched (or of none, for an unmatched
// row of a LEFT JOIN), so a segment pair has at most as many groups as
// the Right segment has rows, plus one.
func (p *Plan) GroupKeyFromRight() bool {
	j := p.Query.Join
	if j == nil || !p.Grouped || len(p.keyParts) == 0 {
		return false
	}
	for _, kp := range p.keyParts {
		if j.Side(kp.col.Index) == 0 {
			return false
		}
	}
	return true
}
