package proofsys

import (
	"bytes"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bw6-761"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/frontend/cs/scs"
)

// TestSetupMatchesGnarksLayout: SetupGroth16's keys, over BN254,
// BLS12-377 and BW6-761, have the shape of gnark's setup's for the same
// circuit (the same points at infinity, the same number of points in every
// part, the same committed wires), every proof of knowledge pairs with the
// G2 generator under a σ of its own, and gnark's prover and verifier
// accept them: a proof verifies, and fails with a changed public input or
// under another setup's verifying key. Over BN254 the module's own prover
// (Groth16.Prove) and verifier do the same, and a proof of knowledge moved
// off σ·D fails.
func TestSetupMatchesGnarksLayout(t *testing.T) {
	circuits := []struct {
		name    string
		circuit frontend.Circuit
		witness frontend.Circuit
		public  []*big.Int
	}{
		{"committed public and private", &committedCircuit{}, &committedCircuit{X: 3, Y: 3 * 13, W: 13}, []*big.Int{big.NewInt(3), big.NewInt(39)}},
		{"no commitment", &productCircuit{}, &productCircuit{X: 6, Y: 7, Z: 42}, []*big.Int{big.NewInt(42)}},
		{"two commitments", &twoCommitmentsCircuit{}, &twoCommitmentsCircuit{X: 5, A: 2, B: 9}, []*big.Int{big.NewInt(5)}},
	}
	_, _, _, g2bn := bn254.Generators()
	_, _, _, g2bls := bls12377.Generators()
	_, _, _, g2bw := bw6761.Generators()
	for _, curve := range []struct {
		id ecc.ID
		g2 any
	}{{ecc.BN254, g2bn}, {ecc.BLS12_377, g2bls}, {ecc.BW6_761, g2bw}} {
		for _, c := range circuits {
			t.Run(curve.id.String()+"/"+c.name, func(t *testing.T) {
				ccs, err := frontend.Compile(curve.id.ScalarField(), r1cs.NewBuilder, c.circuit)
				if err != nil {
					t.Fatal(err)
				}
				pk, vk, err := SetupGroth16(ccs)
				if err != nil {
					t.Fatal(err)
				}
				gpk, gvk, err := groth16.Setup(ccs)
				if err != nil {
					t.Fatal(err)
				}
				checkKeyLayout(t, pk, vk, gpk, gvk, curve.g2)

				full, err := frontend.NewWitness(c.witness, curve.id.ScalarField())
				if err != nil {
					t.Fatal(err)
				}
				public, err := full.Public()
				if err != nil {
					t.Fatal(err)
				}
				proof, err := groth16.Prove(ccs, pk, full)
				if err != nil {
					t.Fatal(err)
				}
				if err := groth16.Verify(proof, vk, public); err != nil {
					t.Fatalf("a proof under SetupGroth16's keys: %v", err)
				}
				if err := groth16.Verify(proof, gvk, public); err == nil {
					t.Fatal("a proof verified under another setup's key")
				}
				wrong, err := frontend.NewWitness(c.witness, curve.id.ScalarField(), frontend.PublicOnly())
				if err != nil {
					t.Fatal(err)
				}
				if err := wrong.Fill(len(c.public), 0, changedFirst(c.public)); err != nil {
					t.Fatal(err)
				}
				if err := groth16.Verify(proof, vk, wrong); err == nil {
					t.Fatal("a changed public input verified")
				}
				if curve.id == ecc.BN254 {
					checkOwnProver(t, ccs, Keys{PK: pk, VK: vk}, Keys{PK: gpk, VK: gvk}, full, c.public)
				}
			})
		}
	}
}

// checkKeyLayout compares the sizes, points at infinity and committed
// wires of two setups' keys of one curve field by field (gnark's key types
// share their field names across curves), and checks that each commitment
// key's G is g2 and each has its own σ.
func checkKeyLayout(t *testing.T, pk groth16.ProvingKey, vk groth16.VerifyingKey, gpk groth16.ProvingKey, gvk groth16.VerifyingKey, g2 any) {
	t.Helper()
	field := func(v any, path ...string) reflect.Value {
		r := reflect.ValueOf(v).Elem()
		for _, name := range path {
			r = r.FieldByName(name)
		}
		return r
	}
	shape := func(pk, vk any) []int {
		s := []int{
			field(pk, "G1", "A").Len(), field(pk, "G1", "B").Len(), field(pk, "G1", "Z").Len(), field(pk, "G1", "K").Len(),
			field(pk, "G2", "B").Len(), field(vk, "G1", "K").Len(),
			int(field(pk, "NbInfinityA").Uint()), int(field(pk, "NbInfinityB").Uint()),
			int(field(pk, "Domain", "Cardinality").Uint()),
		}
		cks := field(pk, "CommitmentKeys")
		for i := range cks.Len() {
			s = append(s, cks.Index(i).FieldByName("Basis").Len(), cks.Index(i).FieldByName("BasisExpSigma").Len())
		}
		return s
	}
	if got, want := shape(pk, vk), shape(gpk, gvk); !reflect.DeepEqual(got, want) {
		t.Fatalf("key sizes %v, gnark's %v", got, want)
	}
	for _, name := range []string{"InfinityA", "InfinityB"} {
		if !reflect.DeepEqual(field(pk, name).Interface(), field(gpk, name).Interface()) {
			t.Fatalf("%s differs from gnark's", name)
		}
	}
	if !reflect.DeepEqual(field(vk, "PublicAndCommitmentCommitted").Interface(), field(gvk, "PublicAndCommitmentCommitted").Interface()) {
		t.Fatal("committed public wires differ from gnark's")
	}
	// every proof of knowledge pairs with the G2 generator (what lets the
	// Solidity batch verifier fold the caller's pair on [1]₂ into it), and
	// every commitment key has its own σ, or a commitment could be opened
	// with another's basis
	cks := field(vk, "CommitmentKeys")
	for i := range cks.Len() {
		if !reflect.DeepEqual(cks.Index(i).FieldByName("G").Interface(), g2) {
			t.Fatalf("commitment key %d's G is not the G2 generator", i)
		}
		for j := range i {
			if reflect.DeepEqual(cks.Index(i).FieldByName("GSigmaNeg").Interface(), cks.Index(j).FieldByName("GSigmaNeg").Interface()) {
				t.Fatalf("commitment keys %d and %d share σ", j, i)
			}
		}
	}
}

// changedFirst returns the public values with the first one plus 1, as a
// channel Fill reads.
func changedFirst(public []*big.Int) chan any {
	ch := make(chan any, len(public))
	for i, v := range public {
		if i == 0 {
			v = new(big.Int).Add(v, big.NewInt(1))
		}
		ch <- v
	}
	close(ch)
	return ch
}

// checkOwnProver proves with Groth16.Prove under keys and verifies with
// Groth16.Verify: the proof verifies, and fails with a changed public
// input, under other's verifying key, or with its proof of knowledge moved
// off σ·D.
func checkOwnProver(t *testing.T, ccs constraint.ConstraintSystem, keys, other Keys, full witness.Witness, public []*big.Int) {
	t.Helper()
	g := Groth16{}
	proof, err := g.Prove(ccs, keys, full)
	if err != nil {
		t.Fatal(err)
	}
	vkb, err := g.VerifyingKeyBytes(keys)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(vkb, proof, public); err != nil {
		t.Fatalf("a proof under SetupBN254's keys: %v", err)
	}
	wrong := append([]*big.Int{}, public...)
	wrong[0] = new(big.Int).Add(wrong[0], big.NewInt(1))
	if err := g.Verify(vkb, proof, wrong); err == nil {
		t.Fatal("a changed public input verified")
	}
	if len(keys.VK.(*groth16_bn254.VerifyingKey).CommitmentKeys) > 0 { // a proof of knowledge moved off σ·D fails
		p, err := readProof(proof)
		if err != nil {
			t.Fatal(err)
		}
		_, _, g1, _ := bn254.Generators()
		p.CommitmentPok.Add(&p.CommitmentPok, &g1)
		var forged bytes.Buffer
		if _, err := p.WriteTo(&forged); err != nil {
			t.Fatal(err)
		}
		if err := g.Verify(vkb, forged.Bytes(), public); err == nil {
			t.Fatal("a proof with a moved proof of knowledge verified")
		}
	}
	ovkb, err := g.VerifyingKeyBytes(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(ovkb, proof, public); err == nil {
		t.Fatal("a proof verified under another setup's key")
	}
}

// TestSetupGroth16RefusesOtherSystems: a PLONK system (of a curve whose
// R1CS shares its Go type) or none is an error naming what it got, not
// keys computed from it or a panic in gnark's setup.
func TestSetupGroth16RefusesOtherSystems(t *testing.T) {
	scs, err := frontend.Compile(ecc.BN254.ScalarField(), scs.NewBuilder, &productCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		cs   constraint.ConstraintSystem
		want string
	}{
		{"PLONK", scs, "PLONK"},
		{"nil", nil, "<nil>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := SetupGroth16(c.cs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error naming %s", err, c.want)
			}
		})
	}
}

type productCircuit struct {
	X, Y frontend.Variable
	Z    frontend.Variable `gnark:",public"`
}

func (c *productCircuit) Define(api frontend.API) error {
	api.AssertIsEqual(api.Mul(c.X, c.Y), c.Z)
	return nil
}

// twoCommitmentsCircuit has two BSB22 commitments, over different wires.
type twoCommitmentsCircuit struct {
	X    frontend.Variable `gnark:",public"`
	A, B frontend.Variable
}

func (c *twoCommitmentsCircuit) Define(api frontend.API) error {
	committer := api.Compiler().(frontend.Committer)
	ca, err := committer.Commit(c.A)
	if err != nil {
		return err
	}
	cb, err := committer.Commit(c.B, c.X)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(api.Mul(ca, c.A), api.Mul(cb, c.B))
	api.AssertIsDifferent(api.Add(c.A, c.B), c.X)
	return nil
}
