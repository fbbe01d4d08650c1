package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bn254"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/planner"
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
	inner, err := prover.Compile(plan, 10)
	if err != nil {
		b.Fatal(err)
	}
	_, vk, err := groth16.Setup(inner)
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
