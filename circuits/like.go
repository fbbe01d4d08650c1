package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// StringBytesHint splits a VARCHAR encoding (bytes left-aligned in
// schema.MaxVarcharBytes bytes) into its bytes, first byte first.
func StringBytesHint(_ *big.Int, in, out []*big.Int) error {
	v := new(big.Int).Set(in[0])
	mask := big.NewInt(0xff)
	for i := len(out) - 1; i >= 0; i-- {
		out[i].And(v, mask)
		v.Rsh(v, 8)
	}
	return nil
}

// like proves X LIKE pattern (sql.Like) on the current row: the string's
// bytes b_0 … b_26 are hinted, range-checked to 8 bits and recomposed to
// its encoding (unique: 216 bits), then
//   - a segment matches at start s when each literal run's bytes equal
//     the pattern's (one IsZero of the packed differences, unique since
//     every difference is below 256 in size) and each '_' byte is not NUL
//     (strings hold no NUL, so that is "within the string");
//   - E_k[p] says segments 0..k fit with segment k ending at p: segment 0
//     at 0 when the pattern starts without '%', later segments after some
//     end of the one before (a running OR of E_{k−1});
//   - the pattern matches when the last segment can end anywhere (trailing
//     '%') or exactly at the string's length (the first NUL byte).
func (g *gadgets) like(x *sql.Like, en frontend.Variable) frontend.Variable {
	api := g.api
	n := schema.MaxVarcharBytes
	v := g.value(x.X, en)
	bs, err := api.Compiler().NewHint(StringBytesHint, n, v)
	if err != nil {
		panic(err)
	}
	acc := frontend.Variable(0)
	for i := range bs {
		g.rc.Check(bs[i], 8)
		acc = api.Add(api.Mul(acc, 256), bs[i])
	}
	api.AssertIsEqual(acc, v)
	if len(x.Segments) == 0 {
		return g.negate(1, x.Negated)
	}
	var nz []frontend.Variable // nz[i]: byte i is in the string
	nonNul := func(i int) frontend.Variable {
		if nz == nil {
			nz = make([]frontend.Variable, n)
			for k := range nz {
				nz[k] = api.Sub(1, g.isZero(bs[k]))
			}
		}
		return nz[i]
	}
	match := func(seg []sql.LikeByte, s int) frontend.Variable {
		out := frontend.Variable(1)
		for j := 0; j < len(seg); {
			if seg[j].Any {
				out = api.Mul(out, nonNul(s+j))
				j++
				continue
			}
			d := frontend.Variable(0)
			for ; j < len(seg) && !seg[j].Any; j++ {
				d = api.Add(api.Mul(d, 256), api.Sub(bs[s+j], g.value(seg[j].Param, en)))
			}
			out = api.Mul(out, g.isZero(d))
		}
		return out
	}
	// ends[p] = E_k[p] for the segment k at hand (nil: cannot end at p)
	var prev []frontend.Variable
	for k, seg := range x.Segments {
		m := len(seg)
		ends := make([]frontend.Variable, n+1)
		var before frontend.Variable = 0 // OR of prev[q] for q ≤ s
		for s := 0; s+m <= n; s++ {
			if k > 0 && prev[s] != nil {
				before = api.Sub(api.Add(before, prev[s]), api.Mul(before, prev[s]))
			}
			switch {
			case k == 0 && x.Start && s > 0:
				continue
			case k == 0:
				ends[s+m] = match(seg, s)
			default:
				ends[s+m] = api.Mul(before, match(seg, s))
			}
		}
		prev = ends
	}
	var r frontend.Variable = 0
	for p := 0; p <= n; p++ {
		e := prev[p]
		if e == nil {
			continue
		}
		if x.End {
			// the string's length is p: byte p−1 in it, byte p not
			isLen := frontend.Variable(1)
			if p > 0 {
				isLen = nonNul(p - 1)
			}
			if p < n {
				isLen = api.Mul(isLen, api.Sub(1, nonNul(p)))
			}
			r = api.Add(r, api.Mul(e, isLen)) // at most one p is the length
			continue
		}
		r = api.Sub(api.Add(r, e), api.Mul(r, e))
	}
	return g.negate(r, x.Negated)
}

// negate returns 1 − b when neg, else b.
func (g *gadgets) negate(b frontend.Variable, neg bool) frontend.Variable {
	if neg {
		return g.api.Sub(1, b)
	}
	return b
}
