package batchmul

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fp377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fp"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bw6-761"
	fp761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fp"
	fr761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
)

// BN254G1 is BN254's G1 with its scalars.
func BN254G1() Group[bn254.G1Jac, bn254.G1Affine, fp.Element, fr.Element] {
	return Group[bn254.G1Jac, bn254.G1Affine, fp.Element, fr.Element]{
		curve: curve[bn254.G1Affine, fp.Element]{
			invert:     invertInPlace[fp.Element],
			addSpecial: addSpecial[bn254.G1Jac, bn254.G1Affine],
			neg:        func(p *bn254.G1Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *fp.Element, acc, p *bn254.G1Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bn254.G1Affine, inv *fp.Element) {
				var l, x fp.Element
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: bn254.BatchJacobianToAffineG1,
		bits:     fr.Bits,
		digits:   func(s *fr.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// BN254G2 is BN254's G2 with its scalars.
func BN254G2() Group[bn254.G2Jac, bn254.G2Affine, bn254.E2, fr.Element] {
	return Group[bn254.G2Jac, bn254.G2Affine, bn254.E2, fr.Element]{
		curve: curve[bn254.G2Affine, bn254.E2]{
			invert:     invertInPlace[bn254.E2],
			addSpecial: addSpecial[bn254.G2Jac, bn254.G2Affine],
			neg:        func(p *bn254.G2Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *bn254.E2, acc, p *bn254.G2Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bn254.G2Affine, inv *bn254.E2) {
				var l, x bn254.E2
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: batchToAffine[bn254.G2Jac, bn254.G2Affine, bn254.E2](
			func(p *bn254.G2Jac) (x, y, z *bn254.E2) { return &p.X, &p.Y, &p.Z },
			func(p *bn254.G2Affine) (x, y *bn254.E2) { return &p.X, &p.Y }),
		bits:   fr.Bits,
		digits: func(s *fr.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// BLS12377G1 is BLS12-377's G1 with its scalars.
func BLS12377G1() Group[bls12377.G1Jac, bls12377.G1Affine, fp377.Element, fr377.Element] {
	return Group[bls12377.G1Jac, bls12377.G1Affine, fp377.Element, fr377.Element]{
		curve: curve[bls12377.G1Affine, fp377.Element]{
			invert:     invertInPlace[fp377.Element],
			addSpecial: addSpecial[bls12377.G1Jac, bls12377.G1Affine],
			neg:        func(p *bls12377.G1Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *fp377.Element, acc, p *bls12377.G1Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bls12377.G1Affine, inv *fp377.Element) {
				var l, x fp377.Element
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: bls12377.BatchJacobianToAffineG1,
		bits:     fr377.Bits,
		digits:   func(s *fr377.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// BLS12377G2 is BLS12-377's G2 with its scalars.
func BLS12377G2() Group[bls12377.G2Jac, bls12377.G2Affine, bls12377.E2, fr377.Element] {
	return Group[bls12377.G2Jac, bls12377.G2Affine, bls12377.E2, fr377.Element]{
		curve: curve[bls12377.G2Affine, bls12377.E2]{
			invert:     invertInPlace[bls12377.E2],
			addSpecial: addSpecial[bls12377.G2Jac, bls12377.G2Affine],
			neg:        func(p *bls12377.G2Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *bls12377.E2, acc, p *bls12377.G2Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bls12377.G2Affine, inv *bls12377.E2) {
				var l, x bls12377.E2
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: batchToAffine[bls12377.G2Jac, bls12377.G2Affine, bls12377.E2](
			func(p *bls12377.G2Jac) (x, y, z *bls12377.E2) { return &p.X, &p.Y, &p.Z },
			func(p *bls12377.G2Affine) (x, y *bls12377.E2) { return &p.X, &p.Y }),
		bits:   fr377.Bits,
		digits: func(s *fr377.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// BW6761G1 is BW6-761's G1 with its scalars.
func BW6761G1() Group[bw6761.G1Jac, bw6761.G1Affine, fp761.Element, fr761.Element] {
	return Group[bw6761.G1Jac, bw6761.G1Affine, fp761.Element, fr761.Element]{
		curve: curve[bw6761.G1Affine, fp761.Element]{
			invert:     invertInPlace[fp761.Element],
			addSpecial: addSpecial[bw6761.G1Jac, bw6761.G1Affine],
			neg:        func(p *bw6761.G1Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *fp761.Element, acc, p *bw6761.G1Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bw6761.G1Affine, inv *fp761.Element) {
				var l, x fp761.Element
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: bw6761.BatchJacobianToAffineG1,
		bits:     fr761.Bits,
		digits:   func(s *fr761.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// BW6761G2 is BW6-761's G2 (over the base field, like G1) with its
// scalars.
func BW6761G2() Group[bw6761.G2Jac, bw6761.G2Affine, fp761.Element, fr761.Element] {
	return Group[bw6761.G2Jac, bw6761.G2Affine, fp761.Element, fr761.Element]{
		curve: curve[bw6761.G2Affine, fp761.Element]{
			invert:     invertInPlace[fp761.Element],
			addSpecial: addSpecial[bw6761.G2Jac, bw6761.G2Affine],
			neg:        func(p *bw6761.G2Affine) { p.Y.Neg(&p.Y) },
			den:        func(d *fp761.Element, acc, p *bw6761.G2Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
			add: func(acc, p *bw6761.G2Affine, inv *fp761.Element) {
				var l, x fp761.Element
				l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
				x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
				acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
				acc.X = x
			},
		},
		toAffine: batchToAffine[bw6761.G2Jac, bw6761.G2Affine, fp761.Element](
			func(p *bw6761.G2Jac) (x, y, z *fp761.Element) { return &p.X, &p.Y, &p.Z },
			func(p *bw6761.G2Affine) (x, y *fp761.Element) { return &p.X, &p.Y }),
		bits:   fr761.Bits,
		digits: func(s *fr761.Element, c int, out []int32) { b := s.Bits(); signedDigits(b[:], c, out) },
	}
}

// G1 returns s·base in BN254's G1 for every scalar s, in affine form.
func G1(base *bn254.G1Affine, scalars []fr.Element) []bn254.G1Affine {
	return G1Parts(base, scalars)[0]
}

// G1Parts is Parts in BN254's G1.
func G1Parts(base *bn254.G1Affine, parts ...[]fr.Element) [][]bn254.G1Affine {
	return Parts(BN254G1(), base, parts...)
}

// G2 returns s·base in BN254's G2 for every scalar s, in affine form.
func G2(base *bn254.G2Affine, scalars []fr.Element) []bn254.G2Affine {
	return Parts(BN254G2(), base, scalars)[0]
}

// batchToAffine returns a conversion of Jacobian points to affine form
// with one field inversion per task (Montgomery's trick), infinity staying
// (0, 0), for a group gnark-crypto has no batch conversion for; jac and
// xy give the points' coordinates.
func batchToAffine[J, A, F any, PF fieldOps[F]](jac func(*J) (x, y, z *F), xy func(*A) (x, y *F)) func([]J) []A {
	return func(points []J) []A {
		out := make([]A, len(points))
		Parallel(len(points), func(lo, hi int) {
			// out[i].x holds the product of the Z before i, then 1/Z_i
			var acc F
			PF(&acc).SetOne()
			for i := lo; i < hi; i++ {
				if _, _, z := jac(&points[i]); !PF(z).IsZero() {
					ox, _ := xy(&out[i])
					*ox = acc
					PF(&acc).Mul(&acc, z)
				}
			}
			PF(&acc).Inverse(&acc)
			for i := hi - 1; i >= lo; i-- {
				if _, _, z := jac(&points[i]); !PF(z).IsZero() {
					ox, _ := xy(&out[i])
					PF(ox).Mul(ox, &acc)
					PF(&acc).Mul(&acc, z)
				}
			}
			for i := lo; i < hi; i++ {
				x, y, z := jac(&points[i])
				if PF(z).IsZero() {
					continue
				}
				ox, oy := xy(&out[i])
				zInv := *ox
				var zInv2 F
				PF(&zInv2).Square(&zInv)
				PF(ox).Mul(x, &zInv2)
				PF(oy).Mul(y, &zInv2)
				PF(oy).Mul(oy, &zInv)
			}
		})
		return out
	}
}
