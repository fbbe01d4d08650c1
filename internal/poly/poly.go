// Package poly is the polynomial arithmetic over BN254's scalar field that
// a prover needs for Bézout cofactors: products of linear factors (a
// product tree, multiplied with FFTs when large), division by a monic
// polynomial, and inversion modulo one.
package poly

import (
	"errors"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
)

// Poly is a polynomial by its coefficients, the constant first.
type Poly []fr.Element

// ErrNotCoprime is returned when a polynomial has no inverse modulo another.
var ErrNotCoprime = errors.New("poly: the polynomials share a root")

// naiveBelow is the product size under which Mul multiplies term by term.
const naiveBelow = 64

// Degree returns the degree of p (−1 for the zero polynomial).
func (p Poly) Degree() int {
	for d := len(p) - 1; d >= 0; d-- {
		if !p[d].IsZero() {
			return d
		}
	}
	return -1
}

// trim drops leading zero coefficients.
func (p Poly) trim() Poly { return p[:p.Degree()+1] }

// Eval returns p(x).
func (p Poly) Eval(x fr.Element) fr.Element {
	var y fr.Element
	for i := len(p) - 1; i >= 0; i-- {
		y.Mul(&y, &x)
		y.Add(&y, &p[i])
	}
	return y
}

// Mul returns a·b.
func Mul(a, b Poly) Poly {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	size := len(a) + len(b) - 1
	if min(len(a), len(b)) < naiveBelow {
		out := make(Poly, size)
		var t fr.Element
		for i := range a {
			if a[i].IsZero() {
				continue
			}
			for j := range b {
				t.Mul(&a[i], &b[j])
				out[i+j].Add(&out[i+j], &t)
			}
		}
		return out
	}
	m := uint64(1) << bits.Len(uint(size-1))
	dom := fft.NewDomain(m)
	fa, fb := make([]fr.Element, m), make([]fr.Element, m)
	copy(fa, a)
	copy(fb, b)
	dom.FFT(fa, fft.DIF)
	dom.FFT(fb, fft.DIF)
	for i := range fa {
		fa[i].Mul(&fa[i], &fb[i])
	}
	dom.FFTInverse(fa, fft.DIT)
	return Poly(fa[:size])
}

// FromRoots returns the monic Π (X − r) over roots, by a product tree.
func FromRoots(roots []fr.Element) Poly {
	if len(roots) == 0 {
		return Poly{fr.One()}
	}
	level := make([]Poly, len(roots))
	for i := range roots {
		var c fr.Element
		c.Neg(&roots[i])
		level[i] = Poly{c, fr.One()}
	}
	for len(level) > 1 {
		next := make([]Poly, (len(level)+1)/2)
		for i := range next {
			if 2*i+1 < len(level) {
				next[i] = Mul(level[2*i], level[2*i+1])
			} else {
				next[i] = level[2*i]
			}
		}
		level = next
	}
	return level[0]
}

// divide returns q, r with a = q·b + r, deg r < deg b (b nonzero): term
// by term when the quotient or the divisor is short, else by a Newton
// inverse of b reversed (O(N log N) with FFT products).
func divide(a, b Poly) (q, r Poly) {
	b = b.trim()
	db := len(b) - 1
	r = append(Poly{}, a...).trim()
	if len(r) <= db {
		return nil, r
	}
	if k := len(r) - db; k >= naiveBelow && db >= naiveBelow {
		return divideNewton(r, b)
	}
	return divideTermByTerm(r, b)
}

// divideTermByTerm divides a (trimmed, deg a ≥ deg b) by b (trimmed) by
// long division.
func divideTermByTerm(a, b Poly) (q, r Poly) {
	db := len(b) - 1
	r = append(Poly{}, a...)
	var lead fr.Element
	lead.Inverse(&b[db])
	q = make(Poly, len(r)-db)
	var c, t fr.Element
	for d := len(r) - 1; d >= db; d-- {
		c.Mul(&r[d], &lead)
		q[d-db] = c
		if c.IsZero() {
			continue
		}
		for k := 0; k <= db; k++ {
			t.Mul(&c, &b[k])
			r[d-db+k].Sub(&r[d-db+k], &t)
		}
	}
	return q, r[:db].trim()
}

// divideNewton divides a (trimmed, deg a ≥ deg b) by b (trimmed): the
// quotient's reverse is a's reverse times the inverse of b's reverse, as
// power series to the quotient's length.
func divideNewton(a, b Poly) (q, r Poly) {
	db := len(b) - 1
	k := len(a) - db // the quotient's length
	ra, rb := reverse(a), reverse(b)
	q = reverse(truncate(Mul(truncate(ra, k), inverseSeries(rb, k)), k))
	qb := Mul(q, b)
	r = make(Poly, db)
	for i := range r {
		r[i].Sub(&a[i], &qb[i])
	}
	return q, r.trim()
}

// inverseSeries returns f⁻¹ mod X^k for f[0] nonzero, by Newton iteration
// g ← g·(2 − f·g) mod X^(2l).
func inverseSeries(f Poly, k int) Poly {
	var g0 fr.Element
	g0.Inverse(&f[0])
	g := Poly{g0}
	for l := 1; l < k; {
		l = min(2*l, k)
		e := truncate(Mul(truncate(f, l), g), l)
		for i := range e {
			e[i].Neg(&e[i])
		}
		two := fr.NewElement(2)
		e[0].Add(&e[0], &two)
		g = truncate(Mul(g, e), l)
	}
	return g
}

// reverse returns p's coefficients in reverse order.
func reverse(p Poly) Poly {
	out := make(Poly, len(p))
	for i := range p {
		out[len(p)-1-i] = p[i]
	}
	return out
}

// truncate returns p mod X^k (a copy's prefix, zero-padded to k).
func truncate(p Poly, k int) Poly {
	out := make(Poly, k)
	copy(out, p)
	return out
}

// InverseMod returns a⁻¹ mod m (degree below m's), or ErrNotCoprime.
func InverseMod(a, m Poly) (Poly, error) {
	_, a = divide(a, m)
	// extended Euclid on (m, a), tracking s with s·a ≡ r (mod m)
	rPrev, rCur := m.trim(), a.trim()
	sPrev, sCur := Poly{}, Poly{fr.One()}
	for rCur.Degree() > 0 {
		q, rem := divide(rPrev, rCur)
		sNext := sub(sPrev, Mul(q, sCur))
		rPrev, rCur = rCur, rem
		sPrev, sCur = sCur, sNext
	}
	if rCur.Degree() < 0 {
		return nil, ErrNotCoprime
	}
	var inv fr.Element
	inv.Inverse(&rCur[0])
	out := make(Poly, len(sCur))
	for i := range sCur {
		out[i].Mul(&sCur[i], &inv)
	}
	_, out = divide(out, m)
	return out, nil
}

// sub returns a − b.
func sub(a, b Poly) Poly {
	out := make(Poly, max(len(a), len(b)))
	copy(out, a)
	for i := range b {
		out[i].Sub(&out[i], &b[i])
	}
	return out
}

// Bezout returns a and b with a·p + b·z = 1, deg a < deg z and deg b <
// deg p, for z of positive degree; ErrNotCoprime when p and z share a root.
func Bezout(p, z Poly) (a, b Poly, err error) {
	if a, err = InverseMod(p, z); err != nil {
		return nil, nil, err
	}
	t := Mul(a, p)
	for i := range t {
		t[i].Neg(&t[i])
	}
	if len(t) == 0 {
		t = Poly{{}}
	}
	one := fr.One()
	t[0].Add(&t[0], &one)
	b, rem := divide(t, z)
	if rem.Degree() >= 0 {
		return nil, nil, errors.New("poly: Bézout cofactor division left a remainder")
	}
	return a, b, nil
}
