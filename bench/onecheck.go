package bench

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
)

// OneCheckResult is what the two-chain path cost a query (Options.OneCheck):
// its segments proven over BLS12-377, the BW6-761 aggregator over them
// and the BN254 wrapper whose proof the chain checks, once whatever the
// segments.
type OneCheckResult struct {
	SegmentConstraints int     `json:"segment_constraints"`
	SegmentSetupS      float64 `json:"segment_setup_s"`
	SegmentsProveS     float64 `json:"segments_prove_s"`
	// Slots are the aggregator's (the proof's): the slots past the
	// segments hold inactive copies.
	Slots                 int     `json:"slots"`
	AggregatorConstraints int     `json:"aggregator_constraints"`
	AggregatorSetupS      float64 `json:"aggregator_setup_s"`
	AggregatorProveS      float64 `json:"aggregator_prove_s"`
	WrapperConstraints    int     `json:"wrapper_constraints"`
	WrapperSetupS         float64 `json:"wrapper_setup_s"`
	WrapperProveS         float64 `json:"wrapper_prove_s"`
	// CommitS is the time to commit the table over BLS12-377, as its
	// owner would (TwoChainTable), the store's BLS12-377 SRS made or read
	// first.
	CommitS float64 `json:"commit_s"`
	Outputs int     `json:"outputs"`
	// PostDigestGas is posting the table's BLS12-377 digest to the
	// one-check entry (beside PostGas, the table commitment's post).
	PostDigestGas uint64 `json:"post_digest_gas,omitempty"`
	// With profiling (Options.Profile): the time gnark-crypto spends on
	// the MSMs and FFTs of one proof of each layer (MeasureKernels over
	// its proving key), and each layer's prove time over them — the
	// segments' as their wall time over the segments' kernels summed
	// (segments proven side by side share the cores).
	SegmentKernelS     float64 `json:"segment_kernel_s,omitempty"`
	AggregatorKernelS  float64 `json:"aggregator_kernel_s,omitempty"`
	WrapperKernelS     float64 `json:"wrapper_kernel_s,omitempty"`
	SegmentsOverhead   float64 `json:"segments_overhead,omitempty"`
	AggregatorOverhead float64 `json:"aggregator_overhead,omitempty"`
	WrapperOverhead    float64 `json:"wrapper_overhead,omitempty"`
}

// runOneCheck proves text over db's table for one on-chain check and
// fills out: the layers' costs in out.OneCheck, the proving time (the
// three layers' proofs), the verification (VerifyOneCheck against the
// table committed over BLS12-377), the BN254 proof's size and, with
// contractsDir, the exported verifier's gas on a simulated chain.
func runOneCheck(ctx context.Context, db *provensql.DB, table, text string, params []string, out *Result, contractsDir string, profile bool) error {
	t0 := time.Now()
	posted, err := db.TwoChainTable(table)
	if err != nil {
		return err
	}
	commit := time.Since(t0)
	reset := ResetPeakRSS()
	oc, plan, err := db.ProveOneCheck(ctx, text, params...)
	if err != nil {
		return err
	}
	if reset {
		out.ProvePeakRSSMB = PeakRSSMB()
	}
	trusted, err := db.OneCheckVerifyingKey(plan) // the store's, not the proof's
	if err != nil {
		return err
	}
	t0 = time.Now()
	if _, err := prover.VerifyOneCheck(oc, plan, posted, trusted); err != nil {
		return fmt.Errorf("bench: the one-check proof was refused: %w", err)
	}
	out.VerifyMS = float64(time.Since(t0).Microseconds()) / 1000
	tm := oc.Timings
	// one public input, the digest of the outputs (twochain.OutputDigest)
	out.Segments, out.Held, out.Proven, out.ProofBytes, out.PublicInputs, out.Parallel = oc.Segments, oc.Segments, oc.Segments, len(oc.Proof), 1, tm.Parallel
	out.SetupS = (tm.SegmentSetup + tm.AggregatorSetup + tm.WrapperSetup).Seconds()
	out.KeysLoadS = tm.KeysLoad.Seconds()
	out.ProveS = (tm.Segments + tm.AggregatorProve + tm.WrapperProve).Seconds()
	out.OneCheck = &OneCheckResult{
		SegmentConstraints: tm.SegmentConstraints, SegmentSetupS: tm.SegmentSetup.Seconds(), SegmentsProveS: tm.Segments.Seconds(),
		Slots: oc.Slots, AggregatorConstraints: tm.AggregatorConstraints, AggregatorSetupS: tm.AggregatorSetup.Seconds(), AggregatorProveS: tm.AggregatorProve.Seconds(),
		WrapperConstraints: tm.WrapperConstraints, WrapperSetupS: tm.WrapperSetup.Seconds(), WrapperProveS: tm.WrapperProve.Seconds(),
		CommitS: commit.Seconds(), Outputs: len(oc.Outputs),
	}
	if profile {
		if err := profileOneCheck(db, plan, out); err != nil {
			return err
		}
	}
	if contractsDir == "" {
		return nil
	}
	// on chain as a contract takes it: the one-check entry over a
	// Coprocessor, the table's commitment and BLS12-377 digest posted
	m, err := db.Store().Manifest(table)
	if err != nil {
		return err
	}
	tc := m.Commitment()
	digest377, _, err := posted.Digest()
	if err != nil {
		return err
	}
	chain, closeChain, err := contracts.NewSimulatedChain()
	if err != nil {
		return err
	}
	defer closeChain()
	run, err := contracts.TakeOneCheckOnChain(ctx, chain, db.Store().SRS().VerifyingKey(), &tc, digest377, trusted, &contracts.OneCheckProof{VerifyingKey: oc.VerifyingKey, Proof: oc.Proof, Outputs: oc.Outputs, Slots: oc.Slots}, plan, contractsDir)
	if err != nil {
		return fmt.Errorf("bench: on chain: %w", err)
	}
	out.VerifyGas, out.CalldataBytes, out.PostGas = run.VerifyGas, run.CalldataBytes, run.PostGas
	out.OneCheck.PostDigestGas = run.PostDigestGas
	return nil
}

// runOneCheckResult is RunWith's two-chain run: its Result.
func runOneCheckResult(ctx context.Context, db *provensql.DB, q, table, text string, params []string, rows, segmentRows int, device string, before float64, contractsDir string, profile bool) (*Result, error) {
	out := &Result{Query: strings.ToUpper(q), Rows: rows, SegmentRows: segmentRows, Backend: "groth16-bn254 (two-chain: BLS12-377, BW6-761)", Device: device, CPUs: runtime.NumCPU()}
	if err := runOneCheck(ctx, db, table, text, params, out, contractsDir, profile); err != nil {
		return nil, err
	}
	out.Constraints = out.OneCheck.SegmentConstraints
	out.ConstraintsPerRow = float64(out.Constraints) / float64(segmentRows)
	out.PeakRSSMB = max(before, PeakRSSMB())
	return out, nil
}

// profileOneCheck times the MSMs and FFTs of one proof of each of the
// one-check layers of plan (MeasureKernels over the keys the proof used)
// and sets out's kernel times and overheads: the whole proof's
// (Result.KernelS: the segments' kernels summed, the aggregator's and the
// wrapper's; Result.ProveOverhead) and each layer's.
func profileOneCheck(db *provensql.DB, plan *planner.Plan, out *Result) error {
	seg, agg, wrap, err := db.OneCheckProvingKeys(plan)
	if err != nil {
		return err
	}
	var k [3]Kernels
	for i, pk := range []any{seg, agg, wrap} {
		if k[i], err = MeasureKernels(pk); err != nil {
			return err
		}
	}
	oc := out.OneCheck
	oc.SegmentKernelS, oc.AggregatorKernelS, oc.WrapperKernelS = k[0].Total().Seconds(), k[1].Total().Seconds(), k[2].Total().Seconds()
	segments := float64(out.Segments) * oc.SegmentKernelS
	oc.SegmentsOverhead = oc.SegmentsProveS / segments
	oc.AggregatorOverhead = oc.AggregatorProveS / oc.AggregatorKernelS
	oc.WrapperOverhead = oc.WrapperProveS / oc.WrapperKernelS
	out.KernelS = segments + oc.AggregatorKernelS + oc.WrapperKernelS
	out.ProveOverhead = out.ProveS / out.KernelS
	out.PointsG1, out.PointsG2 = k[2].PointsG1, k[2].PointsG2 // the wrapper's, the proof the chain checks
	return nil
}
