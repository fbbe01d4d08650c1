package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bn254"
	"github.com/consensys/gnark/std/algebra/emulated/sw_emulated"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/sql"
)

// aggregator verifies k segment proofs of one query shape in a BN254
// circuit (gnark's std/recursion/groth16, BN254 emulated in BN254), the
// verifying key fixed in the circuit: what one on-chain check for k segments
// would cost by recursion.
type aggregator struct {
	VK      stdgroth16.VerifyingKey[sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl] `gnark:"-"`
	Proofs  []stdgroth16.Proof[sw_bn254.G1Affine, sw_bn254.G2Affine]
	Publics []stdgroth16.Witness[sw_bn254.ScalarField]
}

func (c *aggregator) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bn254.ScalarField, sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl](api)
	if err != nil {
		return err
	}
	for i := range c.Proofs {
		if err := v.AssertProof(c.VK, c.Proofs[i], c.Publics[i]); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkRecursionCost compiles the aggregation circuit of 1 and 2 Q1
// segment proofs (segment circuit of 2^10 rows; the aggregator's size does
// not depend on the segment's) and reports its constraints, per aggregated
// proof, and the time to compile it. It runs no setup: at gnark's setup rate
// here the constraint count alone tells the cost.
//
//	go test -run '^$' -bench RecursionCost -benchtime 1x -timeout 30m ./bench
func BenchmarkRecursionCost(b *testing.B) {
	q, err := sql.Parse(datagen.Q1, catalog{datagen.Schema()})
	if err != nil {
		b.Fatal(err)
	}
	plan, err := planner.New(q)
	if err != nil {
		b.Fatal(err)
	}
	inner, err := prover.Compile(plan, circuits.SegmentSize(10))
	if err != nil {
		b.Fatal(err)
	}
	_, vk, err := proofsys.SetupGroth16(inner)
	if err != nil {
		b.Fatal(err)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl](vk)
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{1, 2} {
		b.Run(fmt.Sprintf("proofs=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c := &aggregator{VK: fixed}
				for j := 0; j < k; j++ {
					c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bn254.G1Affine, sw_bn254.G2Affine](inner))
					c.Publics = append(c.Publics, stdgroth16.PlaceholderWitness[sw_bn254.ScalarField](inner))
				}
				t0 := time.Now()
				cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/proof")
				b.ReportMetric(float64(inner.GetNbConstraints()), "segment_constraints")
				b.ReportMetric(float64(inner.GetNbPublicVariables()), "segment_public_inputs")
				b.ReportMetric(time.Since(t0).Seconds(), "compile_s")
				b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
			}
		})
	}
}

// BenchmarkRecursionProve sets up and proves the aggregation circuit for 1
// and 2 inner proofs of Q1's verifying-key shape (BN254 in BN254, the key
// fixed in the circuit; setup by proofsys.SetupBN254), and verifies the
// outer proof: the measured cost of one on-chain check by recursion. The
// inner proofs hash their commitment with gnark's recursion-friendly hash
// (GetNativeProverOptions), which the in-circuit verifier recomputes; the
// segment proofs that contracts check directly hash with Keccak instead.
//
//	go test -run '^$' -bench RecursionProve -benchtime 1x -timeout 60m ./bench
func BenchmarkRecursionProve(b *testing.B) {
	field := ecc.BN254.ScalarField()
	innerCS, ivk, segmentProof, public, err := twochain.InnerProof(ecc.BN254, ecc.BN254)
	if err != nil {
		b.Fatal(err)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl](ivk)
	if err != nil {
		b.Fatal(err)
	}
	proofValue, err := stdgroth16.ValueOfProof[sw_bn254.G1Affine, sw_bn254.G2Affine](segmentProof)
	if err != nil {
		b.Fatal(err)
	}
	publicValue, err := stdgroth16.ValueOfWitness[sw_bn254.ScalarField](public)
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{1, 2} {
		b.Run(fmt.Sprintf("proofs=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				shape := &aggregator{VK: fixed}
				witness := &aggregator{}
				for j := 0; j < k; j++ {
					shape.Proofs = append(shape.Proofs, stdgroth16.PlaceholderProof[sw_bn254.G1Affine, sw_bn254.G2Affine](innerCS))
					shape.Publics = append(shape.Publics, stdgroth16.PlaceholderWitness[sw_bn254.ScalarField](innerCS))
					witness.Proofs = append(witness.Proofs, proofValue)
					witness.Publics = append(witness.Publics, publicValue)
				}
				cs, pk, vk, compileS, setupS := compileAndSetupBN254(b, shape)
				w, err := frontend.NewWitness(witness, field)
				if err != nil {
					b.Fatal(err)
				}
				wp, err := w.Public()
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				proof, err := groth16.Prove(cs, pk, w)
				if err != nil {
					b.Fatal(err)
				}
				proveS := time.Since(t0).Seconds()
				t0 = time.Now()
				if err := groth16.Verify(proof, vk, wp); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/proof")
				b.ReportMetric(compileS, "compile_s")
				b.ReportMetric(setupS, "setup_s")
				b.ReportMetric(proveS, "prove_s")
				b.ReportMetric(float64(time.Since(t0).Microseconds())/1000, "verify_ms")
				b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
			}
		})
	}
}

// segmentClaimFold is what an aggregator would compute per segment to
// defer the segment's KZG joint opening (the Coprocessor's openingPairs,
// one loop turn, as emulated BN254 arithmetic in a BN254 circuit): the
// window column's commitment Cw by r·(ζ − z), the first quotient W by
// −r·(ζ − z)·Z_S(ζ), each opened column's commitment C_j by its fold
// scalar, the second quotient H by r·ζ into F, and H by r into the
// quotients' sum. F and that sum would meet [1]₂ and [τ]₂ in one pairing
// check for all segments, outside the circuit. The scalars are inputs
// here; deriving them (ζ, μ, Z_S, r_S: native field arithmetic and a
// hash) costs little beside the points'.
type segmentClaimFold struct {
	Cw, W, H sw_bn254.G1Affine
	C        []sw_bn254.G1Affine
	S        []emulated.Element[sw_bn254.ScalarField] // len(C) + 4 scalars
	F, Sum   sw_bn254.G1Affine                        `gnark:",public"`
}

func (c *segmentClaimFold) Define(api frontend.API) error {
	cr, err := sw_emulated.New[sw_bn254.BaseField, sw_bn254.ScalarField](api, sw_emulated.GetBN254Params())
	if err != nil {
		return err
	}
	f := cr.Add(cr.ScalarMul(&c.Cw, &c.S[0]), cr.ScalarMul(&c.W, &c.S[1]))
	for j := range c.C {
		f = cr.Add(f, cr.ScalarMul(&c.C[j], &c.S[2+j]))
	}
	n := len(c.C)
	f = cr.Add(f, cr.ScalarMul(&c.H, &c.S[2+n]))
	cr.AssertIsEqual(f, &c.F)
	cr.AssertIsEqual(cr.ScalarMul(&c.H, &c.S[3+n]), &c.Sum)
	return nil
}

// BenchmarkRecursionOpeningCost compiles segmentClaimFold for Q1's claim
// (two columns opened at Z beside the window column): the constraints an
// aggregator adds per segment for its KZG opening, on top of the Groth16
// verifier's (BenchmarkRecursionCost). It also compiles the alternative of
// checking a segment's opening in the circuit: a two-pair pairing check
// with fixed G2 points.
//
//	go test -run '^$' -bench RecursionOpeningCost -benchtime 1x ./bench
func BenchmarkRecursionOpeningCost(b *testing.B) {
	field := ecc.BN254.ScalarField()
	for i := 0; i < b.N; i++ {
		c := &segmentClaimFold{C: make([]sw_bn254.G1Affine, 2), S: make([]emulated.Element[sw_bn254.ScalarField], 6)}
		cs, err := frontend.Compile(field, r1cs.NewBuilder, c)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(cs.GetNbConstraints()), "fold_constraints")
		b.ReportMetric(float64(cs.GetNbConstraints())/7, "constraints/scalar_mul")
		cs, err = frontend.Compile(field, r1cs.NewBuilder, &openingInCircuit{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(cs.GetNbConstraints()), "pairing_check_constraints")
	}
}

// openingInCircuit checks e(P, [1]₂)·e(Q, [τ]₂) = 1 in the circuit, the
// two G2 points fixed (here the generator twice: the cost does not depend
// on them).
type openingInCircuit struct {
	P, Q sw_bn254.G1Affine
}

func (c *openingInCircuit) Define(api frontend.API) error {
	pr, err := sw_bn254.NewPairing(api)
	if err != nil {
		return err
	}
	_, _, _, g2 := bn254.Generators()
	fixed := sw_bn254.NewG2AffineFixed(g2)
	return pr.PairingCheck([]*sw_bn254.G1Affine{&c.P, &c.Q}, []*sw_bn254.G2Affine{&fixed, &fixed})
}
