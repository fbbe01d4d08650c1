package receipt

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/provensql/provensql/commitment"
)

// TestProofBundle: segment proofs round-trip through the Proof field, and
// a bundle cut short, with bytes to spare or not base64 is refused with an
// error saying so.
func TestProofBundle(t *testing.T) {
	ps := []SegmentProof{{Circuit: []byte{1, 2, 3}}, {Circuit: []byte{}}, {Circuit: bytes.Repeat([]byte{9}, 300)}}
	enc := EncodeProof(ps)
	back, err := DecodeProof(enc, len(ps))
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		if !bytes.Equal(back[i].Circuit, ps[i].Circuit) {
			t.Fatalf("segment %d: %x, want %x", i, back[i].Circuit, ps[i].Circuit)
		}
	}
	raw, _ := base64.StdEncoding.DecodeString(enc)
	for _, c := range []struct {
		name, bundle string
		n            int
		want         string
	}{
		{"one segment more than the bundle holds", enc, 4, "truncated at segment 3"},
		{"one segment fewer", enc, 2, "trailing bytes"},
		{"cut inside a proof", base64.StdEncoding.EncodeToString(raw[:len(raw)-1]), 3, "truncated at segment 2"},
		{"cut inside a length", base64.StdEncoding.EncodeToString(raw[:2]), 1, "truncated at segment 0"},
		{"not base64", "%" + enc[1:], 3, "not base64"},
	} {
		if _, err := DecodeProof(c.bundle, c.n); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
}

// TestQueryOpening: a receipt's opening reads back as written; none is
// nil; a malformed one is an error naming the field.
func TestQueryOpening(t *testing.T) {
	_, _, g, _ := bn254.Generators()
	var h bn254.G1Affine
	h.Double(&g)
	op := &commitment.QueryOpening{W: g, H: h}
	rc := &Receipt{Opening: base64.StdEncoding.EncodeToString(op.Bytes())}
	back, err := rc.QueryOpening()
	if err != nil || back == nil || *back != *op {
		t.Fatalf("round trip: %v, %v", back, err)
	}
	if none, err := (&Receipt{}).QueryOpening(); none != nil || err != nil {
		t.Fatalf("no opening: %v, %v", none, err)
	}
	b := op.Bytes()
	off := append([]byte(nil), b...)
	off[63] ^= 1 // H's x no longer on the curve (or its flag's y)
	for name, c := range map[string]struct{ opening, want string }{
		"not base64":  {"%%%", "opening is not base64"},
		"short":       {base64.StdEncoding.EncodeToString(b[:40]), "query opening of 40 bytes"},
		"H not on G1": {base64.StdEncoding.EncodeToString(off), "quotient H"},
		"W all zero":  {base64.StdEncoding.EncodeToString(append(make([]byte, 32), b[32:]...)), "quotient W"},
	} {
		if _, err := (&Receipt{Opening: c.opening}).QueryOpening(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, c.want)
		}
	}
}

// TestRead: Read takes a receipt it wrote and refuses another version,
// unknown fields, trailing data and oversize input.
func TestRead(t *testing.T) {
	var b bytes.Buffer
	if err := (&Receipt{Version: Version, SQL: "SELECT 1"}).Write(&b); err != nil {
		t.Fatal(err)
	}
	if rc, err := Read(bytes.NewReader(b.Bytes())); err != nil || rc.SQL != "SELECT 1" {
		t.Fatalf("round trip: %v, %v", rc, err)
	}
	old := strings.Replace(b.String(), `"version": 6`, `"version": 5`, 1)
	for name, c := range map[string]struct{ input, want string }{
		"an older version": {old, "version 5 is not supported (want 6): an older ProvenSQL wrote it; prove the query again"},
		"a newer version":  {strings.Replace(b.String(), `"version": 6`, `"version": 7`, 1), "a newer ProvenSQL wrote it"},
		"an unknown field": {strings.Replace(b.String(), `"sql"`, `"sqlx"`, 1), "unknown field"},
		"trailing data":    {b.String() + "{}", "trailing data"},
		"not JSON":         {"proof", "malformed JSON"},
		"oversize":         {strings.Repeat(" ", MaxSize+1), "larger than"},
	} {
		if _, err := Read(strings.NewReader(c.input)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, c.want)
		}
	}
}
