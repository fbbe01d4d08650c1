package prover

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// TestProveTwoChain: the prover proves a query's two segments over
// BLS12-377 itself (ProveTwoChain): its result is the direct path's, each
// proof verifies as the aggregator verifies it, each column's opening
// verifies against the column as the store holds it, and the query
// aggregator over them is satisfied with the query's COUNT and SUM. A
// prover that changes one row of the witness, or a result, makes no proof.
func TestProveTwoChain(t *testing.T) {
	vals := mixedValues(16)
	p, st, srs := twoSegments(t, vals)
	const text = sumQuery
	pl := plan(t, st, text, "0")
	ctx := context.Background()
	// the segments prove on the Backend where it is a CurveProver (a GPU's)
	counting := &curveCounting{Groth16: proofsys.Groth16{}}
	p.Backend = counting
	got, err := p.ProveTwoChain(ctx, pl, []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	if n := counting.proofs[ecc.BLS12_377.ScalarField().String()]; n != 2 || len(counting.proofs) != 1 {
		t.Fatalf("the backend proved %v, want the two segments over BLS12-377", counting.proofs)
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
	a, err := aggregatorOver(t, got, srs)(got)
	if err != nil {
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
		{"SELECT a, COUNT(*) FROM t GROUP BY a", "GROUP BY"},
		{"SELECT a FROM t WHERE a > 1", "row results"},
	} {
		t.Run(c.query, func(t *testing.T) {
			_, err := p.ProveTwoChain(context.Background(), plan(t, st, c.query), nil, srs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
			// nor are its one-check keys set up for a profile
			if _, _, _, err := p.OneCheckProvingKeys(plan(t, st, c.query), srs, 0); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("its one-check proving keys: %v, want an error naming %q", err, c.want)
			}
		})
	}
	// a supported query's keys in a slot count that is no power of two
	if _, _, _, err := p.OneCheckProvingKeys(plan(t, st, sumQuery, "0"), srs, 3); err == nil || !strings.Contains(err.Error(), "aggregator of 3 slots") {
		t.Fatalf("one-check proving keys in 3 slots: %v", err)
	}
}

// TestOneCheckStatement: the table digest the aggregator exposes over
// the prover's segments is the posted table's (TwoChainTable.Digest),
// every column's included — the query reads a, not b — and its parameter
// outputs are the plan's. VerifyOneCheck refuses the claim for another
// parameter, and for the table with one row of a or of b changed or with
// a row more, before it looks at the proof.
func TestOneCheckStatement(t *testing.T) {
	vals := mixedValues(16)
	table := func(vals []int64, bump int) (*Prover, *store.Store) {
		tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigInt}}}
		cols := make([][]fr.Element, 2)
		for i, v := range vals {
			b := int64(7 * i)
			if i == bump {
				b++
			}
			cols[0], cols[1] = append(cols[0], schema.Encode(big.NewInt(v))), append(cols[1], schema.Encode(big.NewInt(b)))
		}
		return setupTable(t, tbl, cols, 3)
	}
	p, st := table(vals, -1)
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	const text = sumQuery
	pl := plan(t, st, text, "0")
	segs, err := p.ProveTwoChain(context.Background(), pl, []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	a, err := segs.Assignment()
	if err != nil {
		t.Fatal(err)
	}
	claimed := a.TableDigest.(*big.Int)
	posted, err := p.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	params, want, err := OneCheckStatement(pl, posted)
	if err != nil {
		t.Fatal(err)
	}
	if claimed.Cmp(want) != 0 {
		t.Fatal("the aggregator's table digest is not the one computed from the posted table")
	}
	if len(params) != 1 || params[0].Sign() != 0 || a.ParamValues[0].(*big.Int).Sign() != 0 {
		t.Fatalf("parameters %v, the aggregator's %v; want [0]", params, a.ParamValues)
	}
	changed := append([]int64(nil), vals...)
	changed[11] += 5 // one row of segment 1
	pc, _ := table(changed, -1)
	oneRow, err := pc.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := table(vals, 11)
	unread, err := pb.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := table(append(append([]int64(nil), vals...), 3), -1)
	rowMore, err := pr.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	sums := []*big.Int{a.Sums[0].(*big.Int), a.Sums[1].(*big.Int)}
	outputs, err := oneCheckOutputs(pl, sums, nil, params, claimed)
	if err != nil {
		t.Fatal(err)
	}
	oc := &OneCheck{TableDigest: claimed, Sums: sums, Outputs: outputs}
	for _, c := range []struct {
		name  string
		plan  string
		table *TwoChainTable
		want  string
	}{
		{"another parameter", "1", posted, "output 4 is not"}, // the sums' 4 outputs, then the parameter
		{"one row changed", "0", oneRow, "other rows, row counts or columns"},
		{"one row of an unread column changed", "0", unread, "other rows, row counts or columns"},
		{"a row more", "0", rowMore, "other rows, row counts or columns"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err = VerifyOneCheck(oc, plan(t, st, text, c.plan), c.table, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("VerifyOneCheck: %v, want an error naming %q", err, c.want)
			}
		})
	}
}

// TestTwoChainWindow: a range condition on a SORTED column is proven as a
// window over BLS12-377 too, its ends' values opened by the aggregator at
// the window's row points from the column's commitment — packed into one
// input or not, one bound or two, the column read elsewhere or not. The
// result is the direct path's, the aggregator is satisfied, and its
// digest is the one computed from the posted table. A prover that starts
// a window one row late and claims the value before it is below the bound
// (which satisfies the segment circuit, COUNT and SUM recomputed for the
// lie) is refused by the aggregator.
func TestTwoChainWindow(t *testing.T) {
	a := mixedValues(16)
	for _, c := range []struct {
		name  string
		typ   schema.Type
		query string
		args  []string
		lie   bool
	}{
		{"BIGINT BETWEEN, unpacked", schema.BigInt, "SELECT COUNT(*), SUM(a) FROM t WHERE b BETWEEN $1 AND $2", []string{"-4", "20"}, true},
		{"BIGINT from a bound, packed", schema.BigInt, "SELECT COUNT(*), SUM(a) FROM t WHERE b >= $1", []string{"-4"}, false},
		{"INT UNSIGNED BETWEEN, packed, the column summed", schema.IntUnsigned, "SELECT COUNT(*), SUM(b) FROM t WHERE b BETWEEN $1 AND $2", []string{"7", "40"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: c.typ, Sorted: true}}}
			cols := make([][]fr.Element, 2)
			for i, v := range a {
				b := int64(3*i - 10)
				if c.typ == schema.IntUnsigned {
					b = int64(3*i + 1)
				}
				cols[0] = append(cols[0], schema.Encode(big.NewInt(v)))
				cols[1] = append(cols[1], schema.Encode(big.NewInt(b)))
			}
			p, st := setupTable(t, tbl, cols, 3)
			srs, err := kzg377.NewUnsafeSRS(16)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			pl := plan(t, st, c.query, c.args...)
			if pl.Window == nil {
				t.Fatal("no window plan")
			}
			segs, err := p.ProveTwoChain(ctx, pl, c.args, srs)
			if err != nil {
				t.Fatal(err)
			}
			rc, _, err := p.Prove(ctx, plan(t, st, c.query, c.args...), c.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(segs.Rows, rc.Rows) {
				t.Fatalf("two-chain result %v, the direct path's %v", segs.Rows, rc.Rows)
			}
			solve := aggregatorOver(t, segs, srs)
			honest, err := solve(segs)
			if err != nil {
				t.Fatalf("the aggregator refused the honest segments: %v", err)
			}
			posted, err := p.TwoChainTable("t", srs)
			if err != nil {
				t.Fatal(err)
			}
			if _, want, err := OneCheckStatement(pl, posted); err != nil || want.Cmp(honest.TableDigest.(*big.Int)) != 0 {
				t.Fatalf("the digest is not the posted table's (%v)", err)
			}
			if !c.lie {
				return
			}
			// segment 0: b = −10, −7, −4, −1, 2, …; honest window from row
			// 2 (b = −4); the lie starts it at row 3 and claims b[2] = −5
			once := func(f func()) func() {
				done := false
				return func() {
					if !done {
						done = true
						f()
					}
				}
			}
			var win *[2]int
			var ends []*big.Int
			var res *segmentResult
			lieWindow := once(func() { win[0] = 3 })
			lieEnds := once(func() { ends[1] = new(big.Int).Mod(big.NewInt(-5), fr.Modulus()) })
			lieResult := once(func() { // rows 3 … 7: a = 1, 2, 3, 4, −2
				res.partials = []*big.Int{big.NewInt(5), big.NewInt(8)}
			})
			p.alterWindow = func(w *[2]int) { win = w; lieWindow() }
			p.alterWindowEnds = func(e []*big.Int) { ends = e; lieEnds() }
			p.alterResult = func(r *segmentResult) { res = r; lieResult() }
			defer func() { p.alterWindow, p.alterWindowEnds, p.alterResult = nil, nil, nil }()
			lying, err := p.ProveTwoChain(ctx, pl, c.args, srs)
			if err != nil {
				t.Fatalf("the lie should satisfy the segment circuit: %v", err)
			}
			if _, err := solve(lying); err == nil {
				t.Fatal("a window value that is not the column's was aggregated")
			}
		})
	}
}

// TestTwoChainConstantColumns: a segment whose columns are constant (full
// segments of one value, the sorted one too) has commitments C = [v]G and
// zero quotients, which put the identity point into the openings' sums:
// the aggregator still takes the honest segments.
func TestTwoChainConstantColumns(t *testing.T) {
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigInt, Sorted: true}}}
	cols := make([][]fr.Element, 2)
	for range 16 {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(5)))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(7)))
	}
	p, st := setupTable(t, tbl, cols, 3)
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	const text = "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1 AND b >= $2"
	args := []string{"0", "7"}
	segs, err := p.ProveTwoChain(context.Background(), plan(t, st, text, args...), args, srs)
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"16", "80"}}; !reflect.DeepEqual(segs.Rows, want) {
		t.Fatalf("result %v, want %v", segs.Rows, want)
	}
	if _, err := aggregatorOver(t, segs, srs)(segs); err != nil {
		t.Fatalf("the aggregator refused constant columns: %v", err)
	}
}

// TestTwoChainKeysCached: a second key store over the same directory
// reads the BLS12-377 segment circuit and keys the first set up (no setup,
// the same verifying key) and proves with them; an entry whose proving key
// was changed on disk is set up again, and says so.
func TestTwoChainKeysCached(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(16))
	const text = sumQuery
	ctx := context.Background()
	first, err := p.ProveTwoChain(ctx, plan(t, st, text, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	if first.Setup == 0 {
		t.Fatal("the first run set nothing up")
	}
	var events []string
	again := func() *TwoChainSegments {
		t.Helper()
		q := *p
		q.Keys = NewKeyStore(p.Keys.dir, p.Backend, func(e Event) { events = append(events, e.Stage+": "+e.Detail) })
		segs, err := q.ProveTwoChain(ctx, plan(t, st, text, "1"), []string{"1"}, srs)
		if err != nil {
			t.Fatal(err)
		}
		a, err := segs.Assignment()
		if err != nil {
			t.Fatal(err)
		}
		if a.Sums[0].(*big.Int).Int64() == 0 {
			t.Fatal("no row counted")
		}
		return segs
	}
	second := again()
	if second.Setup != 0 {
		t.Fatalf("the second key store set up again (%v): %v", second.Setup, events)
	}
	var a, b bytes.Buffer
	first.VK.WriteTo(&a)
	second.VK.WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("another verifying key read back")
	}
	// the proving key changed on disk: its hash no longer matches
	dirs, err := filepath.Glob(filepath.Join(p.Keys.dir, "twochain", "segment-*", "pk.dump"))
	if err != nil || len(dirs) != 1 {
		t.Fatalf("cache entries %v (%v)", dirs, err)
	}
	pk, err := os.ReadFile(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	pk[len(pk)/2] ^= 1
	if err := os.WriteFile(dirs[0], pk, 0o644); err != nil {
		t.Fatal(err)
	}
	events = nil
	if third := again(); third.Setup == 0 {
		t.Fatal("a corrupt entry was used")
	}
	if !strings.Contains(strings.Join(events, "\n"), "SHA-256 mismatch") {
		t.Fatalf("the corrupt entry was not reported: %v", events)
	}
}

// TestTwoChainSetupReportsToTheCall: the segment circuit's setup is
// reported to the call's progress where it has one (a server's job shows
// its minutes of setup), else to the key store's.
func TestTwoChainSetupReportsToTheCall(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(16))
	var mu sync.Mutex
	var store, call []string
	record := func(to *[]string) func(Event) {
		return func(e Event) { mu.Lock(); *to = append(*to, e.Stage+": "+e.Detail); mu.Unlock() }
	}
	for _, c := range []struct {
		name         string
		callProgress bool
	}{{"with the call's progress", true}, {"without", false}} {
		t.Run(c.name, func(t *testing.T) {
			store, call = nil, nil
			q := *p
			q.Keys = NewKeyStore(t.TempDir(), p.Backend, record(&store))
			q.Progress = nil
			if c.callProgress {
				q.Progress = record(&call)
			}
			if _, err := q.ProveTwoChain(context.Background(), plan(t, st, sumQuery, "0"), []string{"0"}, srs); err != nil {
				t.Fatal(err)
			}
			setup := func(events []string) bool {
				return slices.ContainsFunc(events, func(e string) bool { return strings.HasPrefix(e, "setup: two-chain segment circuit") })
			}
			if setup(call) != c.callProgress || setup(store) == c.callProgress {
				t.Fatalf("the call saw %q, the key store %q", call, store)
			}
		})
	}
}

// aggregatorOver compiles the query aggregator over segs' circuit and
// segment count, and returns what assigns it other segments of that shape
// (TwoChainSegments.Assignment), changed by alter where given, and says
// whether they satisfy it.
func aggregatorOver(t *testing.T, segs *TwoChainSegments, srs *kzg377.SRS) func(*TwoChainSegments, ...func(*twochain.QueryAggregator)) (*twochain.QueryAggregator, error) {
	t.Helper()
	agg := compileAggregatorFor(t, segs, srs)
	return func(segs *TwoChainSegments, alter ...func(*twochain.QueryAggregator)) (*twochain.QueryAggregator, error) {
		a, err := segs.Assignment()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range alter {
			f(a)
		}
		return a, solvedBy(t, agg, a)
	}
}

// compileAggregatorFor compiles the query aggregator of segs' shape with
// the slots of their count (twochain.Slots).
func compileAggregatorFor(t *testing.T, segs *TwoChainSegments, srs *kzg377.SRS) constraint.ConstraintSystem {
	t.Helper()
	slots := twochain.Slots(len(segs.Proofs))
	shape, err := twochain.QueryAggregatorShape(segs.CS, segs.VK, slots, segs.Layout, KZGKey(srs))
	if err != nil {
		t.Fatal(err)
	}
	agg, err := twochain.CompileAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("aggregator of %d slots over %d segments: %d constraints", slots, len(segs.Proofs), agg.GetNbConstraints())
	return agg
}

// solvedBy says whether the assignment a satisfies the aggregator agg.
func solvedBy(t *testing.T, agg constraint.ConstraintSystem, a *twochain.QueryAggregator) error {
	t.Helper()
	full, err := frontend.NewWitness(a, ecc.BW6_761.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	return agg.IsSolved(full)
}

// TestTwoChainSlots: three segments aggregate in four slots, the fourth a
// copy of the first, inactive, with the direct path's result and the
// posted table's digest; a padding slot holding a segment of another
// table (its own proof and openings, a smaller MIN) changes nothing. The
// other table's segment counted as a fourth, a segment left out (each
// with the outputs to match and the posted digest), and the last segment
// moved past an inactive slot are refused.
func TestTwoChainSlots(t *testing.T) {
	vals := make([]int64, 20) // segments of 8, 8 and 4 rows: −10, −7, … 47
	for i := range vals {
		vals[i] = int64(3*i - 10)
	}
	p, st, srs := twoSegments(t, vals)
	const text = "SELECT COUNT(*), SUM(a), MIN(a), MAX(a) FROM t WHERE a > $1"
	args := []string{"-50"}
	ctx := context.Background()
	pl := plan(t, st, text, args...)
	segs, err := p.ProveTwoChain(ctx, pl, args, srs)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs.Proofs) != 3 {
		t.Fatalf("%d segments, want 3", len(segs.Proofs))
	}
	rc, _, err := p.Prove(ctx, plan(t, st, text, args...), args)
	if err != nil {
		t.Fatal(err)
	}
	// another table of the same shape: −40 … −33, proven with the same keys
	other, otherStore := setup(t, []int64{-40, -39, -38, -37, -36, -35, -34, -33})
	other.Keys = p.Keys
	otherSegs, err := other.ProveTwoChain(ctx, plan(t, otherStore, text, args...), args, srs)
	if err != nil {
		t.Fatal(err)
	}
	agg := compileAggregatorFor(t, segs, srs)
	honest, err := segs.Assignment()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(honest.Active) != "[1 1 1 0]" {
		t.Fatalf("active slots %v, want [1 1 1 0]", honest.Active)
	}
	if err := solvedBy(t, agg, honest); err != nil {
		t.Fatalf("the aggregator refused the honest segments: %v", err)
	}
	checkOneCheckOutputs(t, pl, segs, honest, rc.Rows)
	_, posted, err := OneCheckStatement(pl, segs.Table)
	if err != nil {
		t.Fatal(err)
	}
	// an assignment over other segments in four slots, claiming the posted digest
	over := func(proofs []groth16.Proof, publics []witness.Witness, openings [][][2]bls12377.G1Affine) *twochain.QueryAggregator {
		_, digests, err := segs.Table.Digest()
		if err != nil {
			t.Fatal(err)
		}
		a, err := twochain.QueryAggregatorAssignment(segs.Layout, proofs, publics, openings, nil, digests, 4)
		if err != nil {
			t.Fatal(err)
		}
		if a.TableDigest.(*big.Int).Cmp(posted) == 0 {
			t.Fatal("other segments, the posted digest")
		}
		a.TableDigest = posted
		return a
	}
	otherPoints := otherSegs.OpeningPoints()
	padded := *honest
	padded.Proofs = slices.Clone(honest.Proofs)
	padded.Rest = slices.Clone(honest.Rest)
	padded.Columns, padded.Quotients = slices.Clone(honest.Columns), slices.Clone(honest.Quotients)
	otherAssign, err := otherSegs.Assignment()
	if err != nil {
		t.Fatal(err)
	}
	padded.Proofs[3], padded.Rest[3] = otherAssign.Proofs[0], otherAssign.Rest[0]
	padded.Columns[3], padded.Quotients[3] = otherAssign.Columns[0], otherAssign.Quotients[0]
	if err := solvedBy(t, agg, &padded); err != nil {
		t.Fatalf("another table's segment in a padding slot changed the aggregation: %v", err)
	}
	gap := *honest
	gap.Proofs = []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]{honest.Proofs[0], honest.Proofs[1], honest.Proofs[0], honest.Proofs[2]}
	gap.Rest = [][]emulated.Element[sw_bls12377.ScalarField]{honest.Rest[0], honest.Rest[1], honest.Rest[0], honest.Rest[2]}
	gap.Columns = [][]sw_bls12377.G1Affine{honest.Columns[0], honest.Columns[1], honest.Columns[0], honest.Columns[2]}
	gap.Quotients = [][]sw_bls12377.G1Affine{honest.Quotients[0], honest.Quotients[1], honest.Quotients[0], honest.Quotients[2]}
	gap.Active = []frontend.Variable{1, 1, 0, 1}
	for _, c := range []struct {
		name string
		a    *twochain.QueryAggregator
	}{
		{"the other table's segment counted", over(append(slices.Clone(segs.Proofs), otherSegs.Proofs[0]), append(slices.Clone(segs.Publics), otherSegs.Publics[0]), append(segs.OpeningPoints(), otherPoints[0]))},
		{"a segment left out", over(segs.Proofs[:2], segs.Publics[:2], segs.OpeningPoints()[:2])},
		{"the last segment after an inactive slot", &gap},
	} {
		if err := solvedBy(t, agg, c.a); err == nil {
			t.Errorf("%s: aggregated", c.name)
		}
	}
}

// TestTwoChainExtremes: MIN and MAX over two segments proven over
// BLS12-377 are the aggregator's outputs — the least and greatest of the
// segments that count a row, negative values included — and the result
// the direct path's; a segment whose rows all fail the condition (count
// zero) does not take part. A MIN or MAX claimed otherwise is refused.
func TestTwoChainExtremes(t *testing.T) {
	// segment 0: −7 … 0; segment 1: 1 … 8 (a > 0 leaves segment 0 empty)
	vals := make([]int64, 16)
	for i := range vals {
		vals[i] = int64(i - 7)
	}
	p, st, srs := twoSegments(t, vals)
	ctx := context.Background()
	var solve func(*TwoChainSegments, ...func(*twochain.QueryAggregator)) (*twochain.QueryAggregator, error)
	for _, c := range []struct {
		args     []string
		min, max int64
	}{
		{[]string{"-5"}, -4, 8},
		{[]string{"0"}, 1, 8}, // segment 0 counts nothing
	} {
		t.Run("a > "+c.args[0], func(t *testing.T) {
			const text = "SELECT COUNT(*), MIN(a), MAX(a), SUM(a) FROM t WHERE a > $1"
			pl := plan(t, st, text, c.args...)
			segs, err := p.ProveTwoChain(ctx, pl, c.args, srs)
			if err != nil {
				t.Fatal(err)
			}
			rc, _, err := p.Prove(ctx, plan(t, st, text, c.args...), c.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(segs.Rows, rc.Rows) {
				t.Fatalf("two-chain result %v, the direct path's %v", segs.Rows, rc.Rows)
			}
			if solve == nil { // one shape, one aggregator
				solve = aggregatorOver(t, segs, srs)
			}
			a, err := solve(segs)
			if err != nil {
				t.Fatalf("the aggregator refused the honest segments: %v", err)
			}
			gotMin := twochain.ExtremeValue(a.Extremes[0].(*big.Int), false)
			gotMax := twochain.ExtremeValue(a.Extremes[1].(*big.Int), true)
			if gotMin.Int64() != c.min || gotMax.Int64() != c.max {
				t.Fatalf("aggregated MIN %v, MAX %v; want %d and %d", gotMin, gotMax, c.min, c.max)
			}
			checkOneCheckOutputs(t, pl, segs, a, rc.Rows)
			for k, alter := range []func(a *twochain.QueryAggregator){
				func(a *twochain.QueryAggregator) {
					a.Extremes[0] = new(big.Int).Sub(a.Extremes[0].(*big.Int), big.NewInt(1))
				},
				func(a *twochain.QueryAggregator) {
					a.Extremes[1] = new(big.Int).Add(a.Extremes[1].(*big.Int), big.NewInt(1))
				},
			} {
				if _, err := solve(segs, alter); err == nil {
					t.Errorf("extreme %d claimed otherwise was aggregated", k)
				}
			}
		})
	}
}

// checkOneCheckOutputs checks an honest aggregation a of segs: the rows
// read from its outputs are want (the direct path's), and what
// VerifyOneCheck expects the wrapper to expose is what it exposes of a.
func checkOneCheckOutputs(t *testing.T, pl *planner.Plan, segs *TwoChainSegments, a *twochain.QueryAggregator, want [][]string) {
	t.Helper()
	var sums, extremes []*big.Int
	for _, v := range a.Sums {
		sums = append(sums, v.(*big.Int))
	}
	for _, v := range a.Extremes {
		extremes = append(extremes, v.(*big.Int))
	}
	rows, err := oneCheckRows(pl, sums, extremes)
	if err != nil || !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows read from the outputs %v (%v), want %v", rows, err, want)
	}
	pub, err := frontend.NewWitness(a, ecc.BW6_761.ScalarField(), frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	exposed, err := twochain.WrapperOutputs(pub, segs.Layout.OutputWidths())
	if err != nil {
		t.Fatal(err)
	}
	params, digest, err := OneCheckStatement(pl, segs.Table)
	if err != nil {
		t.Fatal(err)
	}
	expected, err := oneCheckOutputs(pl, sums, extremes, params, digest)
	if err != nil || !reflect.DeepEqual(exposed, expected) {
		t.Fatalf("the wrapper exposes %v, VerifyOneCheck expects %v (%v)", exposed, expected, err)
	}
}

// TestTwoChainUint256Extremes: MIN and MAX of a UINT256 column (two
// 128-bit limbs a segment) over two segments are one aggregator output
// each, the value itself — past BLS12-377's r, up to 2^256 − 1 — over the
// segments that count a row (0 where none does), and the result the direct
// path's. A MIN or MAX claimed one off is refused, as is a value where no
// row counts.
func TestTwoChainUint256Extremes(t *testing.T) {
	tbl := &schema.Table{Name: "u", Columns: schema.WithLimbs([]schema.Column{{Name: "v", Type: schema.Uint256}, {Name: "a", Type: schema.BigInt}})}
	top := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	cols := make([][]fr.Element, 3)
	for i := range 16 {
		v := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(int64(16-i)), 251), big.NewInt(int64(i))) // descending, past r
		switch i {
		case 5:
			v = top // the greatest UINT256, in segment 0
		case 12:
			v = big.NewInt(3) // the least, in segment 1
		}
		lo, hi := schema.SplitUint256(v)
		cols[0], cols[1], cols[2] = append(cols[0], schema.Encode(lo)), append(cols[1], schema.Encode(hi)), append(cols[2], schema.Encode(big.NewInt(int64(i))))
	}
	p, st := setupTable(t, tbl, cols, 3)
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var solve func(*TwoChainSegments, ...func(*twochain.QueryAggregator)) (*twochain.QueryAggregator, error)
	for _, c := range []struct {
		arg      string
		min, max *big.Int // the aggregator's outputs
	}{
		{"-1", big.NewInt(3), top},
		{"9", big.NewInt(3), new(big.Int).Add(new(big.Int).Lsh(big.NewInt(6), 251), big.NewInt(10))}, // segment 0 counts nothing
		{"12", new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 251), big.NewInt(15)), new(big.Int).Add(new(big.Int).Lsh(big.NewInt(3), 251), big.NewInt(13))},
		{"100", new(big.Int), new(big.Int)}, // no row: NULL, outputs 0
	} {
		t.Run("a > "+c.arg, func(t *testing.T) {
			const text = "SELECT COUNT(*), MIN(v), MAX(v) FROM u WHERE a > $1"
			pl := plan(t, st, text, c.arg)
			segs, err := p.ProveTwoChain(ctx, pl, []string{c.arg}, srs)
			if err != nil {
				t.Fatal(err)
			}
			rc, _, err := p.Prove(ctx, plan(t, st, text, c.arg), []string{c.arg})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(segs.Rows, rc.Rows) {
				t.Fatalf("two-chain result %v, the direct path's %v", segs.Rows, rc.Rows)
			}
			if ws := segs.Layout.OutputWidths(); len(segs.Layout.Extremes) != 2 || ws[1] != twochain.Wide || ws[2] != twochain.Wide {
				t.Fatalf("layout extremes %+v, widths %v", segs.Layout.Extremes, ws)
			}
			if solve == nil {
				solve = aggregatorOver(t, segs, srs)
			}
			a, err := solve(segs)
			if err != nil {
				t.Fatalf("the aggregator refused the honest segments: %v", err)
			}
			extremes := []*big.Int{a.Extremes[0].(*big.Int), a.Extremes[1].(*big.Int)}
			if extremes[0].Cmp(c.min) != 0 || extremes[1].Cmp(c.max) != 0 {
				t.Fatalf("aggregated MIN %v, MAX %v; want %v and %v", extremes[0], extremes[1], c.min, c.max)
			}
			checkOneCheckOutputs(t, pl, segs, a, rc.Rows)
			for _, d := range []int64{-1, 1} {
				for j := range 2 {
					if _, err := solve(segs, func(a *twochain.QueryAggregator) {
						a.Extremes[j] = new(big.Int).Add(a.Extremes[j].(*big.Int), big.NewInt(d))
					}); err == nil {
						t.Errorf("extreme %d claimed %+d off was aggregated", j, d)
					}
				}
			}
		})
	}
}

// TestTwoChainParallel: segments proven several at once (Prover.Parallel)
// come back in the table's order — each statement's row count its
// segment's, each opening its segment's column — with the result and
// partials of one at a time, and the aggregator takes them.
func TestTwoChainParallel(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(37)) // five segments, the last of 5 rows
	const text = sumQuery
	ctx := context.Background()
	one, err := p.ProveTwoChain(ctx, plan(t, st, text, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	q := *p
	q.Parallel = 3
	var mu sync.Mutex // segments report from their goroutines
	var events []Event
	q.Progress = func(e Event) { mu.Lock(); events = append(events, e); mu.Unlock() }
	par, err := q.ProveTwoChain(ctx, plan(t, st, text, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest("t")
	if err != nil {
		t.Fatal(err)
	}
	if len(par.Proofs) != 5 || !reflect.DeepEqual(par.Rows, one.Rows) || !reflect.DeepEqual(par.Partials, one.Partials) {
		t.Fatalf("in parallel: %d proofs, rows %v, partials %v; one at a time: rows %v, partials %v", len(par.Proofs), par.Rows, par.Partials, one.Rows, one.Partials)
	}
	for s := range par.Proofs {
		vec := par.Publics[s].Vector().(fr377.Vector)
		if got := vec[par.Layout.RowCount].Uint64(); got != uint64(m.Segments[s].Rows) {
			t.Errorf("statement %d holds %d rows, segment %d has %d", s, got, s, m.Segments[s].Rows)
		}
		for j, op := range par.Openings[s] {
			if !op.Commitment.Equal(&one.Openings[s][j].Commitment) {
				t.Errorf("segment %d's opening %d is of another column", s, j)
			}
		}
	}
	if !slices.ContainsFunc(events, func(e Event) bool { return e.Done == 5 && e.Total == 5 }) {
		t.Errorf("no event says all five segments are proven: %+v", events)
	}
	if _, err := aggregatorOver(t, par, srs)(par); err != nil {
		t.Fatalf("the aggregator refused segments proven in parallel: %v", err)
	}
	// how many at once: as asked, the prover's choice where 0 and
	// AutoParallel, else one
	if one.Parallel != 1 || par.Parallel != 3 {
		t.Errorf("proven %d and %d at once, want 1 and 3", one.Parallel, par.Parallel)
	}
	auto := *p
	auto.AutoParallel = true
	chosen, err := auto.ProveTwoChain(ctx, plan(t, st, text, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	if want := TwoChainParallel(chosen.CS.GetNbConstraints()); chosen.Parallel != want || !reflect.DeepEqual(chosen.Rows, one.Rows) {
		t.Errorf("the prover's choice: %d at once, rows %v; want %d and %v", chosen.Parallel, chosen.Rows, want, one.Rows)
	}
}

// TestTwoChainParallelFor: two segment proofs at once where there are two
// cores and the memory available holds two proofs' budget (2 KiB a
// constraint each), else one — and one where the memory is unknown.
func TestTwoChainParallelFor(t *testing.T) {
	const gib = uint64(1) << 30
	for _, c := range []struct {
		cores       int
		available   uint64
		constraints int
		want        int
	}{
		{2, 23 * gib, 786_717, 2},     // 2^17-row Q1 segments on the 2-core machine
		{2, 23 * gib, 6_291_651, 1},   // 2^20-row ones: 24 GiB for two
		{16, 128 * gib, 6_291_651, 2}, // … on the GPU machine's host
		{1, 128 * gib, 786_717, 1},    // one core
		{2, 0, 786_717, 1},            // memory unknown
		{2, 2 * 2048 * 1000, 1000, 2}, // exactly two budgets
		{2, 2*2048*1000 - 1, 1000, 1}, // a byte short
	} {
		if got := twoChainParallelFor(c.cores, c.available, c.constraints); got != c.want {
			t.Errorf("%d cores, %d bytes, %d constraints: %d at once, want %d", c.cores, c.available, c.constraints, got, c.want)
		}
	}
	if memAvailable() == 0 {
		t.Log("no MemAvailable here: the prover proves one segment at a time")
	}
}

// TestVerifyOneCheckBadInput: what a verifier may be handed wrong — no
// proof, no table, a table whose row counts and segments disagree, a
// proof with missing outputs or sums, proof or key bytes that are not
// one — gets an error naming it, never a panic.
func TestVerifyOneCheckBadInput(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(16))
	const text = sumQuery
	pl := plan(t, st, text, "0")
	posted, err := p.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	params, digest, err := OneCheckStatement(pl, posted)
	if err != nil {
		t.Fatal(err)
	}
	good := func() *OneCheck {
		outs, err := oneCheckOutputs(pl, []*big.Int{big.NewInt(8), big.NewInt(9)}, nil, params, digest)
		if err != nil {
			t.Fatal(err)
		}
		return &OneCheck{Sums: []*big.Int{big.NewInt(8), big.NewInt(9)}, TableDigest: digest, Outputs: outs, Proof: []byte{1, 2, 3}}
	}
	for _, c := range []struct {
		name  string
		oc    *OneCheck
		table *TwoChainTable
		vk    []byte
		want  string
	}{
		{"no proof", nil, posted, nil, "no one-check proof"},
		{"no table", good(), nil, nil, "posted table"},
		{"row counts short", good(), &TwoChainTable{Name: "t", RowCounts: posted.RowCounts[:1], Columns: posted.Columns}, nil, "1 row counts for 2"},
		{"a sum missing", func() *OneCheck { o := good(); o.Sums = o.Sums[:1]; return o }(), posted, nil, "1 sums"},
		{"a nil sum", func() *OneCheck { o := good(); o.Sums[1] = nil; return o }(), posted, nil, "missing or negative"},
		{"outputs short", func() *OneCheck { o := good(); o.Outputs = o.Outputs[:5]; return o }(), posted, nil, "5 outputs"},
		{"an output changed", func() *OneCheck { o := good(); o.Outputs[1] = big.NewInt(1); return o }(), posted, nil, "output 1"},
		{"key bytes not a key", good(), posted, []byte("not a key"), "one-check proof"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := VerifyOneCheck(c.oc, pl, c.table, c.vk)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
}

// TestOneCheckVerifyingKeyNotSetUp: a verifier's lookup of the one-check
// key reads the key cache and never sets anything up: with no segment
// circuit cached, or no aggregator for it, it is an error naming what is
// missing.
func TestOneCheckVerifyingKeyNotSetUp(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(16))
	const text = sumQuery
	pl := plan(t, st, text, "0")
	if _, err := p.OneCheckVerifyingKey(pl, srs); err == nil || !strings.Contains(err.Error(), "no cached two-chain keys segment-") {
		t.Fatalf("with nothing cached: %v", err)
	}
	if _, err := p.ProveTwoChain(context.Background(), pl, []string{"0"}, srs); err != nil {
		t.Fatal(err)
	}
	if _, err := p.OneCheckVerifyingKey(pl, srs); err == nil || !strings.Contains(err.Error(), "no cached two-chain keys aggregator-") {
		t.Fatalf("with the segment circuit cached only: %v", err)
	}
	if entries, _ := filepath.Glob(filepath.Join(p.Keys.dir, "twochain", "aggregator-*")); len(entries) != 0 {
		t.Fatalf("the lookup set up %v", entries)
	}
}

// sumQuery is the tests' COUNT and SUM query over t(a).
const sumQuery = "SELECT COUNT(*), SUM(a) FROM t WHERE a > $1"

// twoSegments stores t(a) = vals in segments of 8 rows and returns a
// prover over it and a BLS12-377 SRS for 16 rows.
func twoSegments(t *testing.T, vals []int64) (*Prover, *store.Store, *kzg377.SRS) {
	t.Helper()
	p, st := setup(t, vals)
	srs, err := kzg377.NewUnsafeSRS(16)
	if err != nil {
		t.Fatal(err)
	}
	return p, st, srs
}

// TestTwoChainPartialSegments: a table whose last segment is partial
// (11 rows in segments of 8: the window's upper end is the row count, its
// row a padding row) and a table of one segment aggregate, with the
// direct path's result and the posted table's digest.
func TestTwoChainPartialSegments(t *testing.T) {
	for _, rows := range []int{11, 5} {
		t.Run(fmt.Sprintf("%d rows", rows), func(t *testing.T) {
			tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.IntUnsigned, Sorted: true}}}
			cols := make([][]fr.Element, 2)
			for i, v := range mixedValues(rows) {
				cols[0] = append(cols[0], schema.Encode(big.NewInt(v)))
				cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(2*i+1))))
			}
			p, st := setupTable(t, tbl, cols, 3)
			srs, err := kzg377.NewUnsafeSRS(8)
			if err != nil {
				t.Fatal(err)
			}
			const text = "SELECT COUNT(*), SUM(a), MAX(b) FROM t WHERE b BETWEEN $1 AND $2"
			args := []string{"2", "100"}
			ctx := context.Background()
			pl := plan(t, st, text, args...)
			segs, err := p.ProveTwoChain(ctx, pl, args, srs)
			if err != nil {
				t.Fatal(err)
			}
			rc, _, err := p.Prove(ctx, plan(t, st, text, args...), args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(segs.Rows, rc.Rows) {
				t.Fatalf("two-chain result %v, the direct path's %v", segs.Rows, rc.Rows)
			}
			a, err := aggregatorOver(t, segs, srs)(segs)
			if err != nil {
				t.Fatalf("the aggregator refused the honest segments: %v", err)
			}
			posted, err := p.TwoChainTable("t", srs)
			if err != nil {
				t.Fatal(err)
			}
			if _, want, err := OneCheckStatement(pl, posted); err != nil || want.Cmp(a.TableDigest.(*big.Int)) != 0 {
				t.Fatalf("the digest is not the posted table's (%v)", err)
			}
		})
	}
}

// TestOneCheckFile: a one-check proof written as JSON reads back equal
// (its big integers and bytes whole); a receipt-like file of another kind
// is refused.
func TestOneCheckFile(t *testing.T) {
	big1, _ := new(big.Int).SetString("6277101735386680763835789423207666416102355444464034512895", 10)
	oc := &OneCheck{Kind: OneCheckKind, SQL: sumQuery, Params: []string{"0"}, Table: "t", Rows: [][]string{{"3", "-4"}},
		Sums: []*big.Int{big.NewInt(3), big1}, TableDigest: big1, Extremes: []*big.Int{big.NewInt(7)}, Outputs: []*big.Int{big1, big.NewInt(0)},
		Proof: []byte{1, 2, 3}, VerifyingKey: []byte{4, 5}, Segments: 2, Slots: 4, UnsafeSetup: true}
	path := filepath.Join(t.TempDir(), "oc.json")
	if err := oc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadOneCheck(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, oc) {
		t.Fatalf("read back %+v, wrote %+v", back, oc)
	}
	if w := back.Warnings(); len(w) != 1 || !strings.Contains(w[0], "local setup") {
		t.Fatalf("warnings %q, want the local setup's alone", w)
	}
	// every integer a decimal string: a reader of JSON numbers as
	// doubles would lose digits
	raw, _ := os.ReadFile(path)
	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"sums", "outputs", "extremes"} {
		for i, v := range generic[field].([]any) {
			if _, ok := v.(string); !ok {
				t.Errorf("%s[%d] is written as %T", field, i, v)
			}
		}
	}
	if generic["table_digest"] != big1.String() {
		t.Errorf("the table digest is written as %v", generic["table_digest"])
	}
	for _, c := range []struct{ body, want string }{
		{`{"kind": "receipt", "sql": "SELECT 1"}`, `kind "receipt"`},
		{`{"kind": "` + OneCheckKind + `", "sums": [12]}`, "cannot unmarshal number"},
		{`{"kind": "` + OneCheckKind + `", "sums": ["1", "x"]}`, `sums[1]: "x" is not`},
		{`{"kind": "` + OneCheckKind + `", "outputs": ["-1"]}`, `outputs[0]: "-1" is not`},
		{`{"kind": "` + OneCheckKind + `", "table_digest": "0x12"}`, `table_digest[0]: "0x12" is not`},
	} {
		os.WriteFile(path, []byte(c.body), 0o644)
		if _, err := ReadOneCheck(path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.body, err, c.want)
		}
	}
}

// TestKeptCommitments377: a table's BLS12-377 commitments, once computed,
// are kept beside the store and read back (a file a segment); a kept file
// that does not check is recomputed (a cache event says so), and so is one
// that checks but disagrees with a commitment the prover computes from the
// data, which it then rewrites.
func TestKeptCommitments377(t *testing.T) {
	vals := mixedValues(16)
	p, st, srs := twoSegments(t, vals)
	var events []string
	p.Progress = func(e Event) {
		if e.Stage == "cache" {
			events = append(events, e.Detail)
		}
	}
	honest, err := p.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Manifest("t")
	if err != nil {
		t.Fatal(err)
	}
	for si := range m.Segments {
		kept, err := p.readCommitments377(m, si, srs)
		if err != nil || !reflect.DeepEqual(kept, honest.Columns[si]) {
			t.Fatalf("segment %d kept %v (%v), computed %v", si, kept, err, honest.Columns[si])
		}
	}
	// a kept file that checks is what the table reads: the segments'
	// commitments exchanged come back exchanged
	if err := p.writeCommitments377(m, 0, srs, honest.Columns[1]); err != nil {
		t.Fatal(err)
	}
	got, err := p.TwoChainTable("t", srs)
	if err != nil {
		t.Fatal(err)
	}
	if got.Columns[0][0] != honest.Columns[1][0] {
		t.Fatal("the kept commitments were not read")
	}
	// proving computes segment 0's column from the data: the kept file
	// disagrees, is recomputed and rewritten
	segs, err := p.ProveTwoChain(context.Background(), plan(t, st, sumQuery, "0"), []string{"0"}, srs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(segs.Table.Columns, honest.Columns) || len(events) != 1 || !strings.Contains(events[0], "is not the data's") {
		t.Fatalf("the prover's table %v, events %q; want the honest one and one recomputation", segs.Table.Columns, events)
	}
	if got, err = p.TwoChainTable("t", srs); err != nil || !reflect.DeepEqual(got.Columns, honest.Columns) {
		t.Fatalf("after the rewrite: %v (%v)", got, err)
	}
	// a flipped byte: the file does not check and is recomputed
	path := p.commitments377Path(m, 1, srs)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[20] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err = p.TwoChainTable("t", srs); err != nil || !reflect.DeepEqual(got.Columns, honest.Columns) {
		t.Fatalf("over a corrupt file: %v (%v)", got, err)
	}
	if len(events) != 2 || !strings.Contains(events[1], "SHA-256 mismatch") {
		t.Fatalf("events %q, want a SHA-256 mismatch", events)
	}
	// a row appended opens a partial segment 2; a second replaces it, and
	// its old kept file goes
	appendRow := func(v int64) *store.Manifest {
		t.Helper()
		m, err := st.Append(&m.Schema, m.LogCapacity, [][]fr.Element{{schema.Encode(big.NewInt(v))}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.TwoChainTable("t", srs); err != nil {
			t.Fatal(err)
		}
		return m
	}
	old := p.commitments377Path(appendRow(5), 2, srs)
	if _, err := os.Stat(old); err != nil {
		t.Fatal(err)
	}
	appendRow(6)
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the replaced segment's kept file is still there (%v)", err)
	}
	if _, err := os.Stat(p.commitments377Path(m, 0, srs)); err != nil {
		t.Fatalf("the full segment's kept file is gone: %v", err)
	}
}

// TestTwoChainCountOnly: a COUNT(*) of the whole table opens no column,
// yet its aggregation's digest is the posted table's (the segments' row
// counts are its result, and the digest binds them): three segments in
// four slots give the direct path's count. A segment proven claiming a
// row fewer (its proof valid, its count with it) aggregates only under
// another digest than the posted one.
func TestTwoChainCountOnly(t *testing.T) {
	p, st, srs := twoSegments(t, mixedValues(20))
	const text = "SELECT COUNT(*) FROM t"
	ctx := context.Background()
	pl := plan(t, st, text)
	segs, err := p.ProveTwoChain(ctx, pl, nil, srs)
	if err != nil {
		t.Fatal(err)
	}
	if len(segs.Layout.Y) != 0 || segs.Layout.Window != nil {
		t.Fatalf("the layout opens %v and a window %v: no longer a query that opens nothing", segs.Layout.Y, segs.Layout.Window)
	}
	rc, _, err := p.Prove(ctx, plan(t, st, text), nil)
	if err != nil {
		t.Fatal(err)
	}
	solve := aggregatorOver(t, segs, srs)
	honest, err := solve(segs)
	if err != nil {
		t.Fatalf("the aggregator refused the honest segments: %v", err)
	}
	checkOneCheckOutputs(t, pl, segs, honest, rc.Rows)
	_, posted, err := OneCheckStatement(pl, segs.Table)
	if err != nil {
		t.Fatal(err)
	}
	p.alterWitness = func(w *circuits.Query) {
		if fmt.Sprint(w.RowCount) == "4" { // the last segment: 3 rows, 3 counted
			w.RowCount, w.Partials[0] = big.NewInt(3), big.NewInt(3)
		}
	}
	lying, err := p.ProveTwoChain(ctx, pl, nil, srs)
	p.alterWitness = nil
	if err != nil {
		t.Fatalf("the segment circuit should take the shorter segment: %v", err)
	}
	a, err := solve(lying)
	if err != nil {
		t.Fatalf("the aggregator refused the lying segments under their own digest: %v", err)
	}
	if a.Sums[0].(*big.Int).Int64() != 19 || a.TableDigest.(*big.Int).Cmp(posted) == 0 {
		t.Fatalf("the lie: COUNT %v, digest the posted one: %v", a.Sums[0], a.TableDigest.(*big.Int).Cmp(posted) == 0)
	}
	if _, err := solve(lying, func(a *twochain.QueryAggregator) { a.TableDigest = posted }); err == nil {
		t.Fatal("a segment a row short aggregated under the posted digest")
	}
	// more slots than the segments need (Prover.MinSlots: 8 for 3)
	wide, err := twochain.QueryAggregatorShape(segs.CS, segs.VK, OneCheckSlots(3, 8), segs.Layout, KZGKey(srs))
	if err != nil {
		t.Fatal(err)
	}
	agg8, err := twochain.CompileAggregator(wide)
	if err != nil {
		t.Fatal(err)
	}
	a8, err := segs.AssignmentIn(8)
	if err != nil {
		t.Fatal(err)
	}
	if err := solvedBy(t, agg8, a8); err != nil || a8.TableDigest.(*big.Int).Cmp(posted) != 0 || fmt.Sprint(a8.Sums) != fmt.Sprint(honest.Sums) {
		t.Fatalf("three segments in eight slots: %v, the posted digest %v, sums %v (in four: %v)", err, a8.TableDigest.(*big.Int).Cmp(posted) == 0, a8.Sums, honest.Sums)
	}
}

// TestOneCheckSlots: the aggregator's slots are the segments, or the
// least asked for (Prover.MinSlots), rounded up to a power of two; a
// verifier's key lookup refuses slots that are not a power of two, that
// cannot hold the table's segments, or past MaxOneCheckSlots, by name.
func TestOneCheckSlots(t *testing.T) {
	for _, c := range []struct{ segments, atLeast, want int }{{1, 0, 1}, {3, 0, 4}, {3, 8, 8}, {5, 6, 8}, {9, 8, 16}, {16, 16, 16}} {
		if got := OneCheckSlots(c.segments, c.atLeast); got != c.want {
			t.Errorf("OneCheckSlots(%d, %d) = %d, want %d", c.segments, c.atLeast, got, c.want)
		}
	}
	p, st, srs := twoSegments(t, mixedValues(20)) // three segments
	pl := plan(t, st, sumQuery, "0")
	for _, slots := range []int{3, 2, MaxOneCheckSlots * 2} {
		_, err := p.OneCheckVerifyingKeyIn(pl, srs, slots)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("an aggregator of %d slots for a table of 3 segments", slots)) {
			t.Errorf("%d slots: %v", slots, err)
		}
	}
}

// curveCounting is the CPU backend, and gnark's prover as its
// proofsys.CurveProver, counting those proofs by their scalar field.
type curveCounting struct {
	proofsys.Groth16
	mu     sync.Mutex
	proofs map[string]int
}

func (c *curveCounting) ProveOnCurve(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness, opts ...backend.ProverOption) (groth16.Proof, error) {
	c.mu.Lock()
	if c.proofs == nil {
		c.proofs = map[string]int{}
	}
	c.proofs[cs.Field().String()]++
	c.mu.Unlock()
	return proofsys.GnarkProver{}.ProveOnCurve(cs, pk, full, opts...)
}
