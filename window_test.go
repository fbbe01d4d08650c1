package provensql

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/provensql/provensql/receipt"
)

// Range conditions on a SORTED column are proven as windows of rows; the
// proven results equal SQLite's over a table w(b SORTED, v BIGINT, g
// TINYINT) of 40 rows in segments of 16 (the last one partial), b
// ascending with ties: bounds below, inside, on and above the values,
// reversed, one-sided either way round, equal to a value (one that b
// holds, a gap between two), with other conditions, GROUP BY,
// MIN/MAX (activity bits), ORDER BY … LIMIT, and OR/NOT (no window). b is
// a BIGINT (a BETWEEN's six public values too wide to pack into one input,
// a one-sided window's three packed) and an INT UNSIGNED shifted by 300
// (every window packed), with the b bounds shifted alike.
func TestWindowQueriesMatchSQLite(t *testing.T) {
	for _, variant := range []struct {
		typ    string
		offset int64
	}{{"BIGINT", 0}, {"INT UNSIGNED", 300}} {
		t.Run(variant.typ, func(t *testing.T) {
			var csv strings.Builder // through the CSV reader and the schema string's SORTED
			for k := 0; k < 40; k++ {
				fmt.Fprintf(&csv, "%d,%d,%d\n", int64(k/3*2-10)+variant.offset, (k*37)%23-5, k%4)
			}
			db, ref := csvDB(t, "w", "b "+variant.typ+" SORTED, v BIGINT, g TINYINT", csv.String(), 4)
			for _, q := range windowQueries {
				params := make([]string, len(q.params))
				for i, p := range q.params {
					params[i] = p
					if !slices.Contains(q.notB, i) {
						v, _ := strconv.ParseInt(p, 10, 64)
						params[i] = strconv.FormatInt(v+variant.offset, 10)
					}
				}
				t.Run(q.sql+" "+params[0], func(t *testing.T) {
					args := make([]any, len(params))
					refSQL := q.sql
					for i, p := range params {
						args[i], _ = strconv.ParseInt(p, 10, 64)
					}
					for k := len(params); k >= 1; k-- {
						refSQL = strings.ReplaceAll(refSQL, fmt.Sprintf("$%d", k), fmt.Sprintf("?%d", k))
					}
					if !aggregateCall.MatchString(refSQL) {
						refSQL = limitClause.ReplaceAllString(refSQL, ", rowid$0")
					}
					plan, err := db.Plan(q.sql, params...)
					if err != nil {
						t.Fatal(err)
					}
					windowed := !strings.Contains(q.sql, " OR ") && !strings.Contains(q.sql, "NOT ")
					if (plan.Window != nil) != windowed {
						t.Fatalf("window planned: %v, want %v", plan.Window != nil, windowed)
					}
					if windowed {
						packed := variant.offset > 0 || plan.Window.Lo == nil || plan.Window.Hi == nil
						if want := map[bool]int{true: 1, false: plan.Window.EndInputs()}[packed]; plan.WindowInputs(false) != want {
							t.Fatalf("window public inputs %d, want %d", plan.WindowInputs(false), want)
						}
					}
					compareWithSQLite(t, db, ref, q.sql, params, refSQL, args, q.anyOrder)
				})
			}
		})
	}
}

// windowQueries are TestWindowQueriesMatchSQLite's queries; notB lists the
// parameters that do not bound b.
var windowQueries = []struct {
	sql      string
	params   []string
	notB     []int
	anyOrder bool
}{
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-4", "6"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-100", "100"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-3", "-3"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"6", "-4"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"200", "300"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-300", "-200"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE b < $1", []string{"0"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE b <= $1", []string{"0"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE b > $1", []string{"0"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE $1 < b", []string{"14"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE $1 >= b", []string{"-10"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE g = $1 AND b BETWEEN $2 AND $3", []string{"2", "-6", "8"}, []int{0}, false},
	{"SELECT COUNT(*) FROM w WHERE b > $1 AND v < $2 AND g <> 1", []string{"-2", "5"}, []int{1}, false},
	{"SELECT g, COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2 GROUP BY g", []string{"-8", "10"}, nil, true},
	{"SELECT MIN(v), MAX(v) FROM w WHERE b >= $1", []string{"4"}, nil, false},
	{"SELECT b, v FROM w WHERE b BETWEEN $1 AND $2 ORDER BY v DESC, b LIMIT 4", []string{"-6", "12"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b = $1", []string{"4"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b >= $1 AND b < $2", []string{"-4", "6"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE $1 < b AND g <> $2 AND b <= $3", []string{"-6", "1", "8"}, []int{1}, false},
	{"SELECT g, COUNT(*) FROM w WHERE b < $1 AND b > $2 GROUP BY g", []string{"2", "-8"}, nil, true},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b > $1 AND b < $2", []string{"6", "-4"}, nil, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE $1 = b AND g <> $2", []string{"-10", "1"}, []int{1}, false},
	{"SELECT COUNT(*), SUM(v) FROM w WHERE b = $1", []string{"5"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE b < $1 OR g = 3", []string{"0"}, nil, false},
	{"SELECT COUNT(*) FROM w WHERE NOT (b BETWEEN $1 AND $2)", []string{"-4", "6"}, nil, false},
}

// An opened window's public values (its ends, the sorted column's values
// beside them) and their opening are bound: a receipt with any of them
// changed, the opening's quotients swapped, another segment's window, or
// any of it dropped is refused by both verifiers. The window (b in [2, 6]) starts and ends inside the
// second segment of three.
func TestDishonestWindowReceiptsAreRejected(t *testing.T) {
	var csv strings.Builder
	for k := 0; k < 40; k++ {
		fmt.Fprintf(&csv, "%d,%d,%d\n", k/3*2-10, (k*37)%23-5, k%4)
	}
	db, _ := csvDB(t, "w", "b BIGINT SORTED, v BIGINT, g TINYINT", csv.String(), 4)
	db.prover.KeepEverySegment = true // segments 0 and 2 shown by their windows
	res, err := db.Prove(context.Background(), "SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", "2", "6")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatalf("honest receipt rejected: %v", err)
	}
	if w := res.Receipt.Segments[1].Window; len(w) != 6 || w[0] == "0" || w[3] == "16" {
		t.Fatalf("segment 1's window %v does not start and end inside it", w)
	}
	other, err := db.Prove(context.Background(), "SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", "3", "6")
	if err != nil {
		t.Fatal(err)
	}
	opening := func(r *receipt.Receipt, edit func(b []byte) []byte) {
		b, err := base64.StdEncoding.DecodeString(r.Opening)
		if err != nil {
			t.Fatal(err)
		}
		r.Opening = base64.StdEncoding.EncodeToString(edit(b))
	}
	tamper := []struct {
		name string
		edit func(r *receipt.Receipt)
	}{
		{"window dropped", func(r *receipt.Receipt) { r.Segments[1].Window = nil }},
		{"window of another segment", func(r *receipt.Receipt) { r.Segments[1].Window = r.Segments[0].Window }},
		{"the opening's two quotients swapped", func(r *receipt.Receipt) {
			opening(r, func(b []byte) []byte { return append(b[32:], b[:32]...) })
		}},
		{"the opening truncated", func(r *receipt.Receipt) { opening(r, func(b []byte) []byte { return b[:48] }) }},
		{"the opening of another query", func(r *receipt.Receipt) { r.Opening = other.Receipt.Opening }},
		{"the opening's W from another query", func(r *receipt.Receipt) {
			opening(r, func(b []byte) []byte {
				o, err := base64.StdEncoding.DecodeString(other.Receipt.Opening)
				if err != nil {
					t.Fatal(err)
				}
				return append(o[:32], b[32:]...)
			})
		}},
		{"the opening dropped", func(r *receipt.Receipt) { r.Opening = "" }},
	}
	for k := 0; k < 6; k++ { // i0, b[i0−1], b[i0], i1, b[i1−1], b[i1]
		tamper = append(tamper, struct {
			name string
			edit func(r *receipt.Receipt)
		}{fmt.Sprintf("window value %d", k), func(r *receipt.Receipt) { r.Segments[1].Window[k] = incr(r.Segments[1].Window[k]) }})
	}
	for _, tc := range tamper {
		t.Run(tc.name, func(t *testing.T) {
			r := clone(t, res.Receipt)
			tc.edit(r)
			if _, err := db.Verify(r); err == nil {
				t.Fatal("tampered receipt accepted by the store's verifier")
			}
			if _, err := Verify(r); err == nil {
				t.Fatal("tampered receipt accepted by the standalone verifier")
			}
		})
	}
}
