package prover

import (
	"context"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// A prover may not mark a value NULL or a NULL as a value: the NULL flag
// is a committed column, so with the aggregates recomputed for the lie no
// proof comes out; the control (no flip, through the same hook) proves.
func TestNullFlagsCannotLie(t *testing.T) {
	p, st := csvProver(t, "x BIGINT NULL", "5\n\n7\n\n")
	pl := plan(t, st, "SELECT COUNT(*), SUM(x) FROM t WHERE x IS NOT NULL")
	flagCol := pl.CircuitColumn(1)
	for _, tc := range []struct {
		name     string
		row      int
		flag     int64
		count    int64
		sum      int64
		provable bool
	}{
		{"control", 0, 0, 2, 12, true},
		{"value made NULL", 0, 1, 1, 7, false},
		{"NULL made a value", 1, 0, 3, 12, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.alterWitness = func(w *circuits.Query) {
				w.Cols[flagCol][tc.row] = tc.flag
				w.Partials[0], w.Partials[1] = tc.count, tc.sum
			}
			_, _, err := p.Prove(context.Background(), pl, nil)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// A LIKE prover may not hint other bytes than the string's: bytes that
// would make "abx" match '%bc%' (or a byte out of range) fail the
// recomposition or the range checks; the control hints through the same
// override and proves.
func TestLikeBytesCannotLie(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lie      func(out []*big.Int)
		count    int64
		provable bool
	}{
		{"control", func([]*big.Int) {}, 1, true},
		{"other bytes", func(out []*big.Int) { out[2].SetInt64('c') }, 2, false},
		{"a byte out of range", func(out []*big.Int) { out[1].Add(out[1], big.NewInt(256)); out[0].Sub(out[0], big.NewInt(1)) }, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "s VARCHAR", "abx\nzbcz\nqq\n")
			pl := plan(t, st, "SELECT COUNT(*) FROM t WHERE s LIKE '%bc%'")
			abx, _ := schema.EncodeString("abx")
			p.extraSolverOpts = []solver.Option{solver.OverrideHint(solver.GetHintID(circuits.StringBytesHint), func(m *big.Int, in, out []*big.Int) error {
				if err := circuits.StringBytesHint(m, in, out); err != nil {
					return err
				}
				if in[0].Cmp(abx) == 0 {
					tc.lie(out)
				}
				return nil
			})}
			p.alterWitness = func(w *circuits.Query) { w.Partials[0] = tc.count }
			_, _, err := p.Prove(context.Background(), pl, nil)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// A prover grouping by a BYTES32 or LONGTEXT column may not move a group
// to another high limb or digest (a value no row has) or split it across
// two: the group rows are recomputed for the lie (so only the circuit's
// key identities can catch it) and no proof comes out; the control goes
// through the same hook and verifies.
func TestWideGroupKeysCannotLie(t *testing.T) {
	a := "0x00000000000000000000000000000001ffffffffffffffffffffffffffffffff"
	bb := "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"
	long1, long2 := strings.Repeat("first long group key ", 2), strings.Repeat("second long group key ", 2)
	tables := []struct{ columns, csv string }{
		{"h BYTES32", a + "\n" + bb + "\n" + bb + "\n" + a + "\n" + bb + "\n"},
		{"h LONGTEXT", long1 + "\n" + long2 + "\n" + long2 + "\n" + long1 + "\n" + long2 + "\n"},
	}
	for _, tc := range []struct {
		name   string
		lie    func(slots [][]*big.Int) [][]*big.Int
		honest bool
	}{
		{"control", func(s [][]*big.Int) [][]*big.Int { return s }, true},
		{"moved high part", func(s [][]*big.Int) [][]*big.Int {
			last := len(s[0]) - 1
			s[0][last] = new(big.Int).Add(s[0][last], big.NewInt(1))
			return s
		}, false},
		{"split across high parts", func(s [][]*big.Int) [][]*big.Int {
			last := len(s[1]) - 1
			other := append([]*big.Int{}, s[1]...)
			other[1] = big.NewInt(1)
			other[last] = new(big.Int).Add(s[1][last], big.NewInt(1))
			s[1][1] = new(big.Int).Sub(s[1][1], big.NewInt(1))
			return append(s, other)
		}, false},
	} {
		for _, tbl := range tables {
			t.Run(tbl.columns+"/"+tc.name, func(t *testing.T) {
				p, st := csvProver(t, tbl.columns, tbl.csv)
				pl := plan(t, st, "SELECT h, COUNT(*) FROM t GROUP BY h")
				p.alterResult = func(r *segmentResult) { r.slots = tc.lie(r.slots) }
				rc, _, err := p.Prove(context.Background(), pl, nil)
				if err == nil {
					_, err = verifier.Verify(rc, verifier.Options{})
				} else if strings.Contains(err.Error(), "are missing") {
					t.Fatalf("the lie was proven (only the result's bytes were missing): %v", err)
				}
				if tc.honest != (err == nil) {
					t.Fatalf("verifying receipt: %v, want %v", err, tc.honest)
				}
			})
		}
	}
}

// A prover of MIN over a UINT256 per group may not combine the limbs of two
// rows into an extreme no row has (each limb attained, by different rows)
// nor claim one that another row beats; the control sets the true values
// through the same hooks and proves.
func TestUint256GroupExtremesCannotLie(t *testing.T) {
	// group 1: 2^128 + 5 (limbs 5, 1) and 2^129 (limbs 0, 2); MIN is 2^128 + 5
	for _, tc := range []struct {
		name       string
		lo, hi     int64 // the claimed minimum's limbs
		witLo, wit int   // the rows claimed to attain the low and high limb
		honest     bool
	}{
		{"control", 5, 1, 0, 0, true},
		{"limbs of two rows", 0, 1, 1, 0, false},
		{"beaten", 0, 2, 1, 1, false},
		// 5 is below both values; row 0 attains its low limb, not its high one
		{"low limb attained only", 5, 0, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, st := csvProver(t, "g TINYINT, v UINT256", "1,340282366920938463463374607431768211461\n1,680564733841876926926749214863536422912\n")
			pl := plan(t, st, "SELECT g, MIN(v) FROM t GROUP BY g")
			p.alterResult = func(r *segmentResult) {
				r.slots[0][2], r.slots[0][3] = big.NewInt(tc.lo), big.NewInt(tc.hi)
			}
			p.alterWitness = func(w *circuits.Query) {
				for i := 0; i < 2; i++ {
					w.GroupExt[0][i], w.GroupExt[1][i] = tc.lo, tc.hi
					w.GroupWit[0][i], w.GroupWit[1][i] = 0, 0
				}
				w.GroupWit[0][tc.witLo], w.GroupWit[1][tc.wit] = 2, 2 // weighted by the group's count
			}
			if got := provenAndVerified(t, p, pl); got != tc.honest {
				t.Fatalf("verifying receipt: %v, want %v", got, tc.honest)
			}
		})
	}
}

// csvProver stores one table t with the given schema from CSV text (segments
// of 8 rows) and returns a prover over it.
func csvProver(t *testing.T, columns, csv string) (*Prover, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, store.Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns(columns)
	if err != nil {
		t.Fatal(err)
	}
	data, blobs, err := store.DecodeCSVBlobs(strings.NewReader(csv), "t.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AppendBlobs(&schema.Table{Name: "t", Columns: cols}, 3, data, blobs, nil); err != nil {
		t.Fatal(err)
	}
	b := proofsys.Groth16{}
	return &Prover{Store: st, Keys: NewKeyStore(filepath.Join(dir, "keys"), b, nil), Backend: b}, st
}

// A prover may not pass one LONGTEXT value off as another: the column holds
// the committed digests, so a row given another value's digest (with the
// count recomputed for the lie) yields no proof; the control, through the
// same hook, proves.
func TestLongValuesCannotLie(t *testing.T) {
	long1 := strings.Repeat("a long text value; ", 3)
	long2 := strings.Repeat("another long value ", 3)
	p, st := csvProver(t, "id INT, note LONGTEXT", "1,"+long1+"\n2,"+long2+"\n3,"+long1+"\n")
	pl := plan(t, st, "SELECT COUNT(*) FROM t WHERE note = '"+long1+"'")
	noteCol := pl.CircuitColumn(1)
	for _, tc := range []struct {
		name     string
		value    string
		count    int64
		provable bool
	}{
		{"control", long2, 2, true},
		{"row 2 given the matching value", long1, 3, false},
		{"row 2 given a value of its own prefix", long2[:27], 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.alterWitness = func(w *circuits.Query) {
				w.Cols[noteCol][1] = schema.Digest([]byte(tc.value))
				w.Partials[0] = tc.count
			}
			_, _, err := p.Prove(context.Background(), pl, nil)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// MIN of a nullable UINT256 reads a NULL as 2^256 − 1: a prover may not
// claim a NULL row's stored 0 as the minimum (no selected value attains it
// any more); the control claims the true minimum through the same hook.
func TestNullableUint256MinCannotLie(t *testing.T) {
	p, st := csvProver(t, "x UINT256 NULL", "5\n\n7\n\n")
	pl := plan(t, st, "SELECT MIN(x) FROM t")
	for _, tc := range []struct {
		name     string
		lo       int64
		provable bool
	}{
		{"control", 5, true},
		{"a NULL's 0 as the minimum", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p.alterWitness = func(w *circuits.Query) { w.Partials[1], w.Partials[2] = tc.lo, 0 }
			_, _, err := p.Prove(context.Background(), pl, nil)
			if tc.provable != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.provable, err)
			}
		})
	}
}

// A row lookup's fingerprint packs narrow slot values into one element; a
// prover may not carry one value's overflow into its neighbour (v + 2^w
// here, the next value − 1 there: the same packed element) to show values
// no row has. The slots' evaluations at Z are the circuit's own for the
// lie, so only the slots' range checks can catch it; the control sets the true slots through the
// same hook and proves.
func TestPackedSlotValuesCannotAlias(t *testing.T) {
	p, st := csvProver(t, "b SMALLINT UNSIGNED, v TINYINT UNSIGNED", "7,200\n9,3\n4,255\n")
	pl := plan(t, st, "SELECT b, v FROM t ORDER BY b DESC LIMIT 2")
	fp := pl.Fingerprint(3) // csvProver's segments hold 2^3 rows
	var lo, hi *planner.PackedValue
	for i := range fp.Packed {
		for j := range fp.Packed {
			a, b := &fp.Packed[i], &fp.Packed[j]
			if a.Element == b.Element && b.Shift == a.Shift+a.Width {
				lo, hi = a, b
			}
		}
	}
	if lo == nil {
		t.Fatalf("no two adjacent packed values in %+v", fp.Packed)
	}
	for _, tc := range []struct {
		name   string
		honest bool
	}{{"control", true}, {"overflow carried into the next value", false}} {
		t.Run(tc.name, func(t *testing.T) {
			p.alterWitness = func(w *circuits.Query) {
				if !tc.honest {
					s := w.Slots[0]
					s[lo.Index] = new(big.Int).Add(toBig(s[lo.Index]), new(big.Int).Lsh(big.NewInt(1), uint(lo.Width)))
					s[hi.Index] = new(big.Int).Sub(toBig(s[hi.Index]), big.NewInt(1))
				}
				used := 0
				for j := range w.Slots {
					used += int(toBig(w.SlotUsed[j]).Int64())
				}
				w.Partials[1] = used
			}
			_, _, err := p.Prove(context.Background(), pl, nil)
			t.Logf("%s: %v", tc.name, err)
			if tc.honest != (err == nil) {
				t.Fatalf("proven: %v, want %v (%v)", err == nil, tc.honest, err)
			}
		})
	}
}

// toBig reads a witness value set by the prover (an integer type or *big.Int).
func toBig(v any) *big.Int {
	switch x := v.(type) {
	case *big.Int:
		return x
	case int:
		return big.NewInt(int64(x))
	case int64:
		return big.NewInt(x)
	case uint64:
		return new(big.Int).SetUint64(x)
	}
	panic(fmt.Sprintf("witness value of type %T", v))
}
