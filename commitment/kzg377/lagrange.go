package kzg377

import (
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/internal/lagrangefile"
)

// SetLagrangeCache makes an SRS read from points (ReadSRS, FromKZG) load
// the Lagrange bases it needs from c before computing them by an FFT over
// G1 (30 s for 2^16 points on two cores), and store those it computes
// there. A cached basis is used only if it was computed from this SRS's
// points and passes decodeLagrange's checks; otherwise it is computed
// again and replaced. An SRS that keeps τ computes its bases from τ and
// uses no cache.
func (s *SRS) SetLagrangeCache(c commitment.LagrangeCache) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache = c
}

// lagrangeCodec encodes BLS12-377 Lagrange bases for the cache
// (internal/lagrangefile).
var lagrangeCodec = lagrangefile.Curve[bls12377.G1Affine]{
	Magic:     []byte("provensql-lagrange377-v1"),
	PointSize: bls12377.SizeOfG1AffineUncompressed,
	Raw:       func(p *bls12377.G1Affine) []byte { b := p.RawBytes(); return b[:] },
	SetBytes:  func(p *bls12377.G1Affine, b []byte) error { _, err := p.SetBytes(b); return err },
	SameBasis: sameBasis,
}

// encodeLagrange encodes the basis l of size n (lagrangeCodec).
func (s *SRS) encodeLagrange(n int, l []bls12377.G1Affine) []byte {
	return lagrangeCodec.Encode(l, s.monomial[:n])
}

// decodeLagrange reads a basis encodeLagrange encoded and checks it
// (lagrangefile.Curve.Decode): its size and monomial digest are this
// SRS's, every point is on the curve and in G1, and sameBasis holds.
func (s *SRS) decodeLagrange(n int, b []byte) ([]bls12377.G1Affine, error) {
	l, err := lagrangeCodec.Decode(b, s.monomial[:n])
	if err != nil {
		return nil, fmt.Errorf("kzg377: %w", err)
	}
	return l, nil
}

// sameBasis checks that l is the Lagrange basis of the monomial points:
// for a random polynomial P of degree < n, Σ P(ω^i)·[L_i(τ)]₁ =
// Σ p_k·[τ^k]₁ — two MSMs, which a wrong, missing or misplaced point fails
// but with negligible probability.
func sameBasis(l, monomial []bls12377.G1Affine) error {
	n := len(l)
	coeffs := make([]fr.Element, n)
	for i := range coeffs {
		if _, err := coeffs[i].SetRandom(); err != nil {
			return fmt.Errorf("kzg377: randomness: %w", err)
		}
	}
	values := append([]fr.Element(nil), coeffs...)
	fft.NewDomain(uint64(n)).FFT(values, fft.DIF)
	fft.BitReverse(values) // values[i] = P(ω^i)
	var lhs, rhs bls12377.G1Affine
	if _, err := lhs.MultiExp(l, values, ecc.MultiExpConfig{}); err != nil {
		return err
	}
	if _, err := rhs.MultiExp(monomial, coeffs, ecc.MultiExpConfig{}); err != nil {
		return err
	}
	if !lhs.Equal(&rhs) {
		return errors.New("kzg377: the Lagrange points are not this SRS's basis")
	}
	return nil
}
