package store

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
// the line and the column.
func ReadCSV(path string, cols []schema.Column) ([][]fr.Element, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	defer f.Close()
	return DecodeCSV(f, path, cols)
}

// DecodeCSV is ReadCSV over a reader; name is used in errors.
func DecodeCSV(r io.Reader, name string, cols []schema.Column) ([][]fr.Element, error) {
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
			return nil, fmt.Errorf("ingest: %s: %w", name, err)
		}
		if first {
			first = false
			if isHeader(rec, cols) {
				continue
			}
		}
		if len(rec) != len(cols) {
			return nil, fmt.Errorf("ingest: %s: row %d: %d fields, schema has %d columns", name, line, len(rec), len(cols))
		}
		for ci, c := range cols {
			v, err := c.Type.ParseValue(rec[ci])
			if err != nil {
				return nil, fmt.Errorf("ingest: %s: row %d, column %s: %w", name, line, c.Name, err)
			}
			out[ci] = append(out[ci], schema.Encode(v))
		}
	}
	return out, nil
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
// types (int8/16/32/64, uint64, bool, fixed_size_binary[20]).
func ReadParquet(path string) ([]schema.Column, [][]fr.Element, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: %s: not a readable Parquet file: %w", path, err)
	}
	defer rdr.Close()
	fr2, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: %s: %w", path, err)
	}
	tbl, err := fr2.ReadTable(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("ingest: %s: %w", path, err)
	}
	defer tbl.Release()
	sc := tbl.Schema()
	cols := make([]schema.Column, sc.NumFields())
	out := make([][]fr.Element, sc.NumFields())
	for i, fld := range sc.Fields() {
		if !schema.ValidIdentifier(fld.Name) {
			return nil, nil, fmt.Errorf("ingest: %s: column %q is not a valid column name", path, fld.Name)
		}
		t, err := TypeFromArrow(fld.Type)
		if err != nil {
			return nil, nil, fmt.Errorf("ingest: %s: column %s: %w", path, fld.Name, err)
		}
		cols[i] = schema.Column{Name: fld.Name, Type: t}
		row := 0
		for _, chunk := range tbl.Column(i).Data().Chunks() {
			vals, err := columnValues(chunk, t, fld.Name, path, row)
			if err != nil {
				return nil, nil, fmt.Errorf("ingest: %w", err)
			}
			out[i] = append(out[i], vals...)
			row += chunk.Len()
		}
	}
	return cols, out, nil
}

// ExportParquet writes every row of a table to a Parquet file, with the
// Arrow types ReadParquet maps back to the same column types.
func (s *Store) ExportParquet(table, path string) (int, error) {
	m, err := s.Manifest(table)
	if err != nil {
		return 0, err
	}
	sc, err := arrowSchema(&m.Schema)
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
		cols, err := s.LoadSegment(m, i)
		if err != nil {
			return 0, err
		}
		rec, err := buildRecord(&m.Schema, cols)
		if err != nil {
			return 0, err
		}
		recs = append(recs, rec)
	}
	tbl := array.NewTableFromRecords(sc, recs)
	defer tbl.Release()
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if err := pqarrow.WriteTable(tbl, f, 64*1024, nil, pqarrow.DefaultWriterProps()); err != nil {
		f.Close()
		os.Remove(path)
		return 0, fmt.Errorf("export: writing %s: %w", path, err)
	}
	return m.Rows, nil
}
