package prover

import (
	"context"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/internal/poly"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// joinSetup stores l(k, x) in segments of 8 rows and r(k, y) in segments
// of 2^logRight.
func joinSetup(t *testing.T, logRight int, lk, lx, rk, ry []int64) (*Prover, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range []struct {
		name, a, b string
		va, vb     []int64
		logCap     int
	}{{"l", "k", "x", lk, lx, 3}, {"r", "k", "y", rk, ry, logRight}} {
		cols := make([][]fr.Element, 2)
		for i := range tb.va {
			cols[0] = append(cols[0], schema.Encode(big.NewInt(tb.va[i])))
			cols[1] = append(cols[1], schema.Encode(big.NewInt(tb.vb[i])))
		}
		tbl := &schema.Table{Name: tb.name, Columns: []schema.Column{{Name: tb.a, Type: schema.BigInt}, {Name: tb.b, Type: schema.BigInt}}}
		if _, err := st.Append(tbl, tb.logCap, cols); err != nil {
			t.Fatal(err)
		}
	}
	b := proofsys.Groth16{}
	return &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}, st
}

// A join prover may not drop a joined row (with or without lowering the
// key's counts), repeat one, pair rows whose keys differ, change a joined
// row's value, pair padding rows or split a key over two slots; in a LEFT
// JOIN, not pass a matched row off as unmatched, drop or repeat an
// unmatched row, or give it right values: with the aggregates recomputed
// for the lie (so only the join argument can catch it), no proof comes
// out. Each control sets the true join through the same hook and proves.
// zeroKeyTables have key 0 on both sides (lk, lx, rk, ry).
var zeroKeyTables = [4][]int64{{0, 1}, {10, 20}, {0, 5}, {100, 200}}

func TestJoinCannotLie(t *testing.T) {
	lk, lx := []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}
	rk, ry := []int64{1, 2, 2, 5}, []int64{100, 200, 300, 400}
	truth := [][2]int{{0, 0}, {1, 0}, {2, 1}, {2, 2}}
	keys := [][3]int64{{1, 2, 1}, {2, 1, 2}, {3, 1, 0}, {5, 0, 1}}
	outer := append(append([][2]int{}, truth...), [2]int{3, -1}) // row 3 (key 3) has no match
	cases := []struct {
		name   string
		outer  bool
		pairs  [][2]int // a right position of -1: unmatched (LEFT JOIN)
		keys   [][3]int64
		bump   int64 // added to the first joined row's x
		rightY int64 // the right value of unmatched rows (0 honestly)
		honest bool
		tables *[4][]int64 // lk, lx, rk, ry when not the ones above
	}{
		{"control", false, truth, keys, 0, 0, true, nil},
		{"dropped row", false, truth[:3], keys, 0, 0, false, nil},
		{"dropped row, counts lowered", false, truth[:3], [][3]int64{{1, 2, 1}, {2, 1, 1}, {3, 1, 0}, {5, 0, 1}}, 0, 0, false, nil},
		{"dropped row, key split", false, truth[:3], [][3]int64{{1, 2, 1}, {2, 1, 1}, {2, 0, 1}, {3, 1, 0}, {5, 0, 1}}, 0, 0, false, nil},
		// slots carry no used flag: every slot is in the increasing chain
		// and a key no row has must count 0
		{"dropped row, key split into a trailing slot", false, truth[:3], [][3]int64{{1, 2, 1}, {2, 1, 1}, {3, 1, 0}, {5, 0, 1}, {2, 0, 1}}, 0, 0, false, nil},
		{"counts on a key no row has", false, append(append([][2]int{}, truth...), [2]int{7, 7}), append(append([][3]int64{}, keys...), [3]int64{6, 1, 1}), 0, 0, false, nil},
		{"repeated row", false, [][2]int{{0, 0}, {1, 0}, {2, 1}, {2, 1}}, keys, 0, 0, false, nil},
		{"keys differ", false, append(append([][2]int{}, truth...), [2]int{3, 3}), keys, 0, 0, false, nil},
		{"changed value", false, truth, keys, 1, 0, false, nil},
		{"padding rows paired", false, append(append([][2]int{}, truth...), [2]int{7, 7}), append([][3]int64{{0, 1, 1}}, keys...), 0, 0, false, nil},
		{"left join control", true, outer, keys, 0, 0, true, nil},
		{"unmatched row dropped", true, truth, keys, 0, 0, false, nil},
		{"unmatched row repeated", true, append(append([][2]int{}, outer...), [2]int{3, -1}), keys, 0, 0, false, nil},
		{"matched row passed off as unmatched", true, [][2]int{{0, 0}, {1, 0}, {2, -1}, {3, -1}}, keys, 0, 0, false, nil},
		{"unmatched row with a right value", true, outer, keys, 0, 50, false, nil},
		// key 0 on both sides: a padding Right row (all zero, key 0) stands
		// in for the real one in its pair — keys, counts and pair order
		// hold, only its multiplicity on a padding row gives it away
		{"control, key 0", false, [][2]int{{0, 0}}, [][3]int64{{0, 1, 1}, {1, 1, 0}, {5, 0, 1}}, 0, 0, true, &zeroKeyTables},
		{"padding row stands in", false, [][2]int{{0, 3}}, [][3]int64{{0, 1, 1}, {1, 1, 0}, {5, 0, 1}}, 0, 0, false, &zeroKeyTables},
	}
	// the Right table in segments of 8 rows like the Left, and of 4
	for _, logRight := range []int{3, 2} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("right 2^%d/%s", logRight, tc.name), func(t *testing.T) {
				lk, lx, rk, ry := lk, lx, rk, ry
				if tc.tables != nil {
					lk, lx, rk, ry = tc.tables[0], tc.tables[1], tc.tables[2], tc.tables[3]
				}
				p, st := joinSetup(t, logRight, lk, lx, rk, ry)
				general := false // the general join circuit, whatever the keys
				p.forceLookup = &general
				sql := "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l JOIN r ON l.k = r.k"
				if tc.outer {
					sql = "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k"
				}
				pl := plan(t, st, sql)
				val := func(vals []int64, i int) int64 {
					if i >= 0 && i < len(vals) {
						return vals[i]
					}
					return 0 // padding, or unmatched
				}
				p.alterWitness = func(w *circuits.Query) {
					n := len(w.Active)
					var mult [2][]int64
					mult[0], mult[1] = make([]int64, n), make([]int64, n)
					var sx, sy, matched int64
					for t := 0; t < n; t++ {
						w.Active[t], w.JoinPos[0][t], w.JoinPos[1][t] = 0, 0, 0
						for j := range w.Cols {
							w.Cols[j][t] = 0
						}
						if t >= len(tc.pairs) {
							continue
						}
						l, r := tc.pairs[t][0], tc.pairs[t][1]
						x, y := val(lx, l), val(ry, r)
						if t == 0 {
							x += tc.bump
						}
						w.Active[t], w.JoinPos[0][t] = 1, l
						w.Cols[0][t], w.Cols[1][t], w.Cols[2][t], w.Cols[3][t] = val(lk, l), x, val(rk, r), y
						mult[0][l]++
						sx += x
						if r < 0 { // unmatched: the Unmatched column is the fifth
							w.Cols[3][t], w.Cols[4][t] = tc.rightY, 1
							continue
						}
						w.JoinPos[1][t] = r
						mult[1][r]++
						sy += y
						matched++
					}
					for s := 0; s < 2; s++ {
						for i := range w.JoinMult[s] {
							w.JoinMult[s][i] = mult[s][i]
						}
					}
					var slots [][circuits.JoinKeySlotWidth]*big.Int
					for _, k := range tc.keys {
						key := new(big.Int).Add(big.NewInt(k[0]), new(big.Int).Lsh(big.NewInt(1), 63))
						slots = append(slots, [circuits.JoinKeySlotWidth]*big.Int{key, big.NewInt(k[1]), big.NewInt(k[2])})
					}
					fillKeySlots(w.JoinKeys, slots)
					if w.JoinNull != nil { // the unmatched rows, matched to the null row
						w.JoinNull[0] = int64(len(tc.pairs)) - matched
					}
					w.Partials[0], w.Partials[1], w.Partials[2] = len(tc.pairs), sx, sy
					if tc.outer { // the count of non-NULL r.y
						w.Partials[3] = matched
					}
				}
				_, _, err := p.Prove(context.Background(), pl, nil)
				if tc.honest && err != nil {
					t.Fatalf("control not proven: %v", err)
				}
				if !tc.honest && err == nil {
					t.Fatal("proven")
				}
			})
		}
	}
}

// A join receipt verifies only against both tables' true commitments, in
// the query's order.
func TestJoinReceiptBindsBothTables(t *testing.T) {
	for _, c := range []struct {
		name     string
		logRight int
		rk, ry   []int64
		want     string
		lookup   bool
	}{
		{"general circuit", 3, []int64{1, 2, 2, 5}, []int64{100, 200, 300, 400}, "4 90 700", false},
		// keys distinct in each 2-row Right segment, key 1 in both
		{"lookup join, two right segments", 1, []int64{1, 2, 1}, []int64{100, 200, 150}, "5 90 700", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, st := joinSetup(t, c.logRight, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, c.rk, c.ry)
			pl := plan(t, st, "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l JOIN r ON l.k = r.k")
			rc, _, err := p.Prove(context.Background(), pl, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rc.Rows[0], " "); got != c.want || rc.JoinLookup != c.lookup {
				t.Fatalf("result %s (lookup %v), want %s (lookup %v)", got, rc.JoinLookup, c.want, c.lookup)
			}
			joinReceiptBindsBothTables(t, rc)
		})
	}
}

// joinReceiptBindsBothTables checks that a join receipt verifies, and that
// it does not with either table's commitment changed, the tables swapped
// or the Right one dropped.
func joinReceiptBindsBothTables(t *testing.T, rc *receipt.Receipt) {
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatal(err)
	}
	tamper := map[string]func(){
		"right row count": func() { rc.JoinTable.Segments[0].Rows--; rc.JoinTable.Rows-- },
		"right column commitment": func() {
			rc.JoinTable.Segments[0].Columns[1] = rc.Table.Segments[0].Columns[1]
		},
		"tables swapped":      func() { rc.Table, *rc.JoinTable = *rc.JoinTable, rc.Table },
		"right table dropped": func() { rc.JoinTable = nil },
	}
	for name, f := range tamper {
		t.Run(name, func(t *testing.T) {
			saved, savedJoin := rc.Table, *rc.JoinTable
			savedMap := map[string]string{}
			for k, v := range rc.TableCommitments {
				savedMap[k] = v
			}
			defer func() { rc.Table, rc.JoinTable, rc.TableCommitments = saved, &savedJoin, savedMap }()
			f()
			// the digests follow the tampered commitments, as a forger's would
			rc.TableCommitments = map[string]string{}
			tcs := []*commitment.TableCommitment{&rc.Table}
			if rc.JoinTable != nil {
				tcs = append(tcs, rc.JoinTable)
			}
			for _, c := range tcs {
				if d, err := c.Digest(); err == nil {
					rc.TableCommitments[c.Schema.Name] = d
				}
			}
			if _, err := verifier.Verify(rc, verifier.Options{}); err == nil {
				t.Fatal("tampered receipt verified")
			}
		})
	}
}

// A LEFT JOIN receipt over a right table of several segments is refused:
// each proof only shows its left rows unmatched in its own right segment.
func TestLeftJoinReceiptNeedsOneRightSegment(t *testing.T) {
	p, st := joinSetup(t, 3, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, []int64{1, 2, 2, 5}, []int64{100, 200, 300, 400})
	pl := plan(t, st, "SELECT COUNT(*), SUM(l.x) FROM l LEFT JOIN r ON l.k = r.k")
	rc, _, err := p.Prove(context.Background(), pl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatal(err)
	}
	// a second right segment (and a second pair proof), digests recomputed
	full := rc.JoinTable.Segments[0]
	full.Rows = 1 << rc.JoinTable.LogCapacity
	rc.JoinTable.Segments = append([]commitment.SegmentCommitment{full}, rc.JoinTable.Segments...)
	rc.JoinTable.Rows += full.Rows
	rc.Segments = append(rc.Segments, rc.Segments[0])
	d, err := rc.JoinTable.Digest()
	if err != nil {
		t.Fatal(err)
	}
	rc.TableCommitments["r"] = d
	if _, err := verifier.Verify(rc, verifier.Options{}); err == nil || !strings.Contains(err.Error(), "one is required") {
		t.Fatalf("error %v, want the LEFT JOIN segment rule", err)
	}
}

// A self-join receipt commits one table twice: both copies must be the
// table's one commitment.
func TestSelfJoinReceiptCommitsOneTable(t *testing.T) {
	p, st := joinSetup(t, 3, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, []int64{1}, []int64{1})
	pl := plan(t, st, "SELECT COUNT(*), SUM(a.x * b.x) FROM l AS a JOIN l AS b ON a.k = b.k")
	rc, _, err := p.Prove(context.Background(), pl, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rc.Rows[0], " "); got != "6 3400" { // (10+20)^2 + 30^2 + 40^2
		t.Fatalf("result %s, want 6 3400", got)
	}
	if _, err := verifier.Verify(rc, verifier.Options{}); err != nil {
		t.Fatal(err)
	}
	other := *rc.JoinTable
	other.Segments = append([]commitment.SegmentCommitment{}, other.Segments...)
	other.Segments[0].Columns = append([]string{}, other.Segments[0].Columns...)
	other.Segments[0].Columns[1] = other.Segments[0].Columns[0] // another x column
	rc.JoinTable = &other
	if _, err := verifier.Verify(rc, verifier.Options{}); err == nil {
		t.Fatal("a self-join with two different commitments of its table verified")
	}
}

// A join larger than a segment pair's capacity is refused with a clear error.
func TestJoinOverCapacity(t *testing.T) {
	ones := []int64{1, 1, 1, 1}
	p, st := joinSetup(t, 3, ones, ones, ones, ones)
	pl := plan(t, st, "SELECT COUNT(*) FROM l JOIN r ON l.k = r.k")
	_, _, err := p.Prove(context.Background(), pl, nil)
	if err == nil || !strings.Contains(err.Error(), "more than 8 rows") {
		t.Fatalf("error %v, want one about the join's size", err)
	}
}

// A lookup join (Right keys distinct: its joined rows are the Left rows in
// place) may not pass a matched row off as unmatched, join an unmatched
// row to another key's Right row, give a joined row another Right value,
// join a padding row (the lookup fingerprint's key offset of a padding
// row, not a boolean, refuses it since Version 47), in a LEFT JOIN flag a
// padding row unmatched (matched −1) to cancel the pole of a real row
// falsely matched, or (its Right keys repeating) join a row to one of its
// matches only: with the aggregates recomputed for the lie and the
// Bézout cofactors recomputed for its matched rows where they exist (so
// only the join argument can catch it), no proof comes out. The controls
// set the true join through the same hook and prove.
func TestLookupJoinCannotLie(t *testing.T) {
	lk, lx := []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}
	rk, ry := []int64{1, 2, 5}, []int64{100, 200, 500}
	// the Right segment full (no padding row to collide with a row whose
	// bits are off): only the unmatched bit's boolean can refuse
	zero := [4][]int64{{0, 1}, {10, 20}, {0, 5, 6, 7}, {100, 500, 600, 700}}
	repeated := [4][]int64{lk, lx, {1, 1, 5}, {100, 150, 500}}
	// a Right row of key 0 and value 0: what a Left row whose Unmatched
	// flag is 2 (matched −1, its Right values forced 0) could cancel
	zeroY := [4][]int64{{0, 1}, {10, 20}, {0, 5, 6, 7}, {0, 500, 600, 700}}
	// a Left row of key 0 (as the padding rows') and no Right key 0
	noMatch := [4][]int64{{1, 0, 2}, {10, 20, 30}, {5, 6, 7}, {500, 600, 700}}
	for _, tc := range []struct {
		name   string
		outer  bool
		tables *[4][]int64
		match  []int // per Left row (padding rows too): the Right row joined, −1 none
		yOf    map[int]int64
		force  bool
		honest bool
		flag   map[int]int64 // LEFT JOIN: an Unmatched value other than 0 or 1, on a row with a match
		// LEFT JOIN: a real row without a match claimed matched (Right
		// values 0), its pole cancelled by a padding row flagged unmatched
		// (matched −1) with the same key and values (both indexes > 0)
		fake, padUnmatched int
	}{
		{"control", false, nil, []int{0, 0, 1, -1}, nil, false, true, nil, 0, 0},
		{"matched row passed off as unmatched", false, nil, []int{0, 0, -1, -1}, nil, false, false, nil, 0, 0},
		{"unmatched row joined to another key's row", false, nil, []int{0, 0, 1, 2}, nil, false, false, nil, 0, 0},
		{"another right value", false, nil, []int{0, 0, 1, -1}, map[int]int64{0: 200}, false, false, nil, 0, 0},
		{"control, key 0", false, &zero, []int{0, -1}, nil, false, true, nil, 0, 0},
		{"padding row joined", false, &zero, []int{0, -1, -1, -1, 0}, nil, false, false, nil, 0, 0},
		{"right keys repeat: one match each", false, &repeated, []int{0, 0, -1, -1}, nil, true, false, nil, 0, 0},
		// LEFT JOIN: every real Left row is joined, unmatched ones with NULLs
		// (their Right values 0: the circuit asserts it, and the NULL
		// masks of SUM and WHERE refuse these two lies as well)
		{"left join control", true, nil, []int{0, 0, 1, -1}, nil, false, true, nil, 0, 0},
		{"left join: matched row passed off as unmatched", true, nil, []int{0, 0, -1, -1}, nil, false, false, nil, 0, 0},
		{"left join: unmatched row with a right value", true, nil, []int{0, 0, 1, -1}, map[int]int64{3: 50}, false, false, nil, 0, 0},
		{"left join: unmatched row with a right value, counted", true, nil, []int{0, 0, 1, -1}, map[int]int64{3: 50}, false, false, nil, 0, 0},
		{"left join control, key 0", true, &zeroY, []int{0, -1}, nil, false, true, nil, 0, 0},
		{"left join: unmatched flag 2 cancels a match", true, &zeroY, []int{0, -1}, nil, false, false, map[int]int64{0: 2}, 0, 0},
		{"left join: padding row flagged unmatched cancels a false match", true, &noMatch, []int{-1, -1, -1}, nil, false, false, nil, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tables := [4][]int64{lk, lx, rk, ry}
			if tc.tables != nil {
				tables = *tc.tables
			}
			p, st := joinSetup(t, 2, tables[0], tables[1], tables[2], tables[3])
			if tc.force {
				p.forceLookup = &tc.force
			}
			sql := "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l JOIN r ON l.k = r.k"
			if tc.outer {
				sql = "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k"
			}
			counted := strings.HasSuffix(tc.name, "counted") // the NULL's value, if it were one, selected
			if counted {
				sql = "SELECT COUNT(*), SUM(l.x), SUM(r.y) FROM l LEFT JOIN r ON l.k = r.k WHERE r.y = 50"
			}
			pl := plan(t, st, sql)
			at := func(vals []int64, i int) int64 {
				if i >= 0 && i < len(vals) {
					return vals[i]
				}
				return 0
			}
			key := func(k int64) *big.Int { return new(big.Int).Add(big.NewInt(k), new(big.Int).Lsh(big.NewInt(1), 63)) }
			p.alterWitness = func(w *circuits.Query) {
				if w.JoinCoefB == nil {
					t.Fatal("not the lookup join circuit")
				}
				var count, sx, sy, matched int64
				mult := make([]int64, len(w.JoinMult[1]))
				var u, s []fr.Element
				for row := range w.JoinAct[0] {
					r := -1
					if row < len(tc.match) {
						r = tc.match[row]
					}
					w.Cols[2][row], w.Cols[3][row] = 0, 0
					act := int64(0)
					if row < len(tables[0]) {
						act = 1
					}
					if tc.outer { // every real row joined; the fifth column: unmatched
						w.Cols[4][row] = 0
						if act == 1 {
							count, sx = count+1, sx+at(tables[1], row)
							if r < 0 {
								w.Cols[4][row] = 1
								if v, ok := tc.yOf[row]; ok {
									w.Cols[3][row] = v
									sy += v
								}
							}
						}
					} else {
						w.Active[row] = 0
					}
					var e fr.Element
					e.SetBigInt(key(at(tables[0], row)))
					isMatched := int64(0)
					if r >= 0 {
						y := at(tables[3], r)
						if v, ok := tc.yOf[row]; ok {
							y = v
						}
						w.Cols[2][row], w.Cols[3][row] = at(tables[2], r), y
						if !tc.outer {
							w.Active[row] = 1
							count, sx = count+1, sx+at(tables[1], row)
						}
						mult[r]++
						sy, matched, isMatched = sy+y, matched+1, 1
					}
					switch {
					case tc.fake > 0 && row == tc.fake: // matched, to no Right row
						w.Cols[4][row], matched, isMatched = 0, matched+1, 1
					case tc.padUnmatched > 0 && row == tc.padUnmatched: // act 0: matched −1
						w.Cols[4][row], isMatched = 1, -1
					}
					if f, ok := tc.flag[row]; ok && r >= 0 { // matched = act − f, not 0 or 1
						w.Cols[4][row] = f
						mult[r] += act - f - isMatched
						matched += act - f - isMatched
						isMatched = act - f
					}
					// u = key + (1 − (act − matched))·2^(W+1)
					if unm := act - isMatched; unm != 1 {
						var off fr.Element
						off.SetBigInt(new(big.Int).Mul(big.NewInt(1-unm), circuits.LookupMatchedOffset))
						e.Add(&e, &off)
					}
					u = append(u, e)
				}
				for i := range w.JoinMult[1] {
					w.JoinMult[1][i] = mult[i]
					var e fr.Element
					e.SetBigInt(key(at(tables[2], i)))
					if i >= len(tables[2]) {
						var off fr.Element
						off.SetBigInt(circuits.LookupPaddingOffset)
						e.Add(&e, &off)
					}
					s = append(s, e)
				}
				if a, b, err := poly.Bezout(poly.FromRoots(u), poly.FromRoots(s)); err == nil {
					fillCoefficients(w.JoinCoefA, a)
					fillCoefficients(w.JoinCoefB, b)
				}
				if counted { // row 3 alone, its r.y a NULL: no sum of r.y
					w.Partials[0], w.Partials[1], w.Partials[2], w.Partials[3] = 1, 40, 0, 0
					return
				}
				w.Partials[0], w.Partials[1], w.Partials[2] = count, sx, sy
				if tc.outer { // the count of non-NULL r.y
					w.Partials[3] = matched
				}
			}
			rc, _, err := p.Prove(context.Background(), pl, nil)
			t.Logf("%s: %v", tc.name, err)
			if tc.honest && (err != nil || !rc.JoinLookup) {
				t.Fatalf("control not proven by the lookup join: %v", err)
			}
			if !tc.honest && err == nil {
				t.Fatal("proven")
			}
		})
	}
}

// TestJoinCircuitChoice: a join takes the lookup circuit where every Right
// segment's keys are distinct.
func TestJoinCircuitChoice(t *testing.T) {
	lk, lx := []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}
	for _, tc := range []struct {
		name   string
		rk     []int64
		sql    string
		lookup bool
	}{
		{"distinct keys, aggregates", []int64{1, 2, 5}, "SELECT COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k", true},
		{"distinct keys, groups", []int64{1, 2, 5}, "SELECT r.y, COUNT(*) FROM l JOIN r ON l.k = r.k GROUP BY r.y", true},
		{"repeated keys", []int64{1, 2, 2}, "SELECT COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k", false},
		{"result rows", []int64{1, 2, 5}, "SELECT l.x, r.y FROM l JOIN r ON l.k = r.k ORDER BY r.y DESC LIMIT 2", true},
		{"MIN per group", []int64{1, 2, 5}, "SELECT r.y, MIN(l.x) FROM l JOIN r ON l.k = r.k GROUP BY r.y", true},
		{"result rows, repeated keys", []int64{1, 2, 2}, "SELECT l.x, r.y FROM l JOIN r ON l.k = r.k", false},
		{"LEFT JOIN", []int64{1, 2, 5}, "SELECT COUNT(*) FROM l LEFT JOIN r ON l.k = r.k", true},
		{"LEFT JOIN, repeated keys", []int64{1, 2, 2}, "SELECT COUNT(*) FROM l LEFT JOIN r ON l.k = r.k", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := joinSetup(t, 2, lk, lx, tc.rk, []int64{100, 200, 500})
			size, err := p.Size(plan(t, st, tc.sql))
			if err != nil {
				t.Fatal(err)
			}
			if size.Lookup != tc.lookup || size.LogN != 3 || size.Right() != 2 {
				t.Fatalf("size %+v, want lookup %v over 2^3 and 2^2 rows", size, tc.lookup)
			}
		})
	}
}

// Result rows over a lookup join are the Left rows in place, the unmatched
// ones among them with their real values: returning an unmatched row (it
// would rank first) finds no proof; the control, through the same hook,
// proves with the Left rows' positions.
func TestLookupJoinRowsCannotLie(t *testing.T) {
	for _, tc := range []struct {
		name   string
		slots  [][]int64 // position, l.x, l.x (the ORDER BY key)
		taken  []int
		honest bool
	}{
		{"control", [][]int64{{2, 30, 30}, {1, 20, 20}}, []int{1, 2}, true},
		{"unmatched row returned", [][]int64{{3, 40, 40}, {2, 30, 30}}, []int{2, 3}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := joinSetup(t, 2, []int64{1, 1, 2, 3}, []int64{10, 20, 30, 40}, []int64{1, 2, 5}, []int64{100, 200, 500})
			pl := plan(t, st, "SELECT l.x FROM l JOIN r ON l.k = r.k ORDER BY l.x DESC LIMIT 2")
			if size, err := p.Size(pl); err != nil || !size.Lookup {
				t.Fatalf("not the lookup join: %+v %v", size, err)
			}
			err := proveRowSlots(p, pl, tc.slots, tc.taken, 3, nil)
			t.Logf("%s: %v", tc.name, err)
			if !tc.honest && err != nil && strings.Contains(err.Error(), "differs from the result rows") {
				t.Fatalf("refused before the circuit: %v", err)
			}
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.honest, err)
			}
		})
	}
}

// A lookup join grouped by the Right table's columns alone has one group
// slot per Right row (plus one for a LEFT JOIN's unmatched rows) instead of
// one per Left row: every Right row its own group (and the NULL group)
// still proves and verifies; a receipt claiming more groups than the slots
// is refused by name; and within the slots a prover may not move a row to
// another group or swap a group for one no row has.
func TestLookupJoinGroupSlots(t *testing.T) {
	lk, lx := []int64{1, 1, 2, 3, 4, 9}, []int64{10, 20, 30, 40, 50, 60}
	rk, ry := []int64{1, 2, 3, 4}, []int64{100, 200, 300, 400} // a full Right segment of 4
	row := func(y, n, sum int64) []*big.Int { return []*big.Int{packedKey(y), big.NewInt(n), big.NewInt(sum)} }
	honest := [][]*big.Int{row(100, 2, 30), row(200, 1, 30), row(300, 1, 40), row(400, 1, 50)}
	for _, tc := range []struct {
		name   string
		sql    string
		slots  int
		groups [][]*big.Int // nil: the honest result
		extra  bool         // a fifth group row appended to the receipt
		honest bool
	}{
		{"every Right row a group", "SELECT r.y, COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k GROUP BY r.y", 4, nil, false, true},
		{"LEFT JOIN: and the NULL group", "SELECT r.y, COUNT(*), SUM(l.x) FROM l LEFT JOIN r ON l.k = r.k GROUP BY r.y", 5, nil, false, true},
		{"grouped by a Left column", "SELECT l.k, COUNT(*), SUM(r.y) FROM l JOIN r ON l.k = r.k GROUP BY l.k", 8, nil, false, true},
		{"a receipt with more groups than slots", "SELECT r.y, COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k GROUP BY r.y", 4, nil, true, false},
		{"moved row", "SELECT r.y, COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k GROUP BY r.y", 4,
			[][]*big.Int{row(100, 1, 10), row(200, 2, 50), row(300, 1, 40), row(400, 1, 50)}, false, false},
		{"group swapped for one no row has", "SELECT r.y, COUNT(*), SUM(l.x) FROM l JOIN r ON l.k = r.k GROUP BY r.y", 4,
			[][]*big.Int{row(100, 2, 30), row(200, 1, 30), row(300, 1, 40), row(500, 1, 50)}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := joinSetup(t, 2, lk, lx, rk, ry)
			pl := plan(t, st, tc.sql)
			size, err := p.Size(pl)
			if err != nil {
				t.Fatal(err)
			}
			if got := circuits.GroupSlots(pl, size); !size.Lookup || got != tc.slots {
				t.Fatalf("lookup %v, %d group slots, want the lookup join with %d", size.Lookup, got, tc.slots)
			}
			if tc.groups != nil {
				p.alterResult = func(r *segmentResult) { r.slots = tc.groups }
			}
			rc, _, err := p.Prove(context.Background(), pl, nil)
			if err != nil {
				if tc.honest {
					t.Fatal(err)
				}
				t.Logf("%s: %v", tc.name, err)
				return
			}
			if tc.groups == nil && tc.slots == 4 && fmt.Sprint(rc.Segments[0].Rows) != fmt.Sprint(honest) {
				t.Fatalf("group rows %v, want %v", rc.Segments[0].Rows, honest)
			}
			if tc.extra {
				last := rc.Segments[0].Rows[len(rc.Segments[0].Rows)-1]
				rc.Segments[0].Rows = append(rc.Segments[0].Rows, []string{packedKey(500).String(), last[1], last[2]})
			}
			_, err = verifier.Verify(rc, verifier.Options{})
			t.Logf("%s: %v", tc.name, err)
			if tc.honest != (err == nil) {
				t.Fatalf("verified: %v, want %v (%v)", err == nil, tc.honest, err)
			}
			if tc.extra && !strings.Contains(err.Error(), "at most 4") {
				t.Fatalf("refused for another reason: %v", err)
			}
		})
	}
}
