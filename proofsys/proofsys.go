// Package proofsys is the seam between ProvenSQL and a proof system: setup,
// proving, verification and key serialisation behind one Backend interface,
// so a second proof system can be added beside Groth16.
package proofsys

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/commitment"
)

// Keys are a circuit's proving and verifying keys, opaque to callers.
type Keys struct {
	PK any
	VK any
}

// Backend is a proof system for compiled circuits.
type Backend interface {
	// Name identifies the backend in receipts and key caches.
	Name() string
	// Setup runs the circuit-specific setup. Local setups are unsafe for production.
	Setup(cs constraint.ConstraintSystem) (Keys, error)
	// Prove proves a full witness; opts override solver hints.
	Prove(cs constraint.ConstraintSystem, k Keys, full witness.Witness, opts ...solver.Option) ([]byte, error)
	// Solve runs Prove's solver, with the proof system's own commitment
	// hint (the commitment to the committed wires, hashed to the challenge
	// the circuit reads), and stops there: no proof. A prover whose public
	// inputs depend on that challenge solves first to learn them. It runs
	// on the CPU whatever the backend.
	Solve(cs constraint.ConstraintSystem, k Keys, full witness.Witness, opts ...solver.Option) error
	// Verify checks proof bytes against verifying-key bytes and the public inputs.
	Verify(vk []byte, proof []byte, public []*big.Int) error
	// WriteProvingKey / ReadProvingKey serialise the proving key (fast dump format).
	WriteProvingKey(w io.Writer, k Keys) error
	ReadProvingKey(r io.Reader) (any, error)
	// VerifyingKeyBytes serialises the verifying key; VKHash is its identity.
	VerifyingKeyBytes(k Keys) ([]byte, error)
	ReadVerifyingKey(b []byte) (any, error)
	// NewCS returns an empty constraint system to read a cached one into.
	NewCS() constraint.ConstraintSystem
	// ReadKeys reads keys produced elsewhere (a ceremony) in the backend's
	// standard encoding, checking every point.
	ReadKeys(pk, vk io.Reader) (Keys, error)
}

// VKHash returns the hex SHA-256 of verifying-key bytes.
func VKHash(vk []byte) string {
	h := sha256.Sum256(vk)
	return hex.EncodeToString(h[:])
}

// Groth16 is Groth16 over BN254 with gnark's BSB22 commitment, hashing the
// commitment to the field with Keccak-256 so the shape's Solidity batch
// verifier accepts the same proofs.
type Groth16 struct {
	// commits computes the BSB22 commitments of Solve and Prove (nil: the
	// CPU's MSM every time); NewGroth16's remembers them, so a segment's
	// proof does not recompute what its first pass committed.
	commits commitment.MSM
}

// NewGroth16 returns the Groth16 backend with its commitments remembered
// (commitment.Memo over the CPU's MSM). The zero Groth16 works too, and
// recomputes them.
func NewGroth16() Groth16 { return Groth16{commits: commitment.NewMemo(commitment.CPU{})} }

// Name implements Backend.
func (Groth16) Name() string { return "groth16-bn254" }

// NewCS implements Backend.
func (Groth16) NewCS() constraint.ConstraintSystem { return groth16.NewCS(ecc.BN254) }

// Setup implements Backend: SetupGroth16 (gnark's keys, computed faster
// for BN254, BLS12-377 and BW6-761; gnark's own setup otherwise).
func (Groth16) Setup(cs constraint.ConstraintSystem) (Keys, error) {
	pk, vk, err := SetupGroth16(cs)
	if err != nil {
		return Keys{}, err
	}
	return Keys{PK: pk, VK: vk}, nil
}

// Prove implements Backend: in two steps, SolveBN254 and SolvedBN254.Prove
// with the CPU's kernels — the proof gnark's Groth16 prover makes under
// ProverOptions, with the BSB22 commitment taken from g's memo when the
// segment's first pass computed it (7–17 % faster than gnark's prover at
// 2^16 rows on 2 cores, BENCHMARKS.md).
func (g Groth16) Prove(cs constraint.ConstraintSystem, k Keys, full witness.Witness, opts ...solver.Option) ([]byte, error) {
	r1cs, pk, err := bn254Of("groth16", cs, k)
	if err != nil {
		return nil, err
	}
	solved, err := SolveBN254(r1cs, pk, full, g.commits, opts...)
	if err != nil {
		return nil, err
	}
	proof, err := solved.Prove(CPUKernels{PK: pk})
	if err != nil {
		return nil, err
	}
	return ProofBytes(proof)
}

// CommitmentMaskHintID is the id gnark gives its internal hint
// github.com/consensys/gnark/internal/hints.Randomize, the random mask of
// its in-circuit commitment. A prover that solves twice (Solve, then
// Prove) overrides it to draw the mask once, so both solves derive the same
// challenge.
var CommitmentMaskHintID = func() solver.HintID {
	h := fnv.New32a()
	h.Write([]byte("github.com/consensys/gnark/internal/hints.Randomize"))
	return solver.HintID(h.Sum32())
}()

// Solve implements Backend: the solver with gnark's BSB22 commitment hint,
// computed as gnark's Groth16 prover computes it under ProverOptions (the
// commitment key's MSM over the committed wires, here on every core, hashed
// to the field as the Solidity verifier and VerifyBatch hash it:
// commitmentHash), so the challenge the solver derives is the one a proof
// of the same witness will carry.
func (g Groth16) Solve(cs constraint.ConstraintSystem, k Keys, full witness.Witness, opts ...solver.Option) error {
	r1cs, pk, err := bn254Of("groth16: solve", cs, k)
	if err != nil {
		return err
	}
	return SolveChallenge(r1cs, pk, full, g.commits, opts...)
}

// bn254Of returns cs and k's proving key as BN254's, or an error that
// op (its prefix) names.
func bn254Of(op string, cs constraint.ConstraintSystem, k Keys) (*cs_bn254.R1CS, *groth16_bn254.ProvingKey, error) {
	r1cs, ok := cs.(*cs_bn254.R1CS)
	if !ok {
		return nil, nil, fmt.Errorf("%s: constraint system of type %T, want BN254 R1CS", op, cs)
	}
	pk, ok := k.PK.(*groth16_bn254.ProvingKey)
	if !ok {
		return nil, nil, fmt.Errorf("%s: proving key of type %T, want BN254", op, k.PK)
	}
	return r1cs, pk, nil
}

// ProverOptions are the options every Groth16 prover of ProvenSQL proves
// with, whatever the hardware: the solver's hint overrides and the
// Keccak-based commitment hash the exported Solidity verifier expects.
func ProverOptions(opts ...solver.Option) []backend.ProverOption {
	return []backend.ProverOption{backend.WithSolverOptions(opts...), solidity.WithProverTargetSolidityVerifier(backend.GROTH16)}
}

// ProofBytes encodes a Groth16 proof as receipts carry it (gnark's WriteTo).
func ProofBytes(proof groth16.Proof) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := proof.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("groth16: encoding proof: %w", err)
	}
	return buf.Bytes(), nil
}

// Verify implements Backend.
func (g Groth16) Verify(vkBytes, proofBytes []byte, public []*big.Int) error {
	vkAny, err := g.ReadVerifyingKey(vkBytes)
	if err != nil {
		return err
	}
	vk := vkAny.(groth16.VerifyingKey)
	proof, err := readProof(proofBytes)
	if err != nil {
		return err
	}
	w, err := PublicWitness(public)
	if err != nil {
		return err
	}
	if err := groth16.Verify(proof, vk, w, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		return fmt.Errorf("groth16: proof rejected: %w", err)
	}
	return nil
}

// PublicWitness builds a public witness from public input values.
func PublicWitness(public []*big.Int) (witness.Witness, error) {
	w, err := witness.New(ecc.BN254.ScalarField())
	if err != nil {
		return nil, err
	}
	ch := make(chan any, len(public))
	for _, v := range public {
		ch <- v
	}
	close(ch)
	if err := w.Fill(len(public), 0, ch); err != nil {
		return nil, fmt.Errorf("groth16: public witness: %w", err)
	}
	return w, nil
}

// WriteProvingKey implements Backend with gnark's raw dump (fast to load;
// callers must check a hash of what they read back).
func (Groth16) WriteProvingKey(w io.Writer, k Keys) error {
	pk, ok := k.PK.(interface{ WriteDump(io.Writer) error })
	if !ok {
		return fmt.Errorf("groth16: proving key of type %T cannot be dumped", k.PK)
	}
	return pk.WriteDump(w)
}

// ReadProvingKey implements Backend.
func (Groth16) ReadProvingKey(r io.Reader) (any, error) {
	pk := groth16.NewProvingKey(ecc.BN254)
	d, ok := pk.(interface{ ReadDump(io.Reader) error })
	if !ok {
		return nil, fmt.Errorf("groth16: proving key of type %T cannot be read from a dump", pk)
	}
	if err := d.ReadDump(r); err != nil {
		return nil, fmt.Errorf("groth16: reading proving key: %w", err)
	}
	return pk, nil
}

// VerifyingKeyBytes implements Backend (compressed points).
func (Groth16) VerifyingKeyBytes(k Keys) ([]byte, error) {
	vk, ok := k.VK.(groth16.VerifyingKey)
	if !ok {
		return nil, fmt.Errorf("groth16: verifying key of type %T", k.VK)
	}
	var buf bytes.Buffer
	if _, err := vk.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadVerifyingKey implements Backend, checking points are valid.
func (Groth16) ReadVerifyingKey(b []byte) (any, error) {
	vk := groth16.NewVerifyingKey(ecc.BN254)
	n, err := vk.ReadFrom(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("groth16: malformed verifying key: %w", err)
	}
	if int(n) != len(b) {
		return nil, fmt.Errorf("groth16: verifying key has %d trailing bytes", len(b)-int(n))
	}
	return vk, nil
}

// ByName returns the backend with the given name.
func ByName(name string) (Backend, error) {
	switch name {
	case "", Groth16{}.Name(), "groth16":
		return NewGroth16(), nil
	}
	return nil, fmt.Errorf("unknown proof backend %q (available: groth16-bn254)", name)
}

// ReadKeys implements Backend: gnark's standard (WriteTo) encoding, as
// gnark's mpcsetup produces after sealing a phase-2 ceremony.
func (Groth16) ReadKeys(pkr, vkr io.Reader) (Keys, error) {
	pk := groth16.NewProvingKey(ecc.BN254)
	if _, err := pk.ReadFrom(pkr); err != nil {
		return Keys{}, fmt.Errorf("groth16: reading proving key: %w", err)
	}
	vk := groth16.NewVerifyingKey(ecc.BN254)
	if _, err := vk.ReadFrom(vkr); err != nil {
		return Keys{}, fmt.Errorf("groth16: reading verifying key: %w", err)
	}
	return Keys{PK: pk, VK: vk}, nil
}
