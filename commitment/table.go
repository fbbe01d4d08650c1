package commitment

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"golang.org/x/crypto/sha3"

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
//
//	H("provensql/table/v2" ‖ schema hash ‖ log capacity ‖ rows ‖
//	  FullChain ‖ LastSegmentHash)
//
// integers as 8-byte big-endian. The full segments enter through their
// hash chain (FullChain) and the partial last one through its hash, so
// that a contract extends a posted commitment with the new segments alone
// and checks a query's segments with the hashes of the others. It checks
// the commitment's layout (checkLayout), not that every commitment is a
// point of G1: whoever uses a segment's points parses them
// (ParseDigestHex), and a receipt that leaves segments out (receipt.
// Receipt.FirstSegment) uses theirs only here, hashed, so its verification
// does not decompress every point of the table.
func (tc *TableCommitment) Digest() (string, error) {
	if err := tc.checkLayout(false); err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte("provensql/table/v2"))
	sh := tc.Schema.Hash()
	h.Write(sh[:])
	var b [8]byte
	put := func(v int) {
		binary.BigEndian.PutUint64(b[:], uint64(v))
		h.Write(b[:])
	}
	put(tc.LogCapacity)
	put(tc.Rows)
	chain := tc.FullChain(tc.FullSegments())
	h.Write(chain[:])
	last := tc.LastSegmentHash()
	h.Write(last[:])
	return hex.EncodeToString(h.Sum(nil)), nil
}

// FullSegments is how many of the segments are full (all but a partial
// last one).
func (tc *TableCommitment) FullSegments() int {
	return tc.Rows >> tc.LogCapacity
}

// SegmentHash is the Keccak-256 of segment s's column commitments, each
// compressed (32 bytes), in column order: what the Coprocessor hashes of a
// segment's points. The commitment's layout must have been checked.
func (tc *TableCommitment) SegmentHash(s int) [32]byte {
	k := sha3.NewLegacyKeccak256()
	for _, c := range tc.Segments[s].Columns {
		d, _ := hex.DecodeString(c)
		k.Write(d)
	}
	var out [32]byte
	k.Sum(out[:0])
	return out
}

// FullChain is the hash chain of the first n segments' hashes: c_0 = 0
// (32 zero bytes), c_(k+1) = Keccak-256(c_k ‖ SegmentHash(k)). A contract
// extends it by the segments a new commitment adds, and checks a run of
// segments from the chain value before them and the hashes after them.
func (tc *TableCommitment) FullChain(n int) [32]byte {
	var c [32]byte
	for s := range n {
		h := tc.SegmentHash(s)
		k := sha3.NewLegacyKeccak256()
		k.Write(c[:])
		k.Write(h[:])
		k.Sum(c[:0])
	}
	return c
}

// LastSegmentHash is the partial last segment's SegmentHash, or 32 zero
// bytes where every segment is full.
func (tc *TableCommitment) LastSegmentHash() [32]byte {
	if f := tc.FullSegments(); f < len(tc.Segments) {
		return tc.SegmentHash(f)
	}
	return [32]byte{}
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
