package proofsys

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// mixedCommitCircuit commits a public input, secret inputs and wires the
// solver computes from them (squares), in one commitment.
type mixedCommitCircuit struct {
	P frontend.Variable `gnark:",public"`
	S [6]frontend.Variable
}

func (c *mixedCommitCircuit) Define(api frontend.API) error {
	committed := []frontend.Variable{c.P}
	for _, s := range c.S {
		committed = append(committed, s, api.Add(api.Mul(s, s), c.P))
	}
	cm, err := api.Compiler().(frontend.Committer).Commit(committed...)
	if err != nil {
		return err
	}
	api.AssertIsDifferent(api.Mul(cm, c.S[0]), c.P)
	return nil
}

// commitmentCall returns the calldata of r1cs's (first) commitment call.
func commitmentCall(t *testing.T, r1cs *cs_bn254.R1CS) []uint32 {
	t.Helper()
	for _, pi := range r1cs.Instructions {
		if _, ok := r1cs.Blueprints[pi.BlueprintID].(*constraint.BlueprintGenericHint); !ok {
			continue
		}
		cd := r1cs.CallData[pi.StartCallData:]
		if id := cd[1]; id == uint32(bsb22HintID) || id == uint32(fromWitnessID) {
			return slices.Clone(cd[:cd[0]])
		}
	}
	t.Fatal("no commitment call")
	return nil
}

// TestReadCommittedFromWitness: a rewritten system's commitment calls take
// only the index and the committed wires the witness does not hold; its
// solution is the unrewritten system's value for value (the same
// commitments, hence the same challenge), its proofs verify under the same
// keys, an unsatisfied witness still does not solve; a second rewrite
// changes nothing; gnark's own prover refuses the rewritten system and
// proves WithCommitmentInputs's copy.
func TestReadCommittedFromWitness(t *testing.T) {
	g := Groth16{}
	for _, c := range []struct {
		name             string
		circuit, witness frontend.Circuit
		bad              frontend.Circuit // a witness that does not satisfy it
		public           []*big.Int
		removed          int // inputs no longer taken
	}{
		{"public, secret and solved wires", &mixedCommitCircuit{}, &mixedCommitCircuit{P: 3, S: [6]frontend.Variable{1, 2, 3, 4, 5, 6}},
			&mixedCommitCircuit{P: 0, S: [6]frontend.Variable{0, 2, 3, 4, 5, 6}}, []*big.Int{big.NewInt(3)}, 7},
		{"two commitments", &twoCommitmentsCircuit{}, &twoCommitmentsCircuit{X: 5, A: 2, B: 9},
			&twoCommitmentsCircuit{X: 11, A: 2, B: 9}, []*big.Int{big.NewInt(5)}, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			plainCS, keys, vk := setUp(t, c.circuit)
			plain := plainCS.(*cs_bn254.R1CS)
			cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c.circuit)
			if err != nil {
				t.Fatal(err)
			}
			rewritten := cs.(*cs_bn254.R1CS)
			before := commitmentCall(t, rewritten)
			if n := ReadCommittedFromWitness(rewritten); n != c.removed {
				t.Fatalf("%d inputs removed, want %d", n, c.removed)
			}
			after := commitmentCall(t, rewritten)
			if after[1] != uint32(fromWitnessID) || after[2] >= before[2] || len(after) >= len(before) {
				t.Fatalf("the call was not rewritten: %d inputs before, %d after", before[2], after[2])
			}
			if n := ReadCommittedFromWitness(rewritten); n != 0 || !slices.Equal(commitmentCall(t, rewritten), after) {
				t.Fatalf("a second rewrite removed %d inputs", n)
			}
			pk := keys.PK.(*groth16_bn254.ProvingKey)
			solve := func(sys *cs_bn254.R1CS, w frontend.Circuit) (*SolvedBN254, fr.Vector, error) {
				full, err := frontend.NewWitness(w, ecc.BN254.ScalarField())
				if err != nil {
					t.Fatal(err)
				}
				s, err := SolveBN254(sys, pk, full, nil)
				if err != nil {
					return nil, nil, err
				}
				// the commitment's random mask fixed, so that two solves agree
				mask := solver.OverrideHint(CommitmentMaskHintID, func(_ *big.Int, _, out []*big.Int) error {
					for i := range out {
						out[i].SetInt64(int64(41 + i))
					}
					return nil
				})
				sol, err := sys.Solve(full, append(mustHints(t, sys, pk, full), mask)...)
				if err != nil {
					t.Fatal(err)
				}
				return s, sol.(*cs_bn254.R1CSSolution).W, nil
			}
			_, plainW, err := solve(plain, c.witness)
			if err != nil {
				t.Fatal(err)
			}
			s, w, err := solve(rewritten, c.witness)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(w, plainW) {
				t.Fatal("the rewritten system's solution differs from the plain one's")
			}
			proof, err := s.Prove(CPUKernels{PK: pk})
			if err != nil {
				t.Fatal(err)
			}
			b, err := ProofBytes(proof)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Verify(vk, b, c.public); err != nil {
				t.Fatalf("a proof of the rewritten system was refused: %v", err)
			}
			if _, _, err := solve(rewritten, c.bad); err == nil {
				t.Fatal("an unsatisfied witness solved on the rewritten system")
			}
			// gnark's prover computes the commitment in its own hint
			full, err := frontend.NewWitness(c.witness, ecc.BN254.ScalarField())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := groth16.Prove(rewritten, pk, full, ProverOptions()...); err == nil || !strings.Contains(err.Error(), "ReadCommittedFromWitness") {
				t.Fatalf("gnark's prover on the rewritten system: %v", err)
			}
			restored := WithCommitmentInputs(rewritten)
			if !slices.Equal(commitmentCall(t, restored), before) || !slices.Equal(commitmentCall(t, rewritten), after) {
				t.Fatal("WithCommitmentInputs did not restore the call in a copy")
			}
			gp, err := groth16.Prove(restored, pk, full, ProverOptions()...)
			if err != nil {
				t.Fatal(err)
			}
			gb, err := ProofBytes(gp)
			if err != nil {
				t.Fatal(err)
			}
			if err := g.Verify(vk, gb, c.public); err != nil {
				t.Fatalf("gnark's proof of the restored copy was refused: %v", err)
			}
			if WithCommitmentInputs(plain) != plain {
				t.Fatal("WithCommitmentInputs copied a system that was not rewritten")
			}
		})
	}
}

// mustHints returns the commitment hints for solving sys directly.
func mustHints(t *testing.T, sys *cs_bn254.R1CS, pk *groth16_bn254.ProvingKey, full witness.Witness) []solver.Option {
	t.Helper()
	info, err := commitmentsOf(sys)
	if err != nil {
		t.Fatal(err)
	}
	hints, err := commitmentHints(info, pk, full, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return hints
}
