package twochain

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
)

// TestBatchAggregatorRefuses: the batch aggregator over three real inner
// proofs under one key, each with its own public inputs, is solved, and
// not when one proof or statement changes — a public input, C, the BSB22
// commitment D, its proof of knowledge P, A, two proofs' B swapped — or an
// output is zero.
func TestBatchAggregatorRefuses(t *testing.T) {
	const k = 3
	inner, vk, proofs, publics, err := InnerProofs(ecc.BLS12_377, ecc.BW6_761, k)
	if err != nil {
		t.Fatal(err)
	}
	shape, err := BatchAggregatorShape(inner, vk, k)
	if err != nil {
		t.Fatal(err)
	}
	cs := compileUncommitted(t, shape)
	var three fr_bls12377.Element
	three.SetUint64(3)
	for _, tc := range []struct {
		name  string
		edit  func(a *BatchAggregator)
		solve bool
	}{
		{"honest", func(a *BatchAggregator) {}, true},
		{"a public input of the second proof", func(a *BatchAggregator) { a.Publics[1].Public[4] = sw_bls12377.NewScalar(three) }, false},
		{"the third proof's C", func(a *BatchAggregator) { a.Proofs[2].Krs = a.Proofs[0].Krs }, false},
		{"the first proof's commitment", func(a *BatchAggregator) { a.Proofs[0].Commitments[0] = a.Proofs[1].Commitments[0] }, false},
		{"the second proof's proof of knowledge", func(a *BatchAggregator) { a.Proofs[1].CommitmentPok = a.Proofs[2].CommitmentPok }, false},
		{"the third proof's A", func(a *BatchAggregator) { a.Proofs[2].Ar = a.Proofs[1].Ar }, false},
		{"two proofs' B swapped", func(a *BatchAggregator) { a.Proofs[0].Bs, a.Proofs[1].Bs = a.Proofs[1].Bs, a.Proofs[0].Bs }, false},
		{"two statements swapped", func(a *BatchAggregator) { a.Publics[0], a.Publics[2] = a.Publics[2], a.Publics[0] }, false},
		{"an output of zero", func(a *BatchAggregator) { a.Out[5] = 0 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := BatchAggregatorAssignment(proofs, publics)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(a)
			checkSolved(t, cs, a, tc.solve)
		})
	}
}
