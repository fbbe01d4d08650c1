package poly

import (
	"errors"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

func random(n int) []fr.Element {
	out := make([]fr.Element, n)
	for i := range out {
		out[i].SetRandom()
	}
	return out
}

// TestFromRootsAndMul: the product tree's polynomial vanishes at every root
// and agrees with the product of the factors elsewhere, at sizes where Mul
// multiplies term by term and where it uses FFTs.
func TestFromRootsAndMul(t *testing.T) {
	for _, n := range []int{1, 2, 3, 63, 64, 65, 300, 1025} {
		roots := random(n)
		p := FromRoots(roots)
		if p.Degree() != n || !p[n].IsOne() {
			t.Fatalf("%d roots: degree %d, leading %v", n, p.Degree(), p[len(p)-1])
		}
		for _, r := range []int{0, n / 2, n - 1} {
			if v := p.Eval(roots[r]); !v.IsZero() {
				t.Fatalf("%d roots: p(root %d) = %v", n, r, v)
			}
		}
		x := random(1)[0]
		want := fr.One()
		for i := range roots {
			var d fr.Element
			d.Sub(&x, &roots[i])
			want.Mul(&want, &d)
		}
		if got := p.Eval(x); !got.Equal(&want) {
			t.Fatalf("%d roots: p(x) differs from the product", n)
		}
	}
}

// TestBezout: cofactors of coprime polynomials satisfy a·p + b·z = 1 with
// their degree bounds; polynomials sharing a root have none.
func TestBezout(t *testing.T) {
	for _, c := range []struct{ np, nz int }{{8, 2}, {100, 16}, {1024, 16}, {300, 64}, {5, 9}} {
		rp, rz := random(c.np), random(c.nz)
		p, z := FromRoots(rp), FromRoots(rz)
		a, b, err := Bezout(p, z)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if a.Degree() >= c.nz || b.Degree() >= c.np {
			t.Fatalf("%+v: degrees %d, %d", c, a.Degree(), b.Degree())
		}
		for k := 0; k < 3; k++ {
			x := random(1)[0]
			ap, pz := a.Eval(x), b.Eval(x)
			pv, zv := p.Eval(x), z.Eval(x)
			ap.Mul(&ap, &pv)
			pz.Mul(&pz, &zv)
			ap.Add(&ap, &pz)
			if !ap.IsOne() {
				t.Fatalf("%+v: a·p + b·z ≠ 1", c)
			}
		}
		// a shared root
		rz[c.nz-1] = rp[c.np/2]
		if _, _, err := Bezout(p, FromRoots(rz)); !errors.Is(err, ErrNotCoprime) {
			t.Fatalf("%+v: shared root: %v", c, err)
		}
	}
}

// TestDivideNewtonMatchesTermByTerm: the Newton division and the term by
// term one give the same quotient and remainder.
func TestDivideNewtonMatchesTermByTerm(t *testing.T) {
	for _, c := range []struct{ na, nb int }{{200, 70}, {1000, 64}, {5000, 300}, {4097, 2049}} {
		a, b := Poly(random(c.na)), FromRoots(random(c.nb-1))
		b[0].SetRandom() // not monic, not vanishing at 0
		q, r := divideNewton(a, b)
		// term by term
		bq, br := divideTermByTerm(a, b)
		for i := range bq {
			if !q[i].Equal(&bq[i]) {
				t.Fatalf("%+v: quotient coefficient %d differs", c, i)
			}
		}
		if len(q) != len(bq) || r.Degree() != br.Degree() {
			t.Fatalf("%+v: lengths %d/%d, remainder degrees %d/%d", c, len(q), len(bq), r.Degree(), br.Degree())
		}
		for i := 0; i <= r.Degree(); i++ {
			if !r[i].Equal(&br[i]) {
				t.Fatalf("%+v: remainder coefficient %d differs", c, i)
			}
		}
	}
}
