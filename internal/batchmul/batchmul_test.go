package batchmul

import (
	"math/big"
	"runtime"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bw6-761"
	fr761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
)

// TestCombMatchesGnarkCrypto: the comb's products equal gnark-crypto's
// batch scalar multiplications, for random scalars and the edge cases of
// the signed-digit recoding (0, 1, −1, windows of all ones, powers of two),
// at several batch sizes (so several window widths).
func TestCombMatchesGnarkCrypto(t *testing.T) {
	edges := []fr.Element{}
	add := func(b *big.Int) {
		var e fr.Element
		e.SetBigInt(b)
		edges = append(edges, e)
	}
	add(big.NewInt(0))
	add(big.NewInt(1))
	add(new(big.Int).Sub(fr.Modulus(), big.NewInt(1)))
	for _, bits := range []uint{8, 15, 16, 17, 64, 128, 253} {
		add(new(big.Int).Lsh(big.NewInt(1), bits))
		add(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bits), big.NewInt(1)))
	}
	_, _, g1, g2 := bn254.Generators()
	for _, n := range []int{1, 7, 300, 5000} {
		scalars := make([]fr.Element, n)
		for i := range scalars {
			if i < len(edges) {
				scalars[i] = edges[i]
			} else {
				scalars[i].MustSetRandom()
			}
		}
		if n < len(edges) {
			scalars = append(scalars[:0], edges...)
		}
		got1, want1 := G1(&g1, scalars), bn254.BatchScalarMultiplicationG1(&g1, scalars)
		for i := range scalars {
			if !got1[i].Equal(&want1[i]) {
				t.Fatalf("G1, %d scalars (window %d): %s·G differs", len(scalars), combWindow(len(scalars), fr.Bits), scalars[i].String())
			}
		}
		got2, want2 := G2(&g2, scalars), bn254.BatchScalarMultiplicationG2(&g2, scalars)
		for i := range scalars {
			if !got2[i].Equal(&want2[i]) {
				t.Fatalf("G2, %d scalars (window %d): %s·G differs", len(scalars), combWindow(len(scalars), fr.Bits), scalars[i].String())
			}
		}
	}
}

// TestGroupsMatchGnarkCrypto: in every group the module multiplies in
// (BN254's through TestCombMatchesGnarkCrypto's edge cases too), Parts
// gives gnark-crypto's products, for 0, 1, r − 1, powers of two around
// the top window and random scalars, at two batch sizes.
func TestGroupsMatchGnarkCrypto(t *testing.T) {
	_, _, g1, g2 := bn254.Generators()
	_, _, h1, h2 := bls12377.Generators()
	_, _, k1, k2 := bw6761.Generators()
	t.Run("BN254/G1", func(t *testing.T) { checkGroup(t, BN254G1(), &g1, fr.Modulus(), bn254.BatchScalarMultiplicationG1) })
	t.Run("BN254/G2", func(t *testing.T) { checkGroup(t, BN254G2(), &g2, fr.Modulus(), bn254.BatchScalarMultiplicationG2) })
	t.Run("BLS12-377/G1", func(t *testing.T) {
		checkGroup(t, BLS12377G1(), &h1, fr377.Modulus(), bls12377.BatchScalarMultiplicationG1)
	})
	t.Run("BLS12-377/G2", func(t *testing.T) {
		checkGroup(t, BLS12377G2(), &h2, fr377.Modulus(), bls12377.BatchScalarMultiplicationG2)
	})
	t.Run("BW6-761/G1", func(t *testing.T) {
		checkGroup(t, BW6761G1(), &k1, fr761.Modulus(), bw6761.BatchScalarMultiplicationG1)
	})
	t.Run("BW6-761/G2", func(t *testing.T) {
		checkGroup(t, BW6761G2(), &k2, fr761.Modulus(), bw6761.BatchScalarMultiplicationG2)
	})
}

// checkGroup compares Parts in g with gnark-crypto's multiplication want.
func checkGroup[J, A, F, S any, PJ jacobian[J, A], PA interface {
	*A
	Equal(*A) bool
}, PS interface {
	*S
	SetBigInt(*big.Int) *S
	MustSetRandom() *S
}](t *testing.T, g Group[J, A, F, S], base *A, r *big.Int, want func(*A, []S) []A) {
	var edges []*big.Int
	edges = append(edges, big.NewInt(0), big.NewInt(1), new(big.Int).Sub(r, big.NewInt(1)))
	for _, bits := range []int{16, 64, g.bits - 1} {
		p := new(big.Int).Lsh(big.NewInt(1), uint(bits))
		edges = append(edges, p, new(big.Int).Sub(p, big.NewInt(1)))
	}
	for _, n := range []int{len(edges), 700} {
		scalars := make([]S, n)
		for i := range scalars {
			if i < len(edges) {
				PS(&scalars[i]).SetBigInt(edges[i])
			} else {
				PS(&scalars[i]).MustSetRandom()
			}
		}
		got := Parts[J, A, F, S, PJ](g, base, scalars[:3], scalars[3:])
		w := want(base, scalars)
		for i := range scalars {
			p := &got[0][min(i, 2)]
			if i >= 3 {
				p = &got[1][i-3]
			}
			if !PA(p).Equal(&w[i]) {
				t.Fatalf("%d scalars (window %d): product %d differs", n, combWindow(n, g.bits), i)
			}
		}
	}
}

// TestSignedDigitsRecompose: Σ d_k·2^(c·k) is the scalar, |d_k| ≤ 2^(c−1),
// for every window width.
func TestSignedDigitsRecompose(t *testing.T) {
	var s fr.Element
	for c := 2; c <= 16; c++ {
		for trial := 0; trial < 20; trial++ {
			s.MustSetRandom()
			if trial == 0 {
				s.SetBigInt(new(big.Int).Sub(fr.Modulus(), big.NewInt(1)))
			}
			d := make([]int32, combChunks(c, fr.Bits))
			b := s.Bits()
			signedDigits(b[:], c, d)
			sum := new(big.Int)
			for k := len(d) - 1; k >= 0; k-- {
				if d[k] > 1<<(c-1) || d[k] < -(1<<(c-1)) {
					t.Fatalf("c=%d: digit %d out of range", c, d[k])
				}
				sum.Lsh(sum, uint(c)).Add(sum, big.NewInt(int64(d[k])))
			}
			if sum.Cmp(s.BigInt(new(big.Int))) != 0 {
				t.Fatalf("c=%d: digits of %s recompose to %s", c, s.String(), sum)
			}
		}
	}
}

// TestG1PartsIsG1OfTheConcatenation: several vectors through one table give
// what G1 gives their concatenation, and what gnark-crypto gives, with a
// part long enough that each task converts several blocks.
func TestG1PartsIsG1OfTheConcatenation(t *testing.T) {
	sizes := []int{3, 0, 2*runtime.GOMAXPROCS(0)*combBlock + 17, 1}
	parts := make([][]fr.Element, len(sizes))
	var all []fr.Element
	for p, n := range sizes {
		parts[p] = make([]fr.Element, n)
		for i := range parts[p] {
			parts[p][i].MustSetRandom()
		}
		all = append(all, parts[p]...)
	}
	_, _, g1, _ := bn254.Generators()
	got := G1Parts(&g1, parts...)
	want := bn254.BatchScalarMultiplicationG1(&g1, all)
	at := 0
	for p := range parts {
		if len(got[p]) != sizes[p] {
			t.Fatalf("part %d: %d points for %d scalars", p, len(got[p]), sizes[p])
		}
		for i := range got[p] {
			if !got[p][i].Equal(&want[at]) {
				t.Fatalf("part %d, scalar %d: the product differs", p, i)
			}
			at++
		}
	}
}

// TestAffineBlocksFallBack: scalars whose partial sum meets the next
// window's point — s = 2·d·2^(c·k) − r, the top window's digit d, partial
// sum d·2^(c·k) − r ≡ d·2^(c·k) — make the affine additions double; the
// products still equal gnark-crypto's, in G1 and G2, and the Jacobian
// fallback ran.
func TestAffineBlocksFallBack(t *testing.T) {
	_, _, g1, g2 := bn254.Generators()
	r := fr.Modulus()
	total1, total2 := 0, 0
	for c := 2; c <= 16; c++ {
		var scalars []fr.Element
		for k := combChunks(c, fr.Bits) - 3; k < combChunks(c, fr.Bits); k++ {
			shift := new(big.Int).Lsh(big.NewInt(1), uint(c*k))
			d := new(big.Int).Div(r, shift)
			for _, dd := range []int64{-1, 0, 1, 2} {
				dk := new(big.Int).Add(d, big.NewInt(dd))
				s := new(big.Int).Mul(dk, shift)
				s.Lsh(s, 1).Sub(s, r).Mod(s, r)
				var e fr.Element
				e.SetBigInt(s)
				scalars = append(scalars, e)
			}
		}
		var extra fr.Element
		extra.MustSetRandom()
		scalars = append(scalars, extra)
		got1 := make([]bn254.G1Affine, len(scalars))
		affineBlocks(BN254G1(), &total1)(newComb[bn254.G1Jac](&g1, c, fr.Bits, bn254.BatchJacobianToAffineG1), scalars, got1)
		want1 := bn254.BatchScalarMultiplicationG1(&g1, scalars)
		got2 := make([]bn254.G2Affine, len(scalars))
		affineBlocks(BN254G2(), &total2)(newComb[bn254.G2Jac](&g2, c, fr.Bits, BN254G2().toAffine), scalars, got2)
		want2 := bn254.BatchScalarMultiplicationG2(&g2, scalars)
		for i := range scalars {
			if !got1[i].Equal(&want1[i]) || !got2[i].Equal(&want2[i]) {
				t.Fatalf("c=%d: %s·G differs", c, scalars[i].String())
			}
		}
	}
	if total1 == 0 || total2 == 0 {
		t.Fatalf("the affine additions fell back %d times in G1, %d in G2: the test shows nothing", total1, total2)
	}
}

// BenchmarkComb times 2^18 products through one comb table in G1 and 2^16
// in G2, adding in affine coordinates (G1, G2) and, as before, in mixed
// Jacobian coordinates converted at the end (jacobianBlock):
//
//	go test -run '^$' -bench Comb -benchtime 3x ./internal/batchmul
func BenchmarkComb(b *testing.B) {
	_, _, g1, g2 := bn254.Generators()
	scalars := make([]fr.Element, 1<<18)
	for i := range scalars {
		scalars[i].MustSetRandom()
	}
	s2 := scalars[:1<<16]
	b.Run("G1/affine", func(b *testing.B) {
		for range b.N {
			G1(&g1, scalars)
		}
	})
	b.Run("G1/jacobian", func(b *testing.B) {
		for range b.N {
			combMul(BN254G1(), &g1, [][]fr.Element{scalars}, func() blockMul[bn254.G1Affine, fr.Element] {
				return func(t *comb[bn254.G1Affine], s []fr.Element, out []bn254.G1Affine) {
					jacobianBlock[bn254.G1Jac](t, s, out, bn254.BatchJacobianToAffineG1)
				}
			})
		}
	})
	b.Run("G2/affine", func(b *testing.B) {
		for range b.N {
			G2(&g2, s2)
		}
	})
	b.Run("G2/jacobian", func(b *testing.B) {
		for range b.N {
			combMul(BN254G2(), &g2, [][]fr.Element{s2}, func() blockMul[bn254.G2Affine, fr.Element] {
				return func(t *comb[bn254.G2Affine], s []fr.Element, out []bn254.G2Affine) {
					jacobianBlock[bn254.G2Jac](t, s, out, BN254G2().toAffine)
				}
			})
		}
	})
}

// jacobianBlock sets out[i] = scalars[i]·base, each product summed with
// mixed Jacobian additions, then all of them converted to affine form:
// the comb's additions before the affine blocks, BenchmarkComb's baseline.
func jacobianBlock[J, A any, PJ jacobian[J, A], PA affinePoint[A]](t *comb[A], scalars []fr.Element, out []A, toAffine func([]J) []A) {
	digits := make([]int32, t.chunks)
	block := make([]J, len(scalars))
	for i := range scalars {
		b := scalars[i].Bits()
		signedDigits(b[:], t.c, digits)
		acc := PJ(&block[i])
		for k, d := range digits {
			if d != 0 {
				p := point[A, PA](t, k, d)
				acc.AddMixed(&p)
			}
		}
	}
	copy(out, toAffine(block))
}

// affinePoint is the part of G1Affine and G2Affine the comb needs.
type affinePoint[A any] interface {
	*A
	Neg(*A) *A
}

// point returns the table's d·2^(c·k)·base for a signed digit d ≠ 0.
func point[A any, PA affinePoint[A]](t *comb[A], k int, d int32) A {
	if d > 0 {
		return t.table[k*t.width+int(d)-1]
	}
	var neg A
	PA(&neg).Neg(&t.table[k*t.width+int(-d)-1])
	return neg
}
