// Package cli is the ProvenSQL command line, run by cmd/provensql (on the
// CPU) and by accelerated builds that plug in their prover and MSM (the GPU
// build under the icicle tag: module github.com/provensql/provensql/accel/icicle).
//
//	provensql demo      [--db DIR] [--rows N] [--evm [--rpc URL] [--key HEX]]
//	provensql export-verifier --sql "SQL" --out DIR [--db DIR]
//	provensql ingest    --db DIR --table NAME (--csv FILE --schema "col TYPE, ..." | --parquet FILE) [--segment-rows N]
//	provensql query     --db DIR [--out RECEIPT.json] [--json] "SQL" [PARAM ...]
//	provensql verify    RECEIPT.json [--db DIR]
//	provensql bench     [--query Q1] [--rows N,N,...] [--segment-rows N] [--json]
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	gnarklog "github.com/consensys/gnark/logger"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/store"
)

const usage = `provensql — verifiable SQL over committed tables

usage:
  provensql demo      [--db DIR] [--rows N] [--evm [--rpc URL] [--key HEX]]
  provensql export-verifier --sql "SQL" --out DIR [--db DIR] [--one-check]
  provensql post-commitment --db DIR --table NAME --rpc URL --coprocessor ADDR [--one-check ADDR] [--key HEX]
  provensql index     --rpc URL --db DIR [--table erc20_transfers|blocks|transactions|logs] [--from N] [--to N | --follow] [--confirmations N]
  provensql devchain  [--listen 127.0.0.1:8545] [--blocks N] [--mine-every 2s]
  provensql export    --db DIR (--table NAME | --all) --parquet OUT
  provensql ingest    --db DIR --table NAME (--csv FILE --schema "col TYPE, ..." | --parquet FILE) [--segment-rows N]
  provensql query     --db DIR [--out RECEIPT.json] [--json] "SQL" [PARAM ...]
  provensql verify    RECEIPT.json [--db DIR]
  provensql bench     [--query Q1] [--rows N,N,...] [--segment-rows N] [--json]
  provensql serve     --db DIR [--listen 127.0.0.1:7420] [--config FILE]
  provensql keys      circuit --db DIR --out FILE "SQL"          (export a shape's circuit for a ceremony)
  provensql keys      import  --db DIR --pk FILE --vk FILE "SQL"  (install the ceremony's keys)
`

// Accelerator is what an accelerated build plugs into the command: a prover
// of the same proof system and an MSM for commitments and openings. The
// zero value proves and commits on the CPU.
type Accelerator struct {
	// Device names where proofs run, for bench tables ("cpu" when empty).
	Device string
	// Prover replaces the CPU prover (nil: the CPU).
	Prover proofsys.Backend
	// MSM replaces the CPU's multi-scalar multiplication (nil: the CPU).
	MSM commitment.MSM
	// MSM377 replaces the CPU's multi-scalar multiplication over
	// BLS12-377, the one-check path's commitments and openings (nil: the
	// CPU).
	MSM377 kzg377.MSM
	// Parallel is how many segments query and bench prove at once unless
	// --parallel says otherwise (0: one on the direct path; on the
	// one-check path two where the cores and memory allow).
	Parallel int
}

// app is one run of the command with its accelerator.
type app struct{ acc Accelerator }

// device names where this run proves.
func (a *app) device() string {
	if a.acc.Device == "" {
		return "cpu"
	}
	return a.acc.Device
}

// parallel is the default of --parallel: the accelerator's, or 0 (the
// prover's choice: one on the direct path, prover.TwoChainParallel on the
// one-check path).
func (a *app) parallel() int { return max(a.acc.Parallel, 0) }

// slotsUsage is --slots' usage.
const slotsUsage = "the one-check aggregator's least slots (a power of two; 0: the table's segments rounded up): its verifier then serves the table until it outgrows them"

// checkSlots refuses slots (the flag or setting what) that are not 0 or
// a power of two up to prover.MaxOneCheckSlots.
func checkSlots(what string, slots int) error {
	if slots != 0 && !prover.ValidSlots(slots) {
		return usagef("%s %d: want 0 or a power of two up to %d", what, slots, prover.MaxOneCheckSlots)
	}
	return nil
}

// parallelUsage is --parallel's usage.
const parallelUsage = "segments proven at once (0: one, or on the one-check path two where the cores and memory allow)"

// open opens a store with the run's accelerator.
func (a *app) open(dir string, opt provensql.Options) (*provensql.DB, error) {
	opt.Prover, opt.MSM, opt.MSM377, opt.CompileGCPercent = a.acc.Prover, a.acc.MSM, a.acc.MSM377, compileGCPercent()
	return provensql.Open(dir, opt)
}

// openStore opens a bare store (ingest, index) committing with the run's MSM.
func (a *app) openStore(dir string, opt store.Options) (*store.Store, error) {
	opt.MSM, opt.MSM377 = a.acc.MSM, a.acc.MSM377
	return store.Open(dir, opt)
}

// Main runs the command named by os.Args[1] and exits with its status: 0,
// 1 when it failed, 2 on a usage error. Unless GOGC is set, the process
// collects garbage at ProverGCPercent.
func Main(acc Accelerator) {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(ProverGCPercent)
	}
	os.Exit(Run(acc, os.Args[1:]))
}

// ProverGCPercent is the garbage collector's target heap growth (GOGC) the
// command line proves under, instead of Go's 100. A proving process holds
// its keys — gigabytes, pointer-free, so cheap to mark — for its whole
// life, and each proof allocates about as much again in buffers it drops
// soon after; at 100 % the heap grows by the keys' size before a
// collection, so those buffers keep landing on fresh pages the kernel must
// fault in and zero. Measured on Q1 (2 cores), keys cached: at 25 %, one
// 2^20-row segment peaked at 7.9 GB instead of 10.3 and proved in 53 s
// instead of 60; a 2^18-row one 2.0 GB instead of 2.9; sixteen 2^16-row
// segments 0.61 GB instead of 0.91, in the same time. At 15 % against 25
// (two runs each, peak RSS in MiB): one 2^21-row segment 13,926–14,324
// instead of 15,046–15,301, proved in 92.7–94.6 s instead of 97.4–98.1;
// one 2^20-row segment 7,207–7,286 instead of 7,614–7,702; 2^16 rows
// 556–571 instead of 573–592; sixteen 2^16-row segments (one run each)
// 601 instead of 625; the others in the same time. At 10 % the peaks fall
// a little further (6,969–7,066 at 2^20), but 2^21 rows gained nothing
// more. A program embedding the library chooses its own
// (debug.SetGCPercent, GOGC).
const ProverGCPercent = 15

// CompileGCPercent is the garbage collector's target heap growth while a
// circuit compiles or its cached keys load (provensql.Options.
// CompileGCPercent): Go's default. Loading Q1's 2^20-row keys (a 2.2 GB
// proving key beside a 474 MB constraint system, 2 cores, alternated
// four times each with the build before): 5.3–7.5 s instead of 6.7–8.1,
// peak RSS within 1 %.
// Compiling keeps what it allocates, so a low target only marks the same
// growing heap more often. Measured on Q1 (2 cores): 2^18 rows compile in
// 4.1–4.5 s instead of 6.5–7.1; 2^20 rows in 26.9–27.1 s instead of 32.8
// (the same build at 25), with the same peak (the proof's; compiling 2^21
// rows peaks at 11.6 GB, the proof at 16).
const CompileGCPercent = 100

// compileGCPercent is CompileGCPercent, or 0 (leave it) where GOGC is set.
func compileGCPercent() int {
	if _, set := os.LookupEnv("GOGC"); set {
		return 0
	}
	return CompileGCPercent
}

// Run runs one command line (without the program name) and returns its exit status.
func Run(acc Accelerator, args []string) int {
	if len(args) < 1 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	// gnark logs to stdout by default; the CLI reports progress itself.
	// PROVENSQL_GNARK_LOG=1 sends gnark's own log to stderr instead (with
	// ICICLE_STEP_PROFILE set, the GPU prover's step timings).
	if os.Getenv("PROVENSQL_GNARK_LOG") == "1" {
		gnarklog.SetOutput(os.Stderr)
	} else {
		gnarklog.Disable()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{acc: acc}
	cmds := map[string]func(context.Context, []string) error{
		"demo": a.cmdDemo, "ingest": a.cmdIngest, "query": a.cmdQuery, "verify": a.cmdVerify, "bench": a.cmdBench, "keys": a.cmdKeys, "serve": a.cmdServe, "export-verifier": a.cmdExportVerifier, "post-commitment": a.cmdPostCommitment, "index": a.cmdIndex, "devchain": a.cmdDevchain, "export": a.cmdExport,
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		fmt.Print(usage)
		return 0
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "provensql: unknown command %q\n\n%s", name, usage)
		return 2
	}
	if err := cmd(ctx, args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "provensql %s: %v\n", name, err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// parseInterleaved parses flags that may come before or after positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// openExisting opens a store that must already exist (a typo in --db must
// not create an empty store with a fresh SRS).
func (a *app) openExisting(dir string, opt provensql.Options) (*provensql.DB, error) {
	for _, f := range []string{"srs.bin", "tables"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%s is not a ProvenSQL store: %w", dir, err)
		}
	}
	return a.open(dir, opt)
}

// progress renders prover events: one rewritten line on a terminal,
// structured log lines otherwise.
func progress(w *os.File) func(prover.Event) {
	fi, err := w.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	logger := slog.New(slog.NewTextHandler(w, nil))
	start := time.Now()
	return func(e prover.Event) {
		if tty {
			bar := ""
			if e.Total > 0 {
				const width = 24
				filled := e.Done * width / e.Total
				bar = "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "] "
			}
			fmt.Fprintf(w, "\r\033[K%6.1fs %-8s %s%s", time.Since(start).Seconds(), e.Stage, bar, e.Detail)
			if e.Stage == "prove" && e.Done == e.Total && e.Total > 0 {
				fmt.Fprintln(w)
			}
			return
		}
		logger.Info(e.Stage, "detail", e.Detail, "done", e.Done, "total", e.Total, "elapsed", time.Since(start).Round(time.Millisecond).String())
	}
}

func table(w io.Writer, header []string, rows [][]string) {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = len(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len(c))
		}
	}
	line := func(cells []string) {
		for i, c := range cells {
			fmt.Fprintf(w, "| %-*s ", widths[i], c)
		}
		fmt.Fprintln(w, "|")
	}
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
	}
	line(header)
	line(sep)
	for _, r := range rows {
		line(r)
	}
}
