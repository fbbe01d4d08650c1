package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// ReadCSV reads a CSV file whose records follow cols. A first record equal to
// the column names is taken as a header and skipped. Errors name the file,
// the line and the column. The bytes of LONGTEXT and BYTES values are
// returned by digest (for Store.AppendBlobs).
func ReadCSV(path string, cols []schema.Column) ([][]fr.Element, schema.Blobs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: %w", err)
	}
	defer f.Close()
	return DecodeCSVBlobs(f, path, cols)
}

// DecodeCSV is ReadCSV over a reader, for tables without LONGTEXT or BYTES
// columns; name is used in errors.
func DecodeCSV(r io.Reader, name string, cols []schema.Column) ([][]fr.Element, error) {
	for _, c := range cols {
		if c.Type.Long() {
			return nil, fmt.Errorf("ingest: %s: column %s is %s: its bytes need DecodeCSVBlobs", name, c.Name, c.Type)
		}
	}
	out, _, err := DecodeCSVBlobs(r, name, cols)
	return out, err
}

// DecodeCSVBlobs is ReadCSV over a reader; name is used in errors.
func DecodeCSVBlobs(r io.Reader, name string, cols []schema.Column) ([][]fr.Element, schema.Blobs, error) {
	if err := (&schema.Table{Name: name, Columns: cols}).Validate(); err != nil {
		return nil, nil, fmt.Errorf("ingest: %w", err)
	}
	blobs := schema.Blobs{}
	logical := (&schema.Table{Columns: cols}).Logical()
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	out := make([][]fr.Element, len(cols))
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, nil, fmt.Errorf("ingest: %s: %w", name, err)
		}
		if first {
			first = false
			if isHeader(rec, logical) {
				continue
			}
		}
		if len(rec) != len(logical) {
			return nil, nil, fmt.Errorf("ingest: %s: row %d: %d fields, schema has %d columns", name, line, len(rec), len(logical))
		}
		fi := 0
		for ci, c := range cols {
			if c.Type.Hidden() {
				continue // filled with its column
			}
			text := rec[fi]
			fi++
			null := false
			if f := (&schema.Table{Columns: cols}).NullFlagOf(ci); f >= 0 {
				null = text == "" || strings.EqualFold(text, "NULL")
				var flag fr.Element
				if null {
					flag.SetOne()
				}
				out[f] = append(out[f], flag)
			}
			var v *big.Int
			var err error
			if c.Type.Long() && !null {
				var b []byte
				if b, err = c.Type.ParseBytes(text); err == nil {
					v = blobs.Add(b)
				}
			} else {
				v, err = c.Type.ParseValue(text)
			}
			if null {
				v, err = new(big.Int), nil // a NULL is stored as 0
			}
			if err != nil {
				return nil, nil, fmt.Errorf("ingest: %s: row %d, column %s: %w", name, line, c.Name, err)
			}
			if c.Type.HasHighLimb() {
				lo, hi := schema.SplitUint256(v)
				out[ci] = append(out[ci], schema.Encode(lo))
				out[ci+1] = append(out[ci+1], schema.Encode(hi))
				continue
			}
			out[ci] = append(out[ci], schema.Encode(v))
		}
	}
	return out, blobs, nil
}

func isHeader(rec []string, cols []schema.Column) bool {
	if len(rec) != len(cols) {
		return false
	}
	for i, c := range cols {
		if !strings.EqualFold(strings.TrimSpace(rec[i]), c.Name) {
			return false
		}
	}
	return true
}

// ReadParquet reads a Parquet file, deriving the schema from its Arrow
// types (int8/16/32/64, uint8/16/32/64, bool, fixed_size_binary[20] as
// ADDRESS, fixed_size_binary[32] as UINT256, timestamp, string).
func ReadParquet(path string) ([]schema.Column, [][]fr.Element, schema.Blobs, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ingest: %s: not a readable Parquet file: %w", path, err)
	}
	defer rdr.Close()
	fr2, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ingest: %s: %w", path, err)
	}
	tbl, err := fr2.ReadTable(context.Background())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ingest: %s: %w", path, err)
	}
	defer tbl.Release()
	sc := tbl.Schema()
	var cols []schema.Column
	var out [][]fr.Element
	blobs := schema.Blobs{}
	for i, fld := range sc.Fields() {
		if !schema.ValidIdentifier(fld.Name) {
			return nil, nil, nil, fmt.Errorf("ingest: %s: column %q is not a valid column name", path, fld.Name)
		}
		t, err := TypeFromArrow(fld.Type)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("ingest: %s: column %s: %w", path, fld.Name, err)
		}
		if tn, ok := fld.Metadata.GetValue(typeMetadataKey); ok && tn == schema.Bytes32.String() && t == schema.Uint256 {
			t = schema.Bytes32 // ProvenSQL's own export says which 32-byte values are hashes
		}
		if tn, ok := fld.Metadata.GetValue(typeMetadataKey); ok && tn == schema.LongText.String() && t == schema.Varchar {
			t = schema.LongText // and which strings may be longer than VARCHAR's
		}
		if t == schema.Varchar && longStrings(tbl.Column(i).Data().Chunks()) {
			t = schema.LongText
		}
		// a column is nullable when it holds a NULL or ProvenSQL's own
		// export says it is
		chunks := tbl.Column(i).Data().Chunks()
		var flags []fr.Element
		nullable := false
		for _, chunk := range chunks {
			nullable = nullable || chunk.NullN() > 0
			for r := 0; r < chunk.Len(); r++ {
				var f fr.Element
				if chunk.IsNull(r) {
					f.SetOne()
				}
				flags = append(flags, f)
			}
		}
		if v, ok := fld.Metadata.GetValue(nullableMetadataKey); ok && v == "true" {
			nullable = true
		}
		col := schema.Column{Name: fld.Name, Type: t, Nullable: nullable}
		if t.HasHighLimb() {
			lo, hi, err := limbValues(chunks, fld.Name, path, nullable)
			if err != nil {
				return nil, nil, nil, err
			}
			out = append(out, lo, hi)
		} else {
			var vals []fr.Element
			row := 0
			for _, chunk := range chunks {
				v, err := columnValues(chunk, t, fld.Name, path, row, nullable, blobs)
				if err != nil {
					return nil, nil, nil, fmt.Errorf("ingest: %w", err)
				}
				vals = append(vals, v...)
				row += chunk.Len()
			}
			out = append(out, vals)
		}
		cols = append(cols, schema.WithLimbs([]schema.Column{col})...)
		if nullable {
			out = append(out, flags)
		}
	}
	return cols, out, blobs, nil
}

// longStrings reports whether a string column holds a value longer than
// VARCHAR's MaxVarcharBytes (it is then read as LONGTEXT).
func longStrings(chunks []arrow.Array) bool {
	for _, c := range chunks {
		a, ok := c.(interface{ ValueLen(int) int })
		if !ok {
			continue
		}
		for r := 0; r < c.Len(); r++ {
			if !c.IsNull(r) && a.ValueLen(r) > schema.MaxVarcharBytes {
				return true
			}
		}
	}
	return false
}

// limbValues splits a fixed_size_binary[32] column of big-endian 32-byte
// values (UINT256 or BYTES32) into its low and high limb columns.
func limbValues(chunks []arrow.Array, col, path string, nullable bool) (lo, hi []fr.Element, err error) {
	row := 0
	for _, chunk := range chunks {
		a, ok := chunk.(*array.FixedSizeBinary)
		if !ok {
			return nil, nil, fmt.Errorf("ingest: %s: column %s: a 32-byte value must be fixed_size_binary[32], not %v", path, col, chunk.DataType())
		}
		for i := 0; i < a.Len(); i++ {
			if a.IsNull(i) {
				if !nullable {
					return nil, nil, fmt.Errorf("ingest: %s: row %d, column %s: NULL in a NOT NULL column", path, row+i+1, col)
				}
				lo, hi = append(lo, fr.Element{}), append(hi, fr.Element{})
				continue
			}
			l, h := schema.SplitUint256(new(big.Int).SetBytes(a.Value(i)))
			lo, hi = append(lo, schema.Encode(l)), append(hi, schema.Encode(h))
		}
		row += a.Len()
	}
	return lo, hi, nil
}

// parquetRecord turns a stored segment's record into the form ExportParquet
// writes: every UINT256 column's two limb columns become one
// fixed_size_binary[32] column of whole big-endian values.
func parquetRecord(t *schema.Table, rec arrow.RecordBatch) (arrow.RecordBatch, error) {
	var fields []arrow.Field
	var arrs []arrow.Array
	for i, c := range t.Columns {
		switch c.Type {
		case schema.Uint256High:
			continue
		case schema.NullFlag: // the NULLs of the column before
			k := len(arrs) - 1
			withNulls, err := applyNulls(arrs[k], rec.Column(i).(*array.Boolean))
			if err != nil {
				return nil, fmt.Errorf("column %s: %w", fields[k].Name, err)
			}
			arrs[k].Release()
			arrs[k] = withNulls
			fields[k].Nullable = true
			fields[k].Metadata = arrow.NewMetadata(append(fields[k].Metadata.Keys(), nullableMetadataKey), append(fields[k].Metadata.Values(), "true"))
			continue
		case schema.Uint256, schema.Bytes32:
			lo, hi := rec.Column(i).(*array.FixedSizeBinary), rec.Column(i+1).(*array.FixedSizeBinary)
			dt := &arrow.FixedSizeBinaryType{ByteWidth: 32}
			b := array.NewFixedSizeBinaryBuilder(memory.DefaultAllocator, dt)
			for r := 0; r < lo.Len(); r++ {
				b.Append(append(append([]byte{}, hi.Value(r)...), lo.Value(r)...))
			}
			arrs = append(arrs, b.NewArray())
			b.Release()
			fields = append(fields, arrow.Field{Name: c.Name, Type: dt, Metadata: arrow.NewMetadata([]string{typeMetadataKey}, []string{c.Type.String()})})
		default:
			a := rec.Column(i)
			a.Retain()
			arrs = append(arrs, a)
			fields = append(fields, rec.Schema().Field(i))
		}
	}
	out := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, rec.NumRows())
	for _, a := range arrs {
		a.Release()
	}
	return out, nil
}

// nullableMetadataKey marks the Arrow fields of nullable columns in ProvenSQL's exports.
const nullableMetadataKey = "provensql.nullable"

// applyNulls returns a copy of a with the entries whose flag is set made NULL.
func applyNulls(a arrow.Array, flags *array.Boolean) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, a.DataType())
	defer b.Release()
	for r := 0; r < a.Len(); r++ {
		if flags.Value(r) {
			b.AppendNull()
			continue
		}
		if err := b.AppendValueFromString(a.ValueStr(r)); err != nil {
			return nil, err
		}
	}
	return b.NewArray(), nil
}

// ExportParquet writes every row of a table to a Parquet file, with the
// Arrow types ReadParquet maps back to the same column types.
func (s *Store) ExportParquet(table, path string) (int, error) {
	m, err := s.Manifest(table)
	if err != nil {
		return 0, err
	}
	var recs []arrow.RecordBatch
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	for i := range m.Segments {
		cols, blobs, err := s.LoadSegmentBlobs(m, i)
		if err != nil {
			return 0, err
		}
		stored, err := buildRecord(&m.Schema, cols, blobs)
		if err != nil {
			return 0, err
		}
		rec, err := parquetRecord(&m.Schema, stored)
		stored.Release()
		if err != nil {
			return 0, err
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 {
		return 0, fmt.Errorf("export: table %s has no rows", table)
	}
	tbl := array.NewTableFromRecords(recs[0].Schema(), recs)
	defer tbl.Release()
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if err := pqarrow.WriteTable(tbl, f, 64*1024, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())); err != nil {
		f.Close()
		os.Remove(path)
		return 0, fmt.Errorf("export: writing %s: %w", path, err)
	}
	return m.Rows, nil
}
