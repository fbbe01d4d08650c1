package proofsys

import (
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/internal/batchmul"
)

// A BN254 Groth16 proof in two steps, so that an accelerator holds its
// device only for the arithmetic: SolveBN254 runs the solver on the CPU
// (with the BSB22 commitment, as Solve computes it) and lays the witness
// out for the multi-scalar multiplications; SolvedBN254.Prove then takes
// the quotient's FFTs and the MSMs from a Kernels. gnark's ICICLE prover
// holds the device from its solve to its proof, so proofs of segments side
// by side ran one at a time, solve included; with these two steps the
// solves run beside another segment's device work.

// Basis names one of a proving key's vectors of G1 points.
type Basis struct {
	Kind BasisKind
	// Commitment is the BSB22 commitment whose proof-of-knowledge basis
	// (BasisExpSigma) Kind BasisPoK names.
	Commitment int
}

// BasisKind is a kind of proving-key basis.
type BasisKind int

const (
	// BasisA is G1.A: the wires' A(τ), without the points at infinity.
	BasisA BasisKind = iota
	// BasisB is G1.B: the wires' B(τ) in G1, without the points at infinity.
	BasisB
	// BasisK is G1.K: the private wires' terms, without the committed ones.
	BasisK
	// BasisZ is G1.Z: the quotient's powers of τ over the vanishing polynomial.
	BasisZ
	// BasisPoK is a commitment key's BasisExpSigma.
	BasisPoK
)

// Bases returns the points basis names in pk.
func Bases(pk *groth16_bn254.ProvingKey, basis Basis) ([]bn254.G1Affine, error) {
	switch basis.Kind {
	case BasisA:
		return pk.G1.A, nil
	case BasisB:
		return pk.G1.B, nil
	case BasisK:
		return pk.G1.K, nil
	case BasisZ:
		return pk.G1.Z, nil
	case BasisPoK:
		if basis.Commitment < 0 || basis.Commitment >= len(pk.CommitmentKeys) {
			return nil, fmt.Errorf("groth16: commitment %d of %d", basis.Commitment, len(pk.CommitmentKeys))
		}
		return pk.CommitmentKeys[basis.Commitment].BasisExpSigma, nil
	}
	return nil, fmt.Errorf("groth16: unknown basis kind %d", basis.Kind)
}

// Kernels compute the heavy parts of a BN254 Groth16 proof for one proving
// key. Scalars are gnark-crypto field elements (Montgomery form).
type Kernels interface {
	// Quotient returns the coefficients of H = (A·B − C)/(Xⁿ − 1) from the
	// constraints' evaluations a, b, c over the key's domain (shorter ones
	// padded with zeros), in the bit-reversed order of the key's G1.Z
	// basis. It may overwrite a, b and c, and may return the same buffer
	// from every call: its result is read before the next call.
	Quotient(a, b, c []fr.Element) ([]fr.Element, error)
	// MultiExpG1 returns Σ scalars[i]·bases[i] over one of the key's G1
	// bases (as many scalars as points).
	MultiExpG1(basis Basis, scalars []fr.Element) (bn254.G1Jac, error)
	// MultiExpG2 returns Σ scalars[i]·G2.B[i].
	MultiExpG2(scalars []fr.Element) (bn254.G2Jac, error)
}

// CPUKernels are Kernels on the CPU with gnark-crypto (every core).
type CPUKernels struct {
	PK *groth16_bn254.ProvingKey
}

var _ Kernels = CPUKernels{}

// Quotient implements Kernels: H's coefficients through the FFTs of the
// key's domain on its multiplicative coset.
func (k CPUKernels) Quotient(a, b, c []fr.Element) ([]fr.Element, error) {
	d := &k.PK.Domain
	n := int(d.Cardinality)
	if len(a) > n || len(b) > n || len(c) > n {
		return nil, fmt.Errorf("groth16: %d, %d, %d evaluations for a domain of %d", len(a), len(b), len(c), n)
	}
	a, b, c = padTo(a, n), padTo(b, n), padTo(c, n)
	for _, v := range [][]fr.Element{a, b, c} {
		d.FFTInverse(v, fft.DIF)
		d.FFT(v, fft.DIT, fft.OnCoset())
	}
	// Xⁿ − 1 is gⁿ − 1 all over the coset g·⟨ω⟩
	var den, one fr.Element
	one.SetOne()
	den.Exp(d.FrMultiplicativeGen, big.NewInt(int64(n)))
	den.Sub(&den, &one).Inverse(&den)
	batchmul.Parallel(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			a[i].Mul(&a[i], &b[i]).Sub(&a[i], &c[i]).Mul(&a[i], &den)
		}
	})
	d.FFTInverse(a, fft.DIF, fft.OnCoset())
	return a, nil
}

// MultiExpG1 implements Kernels.
func (k CPUKernels) MultiExpG1(basis Basis, scalars []fr.Element) (bn254.G1Jac, error) {
	var out bn254.G1Jac
	bases, err := Bases(k.PK, basis)
	if err != nil {
		return out, err
	}
	if len(bases) != len(scalars) {
		return out, fmt.Errorf("groth16: MSM of %d points and %d scalars", len(bases), len(scalars))
	}
	if len(bases) == 0 {
		return out, nil
	}
	_, err = out.MultiExp(bases, scalars, ecc.MultiExpConfig{})
	return out, err
}

// MultiExpG2 implements Kernels.
func (k CPUKernels) MultiExpG2(scalars []fr.Element) (bn254.G2Jac, error) {
	var out bn254.G2Jac
	if len(k.PK.G2.B) != len(scalars) {
		return out, fmt.Errorf("groth16: G2 MSM of %d points and %d scalars", len(k.PK.G2.B), len(scalars))
	}
	if len(scalars) == 0 {
		return out, nil
	}
	_, err := out.MultiExp(k.PK.G2.B, scalars, ecc.MultiExpConfig{})
	return out, err
}

// SolvedBN254 is a solved witness laid out for the proof's kernels.
type SolvedBN254 struct {
	pk *groth16_bn254.ProvingKey
	// the constraints' evaluations
	a, b, c []fr.Element
	// the wire values each MSM takes: A's and B's wires without their
	// points at infinity, K's the private wires without the committed ones
	wiresA, wiresB, wiresK []fr.Element
	// each BSB22 commitment's committed private wires, its point and its
	// wire (the hashed commitment the circuit reads)
	committed   [][]fr.Element
	commitments []bn254.G1Affine
	hashed      []fr.Element
	proven      bool
	// hostG2, once StartHostG2 ran, delivers B's G2 MSM computed on the CPU
	hostG2 chan g2Result
}

// g2Result is a G2 MSM's result or its error.
type g2Result struct {
	p   bn254.G2Jac
	err error
}

// StartHostG2 starts B's G2 MSM on the CPU (gnark-crypto, every core) in
// the background, and Prove takes its result instead of asking its
// kernels for it. An accelerator's prover calls it as soon as the solve is
// done: the MSM then runs while the proof waits for the device and while
// the device computes the quotient and the G1 MSMs, which takes the G2
// MSM, the device's largest after the quotient, off the device. A second
// call does nothing.
func (s *SolvedBN254) StartHostG2() {
	if s.hostG2 != nil || s.proven {
		return
	}
	ch := make(chan g2Result, 1) // buffered: Prove may return early
	s.hostG2 = ch
	pk, wires := s.pk, s.wiresB // read-only to every MSM
	go func() {
		p, err := CPUKernels{PK: pk}.MultiExpG2(wires)
		ch <- g2Result{p, err}
	}()
}

// SolveChallenge is Groth16.Solve for a BN254 R1CS and key, its BSB22
// commitments computed by m (nil: the CPU). An accelerator may compute
// them on its device, or remember the ones it computed: a prover solves
// twice, with the same committed values.
func SolveChallenge(r1cs *cs_bn254.R1CS, pk *groth16_bn254.ProvingKey, full witness.Witness, m commitment.MSM, opts ...solver.Option) error {
	info, err := commitmentsOf(r1cs)
	if err != nil {
		return err
	}
	hints, err := commitmentHints(info, pk, full, m, nil)
	if err != nil {
		return err
	}
	_, err = r1cs.Solve(full, append(opts[:len(opts):len(opts)], hints...)...)
	return err
}

// SolveBN254 solves full as Prove does (the solver options, the BSB22
// commitment computed by m — nil: the CPU — and hashed as the Solidity
// verifier hashes it), on the CPU, and lays the solution out for
// SolvedBN254.Prove.
func SolveBN254(r1cs *cs_bn254.R1CS, pk *groth16_bn254.ProvingKey, full witness.Witness, m commitment.MSM, opts ...solver.Option) (*SolvedBN254, error) {
	info, err := commitmentsOf(r1cs)
	if err != nil {
		return nil, err
	}
	s := &SolvedBN254{pk: pk, committed: make([][]fr.Element, len(info)), commitments: make([]bn254.G1Affine, len(info))}
	hints, err := commitmentHints(info, pk, full, m, func(i int, committed []fr.Element, c bn254.G1Affine) {
		s.committed[i], s.commitments[i] = committed, c
	})
	if err != nil {
		return nil, err
	}
	sol, err := r1cs.Solve(full, append(opts[:len(opts):len(opts)], hints...)...)
	if err != nil {
		return nil, err
	}
	solution := sol.(*cs_bn254.R1CSSolution)
	w := []fr.Element(solution.W)
	for i := range info {
		if s.committed[i] == nil {
			return nil, fmt.Errorf("groth16: the solver did not compute commitment %d", i)
		}
		s.hashed = append(s.hashed, w[info[i].CommitmentIndex])
	}
	s.a, s.b, s.c = solution.A, solution.B, solution.C
	if len(pk.InfinityA) != len(w) || len(pk.InfinityB) != len(w) {
		return nil, fmt.Errorf("groth16: proving key for %d wires, witness of %d", len(pk.InfinityA), len(w))
	}
	s.wiresA = kept(w, 0, pk.InfinityA)
	s.wiresB = kept(w, 0, pk.InfinityB)
	// K's wires: the private ones, less the commitments' committed wires and
	// the commitment wires themselves (their terms are in the commitments)
	nbPublic := r1cs.GetNbPublicVariables()
	skip := make([]bool, len(w))
	for _, j := range slices.Concat(append(info.GetPrivateCommitted(), info.CommitmentIndexes())...) {
		if j < 0 || j >= len(w) {
			return nil, fmt.Errorf("groth16: committed wire %d of %d", j, len(w))
		}
		skip[j] = true
	}
	s.wiresK = kept(w, nbPublic, skip)
	if len(s.wiresK) != len(pk.G1.K) {
		return nil, fmt.Errorf("groth16: %d private wires for %d points of K", len(s.wiresK), len(pk.G1.K))
	}
	return s, nil
}

// commitmentsOf returns a BN254 R1CS's BSB22 commitments.
func commitmentsOf(r1cs *cs_bn254.R1CS) (constraint.Groth16Commitments, error) {
	info, ok := r1cs.CommitmentInfo.(constraint.Groth16Commitments)
	if !ok {
		return nil, fmt.Errorf("groth16: commitments of type %T", r1cs.CommitmentInfo)
	}
	return info, nil
}

// commitmentHints are gnark's BSB22 commitment hint as ProverOptions
// computes it: the commitment key's MSM over the committed wires (by m;
// nil: the CPU), hashed to the field as the Solidity verifier and
// VerifyBatch hash it — over the hint's inputs as gnark's frontend made
// them, and over the witness wires of full and the hint's other inputs
// for a system ReadCommittedFromWitness rewrote. record, if not nil,
// receives each commitment's committed values and point.
func commitmentHints(info constraint.Groth16Commitments, pk *groth16_bn254.ProvingKey, full witness.Witness, m commitment.MSM, record func(i int, committed []fr.Element, c bn254.G1Affine)) ([]solver.Option, error) {
	if m == nil {
		m = commitment.CPU{}
	}
	vec, ok := full.Vector().(fr.Vector)
	if !ok {
		return nil, fmt.Errorf("groth16: a witness of %T, not BN254's", full.Vector())
	}
	index := func(in []*big.Int) (int, error) {
		i := int(in[0].Int64())
		if !in[0].IsInt64() || i < 0 || i >= len(info) || i >= len(pk.CommitmentKeys) {
			return 0, fmt.Errorf("groth16: commitment %s of %d", in[0], len(info))
		}
		return i, nil
	}
	commit := func(i int, hashed, committed []fr.Element, out []*big.Int) error {
		ck := pk.CommitmentKeys[i]
		if len(committed) != len(ck.Basis) {
			return fmt.Errorf("groth16: commitment %d: %d values for %d bases", i, len(committed), len(ck.Basis))
		}
		c, err := m.MultiExpG1(ck.Basis, committed)
		if err != nil {
			return fmt.Errorf("groth16: commitment %d: %w", i, err)
		}
		if record != nil {
			record(i, committed, c)
		}
		res := commitmentHash(c, hashed)
		res.BigInt(out[0])
		return nil
	}
	fromInputs := func(_ *big.Int, in, out []*big.Int) error {
		i, err := index(in)
		if err != nil {
			return err
		}
		in = in[1:]
		if len(in) < len(info[i].PublicAndCommitmentCommitted) {
			return fmt.Errorf("groth16: commitment %d: %d inputs", i, len(in))
		}
		hashed := make([]fr.Element, len(info[i].PublicAndCommitmentCommitted))
		for j := range hashed {
			hashed[j].SetBigInt(in[j])
		}
		committed := make([]fr.Element, len(in)-len(hashed))
		values := in[len(hashed):]
		batchmul.Parallel(len(committed), func(lo, hi int) { // millions at 2^20 rows
			for j := lo; j < hi; j++ {
				committed[j].SetBigInt(values[j])
			}
		})
		return commit(i, hashed, committed, out)
	}
	fromWitness := func(_ *big.Int, in, out []*big.Int) error {
		i, err := index(in)
		if err != nil {
			return err
		}
		hashed, committed, err := committedValues(info[i], vec, in[1:])
		if err != nil {
			return fmt.Errorf("groth16: commitment %d: %w", i, err)
		}
		return commit(i, hashed, committed, out)
	}
	return []solver.Option{solver.OverrideHint(bsb22HintID, fromInputs), solver.OverrideHint(fromWitnessID, fromWitness)}, nil
}

// Prove computes the proof from the solved witness with k's quotient and
// MSMs (k for s's proving key), drawing fresh r and s: the proof gnark's
// Groth16 prover makes of the same witness under ProverOptions, up to that
// randomness.
//
// A SolvedBN254 proves once: the quotient may overwrite its evaluations.
func (s *SolvedBN254) Prove(k Kernels) (*groth16_bn254.Proof, error) {
	pk := s.pk
	if s.proven {
		return nil, errors.New("groth16: this solution was proven already")
	}
	s.proven = true
	proof := &groth16_bn254.Proof{Commitments: slices.Clone(s.commitments)}
	if len(s.committed) > 0 {
		poks := make([]bn254.G1Affine, len(s.committed))
		for i, v := range s.committed {
			p, err := k.MultiExpG1(Basis{Kind: BasisPoK, Commitment: i}, v)
			if err != nil {
				return nil, fmt.Errorf("groth16: commitment %d's proof of knowledge: %w", i, err)
			}
			poks[i].FromJacobian(&p)
		}
		// the proofs of knowledge folded with a challenge from the
		// commitment wires, as gnark's verifier unfolds them
		ser := make([]byte, 0, fr.Bytes*len(s.hashed))
		for i := range s.hashed {
			ser = append(ser, s.hashed[i].Marshal()...)
		}
		ch, err := fr.Hash(ser, []byte("G16-BSB22"), 1)
		if err != nil {
			return nil, err
		}
		if _, err := proof.CommitmentPok.Fold(poks, ch[0], ecc.MultiExpConfig{NbTasks: 1}); err != nil {
			return nil, err
		}
	}
	// the evaluations are the quotient's alone from here (it may overwrite
	// them, or pad copies of them and let the originals go)
	a, b, c := s.a, s.b, s.c
	s.a, s.b, s.c = nil, nil, nil
	h, err := k.Quotient(a, b, c)
	if err != nil {
		return nil, fmt.Errorf("groth16: quotient: %w", err)
	}
	if len(h) < len(pk.G1.Z) {
		return nil, fmt.Errorf("groth16: quotient of %d coefficients for %d points of Z", len(h), len(pk.G1.Z))
	}
	var r, sr, nrs fr.Element
	if _, err := r.SetRandom(); err != nil {
		return nil, err
	}
	if _, err := sr.SetRandom(); err != nil {
		return nil, err
	}
	nrs.Mul(&r, &sr).Neg(&nrs)
	var rb, sb big.Int
	r.BigInt(&rb)
	sr.BigInt(&sb)
	deltas := bn254.BatchScalarMultiplicationG1(&pk.G1.Delta, []fr.Element{r, sr, nrs})

	msm := func(b BasisKind, v []fr.Element, what string) (bn254.G1Jac, error) {
		p, err := k.MultiExpG1(Basis{Kind: b}, v)
		if err != nil {
			err = fmt.Errorf("groth16: %s: %w", what, err)
		}
		return p, err
	}
	ar, err := msm(BasisA, s.wiresA, "A's MSM")
	if err != nil {
		return nil, err
	}
	ar.AddMixed(&pk.G1.Alpha)
	ar.AddMixed(&deltas[0])
	proof.Ar.FromJacobian(&ar)

	bs1, err := msm(BasisB, s.wiresB, "B's G1 MSM")
	if err != nil {
		return nil, err
	}
	bs1.AddMixed(&pk.G1.Beta)
	bs1.AddMixed(&deltas[1])

	var bs bn254.G2Jac
	if s.hostG2 != nil {
		r := <-s.hostG2
		bs, err = r.p, r.err
	} else {
		bs, err = k.MultiExpG2(s.wiresB)
	}
	if err != nil {
		return nil, fmt.Errorf("groth16: B's G2 MSM: %w", err)
	}
	var deltaS bn254.G2Jac
	deltaS.FromAffine(&pk.G2.Delta)
	deltaS.ScalarMultiplication(&deltaS, &sb)
	bs.AddAssign(&deltaS)
	bs.AddMixed(&pk.G2.Beta)
	proof.Bs.FromJacobian(&bs)

	krs, err := msm(BasisK, s.wiresK, "K's MSM")
	if err != nil {
		return nil, err
	}
	kz, err := msm(BasisZ, h[:len(pk.G1.Z)], "the quotient's MSM")
	if err != nil {
		return nil, err
	}
	krs.AddAssign(&kz)
	krs.AddMixed(&deltas[2])
	var p bn254.G1Jac
	p.ScalarMultiplication(&ar, &sb)
	krs.AddAssign(&p)
	p.ScalarMultiplication(&bs1, &rb)
	krs.AddAssign(&p)
	proof.Krs.FromJacobian(&krs)
	return proof, nil
}

// kept returns w[from:] less the entries that drop (indexed as w) marks,
// in order, copied on all cores: a count per chunk, then each chunk's
// entries to its offset (millions of wires at 2^20 rows, three times a
// proof).
func kept(w []fr.Element, from int, drop []bool) []fr.Element {
	tasks := runtime.GOMAXPROCS(0)
	chunk := max((len(w)-from+tasks-1)/tasks, 1)
	bound := func(t int) (int, int) { return min(from+t*chunk, len(w)), min(from+(t+1)*chunk, len(w)) }
	counts := make([]int, tasks+1) // counts[t+1]: chunk t's, then the offsets
	var wg sync.WaitGroup
	for t := range tasks {
		wg.Go(func() {
			lo, hi := bound(t)
			for _, d := range drop[lo:hi] {
				if !d {
					counts[t+1]++
				}
			}
		})
	}
	wg.Wait()
	for t := range tasks {
		counts[t+1] += counts[t]
	}
	out := make([]fr.Element, counts[tasks])
	for t := range tasks {
		wg.Go(func() {
			lo, hi := bound(t)
			k := counts[t]
			for i := lo; i < hi; i++ {
				if !drop[i] {
					out[k] = w[i]
					k++
				}
			}
		})
	}
	wg.Wait()
	return out
}

// padTo returns v extended with zeros to length n: in place where its
// capacity allows, else in one new array (v's own is then free to go).
func padTo(v []fr.Element, n int) []fr.Element {
	if cap(v) >= n {
		m := len(v)
		v = v[:n]
		clear(v[m:])
		return v
	}
	w := make([]fr.Element, n)
	copy(w, v)
	return w
}
