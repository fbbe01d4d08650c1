package provensql

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// nullCSV holds nullable columns with NULLs in every position, an
// all-NULL column (z) and a NOT NULL one (g).
const nullCSV = `x,y,name,flag,z,g,ts
1,10,alpha,true,,0,2024-01-01 00:00:00
,20,beta,false,,1,
3,,,,,0,2024-02-01 00:00:00
-4,40,alpha,true,,1,2024-03-01 00:00:00
,,gamma,,,0,
6,-60,,false,,1,2024-01-15 12:00:00
7,70,beta,true,,0,2024-01-01 00:00:00
,80,alpha,,,1,
`

// nullQueries: IS [NOT] NULL, comparisons and three-valued AND/OR/NOT in
// WHERE, aggregates skipping NULLs (and NULL over no values), COUNT(col),
// COALESCE/IFNULL, CASE without ELSE, NULL in rows and ORDER BY, HAVING
// over NULL aggregates, an all-NULL column.
var nullQueries = []referenceQuery{
	{"SELECT COUNT(*), COUNT(x), COUNT(y), COUNT(name), COUNT(z), COUNT(ts) FROM n", "", nil},
	{"SELECT COUNT(NULL), SUM(NULL), MAX(NULL), COUNT(1) FROM n", "", nil},
	{"SELECT COUNT(DISTINCT x), SUM(DISTINCT x), AVG(DISTINCT x), COUNT(*) FROM n", "", nil},
	{"SELECT COUNT(DISTINCT z), SUM(DISTINCT z), AVG(DISTINCT z) FROM n", "", nil},
	{"SELECT g, COUNT(DISTINCT name), COUNT(*), SUM(y) FROM n GROUP BY g", "SELECT g, COUNT(DISTINCT name), COUNT(*), SUM(y) FROM n GROUP BY g ORDER BY g", nil},
	{"SELECT g, SUM(DISTINCT y), AVG(DISTINCT y) FROM n WHERE x IS NULL GROUP BY g", "SELECT g, SUM(DISTINCT y), AVG(DISTINCT y) FROM n WHERE x IS NULL GROUP BY g ORDER BY g", nil},
	{"SELECT COALESCE(NULL, NULL), NULL, x FROM n WHERE g = 1", "", nil},
	{"SELECT SUM(x), AVG(x), MIN(x), MAX(x), SUM(z), AVG(z), MIN(z), MAX(z) FROM n", "", nil},
	{"SELECT MIN(name), MAX(name), MIN(ts), MAX(ts), MIN(y) FROM n", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x IS NULL", "", nil},
	{"SELECT COUNT(*) FROM n WHERE NULL OR NOT NULL OR x > 6", "", nil},
	{"SELECT COUNT(*), SUM(y) FROM n WHERE x IS NOT NULL AND name IS NULL", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x > 2", "", nil},
	{"SELECT COUNT(*) FROM n WHERE NOT (x > 2)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x > 2 OR y > 30", "", nil},
	{"SELECT COUNT(*) FROM n WHERE NOT (x > 2 OR y > 30)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE NOT (x > 2 AND y > 30)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x = z OR NOT (x <> z)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x IN (1, 3, 7)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x NOT IN (1, 3)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x BETWEEN 0 AND 5", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x IN (1, NULL) OR g IN (y, 1)", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x NOT IN (1, y) OR x = NULL", "", nil},
	{"SELECT COUNT(*) FROM n WHERE g BETWEEN x AND 10", "", nil},
	{"SELECT COUNT(*) FROM n WHERE g NOT BETWEEN x AND y", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x NOT BETWEEN 0 AND 5", "", nil},
	{"SELECT COUNT(*) FROM n WHERE flag", "", nil},
	{"SELECT COUNT(*) FROM n WHERE NOT flag", "", nil},
	{"SELECT COUNT(*) FROM n WHERE name = 'alpha' AND flag IS NOT NULL", "", nil},
	{"SELECT COUNT(*) FROM n WHERE x + y > 10", "", nil},
	{"SELECT SUM(x * y), MIN(x), MAX(g), COUNT(x - y), MIN(x + g), MAX(y - x) FROM n", "", nil},
	{"SELECT SUM(COALESCE(x, y, 0)), SUM(IFNULL(y, -1)), COUNT(COALESCE(x, y)) FROM n", "", nil},
	{"SELECT SUM(CASE WHEN x > 2 THEN 1 END), COUNT(CASE WHEN y > 20 THEN y END), SUM(CASE WHEN x IS NULL THEN 1 ELSE 0 END) FROM n", "", nil},
	{"SELECT SUM(CASE WHEN x > 0 THEN x ELSE NULL END), MAX(CASE WHEN flag THEN y END) FROM n", "", nil},
	{"SELECT COUNT(*) FROM n WHERE CASE WHEN x > 2 THEN 1 ELSE 0 END = 0", "", nil},
	{"SELECT SUM(x) FROM n WHERE x IS NULL", "", nil},
	{"SELECT g, COUNT(*), COUNT(x), SUM(x), AVG(y), MIN(name), MAX(x) FROM n GROUP BY g", "SELECT g, COUNT(*), COUNT(x), SUM(x), AVG(y), MIN(name), MAX(x) FROM n GROUP BY g ORDER BY g", nil},
	{"SELECT g, SUM(z), COUNT(z) FROM n GROUP BY g", "SELECT g, SUM(z), COUNT(z) FROM n GROUP BY g ORDER BY g", nil},
	{"SELECT g, SUM(x) FROM n GROUP BY g HAVING SUM(x) > 5", "SELECT g, SUM(x) FROM n GROUP BY g HAVING SUM(x) > 5 ORDER BY g", nil},
	{"SELECT g, SUM(z) FROM n GROUP BY g HAVING NOT (SUM(z) > 5)", "SELECT g, SUM(z) FROM n GROUP BY g HAVING NOT (SUM(z) > 5) ORDER BY g", nil},
	{"SELECT g, SUM(x) AS s FROM n GROUP BY g ORDER BY s DESC", "SELECT g, SUM(x) AS s FROM n GROUP BY g ORDER BY s DESC, g", nil},
	{"SELECT name, COUNT(*), SUM(x), COUNT(y) FROM n GROUP BY name", "SELECT name, COUNT(*), SUM(x), COUNT(y) FROM n GROUP BY name ORDER BY name", nil},
	{"SELECT g, flag, COUNT(*), MAX(y) FROM n GROUP BY g, flag", "SELECT g, flag, COUNT(*), MAX(y) FROM n GROUP BY g, flag ORDER BY g, flag", nil},
	{"SELECT z, COUNT(*) FROM n GROUP BY z HAVING COUNT(*) > 1", "SELECT z, COUNT(*) FROM n GROUP BY z HAVING COUNT(*) > 1 ORDER BY z", nil},
	{"SELECT DISTINCT name FROM n", "SELECT DISTINCT name FROM n ORDER BY name", nil},
	{"SELECT x, COUNT(*) FROM n GROUP BY x ORDER BY x DESC LIMIT 3", "SELECT x, COUNT(*) FROM n GROUP BY x ORDER BY x DESC LIMIT 3", nil},
	{"SELECT name, SUM(y) FROM n GROUP BY name HAVING name IS NULL OR SUM(y) > 50", "SELECT name, SUM(y) FROM n GROUP BY name HAVING name IS NULL OR SUM(y) > 50 ORDER BY name", nil},
	{"SELECT g, SUM(x) FROM n GROUP BY g HAVING SUM(z) IS NULL AND SUM(x) IS NOT NULL", "SELECT g, SUM(x) FROM n GROUP BY g HAVING SUM(z) IS NULL AND SUM(x) IS NOT NULL ORDER BY g", nil},
	{"SELECT x, y, name, flag, z, ts FROM n", "", nil},
	{"SELECT * FROM n WHERE x IS NULL OR y IS NULL", "", nil},
	{"SELECT x, COALESCE(name, 'none'), x + y, CASE WHEN y > 30 THEN y END FROM n", "", nil},
	{"SELECT x, y / x FROM n WHERE g = 1", "", nil},
	{"SELECT x, name FROM n ORDER BY x", "", nil},
	{"SELECT x, name FROM n ORDER BY x DESC", "", nil},
	{"SELECT name, y FROM n ORDER BY name, y DESC LIMIT 4", "", nil},
	{"SELECT x FROM n WHERE z IS NULL ORDER BY y DESC LIMIT 3 OFFSET 1", "", nil},
	{"SELECT x, y FROM n ORDER BY y / x, x", "", nil},
	{"SELECT x, y % x FROM n WHERE g = 0 ORDER BY y % x DESC", "", nil},
}

// TestNullQueriesMatchSQLite proves every NULL query over a table ingested
// from CSV (empty fields of nullable columns are NULL) and compares it,
// row by row, with SQLite's answer.
func TestNullQueriesMatchSQLite(t *testing.T) {
	db, ref := csvDB(t, "n", "x BIGINT NULL, y INT NULL, name VARCHAR NULL, flag BOOLEAN NULL, z INT NULL, g TINYINT NOT NULL, ts TIMESTAMP NULL", nullCSV, 3)
	for _, q := range nullQueries {
		t.Run(q.proven, func(t *testing.T) {
			matchSQLite(t, db, ref, q.proven, q.params, referenceSQL(q), nil)
		})
	}
}

// TestNullErrors: what NULL support does not cover yet is refused with a
// positioned error, and a NULL where the schema says NOT NULL is refused at ingest.
func TestNullErrors(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := schema.ParseColumns("x BIGINT NULL, g TINYINT")
	data, err := store.DecodeCSV(strings.NewReader("1,2\n,3\n"), "n.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store().Append(&schema.Table{Name: "n", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ sql, want string }{
		{"SELECT x, COUNT(DISTINCT x) FROM n GROUP BY x", "grouped by that column"},
		{"SELECT `x.null` FROM n", "hidden column"},
	} {
		_, err := db.Prove(context.Background(), c.sql)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%s: error %v, want a positioned one containing %q", c.sql, err, c.want)
		}
	}
	notNull, _ := schema.ParseColumns("x BIGINT, g TINYINT")
	if _, err := store.DecodeCSV(strings.NewReader("1,2\n,3\n"), "n.csv", notNull); err == nil || !strings.Contains(err.Error(), "row 2, column x") {
		t.Errorf("empty NOT NULL field: error %v", err)
	}
}

// csvDB opens a new DB and an in-memory SQLite database, both holding the
// table name from CSV text (see csvTable).
func csvDB(t *testing.T, name, columns, csv string, logCap int) (*DB, *sql.DB) {
	t.Helper()
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	ref.SetMaxOpenConns(1)
	csvTable(t, db, ref, name, columns, csv, logCap)
	return db, ref
}

// csvTable stores a table from CSV text in db (through the store's CSV
// reader: an empty field of a nullable column is NULL) and the same rows in
// SQLite: an empty field as NULL, true/false as 1/0, integers as integers,
// everything else as text.
func csvTable(t *testing.T, db *DB, ref *sql.DB, name, columns, csv string, logCap int) {
	t.Helper()
	cols, err := schema.ParseColumns(columns)
	if err != nil {
		t.Fatal(err)
	}
	data, blobs, err := store.DecodeCSVBlobs(strings.NewReader(csv), name+".csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: name, Columns: cols}
	if _, err := db.Store().AppendBlobs(tbl, logCap, data, blobs, nil); err != nil {
		t.Fatal(err)
	}
	var names, marks []string
	for _, c := range tbl.Logical() {
		names, marks = append(names, c.Name), append(marks, "?")
	}
	if _, err := ref.Exec(fmt.Sprintf("CREATE TABLE %s (%s)", name, strings.Join(names, ", "))); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if lines[0] == strings.Join(names, ",") {
		lines = lines[1:] // the header
	}
	for _, line := range lines {
		var vals []any
		for _, v := range strings.Split(line, ",") {
			n, err := strconv.ParseInt(v, 10, 64)
			switch {
			case v == "":
				vals = append(vals, nil)
			case v == "true" || v == "false":
				vals = append(vals, map[string]int{"true": 1, "false": 0}[v])
			case err == nil:
				vals = append(vals, n)
			default:
				vals = append(vals, v)
			}
		}
		if _, err := ref.Exec(fmt.Sprintf("INSERT INTO %s VALUES (%s)", name, strings.Join(marks, ", ")), vals...); err != nil {
			t.Fatal(err)
		}
	}
}
