package store

import (
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provensql/provensql/schema"
)

// TestLongColumns: LONGTEXT and BYTES values of any length keep their bytes
// through CSV, appends that refill a partial segment, a reload, and a
// Parquet round trip; a value without its bytes is refused.
func TestLongColumns(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("id INT, note VARCHAR(200), data BYTES NULL")
	if err != nil {
		t.Fatal(err)
	}
	if cols[1].Type != schema.LongText || cols[2].Type != schema.Bytes {
		t.Fatalf("types %v", cols)
	}
	long := strings.Repeat("a long note well past 27 bytes; ", 5)
	csv1 := "id,note,data\n1," + long + ",0x" + strings.Repeat("ab", 100) + "\n2,,\n3,\"é, quoted\",0x\n"
	csv2 := "4,short,NULL\n5," + long + "!,0x00\n"
	tbl := &schema.Table{Name: "l", Columns: cols}
	want := map[string]bool{}
	for _, c := range []string{csv1, csv2} {
		data, blobs, err := DecodeCSVBlobs(strings.NewReader(c), "l.csv", cols)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blobs {
			want[string(b)] = true
		}
		if _, err := st.Append(tbl, 2, data); err == nil || !strings.Contains(err.Error(), "bytes must be given") {
			t.Fatalf("append without the bytes: %v", err)
		}
		if _, err := st.AppendBlobs(tbl, 2, data, schema.Blobs{}, nil); err == nil || !strings.Contains(err.Error(), "row 1, column note: the bytes of digest:0x") {
			t.Fatalf("append with bytes missing: %v", err)
		}
		if _, err := st.AppendBlobs(tbl, 2, data, blobs, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := DecodeCSV(strings.NewReader(csv1), "l.csv", cols); err == nil || !strings.Contains(err.Error(), "DecodeCSVBlobs") {
		t.Fatalf("DecodeCSV of long columns: %v", err)
	}
	m, err := st.Manifest("l")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for i := range m.Segments {
		data, blobs, err := st.LoadSegmentBlobs(m, i)
		if err != nil {
			t.Fatal(err)
		}
		for r := range data[0] {
			for _, c := range []int{1, 2} {
				if c == 2 && !data[3][r].IsZero() {
					if !data[2][r].IsZero() {
						t.Fatalf("segment %d row %d: a NULL BYTES value is not 0", i, r)
					}
					continue
				}
				b, ok := blobs.Preimage(data[c][r].BigInt(new(big.Int)))
				if !ok {
					t.Fatalf("segment %d row %d column %d: bytes lost", i, r, c)
				}
				got[string(b)] = true
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("stored values %d, appended %d", len(got), len(want))
	}
	for b := range want {
		if !got[b] {
			t.Fatalf("value %.30q lost", b)
		}
	}
	// Parquet round trip: same types, same commitments
	path := filepath.Join(dir, "l.parquet")
	if _, err := st.ExportParquet("l", path); err != nil {
		t.Fatal(err)
	}
	back, data, blobs, err := ReadParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back) != fmt.Sprint(cols) {
		t.Fatalf("Parquet columns %v, want %v", back, cols)
	}
	m2, err := st.AppendBlobs(&schema.Table{Name: "l2", Columns: back}, 2, data, blobs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Segments {
		if fmt.Sprint(m.Segments[i].Commitments) != fmt.Sprint(m2.Segments[i].Commitments) {
			t.Fatalf("segment %d: a Parquet round trip changed the commitments", i)
		}
	}
	// bad values name row and column
	for _, tc := range []struct{ csv, want string }{
		{"1,x,0x1\n", "row 1, column data"},
		{"1,x,ab\n", "not a BYTES value"},
		{"1,\xff\xfe,0x\n", "not valid UTF-8"},
	} {
		if _, _, err := DecodeCSVBlobs(strings.NewReader(tc.csv), "bad.csv", cols); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Fatalf("%q: error %v, want %q", tc.csv, err, tc.want)
		}
	}
}
