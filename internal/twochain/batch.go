package twochain

import (
	"fmt"

	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bls12377 "github.com/consensys/gnark/backend/groth16/bls12-377"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/hash/mimc"
	"github.com/consensys/gnark/std/math/emulated"
	"github.com/consensys/gnark/std/recursion"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
)

// BatchAggregator verifies k BLS12-377 Groth16 proofs of one verifying key
// (the segments of one query shape) with one pairing check instead of two
// per proof. Measured, not chosen: it costs 55.8k constraints a proof
// against Aggregator's 39.4k (BenchmarkTwoChainCost). Hashing the public
// inputs' limbs for its weights is 19.6k of that; where the aggregator's
// own transcript binds every statement anyway, the rest (36.2k) saves
// 3.2k a proof. In BW6-761, native Miller loops and final exponentiations
// cost little next to the five variable-base scalar multiplications a
// proof it takes instead.
//
// With a weight r_i per proof and u, drawn by hashing every proof and
// public input (MiMC, native to BW6-761), each proof's equation
// e(A_i, B_i)·e(K_i, −γ)·e(C_i, −δ)·e(−α, β) = 1 and its BSB22 proof of
// knowledge e(D_i, −σ·G)·e(P_i, G) = 1 become
//
//	Π_i e(r_i·A_i, B_i) · e(Σ r_i·K_i, −γ) · e(Σ r_i·C_i, −δ) · e(−(Σ r_i)·α, β)
//	  · e(u·Σ r_i·D_i, −σ·G) · e(u·Σ r_i·P_i, G) = 1,
//
// k + 5 Miller loops and one final exponentiation, where K_i = K_0 + Σ_j
// x_ij·K_j + h_i·K_c + D_i is proof i's public-input point (h_i its
// commitment's hash), computed as gnark's verifier computes it.
//
// Soundness: if any proof's equation or proof of knowledge fails, the
// product's exponent is a nonzero polynomial of degree two in the weights,
// zero with probability about 2/2^weightBits for weights drawn after every
// proof and public input (Schwartz–Zippel), which the hash ensures.
type BatchAggregator struct {
	VK      stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Alpha   sw_bls12377.G1Affine                                                                `gnark:"-"`
	Beta    sw_bls12377.G2Affine                                                                `gnark:"-"`
	Proofs  []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	Publics []stdgroth16.Witness[sw_bls12377.ScalarField]
	Out     [Outputs]frontend.Variable `gnark:",public"`
}

// weightBits is the length of the batch aggregator's random weights: a
// failed equation passes with probability about k/2^weightBits.
const weightBits = 240

// BatchAggregatorShape is the batch aggregator over k proofs of the inner
// shape, its key fixed.
func BatchAggregatorShape(inner constraint.ConstraintSystem, vk groth16.VerifyingKey, k int) (*BatchAggregator, error) {
	native, ok := vk.(*groth16_bls12377.VerifyingKey)
	if !ok {
		return nil, fmt.Errorf("twochain: batch aggregator over a %T, want a BLS12-377 key", vk)
	}
	if len(native.CommitmentKeys) != 1 {
		return nil, fmt.Errorf("twochain: batch aggregator over a key with %d commitments, want 1", len(native.CommitmentKeys))
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		return nil, err
	}
	c := &BatchAggregator{VK: fixed, Alpha: sw_bls12377.NewG1Affine(native.G1.Alpha), Beta: sw_bls12377.NewG2AffineFixed(native.G2.Beta)}
	for j := 0; j < k; j++ {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Publics = append(c.Publics, stdgroth16.PlaceholderWitness[sw_bls12377.ScalarField](inner))
	}
	return c, nil
}

// Define implements frontend.Circuit.
func (c *BatchAggregator) Define(api frontend.API) error {
	k := len(c.Proofs)
	if k == 0 || len(c.Publics) != k {
		return fmt.Errorf("%d proofs and %d public witnesses", k, len(c.Publics))
	}
	cr, err := sw_bls12377.NewCurve(api)
	if err != nil {
		return err
	}
	scalars, err := emulated.NewField[sw_bls12377.ScalarField](api)
	if err != nil {
		return err
	}
	nbPublic := len(c.VK.G1.K) - len(c.VK.PublicAndCommitmentCommitted) - 1 // without the one wire
	committed := c.VK.PublicAndCommitmentCommitted[0]

	// the challenges, after every proof and public input
	transcript, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	hashes := make([]*sw_bls12377.Scalar, k) // h_i, each commitment's hash as gnark's verifier draws it
	for i := range c.Proofs {
		p, x := &c.Proofs[i], c.Publics[i].Public
		if len(x) != nbPublic || len(p.Commitments) != 1 {
			return fmt.Errorf("proof %d: %d public inputs and %d commitments, want %d and 1", i, len(x), len(p.Commitments), nbPublic)
		}
		h, err := recursion.NewHash(api, fr_bls12377.Modulus(), true)
		if err != nil {
			return err
		}
		h.Write(cr.MarshalG1(p.Commitments[0].G1El)...)
		for _, j := range committed {
			h.Write(cr.MarshalScalar(x[j-1])...)
		}
		hashes[i] = scalars.FromBits(api.ToBinary(h.Sum())...)
		transcript.Write(p.Ar.X, p.Ar.Y, p.Krs.X, p.Krs.Y, p.Bs.P.X.A0, p.Bs.P.X.A1, p.Bs.P.Y.A0, p.Bs.P.Y.A1,
			p.Commitments[0].G1El.X, p.Commitments[0].G1El.Y, p.CommitmentPok.G1El.X, p.CommitmentPok.G1El.Y)
		for j := range x {
			transcript.Write(x[j].Limbs...)
		}
	}
	seed := transcript.Sum()
	// a weight per proof below 2^weightBits, from the seed and its index,
	// and u for the proofs of knowledge. Short weights keep every emulated
	// scalar reduced: a product or an overflowing sum of them would need a
	// BSB22 commitment for its deferred check. Σ r_i is summed natively
	// (exact below 2^(weightBits + 12) < r for up to 4,096 proofs).
	draw := func(i int) (frontend.Variable, *sw_bls12377.Scalar) {
		transcript.Reset()
		transcript.Write(seed, i)
		b := api.ToBinary(transcript.Sum())[:weightBits]
		return api.FromBinary(b...), scalars.FromBits(b...)
	}
	if k > 1<<12 {
		return fmt.Errorf("%d proofs, at most %d", k, 1<<12)
	}
	weights := make([]*sw_bls12377.Scalar, k)
	var sumNative frontend.Variable = 0
	for i := range weights {
		var w frontend.Variable
		w, weights[i] = draw(i)
		sumNative = api.Add(sumNative, w)
	}
	sum := scalars.FromBits(api.ToBinary(sumNative, weightBits+12)...)
	_, u := draw(k)

	// per proof its public-input point K_i = K_0 + Σ_j x_ij·K_j + h_i·K_c +
	// D_i, as gnark's verifier computes it, and r_i·A_i
	bases := make([]*sw_bls12377.G1Affine, len(c.VK.G1.K)-1)
	for j := range bases {
		bases[j] = &c.VK.G1.K[j+1]
	}
	pairsP := make([]*sw_bls12377.G1Affine, 0, k+5)
	pairsQ := make([]*sw_bls12377.G2Affine, 0, k+5)
	ks, cs, ds, ps := make([]*sw_bls12377.G1Affine, k), make([]*sw_bls12377.G1Affine, k), make([]*sw_bls12377.G1Affine, k), make([]*sw_bls12377.G1Affine, k)
	for i := range c.Proofs {
		p := &c.Proofs[i]
		in := make([]*sw_bls12377.Scalar, 0, len(bases))
		for j := range c.Publics[i].Public {
			in = append(in, &c.Publics[i].Public[j])
		}
		ki, err := cr.MultiScalarMul(bases, append(in, hashes[i]))
		if err != nil {
			return err
		}
		ks[i] = cr.AddUnified(cr.AddUnified(ki, &c.VK.G1.K[0]), &p.Commitments[0].G1El)
		cs[i], ds[i], ps[i] = &p.Krs, &p.Commitments[0].G1El, &p.CommitmentPok.G1El
		pairsP = append(pairsP, cr.ScalarMul(&p.Ar, weights[i]))
		pairsQ = append(pairsQ, &p.Bs)
	}
	weighted := func(points []*sw_bls12377.G1Affine) (*sw_bls12377.G1Affine, error) {
		if k == 1 {
			return cr.ScalarMul(points[0], weights[0]), nil
		}
		return cr.MultiScalarMul(points, weights)
	}
	sumK, err := weighted(ks)
	if err != nil {
		return err
	}
	sumC, err := weighted(cs)
	if err != nil {
		return err
	}
	sumD, err := weighted(ds)
	if err != nil {
		return err
	}
	sumP, err := weighted(ps)
	if err != nil {
		return err
	}

	alpha := cr.Neg(cr.ScalarMul(&c.Alpha, sum))
	ck := &c.VK.CommitmentKeys[0]
	pairsP = append(pairsP, sumK, sumC, alpha, cr.ScalarMul(sumD, u), cr.ScalarMul(sumP, u))
	pairsQ = append(pairsQ, &c.VK.G2.GammaNeg, &c.VK.G2.DeltaNeg, &c.Beta, &ck.GSigmaNeg, &ck.G)
	if err := sw_bls12377.NewPairing(api).PairingCheck(pairsP, pairsQ); err != nil {
		return err
	}
	for i := range c.Out {
		api.AssertIsDifferent(c.Out[i], 0)
	}
	return nil
}

// BatchAggregatorAssignment is the batch aggregator's witness over the
// inner proofs and their public inputs, the outputs 1 … Outputs.
func BatchAggregatorAssignment(proofs []groth16.Proof, publics []witness.Witness) (*BatchAggregator, error) {
	if len(proofs) != len(publics) {
		return nil, fmt.Errorf("twochain: %d proofs and %d public witnesses", len(proofs), len(publics))
	}
	a := &BatchAggregator{}
	for i, proof := range proofs {
		p, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proof)
		if err != nil {
			return nil, err
		}
		x, err := stdgroth16.ValueOfWitness[sw_bls12377.ScalarField](publics[i])
		if err != nil {
			return nil, err
		}
		a.Proofs = append(a.Proofs, p)
		a.Publics = append(a.Publics, x)
	}
	for j := range a.Out {
		a.Out[j] = j + 1
	}
	return a, nil
}
