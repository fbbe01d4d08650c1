// Package receipt defines the receipt of a proven query: the SQL, its
// parameters, the result, the table commitment it ran against, the keys'
// identities and the proofs, as JSON. Producing a receipt is package
// prover's job, checking one is package verifier's.
package receipt

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
)

// Version is the receipt format version this package writes and reads.
const Version = 6

// MaxSize bounds the size of a receipt file accepted.
const MaxSize = 64 << 20

// Receipt is a proven query result.
type Receipt struct {
	Version   int    `json:"version"`
	SQL       string `json:"sql"`
	Shape     string `json:"shape"`
	ShapeHash string `json:"shape_hash"`
	Backend   string `json:"backend"`
	// UnsafeSetup is true when the circuit keys come from a local setup.
	UnsafeSetup bool   `json:"unsafe_setup"`
	VKHash      string `json:"vk_hash"`
	// VerifyingKey is the circuit verifying key (base64), whose hash is VKHash.
	VerifyingKey string `json:"verifying_key"`
	// SRSHash identifies the KZG SRS of the column commitments; UnsafeSRS is
	// true for a locally generated one.
	SRSHash         string `json:"srs_hash"`
	SRSVerifyingKey string `json:"srs_verifying_key"`
	UnsafeSRS       bool   `json:"unsafe_srs"`
	// TableCommitments maps the queried table to its commitment digest.
	TableCommitments map[string]string `json:"table_commitments"`
	// Table is the full commitment the digest is computed from (a join's
	// Left table).
	Table commitment.TableCommitment `json:"table"`
	// JoinTable is a join's Right table commitment; its segment proofs are
	// one per (Left segment, Right segment) pair, Left-major.
	JoinTable *commitment.TableCommitment `json:"join_table,omitempty"`
	// JoinLookup is true when a join's proofs are of its lookup circuit
	// (circuits.Size.Lookup: the Right table's keys distinct per segment).
	JoinLookup bool `json:"join_lookup,omitempty"`
	// GroupSlots is, for a one-table GROUP BY, how many group slots its
	// circuit holds (circuits.Size.GroupSlots, sized to the data; 0: one
	// per row).
	GroupSlots int      `json:"group_slots,omitempty"`
	Params     []string `json:"params"`
	// Columns and Rows are the result.
	Columns []planner.ResultColumn `json:"columns"`
	Rows    [][]string             `json:"rows"`
	// LongValues are the bytes (0x-hex) of the LONGTEXT and BYTES values
	// the result shows, which the proofs bind by their digests
	// (schema.Digest): the verifier hashes each to read the result.
	LongValues []string `json:"long_values,omitempty"`
	// Segments are the public values of each segment's proof, in the
	// table's segment order (one a proof, or a segment outside the window),
	// from FirstSegment on.
	Segments []Segment `json:"segments"`
	// FirstSegment is the table segment Segments[0] is. A query whose
	// window is on a SORTED column (planner.Plan.Covers) may hold only the
	// segments around its window's rows, FirstSegment to FirstSegment +
	// len(Segments) − 1, and leave the rest of the table out: the first
	// and last segments' windows show that the column passes the window's
	// bounds within them (planner.Plan.CheckCoverage). 0 and every segment
	// otherwise.
	FirstSegment int `json:"first_segment,omitempty"`
	// Proof is base64 of the segments' circuit proofs (those outside the
	// window have none), each preceded by its 4-byte big-endian length.
	Proof string `json:"proof"`
	// Opening is base64 of the query's KZG opening (commitment.
	// QueryOpening: W, then H, 32 bytes each), which opens every segment's
	// columns at its Z (the proof's Y) and, for an opened window, the
	// window column at its end rows; absent for a query that opens no
	// column.
	Opening string `json:"opening,omitempty"`
}

// Segment holds one segment proof's public values (decimal field elements).
type Segment struct {
	Z        string   `json:"z"`
	Y        []string `json:"y"`
	Partials []string `json:"partials"`
	// Rows are a row plan's result slots in use (signed decimal integers:
	// position in the segment, SELECT values, ORDER BY keys), bound by the
	// digest among the partials.
	Rows [][]string `json:"rows,omitempty"`
	// Window is a window's public values (planner.Plan.WindowOpened):
	// its ends and the sorted column's values beside them (circuits.Query.
	// WinEnds), each value opened at its row by the segment's
	// WindowOpenings.
	Window []string `json:"window,omitempty"`
	// WindowOnly marks a segment shown by its window alone: one the
	// query's window holds no row of (planner.Plan.Prunable), or any
	// segment of a query that counts its window's rows and nothing else
	// (planner.Plan.WindowAlone). It has no proof, no Z, Y, partials or
	// rows, only its Window values, which show its window (planner.Plan.
	// CheckWindow: empty, or its length the count) and which the query's
	// opening opens at their rows.
	WindowOnly bool `json:"window_only,omitempty"`
}

// SegmentProof is one segment's circuit proof.
type SegmentProof struct {
	Circuit []byte
}

// EncodeProof packs segment proofs into the Proof field's byte form.
func EncodeProof(ps []SegmentProof) string {
	var b bytes.Buffer
	var l [4]byte
	for _, p := range ps {
		binary.BigEndian.PutUint32(l[:], uint32(len(p.Circuit)))
		b.Write(l[:])
		b.Write(p.Circuit)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// QueryOpening returns the receipt's query opening, nil when it has none.
func (r *Receipt) QueryOpening() (*commitment.QueryOpening, error) {
	if r.Opening == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(r.Opening)
	if err != nil {
		return nil, fmt.Errorf("receipt: opening is not base64: %w", err)
	}
	op, err := commitment.ParseQueryOpening(b)
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	return op, nil
}

// Proven returns how many of the receipt's segments have a proof (those
// not outside the window).
func (r *Receipt) Proven() int {
	n := 0
	for _, s := range r.Segments {
		if !s.WindowOnly {
			n++
		}
	}
	return n
}

// LeftOut is how many of the table's (a join's Left table's) segments
// the receipt leaves out (FirstSegment).
func (r *Receipt) LeftOut() int {
	held := len(r.Segments)
	if r.JoinTable != nil && len(r.JoinTable.Segments) > 0 {
		held /= len(r.JoinTable.Segments) // a proof per (Left, Right) pair
	}
	return max(len(r.Table.Segments)-held, 0)
}

// DecodeProof unpacks the Proof field into n segment proofs.
func DecodeProof(s string, n int) ([]SegmentProof, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("receipt: proof is not base64: %w", err)
	}
	out := make([]SegmentProof, n)
	for i := 0; i < n; i++ {
		if len(raw) < 4 {
			return nil, fmt.Errorf("receipt: proof bundle truncated at segment %d", i)
		}
		l := binary.BigEndian.Uint32(raw[:4])
		raw = raw[4:]
		if uint64(l) > uint64(len(raw)) {
			return nil, fmt.Errorf("receipt: proof bundle truncated at segment %d", i)
		}
		out[i].Circuit, raw = raw[:l], raw[l:]
	}
	if len(raw) != 0 {
		return nil, fmt.Errorf("receipt: proof bundle has %d trailing bytes", len(raw))
	}
	return out, nil
}

// Read parses a receipt, refusing unknown fields, other versions and oversize input.
func Read(r io.Reader) (*Receipt, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("receipt: larger than %d bytes", MaxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var rc Receipt
	if err := dec.Decode(&rc); err != nil {
		return nil, fmt.Errorf("receipt: malformed JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("receipt: trailing data after the JSON object")
	}
	switch {
	case rc.Version < Version:
		return nil, fmt.Errorf("receipt: version %d is not supported (want %d): an older ProvenSQL wrote it; prove the query again", rc.Version, Version)
	case rc.Version != Version:
		return nil, fmt.Errorf("receipt: version %d is not supported (want %d): a newer ProvenSQL wrote it", rc.Version, Version)
	}
	return &rc, nil
}

// ReadFile reads a receipt file.
func ReadFile(path string) (*Receipt, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	defer f.Close()
	rc, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rc, nil
}

// Write encodes the receipt as indented JSON.
func (r *Receipt) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteFile writes the receipt to path.
func (r *Receipt) WriteFile(path string) error {
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
