package schema

import (
	"math/big"
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
