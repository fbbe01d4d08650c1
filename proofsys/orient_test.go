package proofsys

import (
	"bytes"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/frontend/cs/scs"
)

// scaledRows multiplies every row by one shared factor with the row on the
// R side (api.Mul(S, X[i])): one B wire per row where one in all would do.
// Each row also squares a second value, a product orientation cannot help,
// and the rows sum to a public total.
type scaledRows struct {
	S     frontend.Variable
	X, Y  [16]frontend.Variable
	Total frontend.Variable `gnark:",public"`
}

func (c *scaledRows) Define(api frontend.API) error {
	sum := frontend.Variable(0)
	for i := range c.X {
		sum = api.Add(sum, api.Mul(c.S, c.X[i]), api.Mul(c.Y[i], c.Y[i]))
	}
	api.AssertIsEqual(sum, c.Total)
	return nil
}

func scaledRowsWitness(total int64) *scaledRows {
	w := &scaledRows{S: 3, Total: total}
	for i := range w.X {
		w.X[i], w.Y[i] = i+1, i
	}
	return w
}

// scaledRowsTotal is the honest Total of scaledRowsWitness: Σ 3·(i+1) + i².
const scaledRowsTotal = 3*136 + 1240

func compileScaledRows(t *testing.T) constraint.ConstraintSystem {
	t.Helper()
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &scaledRows{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestOrientFactorsShrinksB: the shared factor goes to the R side of every
// row's product, so B's MSMs hold a handful of points where they held one
// per row; the oriented system proves and verifies the honest witness,
// refuses a dishonest one, and its proof fails with a changed public input.
func TestOrientFactorsShrinksB(t *testing.T) {
	plain := compileScaledRows(t)
	cs := compileScaledRows(t)
	o, err := OrientFactors(cs)
	if err != nil {
		t.Fatal(err)
	}
	if o.Flipped != 16 || o.RightAfter >= o.RightBefore || o.RightBefore < 16 {
		t.Fatalf("orientation %+v: want the 16 scaled rows turned round and fewer R wires", o)
	}
	if o.LeftAfter+costOfRight*o.RightAfter >= o.LeftBefore+costOfRight*o.RightBefore {
		t.Fatalf("orientation %+v did not lower the cost", o)
	}
	g2 := func(cs constraint.ConstraintSystem) int {
		pk, _, err := SetupBN254(cs.(*cs_bn254.R1CS))
		if err != nil {
			t.Fatal(err)
		}
		return len(pk.G2.B)
	}
	if before, after := g2(plain), g2(cs); after != before-(o.RightBefore-o.RightAfter) {
		t.Fatalf("G2.B holds %d points after orientation, %d before: want %d fewer", after, before, o.RightBefore-o.RightAfter)
	}

	pk, vk, err := SetupBN254(cs.(*cs_bn254.R1CS))
	if err != nil {
		t.Fatal(err)
	}
	honest, err := frontend.NewWitness(scaledRowsWitness(scaledRowsTotal), ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(cs, pk, honest)
	if err != nil {
		t.Fatalf("honest witness: %v", err)
	}
	public, err := honest.Public()
	if err != nil {
		t.Fatal(err)
	}
	if err := groth16.Verify(proof, vk, public); err != nil {
		t.Fatalf("honest proof: %v", err)
	}
	lie, err := frontend.NewWitness(scaledRowsWitness(scaledRowsTotal+1), ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := groth16.Prove(cs, pk, lie); err == nil {
		t.Fatal("the oriented system accepted a total one too high")
	}
	liePublic, err := lie.Public()
	if err != nil {
		t.Fatal(err)
	}
	if err := groth16.Verify(proof, vk, liePublic); err == nil {
		t.Fatal("the honest proof verified against a changed total")
	}
}

// TestOrientFactorsIsDeterministic: two compilations orient to the same
// bytes, so a circuit's keys do not depend on the run that built them; a
// second pass finds nothing left to turn.
func TestOrientFactorsIsDeterministic(t *testing.T) {
	var out [2]bytes.Buffer
	for i := range out {
		cs := compileScaledRows(t)
		if _, err := OrientFactors(cs); err != nil {
			t.Fatal(err)
		}
		if _, err := cs.WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			o, err := OrientFactors(cs)
			if err != nil {
				t.Fatal(err)
			}
			if o.Flipped != 0 {
				t.Fatalf("a second pass turned %d products round", o.Flipped)
			}
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("two compilations oriented differently")
	}
}

// TestOrientFactorsLeavesPlonkAlone: a PLONK constraint system has no
// R1C products; it comes back untouched.
func TestOrientFactorsLeavesPlonkAlone(t *testing.T) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, &scaledRows{})
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	if _, err := cs.WriteTo(&before); err != nil {
		t.Fatal(err)
	}
	o, err := OrientFactors(cs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.WriteTo(&after); err != nil {
		t.Fatal(err)
	}
	if o != (Orientation{}) || !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Fatalf("a PLONK system was changed: %+v", o)
	}
}
