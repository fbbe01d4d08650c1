package prover

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fft_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	fft_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	poseidon2_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/poseidon2"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bls12377 "github.com/consensys/gnark/backend/groth16/bls12-377"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/internal/lagrange"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
)

// TestSegmentOverBLS12377: a real segment of a query (negative values and
// a comparison, so the signed hints and range checks run) proven over
// BLS12-377, the two-chain path's segment curve: its circuit compiled
// there (CompileOver), keys from proofsys.SetupGroth16, the witness the
// BN254 prover builds for the segment re-encoded in BLS12-377's field,
// then the prover's two passes — the first stops at Z, Y (the columns at
// Z over BLS12-377's domain) and the challenges (DeriveChallengeIn) are
// computed from it — and gnark's BLS12-377 prover and verifier. The proof
// verifies; with a changed Y, Z, result or parameter no proof is made and
// the honest one does not verify. What the
// prover itself cannot do yet is the rest of stage 1 (BENCHMARKS.md): the
// witness and the KZG layer over BLS12-377.
func TestSegmentOverBLS12377(t *testing.T) {
	vals := mixedValues(8) // one segment of 8 rows
	p, st := setup(t, vals)
	pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0")
	seg := segmentOver(t, ecc.BLS12_377, p, pl, circuits.SegmentSize(3), []string{"0"}, nil, nil)
	proof, err := seg.prove(seg.w)
	if err != nil {
		t.Fatalf("the honest segment did not prove over BLS12-377: %v", err)
	}
	if err := seg.verify(proof, seg.w); err != nil {
		t.Fatalf("the honest segment's proof was refused: %v", err)
	}
	// a dishonest prover: one public value changed, proven or claimed
	for _, c := range []struct {
		name  string
		alter func(w *circuits.Query)
	}{
		{"a column's evaluation Y", func(w *circuits.Query) { w.Y[0] = new(big.Int).Add(w.Y[0].(*big.Int), big.NewInt(1)) }},
		{"the result", func(w *circuits.Query) { w.Partials[0] = new(big.Int).Add(w.Partials[0].(*big.Int), big.NewInt(1)) }},
		{"the parameter", func(w *circuits.Query) { w.Params[0] = big.NewInt(1) }},
		{"the point Z", func(w *circuits.Query) { w.Z = new(big.Int).Add(w.Z.(*big.Int), big.NewInt(1)) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := copyQuery(t, seg.w, seg.field)
			c.alter(bad)
			if _, err := seg.prove(bad); err == nil {
				t.Error("a proof was made with the changed value")
			}
			if err := seg.verify(proof, bad); err == nil {
				t.Error("the honest proof verified against the changed value")
			}
		})
	}
}

// TestSegmentProofAggregates: the two-chain path's BW6-761 aggregator
// (internal/twochain) verifies a real segment proof over BLS12-377 —
// proven with the commitment hash a circuit over BW6-761's field
// recomputes — under the segment circuit's own verifying key, and refuses
// it with a changed result. The aggregator had only verified stand-in
// circuits of Q1's key shape before.
func TestSegmentProofAggregates(t *testing.T) {
	vals := mixedValues(8)
	p, st := setup(t, vals)
	pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0")
	outer, inner := ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField()
	seg := segmentOver(t, ecc.BLS12_377, p, pl, circuits.SegmentSize(3), []string{"0"},
		[]backend.ProverOption{stdgroth16.GetNativeProverOptions(outer, inner)},
		[]backend.VerifierOption{stdgroth16.GetNativeVerifierOptions(outer, inner)})
	proof, err := seg.prove(seg.w)
	if err != nil {
		t.Fatal(err)
	}
	if err := seg.verify(proof, seg.w); err != nil {
		t.Fatalf("the segment's proof was refused: %v", err)
	}
	shape, err := twochain.AggregatorShape(seg.cs, seg.vk, 1, true) // AggregatorAssignment fills a (stand-in) fold
	if err != nil {
		t.Fatal(err)
	}
	agg, err := twochain.CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("aggregator over one real segment proof (%d public inputs): %d constraints", seg.cs.GetNbPublicVariables()-1, agg.GetNbConstraints())
	for _, c := range []struct {
		name  string
		alter func(w *circuits.Query)
		solve bool
	}{
		{"honest", func(*circuits.Query) {}, true},
		{"a changed result", func(w *circuits.Query) { w.Partials[1] = new(big.Int).Add(w.Partials[1].(*big.Int), big.NewInt(1)) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := copyQuery(t, seg.w, seg.field)
			c.alter(w)
			pub, err := frontend.NewWitness(w, seg.field, frontend.PublicOnly())
			if err != nil {
				t.Fatal(err)
			}
			a, err := twochain.AggregatorAssignment(proof, pub, 1)
			if err != nil {
				t.Fatal(err)
			}
			full, err := frontend.NewWitness(a, outer)
			if err != nil {
				t.Fatal(err)
			}
			err = agg.IsSolved(full)
			if (err == nil) != c.solve {
				t.Fatalf("aggregator solved: %v (%v), want %v", err == nil, err, c.solve)
			}
			if err != nil && !strings.Contains(err.Error(), "not satisfied") {
				t.Fatalf("refused for another reason than a constraint: %v", err)
			}
		})
	}
}

// queryFixture is a query over two segments proven over BLS12-377 for
// the aggregator (TestQueryAggregates, BenchmarkQueryOneCheck): each
// segment's proof, statement and column opening under the parameter −3
// (every row) and under 1, and the query aggregator's shape.
type queryFixture struct {
	vals          []int64
	layout        twochain.StatementLayout
	shape         *twochain.QueryAggregator
	atZero, atOne proven
	// the segment circuit, its key and the SRS's G2 points, for shapes
	// over other segment counts
	cs  constraint.ConstraintSystem
	vk  groth16.VerifyingKey
	kzg twochain.KZGKey
}

// proven is a query's segments proven: per segment its proof, its
// statement and its column's opening (commitment, quotient at Z), and
// the table's column digests.
type proven struct {
	proofs   []groth16.Proof
	publics  []witness.Witness
	openings [][][2]bls12377.G1Affine
	digests  []*big.Int
}

// provenOf is ts as the aggregator's tests take it.
func provenOf(t testing.TB, ts *TwoChainSegments) proven {
	t.Helper()
	_, digests, err := ts.Table.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return proven{ts.Proofs, ts.Publics, ts.OpeningPoints(), digests}
}

func newQueryFixture(t testing.TB) *queryFixture {
	t.Helper()
	vals := mixedValues(16) // two segments of 8 rows
	p, st := setup(t, vals)
	const text = "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1"
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	var last *TwoChainSegments
	prove := func(arg string) proven { // one shape, one key: the parameter is an input
		ts, err := p.ProveTwoChain(context.Background(), plan(t, st, text, arg), []string{arg}, srs)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts.Proofs) != 2 {
			t.Fatalf("%d segments, want 2", len(ts.Proofs))
		}
		last = ts
		return provenOf(t, ts)
	}
	atZero, atOne := prove("-3"), prove("1")
	shape, err := twochain.QueryAggregatorShape(last.CS, last.VK, 2, last.Layout, KZGKey(srs))
	if err != nil {
		t.Fatal(err)
	}
	return &queryFixture{vals: vals, layout: last.Layout, shape: shape, atZero: atZero, atOne: atOne, cs: last.CS, vk: last.VK, kzg: KZGKey(srs)}
}

// TestQueryAggregatesTwoColumns: a query that evaluates two columns (the
// filter's and the sum's), over two segments proven over BLS12-377, is
// aggregated with both columns of each segment opened at its Z; the result
// is the query's, and Y of one column against the other's commitment is
// refused.
func TestQueryAggregatesTwoColumns(t *testing.T) {
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigInt}}}
	cols := make([][]fr_bn254.Element, 2)
	var want int64 // SUM(b) WHERE a > 0
	for i, a := range mixedValues(16) {
		b := int64(3*i - 20)
		cols[0] = append(cols[0], schema.Encode(big.NewInt(a)))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(b)))
		if a > 0 {
			want += b
		}
	}
	p, st := setupTable(t, tbl, cols, 3)
	const text = "SELECT COUNT(*), SUM(b) FROM t WHERE a > $1"
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := p.ProveTwoChain(context.Background(), plan(t, st, text, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts.Layout.Y) != 2 {
		t.Fatalf("%d evaluated columns, want 2", len(ts.Layout.Y))
	}
	got, layout := provenOf(t, ts), ts.Layout
	outer, inner := ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField()
	shape, err := twochain.QueryAggregatorShape(ts.CS, ts.VK, 2, layout, KZGKey(srs))
	if err != nil {
		t.Fatal(err)
	}
	agg, err := twochain.CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("query aggregator over two segments of two opened columns: %d constraints", agg.GetNbConstraints())
	solve := func(openings [][][2]bls12377.G1Affine) (*twochain.QueryAggregator, error) {
		a, err := twochain.QueryAggregatorAssignment(layout, got.proofs, got.publics, openings, nil, got.digests, 2)
		if err != nil {
			t.Fatal(err)
		}
		full, err := frontend.NewWitness(a, outer)
		if err != nil {
			t.Fatal(err)
		}
		return a, agg.IsSolved(full)
	}
	honest, err := solve(got.openings)
	if err != nil {
		t.Fatalf("the honest aggregation was refused: %v", err)
	}
	sum := new(big.Int).Mod(honest.Sums[1].(*big.Int), inner)
	if schema.DecodeSignedIn(sum, inner).Int64() != want {
		t.Fatalf("aggregated SUM(b) %s, want %d", schema.DecodeSignedIn(sum, inner), want)
	}
	swapped := [][][2]bls12377.G1Affine{got.openings[0], {got.openings[1][1], got.openings[1][0]}}
	if _, err := solve(swapped); err == nil {
		t.Error("a segment's two columns swapped were aggregated")
	}
	// the openings are checked together, each weighed: a quotient moved
	// from one column's opening to the other's (both at the segment's Z)
	// leaves their unweighted sum as it was
	_, _, g1, _ := bls12377.Generators()
	moved := func(w0, w1 *big.Int) [][][2]bls12377.G1Affine {
		out := [][][2]bls12377.G1Affine{slices.Clone(got.openings[0]), got.openings[1]}
		var e0, e1 bls12377.G1Affine
		e0.ScalarMultiplication(&g1, w1)
		e1.ScalarMultiplication(&g1, w0)
		out[0][0][1].Add(&out[0][0][1], &e0)
		out[0][1][1].Sub(&out[0][1][1], &e1)
		return out
	}
	if _, err := solve(moved(big.NewInt(1), big.NewInt(1))); err == nil {
		t.Error("a quotient moved between two openings at one point was aggregated")
	}
	// an adaptive prover who computes the weights of the honest openings
	// and moves a quotient by them (ρ₁·G to one, −ρ₀·G from the other):
	// refused because the weights hash the quotients too, so they change
	// with them. The control: the weights recomputed for the moved
	// quotients differ.
	weights := twoColumnWeights(t, layout, got.publics, got.openings)
	adaptive := moved(weights[0], weights[1])
	if _, err := solve(adaptive); err == nil {
		t.Error("quotients moved by the openings' weights were aggregated")
	}
	if again := twoColumnWeights(t, layout, got.publics, adaptive); again[0].Cmp(weights[0]) == 0 {
		t.Error("the weights did not change with the quotients")
	}
}

// twoColumnWeights computes the aggregator's opening weights (kzgBatch's
// weights, off the circuit) for two segments of two columns evaluated at
// each segment's Z, no window: Poseidon2 over BW6-761's field of each
// column commitment (x, y), each segment's Z, then each opening's quotient
// (x, y) and value Y; then of that digest and a counter, three 120-bit
// weights an output.
func twoColumnWeights(t *testing.T, layout twochain.StatementLayout, publics []witness.Witness, openings [][][2]bls12377.G1Affine) []*big.Int {
	t.Helper()
	if layout.Window != nil || len(layout.Y) != 2 {
		t.Fatal("twoColumnWeights computes the weights of two evaluated columns, no window")
	}
	element := func(v *big.Int) []byte {
		var e fr_bw6761.Element
		e.SetBigInt(v)
		b := e.Bytes()
		return b[:]
	}
	h := poseidon2_bw6761.NewMerkleDamgardHasher()
	for s := range publics {
		for j := range layout.Y {
			c := openings[s][j][0]
			h.Write(element(c.X.BigInt(new(big.Int))))
			h.Write(element(c.Y.BigInt(new(big.Int))))
		}
	}
	vecs := make([]fr_bls12377.Vector, len(publics))
	for s := range publics {
		vecs[s] = publics[s].Vector().(fr_bls12377.Vector)
		h.Write(element(vecs[s][layout.Z].BigInt(new(big.Int))))
	}
	for s := range publics {
		for j, at := range layout.Y {
			w := openings[s][j][1]
			h.Write(element(w.X.BigInt(new(big.Int))))
			h.Write(element(w.Y.BigInt(new(big.Int))))
			h.Write(element(vecs[s][at].BigInt(new(big.Int))))
		}
	}
	digest := h.Sum(nil)
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 120), big.NewInt(1))
	var out []*big.Int
	for counter := int64(0); len(out) < 2*len(publics); counter++ {
		h.Reset()
		h.Write(digest)
		h.Write(element(big.NewInt(counter)))
		v := new(big.Int).SetBytes(h.Sum(nil))
		for k := 0; k < 3 && len(out) < 2*len(publics); k++ {
			out = append(out, new(big.Int).And(new(big.Int).Rsh(v, uint(120*k)), mask))
		}
	}
	return out
}

// TestQueryAggregates: a query over two segments, each proven over
// BLS12-377 for the aggregator, is aggregated by twochain.QueryAggregator:
// the segments' proofs verified under the parameters they share, the
// COUNT and SUM partials added up into the query's result (negative values
// included, so the SUM wraps past r once per segment whose partial is
// negative), each segment's Y checked against its column's KZG commitment
// over BLS12-377 (opened at its Z), the commitments exposed as one
// digest. A wrong result or digest is refused; so is a
// segment proven for another parameter, which the shared parameters leave
// no room for, a Y against another segment's column, and a quotient that
// does not open the column at Z.
func TestQueryAggregates(t *testing.T) {
	q := newQueryFixture(t)
	vals, layout, shape, atZero, atOne := q.vals, q.layout, q.shape, q.atZero, q.atOne
	outer, inner := ecc.BW6_761.ScalarField(), ecc.BLS12_377.ScalarField()
	agg, err := twochain.CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("query aggregator over two segments: %d constraints", agg.GetNbConstraints())
	solve := func(a *twochain.QueryAggregator) error {
		full, err := frontend.NewWitness(a, outer)
		if err != nil {
			t.Fatal(err)
		}
		return agg.IsSolved(full)
	}
	// the honest result: a > −3 holds on every row (values −2 … 4)
	honest, err := twochain.QueryAggregatorAssignment(layout, atZero.proofs, atZero.publics, atZero.openings, nil, atZero.digests, 2)
	if err != nil {
		t.Fatal(err)
	}
	count, sum := honest.Sums[0].(*big.Int), new(big.Int).Mod(honest.Sums[1].(*big.Int), inner)
	var want int64
	for _, v := range vals {
		want += v
	}
	if count.Int64() != 16 || schema.DecodeSignedIn(sum, inner).Int64() != want {
		t.Fatalf("aggregated COUNT %s, SUM %s; want 16 and %d", count, schema.DecodeSignedIn(sum, inner), want)
	}
	if err := solve(honest); err != nil {
		t.Fatalf("the honest aggregation was refused: %v", err)
	}
	for _, c := range []struct {
		name     string
		proofs   []groth16.Proof
		publics  []witness.Witness
		openings [][][2]bls12377.G1Affine
		alter    func(a *twochain.QueryAggregator)
	}{
		{"a wrong COUNT", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) { a.Sums[0] = big.NewInt(15) }},
		// the digest of the segments' columns in the other order
		{"another table's digest", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) {
			a.TableDigest = digestOf(t, []int64{8, 8}, [][]bls12377.G1Affine{{atZero.openings[1][0][0]}, {atZero.openings[0][0][0]}})
		}},
		// the table's digest with other row counts, and its column's
		// digest claimed to be another's: what a verifier computes for them
		{"other row counts' digest", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) {
			a.TableDigest = digestOf(t, []int64{8, 7}, [][]bls12377.G1Affine{{atZero.openings[0][0][0]}, {atZero.openings[1][0][0]}})
		}},
		{"another column digest", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) {
			other := twochain.ColumnDigest([]bls12377.G1Affine{atZero.openings[1][0][0], atZero.openings[0][0][0]})
			a.ColumnDigests[0] = other
			d, err := twochain.TableDigest([]*big.Int{big.NewInt(8), big.NewInt(8)}, []*big.Int{other})
			if err != nil {
				t.Fatal(err)
			}
			a.TableDigest = d
		}},
		// the parameter another than the segments were proven for: what a
		// verifier asking for it reads
		{"another parameter", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) {
			a.ParamValues[0] = big.NewInt(1)
		}},
		// segment 1 proven for a > 1, aggregated under a > −3 (the first's)
		{"a segment proven for another parameter", []groth16.Proof{atZero.proofs[0], atOne.proofs[1]}, []witness.Witness{atZero.publics[0], atOne.publics[1]},
			[][][2]bls12377.G1Affine{atZero.openings[0], atOne.openings[1]}, nil},
		// the segments' column commitments swapped: each Y against the
		// other segment's column
		{"another segment's column", atZero.proofs, atZero.publics, [][][2]bls12377.G1Affine{atZero.openings[1], atZero.openings[0]}, nil},
		{"a quotient of another point", atZero.proofs, atZero.publics, [][][2]bls12377.G1Affine{atZero.openings[0], {{atZero.openings[1][0][0], atZero.openings[0][0][1]}}}, nil},
		// segment 0's A plus the point of order 2, (−1, 0): the pairing
		// maps it to the same value (malleable, the statement unchanged),
		// so only the check that A is in G1 refuses it
		{"a proof point outside G1's prime order", atZero.proofs, atZero.publics, atZero.openings, func(a *twochain.QueryAggregator) {
			a.Proofs[0].Ar = sw_bls12377.NewG1Affine(plusOrderTwo(t, atZero.proofs[0].(*groth16_bls12377.Proof).Ar))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := twochain.QueryAggregatorAssignment(layout, c.proofs, c.publics, c.openings, nil, atZero.digests, 2)
			if err != nil {
				t.Fatal(err)
			}
			if c.alter != nil {
				c.alter(a)
			}
			if err := solve(a); err == nil {
				t.Error("aggregated")
			}
		})
	}
}

// digestOf is twochain.TableDigestOf of row counts and columns.
func digestOf(t testing.TB, rowCounts []int64, columns [][]bls12377.G1Affine) *big.Int {
	t.Helper()
	var rows []*big.Int
	for _, v := range rowCounts {
		rows = append(rows, big.NewInt(v))
	}
	d, _, err := twochain.TableDigestOf(rows, columns)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// BenchmarkSegmentOverBLS12377 proves one segment of Q1 (DESIGN.md's
// workload, 2^16 rows) with gnark's Groth16 prover over BN254 and over
// BLS12-377, the circuit compiled, oriented and scheduled the same way
// over each and the witness the BN254 prover builds re-encoded: what
// moving segments to BLS12-377 costs a proof, measured on the real
// circuit (the two-chain plan's projection took 1.44× from a stand-in).
// It reports prove_s per curve (the solve and the MSMs and FFTs) and the
// constraints.
func BenchmarkSegmentOverBLS12377(b *testing.B) {
	const logN = 16
	d := datagen.ERC20Transfers(1<<logN, 1)
	p, st := setupTable(b, d.Table, d.Cols, logN)
	pl := plan(b, st, datagen.Q1, d.Q1Params()...)
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		b.Run(curve.String(), func(b *testing.B) {
			seg := segmentOver(b, curve, p, pl, circuits.SegmentSize(logN), d.Q1Params(), nil, nil)
			b.ResetTimer()
			for b.Loop() {
				if _, err := seg.prove(seg.w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(seg.cs.GetNbConstraints()), "constraints")
		})
	}
}

// overCurve is one segment's circuit, keys and honest witness over a
// curve, with gnark's prover and verifier for it.
type overCurve struct {
	field *big.Int
	cs    constraint.ConstraintSystem
	// w is the first segment's witness, segments every segment's
	w        *circuits.Query
	segments []*circuits.Query
	prove    func(*circuits.Query) (groth16.Proof, error)
	verify   func(groth16.Proof, *circuits.Query) error
	vk       groth16.VerifyingKey
	// witnesses builds the segments' witnesses of a plan of this shape
	// under other arguments, for these keys
	witnesses func(pl *planner.Plan, args []string) []*circuits.Query
}

// segmentOver readies the segments of pl over curve: the circuit
// compiled over its field, oriented and scheduled as CompileOver does
// (the commitment hint left gnark's), keys from proofsys.SetupGroth16, and
// the witness the BN254 prover p builds for the segment re-encoded in the
// field, then the prover's first pass over the curve — it stops at Z —
// and Y (the columns at Z over the field's domain) and the challenges
// (DeriveChallengeIn) computed from it, for each segment. Both passes prove with
// proverOpts, and verify verifies with verifierOpts (a recursive
// verifier's hash of the BSB22 commitment, say).
func segmentOver(tb testing.TB, curve ecc.ID, p *Prover, pl *planner.Plan, size circuits.Size, args []string, proverOpts []backend.ProverOption, verifierOpts []backend.VerifierOption) *overCurve {
	tb.Helper()
	r := curve.ScalarField()
	if slots, _ := pl.EvaluatedSlots(); slots > 0 {
		tb.Fatal("the query has result slots, whose evaluations segmentOver does not compute")
	}
	cs, err := frontend.Compile(r, r1cs.NewBuilder, circuits.New(pl, size))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := proofsys.OrientFactors(cs); err != nil {
		tb.Fatal(err)
	}
	if _, err := proofsys.ScheduleSolve(cs, solver.GetHintID(circuits.CaptureHint)); err != nil {
		tb.Fatal(err)
	}
	pk, vk, err := proofsys.SetupGroth16(cs)
	if err != nil {
		tb.Fatal(err)
	}
	mask := maskFrom(big.NewInt(987654321))
	o := &overCurve{
		field: r, cs: cs, vk: vk,
		prove: func(w *circuits.Query) (groth16.Proof, error) {
			full, err := frontend.NewWitness(w, r)
			if err != nil {
				return nil, err
			}
			return groth16.Prove(cs, pk, full, append(proverOpts, backend.WithSolverOptions(mask))...)
		},
		verify: func(proof groth16.Proof, w *circuits.Query) error {
			pub, err := frontend.NewWitness(w, r, frontend.PublicOnly())
			if err != nil {
				return err
			}
			return groth16.Verify(proof, vk, pub, verifierOpts...)
		},
	}
	// the witnesses of pl's segments (pl of this shape) under args
	o.witnesses = func(pl *planner.Plan, args []string) []*circuits.Query {
		var ws []*circuits.Query // every segment's, in order (the prover proves one at a time)
		p.alterWitness = func(bn *circuits.Query) { ws = append(ws, reEncodeQuery(tb, bn, r)) }
		defer func() { p.alterWitness = nil }()
		if p.Parallel > 1 {
			tb.Fatal("segmentOver takes the segments' witnesses in order: one at a time")
		}
		if _, _, err := p.Prove(context.Background(), pl, args); err != nil {
			tb.Fatal(err)
		}
		if len(ws) == 0 {
			tb.Fatal("the prover built no witness")
		}
		// first pass: up to Z
		var z *big.Int
		capture := captureZ(&z)
		for _, w := range ws {
			z = nil
			first, err := frontend.NewWitness(w, r)
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := groth16.Prove(cs, pk, first, append(proverOpts, backend.WithSolverOptions(mask, capture))...); err == nil || z == nil {
				tb.Fatalf("the first pass did not stop at Z: %v", err)
			}
			challengeOver(tb, curve, pl, size, w, z)
		}
		return ws
	}
	o.segments = o.witnesses(pl, args)
	o.w = o.segments[0]
	return o
}

// challengeOver completes a segment's witness once its first pass over the
// curve drew z: Z, each column's evaluation Y at z over the curve's domain,
// and the challenges (DeriveChallengeIn).
func challengeOver(tb testing.TB, curve ecc.ID, pl *planner.Plan, size circuits.Size, w *circuits.Query, z *big.Int) {
	tb.Helper()
	r := curve.ScalarField()
	w.Z = z
	cols := make([][]*big.Int, len(w.Y))
	for j := range cols {
		for _, c := range w.Cols[j] {
			cols[j] = append(cols[j], c.(*big.Int))
		}
	}
	var ys []*big.Int
	switch curve {
	case ecc.BN254:
		ys = evaluateOver(size.LogN, cols, z, fr_bn254.BatchInvert, func(n uint64) (fr_bn254.Element, fr_bn254.Element) {
			d := fft_bn254.NewDomain(n, fft_bn254.WithoutPrecompute())
			return d.Generator, d.CardinalityInv
		})
	case ecc.BLS12_377:
		ys = evaluateOver(size.LogN, cols, z, fr_bls12377.BatchInvert, func(n uint64) (fr_bls12377.Element, fr_bls12377.Element) {
			d := fft_bls12377.NewDomain(n, fft_bls12377.WithoutPrecompute())
			return d.Generator, d.CardinalityInv
		})
	default:
		tb.Fatalf("no evaluation over %s", curve)
	}
	for j, y := range ys {
		w.Y[j] = y
	}
	for j, name := range circuits.ChallengeNames(pl, size.Lookup) {
		var err error
		if w.Challenges[j], err = circuits.DeriveChallengeIn(r, z, name); err != nil {
			tb.Fatal(err)
		}
	}
}

// fieldElement is the part of gnark-crypto's fr.Element evaluateOver needs.
type fieldElement[E any] interface {
	*E
	SetBigInt(*big.Int) *E
	BigInt(*big.Int) *big.Int
	Mul(a, b *E) *E
	Add(a, b *E) *E
	Sub(a, b *E) *E
	Exp(x E, k *big.Int) *E
	SetOne() *E
}

// evaluateOver returns each column's evaluation at z over the FFT domain
// of 2^logN points of a field (its domain's generator and 1/n from
// domain): Σ_i col[i]·L_i(z).
func evaluateOver[E any, PE fieldElement[E]](logN int, cols [][]*big.Int, z *big.Int, batchInvert func([]E) []E, domain func(n uint64) (E, E)) []*big.Int {
	n := 1 << logN
	omega, invN := domain(uint64(n))
	var ze E
	PE(&ze).SetBigInt(z)
	weights := lagrange.At[E, PE](n, n, omega, invN, ze, batchInvert)
	out := make([]*big.Int, len(cols))
	for j, col := range cols {
		var y, v E
		for i, c := range col {
			PE(&v).SetBigInt(c)
			PE(&v).Mul(&v, &weights[i])
			PE(&y).Add(&y, &v)
		}
		out[j] = PE(&y).BigInt(new(big.Int))
	}
	return out
}

// reEncodeQuery is encodeQueryIn from BN254's field, failing the test on
// an error.
func reEncodeQuery(t testing.TB, w *circuits.Query, p *big.Int) *circuits.Query {
	t.Helper()
	return encodeIn(t, w, ecc.BN254.ScalarField(), p)
}

// copyQuery is a copy of w, a witness over the field of modulus p.
func copyQuery(t testing.TB, w *circuits.Query, p *big.Int) *circuits.Query {
	t.Helper()
	return encodeIn(t, w, p, p)
}

func encodeIn(t testing.TB, w *circuits.Query, from, p *big.Int) *circuits.Query {
	t.Helper()
	out, err := encodeQueryIn(w, from, p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// BenchmarkQueryOneCheck runs the prover's one-check path end to end on
// a real query (ProveOneCheck): two segments proven over BLS12-377, the
// query aggregator over them proven over BW6-761 (its result: COUNT, SUM,
// MIN and MAX, its segments' columns checked against their KZG
// commitments, the digest of parameters, row counts and commitments), the wide BN254
// wrapper over it (compiled, oriented, set up by proofsys.SetupBN254,
// proven for gnark's exported Solidity verifier). VerifyOneCheck accepts
// it under the key cache's verifying key (OneCheckVerifyingKey, the same
// the proof names) against the posted table, and refuses it for another
// parameter and with a SUM one higher; the Solidity verifier on a simulated chain
// accepts it and refuses the COUNT one higher. A second proof of the same
// shape reuses every key. It reports each layer's constraints and times,
// and the check's gas.
//
//	go test ./prover -run '^$' -bench QueryOneCheck -benchtime 1x -timeout 30m
func BenchmarkQueryOneCheck(b *testing.B) {
	vals := mixedValues(16) // two segments of 8 rows
	p, st := setup(b, vals)
	const text = "SELECT COUNT(*), SUM(a), MIN(a), MAX(a) FROM t WHERE a > $1"
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		b.Fatal(err)
	}
	posted, err := p.TwoChainTable("t", srs)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		pl := plan(b, st, text, "0")
		oc, err := p.ProveOneCheck(ctx, pl, []string{"0"}, srs)
		if err != nil {
			b.Fatal(err)
		}
		trusted, err := p.OneCheckVerifyingKey(pl, srs) // the key cache's, not the proof's
		if err != nil {
			b.Fatal(err)
		}
		if !bytes.Equal(trusted, oc.VerifyingKey) {
			b.Fatal("the proof names another key than the cache's")
		}
		rows, err := VerifyOneCheck(oc, pl, posted, trusted)
		if err != nil {
			b.Fatal(err)
		}
		rc, _, err := p.Prove(ctx, plan(b, st, text, "0"), []string{"0"})
		if err != nil {
			b.Fatal(err)
		}
		if !reflect.DeepEqual(rows, rc.Rows) {
			b.Fatalf("one-check result %v, the direct path's %v", rows, rc.Rows)
		}
		if _, err := VerifyOneCheck(oc, plan(b, st, text, "1"), posted, trusted); err == nil {
			b.Fatal("the proof verified for another parameter")
		}
		bad := *oc // the SUM one higher, its outputs with it
		bad.Sums = []*big.Int{oc.Sums[0], new(big.Int).Add(oc.Sums[1], big.NewInt(1))}
		bad.Outputs = slices.Clone(oc.Outputs)
		bad.Outputs[2] = new(big.Int).Add(bad.Outputs[2], big.NewInt(1))
		if bad.Rows, err = oneCheckRows(pl, bad.Sums, oc.Extremes); err != nil {
			b.Fatal(err)
		}
		if _, err := VerifyOneCheck(&bad, pl, posted, trusted); err == nil || !strings.Contains(err.Error(), "proof") {
			b.Fatalf("a SUM one higher: %v", err)
		}
		vk := groth16.NewVerifyingKey(ecc.BN254)
		if _, err := vk.ReadFrom(bytes.NewReader(oc.VerifyingKey)); err != nil {
			b.Fatal(err)
		}
		proof := groth16.NewProof(ecc.BN254)
		if _, err := proof.ReadFrom(bytes.NewReader(oc.Proof)); err != nil {
			b.Fatal(err)
		}
		refuse := slices.Clone(oc.Outputs) // the COUNT (output 0, low part) one higher
		refuse[0] = new(big.Int).Add(refuse[0], big.NewInt(1))
		gas, err := contracts.Groth16VerifierGas("../contracts", vk, proof, []*big.Int{outputDigest(b, oc.Outputs)}, []*big.Int{outputDigest(b, refuse)})
		if err != nil {
			b.Fatal(err)
		}
		again, err := p.ProveOneCheck(ctx, plan(b, st, text, "2"), []string{"2"}, srs)
		if err != nil {
			b.Fatal(err)
		}
		if again.Timings.WrapperSetup != 0 || again.Timings.AggregatorSetup != 0 || again.Timings.SegmentSetup != 0 {
			b.Fatal("a second proof of the shape set keys up again")
		}
		// the layers' proving keys, as a profile reads them: one per curve
		seg, agg, wrap, err := p.OneCheckProvingKeys(pl, srs, 0)
		if err != nil {
			b.Fatal(err)
		}
		for i, c := range []struct {
			pk    groth16.ProvingKey
			curve ecc.ID
		}{{seg, ecc.BLS12_377}, {agg, ecc.BW6_761}, {wrap, ecc.BN254}} {
			if c.pk.CurveID() != c.curve {
				b.Fatalf("one-check layer %d's proving key is over %v, want %v", i, c.pk.CurveID(), c.curve)
			}
		}
		tm := oc.Timings
		b.ReportMetric(tm.SegmentSetup.Seconds(), "segment_setup_s")
		b.ReportMetric(tm.Segments.Seconds(), "segments_prove_s")
		b.ReportMetric(float64(tm.AggregatorConstraints), "aggregator_constraints")
		b.ReportMetric(tm.AggregatorSetup.Seconds(), "aggregator_setup_s")
		b.ReportMetric(tm.AggregatorProve.Seconds(), "aggregator_prove_s")
		b.ReportMetric(float64(tm.WrapperConstraints), "wrapper_constraints")
		b.ReportMetric(tm.WrapperSetup.Seconds(), "wrapper_setup_s")
		b.ReportMetric(tm.WrapperProve.Seconds(), "wrapper_prove_s")
		b.ReportMetric(again.Timings.Segments.Seconds()+again.Timings.AggregatorProve.Seconds()+again.Timings.WrapperProve.Seconds(), "second_prove_s")
		b.ReportMetric(float64(len(oc.Outputs)), "outputs")
		b.ReportMetric(float64(gas), "verify_gas")
	}
}

// BenchmarkQueryAggregatorSegments compiles the query aggregator of
// newQueryFixture's query over 1, 2, 4, 8 and 16 segments
// (CompileAggregator) and reports its constraints, total and per segment:
// what a segment costs the one proof the wrapper verifies.
func BenchmarkQueryAggregatorSegments(b *testing.B) {
	q := newQueryFixture(b)
	for _, k := range []int{1, 2, 4, 8, 16} {
		b.Run(fmt.Sprintf("segments=%d", k), func(b *testing.B) {
			var n int
			for b.Loop() {
				shape, err := twochain.QueryAggregatorShape(q.cs, q.vk, k, q.layout, q.kzg)
				if err != nil {
					b.Fatal(err)
				}
				cs, err := twochain.CompileAggregator(shape)
				if err != nil {
					b.Fatal(err)
				}
				n = cs.GetNbConstraints()
			}
			b.ReportMetric(float64(n), "constraints")
			b.ReportMetric(float64(n)/float64(k), "constraints/segment")
		})
	}
}

// outputDigest is twochain.OutputDigest of outs: a wrapper's one public
// input.
func outputDigest(tb testing.TB, outs []*big.Int) *big.Int {
	tb.Helper()
	d, err := twochain.OutputDigest(outs)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// plusOrderTwo is p + (−1, 0), (−1, 0) being BLS12-377's point of order
// two (y² = x³ + 1): on the curve, outside G1's prime order.
func plusOrderTwo(t *testing.T, p bls12377.G1Affine) bls12377.G1Affine {
	t.Helper()
	var two bls12377.G1Affine
	two.X.SetOne()
	two.X.Neg(&two.X)
	if !two.IsOnCurve() || two.IsInSubGroup() {
		t.Fatal("(−1, 0) is not a point of order two on the curve")
	}
	var sum bls12377.G1Jac
	sum.FromAffine(&p)
	var tj bls12377.G1Jac
	tj.FromAffine(&two)
	sum.AddAssign(&tj)
	var out bls12377.G1Affine
	out.FromJacobian(&sum)
	if !out.IsOnCurve() || out.IsInSubGroup() {
		t.Fatal("p + (−1, 0) is not on the curve outside G1")
	}
	return out
}
