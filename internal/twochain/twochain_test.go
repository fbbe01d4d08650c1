package twochain

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/proofsys"
)

// TestAggregatorRefuses: the aggregator over two segments is solved by two
// real inner proofs with satisfied folds, and not when one changes — an
// inner proof's public input, a fold's scalar, a fold's point, an output of
// zero.
func TestAggregatorRefuses(t *testing.T) {
	inner, vk, proof, public, err := InnerProof(ecc.BLS12_377, ecc.BW6_761)
	if err != nil {
		t.Fatal(err)
	}
	shape, err := AggregatorShape(inner, vk, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	cs := compileUncommitted(t, shape)
	honest := func() *Aggregator {
		a, err := AggregatorAssignment(proof, public, 2)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	var two fr_bls12377.Element
	two.SetUint64(2)
	for _, tc := range []struct {
		name  string
		edit  func(a *Aggregator)
		solve bool
	}{
		{"honest", func(a *Aggregator) {}, true},
		{"a public input of the second proof", func(a *Aggregator) {
			var v fr_bls12377.Element
			v.SetUint64(3)
			a.Publics[1].Public[0] = sw_bls12377.NewScalar(v)
		}, false},
		{"a fold's scalar", func(a *Aggregator) { a.Folds[1].S[0] = sw_bls12377.NewScalar(two) }, false},
		{"a fold's point", func(a *Aggregator) { a.Folds[0].C[0] = a.Folds[1].C[0] }, false},
		{"an output of zero", func(a *Aggregator) { a.Out[3] = 0 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := honest()
			tc.edit(a)
			checkSolved(t, cs, a, tc.solve)
		})
	}
}

// compileUncommitted compiles an aggregator (CompileAggregator) and fails
// t if it has a BSB22 commitment, whose proof of knowledge the wrapper
// would verify (2.63M constraints).
func compileUncommitted(t *testing.T, shape frontend.Circuit) constraint.ConstraintSystem {
	t.Helper()
	cs, err := CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cs.GetCommitments().CommitmentIndexes()); n != 0 {
		t.Fatalf("the aggregator has %d commitments", n)
	}
	return cs
}

// checkSolved fails t unless cs is solved by assignment exactly when
// solve.
func checkSolved(t *testing.T, cs constraint.ConstraintSystem, assignment frontend.Circuit, solve bool) {
	t.Helper()
	w, err := frontend.NewWitness(assignment, ecc.BW6_761.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	if err := cs.IsSolved(w); (err == nil) != solve {
		t.Fatalf("solved: %v (%v), want %v", err == nil, err, solve)
	}
}

// TestAggregationProves: the aggregator over one segment, set up by
// proofsys.SetupGroth16 (BW6-761) over inner keys of SetupGroth16
// (BLS12-377), proves and verifies with gnark's BW6-761 prover and
// verifier (ProveAggregation checks it), and its proof is refused for
// another output.
func TestAggregationProves(t *testing.T) {
	if testing.Short() {
		t.Skip("proves a 56k-constraint BW6-761 circuit (≈ 8 s)")
	}
	// ProveAggregation's steps, the proof through a CurveProver of the
	// test's: the aggregator proves on the prover it is given
	inner, vk, proof, public, err := InnerProof(ecc.BLS12_377, ecc.BW6_761)
	if err != nil {
		t.Fatal(err)
	}
	assign, err := AggregatorAssignment(proof, public, 1)
	if err != nil {
		t.Fatal(err)
	}
	shape, err := AggregatorShape(inner, vk, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := SetupAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	var counted countingProver
	a, err := keys.ProveWith(assign, &counted)
	if err != nil {
		t.Fatal(err)
	}
	if counted[ecc.BW6_761.ScalarField().String()] != 1 || len(counted) != 1 {
		t.Fatalf("the aggregator's proofs by curve on the prover it was given: %v, want one over BW6-761", counted)
	}
	// the wrapper's assignments carry the aggregator's outputs, 1 … Outputs,
	// narrow (whole) and wide (split at bit 192: the high parts zero)
	for _, wide := range []bool{false, true} {
		var widths []OutputWidth
		if wide {
			for range Outputs {
				widths = append(widths, Wide)
			}
		}
		assign, err := WrapperAssignmentWith(a, widths)
		if err != nil {
			t.Fatal(err)
		}
		for j := range Outputs {
			per := map[bool]int{false: 1, true: 2}[wide]
			if got := assign.Out[per*j].(*big.Int); got.Int64() != int64(j+1) || wide && assign.Out[per*j+1].(*big.Int).Sign() != 0 {
				t.Fatalf("wide %v: output %d is %v", wide, j, assign.Out[per*j:per*j+per])
			}
		}
	}
	public, err = a.Public.Public()
	if err != nil {
		t.Fatal(err)
	}
	vec := public.Vector().(fr_bw6761.Vector)
	vec[0].SetUint64(99)
	opts := stdgroth16.GetNativeVerifierOptions(ecc.BN254.ScalarField(), ecc.BW6_761.ScalarField())
	if err := groth16.Verify(a.Proof, a.VK, public, opts); err == nil {
		t.Fatal("the aggregator's proof verified for another output")
	}
}

// countingProver is gnark's CPU prover (proofsys.GnarkProver), counting
// its proofs by the scalar field they are over.
type countingProver map[string]int

func (c *countingProver) ProveOnCurve(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness, opts ...backend.ProverOption) (groth16.Proof, error) {
	if *c == nil {
		*c = countingProver{}
	}
	(*c)[cs.Field().String()]++
	return proofsys.GnarkProver{}.ProveOnCurve(cs, pk, full, opts...)
}
