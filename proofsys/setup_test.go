package proofsys

import (
	"bytes"
	"math/big"
	"reflect"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// TestSetupBN254MatchesGnarksLayout: SetupBN254's keys have the shape of
// gnark's setup's for the same circuit (the same points at infinity, the
// same number of points in every part, the same committed wires), and
// gnark's prover and verifier accept them: a proof verifies, and fails with
// a changed public input or under another setup's verifying key.
func TestSetupBN254MatchesGnarksLayout(t *testing.T) {
	for _, c := range []struct {
		name    string
		circuit frontend.Circuit
		witness frontend.Circuit
		public  []*big.Int
	}{
		{"committed public and private", &committedCircuit{}, &committedCircuit{X: 3, Y: 3 * 13, W: 13}, []*big.Int{big.NewInt(3), big.NewInt(39)}},
		{"no commitment", &productCircuit{}, &productCircuit{X: 6, Y: 7, Z: 42}, []*big.Int{big.NewInt(42)}},
		{"two commitments", &twoCommitmentsCircuit{}, &twoCommitmentsCircuit{X: 5, A: 2, B: 9}, []*big.Int{big.NewInt(5)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c.circuit)
			if err != nil {
				t.Fatal(err)
			}
			pk, vk, err := SetupBN254(ccs.(*cs_bn254.R1CS))
			if err != nil {
				t.Fatal(err)
			}
			gpkAny, gvkAny, err := groth16.Setup(ccs)
			if err != nil {
				t.Fatal(err)
			}
			gpk, gvk := gpkAny.(*groth16_bn254.ProvingKey), gvkAny.(*groth16_bn254.VerifyingKey)
			sizes := func(pk *groth16_bn254.ProvingKey, vk *groth16_bn254.VerifyingKey) []int {
				s := []int{len(pk.G1.A), len(pk.G1.B), len(pk.G1.Z), len(pk.G1.K), len(pk.G2.B), len(vk.G1.K), int(pk.NbInfinityA), int(pk.NbInfinityB), len(pk.CommitmentKeys), int(pk.Domain.Cardinality)}
				for _, ck := range pk.CommitmentKeys {
					s = append(s, len(ck.Basis), len(ck.BasisExpSigma))
				}
				return s
			}
			if got, want := sizes(pk, vk), sizes(gpk, gvk); !reflect.DeepEqual(got, want) {
				t.Fatalf("key sizes %v, gnark's %v", got, want)
			}
			if !reflect.DeepEqual(pk.InfinityA, gpk.InfinityA) || !reflect.DeepEqual(pk.InfinityB, gpk.InfinityB) {
				t.Fatal("points at infinity differ from gnark's")
			}
			if !reflect.DeepEqual(vk.PublicAndCommitmentCommitted, gvk.PublicAndCommitmentCommitted) {
				t.Fatal("committed public wires differ from gnark's")
			}
			// every proof of knowledge pairs with the G2 generator (what lets
			// the Solidity batch verifier fold the caller's pair on [1]₂ into
			// it), and every commitment key has its own σ, or a commitment
			// could be opened with another's basis
			_, _, _, g2 := bn254.Generators()
			for i := range vk.CommitmentKeys {
				if !vk.CommitmentKeys[i].G.Equal(&g2) {
					t.Fatalf("commitment key %d's G is not the G2 generator", i)
				}
			}
			for i := 1; i < len(vk.CommitmentKeys); i++ {
				if vk.CommitmentKeys[i].GSigmaNeg.Equal(&vk.CommitmentKeys[0].GSigmaNeg) {
					t.Fatalf("commitment keys 0 and %d share σ", i)
				}
			}
			g := Groth16{}
			keys := Keys{PK: pk, VK: vk}
			full, err := frontend.NewWitness(c.witness, ecc.BN254.ScalarField())
			if err != nil {
				t.Fatal(err)
			}
			proof, err := g.Prove(ccs, keys, full)
			if err != nil {
				t.Fatal(err)
			}
			vkb, err := g.VerifyingKeyBytes(keys)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Verify(vkb, proof, c.public); err != nil {
				t.Fatalf("a proof under SetupBN254's keys: %v", err)
			}
			wrong := append([]*big.Int{}, c.public...)
			wrong[0] = new(big.Int).Add(wrong[0], big.NewInt(1))
			if err := g.Verify(vkb, proof, wrong); err == nil {
				t.Fatal("a changed public input verified")
			}
			if len(vk.CommitmentKeys) > 0 { // a proof of knowledge moved off σ·D fails
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
				if err := g.Verify(vkb, forged.Bytes(), c.public); err == nil {
					t.Fatal("a proof with a moved proof of knowledge verified")
				}
			}
			gvkb, err := g.VerifyingKeyBytes(Keys{PK: gpk, VK: gvk})
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Verify(gvkb, proof, c.public); err == nil {
				t.Fatal("a proof verified under another setup's key")
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
