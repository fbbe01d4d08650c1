package commitment

import (
	"bytes"
	"math/big"
	"os"
	"reflect"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
)

// memCache is a LagrangeCache in memory.
type memCache map[int][]byte

func (c memCache) LoadLagrange(n int) ([]byte, error) {
	b, ok := c[n]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

func (c memCache) SaveLagrange(n int, b []byte) error {
	c[n] = append([]byte(nil), b...)
	return nil
}

// TestLagrangeCache: a basis computed once is read back by another process's
// SRS (the same points, nothing computed); a cached basis that is damaged,
// reordered, truncated or of another SRS is not used: the basis is computed
// again, correctly, and the cache entry replaced.
func TestLagrangeCache(t *testing.T) {
	const n = 64
	srs, err := NewUnsafeSRS(n)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if _, err := srs.WriteTo(&file); err != nil {
		t.Fatal(err)
	}
	reopen := func(c LagrangeCache) *SRS { // the same SRS in a fresh process
		t.Helper()
		s, err := ReadSRS(bytes.NewReader(file.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		s.SetLagrangeCache(c)
		return s
	}
	cache := memCache{}
	want, err := reopen(cache).Lagrange(n) // by an FFT over the points
	if err != nil {
		t.Fatal(err)
	}
	fromTau, err := srs.Lagrange(n) // the generating SRS: from τ
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !fromTau[i].Equal(&want[i]) {
			t.Fatalf("Lagrange point %d from τ differs from the FFT's", i)
		}
	}
	if _, ok := cache[n]; !ok {
		t.Fatal("the computed basis was not cached")
	}
	check := func(name string, s *SRS, computed int) {
		t.Helper()
		got, err := s.Lagrange(n)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range want {
			if !got[i].Equal(&want[i]) {
				t.Fatalf("%s: point %d differs", name, i)
			}
		}
		if s.computed != computed {
			t.Fatalf("%s: computed %d bases, want %d", name, s.computed, computed)
		}
	}
	check("cached", reopen(cache), 0)

	good := cache[n]
	damaged := append([]byte(nil), good...)
	damaged[len(damaged)-5] ^= 1 // the last point's coordinates
	cache[n] = damaged
	check("a damaged point", reopen(cache), 1)
	if !bytes.Equal(cache[n], good) {
		t.Fatal("the damaged entry was not replaced")
	}

	other, err := NewUnsafeSRS(n)
	if err != nil {
		t.Fatal(err)
	}
	otherCache := memCache{}
	other.SetLagrangeCache(otherCache)
	if _, err := other.Lagrange(n); err != nil {
		t.Fatal(err)
	}
	check("another SRS's basis", reopen(memCache{n: otherCache[n]}), 1)

	swapped := append([]byte(nil), good...) // two points exchanged: each valid, the basis wrong
	head := len(lagrangeCodec.Magic) + 8 + 32
	p0 := append([]byte(nil), swapped[head:head+64]...)
	copy(swapped[head:head+64], swapped[head+64:head+128])
	copy(swapped[head+64:head+128], p0)
	check("two points exchanged", reopen(memCache{n: swapped}), 1)
	check("a truncated entry", reopen(memCache{n: good[:len(good)-1]}), 1)
}

// TestSRSFromTauIsGnarkCryptos: the unsafe SRS is kzg.NewSRS's for the same
// τ, point for point.
func TestSRSFromTauIsGnarkCryptos(t *testing.T) {
	tau := big.NewInt(0).SetUint64(0x1234_5678_9abc_def1)
	tau.Lsh(tau, 150).Add(tau, big.NewInt(77))
	const size = 300
	want, err := kzg.NewSRS(size+1, tau)
	if err != nil {
		t.Fatal(err)
	}
	got := srsFromTau(size, tau)
	if len(got.kzg.Pk.G1) != len(want.Pk.G1) {
		t.Fatalf("%d points, want %d", len(got.kzg.Pk.G1), len(want.Pk.G1))
	}
	for i := range want.Pk.G1 {
		if !got.kzg.Pk.G1[i].Equal(&want.Pk.G1[i]) {
			t.Fatalf("[τ^%d]₁ differs", i)
		}
	}
	if !reflect.DeepEqual(got.kzg.Vk, want.Vk) {
		t.Fatal("verifying keys differ")
	}
}
