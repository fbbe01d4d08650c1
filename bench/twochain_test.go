package bench

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bw6761"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	poseidon2hash "github.com/consensys/gnark/std/hash/poseidon2"
	"github.com/consensys/gnark/std/multicommit"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"golang.org/x/crypto/sha3"

	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/proofsys"
)

// The two-chain path to one on-chain check: segment proofs over BLS12-377,
// an aggregator over BW6-761 that verifies them natively (the 2-chain:
// BW6-761's scalar field is BLS12-377's base field) and checks their KZG
// openings natively too, and one BN254 wrapper that verifies the
// aggregator's proof in emulated BW6-761 arithmetic, so the chain checks one
// BN254 Groth16 proof whatever the number of segments. These benchmarks
// measure each layer; nothing here is wired into the prover.

// aggregator377 verifies k BLS12-377 segment proofs of one shape in a
// BW6-761 circuit (the key fixed), folds each segment's KZG claim into two
// points (six scalar multiplications a segment, native: kzgFold377), and
// checks the folded opening with one two-pair pairing check. Out stands for the public inputs an aggregator
// would expose (result, parameters' and table's digests).
type aggregator377 struct {
	VK      stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Proofs  []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	Publics []stdgroth16.Witness[sw_bls12377.ScalarField]
	Folds   []kzgFold377
	Out     [aggregatorOutputs]frontend.Variable `gnark:",public"`
}

// aggregatorOutputs is how many public inputs the measured aggregator
// exposes to its wrapper.
const aggregatorOutputs = 8

// kzgFold377 is one segment's share of a deferred KZG check, as
// segmentClaimFold measures it in emulated BN254: the window column's
// commitment, W, the opened columns' commitments and H scaled into F, and H
// scaled into the quotients' sum — six scalar multiplications, the
// per-segment opening of receipt format 3. The query opening of format 4
// takes W and H once per query, leaving three a segment, so this overstates
// a segment's fold by three native scalar multiplications.
type kzgFold377 struct {
	Cw, W, H sw_bls12377.G1Affine
	C        [2]sw_bls12377.G1Affine
	S        [6]sw_bls12377.Scalar
}

func (c *aggregator377) Define(api frontend.API) error {
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

// wrapperBN254 verifies one BW6-761 Groth16 proof in a BN254 circuit
// (BW6-761 emulated), the key fixed: the proof the chain would check. Its
// public inputs are the aggregator's, each one BN254 element: an output
// carries up to 192 bits (a 256-bit digest would take two), its three low
// 64-bit limbs recomposed and the others zero.
type wrapperBN254 struct {
	VK     stdgroth16.VerifyingKey[sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl] `gnark:"-"`
	Proof  stdgroth16.Proof[sw_bw6761.G1Affine, sw_bw6761.G2Affine]
	Public stdgroth16.Witness[sw_bw6761.ScalarField]
	Out    [aggregatorOutputs]frontend.Variable `gnark:",public"`
}

func (c *wrapperBN254) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bw6761.ScalarField, sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl](api)
	if err != nil {
		return err
	}
	if len(c.Public.Public) != len(c.Out) {
		return fmt.Errorf("the aggregator has %d public inputs, the wrapper exposes %d", len(c.Public.Public), len(c.Out))
	}
	for i := range c.Out {
		limbs := c.Public.Public[i].Limbs
		var sum frontend.Variable = 0
		for j, l := range limbs {
			if j >= 3 {
				api.AssertIsEqual(l, 0)
				continue
			}
			api.ToBinary(l, 64)
			sum = api.Add(sum, api.Mul(l, new(big.Int).Lsh(big.NewInt(1), uint(64*j))))
		}
		api.AssertIsEqual(c.Out[i], sum)
	}
	return v.AssertProof(c.VK, c.Proof, c.Public)
}

// innerProof377 proves recursionInner (Q1's verifying-key shape: ten public
// inputs, one BSB22 commitment) over BLS12-377 with the transcript the
// BW6-761 verifier recomputes.
func innerProof377(b *testing.B) (constraint.ConstraintSystem, groth16.VerifyingKey, groth16.Proof, witness.Witness) {
	return innerProof(b, ecc.BLS12_377, ecc.BW6_761)
}

// innerProof sets up and proves recursionInner over curve, its commitment
// hashed as a verifier in a circuit over outer's scalar field recomputes
// it, and checks the proof.
func innerProof(b *testing.B, curve, outer ecc.ID) (constraint.ConstraintSystem, groth16.VerifyingKey, groth16.Proof, witness.Witness) {
	field, outerField := curve.ScalarField(), outer.ScalarField()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &recursionInner{})
	if err != nil {
		b.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		b.Fatal(err)
	}
	var assign recursionInner
	for i := range assign.Sec {
		assign.Sec[i] = i + 1
		assign.Pub[i] = 2 * (i + 1)
	}
	full, err := frontend.NewWitness(&assign, field)
	if err != nil {
		b.Fatal(err)
	}
	public, err := full.Public()
	if err != nil {
		b.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, full, stdgroth16.GetNativeProverOptions(outerField, field))
	if err != nil {
		b.Fatal(err)
	}
	if err := groth16.Verify(proof, vk, public, stdgroth16.GetNativeVerifierOptions(outerField, field)); err != nil {
		b.Fatal(err)
	}
	return ccs, vk, proof, public
}

// aggregatorShape is the aggregator over k segments of the inner shape, its
// key fixed, with or without the KZG fold.
func aggregatorShape(b *testing.B, inner constraint.ConstraintSystem, vk groth16.VerifyingKey, k int, folds bool) *aggregator377 {
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		b.Fatal(err)
	}
	c := &aggregator377{VK: fixed}
	for j := 0; j < k; j++ {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Publics = append(c.Publics, stdgroth16.PlaceholderWitness[sw_bls12377.ScalarField](inner))
	}
	if folds {
		c.Folds = make([]kzgFold377, k)
	}
	return c
}

// BenchmarkTwoChainCost compiles each layer of the two-chain path and
// reports its constraints: the BW6-761 aggregator over 1, 2 and 4 segment
// proofs without and with the segments' KZG folds and the pairing check,
// and the BN254 wrapper over one aggregator proof (its public inputs as the
// aggregator's). No setup; BenchmarkTwoChainProve measures proving.
//
//	go test -run '^$' -bench TwoChainCost -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainCost(b *testing.B) {
	inner, vk, _, _ := innerProof377(b)
	for _, k := range []int{1, 2, 4} {
		for _, folds := range []bool{false, true} {
			b.Run(fmt.Sprintf("aggregator/proofs=%d/folds=%v", k, folds), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					cs, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, aggregatorShape(b, inner, vk, k, folds))
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
					b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/proof")
					b.ReportMetric(time.Since(t0).Seconds(), "compile_s")
				}
			})
		}
	}
	b.Run("wrapper", func(b *testing.B) {
		agg, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, aggregatorShape(b, inner, vk, 1, false))
		if err != nil {
			b.Fatal(err)
		}
		_, avk, err := groth16.Setup(agg)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, wrapperShape(b, agg, avk))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
			b.ReportMetric(float64(agg.GetNbPublicVariables()-1), "aggregator_public_inputs")
			b.ReportMetric(time.Since(t0).Seconds(), "compile_s")
			b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
		}
	})
}

// segmentTranscript is what the aggregator hashes of one Q1 segment to
// recompute its challenges: every column commitment (ten columns, two
// coordinates each: BLS12-377's base field is BW6-761's scalar field, so a
// coordinate is one native element), z, the two opened values and the
// window's six values.
type segmentTranscript struct {
	Points [20]frontend.Variable
	Z      frontend.Variable
	Y      [2]frontend.Variable
	Window [6]frontend.Variable
}

// transcript377 recomputes k segments' challenges with Poseidon2 over
// BW6-761's scalar field, as stage 2 of the two-chain plan would: per
// segment γ = H(points, z, Y) and its seed μ = H(z, γ, the window column's
// point, the window), then λ = H(every seed) and ζ = H(λ, W). Each
// challenge is decomposed into bits once, as the scalar multiplications
// that use it need it reduced to a BLS12-377 scalar.
type transcript377 struct {
	Segments []segmentTranscript
	W        [2]frontend.Variable
	Zeta     frontend.Variable `gnark:",public"`
}

func (c *transcript377) Define(api frontend.API) error {
	hash := func(in ...frontend.Variable) (frontend.Variable, error) {
		h, err := poseidon2hash.New(api)
		if err != nil {
			return nil, err
		}
		h.Write(in...)
		out := h.Sum()
		api.ToBinary(out)
		return out, nil
	}
	seeds := make([]frontend.Variable, len(c.Segments))
	for i := range c.Segments {
		s := &c.Segments[i]
		in := append(append(append([]frontend.Variable{}, s.Points[:]...), s.Z), s.Y[:]...)
		gamma, err := hash(in...)
		if err != nil {
			return err
		}
		if seeds[i], err = hash(append([]frontend.Variable{s.Z, gamma, s.Points[0], s.Points[1]}, s.Window[:]...)...); err != nil {
			return err
		}
	}
	lambda, err := hash(seeds...)
	if err != nil {
		return err
	}
	zeta, err := hash(lambda, c.W[0], c.W[1])
	if err != nil {
		return err
	}
	api.AssertIsEqual(zeta, c.Zeta)
	return nil
}

// BenchmarkTwoChainTranscript compiles transcript377 for 1, 4 and 16
// segments: the constraints a segment's challenges add to the aggregator.
//
//	go test -run '^$' -bench TwoChainTranscript -benchtime 1x ./bench
func BenchmarkTwoChainTranscript(b *testing.B) {
	for _, k := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("segments=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cs, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, &transcript377{Segments: make([]segmentTranscript, k)})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/segment")
			}
		})
	}
}

// wrapperShape is the wrapper over the aggregator's key, fixed.
func wrapperShape(b *testing.B, agg constraint.ConstraintSystem, avk groth16.VerifyingKey) *wrapperBN254 {
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bw6761.G1Affine, sw_bw6761.G2Affine, sw_bw6761.GTEl](avk)
	if err != nil {
		b.Fatal(err)
	}
	return &wrapperBN254{
		VK:     fixed,
		Proof:  stdgroth16.PlaceholderProof[sw_bw6761.G1Affine, sw_bw6761.G2Affine](agg),
		Public: stdgroth16.PlaceholderWitness[sw_bw6761.ScalarField](agg),
	}
}

// aggregation is one aggregator proof over k segment proofs and what it
// cost.
type aggregation struct {
	cs                       constraint.ConstraintSystem
	vk                       groth16.VerifyingKey
	proof                    groth16.Proof
	public                   witness.Witness
	compileS, setupS, proveS float64
}

// proveAggregation compiles, sets up (gnark's BW6-761 setup), proves and
// verifies the aggregator over k copies of one real segment proof, its folds
// made to satisfy it (satisfiedFold377), so the fold's cost is in, not its
// meaning. The proof hashes its commitment as the BN254 wrapper recomputes
// it.
func proveAggregation(b *testing.B, k int) aggregation {
	inner, vk, proof, public := innerProof377(b)
	proofValue, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proof)
	if err != nil {
		b.Fatal(err)
	}
	publicValue, err := stdgroth16.ValueOfWitness[sw_bls12377.ScalarField](public)
	if err != nil {
		b.Fatal(err)
	}
	assign := &aggregator377{Folds: make([]kzgFold377, k)}
	for j := 0; j < k; j++ {
		assign.Proofs = append(assign.Proofs, proofValue)
		assign.Publics = append(assign.Publics, publicValue)
		assign.Folds[j] = satisfiedFold377(j)
	}
	for j := range assign.Out {
		assign.Out[j] = j + 1
	}
	var a aggregation
	field := ecc.BW6_761.ScalarField()
	t0 := time.Now()
	if a.cs, err = frontend.Compile(field, r1cs.NewBuilder, aggregatorShape(b, inner, vk, k, true)); err != nil {
		b.Fatal(err)
	}
	a.compileS = time.Since(t0).Seconds()
	t0 = time.Now()
	pk, avk, err := groth16.Setup(a.cs)
	if err != nil {
		b.Fatal(err)
	}
	a.vk = avk
	a.setupS = time.Since(t0).Seconds()
	w, err := frontend.NewWitness(assign, field)
	if err != nil {
		b.Fatal(err)
	}
	if a.public, err = w.Public(); err != nil {
		b.Fatal(err)
	}
	outer := ecc.BN254.ScalarField()
	t0 = time.Now()
	if a.proof, err = groth16.Prove(a.cs, pk, w, stdgroth16.GetNativeProverOptions(outer, field)); err != nil {
		b.Fatal(err)
	}
	a.proveS = time.Since(t0).Seconds()
	if err := groth16.Verify(a.proof, a.vk, a.public, stdgroth16.GetNativeVerifierOptions(outer, field)); err != nil {
		b.Fatal(err)
	}
	return a
}

// report adds the aggregation's figures to b's.
func (a aggregation) report(b *testing.B, k int) {
	b.ReportMetric(float64(a.cs.GetNbConstraints()), "aggregator_constraints")
	b.ReportMetric(float64(a.cs.GetNbConstraints())/float64(k), "aggregator_constraints/segment")
	b.ReportMetric(a.compileS, "aggregator_compile_s")
	b.ReportMetric(a.setupS, "aggregator_setup_s")
	b.ReportMetric(a.proveS, "aggregator_prove_s")
}

// BenchmarkTwoChainAggregate proves the BW6-761 aggregator alone over 1, 4
// and 8 segment proofs: how its proving grows with the segments.
//
//	go test -run '^$' -bench TwoChainAggregate -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainAggregate(b *testing.B) {
	for _, k := range []int{1, 4, 8} {
		b.Run(fmt.Sprintf("proofs=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				proveAggregation(b, k).report(b, k)
				b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
			}
		})
	}
}

// BenchmarkTwoChainProve runs the two-chain path end to end for two segment
// proofs: the aggregator (proveAggregation), then the BN254 wrapper's setup
// (proofsys.SetupBN254), proof and verification: the one proof the chain
// would check.
//
//	go test -run '^$' -bench TwoChainProve -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainProve(b *testing.B) {
	const k = 2
	for i := 0; i < b.N; i++ {
		a := proveAggregation(b, k)
		a.report(b, k)
		field := ecc.BN254.ScalarField()
		t0 := time.Now()
		cs, err := frontend.Compile(field, r1cs.NewBuilder, wrapperShape(b, a.cs, a.vk))
		if err != nil {
			b.Fatal(err)
		}
		compileS := time.Since(t0).Seconds()
		t0 = time.Now()
		pk, vk, err := proofsys.SetupBN254(cs.(*cs_bn254.R1CS))
		if err != nil {
			b.Fatal(err)
		}
		setupS := time.Since(t0).Seconds()
		proofValue, err := stdgroth16.ValueOfProof[sw_bw6761.G1Affine, sw_bw6761.G2Affine](a.proof)
		if err != nil {
			b.Fatal(err)
		}
		publicValue, err := stdgroth16.ValueOfWitness[sw_bw6761.ScalarField](a.public)
		if err != nil {
			b.Fatal(err)
		}
		assign := &wrapperBN254{Proof: proofValue, Public: publicValue}
		for j := range assign.Out {
			assign.Out[j] = j + 1 // the aggregator's outputs (proveAggregation)
		}
		w, err := frontend.NewWitness(assign, field)
		if err != nil {
			b.Fatal(err)
		}
		public, err := w.Public()
		if err != nil {
			b.Fatal(err)
		}
		t0 = time.Now()
		// the commitment hashed to the field as the exported Solidity
		// verifier does (keccak256)
		proof, err := groth16.Prove(cs, pk, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
		if err != nil {
			b.Fatal(err)
		}
		proveS := time.Since(t0).Seconds()
		t0 = time.Now()
		if err := groth16.Verify(proof, vk, public, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(t0).Microseconds())/1000, "wrapper_verify_ms")
		// the wrapper binds its outputs to the aggregator's: another value
		// for one of them leaves the circuit unsolved
		assign.Out[0] = 99
		bad, err := frontend.NewWitness(assign, field)
		if err != nil {
			b.Fatal(err)
		}
		if cs.IsSolved(bad) == nil {
			b.Fatal("the wrapper accepted an output the aggregator did not prove")
		}
		b.ReportMetric(float64(cs.GetNbConstraints()), "wrapper_constraints")
		b.ReportMetric(float64(public.Vector().(fr_bn254.Vector).Len()), "wrapper_public_inputs")
		var outs [aggregatorOutputs]*big.Int
		for j := range outs {
			outs[j] = big.NewInt(int64(j + 1))
		}
		b.ReportMetric(float64(wrapperGas(b, vk, proof, outs)), "wrapper_verify_gas")
		b.ReportMetric(compileS, "wrapper_compile_s")
		b.ReportMetric(setupS, "wrapper_setup_s")
		b.ReportMetric(proveS, "wrapper_prove_s")
		b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
	}
}

// satisfiedFold377 is a fold whose points satisfy the aggregator's pairing
// check once summed with the others' (both G2 points are the generator in
// the measured circuit, so F + Sum must be zero): Cw, W, C0, C1 and H are a,
// 2a, 4a, 8a and 16a (every partial sum distinct, as the circuit's
// incomplete additions need), their scalars one, so F = 31a, and H's second
// scalar is −31/16, so Sum = −31a.
func satisfiedFold377(seed int) kzgFold377 {
	_, _, g1, _ := bls12377.Generators()
	a := int64(seed + 2)
	mul := func(m int64) sw_bls12377.G1Affine {
		var p bls12377.G1Affine
		p.ScalarMultiplication(&g1, big.NewInt(m*a))
		return sw_bls12377.NewG1Affine(p)
	}
	var f kzgFold377
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

// BenchmarkTwoChainMSM times gnark-crypto's G1 multi-scalar
// multiplications over BN254 and BLS12-377 at one size, in one process and
// one after the other: what moving segment proofs and column commitments to
// BLS12-377 (the two-chain path) would cost the prover, whose time is mostly
// these MSMs (BLS12-377's base field is 377 bits against BN254's 254).
//
//	go test -run '^$' -bench TwoChainMSM -benchtime 3x ./bench
func BenchmarkTwoChainMSM(b *testing.B) {
	const n = 1 << 18
	b.Run("bn254/G1", func(b *testing.B) {
		points, scalars := bn254MSMInput(n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var r bn254.G1Jac
			if _, err := r.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bls12-377/G1", func(b *testing.B) {
		points, scalars := bls12377MSMInput(n)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var r bls12377.G1Jac
			if _, err := r.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// bn254MSMInput is n distinct G1 points (multiples of the generator, in
// one batch to affine) and n random scalars.
func bn254MSMInput(n int) ([]bn254.G1Affine, []fr_bn254.Element) {
	_, _, g1, _ := bn254.Generators()
	scalars := make([]fr_bn254.Element, n)
	for i := range scalars {
		scalars[i].MustSetRandom()
	}
	jac := make([]bn254.G1Jac, n)
	var acc bn254.G1Jac
	acc.FromAffine(&g1)
	for i := range jac {
		jac[i] = acc
		acc.AddMixed(&g1)
	}
	return bn254.BatchJacobianToAffineG1(jac), scalars
}

// bls12377MSMInput is bn254MSMInput on BLS12-377.
func bls12377MSMInput(n int) ([]bls12377.G1Affine, []fr_bls12377.Element) {
	_, _, g1, _ := bls12377.Generators()
	scalars := make([]fr_bls12377.Element, n)
	for i := range scalars {
		scalars[i].MustSetRandom()
	}
	jac := make([]bls12377.G1Jac, n)
	var acc bls12377.G1Jac
	acc.FromAffine(&g1)
	for i := range jac {
		jac[i] = acc
		acc.AddMixed(&g1)
	}
	return bls12377.BatchJacobianToAffineG1(jac), scalars
}

// wrapperGas exports the wrapper's verifier with gnark's Solidity template,
// deploys it on a simulated chain and returns the gas of one verifyProof
// transaction with the wrapper's outputs; the same proof with one output
// changed must revert.
func wrapperGas(b *testing.B, vk groth16.VerifyingKey, proof groth16.Proof, outs [aggregatorOutputs]*big.Int) uint64 {
	var src bytes.Buffer
	if err := vk.ExportSolidity(&src, solidity.WithHashToFieldFunction(sha3.NewLegacyKeccak256())); err != nil {
		b.Fatal(err)
	}
	compiled, err := contracts.CompileVerifier("../contracts", src.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	verifierABI, err := abi.JSON(bytes.NewReader(compiled.ABI))
	if err != nil {
		b.Fatal(err)
	}
	chain, closeChain, err := contracts.NewSimulatedChain()
	if err != nil {
		b.Fatal(err)
	}
	defer closeChain()
	ctx := context.Background()
	addr, _, err := chain.Deploy(ctx, compiled.Bin)
	if err != nil {
		b.Fatal(err)
	}
	words := proof.(interface{ MarshalSolidity() []byte }).MarshalSolidity()
	data, err := verifierABI.Pack("verifyProof", words, outs)
	if err != nil {
		b.Fatal(err)
	}
	rcpt, err := chain.Call(ctx, addr, data)
	if err != nil {
		b.Fatal(err)
	}
	outs[0] = big.NewInt(99)
	bad, err := verifierABI.Pack("verifyProof", words, outs)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := chain.Call(ctx, addr, bad); err == nil {
		b.Fatal("the wrapper's verifier accepted an output the proof does not carry")
	}
	return rcpt.GasUsed
}

// chainCircuit is n chained multiplications over committed values, a
// stand-in of a segment circuit's size for BenchmarkTwoChainSegmentCurve.
type chainCircuit struct {
	X   [8]frontend.Variable
	Out frontend.Variable `gnark:",public"`
	n   int
}

func (c *chainCircuit) Define(api frontend.API) error {
	acc := c.X[0]
	for i := 0; i < c.n; i++ {
		acc = api.Add(api.Mul(acc, c.X[i%len(c.X)]), i)
	}
	multicommit.WithCommitment(api, func(api frontend.API, ch frontend.Variable) error {
		api.AssertIsDifferent(api.Add(ch, acc), 0)
		return nil
	}, c.X[:]...)
	api.AssertIsEqual(acc, c.Out)
	return nil
}

// BenchmarkTwoChainSegmentCurve proves one circuit of 2^18 constraints with
// gnark's Groth16 prover over BN254 and over BLS12-377, in one process: what
// a segment proof would cost on the two-chain path's curve, as a ratio to
// today's (the CPU prover of segments is gnark's, split in two steps, so the
// ratio carries over).
//
//	go test -run '^$' -bench TwoChainSegmentCurve -benchtime 3x -timeout 30m ./bench
func BenchmarkTwoChainSegmentCurve(b *testing.B) {
	const n = 1<<18 - 16
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		b.Run(curve.String(), func(b *testing.B) {
			field := curve.ScalarField()
			cs, err := frontend.Compile(field, r1cs.NewBuilder, &chainCircuit{n: n})
			if err != nil {
				b.Fatal(err)
			}
			pk, _, err := groth16.Setup(cs)
			if err != nil {
				b.Fatal(err)
			}
			assign := &chainCircuit{n: n}
			x := make([]*big.Int, len(assign.X))
			for i := range assign.X {
				x[i] = big.NewInt(int64(i + 2))
				assign.X[i] = x[i]
			}
			acc := new(big.Int).Set(x[0])
			for i := 0; i < n; i++ {
				acc.Mul(acc, x[i%len(x)]).Add(acc, big.NewInt(int64(i))).Mod(acc, field)
			}
			assign.Out = acc
			w, err := frontend.NewWitness(assign, field)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := groth16.Prove(cs, pk, w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
