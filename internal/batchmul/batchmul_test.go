package batchmul

import (
	"math/big"
	"runtime"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
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
				t.Fatalf("G1, %d scalars (window %d): %s·G differs", len(scalars), combWindow(len(scalars)), scalars[i].String())
			}
		}
		got2, want2 := G2(&g2, scalars), bn254.BatchScalarMultiplicationG2(&g2, scalars)
		for i := range scalars {
			if !got2[i].Equal(&want2[i]) {
				t.Fatalf("G2, %d scalars (window %d): %s·G differs", len(scalars), combWindow(len(scalars)), scalars[i].String())
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
			d := make([]int32, combChunks(c))
			signedDigits(&s, c, d)
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

// TestG1AffineBlockFallsBack: scalars whose partial sum meets the next
// window's point — s = 2·d·2^(c·k) − r, the top window's digit d, partial
// sum d·2^(c·k) − r ≡ d·2^(c·k) — make the affine additions double; the
// products still equal gnark-crypto's, and the Jacobian fallback ran.
func TestG1AffineBlockFallsBack(t *testing.T) {
	_, _, g1, _ := bn254.Generators()
	r := fr.Modulus()
	total := 0
	for c := 2; c <= 16; c++ {
		var scalars []fr.Element
		for k := combChunks(c) - 3; k < combChunks(c); k++ {
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
		table := newComb[bn254.G1Jac](&g1, c, bn254.BatchJacobianToAffineG1)
		got := make([]bn254.G1Affine, len(scalars))
		fallbacks := 0
		g1AffineBlocks(&fallbacks)(table, scalars, got)
		want := bn254.BatchScalarMultiplicationG1(&g1, scalars)
		for i := range scalars {
			if !got[i].Equal(&want[i]) {
				t.Fatalf("c=%d: %s·G differs", c, scalars[i].String())
			}
		}
		total += fallbacks
	}
	if total == 0 {
		t.Fatal("no scalar made the affine additions fall back: the test shows nothing")
	}
	t.Logf("%d fallbacks", total)
}

// BenchmarkCombG1 times 2^18 G1 products through one comb table, with the
// affine blocks G1 uses and with the Jacobian blocks G2 uses:
//
//	go test -run '^$' -bench CombG1 -benchtime 3x ./internal/batchmul
func BenchmarkCombG1(b *testing.B) {
	_, _, g1, _ := bn254.Generators()
	scalars := make([]fr.Element, 1<<18)
	for i := range scalars {
		scalars[i].MustSetRandom()
	}
	for _, c := range []struct {
		name     string
		newBlock func() blockMul[bn254.G1Affine]
	}{
		{"affine", func() blockMul[bn254.G1Affine] { return g1AffineBlocks(nil) }},
		{"jacobian", nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				combMul[bn254.G1Jac, bn254.G1Affine](&g1, [][]fr.Element{scalars}, bn254.BatchJacobianToAffineG1, c.newBlock)
			}
		})
	}
}
