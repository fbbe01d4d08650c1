package bench

import (
	"fmt"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fft377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761"
	frbw6 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	fftbw6 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/fft"
	groth16bls12377 "github.com/consensys/gnark/backend/groth16/bls12-377"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	groth16bw6761 "github.com/consensys/gnark/backend/groth16/bw6-761"
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
// seven FFTs of the quotient computation of a Groth16 proving key over
// BN254, BLS12-377 (the one-check path's segments) or BW6-761 (its
// aggregator).
func MeasureKernels(pkAny any) (Kernels, error) {
	switch pk := pkAny.(type) {
	case *groth16bn254.ProvingKey:
		return timeKernels([][]bn254.G1Affine{pk.G1.A, pk.G1.B, pk.G1.K, pk.G1.Z}, pk.G2.B,
			multiExp[bn254.G1Affine, fr.Element, bn254.G1Jac], multiExp[bn254.G2Affine, fr.Element, bn254.G2Jac], func(v []fr.Element) {
				dom := fft.NewDomain(uint64(len(v)))
				for range 3 {
					dom.FFTInverse(v, fft.DIF)
					dom.FFT(v, fft.DIT, fft.OnCoset())
				}
				dom.FFTInverse(v, fft.DIF, fft.OnCoset())
			}, int(pk.Domain.Cardinality))
	case *groth16bls12377.ProvingKey:
		return timeKernels([][]bls12377.G1Affine{pk.G1.A, pk.G1.B, pk.G1.K, pk.G1.Z}, pk.G2.B,
			multiExp[bls12377.G1Affine, fr377.Element, bls12377.G1Jac], multiExp[bls12377.G2Affine, fr377.Element, bls12377.G2Jac], func(v []fr377.Element) {
				dom := fft377.NewDomain(uint64(len(v)))
				for range 3 {
					dom.FFTInverse(v, fft377.DIF)
					dom.FFT(v, fft377.DIT, fft377.OnCoset())
				}
				dom.FFTInverse(v, fft377.DIF, fft377.OnCoset())
			}, int(pk.Domain.Cardinality))
	case *groth16bw6761.ProvingKey:
		return timeKernels([][]bw6761.G1Affine{pk.G1.A, pk.G1.B, pk.G1.K, pk.G1.Z}, pk.G2.B,
			multiExp[bw6761.G1Affine, frbw6.Element, bw6761.G1Jac], multiExp[bw6761.G2Affine, frbw6.Element, bw6761.G2Jac], func(v []frbw6.Element) {
				dom := fftbw6.NewDomain(uint64(len(v)))
				for range 3 {
					dom.FFTInverse(v, fftbw6.DIF)
					dom.FFT(v, fftbw6.DIT, fftbw6.OnCoset())
				}
				dom.FFTInverse(v, fftbw6.DIF, fftbw6.OnCoset())
			}, int(pk.Domain.Cardinality))
	}
	return Kernels{}, fmt.Errorf("bench: kernels need a Groth16 proving key over BN254, BLS12-377 or BW6-761, got %T", pkAny)
}

// multiExp is gnark-crypto's multi-exponentiation of scalars over bases
// into a point of type J (a curve group's Jacobian point).
func multiExp[A, F, J any, PJ interface {
	*J
	MultiExp([]A, []F, ecc.MultiExpConfig) (*J, error)
}](bases []A, scalars []F) error {
	var r J
	_, err := PJ(&r).MultiExp(bases, scalars, ecc.MultiExpConfig{})
	return err
}

// timeKernels times msmG1 over each of g1 and msmG2 over g2, with random
// scalars, and the quotient's FFTs (ffts) over a random vector of the
// domain's size: one curve's MeasureKernels.
func timeKernels[G1, G2, F any, PF interface {
	*F
	MustSetRandom() *F
}](g1 [][]G1, g2 []G2, msmG1 func([]G1, []F) error, msmG2 func([]G2, []F) error, ffts func([]F), domain int) (Kernels, error) {
	scalars := func(n int) []F {
		s := make([]F, n)
		for i := range s {
			PF(&s[i]).MustSetRandom()
		}
		return s
	}
	var k Kernels
	for _, bases := range g1 {
		k.PointsG1 += len(bases)
		sc := scalars(len(bases))
		t0 := time.Now()
		if err := msmG1(bases, sc); err != nil {
			return k, err
		}
		k.MSMG1 += time.Since(t0)
	}
	k.PointsG2 = len(g2)
	sc := scalars(len(g2))
	t0 := time.Now()
	if err := msmG2(g2, sc); err != nil {
		return k, err
	}
	k.MSMG2 = time.Since(t0)
	v := scalars(domain)
	t0 = time.Now()
	ffts(v)
	k.FFT = time.Since(t0)
	return k, nil
}
