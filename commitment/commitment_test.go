package commitment

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
)

func TestLagrangeCommitOpenVerify(t *testing.T) {
	srs, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]fr.Element, 16)
	for i := range vals[:11] {
		vals[i].SetUint64(uint64(i*i + 3))
	}
	// Incremental commitment equals the commitment of the whole vector,
	// and equals the canonical-basis commitment of the interpolated polynomial.
	a, _ := srs.CommitRows(nil, 16, 0, vals[:6])
	b, _ := srs.CommitRows(nil, 16, 6, vals[6:11])
	whole, _ := srs.CommitRows(nil, 16, 0, vals)
	if sum := Add(a, b); !sum.Equal(&whole) {
		t.Fatal("incremental commitment differs")
	}
	coeffs := lagrangeToCanonical(vals)
	canon, _ := kzg.Commit(coeffs, kzg.ProvingKey{G1: srs.kzg.Pk.G1[:16]})
	if !canon.Equal(&whole) {
		t.Fatal("Lagrange commitment is not the canonical one")
	}
	var z fr.Element
	z.SetUint64(987654321)
	other := make([]fr.Element, 16)
	other[3].SetOne()
	od, _ := srs.CommitRows(nil, 16, 0, other)
	q := srs.NewQueryOpener(nil, 1)
	values, err := q.Add(0, [][]fr.Element{vals, other}, []Digest{whole, od}, z, nil, Digest{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := EvaluateLagrange(16, vals, z); !values[0].Equal(&want) {
		t.Fatal("claimed value is not the Lagrange evaluation")
	}
	op, err := q.Open()
	if err != nil {
		t.Fatal(err)
	}
	vk := srs.VerifyingKey()
	claims := q.Claims()
	if err := verifyQuery(vk, claims, op); err != nil {
		t.Fatal(err)
	}
	// Wrong value, wrong point, swapped commitments: rejected.
	for name, edit := range map[string]func(c *SegmentClaim){
		"wrong claimed value": func(c *SegmentClaim) { c.Values[1].SetUint64(5) },
		"wrong point":         func(c *SegmentClaim) { c.Z.SetUint64(2) },
		"swapped commitments": func(c *SegmentClaim) { c.Digests[0], c.Digests[1] = c.Digests[1], c.Digests[0] },
	} {
		changed := cloneClaims(claims)
		edit(&changed[0])
		if verifyQuery(vk, changed, op) == nil {
			t.Fatalf("%s accepted", name)
		}
	}
	// Serialisation round trips.
	var buf bytes.Buffer
	if _, err := srs.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSRS(&buf)
	if err != nil || !back.Unsafe || VerifyingKeyHash(back.VerifyingKey()) != VerifyingKeyHash(vk) {
		t.Fatalf("SRS round trip: %v", err)
	}
	vk2, err := ParseVerifyingKey(VerifyingKeyBytes(vk))
	if err != nil || VerifyingKeyHash(vk2) != VerifyingKeyHash(vk) {
		t.Fatalf("vk round trip: %v", err)
	}
	if _, err := ReadSRS(bytes.NewReader([]byte("garbage that is not an srs"))); err == nil {
		t.Fatal("garbage SRS accepted")
	}
	// a file with the header and junk after it, or junk alone to import:
	// the points the junk declares are refused before the decoder
	// allocates them (gigabytes)
	junkPath := filepath.Join(t.TempDir(), "junk.srs")
	os.WriteFile(junkPath, []byte("not an SRS at all"), 0o644)
	if _, err := ReadSRS(bytes.NewReader(append(append([]byte{}, srsMagic...), append([]byte{1}, []byte("not an SRS at all")...)...))); err == nil || !strings.Contains(err.Error(), "declares") {
		t.Fatalf("a header and junk: %v", err)
	}
	if _, err := ReadSRSFile(junkPath); err == nil || !strings.Contains(err.Error(), "junk.srs") || !strings.Contains(err.Error(), "declares") {
		t.Fatalf("junk to import: %v", err)
	}
	if _, err := ParseDigestHex("00ff"); err == nil {
		t.Fatal("short digest accepted")
	}
	if _, err := srs.Lagrange(32); err == nil {
		t.Fatal("domain beyond the SRS accepted")
	}
}

// BenchmarkOpenings times a query opening (QueryOpener) at 2^16 rows of one
// and of four segments, each with two columns at its z and a window column
// at four rows, with the quotients' MSMs on the CPU. go test -run '^$' -bench Openings ./commitment
func BenchmarkOpenings(b *testing.B) {
	const n = 1 << 16
	srs, err := NewUnsafeSRS(2 * n)
	if err != nil {
		b.Fatal(err)
	}
	cols := make([][]fr.Element, 3)
	digests := make([]Digest, 3)
	for j := range cols {
		cols[j] = make([]fr.Element, n)
		for i := range cols[j][:n-100] {
			cols[j][i].SetUint64(uint64(i*(j+3) + 1))
		}
		if digests[j], err = srs.CommitRows(nil, n, 0, cols[j]); err != nil {
			b.Fatal(err)
		}
	}
	var z fr.Element
	z.SetUint64(987654321)
	for _, segments := range []int{1, 4} {
		// each segment's two columns at its own z and its window column at
		// four rows, in one query opening
		b.Run(fmt.Sprintf("query of %d segments", segments), func(b *testing.B) {
			for b.Loop() {
				q := srs.NewQueryOpener(nil, segments)
				for s := range segments {
					zs := z
					zs.Add(&zs, new(fr.Element).SetUint64(uint64(s)))
					if _, err := q.Add(s, cols[:2], digests[:2], zs, cols[2], digests[2], []uint64{99, 100, 4000, 4001}); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := q.Open(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
