package provensql

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// referenceQuery is a query proven by ProvenSQL and run on SQLite. The
// SQLite text is derived from the proven one ($n → ?n; row queries get
// rowid as the last ORDER BY key, the tie order ProvenSQL defines) unless
// reference says otherwise.
type referenceQuery struct {
	proven, reference string
	params            []string
}

// referenceQueries: aggregates, GROUP BY with HAVING/ORDER BY/LIMIT, and
// row-returning queries with ORDER BY/LIMIT/OFFSET, including empty
// results, ties and type edges. Column a holds int64's extremes, so
// arithmetic on a is kept to rows where SQLite does not overflow.
var referenceQueries = []referenceQuery{
	// BETWEEN with parameter bounds (one sign check of a product): reversed,
	// equal and extreme bounds
	{"SELECT COUNT(*), SUM(s) FROM t WHERE i BETWEEN $1 AND $2", "", []string{"5", "-5"}},
	{"SELECT COUNT(*), SUM(s) FROM t WHERE i NOT BETWEEN $1 AND $2", "", []string{"5", "-5"}},
	{"SELECT COUNT(*), MIN(i) FROM t WHERE i BETWEEN 3 AND 3", "", nil},
	{"SELECT COUNT(*) FROM t WHERE i BETWEEN 4 AND 3 OR t BETWEEN -128 AND -128", "", nil},
	{"SELECT COUNT(*), MIN(a), MAX(a) FROM t WHERE a BETWEEN -9223372036854775808 AND 9223372036854775807", "", nil},
	{"SELECT COUNT(*) FROM t WHERE a BETWEEN -9223372036854775807 AND 9223372036854775806", "", nil},
	{"SELECT COUNT(*) FROM t WHERE s NOT BETWEEN $1 AND $2 AND i BETWEEN $2 AND $1", "", []string{"-100", "100"}},
	{"SELECT i FROM t WHERE t BETWEEN $1 AND $2 ORDER BY i LIMIT 5", "", []string{"0", "0"}},
	// aggregates
	{"SELECT COUNT(*), SUM(i), MIN(s), MAX(t) FROM t WHERE a < $1", "", []string{"0"}},
	{"SELECT COUNT(a), SUM(s * t) FROM t WHERE i BETWEEN $1 AND $2 AND NOT flag", "", []string{"-5", "9"}},
	{"SELECT SUM(i + s - t), MIN(i * 3), MAX(-s) FROM t WHERE t IN (0, 2, 4) OR s > 90", "", nil},
	{"SELECT COUNT(*) FROM t WHERE addr = $1", "", []string{testAddrs[2]}},
	{"SELECT COUNT(*), MIN(a), MAX(a) FROM t WHERE addr <> $1 AND (i < 0 OR flag)", "", []string{testAddrs[1]}},
	{"SELECT COUNT(*), SUM(a), AVG(i) FROM t WHERE i NOT BETWEEN -3 AND 3 AND t NOT IN (1, 3) AND a BETWEEN -1000 AND 1000", "", nil},
	{"SELECT AVG(s), AVG(t), SUM(flag) FROM t WHERE s >= 0", "", nil},
	{"SELECT COUNT(*), SUM(i), MIN(i), MAX(i), AVG(i) FROM t WHERE i > 1000", "", nil},
	{"SELECT COUNT(*), SUM(a) FROM t WHERE a >= -9223372036854775807 AND a <= 9223372036854775806", "", nil},
	{"SELECT MIN(i - s), MAX(i * i - 5) FROM t WHERE NOT (i = 0 OR s = 0)", "", nil},
	// a filter ending in an equality masks the packed count and sums
	// (circuits' masked values): several sums, an AND folded into the
	// equality either way round, too many wide sums to pack (the flags
	// then), and no filter
	{"SELECT COUNT(*), SUM(i), SUM(t), AVG(s) FROM t WHERE addr = $1", "", []string{testAddrs[2]}},
	{"SELECT COUNT(*), SUM(s - t) FROM t WHERE t = $1 AND addr = $2", "", []string{"2", testAddrs[0]}},
	{"SELECT COUNT(*), SUM(a) FROM t WHERE s > $1 AND t = $2", "", []string{"10", "3"}},
	{"SELECT SUM(a), SUM(a + 1), SUM(a - 1), SUM(-a), COUNT(*) FROM t WHERE t = $1", "", []string{"4"}},
	{"SELECT COUNT(*), SUM(a), SUM(i) FROM t", "", nil},
	// integer division truncates toward zero, % takes the dividend's sign (as SQLite)
	{"SELECT SUM(a / (t + 200)), SUM(a % (t + 200)), MIN(i / 7), MAX(i % 7) FROM t", "", nil},
	{"SELECT SUM(i / $1), SUM(i % $1), SUM(-i / $1) FROM t WHERE i <> 0", "", []string{"-4"}},
	{"SELECT SUM(ABS(i)), MAX(ABS(s - 50)), MIN(ABS(t)) FROM t", "", nil},
	{"SELECT SUM(CASE WHEN i < 0 THEN -1 WHEN i = 0 THEN 0 ELSE 1 END), MAX(CASE t WHEN 4 THEN s ELSE -s END) FROM t", "", nil},
	// a guarded division: the zero divisors are never evaluated
	{"SELECT SUM(CASE WHEN s = 0 THEN 0 ELSE a / s END) FROM t", "", nil},
	{"SELECT COUNT(*) FROM t WHERE s <> 0 AND i / s < 1", "", nil},
	{"SELECT COUNT(*) FROM t WHERE s = 0 OR 100 % s = 0", "", nil},
	{"SELECT AVG(i DIV 3), SUM(MOD(i, 5)) FROM t WHERE i > -10", "SELECT AVG(i / 3), SUM(i % 5) FROM t WHERE i > -10", nil},
	{"SELECT COUNT(*) FROM t", "", nil},
	{"SELECT COUNT(*), SUM(t) FROM t WHERE flag", "", nil},
	{"SELECT COUNT(*), SUM(t) FROM t WHERE NOT flag AND t >= $1", "", []string{"2"}},
	{"SELECT MIN(a), MAX(a) FROM t", "", nil},
	{"SELECT MIN(s), MAX(s), MIN(t), MAX(t) FROM t WHERE i < 0", "", nil},
	{"SELECT COUNT(*) FROM t WHERE i = -2147483648 OR i = 2147483647", "", nil},
	{"SELECT COUNT(*) FROM t WHERE s IN (-32768, 32767, 300)", "", nil},
	{"SELECT SUM(s), AVG(s) FROM t WHERE t BETWEEN $1 AND $2", "", []string{"1", "3"}},
	{"SELECT COUNT(*), MAX(i) FROM t WHERE i < $1 AND i > $2", "", []string{"0", "5"}},
	{"SELECT SUM(s * 2 + t), MIN(s - t), MAX(s + t) FROM t WHERE s BETWEEN 0 AND 200", "", nil},
	{"SELECT COUNT(*) FROM t WHERE (i > 0 AND s > 30) OR (i < 0 AND t = 4)", "", nil},
	{"SELECT COUNT(*) FROM t WHERE NOT (t IN (0, 1) OR flag)", "", nil},
	{"SELECT AVG(a / 1000) FROM t WHERE addr = $1", "", []string{testAddrs[0]}},
	{"SELECT MAX(i % 4), MIN(i % 4), SUM(i / 4) FROM t WHERE i BETWEEN -20 AND 20", "", nil},
	{"SELECT COUNT(*) FROM t LIMIT 0", "", nil},
	{"SELECT COUNT(*), SUM(i) FROM t WHERE t = 2 LIMIT 5 OFFSET 1", "", nil},
	// GROUP BY (rows in group-key order unless ORDER BY says otherwise)
	{"SELECT t, COUNT(*), SUM(i) FROM t GROUP BY t", "SELECT t, COUNT(*), SUM(i) FROM t GROUP BY t ORDER BY t", nil},
	// the last segment's padding rows (all zero) pass these filters and land in
	// the zero row's group (t = 0, a real one; the zero address, not one):
	// the circuit takes their share out, arguments nonzero on the zero row
	{"SELECT t, COUNT(*), SUM(i + 7), AVG(s - 3) FROM t WHERE i <= $1 GROUP BY t", "SELECT t, COUNT(*), SUM(i + 7), AVG(s - 3) FROM t WHERE i <= ?1 GROUP BY t ORDER BY t", []string{"5"}},
	{"SELECT addr, COUNT(*), SUM(a * 2 + 1) FROM t GROUP BY addr", "SELECT addr, COUNT(*), SUM(a * 2 + 1) FROM t GROUP BY addr ORDER BY addr", nil},
	{"SELECT t, COUNT(*), SUM(a), SUM(s) FROM t WHERE addr = $1 GROUP BY t", "SELECT t, COUNT(*), SUM(a), SUM(s) FROM t WHERE addr = ?1 GROUP BY t ORDER BY t", []string{testAddrs[1]}},
	{"SELECT COUNT(DISTINCT t) FROM t WHERE s >= $1", "SELECT COUNT(DISTINCT t) FROM t WHERE s >= ?1", []string{"0"}},
	{"SELECT flag, COUNT(*), AVG(s), SUM(a / 1000) FROM t WHERE i > $1 GROUP BY flag", "SELECT flag, COUNT(*), AVG(s), SUM(a / 1000) FROM t WHERE i > ?1 GROUP BY flag ORDER BY flag", []string{"-10"}},
	{"SELECT addr, COUNT(*) AS n, SUM(s) FROM t GROUP BY addr HAVING COUNT(*) >= $1", "SELECT addr, COUNT(*), SUM(s) FROM t GROUP BY addr HAVING COUNT(*) >= ?1 ORDER BY addr", []string{"13"}},
	{"SELECT t, SUM(i) FROM t WHERE s < 100 GROUP BY t HAVING SUM(i) > 0 AND t <> 4 OR AVG(i) < -5", "SELECT t, SUM(i) FROM t WHERE s < 100 GROUP BY t HAVING SUM(i) > 0 AND t <> 4 OR AVG(i) < -5 ORDER BY t", nil},
	{"SELECT i, COUNT(*) FROM t WHERE i > 1000 GROUP BY i", "SELECT i, COUNT(*) FROM t WHERE i > 1000 GROUP BY i ORDER BY i", nil},
	{"SELECT t, flag, COUNT(*), SUM(i) FROM t GROUP BY t, flag", "SELECT t, flag, COUNT(*), SUM(i) FROM t GROUP BY t, flag ORDER BY t, flag", nil},
	{"SELECT flag, addr, COUNT(*), AVG(s) FROM t WHERE i < $1 GROUP BY flag, addr HAVING COUNT(*) > 2 AND addr <> $2", "SELECT flag, addr, COUNT(*), AVG(s) FROM t WHERE i < ?1 GROUP BY flag, addr HAVING COUNT(*) > 2 AND addr <> ?2 ORDER BY flag, addr", []string{"10", testAddrs[0]}},
	{"SELECT t, SUM(s) AS v FROM t GROUP BY t ORDER BY v DESC", "SELECT t, SUM(s) AS v FROM t GROUP BY t ORDER BY v DESC, t", nil},
	{"SELECT t, SUM(s) AS v FROM t GROUP BY t ORDER BY v DESC LIMIT 2", "SELECT t, SUM(s) AS v FROM t GROUP BY t ORDER BY v DESC, t LIMIT 2", nil},
	{"SELECT addr, COUNT(*) FROM t GROUP BY addr ORDER BY COUNT(*), addr DESC", "", nil},
	{"SELECT t, COUNT(*) FROM t WHERE i > 0 GROUP BY t ORDER BY 2 DESC, 1 LIMIT 3 OFFSET 1", "", nil},
	{"SELECT flag, t, AVG(i) FROM t GROUP BY flag, t ORDER BY AVG(i) LIMIT 4", "SELECT flag, t, AVG(i) FROM t GROUP BY flag, t ORDER BY AVG(i), flag, t LIMIT 4", nil},
	{"SELECT t, COUNT(*) FROM t GROUP BY t ORDER BY SUM(i) DESC", "SELECT t, COUNT(*) FROM t GROUP BY t ORDER BY SUM(i) DESC, t", nil},
	{"SELECT t, COUNT(*) FROM t GROUP BY t ORDER BY t DESC LIMIT 10 OFFSET 10", "", nil},
	{"SELECT addr, SUM(i) FROM t WHERE flag GROUP BY addr HAVING SUM(i) < $1 ORDER BY addr DESC", "", []string{"100"}},
	// MIN and MAX per group
	{"SELECT t, MIN(i), MAX(i), COUNT(*) FROM t GROUP BY t", "SELECT t, MIN(i), MAX(i), COUNT(*) FROM t GROUP BY t ORDER BY t", nil},
	{"SELECT addr, MIN(a), MAX(s), SUM(t) FROM t GROUP BY addr", "SELECT addr, MIN(a), MAX(s), SUM(t) FROM t GROUP BY addr ORDER BY addr", nil},
	{"SELECT flag, MAX(i * 2 - s), MIN(ABS(i)) FROM t WHERE t <> $1 GROUP BY flag", "SELECT flag, MAX(i * 2 - s), MIN(ABS(i)) FROM t WHERE t <> ?1 GROUP BY flag ORDER BY flag", []string{"3"}},
	{"SELECT t, MAX(s) FROM t GROUP BY t HAVING MAX(s) > 60 AND MIN(i) < 0", "SELECT t, MAX(s) FROM t GROUP BY t HAVING MAX(s) > 60 AND MIN(i) < 0 ORDER BY t", nil},
	{"SELECT t, flag, MIN(s) AS lo FROM t GROUP BY t, flag ORDER BY lo DESC LIMIT 3", "SELECT t, flag, MIN(s) AS lo FROM t GROUP BY t, flag ORDER BY lo DESC, t, flag LIMIT 3", nil},
	{"SELECT t, MIN(i), MAX(i) FROM t WHERE i > 1000 GROUP BY t", "SELECT t, MIN(i), MAX(i) FROM t WHERE i > 1000 GROUP BY t ORDER BY t", nil},
	// DISTINCT (rows in key order unless ORDER BY says otherwise)
	{"SELECT DISTINCT t FROM t", "SELECT DISTINCT t FROM t ORDER BY t", nil},
	{"SELECT DISTINCT flag, addr FROM t WHERE i > $1", "SELECT DISTINCT flag, addr FROM t WHERE i > ?1 ORDER BY flag, addr", []string{"0"}},
	{"SELECT DISTINCT t FROM t ORDER BY t DESC LIMIT 3", "", nil},
	{"SELECT DISTINCT addr FROM t WHERE i > 1000000", "", nil},
	{"SELECT COUNT(DISTINCT t) FROM t", "", nil},
	{"SELECT COUNT(DISTINCT addr), COUNT(*), SUM(i), MIN(s), MAX(t), AVG(i) FROM t WHERE flag", "", nil},
	{"SELECT COUNT(DISTINCT i), SUM(s) FROM t WHERE i > 1000000", "", nil},
	{"SELECT t, COUNT(DISTINCT addr), COUNT(*) FROM t GROUP BY t", "SELECT t, COUNT(DISTINCT addr), COUNT(*) FROM t GROUP BY t ORDER BY t", nil},
	{"SELECT addr, COUNT(DISTINCT t) AS n, SUM(i) FROM t WHERE s > $1 GROUP BY addr HAVING COUNT(DISTINCT t) >= 3 ORDER BY n DESC", "SELECT addr, COUNT(DISTINCT t) AS n, SUM(i) FROM t WHERE s > ?1 GROUP BY addr HAVING COUNT(DISTINCT t) >= 3 ORDER BY n DESC, addr", []string{"-1"}},
	{"SELECT t, COUNT(DISTINCT t) FROM t GROUP BY t", "SELECT t, COUNT(DISTINCT t) FROM t GROUP BY t ORDER BY t", nil},
	{"SELECT SUM(DISTINCT t), AVG(DISTINCT t), COUNT(DISTINCT t), SUM(t) FROM t", "", nil},
	{"SELECT flag, SUM(DISTINCT s), AVG(DISTINCT s) FROM t WHERE i < $1 GROUP BY flag", "SELECT flag, SUM(DISTINCT s), AVG(DISTINCT s) FROM t WHERE i < ?1 GROUP BY flag ORDER BY flag", []string{"8"}},
	{"SELECT SUM(DISTINCT s), AVG(DISTINCT s) FROM t WHERE i > 1000000", "", nil},
	{"SELECT t, SUM(DISTINCT t), AVG(DISTINCT t) FROM t GROUP BY t", "SELECT t, SUM(DISTINCT t), AVG(DISTINCT t) FROM t GROUP BY t ORDER BY t", nil},
	// rows
	{"SELECT a, i FROM t", "", nil},
	{"SELECT * FROM t", "", nil},
	{"SELECT * FROM t WHERE flag", "", nil},
	{"SELECT i, s, t FROM t WHERE i > $1", "", []string{"5"}},
	{"SELECT addr, flag FROM t WHERE addr = $1", "", []string{testAddrs[1]}},
	{"SELECT a FROM t WHERE addr <> $1 AND t = 3", "", []string{testAddrs[0]}},
	{"SELECT i FROM t WHERE i > 1000000", "", nil}, // empty segments
	{"SELECT i FROM t WHERE i > 3000000000 - 3000000000", "", nil},
	{"SELECT i * 2, s - t, -i FROM t WHERE s BETWEEN 10 AND 60", "", nil},
	{"SELECT i / 3, i % 3, ABS(i) FROM t WHERE i < 5", "", nil},
	{"SELECT a / 1000000, a % 7 FROM t", "", nil},
	{"SELECT CASE WHEN flag THEN i ELSE -i END, CASE t WHEN 0 THEN 100 WHEN 1 THEN 200 ELSE 0 END FROM t WHERE s < 50", "", nil},
	{"SELECT CASE WHEN flag THEN addr ELSE $1 END FROM t WHERE i BETWEEN -10 AND 10", "", []string{testAddrs[0]}},
	{"SELECT s FROM t WHERE s <> 0 AND 99 % s = 0", "", nil},
	{"SELECT i, s / t FROM t WHERE t <> 0 AND i < 0", "", nil},
	{"SELECT flag FROM t WHERE NOT flag OR t = 4", "", nil},
	{"SELECT u FROM t WHERE i BETWEEN -3 AND 3", "", nil},
	{"SELECT u, a FROM t WHERE i > $1 ORDER BY t", "", []string{"10"}},
	{"SELECT i FROM t ORDER BY i", "", nil},
	{"SELECT i FROM t ORDER BY i DESC", "", nil},
	{"SELECT a, i FROM t ORDER BY a DESC LIMIT 5", "", nil},
	{"SELECT a, i FROM t ORDER BY a LIMIT 5", "", nil},
	{"SELECT i, t FROM t ORDER BY t, i DESC", "", nil},
	{"SELECT i, t FROM t ORDER BY t DESC, i", "", nil},
	{"SELECT t, i FROM t ORDER BY t LIMIT 7", "", nil}, // ties in t: table order
	{"SELECT t, i FROM t ORDER BY t DESC LIMIT 9 OFFSET 3", "", nil},
	{"SELECT i FROM t ORDER BY flag, t, i LIMIT 12", "", nil},
	{"SELECT i, s FROM t WHERE t <> $1 ORDER BY s DESC, i LIMIT 4 OFFSET 1", "", []string{"2"}},
	{"SELECT i FROM t ORDER BY i * i DESC LIMIT 4", "", nil},
	{"SELECT i, s FROM t ORDER BY s - i LIMIT 6", "", nil},
	{"SELECT i FROM t ORDER BY ABS(i - 3), i LIMIT 5", "", nil},
	{"SELECT addr, i FROM t ORDER BY addr, i DESC LIMIT 8", "", nil},
	{"SELECT addr FROM t ORDER BY addr DESC LIMIT 3", "", nil},
	{"SELECT i FROM t WHERE flag ORDER BY i DESC LIMIT 3", "", nil},
	{"SELECT i FROM t WHERE i > 1000000 ORDER BY i LIMIT 3", "", nil},
	{"SELECT i FROM t ORDER BY i LIMIT 0", "", nil},
	{"SELECT i FROM t ORDER BY i LIMIT 5 OFFSET 100", "", nil},
	{"SELECT i FROM t ORDER BY i LIMIT 5 OFFSET 36", "", nil},
	{"SELECT i FROM t LIMIT 3", "", nil},
	{"SELECT i FROM t LIMIT 3 OFFSET 20", "", nil},
	{"SELECT i FROM t LIMIT 20, 3", "SELECT i FROM t LIMIT 3 OFFSET 20", nil},
	{"SELECT i, s FROM t ORDER BY 2 DESC, 1 LIMIT 5", "", nil},
	{"SELECT i AS x, s FROM t ORDER BY x DESC LIMIT 5", "", nil},
	{"SELECT i FROM t ORDER BY s LIMIT 6", "", nil}, // key not selected
	{"SELECT s FROM t ORDER BY a DESC, s LIMIT 4", "", nil},
	{"SELECT i FROM t WHERE addr = $1 ORDER BY t DESC, i LIMIT 5", "", []string{testAddrs[2]}},
	{"SELECT i, t FROM t WHERE t IN (1, 4) ORDER BY t DESC, i DESC", "", nil},
	{"SELECT i FROM t WHERE i BETWEEN $1 AND $2 ORDER BY i DESC LIMIT 3", "", []string{"-8", "8"}},
	{"SELECT i, flag FROM t ORDER BY flag DESC, i LIMIT 10", "", nil},
	{"SELECT i FROM t ORDER BY CASE WHEN flag THEN 0 ELSE 1 END, i LIMIT 6", "", nil},
	{"SELECT i, i % 5 FROM t ORDER BY i % 5, i DESC LIMIT 7", "", nil},
	{"SELECT s FROM t WHERE s >= 0 ORDER BY s / 10 DESC, s LIMIT 5", "", nil},
	{"SELECT * FROM t ORDER BY i LIMIT 3", "", nil},
	{"SELECT * FROM t WHERE i < 0 ORDER BY s DESC LIMIT 2 OFFSET 2", "", nil},
	{"SELECT t, i FROM t WHERE s = 300", "", nil}, // one row
	{"SELECT t, i FROM t WHERE s = 300 ORDER BY i LIMIT 1", "", nil},
	{"SELECT a FROM t WHERE a = -9223372036854775808 OR a = 9223372036854775807 ORDER BY a DESC", "", nil},
	{"SELECT i FROM t WHERE i = -2147483648 OR i = 2147483647 ORDER BY i", "", nil},
	{"SELECT s, t FROM t WHERE s IN (-32768, 32767) ORDER BY t", "", nil},
	{"SELECT i FROM t WHERE NOT (i BETWEEN -15 AND 15) ORDER BY i LIMIT 4", "", nil},
	{"SELECT i FROM t WHERE i NOT IN (0, 1, 2) AND t NOT IN (0) ORDER BY i DESC LIMIT 5", "", nil},
	{"SELECT i FROM t WHERE i < 0 AND (s > 10 OR flag) ORDER BY i", "", nil},
	{"SELECT a / (t + 200) FROM t ORDER BY a / (t + 200) DESC LIMIT 3", "", nil},
	{"SELECT i, s * t FROM t WHERE s * t > 50 ORDER BY s * t DESC, i LIMIT 5", "", nil},
}

// TestProvenResultsMatchSQLite proves every reference query and compares
// its rows, in order, with SQLite's (a real engine, pure Go) over the same
// rows; every receipt must verify.
func TestProvenResultsMatchSQLite(t *testing.T) {
	if len(referenceQueries) < 100 {
		t.Fatalf("only %d reference queries", len(referenceQueries))
	}
	db := sharedDB(t)
	ref := sqliteReference(t)
	for _, q := range referenceQueries {
		t.Run(q.proven, func(t *testing.T) {
			args := make([]any, len(q.params))
			for i, p := range q.params {
				if v, err := strconv.ParseInt(p, 10, 64); err == nil {
					args[i] = v
				} else {
					args[i] = p
				}
			}
			matchSQLite(t, db, ref, q.proven, q.params, referenceSQL(q), args)
		})
	}
}

// matchSQLite proves a query, verifies the receipt and compares its rows,
// in order, with the reference query's on SQLite.
func matchSQLite(t *testing.T, db *DB, ref *sql.DB, proven string, params []string, refSQL string, args []any) {
	t.Helper()
	compareWithSQLite(t, db, ref, proven, params, refSQL, args, false)
}

// matchSQLiteAnyOrder is matchSQLite for results whose order SQL leaves
// open (GROUP BY without ORDER BY): the same rows, in any order.
func matchSQLiteAnyOrder(t *testing.T, db *DB, ref *sql.DB, proven string, params []string, refSQL string, args []any) {
	t.Helper()
	compareWithSQLite(t, db, ref, proven, params, refSQL, args, true)
}

func compareWithSQLite(t *testing.T, db *DB, ref *sql.DB, proven string, params []string, refSQL string, args []any, anyOrder bool) {
	t.Helper()
	res, err := db.Prove(context.Background(), proven, params...)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ref.Query(refSQL, args...)
	if err != nil {
		t.Fatalf("sqlite: %s: %v", refSQL, err)
	}
	defer rows.Close()
	same := func(got []string, want []any) bool {
		for i := range got {
			if !sameValue(got[i], want[i]) {
				return false
			}
		}
		return true
	}
	used := make([]bool, len(res.Receipt.Rows))
	n := 0
	for rows.Next() {
		want := make([]any, len(res.Receipt.Columns))
		ptrs := make([]any, len(want))
		for i := range want {
			ptrs[i] = &want[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		if n >= len(res.Receipt.Rows) {
			t.Fatalf("SQLite has more rows than the proof (%d)", len(res.Receipt.Rows))
		}
		if anyOrder {
			found := false
			for r, got := range res.Receipt.Rows {
				if !used[r] && same(got, want) {
					used[r], found = true, true
					break
				}
			}
			if !found {
				t.Fatalf("SQLite row %v is not among the proven rows %v", want, res.Receipt.Rows)
			}
		}
		for i, got := range res.Receipt.Rows[n] {
			if !anyOrder && !sameValue(got, want[i]) {
				t.Fatalf("row %d column %s: proven %s, SQLite %v", n, res.Receipt.Columns[i].Name, got, want[i])
			}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(res.Receipt.Rows) {
		t.Fatalf("proof has %d rows, SQLite %d", len(res.Receipt.Rows), n)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
}

var (
	aggregateCall = regexp.MustCompile(`(?i)\b(COUNT|SUM|MIN|MAX|AVG)\(|\bGROUP BY\b`)
	limitClause   = regexp.MustCompile(`(?i)\s+LIMIT\s.*$`)
)

// referenceSQL returns the SQLite text of a reference query.
func referenceSQL(q referenceQuery) string {
	if q.reference != "" {
		return q.reference
	}
	s := q.proven
	for k := len(q.params); k >= 1; k-- {
		s = strings.ReplaceAll(s, fmt.Sprintf("$%d", k), fmt.Sprintf("?%d", k))
	}
	if aggregateCall.MatchString(s) {
		return s
	}
	// row queries: ties (and no ORDER BY) in table order
	limit := limitClause.FindString(s)
	s = strings.TrimSuffix(s, limit)
	if strings.Contains(strings.ToUpper(s), " ORDER BY ") {
		return s + ", rowid" + limit
	}
	return s + " ORDER BY rowid" + limit
}

// sqliteReference loads the test rows into an in-memory SQLite table (u
// as text: SQLite integers are signed 64-bit).
func sqliteReference(t *testing.T) *sql.DB {
	t.Helper()
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	ref.SetMaxOpenConns(1)
	if _, err := ref.Exec(`CREATE TABLE t (a INTEGER, u TEXT, i INTEGER, s INTEGER, t INTEGER, flag INTEGER, addr TEXT)`); err != nil {
		t.Fatal(err)
	}
	for _, r := range testRows() {
		flag := 0
		if r.flag {
			flag = 1
		}
		if _, err := ref.Exec(`INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)`, r.a, strconv.FormatUint(r.u, 10), r.i, r.s, r.t, flag, testAddrs[r.addr]); err != nil {
			t.Fatal(err)
		}
	}
	return ref
}

// sameValue compares a proven value (decimal, p/q, NULL) with SQLite's.
func sameValue(got string, want any) bool {
	switch w := want.(type) {
	case nil:
		return got == "NULL"
	case string: // addresses, u, strings
		return got == w || (strings.HasPrefix(w, "0x") && strings.EqualFold(got, w))
	case int64:
		switch got { // BOOLEAN values print as true/false; SQLite stores 1/0
		case "true":
			return w == 1
		case "false":
			return w == 0
		}
		return got == strconv.FormatInt(w, 10)
	case float64:
		r, ok := new(big.Rat).SetString(got)
		if !ok {
			return false
		}
		f, _ := r.Float64()
		return f == w || (w != 0 && (f-w)/w < 1e-12 && (w-f)/w < 1e-12)
	}
	return fmt.Sprint(want) == got
}
