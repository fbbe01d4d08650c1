package circuits

import (
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fft_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	fft_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
)

// TestScalarFields: each field the circuits take inverts, divides and
// builds its FFT domains as big.Int arithmetic modulo its own p does (and
// as gnark-crypto's domains are), and fieldOf refuses another modulus.
func TestScalarFields(t *testing.T) {
	generators := map[ecc.ID]*big.Int{
		ecc.BN254:     fft_bn254.NewDomain(1 << 10).Generator.BigInt(new(big.Int)),
		ecc.BLS12_377: fft_bls12377.NewDomain(1 << 10).Generator.BigInt(new(big.Int)),
	}
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		t.Run(curve.String(), func(t *testing.T) {
			p := curve.ScalarField()
			f, err := fieldOf(p)
			if err != nil {
				t.Fatal(err)
			}
			pm1 := new(big.Int).Sub(p, big.NewInt(1))
			in := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(3), pm1, new(big.Int).Rsh(p, 7)}
			out := newBigs(len(in))
			f.inverseOrZero(in, out)
			for i, x := range in {
				want := new(big.Int)
				if x.Sign() != 0 {
					want.ModInverse(x, p)
				}
				if out[i].Cmp(want) != 0 {
					t.Errorf("1/%s = %s, want %s", x, out[i], want)
				}
			}
			// 7/3, 5/(p − 1), 9/0
			q := newBigs(3)
			if err := f.quotients([]*big.Int{big.NewInt(3), pm1, big.NewInt(0)}, []*big.Int{big.NewInt(0), big.NewInt(7), big.NewInt(1), big.NewInt(5), big.NewInt(2), big.NewInt(9)}, q); err != nil {
				t.Fatal(err)
			}
			for i, want := range []*big.Int{
				new(big.Int).Mod(new(big.Int).Mul(big.NewInt(7), new(big.Int).ModInverse(big.NewInt(3), p)), p),
				new(big.Int).Sub(p, big.NewInt(5)),
				big.NewInt(0),
			} {
				if q[i].Cmp(want) != 0 {
					t.Errorf("quotient %d = %s, want %s", i, q[i], want)
				}
			}
			for _, l := range []int{1, 4, 10} {
				points, invN := f.domain(l)
				n := big.NewInt(int64(len(points)))
				if len(points) != 1<<l || points[0].Cmp(big.NewInt(1)) != 0 {
					t.Fatalf("2^%d: %d points from %s", l, len(points), points[0])
				}
				omega := points[1%len(points)]
				if l == 10 && omega.Cmp(generators[curve]) != 0 {
					t.Errorf("2^10: ω = %s, gnark-crypto's %s", omega, generators[curve])
				}
				if new(big.Int).Exp(omega, n, p).Cmp(big.NewInt(1)) != 0 || new(big.Int).Exp(omega, new(big.Int).Rsh(n, 1), p).Cmp(big.NewInt(1)) == 0 {
					t.Errorf("2^%d: ω is not of order 2^%d", l, l)
				}
				for i := 1; i < len(points); i++ {
					if want := new(big.Int).Mod(new(big.Int).Mul(points[i-1], omega), p); points[i].Cmp(want) != 0 {
						t.Fatalf("2^%d: point %d is not ω^%d", l, i, i)
					}
				}
				if new(big.Int).Mod(new(big.Int).Mul(invN, n), p).Cmp(big.NewInt(1)) != 0 {
					t.Errorf("2^%d: 2^−%d·2^%d ≠ 1", l, l, l)
				}
			}
		})
	}
	if _, err := fieldOf(ecc.BW6_761.ScalarField()); err == nil || !strings.Contains(err.Error(), "BLS12-377") {
		t.Errorf("BW6-761's field: %v, want an error naming the fields taken", err)
	}
}

// TestSignedHintsOverBLS12377: the hints that read signed values decode
// them in the field they are solved in (−3 is r − 3 over BLS12-377, not
// BN254's p − 3).
func TestSignedHintsOverBLS12377(t *testing.T) {
	r := ecc.BLS12_377.ScalarField()
	neg := func(v int64) *big.Int { return new(big.Int).Sub(r, big.NewInt(v)) }
	out := newBigs(1)
	if err := LessThanHint(r, []*big.Int{neg(3), big.NewInt(2)}, out); err != nil || out[0].Int64() != 1 {
		t.Errorf("−3 < 2: %s, %v", out[0], err)
	}
	if err := LessThanHint(r, []*big.Int{big.NewInt(2), neg(3)}, out); err != nil || out[0].Int64() != 0 {
		t.Errorf("2 < −3: %s, %v", out[0], err)
	}
	qr := newBigs(2)
	if err := DivModHint(r, []*big.Int{neg(7), big.NewInt(2), big.NewInt(1)}, qr); err != nil {
		t.Fatal(err)
	}
	if qr[0].Cmp(neg(3)) != 0 || qr[1].Cmp(neg(1)) != 0 { // trunc(−7/2) = −3, remainder −1
		t.Errorf("−7 div 2 = %s, %s, want r − 3, r − 1", qr[0], qr[1])
	}
	inv := newBigs(2)
	if err := InverseOrZeroHint(r, []*big.Int{big.NewInt(2), big.NewInt(0)}, inv); err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).ModInverse(big.NewInt(2), r); inv[0].Cmp(want) != 0 || inv[1].Sign() != 0 {
		t.Errorf("1/2, 1/0 over BLS12-377: %s, %s", inv[0], inv[1])
	}
	if err := InverseOrZeroHint(ecc.BW6_761.ScalarField(), []*big.Int{big.NewInt(2)}, inv[:1]); err == nil {
		t.Error("the inverses hint took BW6-761's field")
	}
}

func newBigs(n int) []*big.Int {
	out := make([]*big.Int, n)
	for i := range out {
		out[i] = new(big.Int)
	}
	return out
}

// TestDeriveChallengeIn: over BN254's field it is DeriveChallenge; over
// BLS12-377's a value of that field (and another one); no other field.
func TestDeriveChallengeIn(t *testing.T) {
	z := new(big.Int).Lsh(big.NewInt(12345), 200)
	bn, err := DeriveChallengeIn(ecc.BN254.ScalarField(), z, "row beta")
	if err != nil || bn.Cmp(DeriveChallenge(z, "row beta")) != 0 {
		t.Fatalf("BN254: %v, %v; DeriveChallenge %v", bn, err, DeriveChallenge(z, "row beta"))
	}
	r := ecc.BLS12_377.ScalarField()
	bls, err := DeriveChallengeIn(r, z, "row beta")
	if err != nil || bls.Cmp(r) >= 0 || bls.Sign() == 0 || bls.Cmp(bn) == 0 {
		t.Fatalf("BLS12-377: %v, %v (BN254's %v)", bls, err, bn)
	}
	if other, _ := DeriveChallengeIn(r, z, "group beta"); other.Cmp(bls) == 0 {
		t.Error("two names gave one challenge")
	}
	if _, err := DeriveChallengeIn(ecc.BW6_761.ScalarField(), z, "row beta"); err == nil {
		t.Error("BW6-761's field taken")
	}
}
