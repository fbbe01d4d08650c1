package commitment

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"

	"github.com/provensql/provensql/schema"
)

// TableCommitment is what a proof is about: the schema, the segment
// capacity, the row count and each segment's column commitments.
type TableCommitment struct {
	Schema      schema.Table        `json:"schema"`
	LogCapacity int                 `json:"log_capacity"`
	Rows        int                 `json:"rows"`
	Segments    []SegmentCommitment `json:"segments"`
}

// SegmentCommitment is one segment's row count and column commitments.
type SegmentCommitment struct {
	Rows    int      `json:"rows"`
	Columns []string `json:"columns"`
}

// Digest returns the hex SHA-256 digest identifying the table commitment:
// H("provensql/table/v1" ‖ schema hash ‖ log capacity ‖ rows ‖ for each
// segment: rows ‖ each column's compressed commitment), integers as 8-byte
// big-endian. It checks the commitment's layout (checkLayout), not that
// every commitment is a point of G1: whoever uses a segment's points
// parses them (ParseDigestHex), and a receipt that leaves segments out
// (receipt.Receipt.FirstSegment) uses theirs only here, hashed, so its
// verification does not decompress every point of the table.
func (tc *TableCommitment) Digest() (string, error) {
	if err := tc.checkLayout(false); err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte("provensql/table/v1"))
	sh := tc.Schema.Hash()
	h.Write(sh[:])
	var b [8]byte
	put := func(v int) {
		binary.BigEndian.PutUint64(b[:], uint64(v))
		h.Write(b[:])
	}
	put(tc.LogCapacity)
	put(tc.Rows)
	for _, s := range tc.Segments {
		put(s.Rows)
		for _, c := range s.Columns {
			d, _ := hex.DecodeString(c)
			h.Write(d)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Check validates the internal consistency of a table commitment: segment
// row counts that add up, only the last segment partial, every commitment a
// valid G1 point.
func (tc *TableCommitment) Check() error { return tc.checkLayout(true) }

// checkLayout checks Check's row counts and column counts, and that every
// commitment is a compressed point's 32 bytes of hex — and, with points,
// a valid G1 point.
func (tc *TableCommitment) checkLayout(points bool) error {
	if tc.LogCapacity < 1 || tc.LogCapacity > 28 {
		return fmt.Errorf("table commitment: log capacity %d out of range", tc.LogCapacity)
	}
	capacity := 1 << tc.LogCapacity
	total := 0
	for i, s := range tc.Segments {
		if s.Rows < 1 || s.Rows > capacity {
			return fmt.Errorf("table commitment: segment %d has %d rows (capacity %d)", i, s.Rows, capacity)
		}
		if i < len(tc.Segments)-1 && s.Rows != capacity {
			return fmt.Errorf("table commitment: segment %d is not full but is not the last", i)
		}
		if len(s.Columns) != len(tc.Schema.Columns) {
			return fmt.Errorf("table commitment: segment %d has %d column commitments, schema has %d columns", i, len(s.Columns), len(tc.Schema.Columns))
		}
		for j, c := range s.Columns {
			var err error
			if points {
				_, err = ParseDigestHex(c)
			} else if b, herr := hex.DecodeString(c); herr != nil || len(b) != bn254.SizeOfG1AffineCompressed {
				err = fmt.Errorf("commitment: digest %q: not %d bytes of hex", c, bn254.SizeOfG1AffineCompressed)
			}
			if err != nil {
				return fmt.Errorf("table commitment: segment %d column %s: %w", i, tc.Schema.Columns[j].Name, err)
			}
		}
		total += s.Rows
	}
	if total != tc.Rows {
		return fmt.Errorf("table commitment: segments hold %d rows, commitment says %d", total, tc.Rows)
	}
	return nil
}
