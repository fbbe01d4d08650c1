package proofsys

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/internal/testcircuits"
)

// faultyKernels are CPU kernels with one result changed.
type faultyKernels struct {
	CPUKernels
	fault string
}

func (k faultyKernels) Quotient(a, b, c []fr.Element) ([]fr.Element, error) {
	h, err := k.CPUKernels.Quotient(a, b, c)
	if k.fault == "quotient" {
		var one fr.Element
		one.SetOne()
		h[0].Add(&h[0], &one)
	}
	return h, err
}

func (k faultyKernels) MultiExpG1(basis Basis, scalars []fr.Element) (bn254.G1Jac, error) {
	p, err := k.CPUKernels.MultiExpG1(basis, scalars)
	if k.fault == basisNames[basis.Kind] {
		g, _, _, _ := bn254.Generators()
		p.AddAssign(&g)
	}
	return p, err
}

func (k faultyKernels) MultiExpG2(scalars []fr.Element) (bn254.G2Jac, error) {
	p, err := k.CPUKernels.MultiExpG2(scalars)
	if k.fault == "G2" {
		_, g, _, _ := bn254.Generators()
		p.AddAssign(&g)
	}
	return p, err
}

var basisNames = map[BasisKind]string{BasisA: "A", BasisB: "B", BasisK: "K", BasisZ: "Z", BasisPoK: "PoK"}

// TestSolvedProofsVerify: SolveBN254 then Prove with the CPU's kernels
// gives proofs the verifier (and VerifyBatch) accepts, for circuits with
// no, one and two BSB22 commitments, each refused with another public
// input; a proof with any one kernel result changed is refused, and an
// unsatisfied witness does not solve.
func TestSolvedProofsVerify(t *testing.T) {
	g := Groth16{}
	chain, chainY := testcircuits.ChainWitness(300, 5, 3)
	for _, c := range []struct {
		name             string
		circuit, witness frontend.Circuit
		public           []*big.Int
		faults           []string
	}{
		{"chain", testcircuits.NewChain(300), chain, []*big.Int{big.NewInt(5), chainY},
			[]string{"quotient", "A", "B", "K", "Z", "PoK", "G2"}},
		{"committed public and private", &committedCircuit{}, &committedCircuit{X: 3, Y: 39, W: 13}, []*big.Int{big.NewInt(3), big.NewInt(39)}, []string{"PoK"}},
		{"no commitment", &productCircuit{}, &productCircuit{X: 6, Y: 7, Z: 42}, []*big.Int{big.NewInt(42)}, []string{"quotient", "K"}},
		{"two commitments", &twoCommitmentsCircuit{}, &twoCommitmentsCircuit{X: 5, A: 2, B: 9}, []*big.Int{big.NewInt(5)}, []string{"PoK"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ccs, keys, vk := setUp(t, c.circuit)
			r1cs := ccs.(*cs_bn254.R1CS)
			pk := keys.PK.(*groth16_bn254.ProvingKey)
			solve := func() *SolvedBN254 {
				t.Helper()
				full, err := frontend.NewWitness(c.witness, ecc.BN254.ScalarField())
				if err != nil {
					t.Fatal(err)
				}
				s, err := SolveBN254(r1cs, pk, full, nil)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			prove := func(k Kernels) []byte {
				t.Helper()
				proof, err := solve().Prove(k)
				if err != nil {
					t.Fatal(err)
				}
				b, err := ProofBytes(proof)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			proof := prove(CPUKernels{PK: pk})
			if c.name == "chain" {
				s := solve()
				if _, err := s.Prove(CPUKernels{PK: pk}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Prove(CPUKernels{PK: pk}); err == nil {
					t.Fatal("a solution was proven twice (its evaluations may be gone)")
				}
			}
			if err := g.Verify(vk, proof, c.public); err != nil {
				t.Fatalf("a proof from the kernels was refused: %v", err)
			}
			if err := g.VerifyBatch(vk, [][]byte{proof}, [][]*big.Int{c.public}); err != nil {
				t.Fatalf("VerifyBatch refused a proof from the kernels: %v", err)
			}
			wrong := append([]*big.Int{new(big.Int).Add(c.public[0], big.NewInt(1))}, c.public[1:]...)
			if err := g.Verify(vk, proof, wrong); err == nil {
				t.Fatal("a proof verified with another public input")
			}
			for _, f := range c.faults {
				if err := g.Verify(vk, prove(faultyKernels{CPUKernels{PK: pk}, f}), c.public); err == nil {
					t.Errorf("a proof with a changed %s result verified", f)
				}
			}
		})
	}
	t.Run("unsatisfied", func(t *testing.T) {
		ccs, keys, _ := setUp(t, testcircuits.NewChain(300))
		_, other := testcircuits.ChainWitness(300, 5, 4)
		full, err := frontend.NewWitness(&testcircuits.Chain{X: 5, Y: other, W: 3}, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := SolveBN254(ccs.(*cs_bn254.R1CS), keys.PK.(*groth16_bn254.ProvingKey), full, nil); err == nil {
			t.Fatal("an unsatisfied witness solved")
		}
	})
}
