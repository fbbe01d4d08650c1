package circuits

import (
	"fmt"
	"math/big"

	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fft_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	fft_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
)

// scalarField is what the circuits need of the scalar field they are
// compiled and solved over, beyond gnark's API: the hints' batched field
// arithmetic and the FFT domains' constants. The circuits take BN254's
// field (every proof today) and BLS12-377's, the segment curve of the
// two-chain path (BENCHMARKS.md, "One on-chain check for any number of
// segments"), whose scalar field is 253 bits like BN254's.
type scalarField struct {
	name    string
	modulus *big.Int
	// inverseOrZero sets out[i] = 1/in[i] mod p (0 for 0), in one batch
	// inversion
	inverseOrZero func(in, out []*big.Int)
	// quotients sets out[k] = pairs[2k+1]/dens[pairs[2k]] mod p (0 where
	// that denominator is 0), the denominators inverted in one batch; a
	// denominator index out of range is an error
	quotients func(dens, pairs, out []*big.Int) error
	// domain returns the points ω^0, …, ω^(2^logN − 1) of the FFT domain
	// of 2^logN points and 2^−logN, ω as gnark-crypto's fft.NewDomain
	// makes it (the prover's evaluations use that domain)
	domain func(logN int) (points []*big.Int, cardinalityInv *big.Int)
	// hash hashes msg to one field element under the domain separation
	// tag dst (gnark-crypto's fr.Hash: RFC 9380's expand_message_xmd with
	// SHA-256)
	hash func(msg, dst []byte) (*big.Int, error)
}

// element is the part of gnark-crypto's fr.Element the hints need.
type element[E any] interface {
	*E
	SetBigInt(*big.Int) *E
	BigInt(*big.Int) *big.Int
	Mul(a, b *E) *E
}

// newScalarField returns the field of gnark-crypto's element type E,
// from its batch inversion and its domains' constants.
func newScalarField[E any, PE element[E]](name string, modulus *big.Int, batchInvert func([]E) []E, domain func(logN int) (omega, cardinalityInv E), hash func(msg, dst []byte, count int) ([]E, error)) *scalarField {
	return &scalarField{
		hash: func(msg, dst []byte) (*big.Int, error) {
			h, err := hash(msg, dst, 1)
			if err != nil {
				return nil, err
			}
			return PE(&h[0]).BigInt(new(big.Int)), nil
		},
		name: name, modulus: modulus,
		inverseOrZero: func(in, out []*big.Int) {
			v := make([]E, len(in))
			for i := range v {
				PE(&v[i]).SetBigInt(in[i])
			}
			v = batchInvert(v)
			for i := range v {
				PE(&v[i]).BigInt(out[i])
			}
		},
		quotients: func(dens, pairs, out []*big.Int) error {
			inv := make([]E, len(dens))
			for i := range inv {
				PE(&inv[i]).SetBigInt(dens[i])
			}
			inv = batchInvert(inv)
			var q E
			for k := range out {
				d := pairs[2*k]
				if !d.IsInt64() || d.Int64() < 0 || d.Int64() >= int64(len(dens)) {
					return fmt.Errorf("denominator index %s out of range", d)
				}
				PE(&q).SetBigInt(pairs[2*k+1])
				PE(&q).Mul(&q, &inv[d.Int64()])
				PE(&q).BigInt(out[k])
			}
			return nil
		},
		domain: func(logN int) ([]*big.Int, *big.Int) {
			omega, inv := domain(logN)
			points := make([]*big.Int, 1<<logN)
			var w E
			PE(&w).SetBigInt(big.NewInt(1))
			for i := range points {
				points[i] = PE(&w).BigInt(new(big.Int))
				PE(&w).Mul(&w, &omega)
			}
			return points, PE(&inv).BigInt(new(big.Int))
		},
	}
}

// scalarFields are the fields the circuits take.
var scalarFields = []*scalarField{
	newScalarField("BN254", fr_bn254.Modulus(), fr_bn254.BatchInvert, func(logN int) (fr_bn254.Element, fr_bn254.Element) {
		d := fft_bn254.NewDomain(uint64(1)<<logN, fft_bn254.WithoutPrecompute())
		return d.Generator, d.CardinalityInv
	}, fr_bn254.Hash),
	newScalarField("BLS12-377", fr_bls12377.Modulus(), fr_bls12377.BatchInvert, func(logN int) (fr_bls12377.Element, fr_bls12377.Element) {
		d := fft_bls12377.NewDomain(uint64(1)<<logN, fft_bls12377.WithoutPrecompute())
		return d.Generator, d.CardinalityInv
	}, fr_bls12377.Hash),
}

// fieldOf returns the scalar field of modulus, or an error naming the
// fields the circuits take.
func fieldOf(modulus *big.Int) (*scalarField, error) {
	for _, f := range scalarFields {
		if f.modulus.Cmp(modulus) == 0 {
			return f, nil
		}
	}
	return nil, fmt.Errorf("circuits: no scalar field of modulus %s (the circuits take BN254's and BLS12-377's)", modulus)
}
