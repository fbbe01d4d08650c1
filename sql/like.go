package sql

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/provensql/provensql/schema"
)

// Like is X LIKE pattern for a pattern with wildcards inside it (a literal
// or a literal with one trailing % binds to = or a range instead). The
// pattern is split at its '%'s into Segments, each a run of bytes: a
// literal byte (a TINYINT UNSIGNED parameter) or '_' (any one byte).
// Start is true when the pattern does not begin with '%' (the first
// segment sits at the string's start), End when it does not end with one
// (the last segment ends the string). Matching is bytewise and
// case-sensitive; '_' matches one byte (one character in ASCII).
type Like struct {
	X          Expr
	Segments   [][]LikeByte
	Start, End bool
	Negated    bool
	At         Pos
}

// LikeByte is one byte of a LIKE segment: Any for '_', else the literal
// byte's parameter.
type LikeByte struct {
	Any   bool
	Param *Param
}

// Kind implements Expr.
func (*Like) Kind() Kind { return KindPredicate }

// Position implements Expr.
func (l *Like) Position() Pos { return l.At }

// Match reports whether string s (its bytes) matches the pattern, given
// the parameter values: the reference semantics the circuit proves.
func (l *Like) Match(s []byte, params []*big.Int) bool {
	match := func(seg []LikeByte, at int) bool {
		if at+len(seg) > len(s) {
			return false
		}
		for j, c := range seg {
			if !c.Any && int64(s[at+j]) != params[c.Param.Slot].Int64() {
				return false
			}
		}
		return true
	}
	pos := 0 // earliest place the next segment may start
	for k, seg := range l.Segments {
		last := k == len(l.Segments)-1
		switch {
		case k == 0 && l.Start:
			if !match(seg, 0) {
				return false
			}
			pos = len(seg)
			if last && l.End {
				return pos == len(s)
			}
			continue
		case last && l.End:
			// the last segment ends the string, after the earlier ones
			at := len(s) - len(seg)
			return at >= pos && match(seg, at)
		}
		found := false
		for at := pos; at+len(seg) <= len(s); at++ { // leftmost, so later segments have the most room
			if match(seg, at) {
				pos, found = at+len(seg), true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// bindLikePattern binds LIKE with a pattern that has wildcards inside it.
func (b *binder) bindLikePattern(x Expr, pat string, esc byte, negated bool, at Pos) (Expr, error) {
	l := &Like{X: x, Negated: negated, At: at}
	var segs [][]LikeByte
	cur := []LikeByte{}
	lastPct := false
	l.Start = pat == "" || pat[0] != '%'
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == esc && i+1 < len(pat):
			i++
			c = pat[i]
			fallthrough
		default:
			if c == 0 {
				return nil, &Error{At: at, Msg: fmt.Sprintf("LIKE pattern %q has a NUL byte", pat)}
			}
			cur = append(cur, LikeByte{Param: b.constParam(int64(c), schema.TinyIntUnsigned, at).(*Param)})
			lastPct = false
		case c == '%':
			if len(cur) > 0 {
				segs = append(segs, cur)
			}
			cur = []LikeByte{}
			lastPct = true
		case c == '_':
			cur = append(cur, LikeByte{Any: true})
			lastPct = false
		}
	}
	if len(cur) > 0 {
		segs = append(segs, cur)
	}
	l.End = !lastPct
	l.Segments = segs
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	if n > schema.MaxVarcharBytes {
		return nil, &Error{At: at, Msg: fmt.Sprintf("LIKE pattern %q needs more than %d bytes: no string matches it", pat, schema.MaxVarcharBytes)}
	}
	if len(segs) > 4 {
		return nil, &Error{At: at, Msg: fmt.Sprintf("LIKE pattern %q has %d parts between %%s (at most 4)", pat, len(segs))}
	}
	return l, nil
}

// Shape is the pattern's structure for a query's shape: '%', '_' and the
// parameter slot of each literal byte (not the bytes, which are parameters).
func (l *Like) Shape() string {
	var b strings.Builder
	if !l.Start {
		b.WriteByte('%')
	}
	for k, seg := range l.Segments {
		if k > 0 {
			b.WriteByte('%')
		}
		for _, c := range seg {
			if c.Any {
				b.WriteByte('_')
			} else {
				fmt.Fprintf(&b, "p%d", c.Param.Slot)
			}
		}
	}
	if !l.End {
		b.WriteByte('%')
	}
	return b.String()
}
