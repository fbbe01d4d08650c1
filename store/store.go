// Package store keeps ProvenSQL tables: Arrow-columnar segments of a fixed
// power-of-two capacity, persisted as Arrow IPC files, each column of each
// segment committed with KZG in the Lagrange basis (package commitment).
//
// Layout of a store directory:
//
//	DIR/srs.bin                          the KZG SRS (unsafe local one unless imported)
//	DIR/lagrange/N.bin                   the SRS's Lagrange basis for segments of N rows (a cache)
//	DIR/srs377.bin                       the two-chain path's KZG SRS over BLS12-377 (unsafe local, made on first use)
//	DIR/lagrange377/N.bin                its Lagrange basis for segments of N rows, once read back (a cache)
//	DIR/tables/NAME/manifest.json        schema, capacity, segments, commitments, history
//	DIR/tables/NAME/seg-000000-NNNN.arrow one Arrow IPC file per segment version
//
// Tables are append-only. Appending fills the last segment (its commitments
// gain the new rows' terms, earlier rows' terms are untouched) and opens new
// segments when it is full; full segments are never rewritten. Every write
// goes to new files first and becomes visible only when the manifest is
// atomically replaced, so a failed append leaves the table as it was.
package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/schema"
)

// DefaultSRSSize is the domain size of the SRS a new store generates: the
// largest segment capacity it can commit.
const DefaultSRSSize = 1 << 16

// DefaultLogCapacity is log2 of the segment capacity of a new table.
const DefaultLogCapacity = 12

// Options configure Open.
type Options struct {
	// SRSSize is the largest segment capacity (a power of two) the unsafe
	// local SRS of a new store supports. Default DefaultSRSSize.
	SRSSize int
	// SRSFile, when set for a new store, is a ceremony SRS to import instead of
	// generating an unsafe one (ProvenSQL SRS file or gnark-crypto kzg.SRS).
	SRSFile string
	// SRS377File, when set and the store has no BLS12-377 SRS yet
	// (SRS377), is a ceremony SRS over BLS12-377 to import for the
	// two-chain path instead of generating an unsafe one (kzg377's file or
	// gnark-crypto's kzg.SRS).
	SRS377File string
	// MSM computes the column commitments' multi-scalar multiplications
	// (nil: gnark-crypto on the CPU).
	MSM commitment.MSM
	// MSM377 computes the BLS12-377 commitments' and openings'
	// multi-scalar multiplications of the two-chain path (SRS377's; nil:
	// gnark-crypto on the CPU).
	MSM377 kzg377.MSM
}

// Store is an opened store directory. It is safe for concurrent use by one process.
type Store struct {
	dir string
	srs *commitment.SRS
	msm commitment.MSM
	mu  sync.Mutex

	srs377Mu   sync.Mutex
	srs377     *kzg377.SRS // SRS377's, once read or made
	msm377     kzg377.MSM
	srs377File string // Options.SRS377File
}

// Open opens the store at dir, creating it (and its SRS) if needed.
func Open(dir string, opt Options) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tables"), 0o755); err != nil {
		return nil, fmt.Errorf("store: creating %s: %w", dir, err)
	}
	srsPath := filepath.Join(dir, "srs.bin")
	srs, err := loadSRS(srsPath)
	switch {
	case err == nil:
	case errors.Is(err, os.ErrNotExist):
		if srs, err = newSRS(opt); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if _, err := srs.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("store: encoding SRS: %w", err)
		}
		if err := writeFileAtomic(srsPath, buf.Bytes()); err != nil {
			return nil, fmt.Errorf("store: writing SRS: %w", err)
		}
	default:
		return nil, fmt.Errorf("store: %s: %w", srsPath, err)
	}
	st := &Store{dir: dir, srs: srs, msm: opt.MSM, msm377: opt.MSM377, srs377File: opt.SRS377File}
	srs.SetLagrangeCache(lagrangeFiles{filepath.Join(dir, "lagrange")})
	return st, nil
}

// lagrangeFiles keeps the SRS's Lagrange bases in DIR/lagrange, one file a
// domain size (commitment.LagrangeCache).
type lagrangeFiles struct{ dir string }

func (c lagrangeFiles) path(n int) string {
	return filepath.Join(c.dir, fmt.Sprintf("%d.bin", n))
}

// LoadLagrange implements commitment.LagrangeCache.
func (c lagrangeFiles) LoadLagrange(n int) ([]byte, error) { return os.ReadFile(c.path(n)) }

// SaveLagrange implements commitment.LagrangeCache.
func (c lagrangeFiles) SaveLagrange(n int, b []byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return writeFileAtomic(c.path(n), b)
}

func newSRS(opt Options) (*commitment.SRS, error) {
	if opt.SRSFile != "" {
		s, err := commitment.ReadSRSFile(opt.SRSFile)
		if err != nil {
			return nil, fmt.Errorf("store: importing SRS %s: %w", opt.SRSFile, err)
		}
		return s, nil
	}
	size := opt.SRSSize
	if size == 0 {
		size = DefaultSRSSize
	}
	return commitment.NewUnsafeSRS(size)
}

func loadSRS(path string) (*commitment.SRS, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return commitment.ReadSRS(f)
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// SRS returns the store's KZG SRS.
func (s *Store) SRS() *commitment.SRS { return s.srs }

// SRS377Path is where the store in dir keeps its BLS12-377 SRS (SRS377).
func SRS377Path(dir string) string { return filepath.Join(dir, "srs377.bin") }

// SRS377 returns the store's KZG SRS over BLS12-377, the two-chain path's
// (package kzg377), for the same segment capacities as SRS: read from
// DIR/srs377.bin, or on first use imported from Options.SRS377File (a
// ceremony's) or generated (unsafe, local) and written there, so that the
// table's BLS12-377 commitments and the one-check keys that depend on it
// stay the same from run to run. It commits and opens with Options.MSM377.
func (s *Store) SRS377() (*kzg377.SRS, error) {
	s.srs377Mu.Lock()
	defer s.srs377Mu.Unlock()
	if s.srs377 != nil {
		return s.srs377, nil
	}
	path := SRS377Path(s.dir)
	f, err := os.Open(path)
	switch {
	case err == nil:
		defer f.Close()
		srs, err := kzg377.ReadSRS(bufio.NewReaderSize(f, 1<<20))
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", path, err)
		}
		srs.SetLagrangeCache(lagrangeFiles{filepath.Join(s.dir, "lagrange377")})
		s.srs377 = srs
	case errors.Is(err, os.ErrNotExist):
		var srs *kzg377.SRS
		if s.srs377File != "" {
			if srs, err = kzg377.ReadSRSFile(s.srs377File); err != nil {
				return nil, fmt.Errorf("store: importing the BLS12-377 SRS %s: %w", s.srs377File, err)
			}
			srs.SetLagrangeCache(lagrangeFiles{filepath.Join(s.dir, "lagrange377")})
		} else if srs, err = kzg377.NewUnsafeSRS(s.srs.MaxDomain()); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if _, err := srs.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("store: encoding the BLS12-377 SRS: %w", err)
		}
		if err := writeFileAtomic(path, buf.Bytes()); err != nil {
			return nil, fmt.Errorf("store: writing the BLS12-377 SRS: %w", err)
		}
		s.srs377 = srs
	default:
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	s.srs377.SetMSM(s.msm377)
	return s.srs377, nil
}

// MSM returns the multi-scalar multiplication the store commits with (nil:
// the CPU); the prover opens commitments with the same one.
func (s *Store) MSM() commitment.MSM { return s.msm }

// Segment describes one stored segment of a table.
type Segment struct {
	Rows        int      `json:"rows"`
	File        string   `json:"file"`
	SHA256      string   `json:"sha256"`
	Commitments []string `json:"commitments"` // per column, compressed G1 hex
}

// Version is a past state of a table: its row count and table commitment.
type Version struct {
	Rows   int    `json:"rows"`
	Digest string `json:"digest"`
}

// Manifest is the persistent description of a table.
type Manifest struct {
	Format      int          `json:"format"`
	Schema      schema.Table `json:"schema"`
	LogCapacity int          `json:"log_capacity"`
	Rows        int          `json:"rows"`
	Segments    []Segment    `json:"segments"`
	History     []Version    `json:"history"`
	// Meta is the writer's bookkeeping (an indexer's cursor), replaced
	// atomically with the rows it describes.
	Meta map[string]string `json:"meta,omitempty"`
}

// Capacity returns the segment capacity 2^LogCapacity.
func (m *Manifest) Capacity() int { return 1 << m.LogCapacity }

// Commitment returns the table commitment of the manifest's current state.
func (m *Manifest) Commitment() TableCommitment {
	tc := TableCommitment{Schema: m.Schema, LogCapacity: m.LogCapacity, Rows: m.Rows}
	for _, s := range m.Segments {
		tc.Segments = append(tc.Segments, SegmentCommitment{Rows: s.Rows, Columns: append([]string(nil), s.Commitments...)})
	}
	return tc
}

// TableCommitment is the commitment to a table's state (see package commitment).
type TableCommitment = commitment.TableCommitment

// SegmentCommitment is one segment's row count and column commitments.
type SegmentCommitment = commitment.SegmentCommitment

func (s *Store) tableDir(name string) string {
	return filepath.Join(s.dir, "tables", strings.ToLower(name))
}

// Tables lists the names of the stored tables.
func (s *Store) Tables() ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(s.dir, "tables"))
	if err != nil {
		return nil, fmt.Errorf("store: listing tables: %w", err)
	}
	var out []string
	for _, e := range ents {
		if _, err := os.Stat(filepath.Join(s.dir, "tables", e.Name(), "manifest.json")); err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// ErrNoTable is returned (wrapped) for a table that does not exist.
var ErrNoTable = errors.New("no such table")

// Manifest reads a table's manifest.
func (s *Store) Manifest(name string) (*Manifest, error) {
	if !schema.ValidIdentifier(name) {
		return nil, fmt.Errorf("store: %q is not a valid table name", name)
	}
	path := filepath.Join(s.tableDir(name), "manifest.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("store: table %q: %w", name, ErrNoTable)
	}
	if err != nil {
		return nil, fmt.Errorf("store: table %q: %w", name, err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("store: %s is corrupt: %w", path, err)
	}
	tc := m.Commitment()
	if err := tc.Check(); err != nil {
		return nil, fmt.Errorf("store: %s is corrupt: %w", path, err)
	}
	switch {
	case m.Format > ManifestFormat:
		return nil, fmt.Errorf("store: %s has format %d: a newer ProvenSQL wrote it (this one reads %d)", path, m.Format, ManifestFormat)
	case m.Format < ManifestFormat:
		if err := s.upgrade(&m, path); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// ManifestFormat is the format of the manifests this store writes: 2
// since the table digest v2 (commitment.TableCommitment.Digest) and SORTED
// columns ascending over the whole table.
const ManifestFormat = 2

// upgrade brings a manifest of format 1 to ManifestFormat and writes it
// back: its SORTED columns must ascend over the whole table (format 1
// checked them within each segment only; a table that does not is
// refused, naming where, for a verifier would otherwise leave out
// segments holding a window's rows), and its current commitment's
// digest, in the new form, joins its history (the earlier entries are
// the old digests, which receipts of this version no longer name).
func (s *Store) upgrade(m *Manifest, path string) error {
	t := &m.Schema
	want, sorted := sortedColumns(t)
	if sorted {
		var prev [][]fr.Element // the last segment read's sorted columns
		for si, seg := range m.Segments {
			cols, _, err := s.LoadSegmentColumns(m, si, want)
			if err != nil {
				return fmt.Errorf("store: upgrading %s: %w", path, err)
			}
			if si > 0 && seg.Rows > 0 {
				last := m.Segments[si-1].Rows - 1
				if ci := descendingColumn(t, prev, last, cols, 0); ci >= 0 {
					return fmt.Errorf("store: table %s, column %s: segment %d starts at %s after segment %d's last %s; a SORTED column now ascends over the whole table (an older ProvenSQL checked each segment alone): ingest the table again in ascending order, or declare the column without SORTED", t.Name, t.Columns[ci].Name, si, schema.DecodeSigned(&cols[ci][0]), si-1, schema.DecodeSigned(&prev[ci][last]))
				}
			}
			prev = cols
		}
	}
	tc := m.Commitment()
	digest, err := tc.Digest()
	if err != nil {
		return fmt.Errorf("store: upgrading %s: %w", path, err)
	}
	if len(m.History) == 0 || m.History[len(m.History)-1].Digest != digest {
		m.History = append(m.History, Version{Rows: m.Rows, Digest: digest})
	}
	m.Format = ManifestFormat
	mb, err := json.MarshalIndent(m, "", "  ")
	if err == nil {
		err = writeFileAtomic(path, mb)
	}
	if err != nil {
		return fmt.Errorf("store: upgrading %s: %w", path, err)
	}
	return nil
}

// Schema returns a table's schema (implements the SQL binder's catalog).
func (s *Store) Schema(name string) (*schema.Table, error) {
	m, err := s.Manifest(name)
	if err != nil {
		return nil, err
	}
	return &m.Schema, nil
}

// LoadSegment reads segment i of a table and returns its column values
// (length = the segment's row count), after checking the file's hash and schema.
func (s *Store) LoadSegment(m *Manifest, i int) ([][]fr.Element, error) {
	cols, _, err := s.LoadSegmentBlobs(m, i)
	return cols, err
}

// LoadSegmentBlobs is LoadSegment that also returns the bytes of the
// segment's LONGTEXT and BYTES values, by digest (the columns hold the
// digests).
func (s *Store) LoadSegmentBlobs(m *Manifest, i int) ([][]fr.Element, schema.Blobs, error) {
	return s.LoadSegmentColumns(m, i, nil)
}

// LoadSegmentColumns is LoadSegmentBlobs decoding only the columns want
// marks (by table column index; nil: all) and their hidden companions
// (high limbs, NULL flags): the others are nil. The whole file's hash is
// checked as LoadSegmentBlobs checks it. A plan reading a few of a wide
// table's columns decodes those alone.
func (s *Store) LoadSegmentColumns(m *Manifest, i int, want []bool) ([][]fr.Element, schema.Blobs, error) {
	if want != nil && len(want) != len(m.Schema.Columns) {
		return nil, nil, fmt.Errorf("store: table %s: %d columns asked for, it has %d", m.Schema.Name, len(want), len(m.Schema.Columns))
	}
	if i < 0 || i >= len(m.Segments) {
		return nil, nil, fmt.Errorf("store: table %s has no segment %d", m.Schema.Name, i)
	}
	seg := m.Segments[i]
	path := filepath.Join(s.tableDir(m.Schema.Name), seg.File)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("store: table %s segment %d: %w", m.Schema.Name, i, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != seg.SHA256 {
		return nil, nil, fmt.Errorf("store: table %s segment %d (%s) is corrupt: SHA-256 mismatch", m.Schema.Name, i, path)
	}
	cols, n, blobs, err := readSegment(data, &m.Schema, path, withCompanions(&m.Schema, want))
	if err != nil {
		return nil, nil, fmt.Errorf("store: table %s segment %d: %w", m.Schema.Name, i, err)
	}
	if n != seg.Rows {
		return nil, nil, fmt.Errorf("store: table %s segment %d (%s) holds %d rows, manifest says %d", m.Schema.Name, i, path, n, seg.Rows)
	}
	return cols, blobs, nil
}

// withCompanions returns want (nil: every column) with the hidden
// companions of each wanted column added: its high limb and NULL flag.
func withCompanions(t *schema.Table, want []bool) []bool {
	if want == nil {
		return nil
	}
	out := slices.Clone(want)
	for c, w := range want {
		if !w {
			continue
		}
		if t.Columns[c].Type.HasHighLimb() && c+1 < len(out) {
			out[c+1] = true
		}
		if f := t.NullFlagOf(c); f >= 0 {
			out[f] = true
		}
	}
	return out
}

// readSegment decodes a segment file's columns (those want marks; nil:
// all) and returns them with the file's row count.
func readSegment(data []byte, t *schema.Table, path string, want []bool) ([][]fr.Element, int, schema.Blobs, error) {
	r, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, 0, nil, fmt.Errorf("%s: not a valid Arrow IPC file: %w", path, err)
	}
	defer r.Close()
	sc := r.Schema()
	if sc.NumFields() != len(t.Columns) {
		return nil, 0, nil, fmt.Errorf("%s: %d columns, schema has %d", path, sc.NumFields(), len(t.Columns))
	}
	for ci, c := range t.Columns {
		if !strings.EqualFold(sc.Field(ci).Name, c.Name) {
			return nil, 0, nil, fmt.Errorf("%s: column %d is %q, schema says %q", path, ci, sc.Field(ci).Name, c.Name)
		}
	}
	cols := make([][]fr.Element, len(t.Columns))
	colBlobs := make([]schema.Blobs, len(t.Columns)) // each column's, merged below
	errs := make([]error, len(t.Columns))
	rows := 0
	for b := 0; b < r.NumRecords(); b++ {
		rec, err := r.RecordBatch(b)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("%s: record batch %d: %w", path, b, err)
		}
		// the columns decoded at once, one goroutine each (a 2^20-row
		// segment's eight columns took a second and a half on one core)
		var wg sync.WaitGroup
		for ci, c := range t.Columns {
			if want != nil && !want[ci] {
				continue
			}
			if colBlobs[ci] == nil {
				colBlobs[ci] = schema.Blobs{}
			}
			wg.Go(func() {
				// a long NULL is stored as an empty value (its flag says NULL)
				vals, err := columnValues(rec.Column(ci), c.Type, c.Name, path, rows, false, colBlobs[ci])
				if cols[ci] == nil { // the first batch: its values, not a copy
					cols[ci], errs[ci] = vals, err
					return
				}
				cols[ci], errs[ci] = append(cols[ci], vals...), err
			})
		}
		wg.Wait()
		for _, err := range errs { // the first column's, as one at a time
			if err != nil {
				return nil, 0, nil, err
			}
		}
		rows += int(rec.NumRows())
	}
	blobs := schema.Blobs{}
	for _, b := range colBlobs {
		blobs.Merge(b)
	}
	// a NULL long value is 0, as every NULL
	for ci := range t.Columns {
		if f := t.NullFlagOf(ci); f >= 0 && t.Columns[ci].Type.Long() {
			for r := range cols[ci] {
				if !cols[f][r].IsZero() {
					cols[ci][r] = fr.Element{}
				}
			}
		}
	}
	return cols, rows, blobs, nil
}

func writeSegment(t *schema.Table, cols [][]fr.Element, blobs schema.Preimages) ([]byte, error) {
	rec, err := buildRecord(t, cols, blobs)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	var buf bytes.Buffer
	w, err := ipc.NewFileWriter(&buf, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, err
	}
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Append adds rows (given column by column, field-encoded, already checked
// against the column types) to a table, creating it with logCapacity when it
// does not exist. It returns the new manifest.
func (s *Store) Append(t *schema.Table, logCapacity int, cols [][]fr.Element) (*Manifest, error) {
	return s.AppendWithMeta(t, logCapacity, cols, nil)
}

// AppendWithMeta is Append that also sets the manifest's Meta entries in the
// same atomic manifest write (meta may be given with no rows): a writer's
// cursor and the rows it covers are never out of step, even after a crash.
func (s *Store) AppendWithMeta(t *schema.Table, logCapacity int, cols [][]fr.Element, meta map[string]string) (*Manifest, error) {
	return s.AppendBlobs(t, logCapacity, cols, nil, meta)
}

// AppendBlobs is AppendWithMeta for tables with LONGTEXT or BYTES columns:
// blobs holds the bytes of every such value appended (the columns hold
// their digests, schema.Digest); a value without its bytes is refused.
func (s *Store) AppendBlobs(t *schema.Table, logCapacity int, cols [][]fr.Element, blobs schema.Preimages, meta map[string]string) (*Manifest, error) {
	if !schema.ValidIdentifier(t.Name) {
		return nil, fmt.Errorf("store: %q is not a valid table name", t.Name)
	}
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if len(cols) != len(t.Columns) {
		return nil, fmt.Errorf("store: append to %s: %d columns given, schema has %d", t.Name, len(cols), len(t.Columns))
	}
	n := len(cols[0])
	for i, c := range cols {
		if len(c) != n {
			return nil, fmt.Errorf("store: append to %s: column %s has %d values, column %s has %d", t.Name, t.Columns[i].Name, len(c), t.Columns[0].Name, n)
		}
		// every value in its type's range: the circuits' comparisons rely on it
		typ := t.Columns[i].Type
		for r := range c {
			if v := schema.DecodeSigned(&c[r]); !typ.InRange(v) {
				lo, hi := typ.Bounds()
				return nil, fmt.Errorf("store: append to %s: row %d, column %s: value %s out of range for %v [%s, %s]", t.Name, r+1, t.Columns[i].Name, v, typ, lo, hi)
			}
		}
	}
	// a SORTED column ascends (the circuits' row windows rely on it; over
	// the whole table: ascendsAfter)
	for i, c := range t.Columns {
		if !c.Sorted {
			continue
		}
		for r := 1; r < n; r++ {
			if descends(&cols[i][r-1], &cols[i][r]) {
				return nil, fmt.Errorf("store: append to %s: row %d, column %s: %s after %s, but the column is SORTED (ascending)", t.Name, r+1, c.Name, schema.DecodeSigned(&cols[i][r]), schema.DecodeSigned(&cols[i][r-1]))
			}
		}
	}
	// every long value's bytes are here (none is lost), NULLs aside
	for i, c := range t.Columns {
		if !c.Type.Long() {
			continue
		}
		f := t.NullFlagOf(i)
		for r := range cols[i] {
			if f >= 0 && !cols[f][r].IsZero() {
				continue
			}
			d := cols[i][r].BigInt(new(big.Int))
			if blobs == nil {
				return nil, fmt.Errorf("store: append to %s: column %s is %s: its values' bytes must be given (AppendBlobs)", t.Name, c.Name, c.Type)
			}
			if _, ok := blobs.Preimage(d); !ok {
				return nil, fmt.Errorf("store: append to %s: row %d, column %s: the bytes of %s are missing", t.Name, r+1, c.Name, c.Type.FormatValue(d))
			}
		}
	}
	// a NULL is stored as 0 (every limb): grouping and joins rely on it
	for i := range t.Columns {
		f := t.NullFlagOf(i)
		if f < 0 {
			continue
		}
		for r := range cols[f] {
			if cols[f][r].IsZero() {
				continue
			}
			for k := i; k < f; k++ {
				if !cols[k][r].IsZero() {
					return nil, fmt.Errorf("store: append to %s: row %d, column %s is NULL but holds a value", t.Name, r+1, t.Columns[i].Name)
				}
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	m, err := s.Manifest(t.Name)
	switch {
	case errors.Is(err, ErrNoTable):
		if logCapacity < 1 || 1<<logCapacity > s.srs.MaxDomain() {
			return nil, fmt.Errorf("store: segment capacity 2^%d not supported by the SRS (max %d rows)", logCapacity, s.srs.MaxDomain())
		}
		m = &Manifest{Format: ManifestFormat, Schema: *t, LogCapacity: logCapacity}
	case err != nil:
		return nil, err
	default:
		if m.Schema.Hash() != t.Hash() {
			return nil, fmt.Errorf("store: append to %s: schema differs from the stored table's (%s)", t.Name, describe(&m.Schema))
		}
	}
	if n == 0 && len(meta) == 0 {
		return m, nil
	}
	dir := s.tableDir(t.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := s.ascendsAfter(m, cols); err != nil {
		return nil, err
	}
	capacity := m.Capacity()
	next := *m
	next.Segments = append([]Segment(nil), m.Segments...)
	var written, replaced []string
	cleanup := func() {
		for _, f := range written {
			os.Remove(filepath.Join(dir, f))
		}
	}
	pos := 0
	for pos < n {
		var seg Segment
		var existing [][]fr.Element
		var existingBlobs schema.Blobs
		idx := len(next.Segments)
		if idx > 0 && next.Segments[idx-1].Rows < capacity {
			idx--
			seg = next.Segments[idx]
			seg.Commitments = append([]string(nil), seg.Commitments...)
			if existing, existingBlobs, err = s.LoadSegmentBlobs(m, idx); err != nil {
				cleanup()
				return nil, err
			}
			// the table's last row is this partial segment's (the first
			// segment an append fills: pos is 0)
			if err := ascends(t, existing, seg.Rows-1, cols); err != nil {
				cleanup()
				return nil, err
			}
			replaced = append(replaced, seg.File)
		} else {
			seg = Segment{Commitments: make([]string, len(t.Columns))}
		}
		take := min(capacity-seg.Rows, n-pos)
		merged := make([][]fr.Element, len(t.Columns))
		for ci := range t.Columns {
			delta, err := s.srs.CommitRows(s.msm, capacity, seg.Rows, cols[ci][pos:pos+take])
			if err != nil {
				cleanup()
				return nil, fmt.Errorf("store: committing %s.%s: %w", t.Name, t.Columns[ci].Name, err)
			}
			if seg.Rows > 0 {
				old, err := commitment.ParseDigestHex(seg.Commitments[ci])
				if err != nil {
					cleanup()
					return nil, fmt.Errorf("store: %s segment %d column %s: %w", t.Name, idx, t.Columns[ci].Name, err)
				}
				delta = commitment.Add(old, delta)
			}
			seg.Commitments[ci] = commitment.DigestHex(delta)
			var prev []fr.Element
			if existing != nil {
				prev = existing[ci]
			}
			merged[ci] = append(append([]fr.Element(nil), prev...), cols[ci][pos:pos+take]...)
		}
		seg.Rows += take
		if err := writeSegmentFile(dir, t, idx, merged, &seg, bothBlobs{existingBlobs, blobs}); err != nil {
			cleanup()
			return nil, err
		}
		written = append(written, seg.File)
		if idx < len(next.Segments) {
			next.Segments[idx] = seg
		} else {
			next.Segments = append(next.Segments, seg)
		}
		pos += take
	}
	next.Rows = m.Rows + n
	if len(meta) > 0 {
		next.Meta = map[string]string{}
		for k, v := range m.Meta {
			next.Meta[k] = v
		}
		for k, v := range meta {
			next.Meta[k] = v
		}
	}
	if n > 0 {
		tc := next.Commitment()
		digest, err := tc.Digest()
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("store: %w", err)
		}
		next.History = append(append([]Version(nil), m.History...), Version{Rows: next.Rows, Digest: digest})
	}
	mb, err := json.MarshalIndent(&next, "", "  ")
	if err != nil {
		cleanup()
		return nil, err
	}
	if err := writeFileAtomic(filepath.Join(dir, "manifest.json"), mb); err != nil {
		cleanup()
		return nil, fmt.Errorf("store: writing %s manifest: %w", t.Name, err)
	}
	for _, f := range replaced {
		os.Remove(filepath.Join(dir, f))
	}
	return &next, nil
}

// Truncate keeps the first rows rows of a table — how an indexer takes back
// the blocks of a reorganised chain. Segments below the cut stay as they
// are, the segment holding the cut is rewritten with its commitments
// recomputed, later segments are dropped, meta entries are set, and the
// result is recorded as a new version, all in one manifest write. The
// commitment equals that of appending the kept rows alone; a commitment
// already posted on chain is append-only and must not be replaced by it.
func (s *Store) Truncate(table string, rows int, meta map[string]string) (*Manifest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.Manifest(table)
	if err != nil {
		return nil, err
	}
	if rows < 0 || rows > m.Rows {
		return nil, fmt.Errorf("store: truncate %s to %d rows: it has %d", table, rows, m.Rows)
	}
	dir := s.tableDir(table)
	capacity := m.Capacity()
	next := *m
	next.Segments = append([]Segment(nil), m.Segments[:rows/capacity]...)
	var dropped []string
	for _, seg := range m.Segments[rows/capacity:] {
		dropped = append(dropped, seg.File)
	}
	var written string
	if cut := rows % capacity; cut > 0 {
		idx := rows / capacity
		cols, blobs, err := s.LoadSegmentBlobs(m, idx)
		if err != nil {
			return nil, err
		}
		seg := Segment{Rows: cut, Commitments: make([]string, len(cols))}
		for ci := range cols {
			cols[ci] = cols[ci][:cut]
			d, err := s.srs.CommitRows(s.msm, capacity, 0, cols[ci])
			if err != nil {
				return nil, fmt.Errorf("store: committing %s.%s: %w", table, m.Schema.Columns[ci].Name, err)
			}
			seg.Commitments[ci] = commitment.DigestHex(d)
		}
		if err := writeSegmentFile(dir, &m.Schema, idx, cols, &seg, blobs); err != nil {
			return nil, err
		}
		written = seg.File
		next.Segments = append(next.Segments, seg)
	}
	next.Rows = rows
	next.Meta = map[string]string{}
	for k, v := range m.Meta {
		next.Meta[k] = v
	}
	for k, v := range meta {
		next.Meta[k] = v
	}
	tc := next.Commitment()
	digest, err := tc.Digest()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	next.History = append(append([]Version(nil), m.History...), Version{Rows: rows, Digest: digest})
	mb, err := json.MarshalIndent(&next, "", "  ")
	if err == nil {
		err = writeFileAtomic(filepath.Join(dir, "manifest.json"), mb)
	}
	if err != nil {
		if written != "" {
			os.Remove(filepath.Join(dir, written))
		}
		return nil, fmt.Errorf("store: writing %s manifest: %w", table, err)
	}
	for _, f := range dropped {
		if f != written {
			os.Remove(filepath.Join(dir, f))
		}
	}
	return &next, nil
}

// writeSegmentFile writes segment idx (seg.Rows rows of cols) as a new
// Arrow IPC file and sets seg's file name and SHA-256.
func writeSegmentFile(dir string, t *schema.Table, idx int, cols [][]fr.Element, seg *Segment, blobs schema.Preimages) error {
	data, err := writeSegment(t, cols, blobs)
	if err != nil {
		return fmt.Errorf("store: encoding %s segment %d: %w", t.Name, idx, err)
	}
	seg.File = fmt.Sprintf("seg-%06d-%d.arrow", idx, seg.Rows)
	sum := sha256.Sum256(data)
	seg.SHA256 = hex.EncodeToString(sum[:])
	if err := writeFileAtomic(filepath.Join(dir, seg.File), data); err != nil {
		return fmt.Errorf("store: writing %s segment %d: %w", t.Name, idx, err)
	}
	return nil
}

// bothBlobs looks a digest up in a segment's stored values, then in the appended ones.
type bothBlobs struct {
	stored   schema.Blobs
	appended schema.Preimages
}

func (b bothBlobs) Preimage(d *big.Int) ([]byte, bool) {
	if v, ok := b.stored.Preimage(d); ok {
		return v, true
	}
	if b.appended == nil {
		return nil, false
	}
	return b.appended.Preimage(d)
}

func describe(t *schema.Table) string {
	parts := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		parts[i] = c.Name + " " + c.Type.String()
	}
	return strings.Join(parts, ", ")
}

// writeFileAtomic writes data to path through a synced temporary file and a rename.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return os.Rename(name, path)
}

// LogCapacityFor returns log2 of a power-of-two capacity, or an error.
func LogCapacityFor(rows int) (int, error) {
	if rows < 2 || bits.OnesCount(uint(rows)) != 1 {
		return 0, fmt.Errorf("segment capacity %d is not a power of two ≥ 2", rows)
	}
	return bits.TrailingZeros(uint(rows)), nil
}

// FindVersion returns the recorded version of a table with the given digest.
func (m *Manifest) FindVersion(digest string) (Version, bool) {
	for _, v := range m.History {
		if v.Digest == digest {
			return v, true
		}
	}
	return Version{}, false
}

// ascendsAfter checks that the rows cols would append to m's table
// continue each SORTED column's ascent from the table's last row, where
// that row ends a full segment (a partial last segment the append reads
// anyway, and checks against it): a SORTED column ascends over the whole
// table, segment after segment, so a verifier may leave out the segments
// before and after a window's rows (planner.Plan.CheckCoverage).
func (s *Store) ascendsAfter(m *Manifest, cols [][]fr.Element) error {
	t := &m.Schema
	want, sorted := sortedColumns(t)
	last := len(m.Segments) - 1
	if !sorted || last < 0 || len(cols) == 0 || len(cols[0]) == 0 || m.Segments[last].Rows < m.Capacity() {
		return nil // a partial last segment: the append reads it, and checks against it (ascends)
	}
	prev, _, err := s.LoadSegmentColumns(m, last, want)
	if err != nil {
		return fmt.Errorf("store: append to %s: reading its last row: %w", t.Name, err)
	}
	return ascends(t, prev, m.Segments[last].Rows-1, cols)
}

// ascends checks that the rows cols would append follow the row end of
// prev (the table's last, in the segment that holds it) in each SORTED
// column.
func ascends(t *schema.Table, prev [][]fr.Element, end int, cols [][]fr.Element) error {
	if ci := descendingColumn(t, prev, end, cols, 0); ci >= 0 {
		return fmt.Errorf("store: append to %s: row 1, column %s: %s after the table's last %s, but the column is SORTED (ascending over the table)", t.Name, t.Columns[ci].Name, schema.DecodeSigned(&cols[ci][0]), schema.DecodeSigned(&prev[ci][end]))
	}
	return nil
}

// descendingColumn returns the first SORTED column of t whose value at
// row at of next lies below its value at row end of prev, or −1.
func descendingColumn(t *schema.Table, prev [][]fr.Element, end int, next [][]fr.Element, at int) int {
	if end < 0 {
		return -1
	}
	for ci, c := range t.Columns {
		if c.Sorted && descends(&prev[ci][end], &next[ci][at]) {
			return ci
		}
	}
	return -1
}

// sortedColumns marks t's SORTED columns, and reports whether it has one.
func sortedColumns(t *schema.Table) (want []bool, has bool) {
	want = make([]bool, len(t.Columns))
	for ci, c := range t.Columns {
		want[ci] = c.Sorted
		has = has || c.Sorted
	}
	return want, has
}

// descends reports whether b < a as signed integers (schema.DecodeSigned).
func descends(a, b *fr.Element) bool {
	return schema.DecodeSigned(b).Cmp(schema.DecodeSigned(a)) < 0
}
