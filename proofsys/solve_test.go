package proofsys

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/commitment"
)

// challengeCircuit exposes its commitment challenge as the public C, as
// ProvenSQL's circuits expose Z: a prover must solve to learn it.
type challengeCircuit struct {
	C frontend.Variable `gnark:",public"`
	W frontend.Variable
}

func (c *challengeCircuit) Define(api frontend.API) error {
	cm, err := api.Compiler().(frontend.Committer).Commit(c.W)
	if err != nil {
		return err
	}
	out, err := api.Compiler().NewHint(echoHint, 1, cm)
	if err != nil {
		return err
	}
	api.AssertIsEqual(out[0], cm)
	api.AssertIsEqual(c.C, cm)
	// W in a constraint: a wire no constraint uses has a zero commitment
	// basis (Groth16's commitment binds wires through their constraints)
	api.AssertIsDifferent(c.W, 0)
	return nil
}

func echoHint(_ *big.Int, in, out []*big.Int) error {
	out[0].Set(in[0])
	return nil
}

func init() { solver.RegisterHint(echoHint) }

// countingMSM is the CPU's MSM, counting its calls.
type countingMSM struct{ calls int }

func (c *countingMSM) Name() string { return "counting" }

func (c *countingMSM) MultiExpG1(b []bn254.G1Affine, s []fr.Element) (bn254.G1Affine, error) {
	c.calls++
	return commitment.CPU{}.MultiExpG1(b, s)
}

// TestSolveDerivesTheProofsChallenge: the challenge Solve derives is the
// one the proof of the same witness carries (the proof with it as public
// input verifies), it depends on the committed value, and Solve reports an
// unsatisfied witness — with the commitments recomputed (the zero
// Groth16) and remembered (a Memo: the second solve and the proof of a
// witness already committed take no MSM).
func TestSolveDerivesTheProofsChallenge(t *testing.T) {
	counting := &countingMSM{}
	memo := commitment.NewMemo(counting)
	for _, g := range []Groth16{{}, {commits: memo}} {
		solveDerivesTheProofsChallenge(t, g)
	}
	// 7 and 8 computed; the solve and the proof of 7 remembered
	if hits, misses := memo.Stats(); counting.calls != 2 || misses != 2 || hits != 2 {
		t.Fatalf("the remembered commitments took %d MSMs (%d remembered), want 2 (2)", counting.calls, hits)
	}
}

func solveDerivesTheProofsChallenge(t *testing.T, g Groth16) {
	cs, keys, vk := setUp(t, &challengeCircuit{})
	// the commitment's random mask, drawn once as ProvenSQL's prover does
	mask := solver.OverrideHint(CommitmentMaskHintID, func(_ *big.Int, _, out []*big.Int) error {
		for i := range out {
			out[i].SetInt64(int64(1000 + i))
		}
		return nil
	})
	challenge := func(w int64) *big.Int {
		t.Helper()
		full, err := frontend.NewWitness(&challengeCircuit{C: 0, W: w}, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		var got *big.Int
		capture := solver.OverrideHint(solver.GetHintID(echoHint), func(_ *big.Int, in, out []*big.Int) error {
			got = new(big.Int).Set(in[0])
			out[0].Set(in[0])
			return nil
		})
		if err := g.Solve(cs, keys, full, mask, capture); err == nil {
			t.Fatal("Solve accepted a placeholder challenge")
		}
		if got == nil {
			t.Fatal("Solve did not reach the commitment")
		}
		return got
	}
	c7 := challenge(7)
	if c8 := challenge(8); c8.Cmp(c7) == 0 {
		t.Fatal("the challenge does not depend on the committed value")
	}
	full, err := frontend.NewWitness(&challengeCircuit{C: c7, W: 7}, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Solve(cs, keys, full, mask); err != nil {
		t.Fatalf("Solve refused the witness with its own challenge: %v", err)
	}
	proof, err := g.Prove(cs, keys, full, mask)
	if err != nil {
		t.Fatalf("the prover derived another challenge than Solve: %v", err)
	}
	if err := g.Verify(vk, proof, []*big.Int{c7}); err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(vk, proof, []*big.Int{new(big.Int).Add(c7, big.NewInt(1))}); err == nil {
		t.Fatal("a changed challenge verified")
	}
	if err := g.Solve(cs, Keys{PK: "not a key"}, full); err == nil {
		t.Fatal("Solve took a proving key of another type")
	}
}
