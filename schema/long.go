package schema

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
)

// DigestBits is the width of a LONGTEXT or BYTES value's committed digest:
// 124-bit collision resistance, above BN254's own security level, and
// narrow enough to be a GROUP BY key packed with a few narrow columns.
const DigestBits = 248

// MaxLongBytes bounds one LONGTEXT or BYTES value (16 MiB), so a corrupt or
// hostile input cannot make a row of unbounded size.
const MaxLongBytes = 16 << 20

var digestMax = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), DigestBits), big.NewInt(1))

// chunkBytes is the number of bytes hashed per field element.
const chunkBytes = 31

// Digest returns the committed value of a LONGTEXT or BYTES value b:
// Poseidon2 (gnark-crypto's BN254 parameters, Merkle–Damgård with a zero
// IV) over the field elements len(b), then b in 31-byte big-endian chunks
// (the last one zero-padded on the right), reduced modulo 2^DigestBits.
func Digest(b []byte) *big.Int {
	h := poseidon2.NewMerkleDamgardHasher()
	var e fr.Element
	e.SetUint64(uint64(len(b)))
	w := e.Bytes()
	h.Write(w[:])
	for i := 0; i < len(b); i += chunkBytes {
		var c [32]byte
		copy(c[1:], b[i:min(i+chunkBytes, len(b))])
		h.Write(c[:])
	}
	d := new(big.Int).SetBytes(h.Sum(nil))
	return d.And(d, digestMax)
}

// ParseBytes reads the bytes of a LONGTEXT (the text itself, valid UTF-8,
// not trimmed) or BYTES value (0x followed by an even number of hex digits).
func (t Type) ParseBytes(s string) ([]byte, error) {
	if len(s) > 2*MaxLongBytes+2 {
		return nil, fmt.Errorf("value of %d characters exceeds %s's %d bytes", len(s), t, MaxLongBytes)
	}
	var b []byte
	switch t {
	case LongText:
		b = []byte(s)
	case Bytes:
		h := strings.TrimSpace(s)
		if !strings.HasPrefix(h, "0x") && !strings.HasPrefix(h, "0X") {
			return nil, fmt.Errorf("%.40q is not a BYTES value (0x followed by hex digits)", s)
		}
		var err error
		if b, err = hex.DecodeString(h[2:]); err != nil {
			return nil, fmt.Errorf("%.40q is not a BYTES value: %w", s, err)
		}
	default:
		return nil, fmt.Errorf("%s values are not byte strings", t)
	}
	return b, t.CheckBytes(b)
}

// CheckBytes refuses a LONGTEXT or BYTES value that is too long, or a
// LONGTEXT value that is not UTF-8.
func (t Type) CheckBytes(b []byte) error {
	if len(b) > MaxLongBytes {
		return fmt.Errorf("value of %d bytes exceeds %s's %d", len(b), t, MaxLongBytes)
	}
	if t == LongText && !utf8.Valid(b) {
		return fmt.Errorf("string %.40q is not valid UTF-8", b)
	}
	return nil
}

// FormatBytes writes the bytes of a LONGTEXT (as text) or BYTES (0x-hex) value.
func (t Type) FormatBytes(b []byte) string {
	if t == Bytes {
		return "0x" + hex.EncodeToString(b)
	}
	return string(b)
}

// digestPrefix starts the text form of a long value known only by its digest.
const digestPrefix = "digest:0x"

// formatDigest writes a long value of which only the digest is known.
func formatDigest(v *big.Int) string { return digestPrefix + v.Text(16) }

// ParseDigestText reads what FormatValue writes for a LONGTEXT or BYTES
// value (its digest), reporting false for any other text.
func ParseDigestText(s string) (*big.Int, bool) {
	h, ok := strings.CutPrefix(s, digestPrefix)
	if !ok {
		return nil, false
	}
	return new(big.Int).SetString(h, 16)
}

// Preimages resolves the digests of LONGTEXT and BYTES values to their bytes.
type Preimages interface {
	Preimage(digest *big.Int) ([]byte, bool)
}

// Blobs holds the bytes of long values by digest; it is a Preimages.
type Blobs map[string][]byte

// Add records b and returns its digest.
func (m Blobs) Add(b []byte) *big.Int {
	d := Digest(b)
	m[d.Text(16)] = b
	return d
}

// Preimage returns the bytes of a digest, when recorded.
func (m Blobs) Preimage(d *big.Int) ([]byte, bool) {
	b, ok := m[d.Text(16)]
	return b, ok
}

// List returns the values, 0x-hex, in digest order (nil when there are none).
func (m Blobs) List() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, Bytes.FormatBytes(m[k]))
	}
	return out
}

// Recorder is a Preimages that looks digests up in From and records in
// Used the values it found: what a result showed.
type Recorder struct {
	From Preimages
	Used Blobs
}

// Preimage implements Preimages.
func (r *Recorder) Preimage(d *big.Int) ([]byte, bool) {
	b, ok := r.From.Preimage(d)
	if ok {
		if r.Used == nil {
			r.Used = Blobs{}
		}
		r.Used[d.Text(16)] = b
	}
	return b, ok
}

// Merge adds every value of o to m.
func (m Blobs) Merge(o Blobs) {
	for k, v := range o {
		m[k] = v
	}
}
