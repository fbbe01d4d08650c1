package proofsys

import (
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	cs_bw6761 "github.com/consensys/gnark/constraint/bw6-761"

	"github.com/provensql/provensql/internal/lagrange"
)

// SetupGroth16 is a Groth16 setup of an R1CS with fresh random toxic
// waste, unsafe for production as every local setup is: SetupBN254,
// SetupBLS12377 or SetupBW6761 for a system over those curves, gnark's own
// setup for an R1CS over any other; an error for anything else (a PLONK
// system, nil).
//
// The three are one computation (keyScalarsOf, then each curve's comb
// tables): their keys are gnark's, laid out as gnark's setup lays them out
// (the same wires in the same order, points at infinity filtered the same
// way, BSB22 commitment keys included), so gnark's provers — the CPU's and
// ICICLE's — and its verifiers, the exported Solidity verifier among them,
// take them as they are. They differ in how they compute them: every
// fixed-base scalar multiplication (one per key point) goes through a comb
// table with no doublings (package batchmul), the commitment keys'
// σ-multiples included, which gnark-crypto's pedersen.Setup multiplies one
// point at a time; and the Lagrange values at τ are computed in parallel.
// Six times fewer group operations for the G1 and G2 points, which are
// most of a setup's time.
func SetupGroth16(cs constraint.ConstraintSystem) (groth16.ProvingKey, groth16.VerifyingKey, error) {
	var (
		pk  groth16.ProvingKey
		vk  groth16.VerifyingKey
		err error
	)
	switch r := cs.(type) {
	case *cs_bn254.R1CS:
		pk, vk, err = wrapKeys(SetupBN254(r))
	case *cs_bls12377.R1CS:
		pk, vk, err = wrapKeys(SetupBLS12377(r))
	case *cs_bw6761.R1CS:
		pk, vk, err = wrapKeys(SetupBW6761(r))
	case constraint.R1CS[constraint.U64]:
		if pk, vk, err = groth16.Setup(cs); err != nil {
			err = fmt.Errorf("groth16 setup: %w", err)
		}
	default: // gnark's setup would panic
		err = fmt.Errorf("groth16 setup: a constraint system of type %T, want an R1CS", cs)
	}
	if err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}

// wrapKeys returns a curve's keys as gnark's interfaces (nil interfaces,
// not typed nils, on error).
func wrapKeys[PK groth16.ProvingKey, VK groth16.VerifyingKey](pk PK, vk VK, err error) (groth16.ProvingKey, groth16.VerifyingKey, error) {
	if err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}

// wireLayout is where a system's wires go in the keys, whatever the
// curve: public wires and commitments in the verifying key's K, each
// commitment's private committed wires in its commitment key, the other
// private wires in the proving key's K.
type wireLayout struct {
	nbWires, nbPublic             int
	nbPublicWires, nbPrivateWires int
	info                          constraint.Groth16Commitments
	commitmentWires               []int
	isCommitment                  map[int]bool
	committedBy                   []int32 // wire → 1 + the commitment committing to it, 0 for none
}

// layoutOf checks that sys is an R1CS (gnark's R1CS and PLONK systems of a
// curve share one Go type) and its commitments' wires, and lays the wires
// out.
func layoutOf(sys *constraint.System) (wireLayout, error) {
	if sys.Type != constraint.SystemR1CS {
		return wireLayout{}, fmt.Errorf("groth16 setup: a PLONK constraint system, want an R1CS")
	}
	nbPublic, commitments := sys.GetNbPublicVariables(), sys.CommitmentInfo
	l := wireLayout{nbWires: sys.NbInternalVariables + nbPublic + sys.GetNbSecretVariables(), nbPublic: nbPublic}
	info, ok := commitments.(constraint.Groth16Commitments)
	if !ok {
		return l, fmt.Errorf("groth16 setup: commitment info of type %T", commitments)
	}
	l.info = info
	l.commitmentWires = info.CommitmentIndexes()
	l.isCommitment = make(map[int]bool, len(l.commitmentWires))
	for _, w := range l.commitmentWires {
		l.isCommitment[w] = true
	}
	l.committedBy = make([]int32, l.nbWires)
	nbCommitted := 0
	for ci, wires := range info.GetPrivateCommitted() {
		for j, w := range wires {
			if j > 0 && w <= wires[j-1] {
				return l, fmt.Errorf("groth16 setup: commitment %d's wires are not increasing", ci)
			}
			if w < 0 || w >= l.nbWires {
				return l, fmt.Errorf("groth16 setup: commitment %d commits wire %d of %d", ci, w, l.nbWires)
			}
			if l.committedBy[w] != 0 {
				return l, fmt.Errorf("groth16 setup: wire %d is in two commitments", w)
			}
			l.committedBy[w] = int32(ci + 1)
			nbCommitted++
		}
	}
	// a commitment is a hint's output, private to the prover but public to
	// the Groth16 verifier, which recomputes it
	l.nbPublicWires = nbPublic + len(info)
	l.nbPrivateWires = l.nbWires - l.nbPublicWires - nbCommitted
	return l, nil
}

// scalarOps is the part of a scalar field's element the setup's
// arithmetic needs (gnark-crypto's fr.Element of each curve).
type scalarOps[E any] interface {
	*E
	Mul(a, b *E) *E
	Add(a, b *E) *E
	Sub(a, b *E) *E
	Double(a *E) *E
	Inverse(a *E) *E
	Exp(x E, k *big.Int) *E
	SetBigInt(v *big.Int) *E
	SetOne() *E
	IsZero() bool
}

// scalarField is a curve's scalar field to keyScalarsOf: its modulus, its
// batch inversion and its bit reversal (gnark-crypto's).
type scalarField[E any] struct {
	modulus     *big.Int
	batchInvert func([]E) []E
	bitReverse  func([]E)
}

// evaluationDomain is the FFT domain's size n, generator ω and 1/n.
type evaluationDomain[E any] struct {
	n           int
	omega, invN E
}

// keyScalars is every key point's discrete logarithm: the G1 points are
// the generator times α, β, δ, A, B, Z, the K of both keys, and each
// commitment key's basis and σ-multiples; the G2 points times B, β, δ, γ.
type keyScalars[E any] struct {
	layout                    wireLayout
	alpha, beta, gamma, delta E
	// A and B without their zeros (points at infinity), which infA and
	// infB mark
	A, B         []E
	infA, infB   []bool
	nbInfA       uint64
	nbInfB       uint64
	Z            []E // (τ^n − 1)·τ^i/δ, bit-reversed, n − 1 of them used
	vkK, pkK     []E
	ck, ckSigma  [][]E
	commitSigmas []E // each commitment key's own σ
}

// publicAndCommitmentCommitted is the verifying key's
// PublicAndCommitmentCommitted: the public wires each commitment commits.
func (ks *keyScalars[E]) publicAndCommitmentCommitted() [][]int {
	l := &ks.layout
	return l.info.GetPublicAndCommitmentCommitted(l.commitmentWires, l.nbPublic)
}

// g1Parts is the G1 scalars in the order each curve's assembly reads the
// products: {α, β, δ}, A, B, Z, vkK, pkK, then each commitment key's
// basis and σ-multiples.
func (ks *keyScalars[E]) g1Parts() [][]E {
	parts := [][]E{{ks.alpha, ks.beta, ks.delta}, ks.A, ks.B, ks.Z, ks.vkK, ks.pkK}
	for i := range ks.ck {
		parts = append(parts, ks.ck[i], ks.ckSigma[i])
	}
	return parts
}

// g2Scalars is B, then β, δ and γ.
func (ks *keyScalars[E]) g2Scalars() []E {
	return append(append(make([]E, 0, len(ks.B)+3), ks.B...), ks.beta, ks.delta, ks.gamma)
}

// keyScalarsOf lays out sys's wires (layoutOf), draws the toxic waste τ,
// α, β, γ, δ and each commitment key's σ, and computes every key point's
// scalar (coefficients: sys's, indexed by its terms' CoeffIDs).
func keyScalarsOf[E any, PE scalarOps[E]](sys *constraint.System, coefficients []E, dom evaluationDomain[E], f scalarField[E]) (keyScalars[E], error) {
	l, err := layoutOf(sys)
	if err != nil {
		return keyScalars[E]{}, err
	}
	ks := keyScalars[E]{layout: l}
	draw := func() (E, error) {
		var e E
		v, err := rand.Int(rand.Reader, new(big.Int).Sub(f.modulus, big.NewInt(1)))
		if err != nil {
			return e, fmt.Errorf("groth16 setup: randomness: %w", err)
		}
		PE(&e).SetBigInt(v.Add(v, big.NewInt(1)))
		return e, nil
	}
	var tau E
	for _, e := range []*E{&tau, &ks.alpha, &ks.beta, &ks.gamma, &ks.delta} {
		v, err := draw()
		if err != nil {
			return ks, err
		}
		*e = v
	}
	var gammaInv, deltaInv E
	PE(&gammaInv).Inverse(&ks.gamma)
	PE(&deltaInv).Inverse(&ks.delta)

	A, B, C := lagrangeABC[E, PE](sys.GetR1CIterator(), coefficients, lagrange.At[E, PE](dom.n, sys.GetNbConstraints(), dom.omega, dom.invN, tau, f.batchInvert), l.nbWires)

	// K: (β·A_i + α·B_i + C_i)/γ for public and committed wires, /δ for the others
	ks.vkK = make([]E, 0, l.nbPublicWires)
	ks.pkK = make([]E, 0, l.nbPrivateWires)
	ks.ck = make([][]E, len(l.info))
	var k, t E
	for i := range A {
		PE(&k).Mul(&A[i], &ks.beta)
		PE(&t).Mul(&B[i], &ks.alpha)
		PE(&k).Add(&k, &t)
		PE(&k).Add(&k, &C[i])
		switch ci := l.committedBy[i] - 1; {
		case i < l.nbPublic || l.isCommitment[i]:
			ks.vkK = append(ks.vkK, *PE(&k).Mul(&k, &gammaInv))
		case ci >= 0:
			ks.ck[ci] = append(ks.ck[ci], *PE(&k).Mul(&k, &gammaInv))
		default:
			ks.pkK = append(ks.pkK, *PE(&k).Mul(&k, &deltaInv))
		}
	}
	if len(ks.vkK) != l.nbPublicWires || len(ks.pkK) != l.nbPrivateWires {
		return ks, fmt.Errorf("groth16 setup: %d public and %d private K values for %d and %d wires", len(ks.vkK), len(ks.pkK), l.nbPublicWires, l.nbPrivateWires)
	}

	// Z: (τ^n − 1)·τ^i/δ, in bit-reversed order (gnark's prover reads it so)
	ks.Z = make([]E, dom.n)
	var zdt, one E
	PE(&one).SetOne()
	PE(&zdt).Exp(tau, big.NewInt(int64(dom.n)))
	PE(&zdt).Sub(&zdt, &one)
	PE(&zdt).Mul(&zdt, &deltaInv)
	for i := range ks.Z {
		ks.Z[i] = zdt
		PE(&zdt).Mul(&zdt, &tau)
	}
	f.bitReverse(ks.Z)

	ks.A, ks.infA, ks.nbInfA = dropZeros[E, PE](A)
	ks.B, ks.infB, ks.nbInfB = dropZeros[E, PE](B)

	// each commitment key's own σ (one per key, as gnark's setup draws
	// them, so that no commitment can be opened with another's basis):
	// BasisExpSigma = σ·Basis, i.e. (σ·k)·G
	ks.commitSigmas = make([]E, len(ks.ck))
	ks.ckSigma = make([][]E, len(ks.ck))
	for i, c := range ks.ck {
		s, err := draw()
		if err != nil {
			return ks, err
		}
		ks.commitSigmas[i] = s
		ks.ckSigma[i] = make([]E, len(c))
		for j := range c {
			PE(&ks.ckSigma[i][j]).Mul(&c[j], &s)
		}
	}
	return ks, nil
}

// negSigma returns −σ as an integer, for the proof of knowledge's
// G2 point −σ·G.
func negSigma[E any, PE interface {
	*E
	BigInt(*big.Int) *big.Int
}](sigma *E) *big.Int {
	var v big.Int
	PE(sigma).BigInt(&v)
	return v.Neg(&v)
}

// lagrangeABC returns, per wire, Σ over constraints j of the wire's
// coefficient in L, R and O times L_j(τ).
func lagrangeABC[E any, PE scalarOps[E]](it constraint.R1CIterator, coefficients []E, L []E, nbWires int) (A, B, C []E) {
	A, B, C = make([]E, nbWires), make([]E, nbWires), make([]E, nbWires)
	accumulate := func(res *E, t constraint.Term, l *E) {
		switch id := t.CoeffID(); id {
		case constraint.CoeffIdZero:
		case constraint.CoeffIdOne:
			PE(res).Add(res, l)
		case constraint.CoeffIdMinusOne:
			PE(res).Sub(res, l)
		case constraint.CoeffIdTwo:
			var d E
			PE(&d).Double(l)
			PE(res).Add(res, &d)
		default:
			var p E
			PE(&p).Mul(&coefficients[id], l)
			PE(res).Add(res, &p)
		}
	}
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
func dropZeros[E any, PE scalarOps[E]](v []E) (kept []E, zero []bool, nbZero uint64) {
	zero = make([]bool, len(v))
	kept = make([]E, 0, len(v))
	for i := range v {
		if PE(&v[i]).IsZero() {
			zero[i] = true
			nbZero++
			continue
		}
		kept = append(kept, v[i])
	}
	return kept, zero, nbZero
}
