package planner

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

type cat struct{}

func (cat) Schema(string) (*schema.Table, error) {
	return &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.TinyInt}}}, nil
}

func mustPlan(t *testing.T, text string) *Plan { t.Helper(); return mustPlanOf(t, cat{}, text) }

// mustPlanOf plans text over the catalog's tables.
func mustPlanOf(t *testing.T, catalog sql.Catalog, text string) *Plan {
	t.Helper()
	q, err := sql.Parse(text, catalog)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(q)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShapeIgnoresConstantValuesOnly(t *testing.T) {
	same := []string{
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < 5 AND a BETWEEN 1 AND 10",
		"select count(*), sum(a) from T where b < -7 and a between -3 and 99",
		"SELECT COUNT(*) AS n, SUM(a) AS s FROM t WHERE b < 0 AND a BETWEEN 0 AND 0",
		// a placeholder where a constant was: the same circuit, so the same keys
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < $1 AND a BETWEEN 1 AND 10",
	}
	h := mustPlan(t, same[0]).ShapeHash
	for _, s := range same[1:] {
		if got := mustPlan(t, s).ShapeHash; got != h {
			t.Fatalf("%q has another shape", s)
		}
	}
	for _, s := range []string{
		"SELECT COUNT(*), SUM(a) FROM t WHERE b <= 5 AND a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(b) FROM t WHERE b < 5 AND a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < 5 OR a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(a) FROM t WHERE a < 5 AND b BETWEEN 1 AND 10",
	} {
		if mustPlan(t, s).ShapeHash == h {
			t.Fatalf("%q has the same shape", s)
		}
	}
}

func TestBoundsAndFinalize(t *testing.T) {
	p := mustPlan(t, "SELECT SUM(a * b - 3), MIN(a), AVG(b), COUNT(*) FROM t")
	iv := p.Bounds(p.Query.Select[0].Arg)
	// a*b reaches (2^63−1)·(−128); the constant 3 is a BIGINT parameter,
	// so the bound subtracts its largest value, not 3
	lo := new(big.Int).Mul(big.NewInt(1<<63-1), big.NewInt(-128))
	lo.Sub(lo, big.NewInt(1<<63-1))
	if iv.Lo.Cmp(lo) != 0 {
		t.Fatalf("lower bound %s, want %s", iv.Lo, lo)
	}
	// partials: count, sum, min, sum(b)
	row, err := p.Finalize([][]*big.Int{
		{big.NewInt(2), big.NewInt(10), big.NewInt(-4), big.NewInt(3)},
		{big.NewInt(0), big.NewInt(0), big.NewInt(0), big.NewInt(0)},
		{big.NewInt(1), big.NewInt(-1), big.NewInt(-9), big.NewInt(4)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"9", "-9", "7/3", "3"}
	for i := range want {
		if row[i] != want[i] {
			t.Fatalf("row %v, want %v", row, want)
		}
	}
}

type transfers struct{}

func (transfers) Schema(string) (*schema.Table, error) {
	cols, err := schema.ParseColumns("blk INT UNSIGNED, f ADDRESS, r ADDRESS, v BIGINT UNSIGNED, tok ADDRESS, n BIGINT UNSIGNED NULL")
	return &schema.Table{Name: "x", Columns: cols}, err
}

// TestFingerprintLayout: a row plan's fingerprint packs values into as few
// elements as fit below maxPackedBits (at no cost per slot: the verifier
// checks the returned values' ranges), leaves out a value that repeats
// another, and accounts for every slot value exactly once.
func TestFingerprintLayout(t *testing.T) {
	const topK = "SELECT blk, f, r, v FROM x WHERE tok = $1 ORDER BY v DESC LIMIT 10"
	for _, tc := range []struct {
		name     string
		sql      string
		logN     int
		products int
		aliases  []SlotAlias
	}{
		// slot: position, blk, f, r, v, then the ORDER BY key v (= slot value 4)
		{"two addresses and two narrow values in two elements", topK, 12, 1, []SlotAlias{{Index: 5, Of: 4}}},
		{"slots as many as rows: packed all the same", topK, 4, 1, []SlotAlias{{Index: 5, Of: 4}}},
		{"a nullable item, its NULL flag packed too", "SELECT blk, n, v FROM x ORDER BY v DESC LIMIT 10", 12, 0, []SlotAlias{{Index: 4, Of: 3}}},
		// 12 + 32 + 160 + 64 bits do not fit one element: one value takes a β
		{"no repeat", "SELECT blk, f FROM x ORDER BY v DESC LIMIT 10", 12, 1, nil},
		{"an item shown twice", "SELECT f, f FROM x LIMIT 10", 12, 0, []SlotAlias{{Index: 2, Of: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPlanOf(t, transfers{}, tc.sql)
			l := p.Fingerprint(tc.logN)
			if got := l.Products(); got != tc.products {
				t.Errorf("products per row %d, want %d (%+v)", got, tc.products, l)
			}
			if len(l.Aliases) != len(tc.aliases) || (len(l.Aliases) > 0 && l.Aliases[0] != tc.aliases[0]) {
				t.Errorf("aliases %+v, want %+v", l.Aliases, tc.aliases)
			}
			seen := map[int]int{}
			for _, k := range l.Rest {
				seen[k]++
			}
			for _, a := range l.Aliases {
				seen[a.Index]++
			}
			bits := make([][]bool, l.Elements)
			for e := range bits {
				bits[e] = make([]bool, maxPackedBits)
			}
			for b := 0; b < tc.logN; b++ {
				bits[0][b] = true
			}
			bits[0][l.SelShift] = true
			for _, pv := range l.Packed {
				seen[pv.Index]++
				if pv.Element < 0 || pv.Element >= l.Elements || pv.Shift+pv.Width > maxPackedBits {
					t.Fatalf("%+v outside its element", pv)
				}
				for b := pv.Shift; b < pv.Shift+pv.Width; b++ {
					if bits[pv.Element][b] {
						t.Fatalf("%+v overlaps another value (or the position, or the selected bit)", pv)
					}
					bits[pv.Element][b] = true
				}
			}
			if len(seen) != p.RowWidth()-1 {
				t.Errorf("%d slot values accounted for, want %d", len(seen), p.RowWidth()-1)
			}
			for k, n := range seen {
				if n != 1 || k < 1 || k >= p.RowWidth() {
					t.Errorf("slot value %d accounted for %d times", k, n)
				}
			}
		})
	}
}

// TestRowPlansNeedActivityBits: a row plan goes without activity bits only
// where the all-zero padding row ranks after every real row.
func TestRowPlansNeedActivityBits(t *testing.T) {
	for _, tc := range []struct {
		sql    string
		active bool
	}{
		{"SELECT v FROM x WHERE tok = $1 ORDER BY v DESC LIMIT 10", false},
		{"SELECT f FROM x LIMIT 10", false}, // the position alone orders
		{"SELECT f FROM x ORDER BY blk DESC, v DESC LIMIT 10", false},
		{"SELECT v FROM x ORDER BY v LIMIT 10", true},             // ascending: the zero row first
		{"SELECT v FROM x ORDER BY v + 1 DESC LIMIT 10", true},    // not a column
		{"SELECT v FROM x ORDER BY blk DESC, v LIMIT 10", true},   // one key ascending
		{"SELECT v FROM x WHERE v > 0 ORDER BY v / 2 DESC", true}, // a division
		{"SELECT n FROM x ORDER BY n DESC LIMIT 10", true},        // NULLs last: the zero row's non-NULL 0 before them
	} {
		if p := mustPlanOf(t, transfers{}, tc.sql); p.NeedsActive != tc.active {
			t.Errorf("%s: NeedsActive %v, want %v", tc.sql, !tc.active, tc.active)
		}
	}
	// a signed key: 0 is not the last value descending
	if p := mustPlan(t, "SELECT a FROM t ORDER BY a DESC LIMIT 3"); !p.NeedsActive {
		t.Error("a signed ORDER BY key without activity bits")
	}
}

// linkCat holds t(a, b, c INT UNSIGNED, s INT UNSIGNED SORTED, n INT
// UNSIGNED NULL, u UINT256, x, y ADDRESS).
type linkCat struct{}

func (linkCat) Schema(string) (*schema.Table, error) {
	cols, err := schema.ParseColumns("a INT UNSIGNED, b INT UNSIGNED, c INT UNSIGNED, s INT UNSIGNED SORTED, n INT UNSIGNED NULL, u UINT256, x ADDRESS, y ADDRESS")
	if err != nil {
		return nil, err
	}
	return &schema.Table{Name: "t", Columns: cols}, nil
}

// TestFingerprintLink: the columns the query returns and reads nowhere else
// are linked through the fingerprint, two or more of them, where every
// value of the fingerprint's tail is a column.
func TestFingerprintLink(t *testing.T) {
	const logN = 12
	for _, tc := range []struct {
		query string
		want  []int // the table columns linked only there, or none
	}{
		{"SELECT a, b FROM t WHERE c > 1 ORDER BY c DESC LIMIT 5", []int{0, 1}},
		{"SELECT a, b, c FROM t WHERE c > 1 LIMIT 5", []int{0, 1}},          // c is read by the WHERE too
		{"SELECT a, b FROM t WHERE a > 1 LIMIT 5", nil},                     // a is read by the WHERE: b alone
		{"SELECT a, b FROM t ORDER BY b LIMIT 5", nil},                      // b is an ORDER BY key
		{"SELECT a, a, b FROM t LIMIT 5", nil},                              // a is shown twice
		{"SELECT a, u FROM t LIMIT 5", []int{0, 6, 7}},                      // u's two limbs in the tail
		{"SELECT a + 1, u FROM t LIMIT 5", []int{6, 7}},                     // a + 1 is packed in element 0
		{"SELECT x, y FROM t LIMIT 5", []int{8, 9}},                         // x in element 0, y in element 1
		{"SELECT x, y, a + b, a + c, b + c FROM t LIMIT 5", nil},            // element 1 holds sums, no columns
		{"SELECT a, b FROM t WHERE s BETWEEN 2 AND 9 LIMIT 5", []int{0, 1}}, // the window reads s from openings
		{"SELECT COUNT(*), SUM(a) FROM t", nil},                             // not a row plan
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := mustPlanOf(t, linkCat{}, tc.query)
			var got []int
			if fl := p.FingerprintLink(logN); fl != nil {
				for _, j := range fl.Only {
					got = append(got, p.Columns[j])
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Fatalf("columns linked through the fingerprint %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCheckSlotRows: the checks the circuit leaves to the verifier on a
// segment's returned rows (position, a, b, c for SELECT a, b … ORDER BY c
// DESC over t(a, b, c INT UNSIGNED …): the ORDER BY key is its own value).
func TestCheckSlotRows(t *testing.T) {
	p := mustPlanOf(t, linkCat{}, "SELECT a, b FROM t WHERE c > 1 ORDER BY c DESC LIMIT 5")
	const logN, rows = 12, 10 // a and b packed (planner.Fingerprint)
	row := func(pos, a, b, c int64) []*big.Int {
		return []*big.Int{big.NewInt(pos), big.NewInt(a), big.NewInt(b), big.NewInt(c)}
	}
	max32 := int64(1)<<32 - 1
	for _, tc := range []struct {
		name string
		rows [][]*big.Int
		want string // "" when accepted
	}{
		{"in order", [][]*big.Int{row(3, 1, 2, 9), row(0, 5, 5, 7), row(9, 0, max32, 7)}, ""},
		{"none", nil, ""},
		{"out of order", [][]*big.Int{row(0, 5, 5, 7), row(3, 1, 2, 9)}, "not in ORDER BY order"},
		{"ties out of position order", [][]*big.Int{row(9, 0, 0, 7), row(0, 5, 5, 7)}, "not in ORDER BY order"},
		{"a row twice", [][]*big.Int{row(3, 1, 2, 9), row(3, 1, 2, 9)}, "not in ORDER BY order"},
		{"a padding row", [][]*big.Int{row(10, 0, 0, 0)}, "not one of the segment's 10 rows"},
		{"negative position", [][]*big.Int{row(-1, 0, 0, 2)}, "not one of the segment's"},
		{"value above its type", [][]*big.Int{row(1, max32+1, 0, 2)}, "outside its range"},
		{"negative value", [][]*big.Int{row(1, 0, -1, 2)}, "outside its range"},
		{"ORDER BY value above its type", [][]*big.Int{row(1, 0, 0, max32+1)}, "outside"},
		{"short row", [][]*big.Int{{big.NewInt(1), big.NewInt(2)}}, "has 2 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := p.CheckSlotRows(tc.rows, rows, logN)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	if err := mustPlan(t, "SELECT COUNT(*) FROM t").CheckSlotRows(nil, 1, 1); err == nil {
		t.Fatal("an aggregate plan's rows checked as a row plan's")
	}
}

// TestSlotEvals: a grouped plan evaluates its key and each extreme alone,
// its count and sums packed; a row plan each slot value alone; packed
// values outside their bounds are refused, and a zero row packs to zero.
func TestSlotEvals(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  string // the evals' slot indexes
	}{
		{"SELECT a, COUNT(*), SUM(b) FROM t GROUP BY a", "[[0] [1 2]]"},
		{"SELECT a, COUNT(*), MIN(b), SUM(c), MAX(c) FROM t GROUP BY a", "[[0] [1 3] [2] [4]]"},
		{"SELECT u, COUNT(*), SUM(u) FROM t GROUP BY u", "[[0] [1 2] [3] [4]]"}, // a UINT256's limb sums (157 bits each); its high limb last
		{"SELECT a, b FROM t LIMIT 3", "[[0] [1] [2]]"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := mustPlanOf(t, linkCat{}, tc.query)
			var got [][]int
			for _, ev := range p.SlotEvals() {
				var idx []int
				for _, part := range ev {
					idx = append(idx, part.Index)
				}
				got = append(got, idx)
			}
			if fmt.Sprint(got) != tc.want {
				t.Fatalf("evaluated columns %v, want %s", got, tc.want)
			}
			if w, _ := p.EvaluatedSlots(); w != len(got) {
				t.Fatalf("EvaluatedSlots %d, %d columns", w, len(got))
			}
		})
	}
	p := mustPlanOf(t, linkCat{}, "SELECT a, COUNT(*), SUM(b) FROM t GROUP BY a")
	count := p.SlotEvals()[1][0]
	rows := [][]*big.Int{{big.NewInt(7), big.NewInt(2), big.NewInt(5)}, {big.NewInt(0), big.NewInt(0), big.NewInt(0)}}
	if err := p.CheckSlotPacking(rows); err != nil {
		t.Fatal(err)
	}
	packed := p.PackSlotRows(rows)
	want := new(big.Int).Add(big.NewInt(2), new(big.Int).Lsh(big.NewInt(5), uint(count.Width)))
	if packed[0][1].Cmp(want) != 0 || packed[1][1].Sign() != 0 {
		t.Fatalf("packed %v, want %s and 0", packed, want)
	}
	over := new(big.Int).Lsh(big.NewInt(1), uint(count.Width))
	if err := p.CheckSlotPacking([][]*big.Int{{big.NewInt(7), over, big.NewInt(5)}}); err == nil || !strings.Contains(err.Error(), "outside its bounds") {
		t.Fatalf("a count of 2^%d packed: %v", count.Width, err)
	}
	if err := p.CheckSlotPacking([][]*big.Int{{big.NewInt(7), big.NewInt(-1), big.NewInt(5)}}); err == nil {
		t.Fatal("a negative count packed")
	}
}
