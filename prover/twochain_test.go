package prover

import (
	"context"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/schema"
)

// TestProveTwoChain: the prover proves a query's two segments over
// BLS12-377 itself (ProveTwoChain): its result is the direct path's, each
// proof verifies as the aggregator verifies it, each column's opening
// verifies against the column as the store holds it, and the query
// aggregator over them is satisfied with the query's COUNT and SUM. A
// prover that changes one row of the witness, or a result, makes no proof.
func TestProveTwoChain(t *testing.T) {
	vals := mixedValues(16) // two segments of 8 rows
	p, st := setup(t, vals)
	const text = "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1"
	pl := plan(t, st, text, "0")
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := p.ProveTwoChain(ctx, pl, []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	rc, _, err := p.Prove(ctx, plan(t, st, text, "0"), []string{"0"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Rows, rc.Rows) {
		t.Fatalf("two-chain result %v, the direct path's %v", got.Rows, rc.Rows)
	}
	if len(got.Proofs) != 2 {
		t.Fatalf("%d segment proofs, want 2", len(got.Proofs))
	}
	outer, inner := ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField()
	for s := range got.Proofs {
		if err := groth16.Verify(got.Proofs[s], got.VK, got.Publics[s], stdgroth16.GetNativeVerifierOptions(outer, inner)); err != nil {
			t.Fatalf("segment %d's proof: %v", s, err)
		}
		for j, op := range got.Openings[s] {
			if err := kzg377.Verify(srs.VerifyingKey(), op, got.Publics[s].Vector().(fr377.Vector)[got.Layout.Z]); err != nil {
				t.Fatalf("segment %d column %d's opening: %v", s, j, err)
			}
		}
	}
	shape, err := twochain.QueryAggregatorShape(got.CS, got.VK, 2, got.Layout, srs.G2())
	if err != nil {
		t.Fatal(err)
	}
	agg, err := twochain.CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	a, err := twochain.QueryAggregatorAssignment(got.Layout, got.Proofs, got.Publics, got.OpeningPoints())
	if err != nil {
		t.Fatal(err)
	}
	full, err := frontend.NewWitness(a, outer)
	if err != nil {
		t.Fatal(err)
	}
	if err := agg.IsSolved(full); err != nil {
		t.Fatalf("the aggregator refused the prover's segments: %v", err)
	}
	var count, sum int64
	for _, v := range vals {
		if v > 0 {
			count, sum = count+1, sum+v
		}
	}
	gotSum := schema.DecodeSignedIn(new(big.Int).Mod(a.Sums[1].(*big.Int), inner), inner)
	if a.Sums[0].(*big.Int).Int64() != count || gotSum.Int64() != sum {
		t.Fatalf("aggregated COUNT %v, SUM %v; want %d and %d", a.Sums[0], gotSum, count, sum)
	}
	for _, c := range []struct {
		name  string
		alter func(w *circuits.Query)
	}{
		{"one row of the witness", func(w *circuits.Query) { w.Cols[0][3] = big.NewInt(40) }},
		// row 3 (1 in the table) as 40 and the SUM with it: the circuit is
		// satisfied but for Y, which is the committed column's at Z
		{"one row and the SUM with it", func(w *circuits.Query) {
			w.Cols[0][3] = schema.Encode(big.NewInt(40))
			w.Partials[1] = new(big.Int).Add(w.Partials[1].(*big.Int), big.NewInt(39))
		}},
		{"the COUNT", func(w *circuits.Query) { w.Partials[0] = big.NewInt(7) }},
		{"the SUM", func(w *circuits.Query) { w.Partials[1] = big.NewInt(-1) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p.alterWitness = c.alter
			defer func() { p.alterWitness = nil }()
			_, err := p.ProveTwoChain(ctx, pl, []string{"0"}, srs)
			if err == nil {
				t.Fatal("proved")
			}
			if !strings.Contains(err.Error(), "disagrees with the query circuit") && !strings.Contains(err.Error(), "first pass") {
				t.Fatalf("refused for another reason than the circuit: %v", err)
			}
		})
	}
}

// TestTwoChainRefuses: plans the two-chain path cannot prove yet are
// refused up front, naming what is missing.
func TestTwoChainRefuses(t *testing.T) {
	p, st := setup(t, mixedValues(8))
	srs, err := kzg377.NewUnsafeSRS(8)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, want string }{
		{"SELECT MAX(a) FROM t", "MIN or MAX"},
		{"SELECT a, COUNT(*) FROM t GROUP BY a", "GROUP BY"},
		{"SELECT a FROM t WHERE a > 1", "row results"},
	} {
		t.Run(c.query, func(t *testing.T) {
			_, err := p.ProveTwoChain(context.Background(), plan(t, st, c.query), nil, srs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
}
