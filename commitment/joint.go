package commitment

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/provensql/provensql/internal/batchmul"
)

// JointOpening proves, with two quotients, several committed columns P_j
// at one point z (what an Opening proves) together with one column P at
// rows of its domain (the points S: a window's end rows). It is the
// multi-point opening of Boneh, Drake, Fisch and Gabizon (SHPLONK) over the
// two point sets {z} and S. With F = Σ γ^j·P_j and v = Σ γ^j·Values[j]
// (γ = FoldChallenge(z, digests, Values)), r_S the polynomial of degree
// below |S| through the rows' values, Z_S = Π_{x∈S} (X − x),
// μ = JointChallenge(z, γ, C, points, values) and ζ = JointPoint(μ, W):
//
//	W = [w],  w = (P − r_S)/Z_S + μ·(F − v)/(X − z)
//	H = [L/(X − ζ)],  L = (ζ − z)·(P − r_S(ζ)) + μ·Z_S(ζ)·(F − v) − Z_S(ζ)·(ζ − z)·w
//
// L vanishes at ζ, so JointClaim turns the pair into one KZG claim:
// (ζ − z)·C + μ·Z_S(ζ)·Σ γ^j·C_j − Z_S(ζ)·(ζ − z)·W opens at ζ to
// (ζ − z)·r_S(ζ) + μ·Z_S(ζ)·v with quotient H. w is a polynomial only if
// both divisions are exact (their poles, S and z, are apart), so for a
// random μ a false value at z or at a row leaves no W that passes at a
// random ζ. It costs the prover two MSMs where the two openings took three.
// Without columns (none opened at z) it opens the rows alone, F = 0.
type JointOpening struct {
	// Values are the columns' evaluations at z.
	Values []fr.Element
	W, H   bn254.G1Affine
}

// Parts serialises a joint opening as a receipt carries it: the Opening
// form (H, then the values at z) and W (32 bytes each, compressed).
func (op *JointOpening) Parts() (opening, window []byte) {
	o := Opening{H: op.H, Values: op.Values}
	w := op.W.Bytes()
	return o.Bytes(), w[:]
}

// ParseJointOpening reads a joint opening from the parts Parts writes,
// checking both points are valid G1 points and the values canonical.
func ParseJointOpening(opening, window []byte) (*JointOpening, error) {
	o, err := ParseOpening(opening)
	if err != nil {
		return nil, err
	}
	if len(window) != 32 {
		return nil, fmt.Errorf("commitment: joint opening's W of %d bytes, want 32", len(window))
	}
	op := &JointOpening{Values: o.Values, H: o.H}
	if _, err := op.W.SetBytes(window); err != nil {
		return nil, fmt.Errorf("commitment: malformed joint opening quotient W: %w", err)
	}
	return op, nil
}

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

// OpenJoint proves the evaluations at z of columns (each over its own
// power-of-two domain, padding rows zero; none is allowed) against their
// digests, and rowsColumn's values at rows of its domain against
// rowsDigest, as one JointOpening: two MSMs on m (nil: the CPU). Where
// every column shares rowsColumn's domain (a segment's columns), the
// quotients are computed from the values over it and committed on the
// Lagrange basis, in parallel; else from coefficients. Both give the same
// points.
func (s *SRS) OpenJoint(m MSM, columns [][]fr.Element, digests []Digest, z fr.Element, rowsColumn []fr.Element, rowsDigest Digest, rows []uint64) (*JointOpening, error) {
	if len(columns) != len(digests) {
		return nil, fmt.Errorf("commitment: %d columns and %d digests to open", len(columns), len(digests))
	}
	n := len(rowsColumn)
	if err := s.checkDomain(n); err != nil {
		return nil, fmt.Errorf("commitment: rows column: %w", err)
	}
	for i, c := range columns {
		if err := s.checkDomain(len(c)); err != nil {
			return nil, fmt.Errorf("commitment: column %d: %w", i, err)
		}
	}
	values := make([]fr.Element, len(rows))
	for k, r := range rows {
		if r < uint64(n) {
			values[k] = rowsColumn[r]
		}
	}
	points, xs, _, xRows, err := rowPoints(n, rows, values)
	if err != nil {
		return nil, err
	}
	if len(xs) >= n {
		return nil, fmt.Errorf("commitment: %d rows to open in a domain of %d", len(xs), n)
	}
	if m == nil {
		m = CPU{}
	}
	op := &JointOpening{Values: EvaluateColumns(columns, z)}
	gamma := FoldChallenge(z, digests, op.Values)
	mu := JointChallenge(z, gamma, rowsDigest, points, values)
	if overLagrange(columns, n, len(xs), z) {
		err = s.jointOverLagrange(m, op, columns, rowsColumn, xRows, xs, z, gamma, mu)
	} else {
		err = s.jointOverCoefficients(m, op, columns, rowsColumn, xs, z, gamma, mu)
	}
	if err != nil {
		return nil, err
	}
	return op, nil
}

// overLagrange reports whether a joint opening over a domain of n rows at
// rows points can be computed from the values over the domain
// (jointOverLagrange): every column has n rows, z lies outside the domain,
// and there are at most maxLagrangeRows of them.
func overLagrange(columns [][]fr.Element, n, rows int, z fr.Element) bool {
	if rows > maxLagrangeRows {
		return false
	}
	for _, c := range columns {
		if len(c) != n {
			return false
		}
	}
	var zn fr.Element
	return !zn.Exp(z, big.NewInt(int64(n))).IsOne()
}

// maxLagrangeRows bounds the rows a joint opening computes from the values
// over the domain: each costs two multiplications per row of the domain,
// and a system of that size is solved.
const maxLagrangeRows = 16

// jointOverCoefficients computes op.W and op.H from the polynomials'
// coefficients: an inverse FFT per domain, w and the second quotient by
// synthetic division. OpenJoint takes it where jointOverLagrange does not
// apply.
func (s *SRS) jointOverCoefficients(m MSM, op *JointOpening, columns [][]fr.Element, rowsColumn []fr.Element, xs []fr.Element, z, gamma, mu fr.Element) error {
	n := len(rowsColumn)
	// w = (P − r_S)/Z_S + μ·(F − v)/(X − z), in coefficients
	p := coefficients(fft.NewDomain(uint64(n), fft.WithoutPrecompute()), rowsColumn)
	w := p // divideLinear returns a new slice: p stays for L
	for _, x := range xs {
		w = divideLinear(w, x) // the remainder, r_S, dropped
	}
	var f []fr.Element
	if len(columns) > 0 {
		f = foldedCoefficients(columns, gamma)
		q := divideLinear(f, z) // the remainder, v, dropped
		if len(q) > len(w) {
			w = append(w, make([]fr.Element, len(q)-len(w))...)
		}
		for k := range q {
			var t fr.Element
			t.Mul(&mu, &q[k])
			w[k].Add(&w[k], &t)
		}
	}
	zeta, dz, muZs, zsDz, err := commitW(m, op, s.kzg.Pk.G1[:len(w)], w, xs, z, mu)
	if err != nil {
		return err
	}
	// L = (ζ − z)·P + μ·Z_S(ζ)·F − Z_S(ζ)·(ζ − z)·w, its constant terms
	// left out: they do not enter the quotient at ζ
	l := make([]fr.Element, max(len(p), len(f), len(w)))
	for k := range l {
		var t fr.Element
		if k < len(p) {
			t.Mul(&dz, &p[k])
			l[k].Add(&l[k], &t)
		}
		if k < len(f) {
			t.Mul(&muZs, &f[k])
			l[k].Add(&l[k], &t)
		}
		if k < len(w) {
			t.Mul(&zsDz, &w[k])
			l[k].Sub(&l[k], &t)
		}
	}
	op.H, err = s.quotientCommitment(m, l, zeta)
	return err
}

// jointOverLagrange computes op.W and op.H from the values over the
// domain of rowsColumn's n rows, where every column has n rows and z lies
// outside the domain: w's evaluations — (P − r_S)/Z_S by l'Hôpital's rule
// at S's rows, (F − v)/(X − z) — and then the second quotient's, each
// committed on the Lagrange basis. Both polynomials have degree below n,
// so these are the points their coefficients commit to
// (jointOverCoefficients'), computed with no FFT and no serial division,
// in parallel. sRows are the rows of xs, in xs' order.
func (s *SRS) jointOverLagrange(m MSM, op *JointOpening, columns [][]fr.Element, rowsColumn []fr.Element, sRows []uint64, xs []fr.Element, z, gamma, mu fr.Element) error {
	n := len(rowsColumn)
	basis, err := s.Lagrange(n)
	if err != nil {
		return err
	}
	omega := fft.NewDomain(uint64(n), fft.WithoutPrecompute()).Generator
	// F = Σ γ^j·P_j over the domain, v = F(z)
	var f []fr.Element
	pows, v := foldPowers(op.Values, gamma)
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
	// r_S through the rows column's values at S, in coefficients
	sValues := make([]fr.Element, len(sRows))
	for k, r := range sRows {
		sValues[k] = rowsColumn[r]
	}
	r := interpolationCoefficients(xs, sValues)
	// q = (P − r_S)/Z_S has degree below n − |S|, so its coefficients of
	// X^{n−t}, t = 1…|S|, are 0: Σ_i q(ω^i)·ω^{i·t} = 0. The sums over the
	// rows outside S (moments[t−1]) give q's values at S's rows.
	w := make([]fr.Element, n)
	moments := sumInRanges(n, len(xs), func(lo, hi int, part []fr.Element) {
		zs := make([]fr.Element, hi-lo) // Z_S(ω^i): 0 at S's rows
		var x fr.Element
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
		dz := make([]fr.Element, hi-lo)
		inverseDistances(dz, lo, omega, z) // 1/(ω^i − z)
		x.Exp(omega, big.NewInt(int64(lo)))
		for i := lo; i < hi; i++ {
			w[i].Mul(&w[i], &zs[i-lo]) // q(ω^i)
			var t fr.Element
			t.Set(&w[i])
			for k := range part {
				t.Mul(&t, &x) // q(ω^i)·ω^{i·(k+1)}
				part[k].Add(&part[k], &t)
			}
			if f != nil {
				t.Sub(&f[i], &v).Mul(&t, &dz[i-lo]).Mul(&t, &mu)
				w[i].Add(&w[i], &t)
			}
			x.Mul(&x, &omega)
		}
	})
	// Σ_{s∈S} q(x_s)·x_s^t = −moments[t−1], t = 1…|S|: a Vandermonde system
	// (the x_s distinct and not 0)
	qs, err := solveMoments(xs, moments)
	if err != nil {
		return err
	}
	for k, row := range sRows {
		w[row].Add(&w[row], &qs[k])
	}
	zeta, dz, muZs, zsDz, err := commitW(m, op, basis, w, xs, z, mu)
	if err != nil {
		return err
	}
	// L = (ζ − z)·P + μ·Z_S(ζ)·F − Z_S(ζ)·(ζ − z)·w over the domain (its
	// constant terms left out: they do not enter the quotient at ζ), into w
	l := w
	batchmul.Parallel(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var a, t fr.Element
			a.Mul(&dz, &rowsColumn[i])
			if f != nil {
				t.Mul(&muZs, &f[i])
				a.Add(&a, &t)
			}
			t.Mul(&zsDz, &l[i])
			l[i].Sub(&a, &t)
		}
	})
	var zn fr.Element
	if zn.Exp(zeta, big.NewInt(int64(n))).IsOne() { // ζ in the domain: by coefficients
		op.H, err = s.quotientCommitment(m, coefficients(fft.NewDomain(uint64(n), fft.WithoutPrecompute()), l), zeta)
		return err
	}
	// (L − L(ζ))/(X − ζ) over the domain, into l: the denominators
	// 1/(ω^i − ζ) inverted once for both; L(ζ) = Σ L(ω^i)·L_i(ζ) with
	// L_i(ζ) = −ω^i·(ζ^n − 1)/n · 1/(ω^i − ζ)
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
	var lz, c fr.Element
	one := fr.One()
	c.SetUint64(uint64(n)).Inverse(&c)
	zn.Sub(&zn, &one).Mul(&zn, &c) // (ζ^n − 1)/n
	lz.Mul(&sum[0], &zn).Neg(&lz)
	batchmul.Parallel(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			l[i].Sub(&l[i], &lz).Mul(&l[i], &den[i])
		}
	})
	if op.H, err = m.MultiExpG1(basis, l); err != nil {
		return fmt.Errorf("commitment: joint opening quotient on %s: %w", m.Name(), err)
	}
	return nil
}

// commitW commits w on basis into op.W and returns the second point ζ =
// JointPoint(μ, W) with the scalars of L = (ζ − z)·P + μ·Z_S(ζ)·F −
// Z_S(ζ)·(ζ − z)·w: ζ − z, μ·Z_S(ζ) and Z_S(ζ)·(ζ − z).
func commitW(m MSM, op *JointOpening, basis []bn254.G1Affine, w, xs []fr.Element, z, mu fr.Element) (zeta, dz, muZs, zsDz fr.Element, err error) {
	if op.W, err = m.MultiExpG1(basis, w); err != nil {
		return zeta, dz, muZs, zsDz, fmt.Errorf("commitment: joint opening quotient on %s: %w", m.Name(), err)
	}
	zeta = JointPoint(mu, op.W)
	_, zs := interpolationAt(xs, nil, zeta) // Z_S(ζ)
	dz.Sub(&zeta, &z)
	muZs.Mul(&mu, &zs)
	zsDz.Mul(&zs, &dz)
	return zeta, dz, muZs, zsDz, nil
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

// JointClaim returns the one opening claim a JointOpening makes: the
// columns of digests at z (their values op.Values) and the column of
// rowsDigest, over a domain of n rows, at rows (rowValues). It is checked
// as any Claim (Verify, VerifyBatch).
func JointClaim(digests []Digest, z fr.Element, rowsDigest Digest, n int, rows []uint64, rowValues []fr.Element, op *JointOpening) (Claim, error) {
	if len(digests) != len(op.Values) {
		return Claim{}, fmt.Errorf("commitment: %d digests but %d claimed values", len(digests), len(op.Values))
	}
	points, xs, vs, _, err := rowPoints(n, rows, rowValues)
	if err != nil {
		return Claim{}, err
	}
	gamma := FoldChallenge(z, digests, op.Values)
	mu := JointChallenge(z, gamma, rowsDigest, points, rowValues)
	return jointClaimAt(digests, z, rowsDigest, xs, vs, gamma, mu, JointPoint(mu, op.W), op)
}

// jointClaimAt is JointClaim's claim at the point zeta, for the distinct
// row points xs (values vs) and the challenges gamma and mu.
func jointClaimAt(digests []Digest, z fr.Element, rowsDigest Digest, xs, vs []fr.Element, gamma, mu, zeta fr.Element, op *JointOpening) (Claim, error) {
	rs, zs := interpolationAt(xs, vs, zeta)
	var dz, muZs, zsDz fr.Element
	dz.Sub(&zeta, &z)
	if dz.IsZero() || zs.IsZero() { // ζ = z or a row's point: the claim would drop a part
		return Claim{}, fmt.Errorf("commitment: joint opening's point ζ is z or a row's point")
	}
	muZs.Mul(&mu, &zs)
	zsDz.Mul(&zs, &dz)
	// the claimed value (ζ − z)·r_S(ζ) + μ·Z_S(ζ)·v, and the commitment's
	// scalars: (ζ − z) on C, μ·Z_S(ζ)·γ^j on C_j, −Z_S(ζ)·(ζ − z) on W
	var value fr.Element
	value.Mul(&dz, &rs)
	points1 := append([]bn254.G1Affine{rowsDigest, op.W}, digests...)
	scalars := make([]fr.Element, len(points1))
	scalars[0] = dz
	scalars[1].Neg(&zsDz)
	pow := muZs
	for j := range digests {
		scalars[2+j] = pow
		var t fr.Element
		t.Mul(&pow, &op.Values[j])
		value.Add(&value, &t)
		pow.Mul(&pow, &gamma)
	}
	var c bn254.G1Jac
	if _, err := c.MultiExp(points1, scalars, ecc.MultiExpConfig{}); err != nil {
		return Claim{}, fmt.Errorf("commitment: joint claim: %w", err)
	}
	var ca Digest
	ca.FromJacobian(&c)
	return Claim{Digests: []Digest{ca}, Opening: &Opening{H: op.H, Values: []fr.Element{value}}, Z: zeta}, nil
}
