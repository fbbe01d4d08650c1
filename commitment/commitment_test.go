package commitment

import (
	"bytes"
	"fmt"
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

// Open commits its quotient from evaluations over the Lagrange basis where
// the columns share one domain and z is outside it: the point is the one
// the coefficients' monomial MSM gives. Where they do not (columns of two
// lengths, z a row's point), it takes the coefficients' path, and every
// opening verifies. (A z that is a row's point — a hash landing in the
// domain — has no opening: its Lagrange weights are all 0.)
func TestOpenQuotientPaths(t *testing.T) {
	srs, err := NewUnsafeSRS(32)
	if err != nil {
		t.Fatal(err)
	}
	column := func(n int, seed uint64) ([]fr.Element, Digest) {
		c := make([]fr.Element, n)
		for i := range c[:n-2] { // two zero padding rows
			c[i].SetUint64(seed*uint64(i+1) + uint64(i*i))
		}
		c[0].Neg(&c[0]) // a large value
		d, err := srs.CommitRows(nil, n, 0, c)
		if err != nil {
			t.Fatal(err)
		}
		return c, d
	}
	a, da := column(16, 3)
	b, db := column(16, 7)
	short, ds := column(8, 11)
	var z fr.Element
	z.SetUint64(987654321)
	vk := srs.VerifyingKey()
	for _, tc := range []struct {
		name     string
		cols     [][]fr.Element
		digests  []Digest
		z        fr.Element
		lagrange bool
	}{
		{"one domain", [][]fr.Element{a, b}, []Digest{da, db}, z, true},
		{"one column", [][]fr.Element{b}, []Digest{db}, z, true},
		{"two lengths", [][]fr.Element{a, short}, []Digest{da, ds}, z, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			op, err := srs.Open(nil, tc.cols, tc.digests, tc.z)
			if err != nil {
				t.Fatal(err)
			}
			if err := Verify(vk, tc.digests, op, tc.z); err != nil {
				t.Fatal(err)
			}
			gamma := FoldChallenge(tc.z, tc.digests, op.Values)
			if q := lagrangeQuotient(tc.cols, op.Values, gamma, tc.z); (q != nil) != tc.lagrange {
				t.Fatalf("Lagrange path taken: %v, want %v", q != nil, tc.lagrange)
			}
			h, err := srs.quotientCommitment(nil, foldedCoefficients(tc.cols, gamma), tc.z)
			if err != nil {
				t.Fatal(err)
			}
			if !h.Equal(&op.H) {
				t.Fatal("the quotient's commitment differs from the coefficients'")
			}
		})
	}
	if lagrangeQuotient([][]fr.Element{a}, []fr.Element{{}}, z, RowPoint(16, 5)) != nil {
		t.Fatal("Lagrange path taken for a z in the domain")
	}
}

// BenchmarkOpenings times a segment's openings at 2^16 rows: two columns
// at z (Open), and a query opening (QueryOpener) of one and of four such
// segments each with a window column at four rows, with the quotients'
// MSMs on the CPU. go test -run '^$' -bench Openings ./commitment
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
	b.Run("at z", func(b *testing.B) {
		for b.Loop() {
			if _, err := srs.Open(nil, cols[:2], digests[:2], z); err != nil {
				b.Fatal(err)
			}
		}
	})
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
