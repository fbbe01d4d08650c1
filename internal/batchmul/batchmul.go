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
)

// combWindow picks the window width minimising the additions of n
// multiplications by bits-bit scalars plus the table's.
func combWindow(n, bits int) int {
	best, bestCost := 2, -1
	for c := 2; c <= 16; c++ {
		cost := combChunks(c, bits) * (n + 1<<(c-1))
		if bestCost < 0 || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

// combChunks is the number of c-bit windows of a bits-bit scalar's
// signed-digit form: c·chunks ≥ bits + 1 leaves the top window room for
// the last carry.
func combChunks(c, bits int) int { return (bits + 1 + c - 1) / c }

// signedDigits writes the c-bit signed digits of the scalar whose
// canonical 64-bit words (least significant first) are b, least
// significant first.
func signedDigits(b []uint64, c int, out []int32) {
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

// affine is the part of gnark-crypto's G1Affine and G2Affine the comb
// needs.
type affine[J, A any] interface {
	*A
	FromJacobian(*J) *A
	IsInfinity() bool
}

// fieldOps is the part of a coordinate field's element (fp.Element for G1
// and BW6-761's G2, an E2 for G2 over a quadratic extension) that the
// batch inversions and conversions need.
type fieldOps[F any] interface {
	*F
	Mul(a, b *F) *F
	Square(a *F) *F
	Inverse(a *F) *F
	IsZero() bool
	SetOne() *F
}

// Group is one elliptic-curve group to the comb: its Jacobian and affine
// points J and A over coordinates F, and its scalars S. The values for
// each group the module uses are in groups.go.
type Group[J, A, F, S any] struct {
	curve    curve[A, F]
	toAffine func([]J) []A
	// bits is the scalars' bit length; digits writes a scalar's c-bit
	// signed digits (signedDigits of its canonical words)
	bits   int
	digits func(s *S, c int, out []int32)
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

// Parts returns s·base for every scalar s of each vector of parts, in
// affine form, a vector of points per part: one comb table sized for them
// all, without concatenating them. Each task multiplies its scalars
// combBlock at a time with affine additions of its own (affineBlocks).
func Parts[J, A, F, S any, PJ jacobian[J, A]](g Group[J, A, F, S], base *A, parts ...[]S) [][]A {
	return combMul[J, A, F, S, PJ](g, base, parts, func() blockMul[A, S] {
		return affineBlocks(g, nil)
	})
}

// combMul is Parts with the block multiplier a parameter: each task gets
// one of its own from newBlock, which sets a block's products from the
// table.
func combMul[J, A, F, S any, PJ jacobian[J, A]](g Group[J, A, F, S], base *A, parts [][]S, newBlock func() blockMul[A, S]) [][]A {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	outs := make([][]A, len(parts))
	if n == 0 {
		return outs
	}
	t := newComb[J, A, PJ](base, combWindow(n, g.bits), g.bits, g.toAffine)
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
type blockMul[A, S any] func(t *comb[A], scalars []S, out []A)

// newComb returns base's comb table for c-bit windows of bits-bit scalars.
func newComb[J, A any, PJ jacobian[J, A]](base *A, c, bits int, toAffine func([]J) []A) *comb[A] {
	t := &comb[A]{c: c, chunks: combChunks(c, bits), width: 1 << (c - 1)}
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

// curve holds a group's affine arithmetic for affineBlocks, as plain
// functions: the blocks' lanes call them without a generic method call
// per field operation. Each group's are written out in groups.go (gnark-
// crypto's point types share no interface, and additions written once
// over generic field calls cost 11 % more in BW6-761's G1, 16 % in BN254's
// G1 and 23 % in its G2).
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

// addSpecial is every group's curve.addSpecial: acc + p through Jacobian
// coordinates.
func addSpecial[J, A any, PJ jacobian[J, A], PA affine[J, A]](acc, p *A) (infinity bool) {
	var j J
	PJ(&j).FromAffine(acc)
	PJ(&j).AddMixed(p)
	PA(acc).FromJacobian(&j)
	return PA(acc).IsInfinity()
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
func affineBlocks[J, A, F, S any](g Group[J, A, F, S], fallbacks *int) blockMul[A, S] {
	cv := g.curve
	var (
		digits []int32 // window-major: digits[k·n + i]
		row    []int32 // one scalar's digits, before they are spread
		set    []bool  // out[i] holds a partial sum (else: infinity)
		lanes  []int32
		adds   []A
		dens   []F
		prefix []F
	)
	return func(t *comb[A], scalars []S, out []A) {
		n := len(scalars)
		digits = slices.Grow(digits[:0], n*t.chunks)[:n*t.chunks]
		set = slices.Grow(set[:0], n)[:n]
		prefix = slices.Grow(prefix[:0], n)[:n]
		adds = slices.Grow(adds[:0], n)[:n]
		dens = slices.Grow(dens[:0], n)[:n]
		clear(set)
		row = slices.Grow(row[:0], t.chunks)[:t.chunks]
		for i := range scalars {
			g.digits(&scalars[i], t.c, row)
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
func invertInPlace[F any, PF fieldOps[F]](v, prefix []F) {
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
