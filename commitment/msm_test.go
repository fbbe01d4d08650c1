package commitment

import (
	"errors"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
)

// countingMSM is an accelerator stand-in: the CPU's MSM, counted, or a
// failure, to check that commitments and openings go through the seam.
type countingMSM struct {
	calls, points int
	fail          bool
}

func (c *countingMSM) Name() string { return "counting" }

func (c *countingMSM) MultiExpG1(bases []bn254.G1Affine, scalars []fr.Element) (bn254.G1Affine, error) {
	if c.fail {
		return bn254.G1Affine{}, errors.New("device lost")
	}
	c.calls++
	c.points += len(bases)
	return CPU{}.MultiExpG1(bases, scalars)
}

func TestMSMSeam(t *testing.T) {
	srs, err := NewUnsafeSRS(32)
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]fr.Element, 32)
	for i := range vals[:27] {
		vals[i].SetUint64(uint64(7*i + 1))
	}
	m := &countingMSM{}
	viaSeam, err := srs.CommitRows(m, 32, 5, vals[5:27])
	if err != nil {
		t.Fatal(err)
	}
	onCPU, _ := srs.CommitRows(nil, 32, 5, vals[5:27])
	if !viaSeam.Equal(&onCPU) || m.calls != 1 || m.points != 22 {
		t.Fatalf("commitment through the seam: equal %v, %d calls over %d points", viaSeam.Equal(&onCPU), m.calls, m.points)
	}

	// The query opening's two quotients go through the seam (their
	// evaluations over the Lagrange basis: 32 points each); for one column
	// at z alone its W is gnark-crypto's KZG quotient of the same
	// polynomial.
	whole, _ := srs.CommitRows(nil, 32, 0, vals)
	var z fr.Element
	z.SetUint64(424242)
	openColumn := func(m MSM) (*QueryOpening, []fr.Element, error) {
		q := srs.NewQueryOpener(m, 1)
		values, err := q.Add(0, [][]fr.Element{vals}, []Digest{whole}, z, nil, Digest{}, nil)
		if err != nil {
			return nil, nil, err
		}
		op, err := q.Open()
		return op, values, err
	}
	op, values, err := openColumn(m)
	if err != nil {
		t.Fatal(err)
	}
	if m.calls != 3 || m.points != 22+32+32 {
		t.Fatalf("opening: %d calls over %d points, want 3 over 86", m.calls, m.points)
	}
	coeffs := lagrangeToCanonical(vals)
	ref, err := kzg.Open(coeffs, z, kzg.ProvingKey{G1: srs.kzg.Pk.G1[:32]})
	if err != nil {
		t.Fatal(err)
	}
	if !op.W.Equal(&ref.H) || !values[0].Equal(&ref.ClaimedValue) {
		t.Fatal("opening differs from gnark-crypto's KZG opening")
	}
	claims := []SegmentClaim{{Digests: []Digest{whole}, Z: z, Values: values}}
	if err := verifyQuery(srs.VerifyingKey(), claims, op); err != nil {
		t.Fatal(err)
	}

	// A failing accelerator is an error naming it, never a wrong commitment.
	bad := &countingMSM{fail: true}
	if _, err := srs.CommitRows(bad, 32, 0, vals); err == nil || !strings.Contains(err.Error(), "counting") || !strings.Contains(err.Error(), "device lost") {
		t.Fatalf("failing MSM: %v", err)
	}
	if _, _, err := openColumn(bad); err == nil || !strings.Contains(err.Error(), "device lost") {
		t.Fatalf("failing MSM in opening: %v", err)
	}
	if _, err := (CPU{}).MultiExpG1(srs.kzg.Pk.G1[:3], vals[:2]); err == nil {
		t.Fatal("MSM of mismatched lengths accepted")
	}
}

// lagrangeToCanonical returns the coefficients of the polynomial taking
// values vals over the domain of size len(vals).
func lagrangeToCanonical(vals []fr.Element) []fr.Element {
	coeffs := append([]fr.Element(nil), vals...)
	d := fft.NewDomain(uint64(len(vals)))
	d.FFTInverse(coeffs, fft.DIF)
	fft.BitReverse(coeffs)
	return coeffs
}
