package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/provensql/provensql/bench"
)

func (a *app) cmdBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	query := fs.String("query", "Q1", "benchmark query (Q1, Q2, Q3, TOPK, JOIN, COUNT)")
	rowsFlag := fs.String("rows", "1024,4096,16384", "comma-separated row counts (powers of two)")
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	child := fs.Bool("child", false, "internal: run one size in this process")
	profile := fs.Bool("profile", false, "also time the MSMs and FFTs of the same sizes and report prove time over them")
	segmentRows := fs.Int("segment-rows", 0, "segment capacity (a power of two; default: one segment of all the rows)")
	parallel := fs.Int("parallel", a.parallel(), parallelUsage)
	rampUp := fs.Bool("ramp-up", false, rampUpUsage)
	openingInMemory := fs.Bool("opening-in-memory", false, "keep a multi-segment query's opening polynomials in memory, not in a temporary file in the store")
	everySegment := fs.Bool("every-segment", false, "prove every segment, those the query's window holds no row of too (a full scan's cost; by default they get no proof)")
	keepEverySegment := fs.Bool("keep-every-segment", false, "hold every segment in the receipt, those before and after the window's rows on a SORTED column too (shown by their window; by default they are left out)")
	keyDir := fs.String("keys", "", "key cache kept between runs (default: a fresh one per size, so setup is measured)")
	cpuProfile := fs.String("cpuprofile", "", "write a pprof CPU profile of each size's run to this file (the size appended)")
	evm := fs.Bool("evm", false, "also verify the receipt on a simulated chain (queries the Coprocessor checks: Q1) and report verifyQuery's gas")
	contractsDir := fs.String("contracts", "contracts", "with --evm: the contracts directory (npm ci --prefix contracts installs solc-js)")
	oneCheck := fs.Bool("one-check", false, "prove by the two-chain path instead: segments over BLS12-377, one aggregator over BW6-761, one BN254 proof the chain checks whatever the segments (queries it proves: COUNT/SUM/AVG over one table, windows included); with --evm, that proof's verifier gas")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	contractsFor := ""
	if *evm {
		abs, err := filepath.Abs(*contractsDir)
		if err != nil {
			return usagef("--contracts: %v", err)
		}
		contractsFor = abs
	}
	var sizes []int
	for _, s := range strings.Split(*rowsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 2 {
			return usagef("--rows: %q is not a row count", s)
		}
		sizes = append(sizes, n)
	}
	if *child {
		dir, err := os.MkdirTemp("", "provensql-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if *cpuProfile != "" {
			f, err := os.Create(*cpuProfile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return fmt.Errorf("--cpuprofile: %w", err)
			}
			defer pprof.StopCPUProfile()
		}
		r, err := bench.RunWith(ctx, *query, sizes[0], dir, bench.Options{SegmentRows: *segmentRows, Profile: *profile, Progress: progress(os.Stderr),
			Device: a.device(), Prover: a.acc.Prover, MSM: a.acc.MSM, MSM377: a.acc.MSM377, KeyDir: *keyDir, Parallel: *parallel, RampUp: *rampUp, OpeningInMemory: *openingInMemory, EverySegment: *everySegment, KeepEverySegment: *keepEverySegment, Contracts: contractsFor, CompileGCPercent: compileGCPercent(), OneCheck: *oneCheck})
		if err != nil {
			return err
		}
		return json.NewEncoder(os.Stdout).Encode(r)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var results []bench.Result
	for _, n := range sizes {
		// Each size runs in its own process so peak memory is its own.
		cmd := exec.CommandContext(ctx, self, "bench", "--child", "--query", *query, "--rows", strconv.Itoa(n), fmt.Sprintf("--profile=%v", *profile), fmt.Sprintf("--segment-rows=%d", *segmentRows), "--keys", *keyDir, fmt.Sprintf("--parallel=%d", *parallel), fmt.Sprintf("--ramp-up=%v", *rampUp), fmt.Sprintf("--opening-in-memory=%v", *openingInMemory), fmt.Sprintf("--one-check=%v", *oneCheck), fmt.Sprintf("--every-segment=%v", *everySegment), fmt.Sprintf("--keep-every-segment=%v", *keepEverySegment))
		if *cpuProfile != "" {
			cmd.Args = append(cmd.Args, "--cpuprofile", fmt.Sprintf("%s.%d", *cpuProfile, n))
		}
		if *evm {
			cmd.Args = append(cmd.Args, "--evm", "--contracts", contractsFor)
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("bench %s at %d rows: %w", *query, n, err)
		}
		var r bench.Result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			return fmt.Errorf("bench %s at %d rows: %w", *query, n, err)
		}
		if *asJSON {
			json.NewEncoder(os.Stdout).Encode(&r)
		}
		results = append(results, r)
	}
	if !*asJSON {
		var rows [][]string
		for _, r := range results {
			name := r.Query
			if r.JoinLookup {
				name += " (lookup join)"
			}
			gas := "-" // not measured (no --evm), or a query the Coprocessor does not check
			if r.VerifyGas > 0 {
				gas = strconv.FormatUint(r.VerifyGas, 10)
			}
			rows = append(rows, []string{name, strconv.Itoa(r.Rows), fmt.Sprintf("%d/%d/%d", r.Proven, r.Held, r.Segments), r.Backend, r.Device, strconv.Itoa(r.Constraints),
				fmt.Sprintf("%.1f", r.ConstraintsPerRow), fmt.Sprintf("%.1f", r.SetupS), fmt.Sprintf("%.2f", r.ProveS),
				fmt.Sprintf("%.1f", r.VerifyMS), fmt.Sprintf("%.0f", r.PeakRSSMB), fmt.Sprintf("%.0f", r.ProvePeakRSSMB), strconv.Itoa(r.ProofBytes),
				fmt.Sprintf("%.2f", r.KernelS), fmt.Sprintf("%.2f", r.ProveOverhead), gas})
		}
		table(os.Stdout, []string{"query", "rows", "proofs/held/segments", "backend", "device", "constraints", "per row", "setup s", "prove s", "verify ms", "peak MiB", "prove peak MiB", "proof B", "kernels s", "prove/kernels", "gas"}, rows)
		if *oneCheck {
			oneCheckTable(results)
		}
	}
	return nil
}

// oneCheckTable prints the two-chain runs' layers: the segments, the
// aggregator and the wrapper, each's constraints, setup and proof.
func oneCheckTable(results []bench.Result) {
	var rows [][]string
	for _, r := range results {
		o := r.OneCheck
		if o == nil {
			continue
		}
		rows = append(rows, []string{r.Query, strconv.Itoa(r.Rows), strconv.Itoa(r.Segments),
			strconv.Itoa(o.SegmentConstraints), fmt.Sprintf("%.1f", o.SegmentSetupS), fmt.Sprintf("%.2f", o.SegmentsProveS),
			strconv.Itoa(o.AggregatorConstraints), fmt.Sprintf("%.1f", o.AggregatorSetupS), fmt.Sprintf("%.1f", o.AggregatorProveS),
			strconv.Itoa(o.WrapperConstraints), fmt.Sprintf("%.1f", o.WrapperSetupS), fmt.Sprintf("%.1f", o.WrapperProveS)})
	}
	table(os.Stdout, []string{"query", "rows", "segments", "segment constraints", "setup s", "prove s", "aggregator constraints", "setup s", "prove s", "wrapper constraints", "setup s", "prove s"}, rows)
}
