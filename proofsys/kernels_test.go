package proofsys

import (
	"errors"
	"math/big"
	"strings"
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

// kept copies the entries a mask keeps, in order, whatever the chunks the
// cores split them into: against a plain filter, for lengths around the
// chunk boundaries, starts past the public wires and masks of all kinds.
func TestKeptIsAFilter(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 64, 1001} {
		for _, from := range []int{0, 1, 3} {
			if from > n {
				continue
			}
			for _, mask := range []string{"none", "all", "odd", "every third", "prefix"} {
				w := make([]fr.Element, n)
				drop := make([]bool, n)
				for i := range w {
					w[i].SetUint64(uint64(i + 1))
					switch mask {
					case "all":
						drop[i] = true
					case "odd":
						drop[i] = i%2 == 1
					case "every third":
						drop[i] = i%3 == 0
					case "prefix":
						drop[i] = i < n/2
					}
				}
				var want []fr.Element
				for i := from; i < n; i++ {
					if !drop[i] {
						want = append(want, w[i])
					}
				}
				got := kept(w, from, drop)
				if len(got) != len(want) {
					t.Fatalf("n %d from %d %s: %d entries, want %d", n, from, mask, len(got), len(want))
				}
				for i := range want {
					if !got[i].Equal(&want[i]) {
						t.Fatalf("n %d from %d %s: entry %d is %v, want %v", n, from, mask, i, got[i].String(), want[i].String())
					}
				}
			}
		}
	}
}

// noG2Kernels are CPU kernels that refuse the G2 MSM.
type noG2Kernels struct{ CPUKernels }

func (noG2Kernels) MultiExpG2([]fr.Element) (bn254.G2Jac, error) {
	return bn254.G2Jac{}, errors.New("the kernels' G2 MSM was called")
}

// TestHostG2: after StartHostG2, Prove takes B's G2 MSM from the CPU and
// never from its kernels (which here refuse it), and the proof verifies;
// without it, the kernels are asked (and their refusal is the proof's
// error). A second StartHostG2, and one after the proof, do nothing.
func TestHostG2(t *testing.T) {
	g := Groth16{}
	ccs, keys, vk := setUp(t, testcircuits.NewChain(300))
	r1cs, pk := ccs.(*cs_bn254.R1CS), keys.PK.(*groth16_bn254.ProvingKey)
	y := func() (*SolvedBN254, []*big.Int) {
		t.Helper()
		w, y := testcircuits.ChainWitness(300, 5, 3)
		full, err := frontend.NewWitness(w, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		s, err := SolveBN254(r1cs, pk, full, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s, []*big.Int{big.NewInt(5), y}
	}
	s, public := y()
	s.StartHostG2()
	s.StartHostG2()
	proof, err := s.Prove(noG2Kernels{CPUKernels{PK: pk}})
	if err != nil {
		t.Fatalf("with the G2 MSM on the host: %v", err)
	}
	s.StartHostG2() // proven: nothing to start
	b, err := ProofBytes(proof)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(vk, b, public); err != nil {
		t.Fatalf("a proof with the G2 MSM on the host was refused: %v", err)
	}
	s, _ = y()
	if _, err := s.Prove(noG2Kernels{CPUKernels{PK: pk}}); err == nil || !strings.Contains(err.Error(), "G2 MSM was called") {
		t.Fatalf("without StartHostG2 the kernels' G2 MSM should be asked; got %v", err)
	}
}
