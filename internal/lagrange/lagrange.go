// Package lagrange computes the Lagrange polynomials of an FFT domain at a
// point, over the scalar field of any curve gnark-crypto has: a KZG
// opening's weights (package commitment) and a Groth16 setup's values at
// τ (package proofsys).
package lagrange

import (
	"math/big"

	"github.com/provensql/provensql/internal/batchmul"
)

// field is the part of gnark-crypto's fr.Element At needs.
type field[E any] interface {
	*E
	Mul(a, b *E) *E
	Sub(a, b *E) *E
	Exp(x E, k *big.Int) *E
	SetOne() *E
}

// At returns L_0(z), …, L_{m−1}(z): the first m (≤ n) Lagrange polynomials
// of the domain of size n, generator omega and 1/n invN, at z,
// L_i(z) = ω^i·(z^n − 1)/(n·(z − ω^i)). Each range of rows has its
// denominators inverted in one batch of its own (batchInvert, which maps 0
// to 0: every value is 0 when z is in the domain), the ranges in parallel.
func At[E any, PE field[E]](n, m int, omega, invN, z E, batchInvert func([]E) []E) []E {
	var scale, one E // (z^n − 1)/n
	PE(&one).SetOne()
	PE(&scale).Exp(z, big.NewInt(int64(n)))
	PE(&scale).Sub(&scale, &one)
	PE(&scale).Mul(&scale, &invN)
	l := make([]E, m)
	batchmul.Parallel(m, func(lo, hi int) {
		var w E // ω^i
		PE(&w).Exp(omega, big.NewInt(int64(lo)))
		for i := lo; i < hi; i++ {
			PE(&l[i]).Sub(&z, &w)
			PE(&w).Mul(&w, &omega)
		}
		copy(l[lo:hi], batchInvert(l[lo:hi]))
		PE(&w).Exp(omega, big.NewInt(int64(lo)))
		PE(&w).Mul(&w, &scale)
		for i := lo; i < hi; i++ {
			PE(&l[i]).Mul(&l[i], &w)
			PE(&w).Mul(&w, &omega)
		}
	})
	return l
}
