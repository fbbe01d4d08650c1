package proofsys

import (
	"errors"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// committedCircuit has public inputs, one of them committed by a BSB22
// commitment together with a private one, as ProvenSQL's circuits are.
type committedCircuit struct {
	X, Y frontend.Variable `gnark:",public"`
	W    frontend.Variable
}

func (c *committedCircuit) Define(api frontend.API) error {
	cm, err := api.Compiler().(frontend.Committer).Commit(c.X, c.W)
	if err != nil {
		return err
	}
	api.AssertIsEqual(api.Mul(c.X, c.W), c.Y)
	api.AssertIsDifferent(cm, 0)
	return nil
}

// setUp compiles circuit and runs Groth16.Setup: the constraint system, the
// keys and the verifying key's bytes.
func setUp(t *testing.T, circuit frontend.Circuit) (constraint.ConstraintSystem, Keys, []byte) {
	t.Helper()
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		t.Fatal(err)
	}
	g := Groth16{}
	keys, err := g.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	vk, err := g.VerifyingKeyBytes(keys)
	if err != nil {
		t.Fatal(err)
	}
	return cs, keys, vk
}

// TestVerifyBatch: a batch of valid proofs passes; one changed public
// input, one proof swapped for another's, one proof's word changed, a proof
// of knowledge or commitment taken from another proof each fail the batch,
// as each fails Verify alone.
func TestVerifyBatch(t *testing.T) {
	g := Groth16{}
	cs, keys, vk := setUp(t, &committedCircuit{})
	var proofs [][]byte
	var publics [][]*big.Int
	for i := int64(1); i <= 4; i++ {
		w, err := frontend.NewWitness(&committedCircuit{X: i, Y: i * (i + 10), W: i + 10}, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		p, err := g.Prove(cs, keys, w)
		if err != nil {
			t.Fatal(err)
		}
		proofs = append(proofs, p)
		publics = append(publics, []*big.Int{big.NewInt(i), big.NewInt(i * (i + 10))})
	}
	if err := g.VerifyBatch(vk, proofs, publics); err != nil {
		t.Fatalf("valid batch rejected: %v", err)
	}
	if err := g.VerifyBatch(vk, proofs[:1], publics[:1]); err != nil {
		t.Fatalf("batch of one rejected: %v", err)
	}
	clone := func() ([][]byte, [][]*big.Int) {
		ps := make([][]byte, len(proofs))
		for i := range proofs {
			ps[i] = append([]byte(nil), proofs[i]...)
		}
		pub := make([][]*big.Int, len(publics))
		for i := range publics {
			pub[i] = []*big.Int{new(big.Int).Set(publics[i][0]), new(big.Int).Set(publics[i][1])}
		}
		return ps, pub
	}
	// Byte layout of gnark's BN254 proof (compressed): Ar 32, Bs 64, Krs 32,
	// then the commitment count (4), the commitments (32 each) and the PoK (32).
	const commitmentAt, pokAt = 32 + 64 + 32 + 4, 32 + 64 + 32 + 4 + 32
	if p, err := readProof(proofs[0]); err != nil {
		t.Fatal(err)
	} else if d, k := p.Commitments[0].Bytes(), p.CommitmentPok.Bytes(); string(d[:]) != string(proofs[0][commitmentAt:commitmentAt+32]) || string(k[:]) != string(proofs[0][pokAt:pokAt+32]) {
		t.Fatal("the proof's byte layout is not the one the cases edit")
	}
	cases := []struct {
		name string
		edit func(ps [][]byte, pub [][]*big.Int)
	}{
		{"public input changed", func(_ [][]byte, pub [][]*big.Int) { pub[2][1].Add(pub[2][1], big.NewInt(1)) }},
		{"committed public input changed", func(_ [][]byte, pub [][]*big.Int) { pub[1][0].Add(pub[1][0], big.NewInt(1)) }},
		{"proofs swapped", func(ps [][]byte, _ [][]*big.Int) { ps[0], ps[3] = ps[3], ps[0] }},
		{"proof replaced by another's", func(ps [][]byte, _ [][]*big.Int) { ps[1] = ps[2] }},
		{"proof of knowledge from another proof", func(ps [][]byte, _ [][]*big.Int) { copy(ps[1][pokAt:], proofs[2][pokAt:pokAt+32]) }},
		{"commitment from another proof", func(ps [][]byte, _ [][]*big.Int) {
			copy(ps[3][commitmentAt:], proofs[0][commitmentAt:commitmentAt+32])
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, pub := clone()
			c.edit(ps, pub)
			if err := g.VerifyBatch(vk, ps, pub); err == nil {
				t.Fatal("batch accepted")
			}
			failed := false
			for i := range ps {
				if g.Verify(vk, ps[i], pub[i]) != nil {
					failed = true
				}
			}
			if !failed {
				t.Fatal("the edit left every proof valid: the case tests nothing")
			}
		})
	}
	if err := g.VerifyBatch(vk, proofs, publics[:3]); err == nil || errors.Is(err, errBatchRejected) {
		t.Fatalf("mismatched lengths: %v", err)
	}
	if err := g.VerifyBatch(vk, proofs[:1], [][]*big.Int{{big.NewInt(1)}}); err == nil {
		t.Fatal("short public input list accepted")
	}
}
