package commitment

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
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
// distinct ones with their values; a row outside the domain, or two values
// at one row, is an error.
func rowPoints(n int, rows []uint64, values []fr.Element) (points, xs, vs []fr.Element, err error) {
	if len(rows) != len(values) || len(rows) == 0 {
		return nil, nil, nil, fmt.Errorf("commitment: %d rows and %d values", len(rows), len(values))
	}
	points = make([]fr.Element, len(rows))
	for k, r := range rows {
		if r >= uint64(n) {
			return nil, nil, nil, fmt.Errorf("commitment: row %d outside a domain of %d rows", r, n)
		}
		points[k] = RowPoint(n, r)
	}
	xs, vs, err = distinctPoints(points, values)
	return points, xs, vs, err
}

// OpenJoint proves the evaluations at z of columns (each over its own
// power-of-two domain, padding rows zero; none is allowed) against their
// digests, and rowsColumn's values at rows of its domain against
// rowsDigest, as one JointOpening: two MSMs on m (nil: the CPU).
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
	points, xs, _, err := rowPoints(n, rows, values)
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

	// w = (P − r_S)/Z_S + μ·(F − v)/(X − z), in coefficients
	p := coefficients(fft.NewDomain(uint64(n)), rowsColumn)
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
	if op.W, err = m.MultiExpG1(s.kzg.Pk.G1[:len(w)], w); err != nil {
		return nil, fmt.Errorf("commitment: joint opening quotient on %s: %w", m.Name(), err)
	}
	zeta := JointPoint(mu, op.W)
	_, zs := interpolationAt(xs, nil, zeta) // Z_S(ζ)
	var dz, muZs, zsDz fr.Element
	dz.Sub(&zeta, &z)
	muZs.Mul(&mu, &zs)
	zsDz.Mul(&zs, &dz)
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
	if op.H, err = s.quotientCommitment(m, l, zeta); err != nil {
		return nil, err
	}
	return op, nil
}

// JointClaim returns the one opening claim a JointOpening makes: the
// columns of digests at z (their values op.Values) and the column of
// rowsDigest, over a domain of n rows, at rows (rowValues). It is checked
// as any Claim (Verify, VerifyBatch).
func JointClaim(digests []Digest, z fr.Element, rowsDigest Digest, n int, rows []uint64, rowValues []fr.Element, op *JointOpening) (Claim, error) {
	if len(digests) != len(op.Values) {
		return Claim{}, fmt.Errorf("commitment: %d digests but %d claimed values", len(digests), len(op.Values))
	}
	points, xs, vs, err := rowPoints(n, rows, rowValues)
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
