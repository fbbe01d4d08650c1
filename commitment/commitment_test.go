package commitment

import (
	"bytes"
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
	pr, err := srs.Open(nil, [][]fr.Element{vals, other}, []Digest{whole, od}, z)
	if err != nil {
		t.Fatal(err)
	}
	if want := EvaluateLagrange(16, vals, z); !pr.Values[0].Equal(&want) {
		t.Fatal("claimed value is not the Lagrange evaluation")
	}
	vk := srs.VerifyingKey()
	if err := Verify(vk, []Digest{whole, od}, pr, z); err != nil {
		t.Fatal(err)
	}
	// Wrong value, wrong point, wrong commitment: rejected.
	bad := *pr
	bad.Values = append([]fr.Element(nil), pr.Values...)
	bad.Values[1].SetUint64(5)
	if Verify(vk, []Digest{whole, od}, &bad, z) == nil {
		t.Fatal("wrong claimed value accepted")
	}
	var z2 fr.Element
	z2.SetUint64(2)
	if Verify(vk, []Digest{whole, od}, pr, z2) == nil {
		t.Fatal("wrong point accepted")
	}
	if Verify(vk, []Digest{od, whole}, pr, z) == nil {
		t.Fatal("swapped commitments accepted")
	}
	back2, err := ParseOpening(pr.Bytes())
	if err != nil || Verify(vk, []Digest{whole, od}, back2, z) != nil {
		t.Fatalf("opening round trip: %v", err)
	}
	if _, err := ParseOpening(pr.Bytes()[:40]); err == nil {
		t.Fatal("truncated opening accepted")
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
	if _, err := ParseDigestHex("00ff"); err == nil {
		t.Fatal("short digest accepted")
	}
	if _, err := srs.Lagrange(32); err == nil {
		t.Fatal("domain beyond the SRS accepted")
	}
}

// TestVerifyBatch: several openings at different points pass together; one
// wrong value, point, quotient or digest anywhere fails the batch.
func TestVerifyBatch(t *testing.T) {
	srs, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	vk := srs.VerifyingKey()
	var claims []Claim
	for s := 0; s < 3; s++ {
		a, b := make([]fr.Element, 16), make([]fr.Element, 16)
		for i := range a {
			a[i].SetUint64(uint64(i + 7*s))
			b[i].SetUint64(uint64(i * i * (s + 1)))
		}
		da, _ := srs.CommitRows(nil, 16, 0, a)
		db, _ := srs.CommitRows(nil, 16, 0, b)
		var z fr.Element
		z.SetUint64(uint64(1000 + s))
		op, err := srs.Open(nil, [][]fr.Element{a, b}, []Digest{da, db}, z)
		if err != nil {
			t.Fatal(err)
		}
		claims = append(claims, Claim{Digests: []Digest{da, db}, Opening: op, Z: z})
	}
	if err := VerifyBatch(vk, claims); err != nil {
		t.Fatalf("valid openings rejected: %v", err)
	}
	clone := func() []Claim {
		out := make([]Claim, len(claims))
		for i, c := range claims {
			op := &Opening{H: c.Opening.H, Values: append([]fr.Element(nil), c.Opening.Values...)}
			out[i] = Claim{Digests: append([]Digest(nil), c.Digests...), Opening: op, Z: c.Z}
		}
		return out
	}
	for name, edit := range map[string]func(c []Claim){
		"value":          func(c []Claim) { c[1].Opening.Values[0].SetUint64(3) },
		"point":          func(c []Claim) { c[2].Z.SetUint64(5) },
		"points swapped": func(c []Claim) { c[0].Z, c[1].Z = c[1].Z, c[0].Z },
		"quotient":       func(c []Claim) { c[0].Opening.H = c[1].Opening.H },
		"digest":         func(c []Claim) { c[2].Digests[1] = c[0].Digests[1] },
	} {
		c := clone()
		edit(c)
		if VerifyBatch(vk, c) == nil {
			t.Errorf("%s changed: batch accepted", name)
		}
	}
}

// A rows opening (two quotients) proves a column's values at any rows of
// its domain, repeated or wrapping; it refuses a changed value, a value
// at another row, another column's commitment, swapped quotients (where
// they differ), and two values claimed at one row.
func TestRowsOpening(t *testing.T) {
	srs, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	col := make([]fr.Element, 16)
	for i := 0; i < 11; i++ { // rows 11..15 are padding (zero)
		col[i].SetUint64(uint64(1000 + 7*i))
	}
	d, _ := srs.CommitRows(nil, 16, 0, col)
	other := append([]fr.Element(nil), col...)
	other[4].SetUint64(5)
	od, _ := srs.CommitRows(nil, 16, 0, other)
	vk := srs.VerifyingKey()
	check := func(digest Digest, rows []uint64, vals []fr.Element, op *RowsOpening) error {
		c, err := RowsClaim(digest, 16, rows, vals, op)
		if err != nil {
			return err
		}
		return Verify(vk, c.Digests, c.Opening, c.Z)
	}
	valuesAt := func(rows []uint64) []fr.Element {
		out := make([]fr.Element, len(rows))
		for k, r := range rows {
			out[k] = col[r]
		}
		return out
	}
	for _, rows := range [][]uint64{{3, 4, 9, 10}, {3, 4, 3, 4}, {15, 0, 10, 11}, {0, 1}, {7}} {
		op, err := srs.OpenRows(nil, col, d, rows)
		if err != nil {
			t.Fatal(err)
		}
		vals := valuesAt(rows)
		if err := check(d, rows, vals, op); err != nil {
			t.Fatalf("rows %v: honest opening refused: %v", rows, err)
		}
		back, err := ParseRowsOpening(op.Bytes())
		if err != nil || back.W != op.W || back.H != op.H {
			t.Fatalf("rows %v: bytes do not round-trip: %v", rows, err)
		}
		changed := append([]fr.Element(nil), vals...)
		changed[0].SetUint64(999)
		if check(d, rows, changed, op) == nil {
			t.Fatalf("rows %v: a changed value was accepted", rows)
		}
		moved := append([]uint64(nil), rows...)
		moved[len(moved)-1] = (moved[len(moved)-1] + 5) % 16
		if check(d, moved, vals, op) == nil {
			t.Fatalf("rows %v: the values at other rows were accepted", rows)
		}
		if check(od, rows, vals, op) == nil {
			t.Fatalf("rows %v: another column's commitment was accepted", rows)
		}
		// (one point: L = (X − ζ)·h, so both quotients are h)
		if !op.W.Equal(&op.H) && check(d, rows, vals, &RowsOpening{W: op.H, H: op.W}) == nil {
			t.Fatalf("rows %v: swapped quotients were accepted", rows)
		}
	}
	twice := valuesAt([]uint64{3, 3})
	twice[1].SetUint64(1)
	if _, err := RowsClaim(d, 16, []uint64{3, 3}, twice, &RowsOpening{}); err == nil {
		t.Fatal("two values claimed at one row")
	}
}
