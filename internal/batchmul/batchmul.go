// Package batchmul multiplies one base point by many scalars (a Groth16
// setup's key points, a KZG SRS) with comb tables: with c-bit signed
// digits s = Σ_k d_k·2^(c·k), |d_k| ≤ 2^(c−1), the table holds
// j·2^(c·k)·base for every window k and 1 ≤ j ≤ 2^(c−1), so s·base is one
// affine addition per window and no doubling, the additions of a block of
// scalars sharing one inversion per window. gnark-crypto's
// BatchScalarMultiplication keeps one window's table and doubles c times
// per window (≈ 254 doublings a scalar): 6.2 times slower in G1 than a
// comb of mixed Jacobian additions, 5.9 in G2, which the affine additions
// beat again by 1.6–1.7 times.
package batchmul

import (
	"runtime"
	"slices"
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// combWindow picks the window width minimising the additions of n
// multiplications plus the table's.
func combWindow(n int) int {
	best, bestCost := 2, -1
	for c := 2; c <= 16; c++ {
		cost := combChunks(c) * (n + 1<<(c-1))
		if bestCost < 0 || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

// combChunks is the number of c-bit windows of a scalar's signed-digit
// form: scalars are below 2^254, and c·chunks ≥ 255 leaves the top window
// room for the last carry.
func combChunks(c int) int { return (fr.Bits + 1 + c - 1) / c }

// signedDigits writes s's c-bit signed digits, least significant first.
func signedDigits(s *fr.Element, c int, out []int32) {
	b := s.Bits()
	mask := uint64(1)<<c - 1
	carry := uint64(0)
	for k := range out {
		off := k * c
		w, sh := off/64, off%64
		var v uint64
		if w < len(b) {
			v = b[w] >> sh
			if sh+c > 64 && w+1 < len(b) {
				v |= b[w+1] << (64 - sh)
			}
		}
		v = v&mask + carry
		if v > 1<<(c-1) {
			out[k], carry = int32(v)-int32(1<<c), 1
		} else {
			out[k], carry = int32(v), 0
		}
	}
}

// jacobian is the part of gnark-crypto's G1Jac and G2Jac the comb needs.
type jacobian[J, A any] interface {
	*J
	FromAffine(*A) *J
	AddMixed(*A) *J
	DoubleAssign() *J
}

// combBlock is how many products a task computes at once: each window's
// additions over the block share one inversion.
const combBlock = 1 << 12

// comb is a comb table: table[k·width + j−1] = j·2^(c·k)·base for every
// c-bit window k < chunks and 1 ≤ j ≤ width = 2^(c−1).
type comb[A any] struct {
	table            []A
	c, chunks, width int
}

// combMul returns s·base for every s of every vector of parts, in affine
// form, one output vector per part: one comb table, sized for them all.
// Each task multiplies its scalars combBlock at a time with a block
// multiplier of its own from newBlock, which sets a block's products from
// the table.
func combMul[J, A any, PJ jacobian[J, A]](base *A, parts [][]fr.Element, toAffine func([]J) []A, newBlock func() blockMul[A]) [][]A {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	outs := make([][]A, len(parts))
	if n == 0 {
		return outs
	}
	t := newComb[J, A, PJ](base, combWindow(n), toAffine)
	for pi, scalars := range parts {
		out := make([]A, len(scalars))
		outs[pi] = out
		Parallel(len(scalars), func(lo, hi int) {
			mulBlock := newBlock()
			for b := lo; b < hi; b += combBlock {
				e := min(b+combBlock, hi)
				mulBlock(t, scalars[b:e], out[b:e])
			}
		})
	}
	return outs
}

// blockMul sets out[i] = scalars[i]·base from base's comb table t, for a
// block of at most combBlock scalars.
type blockMul[A any] func(t *comb[A], scalars []fr.Element, out []A)

// newComb returns base's comb table for c-bit windows.
func newComb[J, A any, PJ jacobian[J, A]](base *A, c int, toAffine func([]J) []A) *comb[A] {
	t := &comb[A]{c: c, chunks: combChunks(c), width: 1 << (c - 1)}
	starts := make([]A, t.chunks)
	var p J
	PJ(&p).FromAffine(base)
	for k := range starts {
		starts[k] = toAffine([]J{p})[0]
		for range t.c {
			PJ(&p).DoubleAssign()
		}
	}
	jac := make([]J, t.chunks*t.width)
	Parallel(t.chunks, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			row := jac[k*t.width : (k+1)*t.width]
			PJ(&row[0]).FromAffine(&starts[k])
			for j := 1; j < t.width; j++ {
				row[j] = row[j-1]
				PJ(&row[j]).AddMixed(&starts[k])
			}
		}
	})
	t.table = toAffine(jac)
	return t
}

// field is the part of fp.Element (G1's coordinates) and bn254.E2 (G2's)
// that a batch inversion needs (the additions themselves are curve's).
type field[F any] interface {
	*F
	Mul(a, b *F) *F
	Inverse(a *F) *F
}

// curve holds a group's affine arithmetic for affineBlocks, as plain
// functions: the blocks' lanes call them without a generic method call
// per field operation.
type curve[A, F any] struct {
	// den sets d = p.x − acc.x and reports whether it is zero (p = ±acc)
	den func(d *F, acc, p *A) bool
	// add sets acc = acc + p, given inv = 1/(p.x − acc.x)
	add func(acc, p *A, inv *F)
	// invert replaces every element of v (none zero) by its inverse, prefix
	// scratch of at least len(v)
	invert func(v, prefix []F)
	// neg sets p = −p
	neg func(p *A)
	// addSpecial sets acc = acc + p for p = ±acc, in Jacobian coordinates
	// (a doubling, or infinity: reported)
	addSpecial func(acc, p *A) (infinity bool)
}

var g1Curve = curve[bn254.G1Affine, fp.Element]{
	invert: invertInPlace[fp.Element],
	neg:    func(p *bn254.G1Affine) { p.Y.Neg(&p.Y) },
	den:    func(d *fp.Element, acc, p *bn254.G1Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
	add: func(acc, p *bn254.G1Affine, inv *fp.Element) {
		var l, x fp.Element
		l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
		x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
		acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
		acc.X = x
	},
	addSpecial: func(acc, p *bn254.G1Affine) bool {
		var j bn254.G1Jac
		j.FromAffine(acc).AddMixed(p)
		acc.FromJacobian(&j)
		return j.Z.IsZero()
	},
}

var g2Curve = curve[bn254.G2Affine, bn254.E2]{
	invert: invertInPlace[bn254.E2],
	neg:    func(p *bn254.G2Affine) { p.Y.Neg(&p.Y) },
	den:    func(d *bn254.E2, acc, p *bn254.G2Affine) bool { return d.Sub(&p.X, &acc.X).IsZero() },
	add: func(acc, p *bn254.G2Affine, inv *bn254.E2) {
		var l, x bn254.E2
		l.Sub(&p.Y, &acc.Y).Mul(&l, inv)
		x.Square(&l).Sub(&x, &acc.X).Sub(&x, &p.X)
		acc.Y.Sub(&p.X, &x).Mul(&acc.Y, &l).Sub(&acc.Y, &p.Y) // on the line through p
		acc.X = x
	},
	addSpecial: func(acc, p *bn254.G2Affine) bool {
		var j bn254.G2Jac
		j.FromAffine(acc).AddMixed(p)
		acc.FromJacobian(&j)
		return j.Z.IsZero()
	},
}

// affineBlocks returns a blockMul that adds in affine coordinates, window
// by window across the whole block: each window's additions share one
// field inversion (Montgomery's trick), so an addition costs about six
// multiplications where a mixed Jacobian one costs eleven, and the
// products need no conversion. An addition of a point to itself or to its
// opposite (only where a partial sum meets the next window's point, which
// the top window of a few scalars near multiples of r allows) goes through
// Jacobian coordinates; fallbacks, if not nil, counts them. Its scratch is
// the blockMul's own: one per task.
//
// A window's table points are gathered for the whole block in a loop that
// does nothing else: the table is larger than the caches, and a loop of
// independent loads keeps many of its misses in flight, where loads
// interleaved with the field arithmetic waited one by one (a third of
// the comb's time went to them).
func affineBlocks[A, F any](cv curve[A, F], fallbacks *int) blockMul[A] {
	var (
		digits []int32 // window-major: digits[k·n + i]
		row    []int32 // one scalar's digits, before they are spread
		set    []bool  // out[i] holds a partial sum (else: infinity)
		lanes  []int32
		adds   []A
		dens   []F
		prefix []F
	)
	return func(t *comb[A], scalars []fr.Element, out []A) {
		n := len(scalars)
		digits = slices.Grow(digits[:0], n*t.chunks)[:n*t.chunks]
		set = slices.Grow(set[:0], n)[:n]
		prefix = slices.Grow(prefix[:0], n)[:n]
		adds = slices.Grow(adds[:0], n)[:n]
		dens = slices.Grow(dens[:0], n)[:n]
		clear(set)
		row = slices.Grow(row[:0], t.chunks)[:t.chunks]
		for i := range scalars {
			signedDigits(&scalars[i], t.c, row)
			for k, d := range row {
				digits[k*n+i] = d
			}
		}
		for k := 0; k < t.chunks; k++ {
			window := digits[k*n : (k+1)*n]
			table := t.table[k*t.width : (k+1)*t.width]
			lanes = lanes[:0]
			for i, d := range window {
				if d == 0 {
					continue
				}
				if set[i] {
					lanes = append(lanes, int32(i))
					continue
				}
				if d > 0 {
					out[i] = table[d-1]
				} else {
					out[i] = table[-d-1]
					cv.neg(&out[i])
				}
				set[i] = true
			}
			for q, i := range lanes { // the gather: loads only
				d := window[i]
				adds[q] = table[max(d, -d)-1]
			}
			m := 0 // lanes kept: the fallbacks' are dropped
			for q, i := range lanes {
				p := &adds[q]
				if window[i] < 0 {
					cv.neg(p)
				}
				acc := &out[i]
				if cv.den(&dens[m], acc, p) { // p = ±acc: a doubling, or infinity
					if fallbacks != nil {
						*fallbacks++
					}
					if cv.addSpecial(acc, p) {
						set[i] = false
					}
					continue
				}
				if m != q {
					lanes[m], adds[m] = i, *p
				}
				m++
			}
			cv.invert(dens[:m], prefix)
			for q, i := range lanes[:m] {
				cv.add(&out[i], &adds[q], &dens[q])
			}
		}
		var infinity A // (0, 0), as gnark-crypto writes it
		for i := range out {
			if !set[i] {
				out[i] = infinity
			}
		}
	}
}

// invertInPlace replaces every element of v (none zero) by its inverse,
// with one field inversion (Montgomery's trick); prefix is scratch of at
// least len(v).
func invertInPlace[F any, PF field[F]](v, prefix []F) {
	if len(v) == 0 {
		return
	}
	prefix[0] = v[0]
	for i := 1; i < len(v); i++ {
		PF(&prefix[i]).Mul(&prefix[i-1], &v[i])
	}
	var inv F
	PF(&inv).Inverse(&prefix[len(v)-1])
	for i := len(v) - 1; i > 0; i-- {
		// prefix[i] is not read again, so it takes 1/v_i (a local would
		// escape through the generic call: an allocation per element)
		PF(&prefix[i]).Mul(&inv, &prefix[i-1])
		PF(&inv).Mul(&inv, &v[i]) // 1/(v_0…v_(i−1))
		v[i] = prefix[i]
	}
	v[0] = inv
}

// G1 returns s·base for every scalar s, in affine form.
func G1(base *bn254.G1Affine, scalars []fr.Element) []bn254.G1Affine {
	return G1Parts(base, scalars)[0]
}

// G1Parts returns s·base for every scalar s of each vector of parts, in
// affine form, a vector of points per part: what G1 returns for their
// concatenation, without concatenating them.
func G1Parts(base *bn254.G1Affine, parts ...[]fr.Element) [][]bn254.G1Affine {
	return combMul[bn254.G1Jac, bn254.G1Affine](base, parts, bn254.BatchJacobianToAffineG1, func() blockMul[bn254.G1Affine] {
		return affineBlocks(g1Curve, nil)
	})
}

// G2 returns s·base for every scalar s, in affine form.
func G2(base *bn254.G2Affine, scalars []fr.Element) []bn254.G2Affine {
	return combMul[bn254.G2Jac, bn254.G2Affine](base, [][]fr.Element{scalars}, batchJacobianToAffineG2, func() blockMul[bn254.G2Affine] {
		return affineBlocks(g2Curve, nil)
	})[0]
}

// batchJacobianToAffineG2 converts points to affine form with one field
// inversion per task (Montgomery's trick); infinity stays (0, 0).
func batchJacobianToAffineG2(points []bn254.G2Jac) []bn254.G2Affine {
	out := make([]bn254.G2Affine, len(points))
	Parallel(len(points), func(lo, hi int) {
		if lo == hi {
			return
		}
		// out[i].X holds the product of the Z before i, then 1/Z_i
		acc := points[lo].Z
		acc.SetOne()
		for i := lo; i < hi; i++ {
			if points[i].Z.IsZero() {
				continue
			}
			out[i].X = acc
			acc.Mul(&acc, &points[i].Z)
		}
		acc.Inverse(&acc)
		for i := hi - 1; i >= lo; i-- {
			if points[i].Z.IsZero() {
				continue
			}
			out[i].X.Mul(&out[i].X, &acc)
			acc.Mul(&acc, &points[i].Z)
		}
		for i := lo; i < hi; i++ {
			if points[i].Z.IsZero() {
				continue
			}
			zInv := out[i].X
			zInv2 := zInv
			zInv2.Square(&zInv2)
			out[i].X.Mul(&points[i].X, &zInv2)
			out[i].Y.Mul(&points[i].Y, &zInv2).Mul(&out[i].Y, &zInv)
		}
	})
	return out
}

// Parallel runs f over [0, n) split into one range per CPU, and waits.
func Parallel(n int, f func(lo, hi int)) {
	tasks := min(runtime.GOMAXPROCS(0), n)
	if tasks <= 1 {
		f(0, n)
		return
	}
	size := (n + tasks - 1) / tasks
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += size {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(lo, min(lo+size, n))
	}
	wg.Wait()
}
