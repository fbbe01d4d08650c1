// Package twochain holds the circuits of the two-chain path to one on-chain
// check for any number of segments, as the benchmarks and the GPU check
// measure it: segment proofs over BLS12-377, an aggregator over BW6-761
// that verifies them natively (BW6-761's scalar field is BLS12-377's base
// field) and folds their KZG claims natively, and one BN254 wrapper that
// verifies the aggregator's proof in emulated BW6-761 arithmetic, the one
// proof the chain would check. Nothing here is wired into the prover: the
// inner proofs have a segment's verifying-key shape (Inner), not a
// segment's circuit (BENCHMARKS.md, "the two-chain path").
package twochain

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/big"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bw6761"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/hash/sha2"
	"github.com/consensys/gnark/std/math/emulated"
	"github.com/consensys/gnark/std/math/uints"
	"github.com/consensys/gnark/std/multicommit"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/proofsys"
)

// Inner stands in for a segment circuit: what verifying it costs depends on
// its verifying key's shape — ten public inputs and one BSB22 commitment,
// as Q1's — not on its size.
type Inner struct {
	Pub [10]frontend.Variable `gnark:",public"`
	Sec [10]frontend.Variable
}

// Define implements frontend.Circuit.
func (c *Inner) Define(api frontend.API) error {
	committed := make([]frontend.Variable, len(c.Sec))
	for i := range c.Sec {
		api.AssertIsEqual(api.Mul(c.Sec[i], 2), c.Pub[i])
		committed[i] = c.Sec[i]
	}
	multicommit.WithCommitment(api, func(api frontend.API, ch frontend.Variable) error {
		api.AssertIsDifferent(ch, 0)
		return nil
	}, committed...)
	return nil
}

// InnerProof sets up and proves Inner over curve, its commitment hashed as a
// verifier in a circuit over outer's scalar field recomputes it, and checks
// the proof.
func InnerProof(curve, outer ecc.ID) (constraint.ConstraintSystem, groth16.VerifyingKey, groth16.Proof, witness.Witness, error) {
	ccs, vk, proofs, publics, err := InnerProofs(curve, outer, 1)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return ccs, vk, proofs[0], publics[0], nil
}

// InnerProofs is InnerProof for n proofs under one key, each of its own
// witness (proof i's secrets are i + 1, …, i + 10), so that each has its
// own public inputs.
func InnerProofs(curve, outer ecc.ID, n int) (constraint.ConstraintSystem, groth16.VerifyingKey, []groth16.Proof, []witness.Witness, error) {
	field, outerField := curve.ScalarField(), outer.ScalarField()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &Inner{})
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("twochain: inner circuit: %w", err)
	}
	pk, vk, err := proofsys.SetupGroth16(ccs)
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("twochain: inner setup: %w", err)
	}
	proofs, publics := make([]groth16.Proof, n), make([]witness.Witness, n)
	for p := range proofs {
		var assign Inner
		for i := range assign.Sec {
			assign.Sec[i] = p + i + 1
			assign.Pub[i] = 2 * (p + i + 1)
		}
		full, err := frontend.NewWitness(&assign, field)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if publics[p], err = full.Public(); err != nil {
			return nil, nil, nil, nil, err
		}
		if proofs[p], err = groth16.Prove(ccs, pk, full, stdgroth16.GetNativeProverOptions(outerField, field)); err != nil {
			return nil, nil, nil, nil, fmt.Errorf("twochain: inner proof: %w", err)
		}
		if err := groth16.Verify(proofs[p], vk, publics[p], stdgroth16.GetNativeVerifierOptions(outerField, field)); err != nil {
			return nil, nil, nil, nil, fmt.Errorf("twochain: inner proof refused: %w", err)
		}
	}
	return ccs, vk, proofs, publics, nil
}

// Outputs is how many public inputs the aggregator exposes to its wrapper
// (the result, the parameters' and the table's digests, in a real one).
const Outputs = 8

// Version names the aggregator's and the wrapper's circuits: a key cache
// entry of another version is never read. Bump it on any change to what
// they compile to.
const Version = "9"

// Aggregator verifies k BLS12-377 segment proofs of one shape in a BW6-761
// circuit (the key fixed), folds each segment's KZG claim into two points
// (six scalar multiplications a segment, native: Fold), and checks the
// folded opening with one two-pair pairing check.
type Aggregator struct {
	VK      stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Proofs  []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	Publics []stdgroth16.Witness[sw_bls12377.ScalarField]
	Folds   []Fold
	Out     [Outputs]frontend.Variable `gnark:",public"`
}

// Fold is one segment's share of a deferred KZG check: the window column's
// commitment, W, the opened columns' commitments and H scaled into F, and H
// scaled into the quotients' sum — six scalar multiplications, the
// per-segment opening of receipt format 3. The query opening of format 4
// takes W and H once per query, leaving three a segment, so this overstates
// a segment's fold by three native scalar multiplications.
type Fold struct {
	Cw, W, H sw_bls12377.G1Affine
	C        [2]sw_bls12377.G1Affine
	S        [6]sw_bls12377.Scalar
}

// Define implements frontend.Circuit.
func (c *Aggregator) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bls12377.ScalarField, sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](api)
	if err != nil {
		return err
	}
	for i := range c.Proofs {
		if err := v.AssertProof(c.VK, c.Proofs[i], c.Publics[i]); err != nil {
			return err
		}
	}
	if len(c.Folds) > 0 {
		cr, err := sw_bls12377.NewCurve(api)
		if err != nil {
			return err
		}
		var f, sum *sw_bls12377.G1Affine
		for i := range c.Folds {
			s := &c.Folds[i]
			t := cr.Add(cr.ScalarMul(&s.Cw, &s.S[0]), cr.ScalarMul(&s.W, &s.S[1]))
			for j := range s.C {
				t = cr.Add(t, cr.ScalarMul(&s.C[j], &s.S[2+j]))
			}
			t = cr.Add(t, cr.ScalarMul(&s.H, &s.S[4]))
			u := cr.ScalarMul(&s.H, &s.S[5])
			if f == nil {
				f, sum = t, u
			} else {
				f, sum = cr.Add(f, t), cr.Add(sum, u)
			}
		}
		_, _, _, g2 := bls12377.Generators()
		one := sw_bls12377.NewG2AffineFixed(g2)
		tau := sw_bls12377.NewG2AffineFixed(g2)
		if err := sw_bls12377.NewPairing(api).PairingCheck([]*sw_bls12377.G1Affine{f, sum}, []*sw_bls12377.G2Affine{&one, &tau}); err != nil {
			return err
		}
	}
	for i := range c.Out {
		api.AssertIsDifferent(c.Out[i], 0)
	}
	return nil
}

// AggregatorShape is the aggregator over k segments of the inner shape, its
// key fixed, with or without the KZG folds.
func AggregatorShape(inner constraint.ConstraintSystem, vk groth16.VerifyingKey, k int, folds bool) (*Aggregator, error) {
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		return nil, err
	}
	c := &Aggregator{VK: fixed}
	for j := 0; j < k; j++ {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Publics = append(c.Publics, stdgroth16.PlaceholderWitness[sw_bls12377.ScalarField](inner))
	}
	if folds {
		c.Folds = make([]Fold, k)
	}
	return c, nil
}

// CompileAggregator compiles an aggregator over BW6-761's scalar field
// with no BSB22 commitment: its Define sees an R1CS builder whose API
// offers no frontend.Committer, so gnark's range checks decompose into
// bits instead of committing to a log-derivative table. The aggregator
// grows by ≈ 3.5k constraints a segment (53,107 → 56,368 at one segment,
// 99,623 → 106,403 at two), and the wrapper that verifies its proof no
// longer checks a commitment's proof of knowledge in emulated BW6-761
// pairs: 7,969,894 → 5,341,978 constraints, whatever the segments. The
// builder's compiler (api.Compiler(): the key-value store, the
// comparison to a constant, the frontend type that picks R1CS's tower
// multiplications) is the R1CS builder's own.
func CompileAggregator(shape frontend.Circuit) (constraint.ConstraintSystem, error) {
	cs, err := frontend.Compile(ecc.BW6_761.ScalarField(), withoutCommitments, shape)
	if err != nil {
		return nil, fmt.Errorf("twochain: aggregator circuit: %w", err)
	}
	return cs, nil
}

// uncommitted is an R1CS builder seen through frontend.Builder alone,
// which hides its Commit from the circuit's Define (CompileAggregator).
type uncommitted struct {
	frontend.Builder[constraint.U64]
}

// withoutCommitments is r1cs.NewBuilder wrapped in uncommitted.
func withoutCommitments(field *big.Int, config frontend.CompileConfig) (frontend.Builder[constraint.U64], error) {
	b, err := r1cs.NewBuilder[constraint.U64](field, config)
	if err != nil {
		return nil, err
	}
	return uncommitted{b}, nil
}

// SatisfiedFold is a fold whose points satisfy the aggregator's pairing
// check once summed with the others' (both G2 points are the generator in
// the measured circuit, so F + Sum must be zero): Cw, W, C0, C1 and H are a,
// 2a, 4a, 8a and 16a (every partial sum distinct, as the circuit's
// incomplete additions need), their scalars one, so F = 31a, and H's second
// scalar is −31/16, so Sum = −31a.
func SatisfiedFold(seed int) Fold {
	_, _, g1, _ := bls12377.Generators()
	a := int64(seed + 2)
	mul := func(m int64) sw_bls12377.G1Affine {
		var p bls12377.G1Affine
		p.ScalarMultiplication(&g1, big.NewInt(m*a))
		return sw_bls12377.NewG1Affine(p)
	}
	var f Fold
	f.Cw, f.W, f.C[0], f.C[1], f.H = mul(1), mul(2), mul(4), mul(8), mul(16)
	var one, s fr_bls12377.Element
	one.SetOne()
	for j := range f.S {
		f.S[j] = sw_bls12377.NewScalar(one)
	}
	var sixteen fr_bls12377.Element
	sixteen.SetUint64(16)
	s.SetUint64(31)
	s.Neg(&s).Div(&s, &sixteen)
	f.S[5] = sw_bls12377.NewScalar(s)
	return f
}

// AggregatorAssignment is the aggregator's witness over k copies of one
// inner proof and its public inputs, the folds made to satisfy it
// (SatisfiedFold), the outputs 1 … Outputs.
func AggregatorAssignment(proof groth16.Proof, public witness.Witness, k int) (*Aggregator, error) {
	proofValue, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proof)
	if err != nil {
		return nil, err
	}
	a := &Aggregator{Folds: make([]Fold, k)}
	for j := 0; j < k; j++ {
		// each copy's own public values, so that one can be changed alone
		publicValue, err := stdgroth16.ValueOfWitness[sw_bls12377.ScalarField](public)
		if err != nil {
			return nil, err
		}
		a.Proofs = append(a.Proofs, proofValue)
		a.Publics = append(a.Publics, publicValue)
		a.Folds[j] = SatisfiedFold(j)
	}
	for j := range a.Out {
		a.Out[j] = j + 1
	}
	return a, nil
}

// Aggregation is one aggregator proof over k segment proofs and what it
// cost.
type Aggregation struct {
	CS                       constraint.ConstraintSystem
	VK                       groth16.VerifyingKey
	Proof                    groth16.Proof
	Public                   witness.Witness
	CompileS, SetupS, ProveS float64
}

// ProveAggregation compiles (CompileAggregator), sets up
// (proofsys.SetupGroth16), proves and verifies the aggregator over k
// copies of one real inner proof, its folds made to satisfy it
// (SatisfiedFold), so the fold's cost is in, not its meaning. Its outputs
// are 1 … Outputs. It proves with the options of the BN254 wrapper's
// verifier.
func ProveAggregation(k int) (*Aggregation, error) {
	inner, vk, proof, public, err := InnerProof(ecc.BLS12_377, ecc.BW6_761)
	if err != nil {
		return nil, err
	}
	assign, err := AggregatorAssignment(proof, public, k)
	if err != nil {
		return nil, err
	}
	shape, err := AggregatorShape(inner, vk, k, true)
	if err != nil {
		return nil, err
	}
	return ProveAggregator(shape, assign)
}

// AggregatorKeys is an aggregator circuit compiled (CompileAggregator)
// and set up (proofsys.SetupGroth16): one per segment circuit, segment
// count and SRS, proving any number of aggregations.
type AggregatorKeys struct {
	CS               constraint.ConstraintSystem
	PK               groth16.ProvingKey
	VK               groth16.VerifyingKey
	CompileS, SetupS float64
}

// SetupAggregator compiles and sets up an aggregator shape.
func SetupAggregator(shape frontend.Circuit) (*AggregatorKeys, error) {
	k := &AggregatorKeys{}
	t0 := time.Now()
	var err error
	if k.CS, err = CompileAggregator(shape); err != nil {
		return nil, err
	}
	k.CompileS = time.Since(t0).Seconds()
	t0 = time.Now()
	if k.PK, k.VK, err = proofsys.SetupGroth16(k.CS); err != nil {
		return nil, fmt.Errorf("twochain: aggregator setup: %w", err)
	}
	k.SetupS = time.Since(t0).Seconds()
	return k, nil
}

// Prove proves the aggregator over the assignment with the options of the
// BN254 wrapper's verifier and verifies the proof (gnark's prover: see
// ProveWith).
func (k *AggregatorKeys) Prove(assign frontend.Circuit) (*Aggregation, error) {
	return k.ProveWith(assign, nil)
}

// ProveWith is Prove with prover proving (nil: gnark's, on the CPU); the
// proof is verified with gnark's verifier whatever proved it.
func (k *AggregatorKeys) ProveWith(assign frontend.Circuit, prover proofsys.CurveProver) (*Aggregation, error) {
	if prover == nil {
		prover = proofsys.GnarkProver{}
	}
	field := ecc.BW6_761.ScalarField()
	a := &Aggregation{CS: k.CS, VK: k.VK, CompileS: k.CompileS, SetupS: k.SetupS}
	w, err := frontend.NewWitness(assign, field)
	if err != nil {
		return nil, err
	}
	if a.Public, err = w.Public(); err != nil {
		return nil, err
	}
	outer := ecc.BN254.ScalarField()
	t0 := time.Now()
	if a.Proof, err = prover.ProveOnCurve(k.CS, k.PK, w, stdgroth16.GetNativeProverOptions(outer, field)); err != nil {
		return nil, fmt.Errorf("twochain: aggregator proof: %w", err)
	}
	a.ProveS = time.Since(t0).Seconds()
	if err := groth16.Verify(a.Proof, a.VK, a.Public, stdgroth16.GetNativeVerifierOptions(outer, field)); err != nil {
		return nil, fmt.Errorf("twochain: aggregator proof refused: %w", err)
	}
	return a, nil
}

// ProveAggregator sets an aggregator shape up (SetupAggregator) and
// proves it over the assignment (AggregatorKeys.Prove).
func ProveAggregator(shape, assign frontend.Circuit) (*Aggregation, error) {
	k, err := SetupAggregator(shape)
	if err != nil {
		return nil, err
	}
	return k.Prove(assign)
}

// OutputWidth is how the wrapper exposes one of its aggregator's public
// inputs as BN254 public inputs.
type OutputWidth int

const (
	// Narrow is one BN254 element, the output below 2^192 (its three low
	// 64-bit limbs; the others zero).
	Narrow OutputWidth = iota
	// Scalar is one BN254 element, the output below 2^253 (its four low
	// limbs, the fourth below 2^61): a BLS12-377 scalar, which BN254's
	// field holds whole.
	Scalar
	// Wide is two BN254 elements, its low 192 bits and the rest, the whole
	// below BW6-761's r (compared bit by bit, so that no other
	// representation of the same scalar gives other outputs).
	Wide
)

// Parts is how many BN254 inputs an output of width w takes.
func (w OutputWidth) Parts() int {
	if w == Wide {
		return 2
	}
	return 1
}

// PartsOf is how many BN254 inputs outputs of widths ws take.
func PartsOf(ws []OutputWidth) int {
	n := 0
	for _, w := range ws {
		n += w.Parts()
	}
	return n
}

// Wrapper verifies one BW6-761 Groth16 proof in a BN254 circuit (BW6-761
// emulated), the key fixed: the proof the chain would check. It exposes
// one public input, Digest: OutputDigest of the aggregator's public inputs
// as BN254 elements (Out, each as its Widths entry says: exposeOutputs;
// all Narrow where Widths is nil). The chain hashes the outputs it is
// given with its SHA-256 precompile, so a verifier checks one public input
// whatever the outputs (an elliptic-curve multiplication, ≈ 6.2k gas,
// each one fewer), for ≈ 35k constraints a hashed block of 64 bytes here.
type Wrapper struct {
	VK     stdgroth16.VerifyingKey[sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl] `gnark:"-"`
	Proof  stdgroth16.Proof[sw_bw6761.G1Affine, sw_bw6761.G2Affine]
	Public stdgroth16.Witness[sw_bw6761.ScalarField]
	Out    []frontend.Variable
	Digest frontend.Variable `gnark:",public"`
	Widths []OutputWidth     `gnark:"-"`
}

// Define implements frontend.Circuit.
func (c *Wrapper) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bw6761.ScalarField, sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl](api)
	if err != nil {
		return err
	}
	words, err := exposeOutputs(api, c.Public.Public, c.Out, c.Widths)
	if err != nil {
		return err
	}
	if err := assertOutputDigest(api, words, c.Digest); err != nil {
		return err
	}
	// the proof's points: A and C on the curve (the pairing evaluates its
	// lines at them, and maps a component outside G1's prime order to 1),
	// B in G2 (whose multiples the Miller loop walks): +293k constraints,
	// where gnark's WithSubgroupCheck, G1's orders checked too, costs
	// +873k
	pr, err := sw_bw6761.NewPairing(api)
	if err != nil {
		return err
	}
	pr.AssertIsOnCurve(&c.Proof.Ar)
	pr.AssertIsOnCurve(&c.Proof.Krs)
	pr.AssertIsOnG2(&c.Proof.Bs)
	return v.AssertProof(c.VK, c.Proof, c.Public)
}

// assertOutputDigest asserts that digest is OutputDigest of the outputs
// whose bits (little-endian, 256 each) are words: SHA-256 of each as 32
// bytes, big-endian, read as an integer mod BN254's r.
func assertOutputDigest(api frontend.API, words [][]frontend.Variable, digest frontend.Variable) error {
	u, err := uints.New[uints.U32](api)
	if err != nil {
		return err
	}
	h, err := sha2.New(api)
	if err != nil {
		return err
	}
	for _, bits := range words {
		if len(bits) != 256 {
			return fmt.Errorf("twochain: an output word of %d bits", len(bits))
		}
		msg := make([]uints.U8, 32)
		for i := range msg {
			at := 8 * (31 - i)
			msg[i] = u.ByteValueOf(api.FromBinary(bits[at : at+8]...))
		}
		h.Write(msg)
	}
	var sum frontend.Variable = 0
	for _, b := range h.Sum() {
		sum = api.Add(api.Mul(sum, 256), u.Value(b))
	}
	api.AssertIsEqual(sum, digest)
	return nil
}

// OutputDigest is what a wrapper exposes of its outputs (WrapperOutputs):
// SHA-256 of each as a 32-byte big-endian word, read as an integer mod
// BN254's r, as the one-check entry computes it on chain. An output past
// 256 bits is an error.
func OutputDigest(outs []*big.Int) (*big.Int, error) {
	h := sha256.New()
	for i, o := range outs {
		if o == nil || o.Sign() < 0 || o.BitLen() > 256 {
			return nil, fmt.Errorf("twochain: output %d (%v) is not a 256-bit word", i, o)
		}
		var w [32]byte
		o.FillBytes(w[:])
		h.Write(w[:])
	}
	d := new(big.Int).SetBytes(h.Sum(nil))
	return d.Mod(d, ecc.BN254.ScalarField()), nil
}

// widthsOf is widths, or n Narrow where it is nil; an error where it has
// another length than n.
func widthsOf(widths []OutputWidth, n int) ([]OutputWidth, error) {
	if widths == nil {
		return make([]OutputWidth, n), nil
	}
	if len(widths) != n {
		return nil, fmt.Errorf("twochain: %d output widths for %d outputs", len(widths), n)
	}
	return widths, nil
}

// exposeOutputs asserts that out are the aggregator's public inputs in,
// each as its width says (OutputWidth), and returns each out's bits,
// little-endian, 256 of them (zeros past its width): the limbs' own, so
// that no other representation of an output than the integer below its
// width is hashed.
func exposeOutputs(api frontend.API, in []emulated.Element[sw_bw6761.ScalarField], out []frontend.Variable, widths []OutputWidth) ([][]frontend.Variable, error) {
	widths, err := widthsOf(widths, len(in))
	if err != nil {
		return nil, err
	}
	if total := PartsOf(widths); len(out) != total {
		return nil, fmt.Errorf("twochain: the aggregator's %d public inputs take %d outputs, the wrapper exposes %d", len(in), total, len(out))
	}
	bound := new(big.Int).Sub(ecc.BW6_761.ScalarField(), big.NewInt(1))
	words := make([][]frontend.Variable, 0, len(out))
	at := 0
	for i := range in {
		limbs := in[i].Limbs
		w := widths[i]
		parts := []frontend.Variable{0, 0}
		partBits := make([][]frontend.Variable, 2)
		var bits []frontend.Variable
		for j, l := range limbs {
			width := 64 // limbs 0-2 (and 3-5 wide) whole; a Scalar's fourth 61 bits
			switch {
			case w == Wide && j < 6, w != Wide && j < 3:
			case w == Scalar && j == 3:
				width = 61
			default:
				api.AssertIsEqual(l, 0)
				continue
			}
			b := api.ToBinary(l, width)
			bits = append(bits, b...)
			part := 0
			if w == Wide {
				part = j / 3
			}
			partBits[part] = append(partBits[part], b...)
			parts[part] = api.Add(parts[part], api.Mul(l, new(big.Int).Lsh(big.NewInt(1), uint(64*(j-3*part)))))
		}
		if w == Wide {
			assertAtMost(api, bits, bound)
		}
		for k := range w.Parts() {
			api.AssertIsEqual(out[at], parts[k])
			word := partBits[k]
			for len(word) < 256 {
				word = append(word, 0)
			}
			words = append(words, word)
			at++
		}
	}
	return words, nil
}

// assertAtMost asserts that the integer of bits (little-endian) is at most
// bound, comparing from the top: where bound has a 0 below a prefix equal
// to bound's, the bit must be 0 too.
func assertAtMost(api frontend.API, bits []frontend.Variable, bound *big.Int) {
	n := bound.BitLen()
	for i := n; i < len(bits); i++ { // above bound's bit length: zero
		api.AssertIsEqual(bits[i], 0)
	}
	eq := frontend.Variable(1) // bits i … n−1 equal bound's
	for i := min(n, len(bits)) - 1; i >= 0; i-- {
		if bound.Bit(i) == 1 {
			eq = api.Mul(eq, bits[i])
			continue
		}
		api.AssertIsEqual(api.Mul(eq, bits[i]), 0)
	}
}

// Wrapped is one wrapper proof and what it cost: its system, keys (BN254,
// products oriented), proof for gnark's exported Solidity verifier (its
// commitment hashed with keccak256) and public witness.
type Wrapped struct {
	CS                                 constraint.ConstraintSystem
	PK                                 *groth16_bn254.ProvingKey
	VK                                 *groth16_bn254.VerifyingKey
	Proof                              groth16.Proof
	Public                             witness.Witness
	CompileS, SetupS, ProveS, VerifyMS float64
}

// WrapperKeys is a wrapper circuit compiled over BN254 with its products
// oriented (proofsys.OrientFactors) and set up (proofsys.SetupBN254): one
// per aggregator key, proving any number of its proofs.
type WrapperKeys struct {
	CS               constraint.ConstraintSystem
	PK               *groth16_bn254.ProvingKey
	VK               *groth16_bn254.VerifyingKey
	CompileS, SetupS float64
}

// SetupWrapper compiles and sets up a wrapper shape.
func SetupWrapper(shape *Wrapper) (*WrapperKeys, error) {
	field := ecc.BN254.ScalarField()
	k := &WrapperKeys{}
	t0 := time.Now()
	var err error
	if k.CS, err = frontend.Compile(field, r1cs.NewBuilder, shape); err != nil {
		return nil, fmt.Errorf("twochain: wrapper circuit: %w", err)
	}
	if _, err := proofsys.OrientFactors(k.CS); err != nil {
		return nil, fmt.Errorf("twochain: orienting the wrapper: %w", err)
	}
	k.CompileS = time.Since(t0).Seconds()
	t0 = time.Now()
	if k.PK, k.VK, err = proofsys.SetupBN254(k.CS.(*cs_bn254.R1CS)); err != nil {
		return nil, fmt.Errorf("twochain: wrapper setup: %w", err)
	}
	k.SetupS = time.Since(t0).Seconds()
	return k, nil
}

// Prove proves the assignment for the exported Solidity verifier (its
// commitment hashed with keccak256) with gnark's prover and verifies the
// proof.
func (k *WrapperKeys) Prove(assign *Wrapper) (*Wrapped, error) { return k.ProveWith(assign, nil) }

// BN254Prover proves a full witness of a BN254 circuit with its proving
// key, its commitment hashed with keccak256 as the exported Solidity
// verifier expects, and returns the proof as gnark writes it: a
// proofsys.Backend's Prove (ProvenSQL's CPU prover, or an accelerated one).
type BN254Prover func(cs constraint.ConstraintSystem, pk *groth16_bn254.ProvingKey, full witness.Witness) ([]byte, error)

// ProveWith is Prove with prove as the prover (nil: gnark's); the proof is
// verified with gnark's verifier whatever proved it.
func (k *WrapperKeys) ProveWith(assign *Wrapper, prove BN254Prover) (*Wrapped, error) {
	field := ecc.BN254.ScalarField()
	r := &Wrapped{CS: k.CS, PK: k.PK, VK: k.VK, CompileS: k.CompileS, SetupS: k.SetupS}
	w, err := frontend.NewWitness(assign, field)
	if err != nil {
		return nil, err
	}
	if r.Public, err = w.Public(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	if prove == nil {
		r.Proof, err = groth16.Prove(k.CS, k.PK, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
	} else {
		var b []byte
		if b, err = prove(k.CS, k.PK, w); err == nil {
			r.Proof = groth16.NewProof(ecc.BN254)
			_, err = r.Proof.ReadFrom(bytes.NewReader(b))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("twochain: wrapper proof: %w", err)
	}
	r.ProveS = time.Since(t0).Seconds()
	t0 = time.Now()
	if err := groth16.Verify(r.Proof, r.VK, r.Public, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		return nil, fmt.Errorf("twochain: wrapper proof refused: %w", err)
	}
	r.VerifyMS = float64(time.Since(t0).Microseconds()) / 1000
	return r, nil
}

// ProveWrapper sets a wrapper shape up (SetupWrapper) and proves the
// assignment (WrapperKeys.Prove).
func ProveWrapper(shape, assign *Wrapper) (*Wrapped, error) {
	k, err := SetupWrapper(shape)
	if err != nil {
		return nil, err
	}
	return k.Prove(assign)
}

// WrapperShape is the wrapper over an aggregator's key, fixed, its
// outputs Narrow.
func WrapperShape(agg constraint.ConstraintSystem, avk groth16.VerifyingKey) (*Wrapper, error) {
	return WrapperShapeWith(agg, avk, nil)
}

// WrapperShapeWith is WrapperShape exposing each aggregator output as
// widths says (nil: Narrow): Wide for outputs past 253 bits, a digest of
// BW6-761's field or a sum of segments' scalars; Scalar for a BLS12-377
// scalar (a parameter, a MIN or MAX).
func WrapperShapeWith(agg constraint.ConstraintSystem, avk groth16.VerifyingKey, widths []OutputWidth) (*Wrapper, error) {
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl](avk)
	if err != nil {
		return nil, err
	}
	public := stdgroth16.PlaceholderWitness[sw_bw6761.ScalarField](agg)
	ws, err := widthsOf(widths, len(public.Public))
	if err != nil {
		return nil, err
	}
	return &Wrapper{
		VK:     fixed,
		Proof:  stdgroth16.PlaceholderProof[sw_bw6761.G1Affine, sw_bw6761.G2Affine](agg),
		Public: public,
		Out:    make([]frontend.Variable, PartsOf(ws)),
		Widths: widths,
	}, nil
}

// WrapperOutputs is an aggregator's public inputs as a wrapper exposes
// them, each as widths says (nil: Narrow; SplitOutputs).
func WrapperOutputs(public witness.Witness, widths []OutputWidth) ([]*big.Int, error) {
	vec, ok := public.Vector().(fr_bw6761.Vector)
	if !ok {
		return nil, fmt.Errorf("twochain: the aggregator's public inputs are not BW6-761 scalars (%T)", public.Vector())
	}
	var out []*big.Int
	for i := range vec {
		out = append(out, vec[i].BigInt(new(big.Int)))
	}
	return SplitOutputs(out, widths)
}

// SplitOutputs is how the wrapper exposes outputs (non-negative integers),
// each as widths says (nil: Narrow): Narrow and Scalar whole, Wide as its
// low 192 bits, then the rest. An output its width cannot hold is an
// error (the wrapper's circuit refuses it).
func SplitOutputs(outs []*big.Int, widths []OutputWidth) ([]*big.Int, error) {
	ws, err := widthsOf(widths, len(outs))
	if err != nil {
		return nil, err
	}
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1))
	limit := map[OutputWidth]int{Narrow: 192, Scalar: 253, Wide: 377}
	split := make([]*big.Int, 0, 2*len(outs))
	for i, v := range outs {
		if v == nil || v.Sign() < 0 || v.BitLen() > limit[ws[i]] {
			return nil, fmt.Errorf("twochain: output %d (%v) does not fit its width", i, v)
		}
		if ws[i] != Wide {
			split = append(split, new(big.Int).Set(v))
			continue
		}
		split = append(split, new(big.Int).And(v, mask), new(big.Int).Rsh(v, 192))
	}
	return split, nil
}

// WrapperAssignment is the wrapper's witness over an aggregation, its
// outputs the aggregator's public inputs, Narrow (WrapperOutputs).
func WrapperAssignment(a *Aggregation) (*Wrapper, error) { return WrapperAssignmentWith(a, nil) }

// WrapperAssignmentWith is the witness of WrapperShapeWith's wrapper over
// an aggregation.
func WrapperAssignmentWith(a *Aggregation, widths []OutputWidth) (*Wrapper, error) {
	proofValue, err := stdgroth16.ValueOfProof[sw_bw6761.G1Affine, sw_bw6761.G2Affine](a.Proof)
	if err != nil {
		return nil, err
	}
	publicValue, err := stdgroth16.ValueOfWitness[sw_bw6761.ScalarField](a.Public)
	if err != nil {
		return nil, err
	}
	outs, err := WrapperOutputs(a.Public, widths)
	if err != nil {
		return nil, err
	}
	digest, err := OutputDigest(outs)
	if err != nil {
		return nil, err
	}
	w := &Wrapper{Proof: proofValue, Public: publicValue, Out: make([]frontend.Variable, len(outs)), Digest: digest, Widths: widths}
	for j, o := range outs {
		w.Out[j] = o
	}
	return w, nil
}
