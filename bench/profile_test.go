package bench

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// squares is a small circuit: X_{i+1} = X_i² + i, Out the last.
type squares struct {
	X   frontend.Variable
	Out frontend.Variable `gnark:",public"`
}

func (c *squares) Define(api frontend.API) error {
	x := c.X
	for i := range 300 {
		x = api.Add(api.Mul(x, x), i)
	}
	api.AssertIsEqual(x, c.Out)
	return nil
}

// TestMeasureKernelsOnEveryCurve: the kernels of a proving key over each
// curve a proof of ProvenSQL runs on (BN254; BLS12-377 and BW6-761 for the
// one-check path's segments and aggregator) are timed over its own
// bases: more points in G1 (four bases) than in G2 (B's), and a key of
// another kind is refused, naming it.
func TestMeasureKernelsOnEveryCurve(t *testing.T) {
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377, ecc.BW6_761} {
		t.Run(curve.String(), func(t *testing.T) {
			cs, err := frontend.Compile(curve.ScalarField(), r1cs.NewBuilder, &squares{})
			if err != nil {
				t.Fatal(err)
			}
			pk, _, err := groth16.Setup(cs)
			if err != nil {
				t.Fatal(err)
			}
			k, err := MeasureKernels(pk)
			if err != nil {
				t.Fatal(err)
			}
			if k.Total() <= 0 || k.MSMG1 <= 0 || k.FFT <= 0 {
				t.Fatalf("no kernel time: %+v", k)
			}
			if k.PointsG2 <= 0 || k.PointsG1 <= k.PointsG2 {
				t.Fatalf("implausible MSM points: %d in G1, %d in G2", k.PointsG1, k.PointsG2)
			}
		})
	}
	if _, err := MeasureKernels("not a key"); err == nil {
		t.Fatal("a string measured as a proving key")
	}
}
