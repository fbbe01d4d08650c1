// Command provensql is the ProvenSQL command line: prove SQL over committed
// tables and verify the receipts.
//
//	provensql demo      [--db DIR] [--rows N] [--evm [--rpc URL] [--key HEX]]
//	provensql export-verifier --sql "SQL" --out DIR [--db DIR]
//	provensql ingest    --db DIR --table NAME (--csv FILE --schema "col TYPE, ..." | --parquet FILE) [--segment-rows N]
//	provensql query     --db DIR [--out RECEIPT.json] [--json] "SQL" [PARAM ...]
//	provensql verify    RECEIPT.json [--db DIR]
//	provensql bench     [--query Q1] [--rows N,N,...] [--segment-rows N] [--json]
package main

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
	"strings"
	"syscall"
	"time"

	gnarklog "github.com/consensys/gnark/logger"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/prover"
)

const usage = `provensql — verifiable SQL over committed tables

usage:
  provensql demo      [--db DIR] [--rows N] [--evm [--rpc URL] [--key HEX]]
  provensql export-verifier --sql "SQL" --out DIR [--db DIR]
  provensql post-commitment --db DIR --table NAME --rpc URL --coprocessor ADDR [--key HEX]
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

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	// gnark logs to stdout by default; the CLI reports progress itself.
	gnarklog.Disable()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmds := map[string]func(context.Context, []string) error{
		"demo": cmdDemo, "ingest": cmdIngest, "query": cmdQuery, "verify": cmdVerify, "bench": cmdBench, "keys": cmdKeys, "serve": cmdServe, "export-verifier": cmdExportVerifier, "post-commitment": cmdPostCommitment, "index": cmdIndex, "devchain": cmdDevchain, "export": cmdExport,
	}
	name := os.Args[1]
	if name == "-h" || name == "--help" || name == "help" {
		fmt.Print(usage)
		return
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "provensql: unknown command %q\n\n%s", name, usage)
		os.Exit(2)
	}
	if err := cmd(ctx, os.Args[2:]); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(os.Stderr, "provensql %s: %v\n", name, err)
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "provensql %s: %v\n", name, err)
		os.Exit(1)
	}
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
func openExisting(dir string, opt provensql.Options) (*provensql.DB, error) {
	for _, f := range []string{"srs.bin", "tables"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%s is not a ProvenSQL store: %w", dir, err)
		}
	}
	return provensql.Open(dir, opt)
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
