package proofsys

import (
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/pedersen"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/internal/batchmul"
)

// SetupBN254 is a Groth16 setup of a BN254 R1CS with fresh random toxic
// waste, unsafe for production as every local setup is. Its keys are
// gnark's, laid out as gnark's setup lays them out (the same wires in the
// same order, points at infinity filtered the same way, BSB22 commitment
// keys included), so gnark's provers — the CPU's and ICICLE's — and its
// verifiers, the exported Solidity verifier among them, take them as they
// are. It differs in how it computes them: every fixed-base scalar
// multiplication (one per key point) goes through a comb table with no
// doublings (package batchmul), the commitment keys' σ-multiples included,
// which gnark-crypto's pedersen.Setup multiplies one point at a time; and
// the Lagrange values at τ are computed in parallel (commitment.LagrangeAt). Six times fewer group
// operations for the G1 and G2 points, which are most of a setup's time.
func SetupBN254(r1cs *cs_bn254.R1CS) (*groth16_bn254.ProvingKey, *groth16_bn254.VerifyingKey, error) {
	nbPublic, nbSecret := r1cs.GetNbPublicVariables(), r1cs.GetNbSecretVariables()
	nbWires := r1cs.NbInternalVariables + nbPublic + nbSecret
	info, ok := r1cs.CommitmentInfo.(constraint.Groth16Commitments)
	if !ok {
		return nil, nil, fmt.Errorf("groth16 setup: commitment info of type %T", r1cs.CommitmentInfo)
	}
	commitmentWires := info.CommitmentIndexes()
	isCommitment := make(map[int]bool, len(commitmentWires))
	for _, w := range commitmentWires {
		isCommitment[w] = true
	}
	privateCommitted := info.GetPrivateCommitted()
	committedBy := make([]int32, nbWires) // wire → 1 + the commitment committing to it, 0 for none
	nbCommitted := 0
	for ci, wires := range privateCommitted {
		for j, w := range wires {
			if j > 0 && w <= wires[j-1] {
				return nil, nil, fmt.Errorf("groth16 setup: commitment %d's wires are not increasing", ci)
			}
			if w < 0 || w >= nbWires {
				return nil, nil, fmt.Errorf("groth16 setup: commitment %d commits wire %d of %d", ci, w, nbWires)
			}
			if committedBy[w] != 0 {
				return nil, nil, fmt.Errorf("groth16 setup: wire %d is in two commitments", w)
			}
			committedBy[w] = int32(ci + 1)
			nbCommitted++
		}
	}
	// a commitment is a hint's output, private to the prover but public to
	// the Groth16 verifier, which recomputes it
	nbPublicWires := nbPublic + len(info)
	nbPrivateWires := nbWires - nbPublicWires - nbCommitted

	domain := fft.NewDomain(uint64(r1cs.GetNbConstraints()))
	tw, err := sampleToxicWaste()
	if err != nil {
		return nil, nil, err
	}
	A, B, C := lagrangeABC(r1cs, domain, &tw.t, nbWires)

	// K: (β·A_i + α·B_i + C_i)/γ for public and committed wires, /δ for the others
	vkK := make([]fr.Element, 0, nbPublicWires)
	pkK := make([]fr.Element, 0, nbPrivateWires)
	ckK := make([][]fr.Element, len(info))
	var k, t fr.Element
	for i := range A {
		k.Mul(&A[i], &tw.beta)
		t.Mul(&B[i], &tw.alpha)
		k.Add(&k, &t).Add(&k, &C[i])
		switch ci := committedBy[i] - 1; {
		case i < nbPublic || isCommitment[i]:
			vkK = append(vkK, *k.Mul(&k, &tw.gammaInv))
		case ci >= 0:
			ckK[ci] = append(ckK[ci], *k.Mul(&k, &tw.gammaInv))
		default:
			pkK = append(pkK, *k.Mul(&k, &tw.deltaInv))
		}
	}
	if len(vkK) != nbPublicWires || len(pkK) != nbPrivateWires {
		return nil, nil, fmt.Errorf("groth16 setup: %d public and %d private K values for %d and %d wires", len(vkK), len(pkK), nbPublicWires, nbPrivateWires)
	}

	// Z: (τ^n − 1)·τ^i/δ, in bit-reversed order (gnark's prover reads it so)
	n := int(domain.Cardinality)
	Z := make([]fr.Element, n)
	var zdt fr.Element
	one := fr.One()
	zdt.Exp(tw.t, big.NewInt(int64(n))).Sub(&zdt, &one).Mul(&zdt, &tw.deltaInv)
	for i := range Z {
		Z[i] = zdt
		zdt.Mul(&zdt, &tw.t)
	}
	fft.BitReverse(Z)

	pk := &groth16_bn254.ProvingKey{}
	vk := &groth16_bn254.VerifyingKey{}
	A, pk.InfinityA, pk.NbInfinityA = dropZeros(A)
	B, pk.InfinityB, pk.NbInfinityB = dropZeros(B)

	// each commitment key's own σ (one per key, as gnark's setup draws
	// them, so that no commitment can be opened with another's basis):
	// BasisExpSigma = σ·Basis, i.e. (σ·k)·G
	sigmas := make([]fr.Element, len(ckK))
	for i := range sigmas {
		if sigmas[i], err = randomNonZero(); err != nil {
			return nil, nil, err
		}
	}
	// every G1 point through one comb table, each vector of scalars to its
	// own vector of points (no concatenated copy of them all)
	parts := [][]fr.Element{{tw.alpha, tw.beta, tw.delta}, A, B, Z, vkK, pkK}
	for i, c := range ckK {
		sigmaC := make([]fr.Element, len(c))
		for j := range c {
			sigmaC[j].Mul(&c[j], &sigmas[i])
		}
		parts = append(parts, c, sigmaC)
	}
	_, _, g1, g2 := bn254.Generators()
	points := batchmul.G1Parts(&g1, parts...)
	pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta = points[0][0], points[0][1], points[0][2]
	pk.G1.A, pk.G1.B = points[1], points[2]
	pk.G1.Z = points[3][: n-1 : n-1] // deg H = n − 2
	vk.G1.K, pk.G1.K = points[4], points[5]
	if len(ckK) > 0 {
		pk.CommitmentKeys = make([]pedersen.ProvingKey, len(ckK))
		vk.CommitmentKeys = make([]pedersen.VerifyingKey, len(ckK))
	}
	for i := range ckK {
		pk.CommitmentKeys[i].Basis = points[6+2*i]
		pk.CommitmentKeys[i].BasisExpSigma = points[7+2*i]
		var sigmaNeg big.Int
		sigmas[i].BigInt(&sigmaNeg)
		// the proof of knowledge's G2 point is the generator (gnark-crypto's
		// pedersen.Setup draws a random one): the check e(D, −σ·G)·e(P, G) = 1
		// is as sound with any G whose σ-multiple alone is public, and with
		// the generator a verifier folds e(P, G) into any other pair on [1]₂
		// (the Coprocessor's KZG opening), one pairing fewer per call
		vk.CommitmentKeys[i].G = g2
		vk.CommitmentKeys[i].GSigmaNeg.ScalarMultiplication(&g2, sigmaNeg.Neg(&sigmaNeg))
	}
	vk.PublicAndCommitmentCommitted = info.GetPublicAndCommitmentCommitted(commitmentWires, nbPublic)

	g2Points := batchmul.G2(&g2, append(B, tw.beta, tw.delta, tw.gamma))
	pk.G2.B = g2Points[:len(B):len(B)]
	pk.G2.Beta, pk.G2.Delta = g2Points[len(B)], g2Points[len(B)+1]
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = pk.G2.Beta, pk.G2.Delta, g2Points[len(B)+2]
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta
	if err := vk.Precompute(); err != nil {
		return nil, nil, err
	}
	pk.Domain = *domain
	return pk, vk, nil
}

// toxicWaste is a setup's secret randomness: τ (t), α, β, γ, δ.
type toxicWaste struct {
	t, alpha, beta, gamma, delta fr.Element
	gammaInv, deltaInv           fr.Element
}

func sampleToxicWaste() (toxicWaste, error) {
	var tw toxicWaste
	for _, e := range []*fr.Element{&tw.t, &tw.alpha, &tw.beta, &tw.gamma, &tw.delta} {
		v, err := randomNonZero()
		if err != nil {
			return tw, err
		}
		*e = v
	}
	tw.gammaInv.Inverse(&tw.gamma)
	tw.deltaInv.Inverse(&tw.delta)
	return tw, nil
}

// randomNonZero draws a uniform nonzero field element from crypto/rand.
func randomNonZero() (fr.Element, error) {
	max := new(big.Int).Sub(fr.Modulus(), big.NewInt(1))
	v, err := rand.Int(rand.Reader, max)
	if err != nil {
		return fr.Element{}, fmt.Errorf("groth16 setup: randomness: %w", err)
	}
	var e fr.Element
	e.SetBigInt(v.Add(v, big.NewInt(1)))
	return e, nil
}

// lagrangeABC returns, per wire, Σ over constraints j of the wire's
// coefficient in L, R and O times L_j(τ), the j-th Lagrange polynomial of
// the domain at τ: L_j(τ) = ω^j·(τ^n − 1)/(n·(τ − ω^j)).
func lagrangeABC(r1cs *cs_bn254.R1CS, domain *fft.Domain, tau *fr.Element, nbWires int) (A, B, C []fr.Element) {
	L := commitment.LagrangeAt(int(domain.Cardinality), r1cs.GetNbConstraints(), *tau)
	A, B, C = make([]fr.Element, nbWires), make([]fr.Element, nbWires), make([]fr.Element, nbWires)
	accumulate := func(res *fr.Element, t constraint.Term, l *fr.Element) {
		switch id := t.CoeffID(); id {
		case constraint.CoeffIdZero:
		case constraint.CoeffIdOne:
			res.Add(res, l)
		case constraint.CoeffIdMinusOne:
			res.Sub(res, l)
		case constraint.CoeffIdTwo:
			var d fr.Element
			d.Double(l)
			res.Add(res, &d)
		default:
			var p fr.Element
			p.Mul(&r1cs.Coefficients[id], l)
			res.Add(res, &p)
		}
	}
	it := r1cs.GetR1CIterator()
	for j, c := 0, it.Next(); c != nil; j, c = j+1, it.Next() {
		for _, t := range c.L {
			accumulate(&A[t.WireID()], t, &L[j])
		}
		for _, t := range c.R {
			accumulate(&B[t.WireID()], t, &L[j])
		}
		for _, t := range c.O {
			accumulate(&C[t.WireID()], t, &L[j])
		}
	}
	return A, B, C
}

// dropZeros removes the zero values (their points would be at infinity),
// marking where they were.
func dropZeros(v []fr.Element) (kept []fr.Element, zero []bool, nbZero uint64) {
	zero = make([]bool, len(v))
	kept = make([]fr.Element, 0, len(v))
	for i := range v {
		if v[i].IsZero() {
			zero[i] = true
			nbZero++
			continue
		}
		kept = append(kept, v[i])
	}
	return kept, zero, nbZero
}
