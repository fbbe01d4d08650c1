package commitment

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
)

// hornerOfValues evaluates at z the polynomial taking values over the
// domain of len(values) rows: its coefficients by an inverse FFT, then
// Horner's rule — the reference EvaluateColumns must agree with.
func hornerOfValues(values []fr.Element, z fr.Element) fr.Element {
	return horner(coefficients(fft.NewDomain(uint64(len(values))), values), z)
}

// TestEvaluateColumnsInRanges: the evaluations at z, summed range by range
// on every core with each range's denominators inverted in a batch of its
// own, are the polynomials' values at z — for columns of several lengths,
// a column shorter than its domain (EvaluateLagrangeColumns), ranges of
// uneven sizes, and z in the domain (every weight 0).
func TestEvaluateColumnsInRanges(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	column := func(n, seed int) []fr.Element {
		c := make([]fr.Element, n)
		for i := range c {
			c[i].SetUint64(uint64(i*i*seed + 7*seed + 1))
		}
		return c
	}
	var z fr.Element
	z.SetUint64(123456789)
	for _, procs := range []int{1, 3, 8} {
		t.Run(fmt.Sprintf("%d cores", procs), func(t *testing.T) {
			runtime.GOMAXPROCS(procs)
			cols := [][]fr.Element{column(64, 1), column(16, 2), column(64, 3), column(2, 4)}
			got := EvaluateColumns(cols, z)
			for j, c := range cols {
				if want := hornerOfValues(c, z); !got[j].Equal(&want) {
					t.Errorf("column %d of %d rows: %s, want %s", j, len(c), got[j].String(), want.String())
				}
			}
			// 40 values over a domain of 64: the rest zero
			short := column(40, 5)
			padded := append(append([]fr.Element(nil), short...), make([]fr.Element, 24)...)
			gotShort := EvaluateLagrangeColumns(64, [][]fr.Element{short, padded}, z)
			want := hornerOfValues(padded, z)
			if !gotShort[0].Equal(&want) || !gotShort[1].Equal(&want) {
				t.Errorf("a column shorter than its domain: %s and %s, want %s", gotShort[0].String(), gotShort[1].String(), want.String())
			}
			inDomain := RowPoint(64, 9)
			for i, w := range LagrangeAt(64, 64, inDomain) {
				if !w.IsZero() {
					t.Fatalf("z in the domain: weight %d is %s, want 0", i, w.String())
				}
			}
		})
	}
}
