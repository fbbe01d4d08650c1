package proofsys

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"golang.org/x/crypto/sha3"
)

// BatchVerifier is a Backend that checks several proofs under one verifying
// key at once, faster than one by one. A batch that fails says only that
// some proof failed: callers that must name it verify one by one then.
type BatchVerifier interface {
	VerifyBatch(vkBytes []byte, proofs [][]byte, publics [][]*big.Int) error
}

var _ BatchVerifier = Groth16{}

// errBatchRejected is VerifyBatch's answer when the combined check fails.
var errBatchRejected = errors.New("groth16: batch rejected")

// VerifyBatch implements BatchVerifier: every check Verify makes for each
// proof — its Groth16 equation, with the BSB22 commitment hashed into the
// public inputs by Keccak-256 as the Solidity verifier does, and the
// commitment's proof of knowledge — weighted by independent random 128-bit
// scalars the verifier draws (crypto/rand) and summed into one
// multi-pairing: n + 5 Miller loops and one final exponentiation instead of
// n times 6 loops and 2 exponentiations, the public inputs in one MSM and
// the key parsed once. A prover cannot make wrong proofs cancel without
// guessing the weights (probability about 2^-128). Keys with more than one
// BSB22 commitment are checked one proof at a time.
func (g Groth16) VerifyBatch(vkBytes []byte, proofs [][]byte, publics [][]*big.Int) error {
	if len(proofs) != len(publics) {
		return fmt.Errorf("groth16: %d proofs but %d public input lists", len(proofs), len(publics))
	}
	if len(proofs) == 0 {
		return nil
	}
	vkAny, err := g.ReadVerifyingKey(vkBytes)
	if err != nil {
		return err
	}
	vk, ok := vkAny.(*groth16_bn254.VerifyingKey)
	if !ok {
		return fmt.Errorf("groth16: verifying key of type %T is not BN254's", vkAny)
	}
	if len(vk.CommitmentKeys) > 1 {
		for i := range proofs {
			if err := g.Verify(vkBytes, proofs[i], publics[i]); err != nil {
				return err
			}
		}
		return nil
	}
	nbCommit := len(vk.PublicAndCommitmentCommitted)
	if len(vk.CommitmentKeys) != nbCommit {
		return fmt.Errorf("groth16: invalid verifying key: %d commitment keys for %d commitments", len(vk.CommitmentKeys), nbCommit)
	}
	nbPublic := len(vk.G1.K) - nbCommit - 1 // the inputs the caller gives
	n := len(proofs)
	// Σ_s r_s·(e(Ar_s, Bs_s)·e(Krs_s, −δ)·e(L_s, −γ)) = e(α, β)^(Σ r_s) with
	// L_s = K_0 + Σ_i w_(s,i)·K_(i+1) + D_s, so Σ r_s·L_s takes one MSM over
	// K with the summed scalars Σ_s r_s·w_(s,i); and Σ_s u_s·(e(D_s, −σ[1]₂)·
	// e(PoK_s, [1]₂)) = 1 with weights u_s drawn apart from the r_s.
	r := make([]fr.Element, n)
	u := make([]fr.Element, n)
	kScalars := make([]fr.Element, nbPublic+nbCommit)
	krs := make([]bn254.G1Affine, n)
	var commits, poks []bn254.G1Affine
	var commitR, commitU []fr.Element
	var weightSum fr.Element
	g1 := make([]bn254.G1Affine, 0, n+5)
	g2 := make([]bn254.G2Affine, 0, n+5)
	for s := range proofs {
		p, err := readProof(proofs[s])
		if err != nil {
			return fmt.Errorf("proof %d: %w", s, err)
		}
		if len(p.Commitments) != nbCommit {
			return fmt.Errorf("proof %d: groth16: %d commitments, the key has %d", s, len(p.Commitments), nbCommit)
		}
		if len(publics[s]) != nbPublic {
			return fmt.Errorf("proof %d: groth16: %d public inputs, the key has %d", s, len(publics[s]), nbPublic)
		}
		w := make([]fr.Element, nbPublic, nbPublic+nbCommit)
		for i, v := range publics[s] {
			w[i].SetBigInt(v)
		}
		for i := range vk.PublicAndCommitmentCommitted {
			committed := make([]fr.Element, len(vk.PublicAndCommitmentCommitted[i]))
			for k, j := range vk.PublicAndCommitmentCommitted[i] {
				committed[k] = w[j-1]
			}
			w = append(w, commitmentHash(p.Commitments[i], committed))
		}
		if err := randomWeight(&r[s]); err != nil {
			return err
		}
		if err := randomWeight(&u[s]); err != nil {
			return err
		}
		for i := range w {
			var t fr.Element
			t.Mul(&w[i], &r[s])
			kScalars[i].Add(&kScalars[i], &t)
		}
		weightSum.Add(&weightSum, &r[s])
		var ar bn254.G1Affine
		ar.ScalarMultiplication(&p.Ar, r[s].BigInt(new(big.Int)))
		g1, g2 = append(g1, ar), append(g2, p.Bs)
		krs[s] = p.Krs
		for i := range p.Commitments {
			commits = append(commits, p.Commitments[i])
			commitR = append(commitR, r[s])
		}
		if nbCommit == 1 {
			poks = append(poks, p.CommitmentPok)
			commitU = append(commitU, u[s])
		}
	}
	msm := func(points []bn254.G1Affine, scalars []fr.Element) (bn254.G1Jac, error) {
		var out bn254.G1Jac
		if len(points) == 0 {
			return out, nil
		}
		if _, err := out.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
			return out, fmt.Errorf("groth16: batch MSM: %w", err)
		}
		return out, nil
	}
	sumKrs, err := msm(krs, r)
	if err != nil {
		return err
	}
	sumL, err := msm(vk.G1.K[1:], kScalars)
	if err != nil {
		return err
	}
	sumD, err := msm(commits, commitR)
	if err != nil {
		return err
	}
	sumL.AddAssign(&sumD)
	var k0 bn254.G1Jac
	k0.FromAffine(&vk.G1.K[0])
	sumL.AddAssign(k0.ScalarMultiplication(&k0, weightSum.BigInt(new(big.Int))))
	var deltaNeg, gammaNeg bn254.G2Affine
	deltaNeg.Neg(&vk.G2.Delta)
	gammaNeg.Neg(&vk.G2.Gamma)
	var alpha bn254.G1Affine
	alpha.ScalarMultiplication(&vk.G1.Alpha, weightSum.BigInt(new(big.Int)))
	alpha.Neg(&alpha)
	g1 = append(g1, affine(&sumKrs), affine(&sumL), alpha)
	g2 = append(g2, deltaNeg, gammaNeg, vk.G2.Beta)
	if nbCommit == 1 {
		pokD, err := msm(commits, commitU)
		if err != nil {
			return err
		}
		pokSum, err := msm(poks, commitU)
		if err != nil {
			return err
		}
		g1 = append(g1, affine(&pokD), affine(&pokSum))
		g2 = append(g2, vk.CommitmentKeys[0].GSigmaNeg, vk.CommitmentKeys[0].G)
	}
	ok, err = bn254.PairingCheck(g1, g2)
	if err != nil {
		return fmt.Errorf("groth16: batch pairing: %w", err)
	}
	if !ok {
		return errBatchRejected
	}
	return nil
}

// readProof decodes a BN254 Groth16 proof (subgroup checks included) and
// checks that nothing trails it.
func readProof(b []byte) (*groth16_bn254.Proof, error) {
	p := &groth16_bn254.Proof{}
	n, err := p.ReadFrom(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("groth16: malformed proof: %w", err)
	}
	if int(n) != len(b) {
		return nil, fmt.Errorf("groth16: proof has %d trailing bytes", len(b)-int(n))
	}
	if !p.Ar.IsInSubGroup() || !p.Krs.IsInSubGroup() || !p.Bs.IsInSubGroup() || !p.CommitmentPok.IsInSubGroup() {
		return nil, errors.New("groth16: proof points are not in the prime-order subgroups")
	}
	for i := range p.Commitments {
		if !p.Commitments[i].IsInSubGroup() {
			return nil, errors.New("groth16: a commitment is not in the prime-order subgroup")
		}
	}
	return p, nil
}

// commitmentHash is gnark's BSB22 commitment wire as the Solidity verifier
// computes it (and gnark's prover, under ProverOptions' Solidity target):
// Keccak-256 of the commitment (uncompressed) and the public inputs it
// commits to, 32 bytes each, reduced mod r.
func commitmentHash(d bn254.G1Affine, committed []fr.Element) fr.Element {
	h := sha3.NewLegacyKeccak256()
	h.Write(d.Marshal())
	for _, v := range committed {
		b := v.Marshal()
		h.Write(b)
	}
	var res fr.Element
	res.SetBytes(h.Sum(nil))
	return res
}

// randomWeight draws a uniformly random 128-bit batch weight (a wrong proof
// passes a batch with probability about 2^-128), half the width of a
// scalar, which halves the scalar multiplications.
func randomWeight(e *fr.Element) error {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("groth16: drawing a batch weight: %w", err)
	}
	e.SetBytes(b[:])
	return nil
}

func affine(p *bn254.G1Jac) bn254.G1Affine {
	var a bn254.G1Affine
	a.FromJacobian(p)
	return a
}
