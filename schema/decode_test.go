package schema

import (
	"math/big"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// DecodeSigned and DecodeSignedBig map [0, p) to (−p/2, p/2]: values up to
// (p − 1)/2 are themselves, the ones above it v − p.
func TestDecodeSigned(t *testing.T) {
	half := new(big.Int).Rsh(Modulus(), 1) // (p − 1)/2
	for _, tc := range []struct {
		name string
		enc  *big.Int // the canonical field value
		want *big.Int
	}{
		{"zero", big.NewInt(0), big.NewInt(0)},
		{"one", big.NewInt(1), big.NewInt(1)},
		{"p − 1", new(big.Int).Sub(Modulus(), big.NewInt(1)), big.NewInt(-1)},
		{"(p − 1)/2, the largest kept", half, half},
		{"(p + 1)/2, the first wrapped", new(big.Int).Add(half, big.NewInt(1)), new(big.Int).Neg(half)},
		{"2^63", new(big.Int).Lsh(big.NewInt(1), 63), new(big.Int).Lsh(big.NewInt(1), 63)},
		{"p − 2^63", new(big.Int).Sub(Modulus(), new(big.Int).Lsh(big.NewInt(1), 63)), new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 63))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e fr.Element
			e.SetBigInt(tc.enc)
			if got := DecodeSigned(&e); got.Cmp(tc.want) != 0 {
				t.Fatalf("DecodeSigned: %v, want %v", got, tc.want)
			}
			if got := DecodeSignedBig(new(big.Int).Set(tc.enc)); got.Cmp(tc.want) != 0 {
				t.Fatalf("DecodeSignedBig: %v, want %v", got, tc.want)
			}
			if e := Encode(tc.want); e.BigInt(new(big.Int)).Cmp(tc.enc) != 0 {
				t.Fatalf("Encode(%v) is not the value decoded", tc.want)
			}
		})
	}
}

// TestDecodeSignedMatchesBig: DecodeSigned (limbs compared with (p − 1)/2)
// agrees with DecodeSignedBig (big.Int compared) on random field elements,
// small and negative integers, and each value next to (p − 1)/2 whose
// limbs differ from it in one place only.
func TestDecodeSignedMatchesBig(t *testing.T) {
	half := new(big.Int).Rsh(Modulus(), 1)
	var values []*big.Int
	for i := int64(-3); i <= 3; i++ {
		values = append(values, new(big.Int).Add(half, big.NewInt(i)), big.NewInt(i))
	}
	for k := 0; k < 4; k++ { // ±2^(64k) around (p − 1)/2: a limb other than the lowest differs
		step := new(big.Int).Lsh(big.NewInt(1), uint(64*k))
		values = append(values, new(big.Int).Add(half, step), new(big.Int).Sub(half, step))
	}
	for range 1000 {
		var e fr.Element
		e.MustSetRandom()
		values = append(values, e.BigInt(new(big.Int)))
	}
	// DecodeSignedTo into one reused integer, in this order and reversed
	// (large after small, positive after negative and back)
	reused := new(big.Int)
	backward := slices.Clone(values)
	slices.Reverse(backward)
	for _, v := range append(slices.Clone(values), backward...) {
		var e fr.Element
		e.SetBigInt(v)
		want := DecodeSignedBig(e.BigInt(new(big.Int)))
		if got := DecodeSigned(&e); got.Cmp(want) != 0 {
			t.Fatalf("DecodeSigned(%v) = %v, want %v", v, got, want)
		}
		if got := DecodeSignedTo(reused, &e); got != reused || got.Cmp(want) != 0 {
			t.Fatalf("DecodeSignedTo(%v) = %v, want %v in the integer given", v, got, want)
		}
	}
}

// BenchmarkDecodeSigned: go test -run '^$' -bench DecodeSigned ./schema
func BenchmarkDecodeSigned(b *testing.B) {
	es := make([]fr.Element, 1024)
	for i := range es {
		es[i].SetInt64(int64(i*7919) - 4000) // small, half of them negative
	}
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			for i := range es {
				DecodeSigned(&es[i])
			}
		}
	})
	b.Run("reused", func(b *testing.B) {
		z := new(big.Int)
		for b.Loop() {
			for i := range es {
				DecodeSignedTo(z, &es[i])
			}
		}
	})
}
