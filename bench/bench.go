// Package bench runs the benchmark workload of DESIGN.md: it generates the
// erc20_transfers table, commits it, and proves and verifies a benchmark
// query, measuring constraints per row, setup, prove and verify time, peak
// memory and proof size.
package bench

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/store"
)

// Result is one benchmark measurement.
type Result struct {
	Query string `json:"query"`
	Rows  int    `json:"rows"`
	// SegmentRows is the segment capacity: one circuit and one proof per
	// segment (Segments of them); constraints are per circuit.
	SegmentRows int `json:"segment_rows"`
	Segments    int `json:"segments"`
	// Held is how many segments the receipt holds: the others lie before
	// or after the window's rows on a SORTED column (planner.Plan.
	// Coverage), unless every segment was held (Options.KeepEverySegment).
	Held int `json:"held"`
	// Proven is how many segments were proven: the others held the
	// query's window holds no row of (planner.Plan.Prunable), unless
	// every segment was proven (Options.EverySegment).
	Proven  int    `json:"proven"`
	Backend string `json:"backend"`
	// Device is where the proofs ran: "cpu", or the accelerator's name.
	Device string `json:"device"`
	// JoinLookup is true when a join was proven by the lookup join circuit.
	JoinLookup        bool    `json:"join_lookup,omitempty"`
	Constraints       int     `json:"constraints"`
	ConstraintsPerRow float64 `json:"constraints_per_row"`
	CompileS          float64 `json:"compile_s"`
	SetupS            float64 `json:"setup_s"`
	// KeysLoadS is the time to read and check the circuit and its keys
	// from the key cache (0 when they were built in this run).
	KeysLoadS float64 `json:"keys_load_s"`
	ProveS    float64 `json:"prove_s"`
	// Where prove_s went (prover.Phases), summed over segments.
	LoadS      float64 `json:"load_s"`
	WitnessS   float64 `json:"witness_s"`
	FirstPassS float64 `json:"first_pass_s"`
	ProofS     float64 `json:"proof_s"`
	OpenS      float64 `json:"open_s"`
	// Wall time before the first segment's proof, and after the last
	// segment's end (prover.Phases).
	ToFirstProofS float64 `json:"to_first_proof_s"`
	AfterProofsS  float64 `json:"after_proofs_s"`
	VerifyMS      float64 `json:"verify_ms"`
	PeakRSSMB     float64 `json:"peak_rss_mb"`
	// ProvePeakRSSMB is the peak resident set from just before proving
	// (the generated data freed, the heap returned to the system) to the
	// proof's end: the prover's own peak, where PeakRSSMB also counts
	// generating and committing the data (Linux; 0 where the peak cannot
	// be reset).
	ProvePeakRSSMB float64 `json:"prove_peak_rss_mb"`
	ProofBytes     int     `json:"proof_bytes"`
	PublicInputs   int     `json:"public_inputs"`
	CPUs           int     `json:"cpus"`
	// Parallel is how many segments were proven at once (Options.Parallel).
	Parallel int `json:"parallel"`
	// With Options.Contracts, for a query the Coprocessor checks: the gas
	// of verifyQuery on a simulated chain and the size of its calldata, and
	// the gas of posting the table's commitment (every segment) before it.
	VerifyGas     uint64 `json:"verify_gas,omitempty"`
	CalldataBytes int    `json:"calldata_bytes,omitempty"`
	PostGas       uint64 `json:"post_gas,omitempty"`
	// With profiling: the MSM and FFT kernel time of the same sizes, and prove_s over it.
	KernelS       float64 `json:"kernel_s,omitempty"`
	ProveOverhead float64 `json:"prove_overhead,omitempty"`
	// With profiling: the points of a proof's MSMs, in G1 (A, B, K, Z) and
	// in G2 (B), which the circuit's size and orientation set.
	PointsG1 int `json:"msm_points_g1,omitempty"`
	PointsG2 int `json:"msm_points_g2,omitempty"`
	// OneCheck is set for a run of the two-chain path (Options.OneCheck):
	// its layers' costs. Constraints are then the segment circuit's over
	// BLS12-377, SetupS and ProveS the three layers' together, ProofBytes
	// the BN254 proof's and VerifyGas the one-check entry's verifyQuery
	// (contracts.TakeOneCheckOnChain: the table and parameters bound).
	OneCheck *OneCheckResult `json:"one_check,omitempty"`
}

// Queries maps benchmark names to SQL.
var Queries = map[string]string{"Q1": datagen.Q1, "Q2": datagen.Q2, "Q3": datagen.Q3, "TOPK": datagen.TopK, "JOIN": datagen.Join, "COUNT": datagen.Count, "RECENT": datagen.Q1}

// queryParams gives each benchmark query real parameters over the data.
var queryParams = map[string]func(*datagen.Data) []string{
	"Q1":    (*datagen.Data).Q1Params,
	"Q2":    (*datagen.Data).Q2Params,
	"Q3":    (*datagen.Data).Q3Params,
	"TOPK":  (*datagen.Data).TopKParams,
	"JOIN":  (*datagen.Data).JoinParams,
	"COUNT": (*datagen.Data).CountParams,
	// Q1 over the last hundredth of the blocks
	"RECENT": (*datagen.Data).RecentParams,
}

// Run measures query q over rows generated rows, one segment of capacity
// rows, in a fresh store under dir.
func Run(ctx context.Context, q string, rows int, dir string, progress func(prover.Event)) (*Result, error) {
	return RunWith(ctx, q, rows, dir, Options{Progress: progress})
}

// Options configure RunWith.
type Options struct {
	// SegmentRows is the segment capacity, a power of two (0: one segment of
	// all the rows); the segments are proven one after the other (see
	// Parallel) and the last may be partial.
	SegmentRows int
	// Profile also times the CPU's MSM and FFT kernels a proof of the same
	// circuit needs (Kernels) and reports the prove time over them.
	Profile bool
	// Progress receives compile, setup and prove events.
	Progress func(prover.Event)
	// Device names the accelerator of Prover and MSM (empty: "cpu").
	Device string
	// Prover, MSM and MSM377 replace the CPU's prover and multi-scalar
	// multiplications, BN254's and BLS12-377's (nil: the CPU).
	Prover proofsys.Backend
	MSM    commitment.MSM
	MSM377 kzg377.MSM
	// KeyDir, when set, is a key cache kept between runs (default: the
	// fresh store's own): a run of a shape already set up there loads its
	// keys instead of setting up, whatever the row count, so one setup
	// serves a one-segment run and a many-segment run of that capacity, and
	// the CPU and a GPU prover (they share the key format).
	KeyDir string
	// CompileGCPercent is provensql.Options.CompileGCPercent.
	CompileGCPercent int
	// Parallel is how many segments are proven at once (0: one, or the
	// prover's choice on the one-check path, provensql.Options.Parallel):
	// on a machine with many cores, segments side by side use them better
	// than one proof's own parallelism does.
	Parallel int
	// RampUp is provensql.Options.RampUp.
	RampUp bool
	// OpeningInMemory is provensql.Options.OpeningInMemory.
	OpeningInMemory bool
	// EverySegment is provensql.Options.ProveEverySegment: every segment
	// proven, a full scan's cost, where a window leaves segments out.
	EverySegment bool
	// KeepEverySegment is provensql.Options.KeepEverySegment: every
	// segment held in the receipt, where a window on a SORTED column would
	// leave those before and after its rows out.
	KeepEverySegment bool
	// Contracts, when set, is the contracts directory (solc-js installed
	// by npm ci): a query the Coprocessor checks is then also verified on
	// a simulated chain and its verifyQuery gas reported.
	Contracts string
	// OneCheck proves the query by the two-chain path instead
	// (provensql.DB.ProveOneCheck: segments over BLS12-377, one BW6-761
	// aggregator, one BN254 wrapper), on the CPU; with Contracts, the
	// wrapper's exported verifier's gas is reported.
	OneCheck bool
}

// RunWith measures query q over rows generated rows in a fresh store under dir.
func RunWith(ctx context.Context, q string, rows int, dir string, opt Options) (*Result, error) {
	segmentRows, profile := opt.SegmentRows, opt.Profile
	if segmentRows == 0 {
		segmentRows = rows
	}
	device := opt.Device
	if device == "" {
		device = "cpu"
	}
	text, ok := Queries[strings.ToUpper(q)]
	if !ok {
		return nil, fmt.Errorf("bench: unknown query %q (available: Q1, Q2, Q3, TOPK, JOIN, COUNT, RECENT)", q)
	}
	logCap, err := store.LogCapacityFor(segmentRows)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	db, err := provensql.Open(dir, provensql.Options{SRSSize: segmentRows, KeyDir: opt.KeyDir, Parallel: opt.Parallel, RampUp: opt.RampUp, OpeningInMemory: opt.OpeningInMemory, ProveEverySegment: opt.EverySegment, KeepEverySegment: opt.KeepEverySegment, Progress: opt.Progress, Prover: opt.Prover, MSM: opt.MSM, MSM377: opt.MSM377, CompileGCPercent: opt.CompileGCPercent})
	if err != nil {
		return nil, err
	}
	if opt.OneCheck && opt.KeyDir != "" {
		// the one-check keys depend on the BLS12-377 SRS: keep it with them
		if err := keepSRS377(dir, opt.KeyDir, segmentRows); err != nil {
			return nil, err
		}
	}
	data := datagen.ERC20Transfers(rows, 1)
	if _, err := db.Store().Append(data.Table, logCap, data.Cols); err != nil {
		return nil, err
	}
	if strings.EqualFold(q, "JOIN") {
		// the token list, in one segment of its own size (at most the
		// transfers' capacity): a dimension table is committed at its size
		t, cols := data.TokenTable()
		tokenCap := max(1, min(logCap, bits.Len(uint(len(cols[0])-1))))
		if _, err := db.Store().Append(t, tokenCap, cols); err != nil {
			return nil, err
		}
	}
	params := queryParams[strings.ToUpper(q)](data)
	table := data.Table.Name
	data = nil            // the generated rows are in the store: free them before proving
	before := PeakRSSMB() // the data's generation and commitment
	if opt.OneCheck {
		return runOneCheckResult(ctx, db, q, table, text, params, rows, segmentRows, device, before, opt.Contracts, profile)
	}
	reset := ResetPeakRSS()
	res, err := db.Prove(ctx, text, params...)
	if err != nil {
		return nil, err
	}
	var provePeak float64
	if reset {
		provePeak = PeakRSSMB()
	}
	t0 := time.Now()
	rep, err := db.Verify(res.Receipt)
	if err != nil {
		return nil, fmt.Errorf("bench: verification failed: %w", err)
	}
	verify := time.Since(t0)
	proofs, err := receipt.DecodeProof(res.Receipt.Proof, res.Receipt.Proven())
	if err != nil {
		return nil, err
	}
	size := 0
	for _, p := range proofs {
		size += len(p.Circuit)
	}
	if op, err := res.Receipt.QueryOpening(); err != nil {
		return nil, err
	} else if op != nil {
		size += len(op.Bytes())
	}
	tm := res.Timings
	var kernels Kernels
	if profile {
		circ, err := db.Prepare(res.Plan)
		if err != nil {
			return nil, err
		}
		if kernels, err = MeasureKernels(circ.Keys.PK); err != nil {
			return nil, err
		}
	}
	out := &Result{
		Query: strings.ToUpper(q), Rows: rows, SegmentRows: segmentRows, Segments: len(res.Receipt.Segments) + res.Receipt.LeftOut(), Held: len(res.Receipt.Segments), Proven: res.Receipt.Proven(), Backend: res.Receipt.Backend, Device: device, JoinLookup: res.Receipt.JoinLookup,
		Constraints: tm.Constraints, ConstraintsPerRow: float64(tm.Constraints) / float64(segmentRows),
		CompileS: tm.Compile.Seconds(), SetupS: tm.Setup.Seconds(), KeysLoadS: tm.KeysLoad.Seconds(), ProveS: tm.Prove.Seconds(),
		LoadS: tm.Phases.Load.Seconds(), WitnessS: tm.Phases.Witness.Seconds(), FirstPassS: tm.Phases.FirstPass.Seconds(),
		ProofS: tm.Phases.Proof.Seconds(), OpenS: tm.Phases.Open.Seconds(),
		ToFirstProofS: tm.Phases.ToFirstProof.Seconds(), AfterProofsS: tm.Phases.AfterProofs.Seconds(),
		VerifyMS: float64(verify.Microseconds()) / 1000, PeakRSSMB: max(before, PeakRSSMB()), ProvePeakRSSMB: provePeak,
		ProofBytes: size, PublicInputs: rep.PublicInput, CPUs: runtime.NumCPU(), Parallel: max(opt.Parallel, 1),
	}
	if profile {
		out.KernelS = kernels.Total().Seconds()
		out.ProveOverhead = tm.Prove.Seconds() / out.KernelS
		out.PointsG1, out.PointsG2 = kernels.PointsG1, kernels.PointsG2
	}
	if opt.Contracts != "" {
		if err := measureGas(ctx, db, res, out, opt.Contracts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keepSRS377 makes a store's BLS12-377 SRS (store.Store.SRS377) the one
// kept in keyDir for segments of segmentRows rows, or keeps the store's
// there: the two-chain keys cached in keyDir are the SRS's.
func keepSRS377(storeDir, keyDir string, segmentRows int) error {
	kept := filepath.Join(keyDir, fmt.Sprintf("srs377-%d.bin", segmentRows))
	mine := store.SRS377Path(storeDir)
	b, err := os.ReadFile(kept)
	if err == nil {
		return os.WriteFile(mine, b, 0o644)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	st, err := store.Open(storeDir, store.Options{})
	if err != nil {
		return err
	}
	if _, err := st.SRS377(); err != nil {
		return err
	}
	if b, err = os.ReadFile(mine); err != nil {
		return err
	}
	if err := os.MkdirAll(keyDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(kept, b, 0o644)
}

// measureGas verifies a receipt on a simulated chain, from a fresh
// Coprocessor (contracts.TakeOnChain), and records verifyQuery's gas; a
// query the Coprocessor does not check yet records none.
func measureGas(ctx context.Context, db *provensql.DB, res *provensql.Proven, out *Result, contractsDir string) error {
	chain, done, err := contracts.NewSimulatedChain()
	if err != nil {
		return err
	}
	defer done()
	m, err := db.Store().Manifest(res.Plan.Query.Table.Name)
	if err != nil {
		return err
	}
	tc := m.Commitment()
	run, err := contracts.TakeOnChain(ctx, chain, db.Store().SRS().VerifyingKey(), &tc, res.Receipt, res.Plan, contractsDir)
	if errors.Is(err, contracts.ErrNotOnChain) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("bench: on chain: %w", err)
	}
	out.VerifyGas, out.CalldataBytes, out.PostGas = run.VerifyGas, run.CalldataBytes, run.PostGas
	return nil
}

// ResetPeakRSS returns the heap's free memory to the system and resets the
// process's peak resident set to its current one (Linux: clear_refs 5),
// so that PeakRSSMB measures from here; false where it cannot.
func ResetPeakRSS() bool {
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// PeakRSSMB returns the process's peak resident set size in MiB (Linux), or 0.
func PeakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}
