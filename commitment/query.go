package commitment

import (
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/provensql/provensql/internal/batchmul"
)

// SegmentClaim is what one segment of a query claims of its committed
// columns: the columns of Digests evaluate at Z to Values, and, when Rows
// is not empty, the column of RowsDigest (over a domain of N rows) takes
// RowValues at Rows (a window's end rows).
type SegmentClaim struct {
	Digests    []Digest
	Z          fr.Element
	Values     []fr.Element
	RowsDigest Digest
	N          int
	Rows       []uint64
	RowValues  []fr.Element
}

// QueryOpening proves every segment's SegmentClaim of a query at once, with
// two quotients whatever the number of segments: the multi-point opening of
// Boneh, Drake, Fisch and Gabizon (SHPLONK) over each segment's two point
// sets {z_s} and S_s (its rows). For segment s, with F_s = Σ γ_s^j·P_{s,j}
// and v_s = Σ γ_s^j·Values_{s,j} (γ_s = FoldChallenge), r_s the polynomial
// of degree below |S_s| through the rows' values, Z_s = Π_{x∈S_s} (X − x)
// and μ_s = JointChallenge (1 without rows):
//
//	w_s = (P_s − r_s)/Z_s + μ_s·(F_s − v_s)/(X − z_s)
//
// (either part absent when the segment has no rows or no columns). With λ
// = QueryChallenge of the segments' seeds (μ_s, or γ_s without rows: each
// drawn after every value the segment claims) and ζ = JointPoint(λ, W):
//
//	W = [Σ λ^s·w_s],  H = [(L − L(ζ))/(X − ζ)],
//	L = Σ λ^s·(P_s/Z_s(ζ) + μ_s·F_s/(ζ − z_s)) − Σ λ^s·w_s
//
// L(ζ) = Σ λ^s·(r_s(ζ)/Z_s(ζ) + μ_s·v_s/(ζ − z_s)) where every claim
// holds, so QueryClaim turns the pair into one KZG claim: Σ λ^s·(C_s/Z_s(ζ)
// + μ_s/(ζ − z_s)·Σ γ_s^j·C_{s,j}) − W opens at ζ to that value with
// quotient H. A false value makes its w_s, and (for a random λ) the sum,
// no polynomial, so no W passes at a random ζ. The prover pays two MSMs
// for the whole query, the verifier one pairing check and a scalar
// multiplication per column commitment.
type QueryOpening struct {
	W, H bn254.G1Affine
}

// Bytes serialises a query opening: W, then H, 32 bytes each (compressed).
func (op *QueryOpening) Bytes() []byte {
	w, h := op.W.Bytes(), op.H.Bytes()
	return append(w[:], h[:]...)
}

// ParseQueryOpening reads a query opening written by Bytes, checking both
// points are valid G1 points.
func ParseQueryOpening(b []byte) (*QueryOpening, error) {
	if len(b) != 64 {
		return nil, fmt.Errorf("commitment: query opening of %d bytes, want 64", len(b))
	}
	op := &QueryOpening{}
	if _, err := op.W.SetBytes(b[:32]); err != nil {
		return nil, fmt.Errorf("commitment: malformed query opening quotient W: %w", err)
	}
	if _, err := op.H.SetBytes(b[32:]); err != nil {
		return nil, fmt.Errorf("commitment: malformed query opening quotient H: %w", err)
	}
	return op, nil
}

// QueryChallenge returns λ = keccak256(seed_0 ‖ seed_1 ‖ …) mod r, the
// weight of the segments' claims in a query opening, as the Coprocessor
// draws it: after every segment's claim.
func QueryChallenge(seeds []fr.Element) fr.Element {
	words := make([][32]byte, len(seeds))
	for s := range seeds {
		words[s] = seeds[s].Bytes()
	}
	return keccakToField(words)
}

// segmentChallenges are a segment claim's challenges and its rows'
// distinct points (xs, values vs, rows xRows).
type segmentChallenges struct {
	gamma, mu, seed fr.Element
	xs, vs          []fr.Element
	xRows           []uint64
}

// challenges checks a segment claim's shape and draws its challenges.
func (c *SegmentClaim) challenges() (segmentChallenges, error) {
	var ch segmentChallenges
	if len(c.Digests) != len(c.Values) {
		return ch, fmt.Errorf("commitment: %d digests but %d claimed values", len(c.Digests), len(c.Values))
	}
	if len(c.Digests) == 0 && len(c.Rows) == 0 {
		return ch, errors.New("commitment: a segment claim with no column and no row")
	}
	ch.gamma = FoldChallenge(c.Z, c.Digests, c.Values)
	ch.mu.SetOne()
	ch.seed = ch.gamma
	if len(c.Rows) == 0 {
		return ch, nil
	}
	points, xs, vs, xRows, err := rowPoints(c.N, c.Rows, c.RowValues)
	if err != nil {
		return ch, err
	}
	ch.xs, ch.vs, ch.xRows = xs, vs, xRows
	ch.mu = JointChallenge(c.Z, ch.gamma, c.RowsDigest, points, c.RowValues)
	ch.seed = ch.mu
	return ch, nil
}

// claimWeights returns a segment's weights in the query claim at ζ:
// λ^s/Z_s(ζ) on its rows column and λ^s·μ_s/(ζ − z_s) on its folded
// columns, and r_s(ζ); a ζ at z_s or at a row's point is an error (a part
// of the claim would drop out).
func claimWeights(c *SegmentClaim, ch *segmentChallenges, lambdaS, zeta fr.Element) (rowsWeight, colsWeight, rs fr.Element, err error) {
	if len(c.Rows) > 0 {
		var zs fr.Element
		rs, zs = interpolationAt(ch.xs, ch.vs, zeta)
		if zs.IsZero() {
			return rowsWeight, colsWeight, rs, errors.New("commitment: query opening's point ζ is a row's point")
		}
		rowsWeight.Inverse(&zs).Mul(&rowsWeight, &lambdaS)
	}
	if len(c.Digests) > 0 {
		var dz fr.Element
		dz.Sub(&zeta, &c.Z)
		if dz.IsZero() {
			return rowsWeight, colsWeight, rs, errors.New("commitment: query opening's point ζ is a segment's z")
		}
		colsWeight.Inverse(&dz).Mul(&colsWeight, &lambdaS).Mul(&colsWeight, &ch.mu)
	}
	return rowsWeight, colsWeight, rs, nil
}

// QueryClaim returns the one KZG claim a query opening makes for the
// segments' claims, in order. It is checked as any Claim (Verify).
func QueryClaim(claims []SegmentClaim, op *QueryOpening) (Claim, error) {
	if len(claims) == 0 {
		return Claim{}, errors.New("commitment: a query opening with no segment claim")
	}
	chs := make([]segmentChallenges, len(claims))
	seeds := make([]fr.Element, len(claims))
	for s := range claims {
		var err error
		if chs[s], err = claims[s].challenges(); err != nil {
			return Claim{}, fmt.Errorf("commitment: segment %d: %w", s, err)
		}
		seeds[s] = chs[s].seed
	}
	lambda := QueryChallenge(seeds)
	zeta := JointPoint(lambda, op.W)
	points := []bn254.G1Affine{op.W}
	scalars := []fr.Element{fr.One()}
	scalars[0].Neg(&scalars[0])
	var value fr.Element
	lambdaS := fr.One()
	for s := range claims {
		c := &claims[s]
		rowsWeight, colsWeight, rs, err := claimWeights(c, &chs[s], lambdaS, zeta)
		if err != nil {
			return Claim{}, fmt.Errorf("commitment: segment %d: %w", s, err)
		}
		if len(c.Rows) > 0 {
			points = append(points, c.RowsDigest)
			scalars = append(scalars, rowsWeight)
			var t fr.Element
			value.Add(&value, t.Mul(&rowsWeight, &rs))
		}
		pow := colsWeight
		for j := range c.Digests {
			points = append(points, c.Digests[j])
			scalars = append(scalars, pow)
			var t fr.Element
			value.Add(&value, t.Mul(&pow, &c.Values[j]))
			pow.Mul(&pow, &chs[s].gamma)
		}
		lambdaS.Mul(&lambdaS, &lambda)
	}
	var sum bn254.G1Jac
	if _, err := sum.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
		return Claim{}, fmt.Errorf("commitment: query claim: %w", err)
	}
	var d Digest
	d.FromJacobian(&sum)
	return Claim{Digests: []Digest{d}, Opening: &Opening{H: op.H, Values: []fr.Element{value}}, Z: zeta}, nil
}

// QueryOpener proves a query's segment claims as one QueryOpening. Add
// each segment's claim (in any order, from any goroutine) as soon as its z
// is known: Add computes the segment's first quotient, which needs no
// other segment; Open then commits the weighted sum and the second
// quotient, two MSMs in all.
type QueryOpener struct {
	srs   *SRS
	m     MSM
	mu    sync.Mutex
	parts []*segmentPart
	spill *spillFile // nil: the parts' polynomials stay in memory
	// forceCoefficients opens in coefficients even where every part is
	// over one domain (for tests: both paths give the same opening)
	forceCoefficients bool
}

// segmentPart is one segment's claim and the polynomials Open needs: its
// first quotient w, its rows column p and folded columns f (nil where
// absent), as values over a domain of n rows (lagrange) or coefficients.
// When the opener spills, the polynomials are in its file at off (lens
// elements each, −1 for nil) and w, p, f are nil.
type segmentPart struct {
	claim    SegmentClaim
	ch       segmentChallenges
	lagrange bool
	n        int
	w, p, f  []fr.Element
	spilled  bool
	off      int64
	lens     [3]int
}

// NewQueryOpener returns an opener of a query's claims over segments
// segments, committing on m (nil: the CPU).
func (s *SRS) NewQueryOpener(m MSM, segments int) *QueryOpener {
	if m == nil {
		m = CPU{}
	}
	return &QueryOpener{srs: s, m: m, parts: make([]*segmentPart, segments)}
}

// Add records segment seg's claim: columns (each over its own power-of-two
// domain, padding rows zero) at z against their digests, and, when rows is
// not empty, rowsColumn's values at rows of its domain against rowsDigest.
// It returns the columns' values at z.
func (q *QueryOpener) Add(seg int, columns [][]fr.Element, digests []Digest, z fr.Element, rowsColumn []fr.Element, rowsDigest Digest, rows []uint64) ([]fr.Element, error) {
	if seg < 0 || seg >= len(q.parts) {
		return nil, fmt.Errorf("commitment: segment %d of a query opening over %d", seg, len(q.parts))
	}
	if len(columns) != len(digests) {
		return nil, fmt.Errorf("commitment: %d columns and %d digests to open", len(columns), len(digests))
	}
	for i, c := range columns {
		if err := q.srs.checkDomain(len(c)); err != nil {
			return nil, fmt.Errorf("commitment: column %d: %w", i, err)
		}
	}
	part := &segmentPart{claim: SegmentClaim{Digests: digests, Z: z, Values: EvaluateColumns(columns, z), Rows: rows}}
	if len(rows) > 0 {
		n := len(rowsColumn)
		if err := q.srs.checkDomain(n); err != nil {
			return nil, fmt.Errorf("commitment: rows column: %w", err)
		}
		part.claim.RowsDigest, part.claim.N = rowsDigest, n
		part.claim.RowValues = make([]fr.Element, len(rows))
		for k, r := range rows {
			if r < uint64(n) {
				part.claim.RowValues[k] = rowsColumn[r]
			}
		}
	}
	var err error
	if part.ch, err = part.claim.challenges(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		rowsColumn = nil
	} else if len(part.ch.xs) >= part.claim.N {
		return nil, fmt.Errorf("commitment: %d rows to open in a domain of %d", len(part.ch.xs), part.claim.N)
	}
	if n, ok := lagrangeDomain(columns, rowsColumn, len(part.ch.xs), z); ok {
		part.lagrange, part.n, part.p = true, n, rowsColumn
		if part.w, part.f, err = firstQuotientOverLagrange(n, columns, rowsColumn, part.ch, z, part.claim.Values); err != nil {
			return nil, err
		}
	} else {
		part.w, part.p, part.f = firstQuotientCoefficients(columns, rowsColumn, part.ch, z)
	}
	part.lens = [3]int{vectorLen(part.w), vectorLen(part.p), vectorLen(part.f)}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.parts[seg] != nil {
		return nil, fmt.Errorf("commitment: segment %d added twice to a query opening", seg)
	}
	if q.spill != nil {
		if err := q.spill.store(part); err != nil {
			return nil, fmt.Errorf("commitment: segment %d's quotient: %w", seg, err)
		}
	}
	q.parts[seg] = part
	return part.claim.Values, nil
}

// SpillTo makes Add write each segment's polynomials (three vectors of its
// rows) to a temporary file in dir, and Open read them back one segment at
// a time: the opening then holds its accumulator and one segment's vectors
// in memory, not three field elements per row of the query. Call it before
// the first Add; Open or Close removes the file.
func (q *QueryOpener) SpillTo(dir string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, p := range q.parts {
		if p != nil {
			return errors.New("commitment: SpillTo after a segment was added")
		}
	}
	if q.spill != nil {
		return errors.New("commitment: the query opener spills already")
	}
	f, err := newSpillFile(dir)
	if err != nil {
		return err
	}
	q.spill = f
	return nil
}

// Spills reports whether Add writes the segments' polynomials to a file
// (SpillTo) rather than keeping them in memory.
func (q *QueryOpener) Spills() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.spill != nil
}

// Close releases the opener's spill file, if any (Open does too). An
// opener whose Open is never called, a query that failed, must be closed.
func (q *QueryOpener) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.closeSpill()
}

func (q *QueryOpener) closeSpill() error {
	if q.spill == nil {
		return nil
	}
	err := q.spill.close()
	q.spill = nil
	return err
}

// polynomials returns those of a part's w, p and f that want asks for
// (the others nil), read back when spilled, in coefficients unless the
// whole opening is over one domain (lagrange). A part kept in memory is
// turned into coefficients once, in place.
func (q *QueryOpener) polynomials(part *segmentPart, lagrange bool, want [3]bool) ([3][]fr.Element, error) {
	vs := [3][]fr.Element{part.w, part.p, part.f}
	if part.spilled {
		if q.spill == nil {
			return vs, errors.New("the query opener was closed")
		}
		var err error
		if vs, err = q.spill.load(part, want); err != nil {
			return vs, err
		}
	}
	if part.lagrange && !lagrange {
		dom := fft.NewDomain(uint64(part.n), fft.WithoutPrecompute())
		for k := range vs {
			if vs[k] != nil && (want[k] || !part.spilled) {
				vs[k] = coefficients(dom, vs[k])
			}
		}
		if !part.spilled {
			part.w, part.p, part.f, part.lagrange = vs[0], vs[1], vs[2], false
		}
	}
	for k := range vs {
		if !want[k] {
			vs[k] = nil
		}
	}
	return vs, nil
}

// lagrangeDomain returns the domain size n over which a segment's
// quotients are computed from values (firstQuotientOverLagrange): every
// column and the rows column (nil: none) have n rows, z lies outside the
// domain, and there are at most maxLagrangeRows distinct rows.
func lagrangeDomain(columns [][]fr.Element, rowsColumn []fr.Element, rows int, z fr.Element) (int, bool) {
	n := len(rowsColumn)
	if n == 0 && len(columns) > 0 {
		n = len(columns[0])
	}
	if rows > maxLagrangeRows {
		return 0, false
	}
	for _, c := range columns {
		if len(c) != n {
			return 0, false
		}
	}
	var zn fr.Element
	return n, !zn.Exp(z, big.NewInt(int64(n))).IsOne()
}

// firstQuotientOverLagrange returns a segment's first quotient w_s and its
// folded columns F_s as values over a domain of n rows, where every
// column (and the rows column, nil: none) has n rows and z lies outside
// the domain: (P − r_S)/Z_S by l'Hôpital's rule at S's rows (its values
// there from the moments its degree sets to 0), μ·(F − v)/(X − z)
// elsewhere, with no FFT, in parallel.
func firstQuotientOverLagrange(n int, columns [][]fr.Element, rowsColumn []fr.Element, ch segmentChallenges, z fr.Element, values []fr.Element) (w, f []fr.Element, err error) {
	omega := fft.NewDomain(uint64(n), fft.WithoutPrecompute()).Generator
	pows, v := foldPowers(values, ch.gamma)
	if len(columns) > 0 {
		f = make([]fr.Element, n)
		batchmul.Parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				for j, c := range columns {
					var t fr.Element
					t.Mul(&c[i], &pows[j])
					f[i].Add(&f[i], &t)
				}
			}
		})
	}
	xs, mu := ch.xs, ch.mu
	var r []fr.Element // r_S in coefficients
	if rowsColumn != nil {
		r = interpolationCoefficients(xs, ch.vs)
	}
	// q = (P − r_S)/Z_S has degree below n − |S|, so its coefficients of
	// X^{n−t}, t = 1…|S|, are 0: Σ_i q(ω^i)·ω^{i·t} = 0. The sums over the
	// rows outside S (moments[t−1]) give q's values at S's rows.
	w = make([]fr.Element, n)
	moments := sumInRanges(n, len(xs), func(lo, hi int, part []fr.Element) {
		var x fr.Element
		if rowsColumn != nil {
			zs := make([]fr.Element, hi-lo) // Z_S(ω^i): 0 at S's rows
			x.Exp(omega, big.NewInt(int64(lo)))
			for i := lo; i < hi; i++ {
				zs[i-lo].SetOne()
				for k := range xs {
					var t fr.Element
					t.Sub(&x, &xs[k])
					zs[i-lo].Mul(&zs[i-lo], &t)
				}
				rx := horner(r, x)
				w[i].Sub(&rowsColumn[i], &rx)
				x.Mul(&x, &omega)
			}
			zs = fr.BatchInvert(zs) // 1/0 is 0: q is 0 at S's rows here
			x.Exp(omega, big.NewInt(int64(lo)))
			for i := lo; i < hi; i++ {
				w[i].Mul(&w[i], &zs[i-lo]) // q(ω^i)
				t := w[i]
				for k := range part {
					t.Mul(&t, &x) // q(ω^i)·ω^{i·(k+1)}
					part[k].Add(&part[k], &t)
				}
				x.Mul(&x, &omega)
			}
		}
		if f != nil {
			dz := make([]fr.Element, hi-lo)
			inverseDistances(dz, lo, omega, z) // 1/(ω^i − z)
			for i := lo; i < hi; i++ {
				var t fr.Element
				t.Sub(&f[i], &v).Mul(&t, &dz[i-lo]).Mul(&t, &mu)
				w[i].Add(&w[i], &t)
			}
		}
	})
	if rowsColumn != nil {
		// Σ_{s∈S} q(x_s)·x_s^t = −moments[t−1], t = 1…|S|: a Vandermonde
		// system (the x_s distinct and not 0)
		qs, err := solveMoments(xs, moments)
		if err != nil {
			return nil, nil, err
		}
		for k, row := range ch.xRows {
			w[row].Add(&w[row], &qs[k])
		}
	}
	return w, f, nil
}

// firstQuotientCoefficients returns a segment's first quotient w_s, its
// rows column P_s (nil: none) and folded columns F_s (nil: none) in
// coefficients, by inverse FFTs and synthetic division: where
// firstQuotientOverLagrange does not apply (columns of several lengths, z
// in the domain, many rows).
func firstQuotientCoefficients(columns [][]fr.Element, rowsColumn []fr.Element, ch segmentChallenges, z fr.Element) (w, p, f []fr.Element) {
	if rowsColumn != nil {
		p = coefficients(fft.NewDomain(uint64(len(rowsColumn)), fft.WithoutPrecompute()), rowsColumn)
		w = p // divideLinear returns a new slice: p stays
		for _, x := range ch.xs {
			w = divideLinear(w, x) // the remainder, r_S, dropped
		}
	}
	if len(columns) > 0 {
		f = foldedCoefficients(columns, ch.gamma)
		quo := divideLinear(f, z) // the remainder, v, dropped
		if len(quo) > len(w) {
			w = append(w, make([]fr.Element, len(quo)-len(w))...)
		}
		for k := range quo {
			var t fr.Element
			t.Mul(&ch.mu, &quo[k])
			w[k].Add(&w[k], &t)
		}
	}
	return w, p, f
}

// Claims returns the segment claims added, in segment order: what
// QueryClaim checks the opening against.
func (q *QueryOpener) Claims() []SegmentClaim {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]SegmentClaim, len(q.parts))
	for s, p := range q.parts {
		if p != nil {
			out[s] = p.claim
		}
	}
	return out
}

// Open proves every added claim as one QueryOpening: two MSMs. Every
// segment must have been added.
func (q *QueryOpener) Open() (*QueryOpening, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	defer q.closeSpill()
	if len(q.parts) == 0 {
		return nil, errors.New("commitment: a query opening with no segment claim")
	}
	seeds := make([]fr.Element, len(q.parts))
	lagrange, n := true, 0
	for s, p := range q.parts {
		if p == nil {
			return nil, fmt.Errorf("commitment: segment %d's claim not added to the query opening", s)
		}
		seeds[s] = p.ch.seed
		lagrange = lagrange && p.lagrange && (n == 0 || p.n == n)
		n = max(n, p.n)
	}
	lagrange = lagrange && !q.forceCoefficients
	lambda := QueryChallenge(seeds)
	// the weighted sum of the first quotients, committed (a part's vectors
	// keep their length in coefficients)
	size := 0
	for _, p := range q.parts {
		size = max(size, p.lens[0], p.lens[1], p.lens[2])
	}
	w := make([]fr.Element, size)
	lambdaS := fr.One()
	for s, p := range q.parts {
		vs, err := q.polynomials(p, lagrange, [3]bool{true, false, false})
		if err != nil {
			return nil, fmt.Errorf("commitment: segment %d: %w", s, err)
		}
		addScaled(w, vs[0], lambdaS)
		lambdaS.Mul(&lambdaS, &lambda)
	}
	basis := q.srs.kzg.Pk.G1[:size]
	if lagrange {
		var err error
		if basis, err = q.srs.Lagrange(n); err != nil {
			return nil, err
		}
	}
	op := &QueryOpening{}
	var err error
	if op.W, err = q.m.MultiExpG1(basis, w); err != nil {
		return nil, fmt.Errorf("commitment: query opening quotient on %s: %w", q.m.Name(), err)
	}
	zeta := JointPoint(lambda, op.W)
	// L = Σ λ^s·(P_s/Z_s(ζ) + μ_s·F_s/(ζ − z_s)) − Σ λ^s·w_s, into w (its
	// constant terms left out where they are: they do not enter the
	// quotient at ζ)
	for i := range w {
		w[i].Neg(&w[i])
	}
	lambdaS.SetOne()
	for s, p := range q.parts {
		rowsWeight, colsWeight, _, err := claimWeights(&p.claim, &p.ch, lambdaS, zeta)
		if err != nil {
			return nil, fmt.Errorf("commitment: segment %d: %w", s, err)
		}
		vs, err := q.polynomials(p, lagrange, [3]bool{false, true, true})
		if err != nil {
			return nil, fmt.Errorf("commitment: segment %d: %w", s, err)
		}
		addScaled(w, vs[1], rowsWeight)
		addScaled(w, vs[2], colsWeight)
		lambdaS.Mul(&lambdaS, &lambda)
	}
	var zn fr.Element
	if !lagrange || zn.Exp(zeta, big.NewInt(int64(n))).IsOne() {
		if lagrange { // ζ in the domain: by coefficients
			w = coefficients(fft.NewDomain(uint64(n), fft.WithoutPrecompute()), w)
		}
		op.H, err = q.srs.quotientCommitment(q.m, w, zeta)
		return op, err
	}
	quotientOverDomain(w, zeta)
	if op.H, err = q.m.MultiExpG1(basis, w); err != nil {
		return nil, fmt.Errorf("commitment: query opening quotient on %s: %w", q.m.Name(), err)
	}
	return op, nil
}

// addScaled adds c·src to dst (src no longer than dst; nil adds nothing),
// in parallel.
func addScaled(dst, src []fr.Element, c fr.Element) {
	batchmul.Parallel(len(src), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var t fr.Element
			t.Mul(&src[i], &c)
			dst[i].Add(&dst[i], &t)
		}
	})
}

// quotientOverDomain turns l, a polynomial's values over its domain (n =
// len(l) rows), into those of (L − L(ζ))/(X − ζ), for ζ outside the
// domain: the denominators 1/(ω^i − ζ) inverted once for both; L(ζ) =
// Σ L(ω^i)·L_i(ζ) with L_i(ζ) = −ω^i·(ζ^n − 1)/n · 1/(ω^i − ζ).
func quotientOverDomain(l []fr.Element, zeta fr.Element) {
	n := len(l)
	omega := fft.NewDomain(uint64(n), fft.WithoutPrecompute()).Generator
	den := make([]fr.Element, n)
	sum := sumInRanges(n, 1, func(lo, hi int, part []fr.Element) { // Σ L(ω^i)·ω^i/(ω^i − ζ)
		inverseDistances(den[lo:hi], lo, omega, zeta)
		var x fr.Element
		x.Exp(omega, big.NewInt(int64(lo)))
		for i := lo; i < hi; i++ {
			var t fr.Element
			t.Mul(&l[i], &x).Mul(&t, &den[i])
			part[0].Add(&part[0], &t)
			x.Mul(&x, &omega)
		}
	})
	var zn, lz, c fr.Element
	one := fr.One()
	c.SetUint64(uint64(n)).Inverse(&c)
	zn.Exp(zeta, big.NewInt(int64(n))).Sub(&zn, &one).Mul(&zn, &c) // (ζ^n − 1)/n
	lz.Mul(&sum[0], &zn).Neg(&lz)
	batchmul.Parallel(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			l[i].Sub(&l[i], &lz).Mul(&l[i], &den[i])
		}
	})
}

// maxLagrangeRows bounds the rows a joint opening computes from the values
// over the domain: each costs two multiplications per row of the domain,
// and a system of that size is solved.
const maxLagrangeRows = 16

// JointChallenge returns μ = keccak256(z ‖ γ ‖ C.x ‖ C.y ‖ x_0 ‖ v_0 ‖ …)
// mod r for a joint opening of the rows column's digest C at points x_k
// with values v_k, γ the columns' fold challenge at z (every item a 32-byte
// big-endian word), as the Coprocessor computes it: drawn after every
// claimed value.
func JointChallenge(z, gamma fr.Element, digest Digest, points, values []fr.Element) fr.Element {
	words := [][32]byte{z.Bytes(), gamma.Bytes(), digest.X.Bytes(), digest.Y.Bytes()}
	for k := range points {
		words = append(words, points[k].Bytes(), values[k].Bytes())
	}
	return keccakToField(words)
}

// JointPoint returns ζ = keccak256(μ ‖ W.x ‖ W.y) mod r, the point a joint
// opening's second quotient opens at: drawn after W.
func JointPoint(mu fr.Element, w bn254.G1Affine) fr.Element {
	return keccakToField([][32]byte{mu.Bytes(), w.X.Bytes(), w.Y.Bytes()})
}

// rowPoints returns the points of rows of a domain of n rows and the
// distinct ones with their values and their rows (xRows, in xs' order); a
// row outside the domain, or two values at one row, is an error.
func rowPoints(n int, rows []uint64, values []fr.Element) (points, xs, vs []fr.Element, xRows []uint64, err error) {
	if len(rows) != len(values) || len(rows) == 0 {
		return nil, nil, nil, nil, fmt.Errorf("commitment: %d rows and %d values", len(rows), len(values))
	}
	points = make([]fr.Element, len(rows))
	for k, r := range rows {
		if r >= uint64(n) {
			return nil, nil, nil, nil, fmt.Errorf("commitment: row %d outside a domain of %d rows", r, n)
		}
		points[k] = RowPoint(n, r)
	}
	xs, vs, first, err := distinctPoints(points, values)
	for _, k := range first {
		xRows = append(xRows, rows[k])
	}
	return points, xs, vs, xRows, err
}

// interpolationCoefficients returns the coefficients of the polynomial of
// degree below len(xs) through the distinct points xs with values vs.
func interpolationCoefficients(xs, vs []fr.Element) []fr.Element {
	out := make([]fr.Element, len(xs))
	for a := range xs {
		// Π_{b≠a} (X − x_b), and its value at x_a
		basis := []fr.Element{fr.One()}
		var den fr.Element
		den.SetOne()
		for b := range xs {
			if b == a {
				continue
			}
			next := make([]fr.Element, len(basis)+1)
			for k := range basis {
				var t fr.Element
				next[k+1].Add(&next[k+1], &basis[k])
				t.Mul(&basis[k], &xs[b])
				next[k].Sub(&next[k], &t)
			}
			basis = next
			var t fr.Element
			t.Sub(&xs[a], &xs[b])
			den.Mul(&den, &t)
		}
		var scale fr.Element
		scale.Inverse(&den).Mul(&scale, &vs[a])
		for k := range basis {
			var t fr.Element
			t.Mul(&basis[k], &scale)
			out[k].Add(&out[k], &t)
		}
	}
	return out
}

// horner returns p(x) for p's coefficients.
func horner(p []fr.Element, x fr.Element) fr.Element {
	var v fr.Element
	for k := len(p) - 1; k >= 0; k-- {
		v.Mul(&v, &x).Add(&v, &p[k])
	}
	return v
}

// solveMoments returns the values q_s with Σ_s q_s·x_s^t = −moments[t−1]
// for t = 1…len(xs), by Gaussian elimination: the matrix (x_s^t) is
// invertible for distinct xs none of which is 0 (domain points).
func solveMoments(xs, moments []fr.Element) ([]fr.Element, error) {
	m := len(xs)
	a := make([][]fr.Element, m) // rows t−1: x_s^t …, then the right side
	for t := range a {
		a[t] = make([]fr.Element, m+1)
		for s := range xs {
			a[t][s].Exp(xs[s], big.NewInt(int64(t+1)))
		}
		a[t][m].Neg(&moments[t])
	}
	for c := range m {
		p := c
		for p < m && a[p][c].IsZero() {
			p++
		}
		if p == m {
			return nil, errors.New("commitment: joint opening: the rows' system is singular")
		}
		a[c], a[p] = a[p], a[c]
		var inv fr.Element
		inv.Inverse(&a[c][c])
		for k := c; k <= m; k++ {
			a[c][k].Mul(&a[c][k], &inv)
		}
		for r := range m {
			if r == c || a[r][c].IsZero() {
				continue
			}
			factor := a[r][c]
			for k := c; k <= m; k++ {
				var t fr.Element
				t.Mul(&factor, &a[c][k])
				a[r][k].Sub(&a[r][k], &t)
			}
		}
	}
	out := make([]fr.Element, m)
	for s := range out {
		out[s] = a[s][m]
	}
	return out, nil
}
