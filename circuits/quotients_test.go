package circuits

import (
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
)

func TestQuotientsHint(t *testing.T) {
	p := ecc.BN254.ScalarField()
	big_ := func(v ...int64) []*big.Int {
		out := make([]*big.Int, len(v))
		for i, x := range v {
			out[i] = big.NewInt(x)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		in   []*big.Int
		outs int
		want []int64 // quotients as integers where exact (nil: an error)
		err  string
	}{
		{"shared denominators", big_(2, 3, 5, 0, 9, 1, 10, 0, 30), 3, []int64{3, 2, 10}, ""},
		{"zero denominator gives 0", big_(1, 0, 0, 7), 1, []int64{0}, ""},
		{"index out of range", big_(1, 3, 1, 9), 1, nil, "out of range"},
		{"wrong input count", big_(2, 3, 5, 0), 1, nil, "inputs"},
		{"no inputs", nil, 1, nil, "no inputs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := make([]*big.Int, tc.outs)
			for i := range out {
				out[i] = new(big.Int)
			}
			err := QuotientsHint(p, tc.in, out)
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one about %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range tc.want {
				if out[i].Cmp(big.NewInt(w)) != 0 {
					t.Errorf("quotient %d = %s, want %d", i, out[i], w)
				}
			}
		})
	}
}
