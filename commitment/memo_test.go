package commitment

import (
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// TestMemo: a commitment to the same values over the same basis
// is computed once; other values, another basis or a longer one are
// computed anew, and the memo keeps its last memoSize entries.
func TestMemo(t *testing.T) {
	srs, err := NewUnsafeSRS(64)
	if err != nil {
		t.Fatal(err)
	}
	bases, err := srs.Lagrange(64)
	if err != nil {
		t.Fatal(err)
	}
	msm := &countingMSM{}
	m := NewMemo(msm)
	v := make([]fr.Element, 32)
	for i := range v {
		v[i].SetUint64(uint64(31*i + 5))
	}
	c1, _ := m.MultiExpG1(bases[:32], v)
	c2, _ := m.MultiExpG1(bases[:32], slices.Clone(v))
	if hits, misses := m.Stats(); msm.calls != 1 || !c1.Equal(&c2) || hits != 1 || misses != 1 {
		t.Fatalf("the same commitment took %d MSMs (%d remembered)", msm.calls, hits)
	}
	want, _ := CPU{}.MultiExpG1(bases[:32], v)
	if !c1.Equal(&want) {
		t.Fatal("a remembered commitment differs from the MSM's")
	}
	w := slices.Clone(v)
	w[31].SetUint64(1)
	m.MultiExpG1(bases[:32], w)
	m.MultiExpG1(bases[32:], v)
	m.MultiExpG1(bases[:33], append(slices.Clone(v), v[0]))
	if msm.calls != 4 {
		t.Fatalf("changed values or bases took %d MSMs in all, want 4", msm.calls)
	}
	for i := range memoSize {
		u := slices.Clone(v)
		u[0].SetUint64(uint64(100 + i))
		m.MultiExpG1(bases[:32], u)
	}
	m.MultiExpG1(bases[:32], v)
	if msm.calls != 4+memoSize+1 || len(m.memo) != memoSize {
		t.Fatalf("%d MSMs, %d remembered: the memo does not drop its oldest entries", msm.calls, len(m.memo))
	}
}

// TestMemoKeyBlocks: the key of values hashed block by block on every core
// is the same for the same values, and changes with any one value (in
// the first, a middle or the last, short block) and with the length.
func TestMemoKeyBlocks(t *testing.T) {
	v := make([]fr.Element, 3*memoBlock+5)
	for i := range v {
		v[i].SetUint64(uint64(i))
	}
	key := memoKey(nil, v)
	if memoKey(nil, slices.Clone(v)) != key {
		t.Fatal("the same values gave two keys")
	}
	for _, i := range []int{0, memoBlock - 1, memoBlock, 2*memoBlock + 7, len(v) - 1} {
		w := slices.Clone(v)
		w[i].SetUint64(1 << 40)
		if memoKey(nil, w) == key {
			t.Errorf("value %d changed, the key did not", i)
		}
	}
	if memoKey(nil, v[:len(v)-1]) == key || memoKey(nil, v[:2*memoBlock]) == memoKey(nil, v[:2*memoBlock+1]) {
		t.Error("a shorter vector has the same key")
	}
}
