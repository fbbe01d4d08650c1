package twochain

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	mimc_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/mimc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/hash/mimc"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
)

// ScalarInteger returns the integer in [0, r) that e, a BLS12-377 scalar
// as the aggregator holds a segment's public input, represents, as one
// native BW6-761 variable (whose 377-bit field holds sums of many such
// integers without wrapping), and proves e canonical: its limbs' bits,
// compared bit by bit from the top with r − 1, are at most r − 1, so no
// other representation (e + r) passes.
//
// It takes no BSB22 commitment, so CompileAggregator's commitment-free
// aggregator can read its segments' statements with it: gnark's emulated
// AssertIsEqual, ReduceStrict and ToBitsCanonical all defer a product
// check to a commitment, and an aggregator with one costs its wrapper
// 2.63M constraints. e should be as allocated, as a segment proof's public
// input is: the result of emulated arithmetic may hold its value plus a
// multiple of r, which the check refuses (never a wrong integer).
func ScalarInteger(api frontend.API, f *emulated.Field[sw_bls12377.ScalarField], e *emulated.Element[sw_bls12377.ScalarField]) frontend.Variable {
	bits := f.ToBits(e)
	bound := new(big.Int).Sub(ecc.BLS12_377.ScalarField(), big.NewInt(1))
	assertAtMost(api, bits, bound)
	return api.FromBinary(bits[:min(bound.BitLen(), len(bits))]...)
}

// QueryAggregator verifies k segment proofs of one query shape (the key
// fixed) whose statements share the query's parameters, and exposes the
// query's summed results: for each summed public input of a segment (a
// COUNT's or a SUM's partial), the sum over the segments of the integers
// the segments hold (ScalarInteger), as a native public output. The
// parameters are one set of variables that every segment's statement
// takes at its parameter positions, so a segment proven for other
// parameters fails its proof check, with no comparison (and no
// commitment: CompileAggregator compiles it). A SUM's negative partials
// are r − x there; the outputs are integers below k·r, which whoever reads
// them reduces mod r. With Layout.Y it also checks each segment's
// evaluations at its Z against its columns' KZG commitments over
// BLS12-377, and exposes one digest of what the result is about
// (StatementDigest): the parameters, each segment's row count and its
// columns' commitments, for the reader to recompute from its own
// parameters and the posted table's.
type QueryAggregator struct {
	VK     stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Proofs []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	// Rest holds each segment's public inputs other than the parameters,
	// in order.
	Rest   [][]emulated.Element[sw_bls12377.ScalarField]
	Params []emulated.Element[sw_bls12377.ScalarField]
	Sums   []frontend.Variable `gnark:",public"`
	// Columns[s][j] is the KZG commitment (over BLS12-377, the plan's SRS)
	// to segment s's column whose evaluation is its input Layout.Y[j], and
	// Quotients[s][j] the commitment to that column's quotient at the
	// segment's Z: each segment's Y is checked against the committed column
	// in the aggregator, each opening by a pairing check of its own.
	Columns   [][]sw_bls12377.G1Affine
	Quotients [][]sw_bls12377.G1Affine
	// Digest is StatementDigest of the parameters, the segments' row
	// counts and Columns, a public output: whoever reads the outputs
	// recomputes it from the parameters it asked for and the posted
	// table's row counts and commitments (one element, where the points
	// alone would be two 377-bit coordinates each).
	Digest frontend.Variable `gnark:",public"`
	// KZG is the SRS's G2 points, [1] and [τ] (with Layout.Y).
	KZG [2]sw_bls12377.G2Affine `gnark:"-"`
	// Layout is where the parameters and the summed inputs sit among a
	// segment's public inputs.
	Layout StatementLayout `gnark:"-"`
}

// StatementLayout places a query's parameters, summed inputs and opened
// evaluations among a segment proof's public inputs (Inputs of them): Y
// are the inputs that are a committed column's evaluation at the input Z
// (none: no opening checked, and no digest), RowCount the segment's row
// count, which the digest covers with the columns.
type StatementLayout struct {
	Inputs   int
	Params   []int
	Summed   []int
	Z        int
	Y        []int
	RowCount int
}

// Define implements frontend.Circuit.
func (c *QueryAggregator) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bls12377.ScalarField, sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](api)
	if err != nil {
		return err
	}
	f, err := emulated.NewField[sw_bls12377.ScalarField](api)
	if err != nil {
		return err
	}
	l := c.Layout
	if len(c.Params) != len(l.Params) || len(c.Sums) != len(l.Summed) || len(c.Rest) != len(c.Proofs) {
		return fmt.Errorf("twochain: %d parameters, %d sums, %d statements for %d proofs; the layout takes %d and %d", len(c.Params), len(c.Sums), len(c.Rest), len(c.Proofs), len(l.Params), len(l.Summed))
	}
	if len(l.Y) > 0 && (l.RowCount < 0 || l.RowCount >= l.Inputs) {
		return fmt.Errorf("twochain: the row count's input %d is outside the %d inputs", l.RowCount, l.Inputs)
	}
	if len(l.Y) > 0 && (len(c.Columns) != len(c.Proofs) || len(c.Quotients) != len(c.Proofs)) {
		return fmt.Errorf("twochain: %d and %d segments' openings for %d proofs", len(c.Columns), len(c.Quotients), len(c.Proofs))
	}
	isParam := map[int]int{}
	for j, at := range l.Params {
		isParam[at] = j
	}
	var cr *sw_bls12377.Curve
	var pairsG1 []*sw_bls12377.G1Affine
	var pairsG2 []*sw_bls12377.G2Affine
	var digest mimc.MiMC
	if len(l.Y) > 0 {
		if cr, err = sw_bls12377.NewCurve(api); err != nil {
			return err
		}
		if digest, err = mimc.NewMiMC(api); err != nil {
			return err
		}
	}
	if len(l.Y) > 0 {
		for j := range c.Params {
			digest.Write(ScalarInteger(api, f, &c.Params[j]))
		}
	}
	sums := make([]frontend.Variable, len(l.Summed))
	for j := range sums {
		sums[j] = 0
	}
	for s := range c.Proofs {
		if len(c.Rest[s]) != l.Inputs-len(l.Params) {
			return fmt.Errorf("twochain: segment %d has %d inputs besides the parameters, want %d", s, len(c.Rest[s]), l.Inputs-len(l.Params))
		}
		w := stdgroth16.Witness[sw_bls12377.ScalarField]{Public: make([]emulated.Element[sw_bls12377.ScalarField], l.Inputs)}
		rest := 0
		for i := range w.Public {
			if j, ok := isParam[i]; ok {
				w.Public[i] = c.Params[j]
			} else {
				w.Public[i] = c.Rest[s][rest]
				rest++
			}
		}
		if err := v.AssertProof(c.VK, c.Proofs[s], w); err != nil {
			return err
		}
		for j, at := range l.Summed {
			sums[j] = api.Add(sums[j], ScalarInteger(api, f, &w.Public[at]))
		}
		// each opened column: e(C − [y]G + [z]W, [1]) · e(−W, [τ]) = 1
		if len(l.Y) > 0 && (len(c.Columns[s]) != len(l.Y) || len(c.Quotients[s]) != len(l.Y)) {
			return fmt.Errorf("twochain: segment %d has %d and %d openings for %d evaluations", s, len(c.Columns[s]), len(c.Quotients[s]), len(l.Y))
		}
		if len(l.Y) > 0 {
			digest.Write(ScalarInteger(api, f, &w.Public[l.RowCount]))
		}
		for j, at := range l.Y {
			digest.Write(c.Columns[s][j].X, c.Columns[s][j].Y)
			total := cr.Add(&c.Columns[s][j], cr.Neg(cr.ScalarMulBase(&w.Public[at])))
			total = cr.Add(total, cr.ScalarMul(&c.Quotients[s][j], &w.Public[l.Z]))
			pairsG1 = append(pairsG1, total, cr.Neg(&c.Quotients[s][j]))
			pairsG2 = append(pairsG2, &c.KZG[0], &c.KZG[1])
		}
	}
	for j := range sums {
		api.AssertIsEqual(sums[j], c.Sums[j])
	}
	if len(pairsG1) > 0 {
		// each opening its own check: one product of every opening's
		// pairings would check only the sum of the claims (their G2 points
		// are the same), which claims off by +δ and −δ pass
		pairing := sw_bls12377.NewPairing(api)
		for i := 0; i < len(pairsG1); i += 2 {
			if err := pairing.PairingCheck(pairsG1[i:i+2], pairsG2[i:i+2]); err != nil {
				return err
			}
		}
		api.AssertIsEqual(digest.Sum(), c.Digest)
	} else {
		api.AssertIsEqual(c.Digest, 0) // no openings, no digest
	}
	return nil
}

// StatementDigest is the query aggregator's digest of what its result is
// about: MiMC over BW6-761's scalar field (BLS12-377's base field, where
// the points' coordinates are native) of the parameters (each an integer
// in [0, r) of BLS12-377's r, as the segments' statements hold them), then
// segment by segment its row count and each column commitment's x and y.
func StatementDigest(params, rowCounts []*big.Int, columns [][]bls12377.G1Affine) (*big.Int, error) {
	if len(rowCounts) != len(columns) {
		return nil, fmt.Errorf("twochain: %d row counts for %d segments' columns", len(rowCounts), len(columns))
	}
	h := mimc_bw6761.NewFieldHasher()
	r := ecc.BLS12_377.ScalarField()
	write := func(v *big.Int) error {
		if v.Sign() < 0 || v.Cmp(r) >= 0 {
			return fmt.Errorf("twochain: %s is not a BLS12-377 scalar in [0, r)", v)
		}
		var e fr_bw6761.Element
		e.SetBigInt(v)
		h.WriteElement(e)
		return nil
	}
	for _, v := range params {
		if err := write(v); err != nil {
			return nil, err
		}
	}
	for s, seg := range columns {
		if err := write(rowCounts[s]); err != nil {
			return nil, err
		}
		for _, c := range seg {
			var x, y fr_bw6761.Element
			x.SetBigInt(c.X.BigInt(new(big.Int)))
			y.SetBigInt(c.Y.BigInt(new(big.Int)))
			h.WriteElement(x)
			h.WriteElement(y)
		}
	}
	d := h.SumElement()
	return d.BigInt(new(big.Int)), nil
}

// QueryAggregatorShape is the query aggregator over k segments of the
// inner shape, its key fixed, and (with layout.Y) the KZG SRS's G2 points
// kzg ([1], [τ]).
func QueryAggregatorShape(inner constraint.ConstraintSystem, vk groth16.VerifyingKey, k int, layout StatementLayout, kzg [2]bls12377.G2Affine) (*QueryAggregator, error) {
	if n := inner.GetNbPublicVariables() - 1; n != layout.Inputs {
		return nil, fmt.Errorf("twochain: the segment circuit has %d public inputs, the layout %d", n, layout.Inputs)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		return nil, err
	}
	c := &QueryAggregator{VK: fixed, Layout: layout, Params: make([]emulated.Element[sw_bls12377.ScalarField], len(layout.Params)), Sums: make([]frontend.Variable, len(layout.Summed))}
	c.KZG = [2]sw_bls12377.G2Affine{sw_bls12377.NewG2AffineFixed(kzg[0]), sw_bls12377.NewG2AffineFixed(kzg[1])}
	for range k {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Rest = append(c.Rest, make([]emulated.Element[sw_bls12377.ScalarField], layout.Inputs-len(layout.Params)))
		if len(layout.Y) > 0 {
			c.Columns = append(c.Columns, make([]sw_bls12377.G1Affine, len(layout.Y)))
			c.Quotients = append(c.Quotients, make([]sw_bls12377.G1Affine, len(layout.Y)))
		}
	}
	return c, nil
}

// QueryAggregatorAssignment is the query aggregator's witness over the
// segments' proofs and public witnesses: the parameters taken from the
// first, the sums computed from all (each summed input read as an integer
// in [0, r)), and with layout.Y each segment's column commitments and
// quotient commitments (openings[s][j]: C, then W).
func QueryAggregatorAssignment(layout StatementLayout, proofs []groth16.Proof, publics []witness.Witness, openings [][][2]bls12377.G1Affine) (*QueryAggregator, error) {
	if len(proofs) != len(publics) || len(proofs) == 0 {
		return nil, fmt.Errorf("twochain: %d proofs and %d statements", len(proofs), len(publics))
	}
	if len(layout.Y) > 0 && (layout.RowCount < 0 || layout.RowCount >= layout.Inputs) {
		return nil, fmt.Errorf("twochain: the row count's input %d is outside the %d inputs", layout.RowCount, layout.Inputs)
	}
	if len(layout.Y) > 0 && len(openings) != len(proofs) {
		return nil, fmt.Errorf("twochain: %d segments' openings for %d proofs", len(openings), len(proofs))
	}
	a := &QueryAggregator{Layout: layout, Sums: make([]frontend.Variable, len(layout.Summed))}
	var columns [][]bls12377.G1Affine
	for s := range openings {
		if len(openings[s]) != len(layout.Y) {
			return nil, fmt.Errorf("twochain: segment %d has %d openings for %d evaluations", s, len(openings[s]), len(layout.Y))
		}
		var cs, ws []sw_bls12377.G1Affine
		var points []bls12377.G1Affine
		for _, o := range openings[s] {
			cs, ws = append(cs, sw_bls12377.NewG1Affine(o[0])), append(ws, sw_bls12377.NewG1Affine(o[1]))
			points = append(points, o[0])
		}
		a.Columns, a.Quotients = append(a.Columns, cs), append(a.Quotients, ws)
		columns = append(columns, points)
	}
	isParam := map[int]bool{}
	for _, at := range layout.Params {
		isParam[at] = true
	}
	sums := make([]*big.Int, len(layout.Summed))
	for j := range sums {
		sums[j] = new(big.Int)
	}
	var params, rowCounts []*big.Int
	for s := range proofs {
		p, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proofs[s])
		if err != nil {
			return nil, err
		}
		a.Proofs = append(a.Proofs, p)
		vec, ok := publics[s].Vector().(fr_bls12377.Vector)
		if !ok || len(vec) != layout.Inputs {
			return nil, fmt.Errorf("twochain: segment %d's statement is not %d BLS12-377 scalars", s, layout.Inputs)
		}
		var rest []emulated.Element[sw_bls12377.ScalarField]
		rowCounts = append(rowCounts, vec[layout.RowCount].BigInt(new(big.Int)))
		for i := range vec {
			e := emulated.ValueOf[sw_bls12377.ScalarField](vec[i].BigInt(new(big.Int)))
			switch {
			case !isParam[i]:
				rest = append(rest, e)
			case s == 0:
				a.Params = append(a.Params, e)
				params = append(params, vec[i].BigInt(new(big.Int)))
			}
		}
		a.Rest = append(a.Rest, rest)
		for j, at := range layout.Summed {
			sums[j].Add(sums[j], vec[at].BigInt(new(big.Int)))
		}
	}
	for j := range sums {
		a.Sums[j] = sums[j]
	}
	a.Digest = 0
	if len(layout.Y) > 0 {
		d, err := StatementDigest(params, rowCounts, columns)
		if err != nil {
			return nil, err
		}
		a.Digest = d
	}
	return a, nil
}
