package prover

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

func setup(t testing.TB, vals []int64) (*Prover, *store.Store) {
	t.Helper()
	return setupColumn(t, schema.Column{Name: "a", Type: schema.BigInt}, vals)
}

// setupColumn stores t(c) in segments of 8 rows.
func setupColumn(t testing.TB, c schema.Column, vals []int64) (*Prover, *store.Store) {
	t.Helper()
	return setupColumnSized(t, c, vals, 3)
}

// setupColumnSized stores t(c) in segments of 2^logCapacity rows.
func setupColumnSized(t testing.TB, c schema.Column, vals []int64, logCapacity int) (*Prover, *store.Store) {
	t.Helper()
	col := make([]fr.Element, len(vals))
	for i, v := range vals {
		col[i] = schema.Encode(big.NewInt(v))
	}
	return setupTable(t, &schema.Table{Name: "t", Columns: []schema.Column{c}}, [][]fr.Element{col}, logCapacity)
}

// setupTable stores tbl's columns in a new store in segments of
// 2^logCapacity rows and returns a CPU prover over it.
func setupTable(t testing.TB, tbl *schema.Table, cols [][]fr.Element, logCapacity int) (*Prover, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{SRSSize: max(16, 2<<logCapacity)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Append(tbl, logCapacity, cols); err != nil {
		t.Fatal(err)
	}
	b := proofsys.Groth16{}
	return &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}, st
}

func plan(t testing.TB, st *store.Store, text string, args ...string) *planner.Plan {
	t.Helper()
	q, err := sql.Parse(text, st)
	if err != nil {
		t.Fatal(err)
	}
	if q, err = q.Bind(args); err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(q)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A prover that flips a comparison bit needs t = b−a−1 < 0 to pass a range
// check: the value wraps around the field and the circuit rejects it.
func TestComparisonAcrossWrapAroundIsRejected(t *testing.T) {
	p, st := setup(t, []int64{5, -9223372036854775808, 9223372036854775807, 0, 3})
	pl := plan(t, st, "SELECT COUNT(*) FROM t WHERE a < $1", "3")
	if _, _, err := p.Prove(context.Background(), pl, []string{"3"}); err != nil {
		t.Fatalf("honest proof failed: %v", err)
	}
	flip := solver.OverrideHint(solver.GetHintID(circuits.LessThanHint), func(m *big.Int, in, out []*big.Int) error {
		if err := circuits.LessThanHint(m, in, out); err != nil {
			return err
		}
		out[0].SetInt64(1 - out[0].Int64())
		return nil
	})
	p.extraSolverOpts = []solver.Option{flip}
	// Claim the count the flipped bits would give (all rows but the honest ones, incl. padding correction).
	p.alterWitness = func(w *circuits.Query) { w.Partials[0] = 3 }
	if _, _, err := p.Prove(context.Background(), pl, []string{"3"}); err == nil {
		t.Fatal("proof with flipped comparison bits was produced")
	}
}

func TestWrongPartialCannotBeProven(t *testing.T) {
	for _, tc := range []struct {
		sql   string
		param string
		index int
		value any
	}{
		{"SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0", 0, 4},
		{"SELECT COUNT(*), SUM(a) FROM t WHERE a > $1", "0", 1, 1},
		{"SELECT MIN(a) FROM t WHERE a > $1", "0", 1, 2},
		{"SELECT MIN(a) FROM t WHERE a > $1", "0", 1, 0}, // attained by a padding row only
		{"SELECT MIN(a) FROM t WHERE a > $1", "2", 1, 2}, // attained by a row not selected only
		{"SELECT MAX(a) FROM t WHERE a > $1", "0", 1, 6},
		{"SELECT MAX(a) FROM t WHERE a > $1", "0", 1, 0},
		{"SELECT MAX(a) FROM t WHERE a < $1", "4", 1, 4}, // attained by a row not selected only
	} {
		p, st := setup(t, []int64{1, 2, 3, 4, 5})
		pl := plan(t, st, tc.sql, tc.param)
		p.alterWitness = func(w *circuits.Query) { w.Partials[tc.index] = tc.value }
		if _, _, err := p.Prove(context.Background(), pl, []string{tc.param}); err == nil {
			t.Fatalf("%s with %s: partial %d = %v was proven", tc.sql, tc.param, tc.index, tc.value)
		}
	}
}

func TestChangedRowInWitnessIsCaught(t *testing.T) {
	p, st := setup(t, []int64{1, 2, 3})
	pl := plan(t, st, "SELECT SUM(a) FROM t")
	p.alterWitness = func(w *circuits.Query) { w.Cols[0][1] = 7; w.Partials[1] = 11 }
	_, _, err := p.Prove(context.Background(), pl, nil)
	if err == nil || !strings.Contains(err.Error(), "committed data") {
		t.Fatalf("want the committed-data mismatch, got %v", err)
	}
}

func TestKeyCacheReuseAndCorruption(t *testing.T) {
	p, st := setup(t, []int64{1, 2, 3})
	pl := plan(t, st, "SELECT SUM(a) FROM t WHERE a < 3")
	c1, err := p.Keys.Get(pl, circuits.SegmentSize(3))
	if err != nil || c1.FromCache || c1.LoadTime != 0 || c1.SetupTime == 0 {
		t.Fatalf("first build: %v (from cache %v, load %v, setup %v)", err, c1 != nil && c1.FromCache, c1.LoadTime, c1.SetupTime)
	}
	var events []Event
	fresh := NewKeyStore(p.Keys.dir, p.Backend, func(e Event) { events = append(events, e) })
	c2, err := fresh.Get(pl, circuits.SegmentSize(3))
	if err != nil || !c2.FromCache || c2.VKHash != c1.VKHash {
		t.Fatalf("second store should load from disk: %v", err)
	}
	if c2.LoadTime <= 0 || c2.CompileTime != 0 || c2.SetupTime != 0 || len(events) != 1 || events[0].Stage != "load" || events[0].Elapsed != c2.LoadTime {
		t.Fatalf("a load from the cache reports load %v, compile %v, setup %v, events %+v", c2.LoadTime, c2.CompileTime, c2.SetupTime, events)
	}
	// every file of the entry, a byte flipped or the file cut short: the
	// entry is refused by its hash (read file by file, never whole) and
	// rebuilt, which rewrites it for the next case
	for _, name := range []string{"circuit.r1cs", "pk.dump", "vk.bin"} {
		for _, cut := range []bool{false, true} {
			path := filepath.Join(fresh.entryDir(pl.ShapeHash, circuits.SegmentSize(3)), name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if cut {
				b = b[:len(b)/2]
			} else {
				b[len(b)/2] ^= 0xff
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			var events []string
			third := NewKeyStore(p.Keys.dir, p.Backend, func(e Event) { events = append(events, e.Detail) })
			c3, err := third.Get(pl, circuits.SegmentSize(3))
			if err != nil || c3.FromCache {
				t.Fatalf("%s (cut %v): a corrupt entry must be rebuilt: %v", name, cut, err)
			}
			if len(events) == 0 || !strings.Contains(events[0], name+": SHA-256 mismatch") {
				t.Fatalf("%s (cut %v): corruption not reported: %v", name, cut, events)
			}
		}
	}
}

// TestKeysKeptOutOfAFullCache: where the key cache cannot be written (its
// directory is a file here; a full disk in practice), Get still returns
// keys, reports the failure, and VerifyingKey trusts the keys the store
// holds in memory, so the proof verifies; a store that never held them
// has none to trust.
func TestKeysKeptOutOfAFullCache(t *testing.T) {
	p, st := setup(t, []int64{1, 2, 3})
	pl := plan(t, st, "SELECT SUM(a) FROM t WHERE a < 3")
	blocked := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(blocked, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	var events []string
	p.Keys = NewKeyStore(blocked, p.Backend, func(e Event) { events = append(events, e.Detail) })
	size := circuits.SegmentSize(3)
	c, err := p.Keys.Get(pl, size)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || !strings.Contains(events[len(events)-1], "could not write key cache") {
		t.Fatalf("the failed write was not reported: %v", events)
	}
	vk, err := p.Keys.VerifyingKey(pl.Shape, pl.ShapeHash, size)
	if err != nil || proofsys.VKHash(vk) != c.VKHash {
		t.Fatalf("the keys held in memory are not trusted: %v", err)
	}
	other := NewKeyStore(blocked, p.Backend, nil)
	if _, err := other.VerifyingKey(pl.Shape, pl.ShapeHash, size); err == nil {
		t.Fatal("a store without the keys trusted a verifying key")
	}
}

// A prover whose division hint lies (any quotient other than the truncated
// one) cannot produce a proof.
func TestWrongQuotientIsRejected(t *testing.T) {
	for _, lie := range []func(q, r, b *big.Int){
		func(q, r, b *big.Int) { q.Add(q, big.NewInt(1)); r.Sub(r, b) }, // floor instead of truncation, etc.
		func(q, r, b *big.Int) { q.Sub(q, big.NewInt(1)); r.Add(r, b) },
	} {
		p, st := setup(t, []int64{-7, 7, 5, -5, 9})
		// the lie changes no result: only the division's own constraints can catch it
		pl := plan(t, st, "SELECT COUNT(*) FROM t WHERE a / $1 > -100 AND a % $1 > -100", "2")
		if _, _, err := p.Prove(context.Background(), pl, []string{"2"}); err != nil {
			t.Fatalf("honest proof failed: %v", err)
		}
		p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.DivModHint), func(m *big.Int, in, out []*big.Int) error {
			if err := circuits.DivModHint(m, in, out); err != nil {
				return err
			}
			if in[2].Sign() == 0 {
				return nil
			}
			q, r, b := schema.DecodeSignedBig(out[0]), schema.DecodeSignedBig(out[1]), schema.DecodeSignedBig(in[1])
			lie(q, r, b)
			out[0].Mod(q, m)
			out[1].Mod(r, m)
			return nil
		})}
		if _, _, err := p.Prove(context.Background(), pl, []string{"2"}); err == nil {
			t.Fatal("a proof with a wrong quotient was produced")
		}
	}
}

// The link's quotients q_i = col_i/(z − ω^i) come from one batched hint;
// each is held by its own constraint q_i·(z − ω^i) = col_i. A hint that
// moves δ from row 0's quotient to row 1's (q_0 + δ, q_1 − δ/ω: the
// weighted sum Σ q_i·ω^i, so the column's evaluation, unchanged) finds no
// proof; the control, δ = 0 through the same hook, proves.
func TestLinkQuotientsCannotShift(t *testing.T) {
	for _, tc := range []struct {
		name   string
		delta  int64
		honest bool
	}{{"control", 0, true}, {"quotient moved between rows", 5, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{3, 1, 4, 1, 5})
			pl := plan(t, st, "SELECT SUM(a) FROM t")
			p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.QuotientsHint), func(m *big.Int, in, out []*big.Int) error {
				if err := circuits.QuotientsHint(m, in, out); err != nil {
					return err
				}
				n := int(in[0].Int64())
				if len(out) < 2 || in[1+n].Int64() != 0 || in[3+n].Int64() != 1 {
					t.Fatalf("quotients 0 and 1 are not rows 0 and 1 of one column")
				}
				var q0, q1, d, w fr.Element
				q0.SetBigInt(out[0])
				q1.SetBigInt(out[1])
				d.SetInt64(tc.delta)
				w.Inverse(&fft.NewDomain(8).Generator)
				q0.Add(&q0, &d)
				d.Mul(&d, &w)
				q1.Sub(&q1, &d)
				q0.BigInt(out[0])
				q1.BigInt(out[1])
				return nil
			})}
			_, _, err := p.Prove(context.Background(), pl, nil)
			t.Logf("%s: %v", tc.name, err)
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v", err == nil, tc.honest)
			}
		})
	}
}

// Where a division is disabled (a row the WHERE clause leaves out) its
// quotient is pinned to 0: a prover free to pick it after the row lookup's
// challenge could aim the row's fingerprint at the challenge. The control
// goes through the same hook and proves.
func TestDisabledQuotientIsPinned(t *testing.T) {
	for _, tc := range []struct {
		name     string
		q        int64
		provable bool
	}{{"control", 0, true}, {"free quotient on a row left out", 1, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{-7, 7, 5, -5, 9})
			pl := plan(t, st, "SELECT a, a / $1 FROM t WHERE a > 0 ORDER BY a LIMIT 10", "2")
			p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.DivModHint), func(m *big.Int, in, out []*big.Int) error {
				if err := circuits.DivModHint(m, in, out); err != nil {
					return err
				}
				if in[2].Sign() == 0 {
					out[0].SetInt64(tc.q)
				}
				return nil
			})}
			_, _, err := p.Prove(context.Background(), pl, []string{"2"})
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// provenAndVerified proves pl with p and verifies the receipt; it reports
// whether a verifying receipt came out.
func provenAndVerified(t *testing.T, p *Prover, pl *planner.Plan) bool {
	t.Helper()
	rc, _, err := p.Prove(context.Background(), pl, nil)
	if err != nil {
		return false
	}
	_, err = verifier.Verify(rc, verifier.Options{})
	return err == nil
}

// packedKey is the packed GROUP BY key of a BIGINT value.
func packedKey(v int64) *big.Int {
	return new(big.Int).Add(big.NewInt(v), new(big.Int).Lsh(big.NewInt(1), 63))
}

// A prover may not split one group over two slots, invent a group, move
// rows between groups or drop a group: no verifying receipt comes out.
func TestGroupSlotsCannotLie(t *testing.T) {
	k1, k2 := packedKey(1), packedKey(2)
	row := func(k *big.Int, n int64) []*big.Int { return []*big.Int{k, big.NewInt(n)} }
	cases := []struct {
		name   string
		groups [][]*big.Int
		honest bool
	}{
		{"control", [][]*big.Int{row(k1, 5), row(k2, 1)}, true},
		{"split group", [][]*big.Int{row(k1, 3), row(k1, 2), row(k2, 1)}, false},
		{"phantom group", [][]*big.Int{row(k1, 5), row(k2, 1), row(packedKey(9), 1)}, false},
		{"phantom empty group", [][]*big.Int{row(k1, 5), row(k2, 1), row(packedKey(9), 0)}, false},
		{"moved row", [][]*big.Int{row(k1, 4), row(k2, 2)}, false},
		{"dropped group", [][]*big.Int{row(k1, 5)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{1, 1, 1, 2, 1, 1})
			pl := plan(t, st, "SELECT a, COUNT(*) FROM t GROUP BY a")
			p.alterResult = func(r *segmentResult) { r.slots = tc.groups }
			if got := provenAndVerified(t, p, pl); got != tc.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, tc.honest)
			}
		})
	}
}

// Activity bits (plans that must know the real rows: MIN/MAX here) are a
// prefix of ones summing to the row count. Here 5 rows fill a segment of 8:
// a prover may not move the gap (leave real row 3, the minimum, out and take
// padding row 5, all zero, in: count 5, minimum 0) nor split a bit into
// halves; the aggregates are set for the lie and the control sets the true
// bits through the same hook.
func TestActivityBitsCannotLie(t *testing.T) {
	half := new(big.Int).ModInverse(big.NewInt(2), fr.Modulus())
	for _, tc := range []struct {
		name     string
		active   []any
		min      int64
		provable bool
	}{
		{"control", []any{1, 1, 1, 1, 1, 0, 0, 0}, 3, true},
		{"gap moved into the padding", []any{1, 1, 1, 0, 1, 1, 0, 0}, 0, false},
		{"a bit split in halves", []any{1, 1, 1, 1, half, half, 0, 0}, 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{5, 9, 7, 3, 8})
			pl := plan(t, st, "SELECT COUNT(*), MIN(a) FROM t")
			if !pl.NeedsActive {
				t.Fatal("the plan has no activity bits")
			}
			p.alterWitness = func(w *circuits.Query) {
				for i, v := range tc.active {
					w.Active[i] = v
				}
				w.Partials[0], w.Partials[1] = 5, tc.min
			}
			_, _, err := p.Prove(context.Background(), pl, nil)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// A grouped segment without MIN/MAX has no activity bits: its padding rows
// (all zero) land in the zero row's group and the circuit takes their share
// out. Here 5 rows fill a segment of 8, a = 0 is a real group (rows 0, 1
// and 4) and the zero row's group: its slot must hold 3, neither 6 (the
// padding counted) nor anything else; with a WHERE the zero row fails, the
// padding adds nothing. The control sets the true groups through the same
// hook and verifies.
func TestGroupPaddingShare(t *testing.T) {
	k0, k1, k2 := packedKey(0), packedKey(1), packedKey(2)
	row := func(k *big.Int, n, sum int64) []*big.Int { return []*big.Int{k, big.NewInt(n), big.NewInt(sum)} }
	for _, tc := range []struct {
		name, sql string
		groups    [][]*big.Int
		honest    bool
	}{
		{"control", "SELECT a, COUNT(*), SUM(a) FROM t GROUP BY a", [][]*big.Int{row(k0, 3, 0), row(k1, 1, 1), row(k2, 1, 2)}, true},
		{"padding counted", "SELECT a, COUNT(*), SUM(a) FROM t GROUP BY a", [][]*big.Int{row(k0, 6, 0), row(k1, 1, 1), row(k2, 1, 2)}, false},
		{"zero group short", "SELECT a, COUNT(*), SUM(a) FROM t GROUP BY a", [][]*big.Int{row(k0, 2, 0), row(k1, 1, 1), row(k2, 1, 2)}, false},
		{"control, zero row filtered out", "SELECT a, COUNT(*), SUM(a) FROM t WHERE a > 0 GROUP BY a", [][]*big.Int{row(k1, 1, 1), row(k2, 1, 2)}, true},
		{"padding group invented", "SELECT a, COUNT(*), SUM(a) FROM t WHERE a > 0 GROUP BY a", [][]*big.Int{row(k0, 3, 0), row(k1, 1, 1), row(k2, 1, 2)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{0, 0, 1, 2, 0})
			pl := plan(t, st, tc.sql)
			if pl.NeedsActive {
				t.Fatal("the plan has activity bits: the padding share is not what this test exercises")
			}
			p.alterResult = func(r *segmentResult) { r.slots = tc.groups }
			if got := provenAndVerified(t, p, pl); got != tc.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, tc.honest)
			}
		})
	}
}

// A prover of a row-returning query may not skip a row that ranks higher,
// invent or reorder rows, return a row the WHERE clause rejects, or return
// fewer rows than selected: with the rows returned set for the lie and the
// slots' evaluations at Z taken from the circuit's own (so only the row
// argument, and the verifier's checks of the rows, can catch it), no
// verifying receipt comes out.
func TestRowSlotsCannotLie(t *testing.T) {
	// rows 0..5: a = 5 9 1 7 3 8; WHERE a > 2 selects rows 0 1 3 4 5
	vals := []int64{5, 9, 1, 7, 3, 8}
	type slot = [3]int64 // position, a (item), a (ORDER BY key)
	cases := []struct {
		name, sql string
		slots     []slot
		taken     []int
		selected  int
		honest    bool
	}{
		// the control: the true slots, set through the same hook, prove
		{"control", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {5, 8, 8}}, []int{1, 5}, 5, true},
		{"control without LIMIT", "SELECT a FROM t WHERE a > 2 ORDER BY a", []slot{{4, 3, 3}, {0, 5, 5}, {3, 7, 7}, {5, 8, 8}, {1, 9, 9}}, []int{0, 1, 3, 4, 5}, 5, true},
		{"skips a higher row", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {3, 7, 7}}, []int{1, 3}, 5, false},
		// the ORDER BY key repeats the item, so the fingerprint leaves it out
		// (planner.SlotAlias): a slot's key must still equal its item
		{"skips a higher row under a false key", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {3, 7, 9}}, []int{1, 3}, 5, false},
		{"invents a value", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {5, 10, 10}}, []int{1, 5}, 5, false},
		{"wrong position", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {4, 8, 8}}, []int{1, 5}, 5, false},
		{"out of order", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{5, 8, 8}, {1, 9, 9}}, []int{1, 5}, 5, false},
		{"unselected row", "SELECT a FROM t WHERE a > 2 ORDER BY a LIMIT 2", []slot{{2, 1, 1}, {4, 3, 3}}, []int{2, 4}, 5, false},
		{"row taken, slot empty", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}}, []int{1, 5}, 5, false},
		{"fewer rows than selected", "SELECT a FROM t WHERE a > 2 ORDER BY a", []slot{{4, 3, 3}, {0, 5, 5}, {3, 7, 7}, {5, 8, 8}}, []int{0, 3, 4, 5}, 5, false},
		{"fewer rows, count lowered", "SELECT a FROM t WHERE a > 2 ORDER BY a", []slot{{4, 3, 3}, {0, 5, 5}, {3, 7, 7}, {5, 8, 8}}, []int{0, 3, 4, 5}, 4, false},
		// Taken has no boolean constraint: a row taken with weight 2 against
		// its one slot passes the counts and the completeness check (out = −1
		// on a row ranked before the last slot); the lookup must refuse it
		{"row taken twice", "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 2", []slot{{1, 9, 9}, {5, 8, 8}}, []int{1, 1, 5}, 5, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, vals)
			pl := plan(t, st, tc.sql)
			if _, _, err := p.Prove(context.Background(), pl, nil); err != nil {
				t.Fatalf("honest proof failed: %v", err)
			}
			slots := make([][]int64, len(tc.slots))
			for j, sl := range tc.slots {
				slots[j] = sl[:]
			}
			err := proveRowSlots(p, pl, slots, tc.taken, tc.selected, nil)
			if tc.honest && err != nil {
				t.Fatalf("control not proven: %v", err)
			}
			if !tc.honest && err == nil {
				t.Fatal("proven")
			}
			if !tc.honest && strings.Contains(err.Error(), "differs from the result rows") {
				t.Fatalf("refused before the circuit: %v", err)
			}
		})
	}
}

// Without LIMIT a segment proof returns every selected row: with 65 rows
// selected in a segment of 128, a prover filling the 64 slots with the
// first 64 in order and leaving the last out (it ranks after them) finds no
// proof, under the true selected count or a lowered one. The control
// returns 64 of 64 selected rows through the same hook.
func TestRowsWithoutLimitAreAllReturned(t *testing.T) {
	vals := make([]int64, 65)
	for i := range vals {
		vals[i] = int64(i + 1)
	}
	// the honest prover says why it cannot prove it
	p, st := setupColumnSized(t, schema.Column{Name: "a", Type: schema.BigInt}, vals, 7)
	_, _, err := p.Prove(context.Background(), plan(t, st, "SELECT a FROM t ORDER BY a"), nil)
	if err == nil || !strings.Contains(err.Error(), "65 rows selected in one segment") || !strings.Contains(err.Error(), "without LIMIT") {
		t.Fatalf("want the rows cut short refused, got %v", err)
	}
	for _, tc := range []struct {
		name, sql string
		first     int // the slots hold rows first … first + 63
		selected  int
		honest    bool
	}{
		{"control", "SELECT a FROM t WHERE a > 1 ORDER BY a", 1, 64, true},
		{"last row left out", "SELECT a FROM t ORDER BY a", 0, 65, false},
		{"last row left out, count lowered", "SELECT a FROM t ORDER BY a", 0, 64, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setupColumnSized(t, schema.Column{Name: "a", Type: schema.BigInt}, vals, 7)
			pl := plan(t, st, tc.sql)
			if pl.Slots(7) != planner.DefaultRowSlots {
				t.Fatalf("%d slots, want %d", pl.Slots(7), planner.DefaultRowSlots)
			}
			var slots [][]int64
			var taken []int
			for i := tc.first; i < tc.first+planner.DefaultRowSlots; i++ {
				slots = append(slots, []int64{int64(i), vals[i], vals[i]})
				taken = append(taken, i)
			}
			err := proveRowSlots(p, pl, slots, taken, tc.selected, nil)
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.honest, err)
			}
			if !tc.honest && strings.Contains(err.Error(), "differs from the result rows") {
				t.Fatalf("refused before the circuit: %v", err)
			}
		})
	}
}

// A row plan whose order puts the all-zero padding rows after every real
// row has no activity bits (planner: zeroRowRanksLast): with a filter the
// zero row passes, the padding rows are selected rows the circuit must
// keep out of the result and of the selected count. Returning padding rows
// in the free slots (each ranks where it should) finds no proof; the
// controls, through the same hook, prove.
func TestRowsWithoutActivityBitsCannotLie(t *testing.T) {
	type slot = []int64 // position, a (item), a (ORDER BY key)
	const below = "SELECT a FROM t WHERE a < $1 ORDER BY a DESC LIMIT 6"
	const above = "SELECT a FROM t WHERE a > $1 ORDER BY a DESC LIMIT 6"
	for _, tc := range []struct {
		name, sql string
		param     string
		slots     []slot
		taken     []int
		selected  int
		honest    bool
	}{
		// rows 0..3: a = 5 9 0 7; four padding rows follow
		{"control, zero row selected", below, "8", []slot{{3, 7, 7}, {0, 5, 5}, {2, 0, 0}}, []int{0, 2, 3}, 3, true},
		{"padding rows returned", below, "8", []slot{{3, 7, 7}, {0, 5, 5}, {2, 0, 0}, {4, 0, 0}, {5, 0, 0}, {6, 0, 0}}, []int{0, 2, 3, 4, 5, 6}, 3, false},
		{"padding rows counted as selected", below, "8", []slot{{3, 7, 7}, {0, 5, 5}, {2, 0, 0}}, []int{0, 2, 3}, 7, false},
		{"control, zero row not selected", above, "4", []slot{{1, 9, 9}, {3, 7, 7}, {0, 5, 5}}, []int{0, 1, 3}, 3, true},
		{"padding row the filter refuses returned", above, "4", []slot{{1, 9, 9}, {3, 7, 7}, {0, 5, 5}, {4, 0, 0}}, []int{0, 1, 3, 4}, 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "a INT UNSIGNED", "5\n9\n0\n7\n")
			pl := plan(t, st, tc.sql, tc.param)
			if pl.NeedsActive {
				t.Fatal("the plan has activity bits: the padding rows are not what this test exercises")
			}
			err := proveRowSlots(p, pl, tc.slots, tc.taken, tc.selected, []string{tc.param})
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.honest, err)
			}
			if !tc.honest && strings.Contains(err.Error(), "differs from the result rows") {
				t.Fatalf("refused before the circuit: %v", err)
			}
		})
	}
}

// proveRowSlots proves a row plan with the result slots, taken rows and
// selected count set as given, and verifies the receipt: the rows returned
// are the prover's own result too (so its check of the slots' evaluations
// at Z passes and only the circuit or the verifier can refuse). A row
// listed twice in taken is taken with weight 2.
func proveRowSlots(p *Prover, pl *planner.Plan, slots [][]int64, taken []int, selected int, params []string) error {
	var rows [][]*big.Int
	for _, sl := range slots {
		var row []*big.Int
		for _, v := range sl {
			row = append(row, big.NewInt(v))
		}
		rows = append(rows, row)
	}
	p.alterResult = func(r *segmentResult) {
		r.slots = rows
		r.partials = []*big.Int{big.NewInt(int64(selected)), big.NewInt(int64(len(rows)))}
	}
	p.alterWitness = func(w *circuits.Query) {
		for j := range w.Slots {
			w.SlotUsed[j] = 0
			for k := range w.Slots[j] {
				w.Slots[j][k] = 0
			}
			if j < len(slots) {
				w.SlotUsed[j] = 1
				for k, v := range slots[j] {
					w.Slots[j][k] = v
				}
			}
		}
		for i := range w.Taken {
			w.Taken[i] = 0
		}
		for _, i := range taken {
			w.Taken[i] = w.Taken[i].(int) + 1
		}
		w.Partials[0] = selected
		w.Partials[1] = len(rows)
	}
	rc, _, err := p.Prove(context.Background(), pl, params)
	if err != nil {
		return err
	}
	// the verifier checks the returned rows' positions, ranges and order
	// (planner.Plan.CheckSlotRows)
	_, err = verifier.Verify(rc, verifier.Options{})
	return err
}

// TestFusedComparisonBitsCannotLie: l AND v BETWEEN $lo AND $hi, and l AND
// a > $x, are each one sign check of d − (1 − l)·2^k (no product). Flipping
// its bit on a row where both sides hold (left out), or on one where only l
// fails (taken; there d is below −2^62), finds no proof; the controls,
// through the same hook, prove. Flips are counted, so the fused check must
// be reached.
func TestFusedComparisonBitsCannotLie(t *testing.T) {
	p, st := setup(t, []int64{1, 2, 3, 4, 5, 6, 7, 8})
	const between = "SELECT COUNT(*), SUM(a) FROM t WHERE a <> 4 AND a BETWEEN $1 AND $2"
	const greater = "SELECT COUNT(*), SUM(a) FROM t WHERE a <> 4 AND a > $1"
	const betweenFirst = "SELECT COUNT(*), SUM(a) FROM t WHERE a BETWEEN $1 AND $2 AND a <> 4" // folded the other way
	low := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 62))
	is := func(v int64) func(d *big.Int) bool {
		return func(d *big.Int) bool { return d.IsInt64() && d.Int64() == v }
	}
	never := func(*big.Int) bool { return false }
	gateOff := func(d *big.Int) bool { return d.Cmp(low) < 0 }
	for _, tc := range []struct {
		name       string
		q          string
		params     []string
		flip       func(d *big.Int) bool // on the fused sign check's d
		count, sum int64
		provable   bool
	}{
		{"between: control", between, []string{"3", "6"}, never, 3, 14, true},
		// a = 5: p = (5 − 3 + 1)·(6 − 5 + 1) = 6, d = p − 1 = 5
		{"between: an inside row left out", between, []string{"3", "6"}, is(5), 2, 9, false},
		{"between: a row the left side refuses taken", between, []string{"3", "6"}, gateOff, 4, 18, false},
		{"between first: control", betweenFirst, []string{"3", "6"}, never, 3, 14, true},
		{"between first: an inside row left out", betweenFirst, []string{"3", "6"}, is(5), 2, 9, false},
		{"between first: a row the right side refuses taken", betweenFirst, []string{"3", "6"}, gateOff, 4, 18, false},
		{"greater: control", greater, []string{"2"}, never, 5, 29, true},
		// a = 5: d = a − 2 − 1 = 2
		{"greater: a row above left out", greater, []string{"2"}, is(2), 4, 24, false},
		{"greater: a row the left side refuses taken", greater, []string{"2"}, gateOff, 6, 33, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pl := plan(t, st, tc.q, tc.params...)
			flips := 0
			p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.LessThanHint), func(m *big.Int, in, out []*big.Int) error {
				if err := circuits.LessThanHint(m, in, out); err != nil {
					return err
				}
				// the sign check's d = b − a − 1 (a carries the gate's shift)
				d := new(big.Int).Sub(schema.DecodeSignedBig(in[1]), schema.DecodeSignedBig(in[0]))
				if d.Sub(d, big.NewInt(1)); tc.flip(d) {
					out[0].SetInt64(1 - out[0].Int64())
					flips++
				}
				return nil
			})}
			p.alterWitness = func(w *circuits.Query) { w.Partials[0], w.Partials[1] = tc.count, tc.sum }
			_, _, err := p.Prove(context.Background(), pl, tc.params)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
			if !tc.provable && flips == 0 {
				t.Fatal("the lie was never told: no fused check had the inputs to flip")
			}
		})
	}
	p.extraSolverOpts, p.alterWitness = nil, nil
}

// A prover of MIN/MAX per group may not claim an extreme no row attains,
// one some row beats, per-row extremes that differ from the slot's, or two
// witness rows for a group; the control sets the true values through the
// same hook and proves.
func TestGroupExtremesCannotLie(t *testing.T) {
	// (k, v): group 1 has v = 5 3 8 3 (min 3, attained twice), group 2 has 7 2 (min 2)
	ks := []int64{1, 1, 1, 2, 2, 1}
	vs := []int64{5, 3, 8, 7, 2, 3}
	type lie struct {
		name   string
		min1   int64   // slot 0's claimed MIN
		ext    []int64 // per-row extremes
		wit    []int   // witness rows
		honest bool
	}
	lies := []lie{
		{"control", 3, []int64{3, 3, 3, 2, 2, 3}, []int{1, 4}, true},
		{"control, other witness", 3, []int64{3, 3, 3, 2, 2, 3}, []int{5, 4}, true},
		{"unattained lower", 1, []int64{1, 1, 1, 2, 2, 1}, []int{1, 4}, false},
		{"unattained lower, no witness", 1, []int64{1, 1, 1, 2, 2, 1}, []int{4}, false},
		{"beaten", 5, []int64{5, 5, 5, 2, 2, 5}, []int{0, 4}, false},
		{"row extreme differs", 5, []int64{5, 3, 5, 2, 2, 3}, []int{0, 4}, false},
		{"two witnesses", 3, []int64{3, 3, 3, 2, 2, 3}, []int{1, 5, 4}, false},
	}
	for _, l := range lies {
		t.Run(l.name, func(t *testing.T) {
			p, pl := minProver(t, ks, vs)
			if _, _, err := p.Prove(context.Background(), pl, nil); err != nil {
				t.Fatalf("honest proof failed: %v", err)
			}
			p.alterResult = func(r *segmentResult) {
				r.slots[0][2] = big.NewInt(l.min1) // slot 0: (key, count, MIN)
				for i := range r.groups.Extreme[0] {
					r.groups.Extreme[0][i], r.groups.Witness[0][i] = new(big.Int), false
					if i < len(l.ext) {
						r.groups.Extreme[0][i] = big.NewInt(l.ext[i])
					}
				}
				for _, i := range l.wit {
					r.groups.Witness[0][i] = true
				}
			}
			if got := provenAndVerified(t, p, pl); got != l.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, l.honest)
			}
		})
	}
}

// minProver stores a table t(k TINYINT, v BIGINT) of the given rows and
// returns a prover with the plan of SELECT k, MIN(v) FROM t GROUP BY k.
func minProver(t *testing.T, ks, vs []int64) (*Prover, *planner.Plan) {
	t.Helper()
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "k", Type: schema.TinyInt}, {Name: "v", Type: schema.BigInt}}}
	cols := make([][]fr.Element, 2)
	for i := range ks {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(ks[i])))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(vs[i])))
	}
	p, st := setupTable(t, tbl, cols, 3)
	return p, plan(t, st, "SELECT k, MIN(v) FROM t GROUP BY k")
}

// TestGroupWitnessOnPaddingRow: a padding row is all zero, so it has group
// 0's key and the value 0; as group 0's MIN witness it would make 0 that
// group's minimum (every real value is above it, as a minimum's check
// requires). Only the row's selected bit refuses it; the control, the true
// minimum on a real row, goes through the same hook.
func TestGroupWitnessOnPaddingRow(t *testing.T) {
	ks := []int64{0, 0, 1} // group 0: v = 5 7 (min 5); group 1: 3; rows 3..7 are padding
	vs := []int64{5, 7, 3}
	for _, c := range []struct {
		name    string
		min0    int64
		witness int // group 0's witness row
		honest  bool
	}{
		{"control", 5, 0, true},
		{"padding row as the witness of 0", 0, 4, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, pl := minProver(t, ks, vs)
			p.alterResult = func(r *segmentResult) {
				r.slots[0][2] = big.NewInt(c.min0) // slot 0: (key, count, MIN)
				for i := range ks {
					if ks[i] == 0 {
						r.groups.Extreme[0][i] = big.NewInt(c.min0)
					}
				}
			}
			p.alterWitness = func(w *circuits.Query) {
				// group 0's weight (its count, 2) moves to the witness row
				w.GroupWit[0][0], w.GroupWit[0][1] = 0, 0
				w.GroupWit[0][c.witness] = 2
			}
			if got := provenAndVerified(t, p, pl); got != c.honest {
				t.Fatalf("proven and verified: %v, want %v", got, c.honest)
			}
		})
	}
}

// TestGroupWitnessWeights: the witness weights of MIN/MAX are field
// elements that must sum to the group's count. Weights 5 and −1 on two rows
// that attain the minimum prove the same, true result; a weight on a row
// that does not attain it is refused, whatever the others, and so are
// weights that do not sum to the count.
func TestGroupWitnessWeights(t *testing.T) {
	ks := []int64{1, 1, 1, 2, 2, 1} // group 1 (4 rows): v = 5 3 8 3 (min 3 at rows 1, 5); group 2: 7 2
	vs := []int64{5, 3, 8, 7, 2, 3}
	minusOne := new(big.Int).Sub(ecc.BN254.ScalarField(), big.NewInt(1))
	for _, c := range []struct {
		name    string
		weights map[int]*big.Int // row → weight, group 1's rows
		honest  bool
	}{
		{"weights 5 and −1 on attaining rows", map[int]*big.Int{1: big.NewInt(5), 5: minusOne}, true},
		{"count on one attaining row", map[int]*big.Int{5: big.NewInt(4)}, true},
		{"weight on a row above the minimum", map[int]*big.Int{1: big.NewInt(5), 0: minusOne}, false},
		{"count on a row above the minimum", map[int]*big.Int{0: big.NewInt(4)}, false},
		{"weights summing to 2", map[int]*big.Int{1: big.NewInt(1), 5: big.NewInt(1)}, false},
		{"weight 1, as a witness bit", map[int]*big.Int{1: big.NewInt(1)}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, pl := minProver(t, ks, vs)
			p.alterWitness = func(w *circuits.Query) {
				for i := range ks {
					if ks[i] == 1 {
						w.GroupWit[0][i] = 0
						if v, ok := c.weights[i]; ok {
							w.GroupWit[0][i] = v
						}
					}
				}
			}
			if got := provenAndVerified(t, p, pl); got != c.honest {
				t.Fatalf("proven and verified: %v, want %v", got, c.honest)
			}
		})
	}
}

// The same for a UINT256 ORDER BY key, whose ordinals take two field
// elements: skipping a higher row or reordering finds no proof.
func TestRowSlotsCannotLieUint256(t *testing.T) {
	vals := []*big.Int{big.NewInt(5), new(big.Int).Lsh(big.NewInt(1), 200), big.NewInt(1), new(big.Int).Lsh(big.NewInt(3), 130), big.NewInt(3)}
	slot := func(pos int) []*big.Int {
		lo, hi := schema.SplitUint256(vals[pos])
		return []*big.Int{big.NewInt(int64(pos)), lo, hi, lo, hi} // position, item limbs, key limbs
	}
	cases := []struct {
		name   string
		slots  []int
		honest bool
	}{
		{"control", []int{1, 3}, true},
		{"skips a higher row", []int{1, 0}, false},
		{"out of order", []int{3, 1}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			st, err := store.Open(dir, store.Options{SRSSize: 16})
			if err != nil {
				t.Fatal(err)
			}
			tbl := &schema.Table{Name: "t", Columns: schema.WithLimbs([]schema.Column{{Name: "a", Type: schema.Uint256}})}
			cols := make([][]fr.Element, 2)
			for _, v := range vals {
				lo, hi := schema.SplitUint256(v)
				cols[0], cols[1] = append(cols[0], schema.Encode(lo)), append(cols[1], schema.Encode(hi))
			}
			if _, err := st.Append(tbl, 3, cols); err != nil {
				t.Fatal(err)
			}
			b := proofsys.Groth16{}
			p := &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}
			pl := plan(t, st, "SELECT a FROM t ORDER BY a DESC LIMIT 2")
			p.alterResult = func(r *segmentResult) {
				r.slots = nil
				r.taken = make([]bool, len(vals))
				for _, pos := range tc.slots {
					r.slots = append(r.slots, slot(pos))
					r.taken[pos] = true
				}
				r.partials[1] = big.NewInt(int64(len(r.slots)))
			}
			if got := provenAndVerified(t, p, pl); got != tc.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, tc.honest)
			}
		})
	}
}

// BETWEEN with parameter bounds is one sign check of a product per row and
// one comparison of the bounds per circuit: flipping a row's bit, or the
// bounds' order (which empties the range), with the count and sum
// recomputed for the lie, finds no proof; the control goes through the
// same hooks.
func TestBetweenBitsCannotLie(t *testing.T) {
	p, st := setup(t, []int64{1, 2, 3, 4, 5, 6, 7, 8})
	const q = "SELECT COUNT(*), SUM(a) FROM t WHERE a BETWEEN $1 AND $2"
	for _, tc := range []struct {
		name       string
		lo, hi     string
		flipA      int64 // flip LessThanHint's answer for inputs (flipA, flipB)
		flipB      int64
		count, sum int64
		provable   bool
	}{
		{"control", "3", "6", -1, -1, 4, 18, true},
		{"an inside row left out", "3", "6", 0, (5 - 2) * (7 - 5), 3, 13, false},
		{"an outside row taken", "3", "6", 0, (8 - 2) * (7 - 8), 5, 26, false},
		{"control, reversed bounds", "6", "2", -1, -1, 0, 0, true},
		{"reversed bounds taken as ordered", "6", "2", 2, 6, 5, 20, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pl := plan(t, st, q, tc.lo, tc.hi)
			flips := 0
			p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.LessThanHint), func(m *big.Int, in, out []*big.Int) error {
				if err := circuits.LessThanHint(m, in, out); err != nil {
					return err
				}
				a, b := schema.DecodeSignedBig(in[0]), schema.DecodeSignedBig(in[1])
				if a.Int64() == tc.flipA && b.Int64() == tc.flipB {
					out[0].SetInt64(1 - out[0].Int64())
					flips++
				}
				return nil
			})}
			p.alterWitness = func(w *circuits.Query) { w.Partials[0], w.Partials[1] = tc.count, tc.sum }
			_, _, err := p.Prove(context.Background(), pl, []string{tc.lo, tc.hi})
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
			if !tc.provable && flips == 0 {
				t.Fatal("the lie was never told: no comparison had the inputs to flip")
			}
		})
	}
	p.extraSolverOpts, p.alterWitness = nil, nil
}

// A row plan links the columns only its fingerprint reads as one value
// per row (planner.FingerprintLink): element 0's, packed, plus the
// fingerprint's tail (here a UINT256's two limbs, each under its power of
// β). A prover changing one of them in the circuit's column, with the
// returned row changed to match (so the lookup holds), or changing a row it
// does not return, finds no verifying receipt; the control goes through
// the same hooks unchanged.
func TestFingerprintLinkCannotLie(t *testing.T) {
	// rows 0..3: (a, b, c, u); c > 0 ORDER BY c DESC LIMIT 1 returns row 1
	const csv = "10,20,1,100\n11,21,5,101\n12,22,0,102\n13,23,3,103\n"
	const query = "SELECT a, b, u FROM t WHERE c > 0 ORDER BY c DESC LIMIT 1"
	vals := [][]int64{{10, 20, 1, 100, 0}, {11, 21, 5, 101, 0}, {12, 22, 0, 102, 0}, {13, 23, 3, 103, 0}}
	for _, tc := range []struct {
		name   string
		row    int // the row changed
		column int // its table column: 0 a, 1 b, 3 u's low limb, 4 its high limb
		slot   int // the value's index in the returned row's slot
		by     int64
		honest bool
	}{
		{"control", 1, 0, 1, 0, true},
		{"returned a", 1, 0, 1, 1, false},
		{"returned b", 1, 1, 2, -1, false},
		{"returned u, low limb", 1, 3, 3, 1, false},
		{"returned u, high limb", 1, 4, 4, 1, false},
		{"row not returned", 3, 1, 0, 7, false},
		{"row not returned, u", 2, 3, 0, 7, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "a INT UNSIGNED, b INT UNSIGNED, c INT, u UINT256", csv)
			pl := plan(t, st, query)
			fl := pl.FingerprintLink(3)
			if fl == nil || len(fl.Only) != 4 {
				t.Fatalf("fingerprint link %+v: want a, b and u's limbs linked only there", fl)
			}
			changed := vals[tc.row][tc.column] + tc.by
			col := pl.CircuitColumn(tc.column)
			p.alterResult = func(r *segmentResult) {
				if tc.row == 1 {
					r.slots[0][tc.slot] = big.NewInt(changed)
				}
			}
			p.alterWitness = func(w *circuits.Query) {
				w.Cols[col][tc.row] = changed
				if tc.row == 1 {
					w.Slots[0][tc.slot] = changed
				}
			}
			if got := provenAndVerified(t, p, pl); got != tc.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, tc.honest)
			}
		})
	}
}

// The circuit leaves the returned rows' positions and value ranges to the
// verifier (planner.Plan.CheckSlotRows); they keep the lookup fingerprint's
// packing injective on slots. A slot packing to the top row's fingerprint
// with other values — the position 8 higher and the value 1 lower, or one
// packed value 2^width higher and the next 1 lower — passes the circuit
// (the lookup takes the top row for it, and every row left out ranks after
// it) and returns a value no row has; the verifier refuses it. The
// controls return the true top row through the same hook.
func TestSlotRangesAreChecked(t *testing.T) {
	t.Run("position", func(t *testing.T) {
		const query = "SELECT a FROM t WHERE a > 2 ORDER BY a DESC LIMIT 1"
		for _, tc := range []struct {
			name   string
			slot   []int64 // position, a, a (the ORDER BY key)
			honest bool
		}{
			{"control", []int64{1, 9, 9}, true},
			{"position outside the segment", []int64{9, 8, 8}, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p, st := setup(t, []int64{5, 9, 1})
				err := proveRowSlots(p, plan(t, st, query), [][]int64{tc.slot}, []int{1}, 2, nil)
				if tc.honest != (err == nil) {
					t.Fatalf("verified: %v, want %v (%v)", err == nil, tc.honest, err)
				}
				if !tc.honest && !strings.Contains(err.Error(), "not one of the segment's") {
					t.Fatalf("refused for another reason: %v", err)
				}
			})
		}
	})
	t.Run("value", func(t *testing.T) {
		// rows 0..2: (a, b, c); c > 0 ORDER BY c DESC LIMIT 1 returns row 1
		const query = "SELECT a, b FROM t WHERE c > 0 ORDER BY c DESC LIMIT 1"
		p, st := csvProver(t, "a TINYINT UNSIGNED, b TINYINT UNSIGNED, c INT", "10,20,1\n11,21,5\n12,22,0\n")
		pl := plan(t, st, query)
		// two packed values of element 0, one right above the other
		var lowIdx, highIdx, lowWidth int
		fp := pl.Fingerprint(3)
		for _, lo := range fp.Packed {
			for _, hi := range fp.Packed {
				if lo.Element == 0 && hi.Element == 0 && hi.Shift == lo.Shift+lo.Width && lo.Index <= 2 && hi.Index <= 2 {
					lowIdx, highIdx, lowWidth = lo.Index, hi.Index, lo.Width
				}
			}
		}
		if lowIdx == 0 {
			t.Fatalf("a and b are not packed side by side: %+v", fp)
		}
		top := []int64{1, 11, 21, 5}
		lie := append([]int64{}, top...)
		lie[lowIdx] += 1 << lowWidth
		lie[highIdx]--
		for _, tc := range []struct {
			name   string
			slot   []int64
			honest bool
		}{
			{"control", top, true},
			{"value outside its type", lie, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := proveRowSlots(p, pl, [][]int64{tc.slot}, []int{1}, 2, nil)
				if tc.honest != (err == nil) {
					t.Fatalf("verified: %v, want %v (%v)", err == nil, tc.honest, err)
				}
				if !tc.honest && !strings.Contains(err.Error(), "outside its range") {
					t.Fatalf("refused for another reason: %v", err)
				}
			})
		}
	})
}

// A row plan's lookup fingerprint challenge β is a public input the
// verifier derives from Z (circuits.DeriveChallenge). A prover free to
// pick it could make a changed row collide with the true one: with β = 0 a
// slot whose second fingerprint element is off (b + 1) matches row 1, and
// the fingerprint link no longer binds b at all. That proof comes out, and
// the verifier refuses it; with the true β the same lie yields no proof;
// the control proves and verifies with the true row.
func TestRowChallengeIsTheVerifiers(t *testing.T) {
	const (
		a0 = "0x00000000000000000000000000000000000000a0"
		a1 = "0x00000000000000000000000000000000000000a1"
		b0 = "0x00000000000000000000000000000000000000b0"
		b1 = "0x00000000000000000000000000000000000000b1"
	)
	csv := a0 + "," + b0 + ",1\n" + a1 + "," + b1 + ",5\n"
	const query = "SELECT a, b FROM t WHERE c > 0 ORDER BY c DESC LIMIT 1"
	for _, tc := range []struct {
		name             string
		lie              bool
		zeroBeta         bool
		proven, verified bool
	}{
		{"control", false, false, true, true},
		{"b changed, the true β", true, false, false, false},
		{"b changed, β = 0", true, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "a ADDRESS, b ADDRESS, c INT", csv)
			pl := plan(t, st, query)
			if fp := pl.Fingerprint(3); fp.Elements != 2 {
				t.Fatalf("fingerprint %+v: want a and b in two elements", fp)
			}
			slot := []int64{1, 0xa1, 0xb1, 5}
			if tc.lie {
				slot[2]++
			}
			if tc.zeroBeta {
				p.alterChallenge = func(string, *big.Int) *big.Int { return new(big.Int) }
			}
			p.alterResult = func(r *segmentResult) {
				r.slots = [][]*big.Int{{big.NewInt(slot[0]), big.NewInt(slot[1]), big.NewInt(slot[2]), big.NewInt(slot[3])}}
			}
			p.alterWitness = func(w *circuits.Query) {
				for k, v := range slot {
					w.Slots[0][k] = v
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, nil)
			if (err == nil) != tc.proven {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.proven, err)
			}
			if err != nil {
				return
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); (err == nil) != tc.verified {
				t.Fatalf("verified: %v, want %v (%v)", err == nil, tc.verified, err)
			}
		})
	}
}

// A grouped plan's count and sums are evaluated at Z packed into one value
// (planner.SlotEvals). A receipt moving 2^w from one sum into the next —
// the first sum 2^w higher, the second 1 lower, w the first's width — packs
// the same and evaluates as proven, and its final rows are made to match;
// the verifier refuses it for the first sum outside its bounds. The
// control, the untouched receipt, verifies.
func TestPackedGroupSumsCannotShift(t *testing.T) {
	p, st := csvProver(t, "v BIGINT, u INT, g TINYINT", "1,10,0\n2,20,1\n3,30,0\n")
	pl := plan(t, st, "SELECT g, COUNT(*), SUM(v), SUM(u) FROM t GROUP BY g")
	var packed planner.SlotEval
	for _, ev := range pl.SlotEvals() {
		if len(ev) == 3 {
			packed = ev
		}
	}
	if packed == nil {
		t.Fatalf("slot evaluations %+v: want the count and both sums in one", pl.SlotEvals())
	}
	for _, lie := range []bool{false, true} {
		rc, _, err := p.Prove(context.Background(), pl, nil)
		if err != nil {
			t.Fatal(err)
		}
		if lie {
			seg := rc.Segments[0].Rows[0]
			first, second := packed[1], packed[2]
			shift := func(s string, by *big.Int) string {
				v, _ := new(big.Int).SetString(s, 10)
				return v.Add(v, by).String()
			}
			up := new(big.Int).Lsh(big.NewInt(1), uint(first.Width))
			seg[first.Index] = shift(seg[first.Index], up)
			seg[second.Index] = shift(seg[second.Index], big.NewInt(-1))
			// the final row: g, COUNT, SUM(v), SUM(u), in slot order
			rc.Rows[0][first.Index] = shift(rc.Rows[0][first.Index], up)
			rc.Rows[0][second.Index] = shift(rc.Rows[0][second.Index], big.NewInt(-1))
		}
		refusedIff(t, rc, lie, "outside its bounds")
	}
}

// refusedIff verifies rc and expects it refused, with want in the reason,
// where lie is set, and accepted otherwise (the control).
func refusedIff(t *testing.T, rc *receipt.Receipt, lie bool, want string) {
	t.Helper()
	_, err := verifier.Verify(rc, verifier.Options{})
	if lie && (err == nil || !strings.Contains(err.Error(), want)) {
		t.Fatalf("the lie verified or was refused for another reason: %v", err)
	}
	if !lie && err != nil {
		t.Fatalf("control: %v", err)
	}
}

// Without MIN/MAX, a grouped plan's count and sums identities are checked
// packed as its slots are evaluated (one fraction per slot and column), so
// the circuit pins a group's packed count and sums, not each: a prover
// whose group slot holds the count 2^w higher and the sum 1 lower (w the
// count's width) packs the same, proves, and would show a count no group
// has; the verifier refuses the receipt for the count outside its bounds.
// The control, the true slots through the same hook, verifies.
func TestPackedGroupCountCannotShift(t *testing.T) {
	p, st := csvProver(t, "v BIGINT, g TINYINT", "1,0\n2,1\n3,0\n")
	pl := plan(t, st, "SELECT g, COUNT(*), SUM(v) FROM t GROUP BY g")
	packed := pl.SlotEvals()[1]
	if len(packed) != 2 || packed[0].Index != 1 || packed[1].Index != 2 {
		t.Fatalf("slot evaluations %+v: want the count and the sum in one", pl.SlotEvals())
	}
	for _, lie := range []bool{false, true} {
		p.alterResult = func(r *segmentResult) {
			if lie { // group g = 0: count 2, sum 4
				r.slots[0][1] = new(big.Int).Add(r.slots[0][1], new(big.Int).Lsh(big.NewInt(1), uint(packed[0].Width)))
				r.slots[0][2] = new(big.Int).Sub(r.slots[0][2], big.NewInt(1))
			}
		}
		rc, _, err := p.Prove(context.Background(), pl, nil)
		if err != nil {
			t.Fatalf("lie %v: the packed identities should hold: %v", lie, err)
		}
		refusedIff(t, rc, lie, "outside its bounds")
	}
}

// Every lookup challenge is a public input the verifier derives from Z
// (circuits.ChallengeNames, DeriveChallenge): a prover proving an honest
// result with challenges of its own (0: every honest identity holds for
// any challenge, so the proof comes out) has its receipt refused, whatever
// the plan — a general join (β), a lookup join (β and r), a grouped plan
// with MIN/MAX (β) and with a wide key (γ); the controls, with the derived
// challenges, verify.
func TestChallengesAreTheVerifiers(t *testing.T) {
	for _, tc := range []struct {
		name, columns, csv, query string
		challenges                []string
	}{
		{"MIN/MAX per group", "v BIGINT, g TINYINT", "1,0\n2,1\n3,0\n", "SELECT g, MIN(v), MAX(v) FROM t GROUP BY g", []string{circuits.ChallengeGroupBeta}},
		{"wide key", "u UINT256, n INT", "5,1\n6,2\n5,3\n", "SELECT u, COUNT(*), SUM(n) FROM t GROUP BY u", []string{circuits.ChallengeGroupGamma}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, tc.columns, tc.csv)
			pl := plan(t, st, tc.query)
			if got := circuits.ChallengeNames(pl, false); fmt.Sprint(got) != fmt.Sprint(tc.challenges) {
				t.Fatalf("challenges %v, want %v", got, tc.challenges)
			}
			provenWithZeros(t, p, pl, nil)
		})
	}
	t.Run("general join", func(t *testing.T) {
		p, st := joinSetup(t, 3, []int64{1, 2, 1}, []int64{10, 20, 30}, []int64{1, 1, 2}, []int64{5, 6, 7})
		general := false
		p.forceLookup = &general
		pl := plan(t, st, "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l JOIN r ON l.k = r.k")
		if got := circuits.ChallengeNames(pl, false); fmt.Sprint(got) != fmt.Sprint([]string{circuits.ChallengeJoinBeta}) {
			t.Fatalf("challenges %v", got)
		}
		provenWithZeros(t, p, pl, nil)
	})
	t.Run("lookup join", func(t *testing.T) {
		p, pl := windowedJoin(t, false)
		if got := circuits.ChallengeNames(pl, true); fmt.Sprint(got) != fmt.Sprint([]string{circuits.ChallengeJoinBeta, circuits.ChallengeJoinR}) {
			t.Fatalf("challenges %v", got)
		}
		provenWithZeros(t, p, pl, []string{"2", "4"})
	})
}

// provenWithZeros proves a plan honestly, verifies it (the control), then
// proves it again with every public challenge 0 and expects the verifier
// to refuse the receipt.
func provenWithZeros(t *testing.T, p *Prover, pl *planner.Plan, args []string) {
	t.Helper()
	for _, zeros := range []bool{false, true} {
		p.alterChallenge = nil
		if zeros {
			p.alterChallenge = func(string, *big.Int) *big.Int { return new(big.Int) }
		}
		rc, _, err := p.Prove(context.Background(), pl, args)
		if err != nil {
			t.Fatalf("zero challenges %v: no proof: %v", zeros, err)
		}
		refusedIff(t, rc, zeros, "")
	}
}

// A one-table grouped plan's circuit holds as many group slots as the
// data's segments need (circuits.Size.GroupSlots: the least power of two
// at least the most groups of a segment): here 3 groups in a segment of 8
// rows, so 4 slots, in the receipt's group_slots. Forced to fewer slots
// than groups, the prover cannot place them (dropping a group to fit is
// what TestGroupSlotsCannotLie refuses: every key's count must sit in a
// slot); a receipt whose group_slots is no power of two below the
// capacity, or is set on a plan that has none, is refused.
func TestGroupSlotsFollowTheData(t *testing.T) {
	const query = "SELECT g, COUNT(*), SUM(v) FROM t GROUP BY g"
	p, st := csvProver(t, "v BIGINT, g TINYINT", "1,0\n2,1\n3,0\n4,2\n")
	pl := plan(t, st, query)
	rc, _, err := p.Prove(context.Background(), pl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rc.GroupSlots != 4 {
		t.Fatalf("group_slots %d, want 4 for 3 groups", rc.GroupSlots)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []int{3, 8, 16, -4} {
		tampered := *rc
		tampered.GroupSlots = bad
		if _, err := verifier.Verify(&tampered, verifier.Options{}); err == nil || !strings.Contains(err.Error(), "group_slots") {
			t.Errorf("group_slots %d: %v", bad, err)
		}
	}
	two := 2
	p.forceGroupSlots = &two
	if _, _, err := p.Prove(context.Background(), pl, nil); err == nil {
		t.Fatal("3 groups proven in 2 slots")
	}
	p.forceGroupSlots = nil
	p2, st2 := csvProver(t, "v BIGINT", "1\n2\n")
	pl2 := plan(t, st2, "SELECT COUNT(*), SUM(v) FROM t")
	rc2, _, err := p2.Prove(context.Background(), pl2, nil)
	if err != nil {
		t.Fatal(err)
	}
	rc2.GroupSlots = 2
	if _, err := verifier.Verify(rc2, verifier.Options{}); err == nil || !strings.Contains(err.Error(), "group_slots") {
		t.Errorf("group_slots on an aggregate: %v", err)
	}
}

// An equality's answer comes from a hint (circuits.ZeroFlagHint) and its
// inverse from a batch one; only the circuit's two constraints per test
// hold them. A prover that answers "equal" for a row that is not (a = 4
// against $1 = 1), with the inverse that keeps the first constraint, and
// claims the count and sum that answer gives, finds no proof; the control
// goes through the same hooks and proves the honest result.
func TestEqualityAnswerCannotBeFlipped(t *testing.T) {
	for _, tc := range []struct {
		name   string
		flip   bool
		honest bool
	}{{"control", false, true}, {"a = 4 answered equal to 1", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := setup(t, []int64{3, 1, 4, 1, 5})
			pl := plan(t, st, "SELECT COUNT(*), SUM(a) FROM t WHERE a = $1", "1")
			flipped := func(in *big.Int) bool { return tc.flip && in.Cmp(big.NewInt(3)) == 0 } // x = a − $1 on row a = 4
			p.extraSolverOpts = []solver.Option{
				solver.OverrideHint(solver.GetHintID(circuits.ZeroFlagHint), func(m *big.Int, in, out []*big.Int) error {
					if err := circuits.ZeroFlagHint(m, in, out); err != nil {
						return err
					}
					if flipped(in[0]) {
						out[0].SetUint64(1)
					}
					return nil
				}),
				solver.OverrideHint(solver.GetHintID(circuits.InverseOrZeroHint), func(m *big.Int, in, out []*big.Int) error {
					if err := circuits.InverseOrZeroHint(m, in, out); err != nil {
						return err
					}
					for i := range in {
						if flipped(in[i]) {
							out[i].SetUint64(0) // x·0 = 1 − 1
						}
					}
					return nil
				}),
			}
			if tc.flip {
				p.alterWitness = func(w *circuits.Query) { w.Partials[0], w.Partials[1] = 3, 6 }
			}
			_, _, err := p.Prove(context.Background(), pl, []string{"1"})
			t.Logf("%s: %v", tc.name, err)
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v", err == nil, tc.honest)
			}
		})
	}
}

// A filter ending in an equality masks each row's count and SUM values
// packed into one element (circuits: sumPacking), and a plan of two sums
// or more multiplies the packed value by the row's flag where no equality
// ends its filter, so the circuit pins the partials' packing Σ
// 2^shift·partial, not each: a prover that moves 2^w
// between the count and the sum (w the count's width), or 1 from the
// count into the sum at 2^−w (a field element past the sum's range),
// packs the same, and only the range check of each partial refuses it.
// The control proves and verifies through the same hook.
func TestMaskedSumsCannotShift(t *testing.T) {
	for _, q := range []struct {
		sql, param, rows string
	}{
		{"SELECT COUNT(*), SUM(v) FROM t WHERE g = $1", "1", "[[3 -13]]"},
		// no equality: each row's packed value times its flag
		{"SELECT COUNT(*), SUM(v), SUM(g) FROM t WHERE g < $1", "2", "[[3 -13 3]]"},
	} {
		p, st := csvProver(t, "v BIGINT, g TINYINT", "5,1\n-7,1\n9,2\n-11,1\n")
		pl := plan(t, st, q.sql, q.param)
		r := ecc.BN254.ScalarField()
		for _, tc := range []struct {
			name         string
			count, shift func(w *big.Int) *big.Int // the count's and the sum's change
		}{
			{"control", func(*big.Int) *big.Int { return new(big.Int) }, func(*big.Int) *big.Int { return new(big.Int) }},
			{"2^w moved into the count", func(w *big.Int) *big.Int { return w }, func(*big.Int) *big.Int { return big.NewInt(-1) }},
			{"1 moved into the sum", func(*big.Int) *big.Int { return big.NewInt(-1) }, func(w *big.Int) *big.Int { return new(big.Int).ModInverse(w, r) }},
		} {
			p.alterWitness = func(w *circuits.Query) {
				shift := big.NewInt(int64(2 * len(w.Cols[0]))) // 2^(logN + 1)
				for i, by := range []*big.Int{tc.count(shift), tc.shift(shift)} {
					v := new(big.Int).Set(w.Partials[i].(*big.Int))
					w.Partials[i] = v.Add(v, by).Mod(v, r)
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, []string{q.param})
			if tc.name != "control" {
				if err == nil {
					t.Fatalf("%s, %s: proven", q.sql, tc.name)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s, control: %v", q.sql, err)
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err != nil || fmt.Sprint(rc.Rows) != q.rows {
				t.Fatalf("%s, control: rows %v, %v", q.sql, rc.Rows, err)
			}
		}
	}
}

// A grouped plan whose filter ends in an equality masks each row's packed
// count and sums by it, one fraction a row (circuits' masked groups): a
// prover may not count a row the filter leaves out into its group, change
// a group's sum, or move a selected row to another group. The lies change
// the honest slots (key, count, sum); the control keeps them.
func TestMaskedGroupsCannotLie(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(slots [][]*big.Int) // slot 0: g = 1 (rows 5 and 11), slot 1: g = 2 (row 9)
		honest bool
	}{
		{"control", func([][]*big.Int) {}, true},
		{"a row left out counted in", func(s [][]*big.Int) { s[0][1].Add(s[0][1], big.NewInt(1)); s[0][2].Add(s[0][2], big.NewInt(7)) }, false},
		{"a sum changed", func(s [][]*big.Int) { s[1][2].Add(s[1][2], big.NewInt(1)) }, false},
		{"a row moved", func(s [][]*big.Int) {
			s[0][1].Sub(s[0][1], big.NewInt(1))
			s[0][2].Sub(s[0][2], big.NewInt(5))
			s[1][1].Add(s[1][1], big.NewInt(1))
			s[1][2].Add(s[1][2], big.NewInt(5))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "v BIGINT, g TINYINT, h TINYINT", "5,1,1\n7,1,2\n9,2,1\n11,1,1\n")
			pl := plan(t, st, "SELECT g, COUNT(*), SUM(v) FROM t WHERE h = $1 GROUP BY g", "1")
			p.alterResult = func(r *segmentResult) {
				if len(r.slots) != 2 || r.slots[0][1].Int64() != 2 || r.slots[0][2].Int64() != 16 || r.slots[1][2].Int64() != 9 {
					t.Fatalf("honest slots %v", r.slots)
				}
				tc.change(r.slots)
			}
			rc, _, err := p.Prove(context.Background(), pl, []string{"1"})
			if err == nil {
				_, err = verifier.Verify(rc, verifier.Options{})
			}
			if (err == nil) != tc.honest {
				t.Fatalf("proven and verified: %v, want %v", err, tc.honest)
			}
		})
	}
}

// An AND whose right side is an equality folds its left side's value into
// the equality's IsZero test as a gate (no product), and a filter so
// ending masks the rows' sums by that test: a prover may not count the row
// one equality leaves out (v 7: g 1, h 2), in either order of the AND,
// with masked sums (COUNT, SUM) or with the flag (MIN keeps it).
func TestFoldedAndCannotLie(t *testing.T) {
	for _, tc := range []struct {
		sql      string
		partials []int64 // honest
		lie      []int64
	}{
		{"SELECT COUNT(*), SUM(v) FROM t WHERE g = $1 AND h = $2", []int64{2, 16}, []int64{3, 23}},
		{"SELECT COUNT(*), SUM(v) FROM t WHERE h = $2 AND g = $1", []int64{2, 16}, []int64{3, 23}},
		{"SELECT COUNT(*), MIN(v) FROM t WHERE g = $1 AND h = $2", []int64{2, 5}, []int64{3, 5}},
		{"SELECT COUNT(*), MAX(v) FROM t WHERE g = $1 AND h = $2", []int64{2, 11}, []int64{3, 11}},
	} {
		for _, lie := range []bool{false, true} {
			p, st := csvProver(t, "v BIGINT, g TINYINT, h TINYINT", "5,1,1\n7,1,2\n9,2,1\n11,1,1\n")
			pl := plan(t, st, tc.sql, "1", "1")
			want := tc.partials
			if lie {
				want = tc.lie
			}
			p.alterWitness = func(w *circuits.Query) {
				for i, v := range want {
					w.Partials[i] = big.NewInt(v)
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, []string{"1", "1"})
			if err == nil {
				_, err = verifier.Verify(rc, verifier.Options{})
			}
			if (err == nil) == lie {
				t.Fatalf("%s, partials %v: proven and verified: %v", tc.sql, want, err)
			}
		}
	}
}
