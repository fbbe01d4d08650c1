package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	kzg_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/kzg"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

var tbl = &schema.Table{Name: "x", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "who", Type: schema.Address}}}

func rowsFrom(start, n int) [][]fr.Element {
	cols := make([][]fr.Element, 2)
	for i := start; i < start+n; i++ {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(i*7-50))))
		cols[1] = append(cols[1], schema.Encode(new(big.Int).Lsh(big.NewInt(int64(i+1)), 100)))
	}
	return cols
}

func TestAppendKeepsEarlierCommitmentsAndMatchesOneShot(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	m1, err := st.Append(tbl, 3, rowsFrom(0, 11)) // one full segment of 8, one of 3
	if err != nil {
		t.Fatal(err)
	}
	m2, err := st.Append(tbl, 3, rowsFrom(11, 9)) // fills segment 1, opens segment 2
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m1.Segments[0].Commitments) != fmt.Sprint(m2.Segments[0].Commitments) || m1.Segments[0].File != m2.Segments[0].File {
		t.Fatal("appending changed a full segment")
	}
	if len(m2.Segments) != 3 || m2.Rows != 20 || len(m2.History) != 2 {
		t.Fatalf("segments %d rows %d history %d", len(m2.Segments), m2.Rows, len(m2.History))
	}
	// One-shot ingest of the same rows (same SRS) gives the same commitments.
	dir2 := t.TempDir()
	srs, _ := os.ReadFile(filepath.Join(dir, "srs.bin"))
	os.WriteFile(filepath.Join(dir2, "srs.bin"), srs, 0o644)
	st2, err := Open(dir2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := rowsFrom(0, 20)
	m3, err := st2.Append(tbl, 3, all)
	if err != nil {
		t.Fatal(err)
	}
	tc2, tc3 := m2.Commitment(), m3.Commitment()
	d2, _ := tc2.Digest()
	d3, _ := tc3.Digest()
	if d2 != d3 {
		t.Fatal("incremental and one-shot ingest commit differently")
	}
	// Reopening gives the same commitments and data.
	st4, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m4, err := st4.Manifest("x")
	if err != nil {
		t.Fatal(err)
	}
	tc4 := m4.Commitment()
	if d4, _ := tc4.Digest(); d4 != d2 {
		t.Fatal("reopened store has other commitments")
	}
	cols, err := st4.LoadSegment(m4, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !cols[0][2].Equal(&all[0][10]) || !cols[1][7].Equal(&all[1][15]) {
		t.Fatal("segment data differs after reopen")
	}
	// A commitment recomputed from the data equals the stored one.
	c, err := st4.SRS().CommitRows(nil, 8, 0, cols[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", c.Bytes()); got != m4.Segments[1].Commitments[0] {
		t.Fatal("stored commitment is not the MSM of the data")
	}
}

func TestCorruptSegmentIsReportedAndFailedAppendLosesNothing(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Append(tbl, 3, rowsFrom(0, 5))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "tables", "x", m.Segments[0].File)
	good, _ := os.ReadFile(path)
	bad := append([]byte(nil), good...)
	bad[len(bad)/2] ^= 1
	os.WriteFile(path, bad, 0o644)
	_, err = st.LoadSegment(m, 0)
	if err == nil || !strings.Contains(err.Error(), "segment 0") || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("corrupt segment: %v", err)
	}
	// Appending to the corrupt last segment fails and changes nothing.
	if _, err := st.Append(tbl, 3, rowsFrom(5, 2)); err == nil {
		t.Fatal("append over a corrupt segment succeeded")
	}
	m2, err := st.Manifest("x")
	if err != nil || m2.Rows != 5 {
		t.Fatalf("manifest after failed append: %v rows=%d", err, m2.Rows)
	}
	got, _ := os.ReadFile(path)
	if string(got) != string(bad) {
		t.Fatal("failed append touched the segment file")
	}
}

func TestCSVErrorsNameFileRowAndColumn(t *testing.T) {
	cols := []schema.Column{{Name: "a", Type: schema.TinyInt}, {Name: "who", Type: schema.Address}, {Name: "ok", Type: schema.Boolean}}
	cases := []struct{ csv, want string }{
		{"a,who,ok\n1,0x00000000000000000000000000000000000000aa,true\n300,0x00000000000000000000000000000000000000aa,true\n", "data.csv: row 3, column a: 300 is out of range for TINYINT"},
		{"1,0x00000000000000000000000000000000000000aa,true\n2,0xzz,false\n", "data.csv: row 2, column who"},
		{"1,0x00000000000000000000000000000000000000aa,maybe\n", "row 1, column ok"},
		{"1,0x00000000000000000000000000000000000000aa\n", "row 1: 2 fields, schema has 3 columns"},
		{"x,0x00000000000000000000000000000000000000aa,true\n", "not an integer"},
	}
	for _, tc := range cases {
		_, err := DecodeCSV(strings.NewReader(tc.csv), "data.csv", cols)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.csv, err, tc.want)
		}
	}
	vals, err := DecodeCSV(strings.NewReader("a,who,ok\n-128,0xffffffffffffffffffffffffffffffffffffffff,false\n127,0x0000000000000000000000000000000000000001,1\n"), "ok.csv", cols)
	if err != nil || len(vals[0]) != 2 {
		t.Fatalf("valid CSV: %v", err)
	}
}

func TestSchemaMismatchOnAppend(t *testing.T) {
	st, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(tbl, 3, rowsFrom(0, 2)); err != nil {
		t.Fatal(err)
	}
	other := &schema.Table{Name: "x", Columns: []schema.Column{{Name: "a", Type: schema.Int}, {Name: "who", Type: schema.Address}}}
	if _, err := st.Append(other, 3, rowsFrom(0, 2)); err == nil || !strings.Contains(err.Error(), "schema differs") {
		t.Fatalf("schema mismatch: %v", err)
	}
	if _, err := st.Append(&schema.Table{Name: "big", Columns: tbl.Columns}, 10, rowsFrom(0, 2)); err == nil {
		t.Fatal("capacity beyond the SRS accepted")
	}
}

func TestParquetExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Append(tbl, 3, rowsFrom(0, 13))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "x.parquet")
	n, err := st.ExportParquet("x", path)
	if err != nil || n != 13 {
		t.Fatalf("export: %d rows, %v", n, err)
	}
	cols, data, _, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	back, err := st.Append(&schema.Table{Name: "y", Columns: cols}, 3, data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Segments {
		if fmt.Sprint(m.Segments[i].Commitments) != fmt.Sprint(back.Segments[i].Commitments) {
			t.Fatalf("segment %d commits differently after a Parquet round trip", i)
		}
	}
}

// TIMESTAMP columns: CSV in date-time or epoch form, refused when not a
// whole-second time in range, and unchanged through Arrow IPC and Parquet.
func TestTimestampColumns(t *testing.T) {
	cols := []schema.Column{{Name: "ts", Type: schema.Timestamp}, {Name: "v", Type: schema.Int}}
	for _, tc := range []struct{ csv, want string }{
		{"ts,v\n2024-01-01 00:00:00,1\n2024-02-30 00:00:00,2\n", "ts.csv: row 3, column ts"},
		{"2024-01-01 00:00:00.250,1\n", "fractions of a second"},
		{"1969-12-31,1\n", "outside TIMESTAMP's range"},
		{"10000-01-01,1\n", "not a TIMESTAMP"},
		{"-5,1\n", "out of range for TIMESTAMP"},
	} {
		if _, err := DecodeCSV(strings.NewReader(tc.csv), "ts.csv", cols); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.csv, err, tc.want)
		}
	}
	data, err := DecodeCSV(strings.NewReader("ts,v\n2024-01-01 00:00:00,1\n2024-03-05T10:20:30Z,2\n1700000000,3\n2024-06-01,4\n"), "ok.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2024-01-01 00:00:00", "2024-03-05 10:20:30", "2023-11-14 22:13:20", "2024-06-01 00:00:00"}
	for i, w := range want {
		if got := schema.Timestamp.FormatValue(schema.DecodeSigned(&data[0][i])); got != w {
			t.Fatalf("row %d: %s, want %s", i, got, w)
		}
	}
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	tt := &schema.Table{Name: "ev", Columns: cols}
	m, err := st.Append(tt, 3, data)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := st.LoadSegment(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data[0] {
		if !loaded[0][i].Equal(&data[0][i]) {
			t.Fatalf("row %d changed through Arrow IPC", i)
		}
	}
	path := filepath.Join(dir, "ev.parquet")
	if _, err := st.ExportParquet("ev", path); err != nil {
		t.Fatal(err)
	}
	pc, back, _, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	if pc[0].Type != schema.Timestamp {
		t.Fatalf("Parquet column type %v", pc[0].Type)
	}
	for i := range data[0] {
		if !back[0][i].Equal(&data[0][i]) {
			t.Fatalf("row %d changed through Parquet", i)
		}
	}
}

// UINT256 columns: a CSV value becomes two committed 128-bit limb columns,
// values beyond 2^256 or negative are refused, and Parquet carries the whole
// value as fixed_size_binary[32].
func TestUint256Columns(t *testing.T) {
	cols, err := schema.ParseColumns("amount UINT256, n INT")
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 3 || cols[1].Type != schema.Uint256High || cols[1].Name != "amount.hi" {
		t.Fatalf("columns %v", cols)
	}
	for _, tc := range []struct{ csv, want string }{
		{"amount,n\n-1,1\n", "row 2, column amount"},
		{"115792089237316195423570985008687907853269984665640564039457584007913129639936,1\n", "out of range for UINT256"},
		{"0xzz,1\n", "not a UINT256"},
		{"1,2,3\n", "3 fields, schema has 2 columns"},
	} {
		if _, err := DecodeCSV(strings.NewReader(tc.csv), "u.csv", cols); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.csv, err, tc.want)
		}
	}
	max := "115792089237316195423570985008687907853269984665640564039457584007913129639935"
	data, err := DecodeCSV(strings.NewReader("amount,n\n"+max+",1\n0x100000000000000000000000000000001,2\n5,3\n"), "u.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{max, "340282366920938463463374607431768211457", "5"}
	for i, w := range want {
		lo, hi := data[0][i].BigInt(new(big.Int)), data[1][i].BigInt(new(big.Int))
		if got := schema.JoinUint256(lo, hi).String(); got != w {
			t.Fatalf("row %d: %s, want %s", i, got, w)
		}
	}
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(&schema.Table{Name: "bad", Columns: cols[:1]}, 3, data[:1]); err == nil || !strings.Contains(err.Error(), "high-limb column") {
		t.Fatalf("UINT256 without its high limb: %v", err)
	}
	if _, err := st.Append(&schema.Table{Name: "u", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "u.parquet")
	if _, err := st.ExportParquet("u", path); err != nil {
		t.Fatal(err)
	}
	pc, back, _, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(pc) != fmt.Sprint(cols) {
		t.Fatalf("Parquet columns %v, want %v", pc, cols)
	}
	for c := range data {
		for i := range data[c] {
			if !back[c][i].Equal(&data[c][i]) {
				t.Fatalf("column %d row %d changed through Parquet", c, i)
			}
		}
	}
}

// Append refuses a field element outside its column type's range, whatever
// path the values came by: the circuits' comparisons rely on the ranges.
func TestAppendRefusesOutOfRangeValues(t *testing.T) {
	st, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	small := &schema.Table{Name: "s", Columns: []schema.Column{{Name: "a", Type: schema.TinyInt}}}
	for _, v := range []*big.Int{big.NewInt(128), big.NewInt(-129), new(big.Int).Lsh(big.NewInt(1), 200)} {
		_, err := st.Append(small, 3, [][]fr.Element{{schema.Encode(big.NewInt(1)), schema.Encode(v)}})
		if err == nil || !strings.Contains(err.Error(), "row 2, column a: value") {
			t.Fatalf("value %s: %v", v, err)
		}
	}
	limb := &schema.Table{Name: "u", Columns: schema.WithLimbs([]schema.Column{{Name: "x", Type: schema.Uint256}})}
	if _, err := st.Append(limb, 3, [][]fr.Element{{schema.Encode(new(big.Int).Lsh(big.NewInt(1), 128))}, {schema.Encode(big.NewInt(0))}}); err == nil || !strings.Contains(err.Error(), "out of range for UINT256") {
		t.Fatalf("a 129-bit limb: %v", err)
	}
}

// BYTES32 columns: limbs like UINT256; Parquet keeps them BYTES32 through
// ProvenSQL's own export (its Arrow schema says so).
func TestBytes32Columns(t *testing.T) {
	cols, err := schema.ParseColumns("hash BYTES32")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeCSV(strings.NewReader("0x12\n"), "h.csv", cols); err == nil || !strings.Contains(err.Error(), "not a BYTES32") {
		t.Fatalf("short hash: %v", err)
	}
	h := "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"
	data, err := DecodeCSV(strings.NewReader("hash\n"+h+"\n"), "h.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	if got := schema.Bytes32.FormatValue(schema.JoinUint256(data[0][0].BigInt(new(big.Int)), data[1][0].BigInt(new(big.Int)))); got != h {
		t.Fatalf("stored %s, want %s", got, h)
	}
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(&schema.Table{Name: "h", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "h.parquet")
	if _, err := st.ExportParquet("h", path); err != nil {
		t.Fatal(err)
	}
	pc, back, _, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(pc) != fmt.Sprint(cols) || !back[0][0].Equal(&data[0][0]) || !back[1][0].Equal(&data[1][0]) {
		t.Fatalf("Parquet round trip: %v", pc)
	}
}

// Truncate keeps a prefix: its commitment equals appending the prefix alone,
// full segments below the cut are untouched, and later appends go on from it.
func TestTruncateKeepsAPrefix(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	full, err := st.Append(tbl, 3, rowsFrom(0, 21))
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []int{21, 19, 16, 9, 0} {
		m, err := st.Truncate("x", keep, map[string]string{"k": fmt.Sprint(keep)})
		if err != nil {
			t.Fatal(err)
		}
		one := oneShot(t, dir, keep)
		tc, tc1 := m.Commitment(), one.Commitment()
		d, _ := tc.Digest()
		d1, _ := tc1.Digest()
		if d != d1 || m.Meta["k"] != fmt.Sprint(keep) || m.Rows != keep {
			t.Fatalf("truncate to %d: digest %s, one-shot %s, meta %v", keep, d, d1, m.Meta)
		}
		for i := 0; i < keep/8; i++ {
			if m.Segments[i].File != full.Segments[i].File {
				t.Fatalf("full segment %d rewritten", i)
			}
		}
		back, err := st.Append(tbl, 3, rowsFrom(keep, 21-keep))
		if err != nil {
			t.Fatal(err)
		}
		if b, f := back.Commitment(), full.Commitment(); fmt.Sprint(b.Segments) != fmt.Sprint(f.Segments) {
			t.Fatalf("truncated to %d and appended back: the commitment differs from the original", keep)
		}
	}
}

// oneShot commits the first rows rows of rowsFrom in a fresh store sharing dir's SRS.
func oneShot(t *testing.T, dir string, rows int) *Manifest {
	t.Helper()
	d2 := t.TempDir()
	srs, err := os.ReadFile(filepath.Join(dir, "srs.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d2, "srs.bin"), srs, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Open(d2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rows == 0 {
		m, err := st.AppendWithMeta(tbl, 3, rowsFrom(0, 0), map[string]string{"x": "y"})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m, err := st.Append(tbl, 3, rowsFrom(0, rows))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Nullable columns: CSV empty fields (and NULL) are NULLs, stored as a 0
// value with its flag set; NULLs survive Arrow IPC and a Parquet round
// trip (the commitments are unchanged); a NULL holding a value is refused.
func TestNullableColumns(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("a BIGINT NULL, s VARCHAR NULL, w UINT256 NULL, ts TIMESTAMP NULL, addr ADDRESS NULL, g INT NOT NULL, f BOOLEAN NULL")
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 14 || cols[1].Type != schema.NullFlag || cols[5].Type != schema.Uint256High || cols[6].Type != schema.NullFlag || cols[len(cols)-1].Type != schema.NullFlag {
		t.Fatalf("columns %v", cols)
	}
	csv := "a,s,w,ts,addr,g,f\n1,x,5,2024-01-01,0x00000000000000000000000000000000000000aa,1,true\n,,,,,2,\nNULL,NULL,NULL,NULL,NULL,3,NULL\n-7,y,340282366920938463463374607431768211456,1700000000,0x00000000000000000000000000000000000000bb,4,false\n"
	data, err := DecodeCSV(strings.NewReader(csv), "n.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "n", Columns: cols}
	flag := func(c, r int) bool { return !data[tbl.NullFlagOf(c)][r].IsZero() }
	for _, c := range []int{0, 2, 4, 7, 9, 12} {
		if flag(c, 0) || !flag(c, 1) || !flag(c, 2) || flag(c, 3) {
			t.Fatalf("column %s: NULL flags wrong", cols[c].Name)
		}
		if !data[c][1].IsZero() {
			t.Fatalf("column %s: a NULL is not stored as 0", cols[c].Name)
		}
	}
	m, err := st.Append(tbl, 3, data)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "n.parquet")
	if _, err := st.ExportParquet("n", path); err != nil {
		t.Fatal(err)
	}
	back, data2, _, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := st.Append(&schema.Table{Name: "n2", Columns: back}, 3, data2)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m.Segments[0].Commitments) != fmt.Sprint(m2.Segments[0].Commitments) || fmt.Sprint(back) != fmt.Sprint(cols) {
		t.Fatalf("a Parquet round trip changed the table: %v", back)
	}
	// a NULL that holds a value
	data[0][1].SetOne()
	if _, err := st.Append(tbl, 3, data); err == nil || !strings.Contains(err.Error(), "row 2, column a is NULL but holds a value") {
		t.Fatalf("error %v", err)
	}
}

// TestLagrangeBasisCachedInTheStore: the Lagrange basis an append computes
// is kept in DIR/lagrange, a reopened store commits with it as with a
// fresh one, and a damaged file is recomputed and replaced, not trusted.
func TestLagrangeBasisCachedInTheStore(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Append(tbl, 3, rowsFrom(0, 8))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "lagrange", "8.bin")
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no cached basis: %v", err)
	}
	recommit := func(name string) {
		t.Helper()
		st, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		cols, err := st.LoadSegment(m, 0)
		if err != nil {
			t.Fatal(err)
		}
		c, err := st.SRS().CommitRows(nil, 8, 0, cols[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := fmt.Sprintf("%x", c.Bytes()); got != m.Segments[0].Commitments[0] {
			t.Fatalf("%s: the commitment differs from the stored one", name)
		}
	}
	recommit("cached basis")
	damaged := append([]byte(nil), good...)
	damaged[len(damaged)-1] ^= 0x55
	if err := os.WriteFile(path, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	recommit("damaged cache file")
	if now, _ := os.ReadFile(path); len(now) != len(good) || bytes.Equal(now, damaged) {
		t.Fatal("the damaged cache file was not replaced")
	}
}

// A SORTED column takes ascending values (ties allowed), also across
// appends into a partly filled segment, and refuses a value below the one
// before it, naming row and column; SORTED is for integer NOT NULL columns
// and changes the schema hash.
func TestSortedColumns(t *testing.T) {
	vals := func(v ...int64) [][]fr.Element {
		c := make([]fr.Element, len(v))
		for i, x := range v {
			c[i] = schema.Encode(big.NewInt(x))
		}
		return [][]fr.Element{c}
	}
	table := func(name string, sorted bool) *schema.Table {
		return &schema.Table{Name: name, Columns: []schema.Column{{Name: "b", Type: schema.BigInt, Sorted: sorted}}}
	}
	for _, tc := range []struct {
		name    string
		appends [][][]fr.Element
		err     string // of the last append; "" none
	}{
		{"ascending with ties, two appends", [][][]fr.Element{vals(-3, 1, 1), vals(1, 7)}, ""},
		{"descending in one append", [][][]fr.Element{vals(1, 5, 4)}, "row 3, column b: 4 after 5, but the column is SORTED"},
		{"below the segment's last row", [][][]fr.Element{vals(1, 5), vals(4, 9)}, "column b: 4 after the table's last 5, but the column is SORTED"},
		{"below the last full segment's last row", [][][]fr.Element{vals(1, 2, 3, 4, 5, 6, 7, 8), vals(0)}, "column b: 0 after the table's last 8, but the column is SORTED"},
		{"a new segment goes on ascending", [][][]fr.Element{vals(1, 2, 3, 4, 5, 6, 7, 8), vals(8, 9)}, ""},
		{"across segments in one append", [][][]fr.Element{vals(1, 2, 3, 4, 5, 6, 7, 8, 3)}, "row 9, column b: 3 after 8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Open(t.TempDir(), Options{SRSSize: 16})
			if err != nil {
				t.Fatal(err)
			}
			for k, cols := range tc.appends {
				_, err = st.Append(table("s", true), 3, cols)
				if k < len(tc.appends)-1 && err != nil {
					t.Fatal(err)
				}
			}
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("error %v, want %q", err, tc.err)
			}
		})
	}
	if table("s", true).Hash() == table("s", false).Hash() {
		t.Error("SORTED does not change the schema hash")
	}
	for _, c := range []schema.Column{{Name: "v", Type: schema.Varchar, Sorted: true}, {Name: "n", Type: schema.BigInt, Nullable: true, Sorted: true}} {
		tbl := &schema.Table{Name: "x", Columns: schema.WithLimbs([]schema.Column{c})}
		if err := tbl.Validate(); err == nil || !strings.Contains(err.Error(), "SORTED column") {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	cols, err := schema.ParseColumns("b BIGINT UNSIGNED NOT NULL SORTED, v VARCHAR")
	if err != nil || !cols[0].Sorted || cols[0].Type != schema.BigIntUnsigned || cols[1].Sorted {
		t.Fatalf("parsed %+v, %v", cols, err)
	}
	if _, err := schema.ParseColumns("v VARCHAR SORTED"); err == nil || !strings.Contains(err.Error(), "SORTED needs an integer") {
		t.Fatalf("SORTED VARCHAR: %v", err)
	}
}

// TestLoadSegmentColumns: decoding some columns gives exactly the full
// load's values for them and their hidden companions (a UINT256's high
// limb, NULL flags), nil for the others, the same blobs for the decoded
// long columns and the same row count check; a mask of the wrong length
// is refused.
func TestLoadSegmentColumns(t *testing.T) {
	st, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("a BIGINT NULL, s LONGTEXT NULL, w UINT256 NULL, g INT NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	// a a.null s s.null w w.hi w.null g
	data, pre, err := DecodeCSVBlobs(strings.NewReader("a,s,w,g\n1,xy,5,1\n,,,2\n-7,zzz,340282366920938463463374607431768211456,4\n"), "n.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.AppendBlobs(&schema.Table{Name: "n", Columns: cols}, 3, data, pre, nil)
	if err != nil {
		t.Fatal(err)
	}
	all, allBlobs, err := st.LoadSegmentBlobs(m, 0)
	if err != nil || len(allBlobs) < 2 {
		t.Fatalf("the full load: %d blobs, %v", len(allBlobs), err)
	}
	for _, tc := range []struct {
		want, decoded []int
	}{
		{[]int{4, 7}, []int{4, 5, 6, 7}},
		{[]int{2}, []int{2, 3}},
		{[]int{0, 1}, []int{0, 1}},
		{nil, []int{0, 1, 2, 3, 4, 5, 6, 7}},
	} {
		var want []bool
		if tc.want != nil {
			want = make([]bool, len(cols))
			for _, c := range tc.want {
				want[c] = true
			}
		}
		got, blobs, err := st.LoadSegmentColumns(m, 0, want)
		if err != nil {
			t.Fatal(err)
		}
		for c := range cols {
			if !slices.Contains(tc.decoded, c) {
				if got[c] != nil {
					t.Errorf("want %v: column %d decoded", tc.want, c)
				}
				continue
			}
			if !slices.Equal(got[c], all[c]) {
				t.Errorf("want %v: column %d differs from the full load's", tc.want, c)
			}
		}
		if slices.Contains(tc.decoded, 2) && fmt.Sprint(blobs) != fmt.Sprint(allBlobs) {
			t.Errorf("want %v: blobs %v, the full load's %v", tc.want, blobs, allBlobs)
		}
	}
	if _, _, err := st.LoadSegmentColumns(m, 0, make([]bool, 3)); err == nil || !strings.Contains(err.Error(), "3 columns asked for, it has 8") {
		t.Fatalf("a short mask: %v", err)
	}
}

// TestSRS377: a store makes its BLS12-377 SRS on first use (unsafe) and
// reads the same one back when reopened; a new store given a ceremony's
// (gnark-crypto's kzg.SRS encoding) imports it, safe, with its [τ]₁; a
// file that is no SRS is refused, naming it.
func TestSRS377(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	made, err := st.SRS377()
	if err != nil {
		t.Fatal(err)
	}
	if !made.Unsafe || made.MaxDomain() != 8 {
		t.Fatalf("made: unsafe %v, max domain %d", made.Unsafe, made.MaxDomain())
	}
	// reopened with an MSM377: the SRS read back commits with it
	msm := &failingMSM377{}
	again, err := Open(dir, Options{MSM377: msm})
	if err != nil {
		t.Fatal(err)
	}
	back, err := again.SRS377()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := made.TauG1(), back.TauG1(); !a.Equal(&b) {
		t.Fatal("the reopened store has another SRS")
	}
	if _, err := back.Commit(make([]fr377.Element, 8)); err == nil || !strings.Contains(err.Error(), "on failing377") {
		t.Fatalf("the reopened store's SRS committed without its MSM377: %v", err)
	}
	k, err := kzg_bls12377.NewSRS(17, big.NewInt(123456))
	if err != nil {
		t.Fatal(err)
	}
	ceremony := filepath.Join(t.TempDir(), "ceremony377.srs")
	f, err := os.Create(ceremony)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	imp, err := Open(t.TempDir(), Options{SRSSize: 16, SRS377File: ceremony})
	if err != nil {
		t.Fatal(err)
	}
	got, err := imp.SRS377()
	if err != nil {
		t.Fatal(err)
	}
	if tau := got.TauG1(); got.Unsafe || got.MaxDomain() != 16 || !tau.Equal(&k.Pk.G1[1]) {
		t.Fatalf("imported: unsafe %v, max domain %d", got.Unsafe, got.MaxDomain())
	}
	junk := filepath.Join(t.TempDir(), "junk.srs")
	os.WriteFile(junk, []byte("not an SRS"), 0o644)
	bad, err := Open(t.TempDir(), Options{SRSSize: 8, SRS377File: junk})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.SRS377(); err == nil || !strings.Contains(err.Error(), "junk.srs") {
		t.Fatalf("a junk file: %v", err)
	}
}

// failingMSM377 is a kzg377.MSM that fails.
type failingMSM377 struct{}

func (failingMSM377) Name() string { return "failing377" }

func (failingMSM377) MultiExpG1([]bls12377.G1Affine, []fr377.Element) (bls12377.G1Affine, error) {
	return bls12377.G1Affine{}, fmt.Errorf("no device")
}

// A manifest of format 1 (the table digest v1, SORTED within each segment)
// is upgraded when read: its SORTED columns checked to ascend over the
// whole table, its current commitment's new digest added to its history,
// the manifest written back as format 2. One whose SORTED column descends
// between two segments is refused, naming where; a newer format too.
func TestUpgradeFormat1(t *testing.T) {
	vals := func(v ...int64) [][]fr.Element {
		c := make([]fr.Element, len(v))
		for i, x := range v {
			c[i] = schema.Encode(big.NewInt(x))
		}
		return [][]fr.Element{c}
	}
	// rewrite edits the table's manifest as JSON
	rewrite := func(t *testing.T, st *Store, edit func(m map[string]any)) {
		t.Helper()
		path := filepath.Join(st.tableDir("s"), "manifest.json")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		if b, err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name   string
		sorted bool
		rows   []int64
		edit   func(m map[string]any)
		err    string
	}{
		{"ascending: upgraded", true, []int64{1, 2, 3, 4, 5}, func(m map[string]any) {
			m["format"] = 1
			m["history"] = []any{map[string]any{"rows": 5, "digest": strings.Repeat("ab", 32)}}
		}, ""},
		{"descending between segments", false, []int64{5, 6, 1, 2}, func(m map[string]any) {
			m["format"] = 1
			m["schema"].(map[string]any)["columns"].([]any)[0].(map[string]any)["sorted"] = true
		}, "column b: segment 1 starts at 1 after segment 0's last 6"},
		{"a newer format", true, []int64{1, 2}, func(m map[string]any) { m["format"] = 3 }, "a newer ProvenSQL wrote it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Open(t.TempDir(), Options{SRSSize: 16})
			if err != nil {
				t.Fatal(err)
			}
			tbl := &schema.Table{Name: "s", Columns: []schema.Column{{Name: "b", Type: schema.BigInt, Sorted: tc.sorted}}}
			if _, err := st.Append(tbl, 1, vals(tc.rows...)); err != nil {
				t.Fatal(err)
			}
			rewrite(t, st, tc.edit)
			m, err := st.Manifest("s")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tcm := m.Commitment()
			d, err := tcm.Digest()
			if err != nil {
				t.Fatal(err)
			}
			if m.Format != ManifestFormat || len(m.History) != 2 || m.History[0].Digest != strings.Repeat("ab", 32) || m.History[1].Digest != d {
				t.Fatalf("format %d, history %v; want %d, the old digest then %s", m.Format, m.History, ManifestFormat, d)
			}
			again, err := st.Manifest("s") // written back: read as it is
			if err != nil || again.Format != ManifestFormat || len(again.History) != 2 {
				t.Fatalf("read again: %v, %+v", err, again)
			}
		})
	}
}
