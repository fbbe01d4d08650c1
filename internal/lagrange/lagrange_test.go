package lagrange

import (
	"math/big"

	"testing"

	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	fft_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	fft_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/fft"
)

// TestAtInterpolates: Σ_i f(ω^i)·L_i(z) is f(z) for a polynomial f of
// degree below n, over BN254's and BW6-761's scalar fields, for the whole
// domain and for its first m rows (f zero on the others), and every
// L_i(z) is 0 at a point of the domain.
func TestAtInterpolates(t *testing.T) {
	t.Run("BN254", func(t *testing.T) {
		dom := fft_bn254.NewDomain(16)
		checkAt(t, 16, dom.Generator, dom.CardinalityInv, fr_bn254.BatchInvert)
	})
	t.Run("BW6-761", func(t *testing.T) {
		dom := fft_bw6761.NewDomain(16)
		checkAt(t, 16, dom.Generator, dom.CardinalityInv, fr_bw6761.BatchInvert)
	})
}

func checkAt[E any, PE interface {
	field[E]
	Add(a, b *E) *E
	Equal(*E) bool
	IsZero() bool
	MustSetRandom() *E
}](t *testing.T, n int, omega, invN E, batchInvert func([]E) []E) {
	t.Helper()
	var z E
	PE(&z).MustSetRandom()
	// f(X) = Π_{k ≥ m} (X − ω^k), zero on every row from m on, degree n − m
	for _, m := range []int{n, 5} {
		f := func(x E) E {
			var r, w E
			PE(&r).SetOne()
			PE(&w).Exp(omega, bigInt(m))
			for k := m; k < n; k++ {
				var d E
				PE(&d).Sub(&x, &w)
				PE(&r).Mul(&r, &d)
				PE(&w).Mul(&w, &omega)
			}
			return r
		}
		l := At[E, PE](n, m, omega, invN, z, batchInvert)
		var sum, w E
		PE(&w).SetOne()
		for i := range l {
			fi := f(w)
			var term E
			PE(&term).Mul(&fi, &l[i])
			PE(&sum).Add(&sum, &term)
			PE(&w).Mul(&w, &omega)
		}
		if want := f(z); !PE(&sum).Equal(&want) {
			t.Fatalf("m = %d: Σ f(ω^i)·L_i(z) differs from f(z)", m)
		}
	}
	for i, v := range At[E, PE](n, n, omega, invN, omega, batchInvert) {
		if !PE(&v).IsZero() {
			t.Fatalf("L_%d(ω) is not 0 (z in the domain)", i)
		}
	}
}

func bigInt(v int) *big.Int { return big.NewInt(int64(v)) }
