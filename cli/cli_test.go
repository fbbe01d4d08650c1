package cli

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	kzg_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/kzg"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/store"
)

func TestIngestQueryVerify(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	csv := filepath.Join(dir, "t.csv")
	os.WriteFile(csv, []byte("id,amount,who\n1,10,0x00000000000000000000000000000000000000aa\n2,-5,0x00000000000000000000000000000000000000bb\n3,7,0x00000000000000000000000000000000000000aa\n"), 0o644)
	if err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "pay", "--csv", csv, "--schema", "id INT, amount BIGINT, who ADDRESS", "--segment-rows", "8"}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("4,99999999999999999999,0x00000000000000000000000000000000000000aa\n"), 0o644)
	err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "pay", "--csv", bad})
	if err == nil || !strings.Contains(err.Error(), "bad.csv: row 1, column amount") {
		t.Fatalf("bad CSV: %v", err)
	}
	// Parquet: schema from the file.
	pq := filepath.Join(dir, "t.parquet")
	writeParquet(t, pq)
	if err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "pq", "--parquet", pq, "--segment-rows", "4"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.json")
	if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "--out", out, "SELECT COUNT(*), SUM(amount) FROM pay WHERE who = $1", "0x00000000000000000000000000000000000000aa"}); err != nil {
		t.Fatal(err)
	}
	if err := cpuApp.cmdVerify(ctx, []string{out, "--db", db}); err != nil {
		t.Fatal(err)
	}
	if err := cpuApp.cmdVerify(ctx, []string{out}); err != nil {
		t.Fatal(err)
	}
	if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "--json", "SELECT MAX(v), MIN(n) FROM pq WHERE ok"}); err != nil {
		t.Fatal(err)
	}
	// its segments two at a time, the second started once the first has its challenge
	if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "--json", "--parallel", "2", "--ramp-up", "SELECT MAX(v), MIN(n) FROM pq WHERE ok"}); err != nil {
		t.Fatal(err)
	}
	// The shape's Solidity verifier, vk hash and layout.
	ev := filepath.Join(dir, "ev")
	if err := cpuApp.cmdExportVerifier(ctx, []string{"--db", db, "--sql", "SELECT COUNT(*), SUM(amount) FROM pay WHERE who = $1", "--out", ev}); err != nil {
		t.Fatal(err)
	}
	sol, _ := os.ReadFile(filepath.Join(ev, "Verifier.sol"))
	lay, _ := os.ReadFile(filepath.Join(ev, "layout.json"))
	rb, _ := os.ReadFile(out)
	if !strings.Contains(string(sol), "pragma solidity 0.8.30") || !strings.Contains(string(lay), `"partial sum of SUM(amount)"`) {
		t.Fatalf("export-verifier output:\n%s", lay)
	}
	vkh, _ := os.ReadFile(filepath.Join(ev, "vk_hash.txt"))
	if !strings.Contains(string(rb), strings.TrimSpace(string(vkh))) {
		t.Fatal("exported vk hash is not the receipt's")
	}
	// A corrupted receipt fails with the reason.
	b, _ := os.ReadFile(out)
	os.WriteFile(out, []byte(strings.Replace(string(b), `"17"`, `"18"`, 1)), 0o644)
	if err := cpuApp.cmdVerify(ctx, []string{out, "--db", db}); err == nil || !strings.Contains(err.Error(), "result") {
		t.Fatalf("tampered receipt: %v", err)
	}
	os.WriteFile(out, []byte("{not json"), 0o644)
	if err := cpuApp.cmdVerify(ctx, []string{out}); err == nil || !strings.Contains(err.Error(), "malformed JSON") {
		t.Fatalf("corrupt receipt: %v", err)
	}
	if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "SELECT COUNT(*) FROM pay WHERE id = $1"}); err == nil || !strings.Contains(err.Error(), "1 placeholder(s), 0 value(s)") {
		t.Fatalf("missing param: %v", err)
	}
}

func writeParquet(t *testing.T, path string) {
	t.Helper()
	sc := arrow.NewSchema([]arrow.Field{
		{Name: "n", Type: arrow.PrimitiveTypes.Int32}, {Name: "v", Type: arrow.PrimitiveTypes.Uint64}, {Name: "ok", Type: arrow.FixedWidthTypes.Boolean},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	defer b.Release()
	b.Field(0).(*array.Int32Builder).AppendValues([]int32{-3, 4, 9, 2, 8, -1}, nil)
	b.Field(1).(*array.Uint64Builder).AppendValues([]uint64{1, 18446744073709551615, 7, 3, 5, 2}, nil)
	b.Field(2).(*array.BooleanBuilder).AppendValues([]bool{true, true, false, true, false, true}, nil)
	rec := b.NewRecordBatch()
	defer rec.Release()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(sc, f, nil, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLongValuesThroughTheCLI: a CSV with a LONGTEXT and a BYTES column is
// ingested, exported to Parquet and ingested again, queried for rows that
// show long values, and the receipt verifies (alone and against the store).
func TestLongValuesThroughTheCLI(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	csv := filepath.Join(dir, "l.csv")
	long := strings.Repeat("a note well past VARCHAR's 27 bytes ", 3)
	os.WriteFile(csv, []byte("id,note,data\n1,"+long+",0xdeadbeef\n2,short,0x\n3,"+long+",\n"), 0o644)
	if err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "l", "--csv", csv, "--schema", "id INT, note VARCHAR(255), data BYTES NULL", "--segment-rows", "8"}); err != nil {
		t.Fatal(err)
	}
	pq := filepath.Join(dir, "l.parquet")
	if err := cpuApp.cmdExport(ctx, []string{"--db", db, "--table", "l", "--parquet", pq}); err != nil {
		t.Fatal(err)
	}
	if err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "l2", "--parquet", pq, "--segment-rows", "8"}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"l", "l2"} {
		out := filepath.Join(dir, table+".json")
		if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "--out", out, "SELECT id, note, data FROM " + table + " WHERE note = $1", long}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(out)
		if !strings.Contains(string(b), `"long_values"`) || !strings.Contains(string(b), `"0xdeadbeef"`) || !strings.Contains(string(b), long) {
			t.Fatalf("%s: receipt lacks the long values:\n%.600s", table, b)
		}
		if err := cpuApp.cmdVerify(ctx, []string{out, "--db", db}); err != nil {
			t.Fatal(err)
		}
		if err := cpuApp.cmdVerify(ctx, []string{out}); err != nil {
			t.Fatal(err)
		}
	}
}

// cpuApp runs commands as cmd/provensql does: on the CPU.
var cpuApp = &app{}

// TestParallelDefault: --parallel defaults to the accelerator's setting,
// and without one to 0, the prover's choice (one segment at a time on the
// direct path).
func TestParallelDefault(t *testing.T) {
	for _, c := range []struct {
		acc  Accelerator
		want int
	}{
		{Accelerator{}, 0},
		{Accelerator{Parallel: 2}, 2},
		{Accelerator{Parallel: -1}, 0},
	} {
		if got := (&app{acc: c.acc}).parallel(); got != c.want {
			t.Errorf("Accelerator{Parallel: %d}: --parallel defaults to %d, want %d", c.acc.Parallel, got, c.want)
		}
	}
}

// TestCompileGCPercentLeavesAUsersGOGC: the command line compiles at
// CompileGCPercent unless GOGC is set, which then rules compiling too.
func TestCompileGCPercentLeavesAUsersGOGC(t *testing.T) {
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	if got := compileGCPercent(); got != CompileGCPercent {
		t.Errorf("without GOGC: %d, want %d", got, CompileGCPercent)
	}
	t.Setenv("GOGC", "50")
	if got := compileGCPercent(); got != 0 {
		t.Errorf("with GOGC=50: %d, want 0 (left to GOGC)", got)
	}
}

// TestOneCheckVerifyRefusals: verify --one-check needs the store (the
// table's commitments and the trusted key are its), refuses a file that
// is not a one-check proof (a receipt, broken JSON), and, where the store
// has no cached one-check keys for the query, says so rather than set
// them up. (Proving one takes the BN254 wrapper's minutes: the benchmark
// and bench --one-check do.) export-verifier --one-check refuses the same
// way.
func TestOneCheckVerifyRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	csv := filepath.Join(dir, "t.csv")
	os.WriteFile(csv, []byte("id,amount\n1,10\n2,-5\n3,7\n"), 0o644)
	if err := cpuApp.cmdIngest(ctx, []string{"--db", db, "--table", "pay", "--csv", csv, "--schema", "id INT, amount BIGINT", "--segment-rows", "8"}); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "r.json")
	if err := cpuApp.cmdQuery(ctx, []string{"--db", db, "--out", rc, "SELECT COUNT(*) FROM pay WHERE amount > $1", "0"}); err != nil {
		t.Fatal(err)
	}
	// a one-check proof of the query whose keys this store never set up
	oc := filepath.Join(dir, "oc.json")
	fake := &prover.OneCheck{Kind: prover.OneCheckKind, SQL: "SELECT COUNT(*) FROM pay WHERE amount > $1", Params: []string{"0"}, Table: "pay", Segments: 1}
	if err := fake.WriteFile(oc); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte("{not json"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no store", []string{"--one-check", oc}, "needs --db"},
		{"a receipt", []string{"--one-check", rc, "--db", db}, "not a one-check proof"},
		{"broken JSON", []string{"--one-check", broken, "--db", db}, "broken.json: not a one-check proof"},
		{"no cached keys", []string{"--one-check", oc, "--db", db}, "no cached two-chain keys"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := cpuApp.cmdVerify(ctx, c.args)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
	// nor does exporting its verifier set anything up
	out := filepath.Join(dir, "verifier")
	err := cpuApp.cmdExportVerifier(ctx, []string{"--db", db, "--sql", "SELECT COUNT(*) FROM pay WHERE amount > $1", "--out", out, "--one-check"})
	if err == nil || !strings.Contains(err.Error(), "no cached two-chain keys") {
		t.Fatalf("export-verifier --one-check without keys: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("export-verifier --one-check wrote its directory without a key")
	}
}

// TestOneCheckLayout: export-verifier --one-check's layout lists the
// proof's outputs as the wrapper exposes them — COUNT and SUM in two
// words, MIN and the parameter in one, the table digest in two — and the
// registration registerShape takes (the slots of the table's segments).
func TestOneCheckLayout(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csv := filepath.Join(dir, "t.csv")
	os.WriteFile(csv, []byte("id,amount,v\n1,10,7\n2,-5,115792089237316195423570985008687907853269984665640564039457584007913129639935\n"), 0o644)
	if err := cpuApp.cmdIngest(ctx, []string{"--db", dir, "--table", "pay", "--csv", csv, "--schema", "id INT, amount BIGINT, v UINT256", "--segment-rows", "8"}); err != nil {
		t.Fatal(err)
	}
	db, err := provensql.Open(dir, provensql.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sql    string
		inputs []string
		kinds  []int
		params int
	}{
		{"SELECT COUNT(*), SUM(amount), MIN(amount) FROM pay WHERE amount > $1",
			[]string{"count (low 192 bits)", "count (high bits)", "sum (low 192 bits)", "sum (high bits)", "min", "param[0]", "table digest (low 192 bits)", "table digest (high bits)"},
			[]int{0, 1, 2}, 1},
		// a UINT256's MAX: one value, two words; its SUM: a sum a limb
		{"SELECT COUNT(*), MAX(v), SUM(v) FROM pay",
			[]string{"count (low 192 bits)", "count (high bits)", "sum (low 192 bits)", "sum (high bits)", "sum (low 192 bits)", "sum (high bits)",
				"max (UINT256) (low 192 bits)", "max (UINT256) (high bits)", "table digest (low 192 bits)", "table digest (high bits)"},
			[]int{0, 4, 5, 1, 1}, 0},
		// a UINT256 parameter: its two limbs, two words
		{"SELECT COUNT(*) FROM pay WHERE v > $1",
			[]string{"count (low 192 bits)", "count (high bits)", "param[0]", "param[1]", "table digest (low 192 bits)", "table digest (high bits)"},
			[]int{0}, 2},
	} {
		t.Run(c.sql, func(t *testing.T) {
			plan, err := db.Shape(c.sql)
			if err != nil {
				t.Fatal(err)
			}
			l := oneCheckLayoutOf(plan, []byte("key"), 3, 0) // three segments: four slots
			if more := oneCheckLayoutOf(plan, []byte("key"), 3, 8); more.Slots != 8 {
				t.Fatalf("three segments, at least 8 slots asked for: %d slots", more.Slots)
			}
			if !slices.Equal(l.Outputs, c.inputs) {
				t.Fatalf("outputs %q, want %q", l.Outputs, c.inputs)
			}
			if !slices.Equal(l.PartialKinds, c.kinds) || l.Params != c.params || l.Segments != 3 || l.Slots != 4 || l.Table != "pay" {
				t.Fatalf("registration %+v", l)
			}
			// what the entry reads is what the aggregator exposes
			agg := prover.TwoChainLayout(plan, circuits.Size{LogN: 3, RowPoints: true}).OutputWidths()
			if entry := contracts.OneCheckOutputWidths(contracts.OneCheckKindsOf(plan), c.params); !slices.Equal(agg, entry) {
				t.Fatalf("the aggregator's output widths %v, the entry's %v", agg, entry)
			}
		})
	}
}

// TestIngestSRS377: ingest --srs377 imports a ceremony's BLS12-377 SRS
// into the store at once (a later run opens it without the flag), and
// refuses a second one: the one-check keys and commitments depend on it.
func TestIngestSRS377(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	csv := filepath.Join(dir, "t.csv")
	os.WriteFile(csv, []byte("id,amount\n1,10\n2,-5\n"), 0o644)
	k, err := kzg_bls12377.NewSRS(9, big.NewInt(4242))
	if err != nil {
		t.Fatal(err)
	}
	ceremony := filepath.Join(dir, "c377.srs")
	f, err := os.Create(ceremony)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	args := []string{"--db", db, "--table", "pay", "--csv", csv, "--schema", "id INT, amount BIGINT", "--segment-rows", "8", "--srs377", ceremony}
	if err := cpuApp.cmdIngest(ctx, args); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srs, err := st.SRS377()
	if err != nil {
		t.Fatal(err)
	}
	if tau := srs.TauG1(); srs.Unsafe || !tau.Equal(&k.Pk.G1[1]) {
		t.Fatal("the store's BLS12-377 SRS is not the ceremony's")
	}
	if err := cpuApp.cmdIngest(ctx, args); err == nil || !strings.Contains(err.Error(), "has a BLS12-377 SRS already") {
		t.Fatalf("a second --srs377: %v", err)
	}
}

// TestCheckSlots: --slots is 0 or a power of two up to
// prover.MaxOneCheckSlots; anything else is a usage error naming it.
func TestCheckSlots(t *testing.T) {
	for _, c := range []struct {
		slots int
		ok    bool
	}{{0, true}, {1, true}, {8, true}, {prover.MaxOneCheckSlots, true}, {3, false}, {-1, false}, {prover.MaxOneCheckSlots * 2, false}} {
		err := checkSlots("--slots", c.slots)
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), "--slots "+strconv.Itoa(c.slots))) {
			t.Errorf("--slots %d: %v", c.slots, err)
		}
	}
}
