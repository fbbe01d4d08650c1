package bench

import (
	"fmt"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

// Kernels is the time gnark-crypto spends, in this process, on the MSMs and
// FFTs a Groth16 proof of a circuit needs, with random scalars over the
// proving key's own bases: the floor a prover's time is compared with.
type Kernels struct {
	MSMG1, MSMG2, FFT time.Duration
	// PointsG1 and PointsG2 are the points a proof's MSMs run over: G1's
	// A, B, K and Z bases, G2's B basis.
	PointsG1, PointsG2 int
}

// Total is the sum of the kernel times.
func (k Kernels) Total() time.Duration { return k.MSMG1 + k.MSMG2 + k.FFT }

// MeasureKernels times the G1 MSMs (A, B, K, Z), the G2 MSM (B) and the
// seven FFTs of the quotient computation of a Groth16 proving key.
func MeasureKernels(pkAny any) (Kernels, error) {
	pk, ok := pkAny.(*groth16bn254.ProvingKey)
	if !ok {
		return Kernels{}, fmt.Errorf("bench: kernels need a BN254 Groth16 proving key, got %T", pkAny)
	}
	k := Kernels{PointsG1: len(pk.G1.A) + len(pk.G1.B) + len(pk.G1.K) + len(pk.G1.Z), PointsG2: len(pk.G2.B)}
	scalars := func(n int) []fr.Element {
		s := make([]fr.Element, n)
		for i := range s {
			s[i].MustSetRandom()
		}
		return s
	}
	for _, bases := range [][]bn254.G1Affine{pk.G1.A, pk.G1.B, pk.G1.K, pk.G1.Z} {
		sc := scalars(len(bases))
		t0 := time.Now()
		var r bn254.G1Jac
		if _, err := r.MultiExp(bases, sc, ecc.MultiExpConfig{}); err != nil {
			return k, err
		}
		k.MSMG1 += time.Since(t0)
	}
	sc := scalars(len(pk.G2.B))
	t0 := time.Now()
	var r2 bn254.G2Jac
	if _, err := r2.MultiExp(pk.G2.B, sc, ecc.MultiExpConfig{}); err != nil {
		return k, err
	}
	k.MSMG2 = time.Since(t0)
	n := pk.Domain.Cardinality
	dom := fft.NewDomain(n)
	v := scalars(int(n))
	t0 = time.Now()
	for i := 0; i < 3; i++ {
		dom.FFTInverse(v, fft.DIF)
		dom.FFT(v, fft.DIT, fft.OnCoset())
	}
	dom.FFTInverse(v, fft.DIF, fft.OnCoset())
	k.FFT = time.Since(t0)
	return k, nil
}
