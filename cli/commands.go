package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

func (a *app) cmdDemo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (default: a demo store in the user cache directory)")
	rows := fs.Int("rows", 1<<12, "rows of erc20_transfers to generate (a power of two)")
	evm := fs.Bool("evm", false, "then verify the proof on an EVM: in-process simulated chain, or --rpc")
	rpc := fs.String("rpc", "", "with --evm: JSON-RPC URL of a node to use instead of the simulated chain")
	key := fs.String("key", "", "with --rpc: hex private key of a funded account (default $PROVENSQL_EVM_KEY; anvil's dev key on chain 31337)")
	contractsDir := fs.String("contracts", "contracts", "with --evm: the contracts directory (npm ci --prefix contracts installs solc-js)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *rpc != "" && !*evm {
		return usagef("--rpc needs --evm")
	}
	logCap, err := store.LogCapacityFor(*rows)
	if err != nil {
		return usagef("--rows: %v", err)
	}
	if *dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		*dir = demoDir(cache, *rows)
	}
	db, err := a.open(*dir, provensql.Options{SRSSize: max(*rows, 1<<12), Progress: progress(os.Stderr)})
	if err != nil {
		return err
	}
	data := datagen.ERC20Transfers(*rows, 1)
	m, err := db.Store().Manifest(datagen.TableName)
	switch {
	case errors.Is(err, store.ErrNoTable):
		fmt.Fprintf(os.Stderr, "generating %d rows of %s (seed 1) and committing them in %s\n", *rows, datagen.TableName, *dir)
		if m, err = db.Store().Append(data.Table, logCap, data.Cols); err != nil {
			return err
		}
	case err != nil:
		return err
	case m.Rows != *rows:
		return fmt.Errorf("%s already holds %d rows of %s; use another --db", *dir, m.Rows, datagen.TableName)
	}
	params := data.Q1Params()
	fmt.Printf("query:   %s\nparams:  %v\n", datagen.Q1, params)
	res, err := db.Prove(ctx, datagen.Q1, params...)
	if err != nil {
		return err
	}
	t0 := time.Now()
	rep, err := db.Verify(res.Receipt)
	if err != nil {
		return fmt.Errorf("verification failed: %w", err)
	}
	verifyTime := time.Since(t0)
	fmt.Println()
	printResult(res.Receipt)
	tm := res.Timings
	fmt.Printf("\ntable commitment: %s (%d rows, %d segment(s) of %d)\n", rep.Digest, m.Rows, len(m.Segments), m.Capacity())
	fmt.Printf("backend:          %s, %d constraints (%.1f per row), vk %s\n", res.Receipt.Backend, tm.Constraints, float64(tm.Constraints)/float64(m.Capacity()), rep.VKHash[:16])
	if tm.FromCache {
		fmt.Printf("compile + setup:  cached (keys loaded from %s in %v)\n", filepath.Join(*dir, "keys"), tm.KeysLoad.Round(time.Millisecond))
	} else {
		fmt.Printf("compile:          %v\nsetup:            %v\n", tm.Compile.Round(time.Millisecond), tm.Setup.Round(time.Millisecond))
	}
	fmt.Printf("prove:            %v\nverify:           %v — VERIFIED\n", tm.Prove.Round(time.Millisecond), verifyTime.Round(time.Millisecond))
	for _, w := range rep.Warnings {
		fmt.Println("warning:", w)
	}
	if *evm {
		return demoEVM(ctx, db, res, m, evmOptions{rpc: *rpc, key: *key, contractsDir: *contractsDir})
	}
	return nil
}

func printResult(rc *receipt.Receipt) {
	header := make([]string, len(rc.Columns))
	for i, c := range rc.Columns {
		header[i] = c.Name
	}
	table(os.Stdout, header, rc.Rows)
}

// printRows prints a plan's result rows under its column names.
func printRows(plan *planner.Plan, rows [][]string) {
	var header []string
	for _, c := range plan.ResultColumns() {
		header = append(header, c.Name)
	}
	table(os.Stdout, header, rows)
}

func (a *app) cmdIngest(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	name := fs.String("table", "", "table name (required)")
	csvPath := fs.String("csv", "", "CSV file to load")
	pqPath := fs.String("parquet", "", "Parquet file to load (schema from the file)")
	schemaText := fs.String("schema", "", `schema of the CSV: "col TYPE, col TYPE, ..."`)
	segRows := fs.Int("segment-rows", 1<<store.DefaultLogCapacity, "segment capacity of a new table (a power of two)")
	srsFile := fs.String("srs", "", "ceremony KZG SRS for a new store (default: an UNSAFE local one)")
	srs377File := fs.String("srs377", "", "ceremony KZG SRS over BLS12-377 for the one-check path of a store that has none yet (default: an UNSAFE local one, made on first use)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if *dir == "" || *name == "" {
		return usagef("--db and --table are required")
	}
	if !schema.ValidIdentifier(*name) {
		return usagef("--table: %q is not a valid table name", *name)
	}
	if (*csvPath == "") == (*pqPath == "") {
		return usagef("give exactly one of --csv and --parquet")
	}
	logCap, err := store.LogCapacityFor(*segRows)
	if err != nil {
		return usagef("--segment-rows: %v", err)
	}
	st, err := a.openStore(*dir, store.Options{SRSSize: max(*segRows, store.DefaultSRSSize), SRSFile: *srsFile, SRS377File: *srs377File})
	if err != nil {
		return err
	}
	if *srs377File != "" {
		// imported now: a later run opens the store without the flag
		if _, err := os.Stat(store.SRS377Path(*dir)); err == nil {
			return fmt.Errorf("--srs377: the store %s has a BLS12-377 SRS already (its one-check keys and commitments depend on it)", *dir)
		}
		if _, err := st.SRS377(); err != nil {
			return err
		}
	}
	var cols []schema.Column
	var data [][]fr.Element
	var blobs schema.Blobs
	if *csvPath != "" {
		if *schemaText == "" {
			if s, err := st.Schema(*name); err == nil {
				cols = s.Columns
			} else {
				return usagef("--schema is required for a new table loaded from CSV")
			}
		} else if cols, err = schema.ParseColumns(*schemaText); err != nil {
			return usagef("--schema: %v", err)
		}
		if data, blobs, err = store.ReadCSV(*csvPath, cols); err != nil {
			return err
		}
	} else if cols, data, blobs, err = store.ReadParquet(*pqPath); err != nil {
		return err
	}
	m, err := st.AppendBlobs(&schema.Table{Name: *name, Columns: cols}, logCap, data, blobs, nil)
	if err != nil {
		return err
	}
	tc := m.Commitment()
	digest, _ := tc.Digest()
	fmt.Printf("table %s: %d rows appended, %d rows in %d segment(s) of %d\ncommitment: %s\n", *name, len(data[0]), m.Rows, len(m.Segments), m.Capacity(), digest)
	return nil
}

// rampUpUsage is the --ramp-up flag's help (query and bench).
const rampUpUsage = "start the first --parallel segments one after another, each once the one before has its challenge"

func (a *app) cmdQuery(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	out := fs.String("out", "", "write the receipt to this file")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	parallel := fs.Int("parallel", a.parallel(), parallelUsage)
	rampUp := fs.Bool("ramp-up", false, rampUpUsage)
	oneCheck := fs.Bool("one-check", false, "prove for one on-chain check whatever the segments (the two-chain path; --out writes the one-check proof)")
	slots := fs.Int("slots", 0, slotsUsage)
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" || fs.NArg() < 1 {
		return usagef("want --db DIR \"SQL\" [PARAM ...]")
	}
	if err := checkSlots("--slots", *slots); err != nil {
		return err
	}
	db, err := a.openExisting(*dir, provensql.Options{Progress: progress(os.Stderr), Parallel: *parallel, RampUp: *rampUp, OneCheckSlots: *slots})
	if err != nil {
		return err
	}
	if *oneCheck {
		oc, plan, err := db.ProveOneCheck(ctx, fs.Arg(0), fs.Args()[1:]...)
		if err != nil {
			return err
		}
		if *out != "" {
			if err := oc.WriteFile(*out); err != nil {
				return fmt.Errorf("writing the one-check proof: %w", err)
			}
			fmt.Fprintf(os.Stderr, "one-check proof written to %s\n", *out)
		}
		if *asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			outputs := make([]string, len(oc.Outputs)) // decimal strings, as in the proof's file
			for i, v := range oc.Outputs {
				outputs[i] = v.String()
			}
			return enc.Encode(map[string]any{"rows": oc.Rows, "segments": oc.Segments, "outputs": outputs})
		}
		printRows(plan, oc.Rows)
		for _, w := range oc.Warnings() {
			fmt.Fprintln(os.Stderr, "warning:", w)
		}
		return nil
	}
	res, err := db.Prove(ctx, fs.Arg(0), fs.Args()[1:]...)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := res.Receipt.WriteFile(*out); err != nil {
			return fmt.Errorf("writing receipt: %w", err)
		}
		fmt.Fprintf(os.Stderr, "receipt written to %s\n", *out)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{
			"columns": res.Receipt.Columns, "rows": res.Receipt.Rows,
			"table_commitments": res.Receipt.TableCommitments, "shape_hash": res.Receipt.ShapeHash,
			"vk_hash": res.Receipt.VKHash, "backend": res.Receipt.Backend,
			"constraints": res.Timings.Constraints, "prove_s": res.Timings.Prove.Seconds(),
			// segments the window holds no row of have no proof, and those
			// before and after its rows are left out
			"segments": len(res.Receipt.Segments), "proven": res.Receipt.Proven(),
			"first_segment": res.Receipt.FirstSegment, "left_out": res.Receipt.LeftOut(),
		})
	}
	printResult(res.Receipt)
	if n, k := len(res.Receipt.Segments), res.Receipt.Proven(); k < n {
		fmt.Fprintf(os.Stderr, "%d segment proof(s); %d segment(s) shown by their window alone need none\n", k, n-k)
	}
	if out := res.Receipt.LeftOut(); out > 0 {
		fmt.Fprintf(os.Stderr, "segments %d to %d of %d proven; the %d others lie before or after the window's rows and are left out\n", res.Receipt.FirstSegment, res.Receipt.FirstSegment+len(res.Receipt.Segments)-1, len(res.Receipt.Table.Segments), out)
	}
	if res.Receipt.UnsafeSetup || res.Receipt.UnsafeSRS {
		fmt.Fprintln(os.Stderr, "warning: UNSAFE local setup/SRS (tests and demos only)")
	}
	return nil
}

func (a *app) cmdVerify(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	dir := fs.String("db", "", "store whose keys, SRS and table history the receipt must match")
	oneCheck := fs.Bool("one-check", false, "the file is a one-check proof (query --one-check), checked against --db's table commitments and cached keys")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want RECEIPT.json [--db DIR]")
	}
	if *oneCheck {
		if *dir == "" {
			return usagef("--one-check needs --db DIR: the table's commitments and the trusted key are the store's")
		}
		oc, err := prover.ReadOneCheck(pos[0])
		if err != nil {
			return err
		}
		db, err := a.openExisting(*dir, provensql.Options{})
		if err != nil {
			return err
		}
		rows, err := db.VerifyOneCheck(oc)
		if err != nil {
			return err
		}
		fmt.Printf("VERIFIED against store %s: one check over %d segment(s) of table %s\n", *dir, oc.Segments, oc.Table)
		plan, err := db.Plan(oc.SQL, oc.Params...)
		if err != nil {
			return err
		}
		printRows(plan, rows)
		for _, w := range oc.Warnings() {
			fmt.Println("warning:", w)
		}
		return nil
	}
	rc, err := receipt.ReadFile(pos[0])
	if err != nil {
		return err
	}
	if *dir != "" {
		db, err := a.openExisting(*dir, provensql.Options{})
		if err != nil {
			return err
		}
		r, err := db.Verify(rc)
		if err != nil {
			return err
		}
		fmt.Printf("VERIFIED against store %s\n%s, vk %s, %s\n", *dir, tablesLine(r), r.VKHash, segmentsLine(r))
		for _, w := range r.Warnings {
			fmt.Println("warning:", w)
		}
		return nil
	}
	r, err := provensql.Verify(rc)
	if err != nil {
		return err
	}
	fmt.Printf("VERIFIED\n%s, vk %s, srs %s, %s\n", tablesLine(r), r.VKHash, r.SRSHash, segmentsLine(r))
	for _, w := range r.Warnings {
		fmt.Println("warning:", w)
	}
	return nil
}

// demoDir is the demo store for a row count, named after the data set's
// schema so a changed schema never reuses an old store.
func demoDir(cache string, rows int) string {
	h := datagen.Schema().Hash()
	return filepath.Join(cache, "provensql", fmt.Sprintf("demo-%x-%d", h[:4], rows))
}

// tablesLine names the tables a verified receipt is about, with their commitments.
func tablesLine(r *verifier.Report) string {
	line := fmt.Sprintf("table %s commitment %s", r.Table, r.Digest)
	if r.Joined != "" {
		line += fmt.Sprintf(", joined with table %s commitment %s", r.Joined, r.JoinedDigest)
	}
	return line
}

// segmentsLine says how many segment proofs a report's receipt held, how
// many segments its window's values showed without one, and how many it
// left out.
func segmentsLine(r *verifier.Report) string {
	line := fmt.Sprintf("%d segment proof(s)", r.Segments-r.WindowOnly)
	if r.WindowOnly > 0 {
		line += fmt.Sprintf(", %d segment(s) shown by their window alone (its opened ends: no row of them in it, or only their count asked)", r.WindowOnly)
	}
	if r.LeftOut > 0 {
		line += fmt.Sprintf(", %d segment(s) left out (before or after the window's rows on the SORTED column)", r.LeftOut)
	}
	return line
}
