package kzg377

import (
	"bytes"
	"errors"
	"math/big"
	"os"
	"slices"
	"strings"
	"testing"

	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/kzg"
)

func column(n int) []fr.Element {
	col := make([]fr.Element, n)
	for i := range col {
		col[i].SetInt64(int64(7*i - 20)) // negative values too
	}
	return col
}

// TestCommitMatchesMonomial: a column committed in the Lagrange basis (a
// ceremony's SRS, FromKZG) is gnark-crypto's commitment to the polynomial
// that interpolates it, and opens to gnark-crypto's value at z.
func TestCommitMatchesMonomial(t *testing.T) {
	k, err := kzg.NewSRS(17, big.NewInt(31337))
	if err != nil {
		t.Fatal(err)
	}
	s, err := FromKZG(k)
	if err != nil {
		t.Fatal(err)
	}
	col := column(16)
	coeffs := append([]fr.Element(nil), col...)
	dom := fft.NewDomain(16)
	dom.FFTInverse(coeffs, fft.DIF)
	fft.BitReverse(coeffs)
	want, err := kzg.Commit(coeffs, k.Pk)
	if err != nil {
		t.Fatal(err)
	}
	var z fr.Element
	z.SetUint64(123456789)
	op, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	if !op.Commitment.Equal(&want) {
		t.Fatal("the Lagrange-basis commitment is not the monomial one")
	}
	mono, err := kzg.Open(coeffs, z, k.Pk)
	if err != nil {
		t.Fatal(err)
	}
	if !mono.ClaimedValue.Equal(&op.Value) || !mono.H.Equal(&op.Quotient) {
		t.Fatal("the opening is not gnark-crypto's")
	}
	c, err := s.Commit(col)
	if err != nil || !c.Equal(&want) {
		t.Fatalf("Commit: %v", err)
	}
	// at the rows: every row's point, gnark-crypto's opening there
	for r := range col {
		op, point, err := s.OpenRow(col, r)
		if err != nil {
			t.Fatal(err)
		}
		mono, err := kzg.Open(coeffs, point, k.Pk)
		if err != nil {
			t.Fatal(err)
		}
		if !mono.ClaimedValue.Equal(&op.Value) || !op.Value.Equal(&col[r]) || !mono.H.Equal(&op.Quotient) || !op.Commitment.Equal(&want) {
			t.Fatalf("row %d's opening is not gnark-crypto's", r)
		}
		if err := Verify(s.VerifyingKey(), op, point); err != nil {
			t.Fatalf("row %d: %v", r, err)
		}
	}
}

// TestOpeningRefused: an honest opening verifies; one with its value, its
// commitment (another column's), its quotient or its point changed does not.
func TestOpeningRefused(t *testing.T) {
	s, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	col := column(8)
	var z fr.Element
	z.SetUint64(987654321)
	op, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(s.VerifyingKey(), op, z); err != nil {
		t.Fatalf("the honest opening was refused: %v", err)
	}
	other := column(8)
	other[3].SetInt64(1000) // one row changed
	otherC, err := s.Commit(other)
	if err != nil {
		t.Fatal(err)
	}
	var one fr.Element
	one.SetOne()
	for _, c := range []struct {
		name  string
		alter func(op *Opening, z *fr.Element)
	}{
		{"the value", func(op *Opening, _ *fr.Element) { op.Value.Add(&op.Value, &one) }},
		{"a column with one row changed", func(op *Opening, _ *fr.Element) { op.Commitment = otherC }},
		{"the quotient", func(op *Opening, _ *fr.Element) {
			var g bls12377.G1Affine
			_, _, g, _ = bls12377.Generators()
			op.Quotient.Add(&op.Quotient, &g)
		}},
		{"the point", func(_ *Opening, z *fr.Element) { z.Add(z, &one) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad, bz := op, z
			c.alter(&bad, &bz)
			if err := Verify(s.VerifyingKey(), bad, bz); err == nil {
				t.Error("verified")
			}
		})
	}
}

// TestBadInput: sizes the SRS cannot commit and a point inside the domain
// are refused with an error naming them.
func TestBadInput(t *testing.T) {
	s, err := NewUnsafeSRS(8)
	if err != nil {
		t.Fatal(err)
	}
	omega, _ := domain(8)
	for _, c := range []struct {
		name string
		run  func() error
		want string
	}{
		{"SRS of 6", func() error { _, err := NewUnsafeSRS(6); return err }, "not a power of two"},
		{"column of 6", func() error { _, err := s.Commit(make([]fr.Element, 6)); return err }, "not a power of two"},
		{"column of 16", func() error { _, err := s.Commit(make([]fr.Element, 16)); return err }, "exceeds the SRS"},
		{"point in the domain", func() error { _, err := s.Open(column(8), omega); return err }, "row 1"},
		{"row 8 of 8", func() error { _, _, err := s.OpenRow(column(8), 8); return err }, "row 8"},
		{"ceremony of one point", func() error {
			_, err := FromKZG(&kzg.SRS{Pk: kzg.ProvingKey{G1: make([]bls12377.G1Affine, 1)}})
			return err
		}, "fewer than 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
}

// TestSRSRoundTrip: an unsafe SRS written and read back commits and
// opens as the original does (its points computed from τ on write); a
// file of another kind or cut short is refused.
func TestSRSRoundTrip(t *testing.T) {
	s, err := NewUnsafeSRS(8)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSRS(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !back.Unsafe || back.MaxDomain() != 8 {
		t.Fatalf("read back: unsafe %v, max domain %d", back.Unsafe, back.MaxDomain())
	}
	col := column(8)
	var z fr.Element
	z.SetUint64(4242)
	want, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Commitment.Equal(&want.Commitment) || !got.Quotient.Equal(&want.Quotient) {
		t.Fatal("the SRS read back commits otherwise")
	}
	if a, b := s.TauG1(), back.TauG1(); !a.Equal(&b) {
		t.Fatal("[τ]₁ differs")
	}
	if err := Verify(back.VerifyingKey(), got, z); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"another file", append([]byte("provensql-srs-v1"), buf.Bytes()[16:]...), "bad magic"},
		{"cut short", buf.Bytes()[:buf.Len()/2], "SRS points"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := ReadSRS(bytes.NewReader(c.b)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
}

// memCache is a commitment.LagrangeCache in memory.
type memCache map[int][]byte

func (m memCache) LoadLagrange(n int) ([]byte, error) {
	b, ok := m[n]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

func (m memCache) SaveLagrange(n int, b []byte) error { m[n] = b; return nil }

// TestLagrangeCache: an SRS read back computes a basis by an FFT once and
// keeps it in its cache; the next SRS read from the same file loads it
// (no FFT) and commits alike; a cached basis with one point changed, or
// another SRS's, is computed again.
func TestLagrangeCache(t *testing.T) {
	fresh := func(s *SRS) *SRS {
		var buf bytes.Buffer
		if _, err := s.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadSRS(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	orig, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	cache := memCache{}
	first := fresh(orig)
	first.SetLagrangeCache(cache)
	col := column(16)
	want, err := first.Commit(col)
	if err != nil {
		t.Fatal(err)
	}
	if first.computed != 1 || cache[16] == nil {
		t.Fatalf("computed %d bases, cached %d bytes", first.computed, len(cache[16]))
	}
	commitWith := func(c memCache) (*SRS, error) {
		s := fresh(orig)
		s.SetLagrangeCache(c)
		got, err := s.Commit(col)
		if err == nil && !got.Equal(&want) {
			t.Fatal("another commitment")
		}
		return s, err
	}
	if s, err := commitWith(cache); err != nil || s.computed != 0 {
		t.Fatalf("the cached basis was not used (computed %d, %v)", s.computed, err)
	}
	bad := append([]byte(nil), cache[16]...)
	bad[len(bad)-10] ^= 1 // one point's byte
	other, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	otherCache := memCache{}
	o := fresh(other)
	o.SetLagrangeCache(otherCache)
	if _, err := o.Commit(col); err != nil {
		t.Fatal(err)
	}
	// two points exchanged: each valid, the basis wrong (the MSMs' check)
	swapped := append([]byte(nil), cache[16]...)
	head, size := len(lagrangeCodec.Magic)+8+32, lagrangeCodec.PointSize
	p0 := append([]byte(nil), swapped[head:head+size]...)
	copy(swapped[head:head+size], swapped[head+size:head+2*size])
	copy(swapped[head+size:head+2*size], p0)
	for name, c := range map[string]memCache{"a changed point": {16: bad}, "another SRS's basis": otherCache, "two points exchanged": {16: swapped}} {
		t.Run(name, func(t *testing.T) {
			if s, err := commitWith(c); err != nil || s.computed != 1 {
				t.Fatalf("the bad basis was used (computed %d, %v)", s.computed, err)
			}
		})
	}
}

// TestOpenCommitted: opening with a known commitment gives what Open and
// OpenRows give — with the column's own commitment, and with another
// column's, which the openings' check catches and replaces.
func TestOpenCommitted(t *testing.T) {
	s, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	col := column(8)
	own, err := s.Commit(col)
	if err != nil {
		t.Fatal(err)
	}
	other := column(8)
	other[3].SetInt64(1000)
	wrong, err := s.Commit(other)
	if err != nil {
		t.Fatal(err)
	}
	var z fr.Element
	z.SetUint64(987654321)
	want, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	wantRows, wantPoints, err := s.OpenRows(col, []int{2, 3, 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		known bls12377.G1Affine
	}{{"its own commitment", own}, {"another column's", wrong}} {
		t.Run(c.name, func(t *testing.T) {
			op, err := s.OpenCommitted(col, z, &c.known)
			if err != nil || op != want {
				t.Fatalf("OpenCommitted %+v (%v), Open %+v", op, err, want)
			}
			ops, points, err := s.OpenRowsCommitted(col, []int{2, 3, 7}, &c.known)
			if err != nil || !slices.Equal(ops, wantRows) || !slices.Equal(points, wantPoints) {
				t.Fatalf("OpenRowsCommitted %+v (%v), OpenRows %+v", ops, err, wantRows)
			}
		})
	}
}

// countingMSM is the CPU's MSM, counting its calls, or failing where fail
// is set.
type countingMSM struct {
	calls int
	fail  bool
}

func (m *countingMSM) Name() string { return "counting" }

func (m *countingMSM) MultiExpG1(bases []bls12377.G1Affine, scalars []fr.Element) (bls12377.G1Affine, error) {
	m.calls++
	if m.fail {
		return bls12377.G1Affine{}, errors.New("device lost")
	}
	return CPU{}.MultiExpG1(bases, scalars)
}

// TestSRSCommitsWithItsMSM: an SRS given an MSM (SetMSM) commits columns
// and quotients with it, to the CPU's points; an MSM's error names the
// MSM and what it was committing.
func TestSRSCommitsWithItsMSM(t *testing.T) {
	s, err := NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	col := column(16)
	var z fr.Element
	z.SetUint64(987654321)
	onCPU, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	rowsOnCPU, _, err := s.OpenRows(col, []int{3, 4})
	if err != nil {
		t.Fatal(err)
	}
	m := &countingMSM{}
	s.SetMSM(m)
	op, err := s.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := s.OpenRows(col, []int{3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if m.calls != 5 { // a commitment and a quotient; a commitment and two quotients
		t.Fatalf("the SRS's MSM ran %d times, want 5", m.calls)
	}
	if op != onCPU || !slices.Equal(rows, rowsOnCPU) {
		t.Fatal("the MSM's openings differ from the CPU's")
	}
	m.fail = true
	if _, err := s.Commit(col); err == nil || !strings.Contains(err.Error(), "committing a column of 16 rows on counting: device lost") {
		t.Fatalf("a failing MSM's error: %v", err)
	}
	s.SetMSM(nil) // the CPU again
	if c, err := s.Commit(col); err != nil || c != onCPU.Commitment {
		t.Fatalf("the CPU's commitment after SetMSM(nil): %v", err)
	}
}
