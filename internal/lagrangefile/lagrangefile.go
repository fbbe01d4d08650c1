// Package lagrangefile encodes a KZG SRS's Lagrange basis for a cache and
// checks a basis read back, on any curve (package commitment's BN254 SRS,
// package kzg377's BLS12-377 one): the format and the checks are the
// same, the curve's operations are the caller's.
//
// An encoded basis of n points is a magic string, n (8 bytes, big
// endian), the SHA-256 of the n monomial points [τ^0]₁ … [τ^(n−1)]₁ it
// was computed from (uncompressed), then its points uncompressed.
package lagrangefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// Curve is what the format and the checks take of a curve's G1 points P.
type Curve[P any] struct {
	// Magic heads an encoded basis of this curve.
	Magic []byte
	// PointSize is an uncompressed point's size; Raw encodes a point
	// uncompressed, SetBytes decodes one, checking it is on the curve and
	// in G1.
	PointSize int
	Raw       func(p *P) []byte
	SetBytes  func(p *P, b []byte) error
	// SameBasis checks that l is the Lagrange basis of the monomial
	// points (for a random polynomial P of degree < n, Σ P(ω^i)·l_i =
	// Σ p_k·monomial_k: two MSMs, which a wrong, missing or misplaced point
	// fails but with negligible probability).
	SameBasis func(l, monomial []P) error
}

// digest is the SHA-256 of the monomial points, uncompressed.
func (c Curve[P]) digest(monomial []P) [32]byte {
	h := sha256.New()
	for i := range monomial {
		h.Write(c.Raw(&monomial[i]))
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}

// Encode encodes the basis l computed from the monomial points (as many).
func (c Curve[P]) Encode(l, monomial []P) []byte {
	out := make([]byte, 0, len(c.Magic)+8+32+len(l)*c.PointSize)
	out = append(out, c.Magic...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(l)))
	d := c.digest(monomial)
	out = append(out, d[:]...)
	for i := range l {
		out = append(out, c.Raw(&l[i])...)
	}
	return out
}

// Decode reads a basis Encode encoded and checks it: its size and its
// monomial digest are the monomial points', every point decodes
// (SetBytes), and SameBasis holds.
func (c Curve[P]) Decode(b []byte, monomial []P) ([]P, error) {
	n := len(monomial)
	head := len(c.Magic) + 8 + 32
	if len(b) != head+n*c.PointSize || !bytes.Equal(b[:len(c.Magic)], c.Magic) {
		return nil, errors.New("not a Lagrange basis of this size")
	}
	if binary.BigEndian.Uint64(b[len(c.Magic):]) != uint64(n) {
		return nil, errors.New("a Lagrange basis of another size")
	}
	if d := c.digest(monomial); !bytes.Equal(b[len(c.Magic)+8:head], d[:]) {
		return nil, errors.New("a Lagrange basis of another SRS")
	}
	l := make([]P, n)
	for i := range l {
		off := head + i*c.PointSize
		if err := c.SetBytes(&l[i], b[off:off+c.PointSize]); err != nil {
			return nil, fmt.Errorf("Lagrange point %d: %w", i, err)
		}
	}
	if err := c.SameBasis(l, monomial); err != nil {
		return nil, err
	}
	return l, nil
}
