package kzg377

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"

	"github.com/provensql/provensql/commitment"
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

// lagrangeMagic heads an encoded basis.
var lagrangeMagic = []byte("provensql-lagrange377-v1")

// monomialDigest identifies the points a basis of size n is computed
// from: SHA-256 of [τ^0]₁ … [τ^(n−1)]₁.
func (s *SRS) monomialDigest(n int) [32]byte {
	h := sha256.New()
	for i := range n {
		b := s.monomial[i].RawBytes()
		h.Write(b[:])
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// encodeLagrange encodes the basis l of size n: magic, n, the monomial
// digest, then the points uncompressed.
func (s *SRS) encodeLagrange(n int, l []bls12377.G1Affine) []byte {
	out := make([]byte, 0, len(lagrangeMagic)+8+32+n*bls12377.SizeOfG1AffineUncompressed)
	out = append(out, lagrangeMagic...)
	out = binary.BigEndian.AppendUint64(out, uint64(n))
	d := s.monomialDigest(n)
	out = append(out, d[:]...)
	for i := range l {
		b := l[i].RawBytes()
		out = append(out, b[:]...)
	}
	return out
}

// decodeLagrange reads a basis encodeLagrange encoded and checks it: its
// size and monomial digest are this SRS's, every point is on the curve
// and in G1, and for a random polynomial P of degree < n,
// Σ P(ω^i)·[L_i(τ)]₁ = [P(τ)]₁ = Σ p_k·[τ^k]₁ — two MSMs, which a wrong,
// missing or misplaced point fails but with negligible probability.
func (s *SRS) decodeLagrange(n int, b []byte) ([]bls12377.G1Affine, error) {
	head := len(lagrangeMagic) + 8 + 32
	if len(b) != head+n*bls12377.SizeOfG1AffineUncompressed || !bytes.Equal(b[:len(lagrangeMagic)], lagrangeMagic) {
		return nil, errors.New("kzg377: not a Lagrange basis of this size")
	}
	if binary.BigEndian.Uint64(b[len(lagrangeMagic):]) != uint64(n) {
		return nil, errors.New("kzg377: a Lagrange basis of another size")
	}
	if d := s.monomialDigest(n); !bytes.Equal(b[len(lagrangeMagic)+8:head], d[:]) {
		return nil, errors.New("kzg377: a Lagrange basis of another SRS")
	}
	l := make([]bls12377.G1Affine, n)
	for i := range l {
		off := head + i*bls12377.SizeOfG1AffineUncompressed
		if _, err := l[i].SetBytes(b[off : off+bls12377.SizeOfG1AffineUncompressed]); err != nil {
			return nil, fmt.Errorf("kzg377: Lagrange point %d: %w", i, err)
		}
	}
	coeffs := make([]fr.Element, n)
	for i := range coeffs {
		if _, err := coeffs[i].SetRandom(); err != nil {
			return nil, fmt.Errorf("kzg377: randomness: %w", err)
		}
	}
	values := append([]fr.Element(nil), coeffs...)
	fft.NewDomain(uint64(n)).FFT(values, fft.DIF)
	fft.BitReverse(values) // values[i] = P(ω^i)
	var lhs, rhs bls12377.G1Affine
	if _, err := lhs.MultiExp(l, values, ecc.MultiExpConfig{}); err != nil {
		return nil, err
	}
	if _, err := rhs.MultiExp(s.monomial[:n], coeffs, ecc.MultiExpConfig{}); err != nil {
		return nil, err
	}
	if !lhs.Equal(&rhs) {
		return nil, errors.New("kzg377: the Lagrange points are not this SRS's basis")
	}
	return l, nil
}
