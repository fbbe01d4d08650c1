package provensql

import (
	"context"
	"database/sql"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
)

// joinRow is a row of the join tests' second table w (k joins t.t, addr
// joins t.addr; keys repeat on both sides).
type joinRow struct {
	k    int8
	name string
	v    int64
	addr string
}

var joinAddrs = []string{"0x0000000000000000000000000000000000000001", "0x00000000000000000000000000000000000000bb"}

func joinRows() []joinRow {
	return []joinRow{
		{0, "zero", 10, testAddrs[0]},
		{2, "two", -5, testAddrs[1]},
		{2, "deux", 7, joinAddrs[0]},
		{4, "four", 0, testAddrs[2]},
		{-1, "minus", 3, joinAddrs[1]},
		{127, "max", 100, joinAddrs[0]},
		{100, "none", 1, joinAddrs[1]},
		{3, "three", -2, joinAddrs[1]},
	}
}

func joinTable() *schema.Table {
	return &schema.Table{Name: "w", Columns: []schema.Column{
		{Name: "k", Type: schema.TinyInt}, {Name: "name", Type: schema.Varchar},
		{Name: "v", Type: schema.BigInt}, {Name: "addr", Type: schema.Address},
	}}
}

// joinDB stores t (two segments of 32 rows), w and p (one segment of 16
// rows each: joins of t with w join segments of two sizes) and loads them
// into SQLite.
func joinDB(t *testing.T) (*DB, *sql.DB) {
	t.Helper()
	db, err := Open(t.TempDir(), Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store().Append(testTable(), 5, encodeRows(testRows())); err != nil {
		t.Fatal(err)
	}
	cols := make([][]fr.Element, 4)
	for _, r := range joinRows() {
		name, err := schema.EncodeString(r.name)
		if err != nil {
			t.Fatal(err)
		}
		addr, err := schema.ParseAddress(r.addr)
		if err != nil {
			t.Fatal(err)
		}
		for c, v := range []*big.Int{big.NewInt(int64(r.k)), name, big.NewInt(r.v), addr} {
			cols[c] = append(cols[c], schema.Encode(v))
		}
	}
	if _, err := db.Store().Append(joinTable(), 4, cols); err != nil {
		t.Fatal(err)
	}
	ref := sqliteReference(t)
	if _, err := ref.Exec(`CREATE TABLE w (k INTEGER, name TEXT, v INTEGER, addr TEXT)`); err != nil {
		t.Fatal(err)
	}
	for _, r := range joinRows() {
		if _, err := ref.Exec(`INSERT INTO w VALUES (?, ?, ?, ?)`, r.k, r.name, r.v, r.addr); err != nil {
			t.Fatal(err)
		}
	}
	// p: the left table of the LEFT JOIN queries (keys 1, 5 and 9 have no
	// match in w; amt is nullable)
	csvTable(t, db, ref, "p", "k TINYINT, label VARCHAR, amt INT NULL", leftCSV, 4)
	// d: a dimension table, keys distinct (t.t = 2, 4 and -128 have no
	// match, 50 no t row): joins with it take the lookup join circuit
	csvTable(t, db, ref, "d", "k TINYINT, label VARCHAR, weight INT", dimensionCSV, 3)
	return db, ref
}

const dimensionCSV = `0,zero,10
1,one,-3
3,three,7
127,max,1
-1,minus,2
50,none,4
`

const leftCSV = `0,a,5
1,b,
2,c,7
5,d,1
5,e,
127,f,3
-1,g,-2
9,h,4
3,i,
2,j,8
`

// joinQueries: inner equi-joins with duplicate keys on both sides, on one
// and two key columns, with aggregates, GROUP BY/HAVING, DISTINCT, rows,
// ORDER BY/LIMIT, conditions over both tables and empty results.
var joinQueries = []referenceQuery{
	{"SELECT COUNT(*) FROM t JOIN w ON t.t = w.k", "", nil},
	{"SELECT COUNT(*), SUM(t.i), SUM(w.v), MIN(w.v), MAX(t.s), AVG(t.a / 1000) FROM t JOIN w ON t.t = w.k", "", nil},
	{"SELECT COUNT(*), SUM(i) FROM t JOIN w ON w.k = t.t WHERE w.v > $1 AND t.i < 10", "", []string{"0"}},
	{"SELECT COUNT(*), SUM(v) FROM t INNER JOIN w ON t.t = w.k AND w.v >= 0 AND NOT flag", "", nil},
	{"SELECT COUNT(*), SUM(t.i * w.v), MAX(t.s - w.v) FROM t JOIN w ON t.t = w.k WHERE t.s > w.v", "", nil},
	{"SELECT COUNT(*), MIN(t.i), MAX(w.v) FROM t JOIN w USING (addr)", "", nil},
	{"SELECT COUNT(*), SUM(x.i) FROM t AS x JOIN w AS y ON x.t = y.k AND x.addr = y.addr", "", nil},
	{"SELECT COUNT(*), SUM(t.i) FROM t JOIN w ON t.t = w.k WHERE w.v > 1000", "", nil},
	{"SELECT COUNT(*) FROM t JOIN w ON t.i = w.v", "", nil},
	{"SELECT w.name, COUNT(*), SUM(t.i), MIN(t.s), MAX(t.a) FROM t JOIN w ON t.t = w.k GROUP BY w.name", "SELECT w.name, COUNT(*), SUM(t.i), MIN(t.s), MAX(t.a) FROM t JOIN w ON t.t = w.k GROUP BY w.name ORDER BY w.name", nil},
	{"SELECT t.t, COUNT(*), SUM(w.v) FROM t JOIN w ON t.t = w.k GROUP BY t.t HAVING COUNT(*) > 5", "SELECT t.t, COUNT(*), SUM(w.v) FROM t JOIN w ON t.t = w.k GROUP BY t.t HAVING COUNT(*) > 5 ORDER BY t.t", nil},
	{"SELECT name, SUM(i) AS total FROM t JOIN w ON t.t = w.k GROUP BY name ORDER BY total DESC LIMIT 3", "SELECT name, SUM(i) AS total FROM t JOIN w ON t.t = w.k GROUP BY name ORDER BY total DESC, name LIMIT 3", nil},
	{"SELECT DISTINCT w.name FROM t JOIN w ON t.t = w.k WHERE t.flag", "SELECT DISTINCT w.name FROM t JOIN w ON t.t = w.k WHERE t.flag ORDER BY w.name", nil},
	{"SELECT COUNT(DISTINCT t.addr), SUM(w.v) FROM t JOIN w ON t.t = w.k", "", nil},
	{"SELECT w.k, COUNT(DISTINCT t.i) FROM t JOIN w ON t.t = w.k GROUP BY w.k", "SELECT w.k, COUNT(DISTINCT t.i) FROM t JOIN w ON t.t = w.k GROUP BY w.k ORDER BY w.k", nil},
	{"SELECT t.i, w.name, w.v FROM t JOIN w ON t.t = w.k WHERE t.i > 5", "", nil},
	{"SELECT t.a, w.v FROM t JOIN w ON t.t = w.k ORDER BY w.v DESC, t.a LIMIT 5", "", nil},
	{"SELECT w.k, t.i * w.v AS p FROM t JOIN w ON t.t = w.k ORDER BY p LIMIT 4 OFFSET 2", "", nil},
	{"SELECT * FROM t JOIN w ON t.t = w.k WHERE t.i < -10", "", nil},
	{"SELECT w.*, t.i FROM t JOIN w USING (addr) WHERE t.i > 10", "", nil},
	{"SELECT t.i FROM t JOIN w ON t.t = w.k WHERE w.name = 'nobody'", "", nil},
	// lookup joins (d's keys are distinct): aggregates, GROUP BY, MIN/MAX,
	// a condition in ON, an empty join, result rows, LEFT JOIN
	{"SELECT COUNT(*), SUM(t.i), SUM(d.weight) FROM t JOIN d ON t.t = d.k", "", nil},
	{"SELECT d.label, COUNT(*), SUM(t.u) FROM t JOIN d ON t.t = d.k WHERE t.i > $1 GROUP BY d.label", "SELECT d.label, COUNT(*), SUM(t.u) FROM t JOIN d ON t.t = d.k WHERE t.i > ?1 GROUP BY d.label ORDER BY d.label", []string{"-5"}},
	{"SELECT COUNT(*), MIN(d.weight), MAX(t.a), AVG(t.s) FROM t JOIN d ON t.t = d.k AND d.weight > 0", "", nil},
	{"SELECT t.t, COUNT(DISTINCT d.label) FROM t JOIN d ON t.t = d.k GROUP BY t.t", "SELECT t.t, COUNT(DISTINCT d.label) FROM t JOIN d ON t.t = d.k GROUP BY t.t ORDER BY t.t", nil},
	{"SELECT COUNT(*) FROM t JOIN d ON t.t = d.k WHERE d.label = 'none'", "", nil},
	{"SELECT t.i, d.label FROM t JOIN d ON t.t = d.k WHERE t.i > 10", "SELECT t.i, d.label FROM t JOIN d ON t.t = d.k WHERE t.i > 10 ORDER BY t.rowid, d.rowid", nil},
	{"SELECT d.label, MIN(t.i), MAX(t.s) FROM t JOIN d ON t.t = d.k GROUP BY d.label", "SELECT d.label, MIN(t.i), MAX(t.s) FROM t JOIN d ON t.t = d.k GROUP BY d.label ORDER BY d.label", nil},
	{"SELECT COUNT(*), COUNT(d.label), SUM(d.weight), SUM(t.i) FROM t LEFT JOIN d ON t.t = d.k", "", nil},
	{"SELECT t.t, COUNT(*), COUNT(d.k), MAX(d.weight) FROM t LEFT JOIN d ON t.t = d.k GROUP BY t.t", "SELECT t.t, COUNT(*), COUNT(d.k), MAX(d.weight) FROM t LEFT JOIN d ON t.t = d.k GROUP BY t.t ORDER BY t.t", nil},
	{"SELECT t.i, d.label, d.weight FROM t LEFT JOIN d ON t.t = d.k WHERE t.i > 5", "SELECT t.i, d.label, d.weight FROM t LEFT JOIN d ON t.t = d.k WHERE t.i > 5 ORDER BY t.rowid", nil},
	{"SELECT COUNT(*), SUM(t.i) FROM t LEFT JOIN d ON t.t = d.k WHERE d.k IS NULL", "", nil},
	{"SELECT COUNT(*), SUM(a.weight * b.weight) FROM d AS a JOIN d AS b ON a.k = b.k", "", nil},
	{"SELECT a.label, b.weight FROM d AS a LEFT JOIN d AS b ON a.weight = b.k", "SELECT a.label, b.weight FROM d AS a LEFT JOIN d AS b ON a.weight = b.k ORDER BY a.rowid", nil},
	// LEFT JOIN: unmatched left rows once, their right columns NULL
	{"SELECT COUNT(*), COUNT(w.k), SUM(w.v), SUM(p.amt), COUNT(p.amt) FROM p LEFT JOIN w ON p.k = w.k", "", nil},
	{"SELECT p.label, w.name, w.v, p.amt FROM p LEFT JOIN w ON p.k = w.k", "SELECT p.label, w.name, w.v, p.amt FROM p LEFT JOIN w ON p.k = w.k ORDER BY p.rowid, w.rowid", nil},
	{"SELECT p.label FROM p LEFT JOIN w ON p.k = w.k WHERE w.k IS NULL", "SELECT p.label FROM p LEFT JOIN w ON p.k = w.k WHERE w.k IS NULL ORDER BY p.rowid", nil},
	{"SELECT COUNT(*), SUM(p.amt) FROM p LEFT JOIN w ON p.k = w.k WHERE w.v > 0 OR p.amt > 3", "", nil},
	{"SELECT p.k, COUNT(*), COUNT(w.v), SUM(w.v), MAX(w.name) FROM p LEFT JOIN w ON p.k = w.k GROUP BY p.k", "SELECT p.k, COUNT(*), COUNT(w.v), SUM(w.v), MAX(w.name) FROM p LEFT JOIN w ON p.k = w.k GROUP BY p.k ORDER BY p.k", nil},
	{"SELECT p.label, COALESCE(w.name, 'none') AS n FROM p LEFT JOIN w USING (k) ORDER BY w.v DESC, p.label LIMIT 6", "SELECT p.label, COALESCE(w.name, 'none') AS n FROM p LEFT JOIN w USING (k) ORDER BY w.v DESC, p.label LIMIT 6", nil},
	{"SELECT w.name, COUNT(*), SUM(p.amt), COUNT(p.amt) FROM p LEFT JOIN w ON p.k = w.k GROUP BY w.name", "SELECT w.name, COUNT(*), SUM(p.amt), COUNT(p.amt) FROM p LEFT JOIN w ON p.k = w.k GROUP BY w.name ORDER BY w.name", nil},
	{"SELECT DISTINCT w.k FROM p LEFT JOIN w ON p.k = w.k", "SELECT DISTINCT w.k FROM p LEFT JOIN w ON p.k = w.k ORDER BY w.k", nil},
	// a nullable key: NULL matches nothing, not even NULL
	{"SELECT p.label, w.name FROM p JOIN w ON p.amt = w.v", "SELECT p.label, w.name FROM p JOIN w ON p.amt = w.v ORDER BY p.rowid, w.rowid", nil},
	{"SELECT p.label, w.name FROM p LEFT JOIN w ON p.amt = w.v", "SELECT p.label, w.name FROM p LEFT JOIN w ON p.amt = w.v ORDER BY p.rowid, w.rowid", nil},
	{"SELECT COUNT(*), COUNT(b.amt) FROM p AS a LEFT JOIN p AS b ON a.amt = b.amt AND a.k = b.k", "", nil},
	// self-joins: one table under two aliases
	{"SELECT COUNT(*), SUM(a.v * b.v) FROM w AS a JOIN w AS b ON a.k = b.k", "", nil},
	{"SELECT a.name, b.name FROM w AS a JOIN w AS b ON a.k = b.k AND a.v < b.v", "SELECT a.name, b.name FROM w AS a JOIN w AS b ON a.k = b.k AND a.v < b.v ORDER BY a.rowid, b.rowid", nil},
	{"SELECT a.label, COUNT(b.label), SUM(b.amt) FROM p AS a LEFT JOIN p AS b ON a.k = b.k GROUP BY a.label", "SELECT a.label, COUNT(b.label), SUM(b.amt) FROM p AS a LEFT JOIN p AS b ON a.k = b.k GROUP BY a.label ORDER BY a.label", nil},
	{"SELECT x.name FROM w x JOIN w y USING (addr) WHERE x.k <> y.k", "SELECT x.name FROM w x JOIN w y USING (addr) WHERE x.k <> y.k ORDER BY x.rowid, y.rowid", nil},
}

// joinRefSQL derives a join's SQLite text: row queries break ties by the
// pair (t's row, w's row), the order the proofs return joined rows in.
func joinRefSQL(q referenceQuery) string {
	if q.reference != "" {
		return q.reference
	}
	s := q.proven
	for k := len(q.params); k >= 1; k-- {
		s = strings.ReplaceAll(s, "$"+strconv.Itoa(k), "?"+strconv.Itoa(k))
	}
	if aggregateCall.MatchString(s) {
		return s
	}
	tie := "t.rowid, w.rowid"
	if strings.Contains(s, " AS x ") {
		tie = "x.rowid, y.rowid"
	}
	limit := limitClause.FindString(s)
	s = strings.TrimSuffix(s, limit)
	if regexp.MustCompile(`(?i) ORDER BY `).MatchString(s) {
		return s + ", " + tie + limit
	}
	return s + " ORDER BY " + tie + limit
}

// TestJoinResultsMatchSQLite proves every join query, verifies it and
// compares its rows, in order, with SQLite's.
func TestJoinResultsMatchSQLite(t *testing.T) {
	db, ref := joinDB(t)
	for _, q := range joinQueries {
		t.Run(q.proven, func(t *testing.T) {
			args := make([]any, len(q.params))
			for i, p := range q.params {
				args[i], _ = strconv.ParseInt(p, 10, 64)
			}
			matchSQLite(t, db, ref, q.proven, q.params, joinRefSQL(q), args)
		})
	}
}

// TestJoinErrors: constructs a join does not support fail with a clear error.
func TestJoinErrors(t *testing.T) {
	db, _ := joinDB(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT COUNT(*) FROM t RIGHT JOIN w ON t.t = w.k", "RIGHT JOIN is not supported: swap the tables"},
		{"SELECT COUNT(*) FROM w JOIN w ON w.k = w.k", "needs two different aliases"},
		{"SELECT COUNT(DISTINCT b.amt) FROM p AS a LEFT JOIN p AS b ON a.k = b.k", "COUNT DISTINCT of a nullable column of a LEFT JOIN's right table"},
		{"SELECT b.amt, COUNT(*) FROM p AS a LEFT JOIN p AS b ON a.k = b.k GROUP BY b.amt", "GROUP BY a nullable column of a LEFT JOIN's right table"},
		{"SELECT COUNT(*) FROM w AS a JOIN w AS b ON w.k = b.k", "refers to another table"},
		{"SELECT COUNT(*) FROM p LEFT JOIN w ON p.k = w.k AND w.v > 0", "LEFT JOIN ... ON takes equalities"},
		{"SELECT COUNT(*) FROM w LEFT JOIN t ON w.k = t.t", "LEFT JOIN needs its right table t in one segment"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.t = w.k WHERE addr = 1", "ambiguous"},
		{"SELECT COUNT(*) FROM t JOIN w ON t.t = w.name", "different kinds"},
	} {
		_, err := db.Prove(context.Background(), c.sql)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.sql, err, c.want)
		}
	}
}

// TestJoinLookupReceipt: a receipt says which join circuit proved it, and
// the store's verifier takes the trusted key of that circuit: a receipt
// claiming the other one is refused.
func TestJoinLookupReceipt(t *testing.T) {
	db, _ := joinDB(t)
	for _, c := range []struct {
		sql    string
		lookup bool
	}{
		{"SELECT COUNT(*), SUM(d.weight) FROM t JOIN d ON t.t = d.k", true}, // d's keys are distinct
		{"SELECT COUNT(*), SUM(w.v) FROM t JOIN w ON t.t = w.k", false},     // w's repeat
	} {
		res, err := db.Prove(context.Background(), c.sql)
		if err != nil {
			t.Fatal(err)
		}
		if res.Receipt.JoinLookup != c.lookup {
			t.Fatalf("%s: join_lookup %v, want %v", c.sql, res.Receipt.JoinLookup, c.lookup)
		}
		if _, err := db.Verify(res.Receipt); err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		res.Receipt.JoinLookup = !c.lookup
		_, err = db.Verify(res.Receipt)
		if err == nil {
			t.Fatalf("%s: verified with join_lookup flipped", c.sql)
		}
		t.Logf("join_lookup flipped: %v", err)
	}
}

// TestJoinReceiptTables: the verifier refuses a join's receipt whose
// tables are not the query's, in the query's order: the two swapped, or a
// self-join's second table left out.
func TestJoinReceiptTables(t *testing.T) {
	db, _ := joinDB(t)
	for _, c := range []struct {
		name, sql string
		edit      func(rc *receipt.Receipt)
		want      string
	}{
		{"the tables swapped", "SELECT COUNT(*), SUM(w.v) FROM t JOIN w ON t.t = w.k",
			func(rc *receipt.Receipt) { left := rc.Table; rc.Table, *rc.JoinTable = *rc.JoinTable, left },
			"the query joins t and w, the receipt does not commit them in that order"},
		{"a self-join's Right table left out", "SELECT COUNT(*), SUM(b.v) FROM w AS a JOIN w AS b ON a.k = b.k",
			func(rc *receipt.Receipt) { rc.JoinTable = nil },
			"the query joins w and w, the receipt does not commit them in that order"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := db.Prove(context.Background(), c.sql)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Verify(res.Receipt); err != nil {
				t.Fatalf("the honest receipt: %v", err)
			}
			changed := clone(t, res.Receipt)
			c.edit(changed)
			if _, err := db.Verify(changed); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}
