package sql

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/provensql/provensql/schema"
)

type testCatalog struct{}

func (testCatalog) Schema(name string) (*schema.Table, error) {
	if name == "w" { // a second table, for joins
		return &schema.Table{Name: "w", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "addr", Type: schema.Address}, {Name: "v", Type: schema.BigInt}}}, nil
	}
	if name != "t" {
		return nil, errors.New("no such table")
	}
	return &schema.Table{Name: "t", Columns: []schema.Column{
		{Name: "a", Type: schema.BigInt}, {Name: "u", Type: schema.BigIntUnsigned},
		{Name: "tiny", Type: schema.TinyInt}, {Name: "addr", Type: schema.Address}, {Name: "flag", Type: schema.Boolean},
	}}, nil
}

func TestBadQueriesGiveClearErrors(t *testing.T) {
	cases := []struct {
		sql  string
		want string // substring of the error
	}{
		{"SELEC COUNT(*) FROM t", "syntax error: line 1 column 5"},
		{"SELECT COUNT(*) FROM nope", "line 1, column 22: unknown table \"nope\""},
		{"SELECT SUM(b) FROM t", "line 1, column 12: unknown column \"b\""},
		{"SELECT COUNT(*) FROM t\nWHERE zzz = 1", "line 2, column 7: unknown column \"zzz\""},
		{"SELECT COUNT(*) FROM t WHERE addr < 5", "line 1, column 37"},
		{"SELECT COUNT(*) FROM t WHERE addr < 0x00000000000000000000000000000000000000aa", "addresses support only = and <>"},
		{"SELECT COUNT(*) FROM t WHERE a = addr", "type mismatch"},
		{"SELECT SUM(addr) FROM t", "SUM needs an integer or a UINT256, found an address"},
		{"SELECT COUNT(*) FROM t WHERE a", "expected a condition"},
		{"SELECT COUNT(*) FROM t WHERE tiny = 1000", "out of range for TINYINT"},
		{"SELECT a, COUNT(*) FROM t GROUP BY a, a", "column a appears twice in GROUP BY"},
		{"SELECT COUNT(*) FROM t GROUP BY a + 1", "GROUP BY needs columns"},
		{"SELECT COUNT(*) FROM t HAVING COUNT(*) > 1", "HAVING needs GROUP BY"},
		{"SELECT a, COUNT(*) FROM t GROUP BY a HAVING u > 1", "HAVING may use only aggregates and the GROUP BY columns"},
		{"SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) + 1 > 2", "arithmetic in HAVING is not supported yet"},
		{"SELECT u, COUNT(*) FROM t GROUP BY a", "neither an aggregate nor a GROUP BY column"},
		{"SELECT a, COUNT(*) FROM t", "a query returns either rows or aggregates"},
		{"SELECT COUNT(*) FROM t ORDER BY 2", "ORDER BY position 2 is not a result column (1..1)"},
		{"SELECT a FROM t ORDER BY a > 1", "ORDER BY a condition is not supported"},
		{"SELECT a FROM t ORDER BY nope", "unknown column \"nope\""},
		{"SELECT COUNT(*) FROM t GROUP BY a ORDER BY a + 1", "ORDER BY of an aggregate query takes result columns"},
		{"SELECT COUNT(*) FROM t LIMIT ?", "LIMIT takes an integer constant"},
		{"SELECT a FROM t LIMIT 2000000", "LIMIT 2000000 is out of range"},
		{"SELECT a FROM t LIMIT 5 OFFSET 1048575", "LIMIT + OFFSET is 1048580"},
		{"SELECT a > 1 FROM t", "is a condition"},
		{"SELECT DISTINCT a + 1 FROM t", "SELECT DISTINCT takes columns only"},
		{"SELECT DISTINCT COUNT(*) FROM t", "SELECT DISTINCT with aggregates"},
		{"SELECT MIN(DISTINCT a) FROM t", "MIN(DISTINCT ...) is not supported"},
		{"SELECT SUM(DISTINCT addr) FROM t", "SUM(DISTINCT ...) needs an integer column"},
		{"SELECT COUNT(DISTINCT a + 1) FROM t", "COUNT(DISTINCT ...) takes a column"},
		{"SELECT COUNT(DISTINCT a), COUNT(DISTINCT u) FROM t", "over two columns"},
		{"SELECT COUNT(*) FROM t JOIN t ON t.a = t.a", "needs two different aliases"},
		{"SELECT COUNT(*) FROM t RIGHT JOIN w ON t.a = w.a", "RIGHT JOIN is not supported"},
		{"SELECT COUNT(*) FROM t LEFT JOIN w ON t.a = w.a AND w.v > 0", "LEFT JOIN ... ON takes equalities"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.a < w.a", "has no equality"},
		{"SELECT COUNT(*) FROM t, w", "cross joins are not supported"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.a = w.addr", "different kinds"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.a = w.a JOIN t AS x ON x.a = w.a", "more than two tables"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.a = w.a WHERE a > 1", "is ambiguous"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.a = w.nope", "unknown column \"w.nope\""},
		{"SELECT COUNT(*), * FROM t", "SELECT * returns rows"},
		{"SELECT SUM(CASE WHEN a > 0 THEN addr ELSE a END) FROM t", "CASE branches have different types"},
		{"SELECT SUM(a & 1) FROM t", "bitwise operators are not supported"},
		{"SELECT COUNT(*) FROM t WHERE a = 'x'", "string constant"},
		{"SELECT COUNT(*) FROM t WHERE a = 1.5", "line 1, column 34"},
		{"SELECT COUNT(*) FROM t WHERE a = ? AND u = $1", "mixing ? and $n"},
		{"SELECT COUNT(*) FROM t WHERE a = $2", "placeholder $1 is missing"},
		{"SELECT COUNT(*) FROM t WHERE a IN (SELECT a FROM t)", "IN (subquery)"},
		{"SELECT SUM(SIGN(a)) FROM t", "function SIGN() is not supported yet"},
		{"DELETE FROM t", "only SELECT is supported"},
		{"SELECT COUNT(*) FROM t; SELECT 1", "exactly one statement"},
		{"SELECT SUM(a*a*a*a) FROM t", "beyond the 200-bit bound"},
	}
	for _, tc := range cases {
		t.Run(tc.sql, func(t *testing.T) {
			q, err := Parse(tc.sql, testCatalog{})
			if err == nil && strings.Contains(tc.want, "bit bound") {
				err = checkBounds(q)
			}
			if err == nil {
				t.Fatalf("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// checkBounds stands in for the planner's bound check, which lives in a
// package that imports this one.
func checkBounds(q *Query) error {
	var bits func(e Expr) int
	bits = func(e Expr) int {
		switch x := e.(type) {
		case *Column:
			return 64
		case *Arith:
			if x.Op == '*' {
				return bits(x.L) + bits(x.R)
			}
			return max(bits(x.L), bits(x.R)) + 1
		}
		return 64
	}
	for _, a := range q.Select {
		if a.Arg != nil && bits(a.Arg) > 200 {
			return fmt.Errorf("beyond the 200-bit bound")
		}
	}
	return nil
}

func TestPlaceholdersBind(t *testing.T) {
	q, err := Parse("SELECT COUNT(*) FROM t WHERE a = $2 AND u > $1 AND addr IN ($3) AND tiny < 5", testCatalog{})
	if err != nil {
		t.Fatal(err)
	}
	if q.NumPlaceholders != 3 || len(q.Params) != 4 {
		t.Fatalf("placeholders %d params %d", q.NumPlaceholders, len(q.Params))
	}
	want := []schema.Type{schema.BigIntUnsigned, schema.BigInt, schema.Address, schema.TinyInt}
	for i, w := range want {
		if q.Params[i].Type != w {
			t.Fatalf("param %d has type %v, want %v", i, q.Params[i].Type, w)
		}
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"1", "2"}, "3 placeholder(s), 2 value(s)"},
		{[]string{"-1", "2", "0x00000000000000000000000000000000000000aa"}, "parameter $1 (BIGINT UNSIGNED"},
		{[]string{"1", "2", "0x12"}, "parameter $3 (ADDRESS"},
		{[]string{"1", "9223372036854775808", "0x00000000000000000000000000000000000000aa"}, "out of range"},
		{[]string{"1", "x", "0x00000000000000000000000000000000000000aa"}, "not an integer"},
	} {
		if _, err := q.Bind(bad.args); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Fatalf("Bind(%v): error %v, want %q", bad.args, err, bad.want)
		}
	}
	if _, err := q.Bind([]string{"1", "-2", "0x00000000000000000000000000000000000000aa"}); err != nil {
		t.Fatal(err)
	}
}
