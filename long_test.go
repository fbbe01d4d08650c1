package provensql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// Long values for the LONGTEXT and BYTES suite: around the 31-byte chunks
// the digest hashes (31, 32, 62 bytes), multi-byte UTF-8, empty bytes.
var (
	longText1 = "the quick brown fox jumps over the lazy dog"
	longText2 = strings.Repeat("b", 31)
	longText3 = strings.Repeat("0123456789", 6) + "xy"
	longText4 = strings.Repeat("d", 32)
	longUTF8  = "çà et là ünïcödé text beyond twenty-seven bytes"
	longName  = "alpha-name-longer-than-27-bytes-000001"
	bytes1    = "0x" + strings.Repeat("a1b2c3d4", 16)
	bytes2    = "0xdeadbeef"
)

// longCSV: ten rows in two segments of 8, values repeated across segments
// (groups merge), NULLs in both long columns.
var longCSV = strings.Join([]string{
	"id,topic,note,data,name",
	"1,1," + longText1 + "," + bytes1 + "," + longName,
	"2,1," + longText2 + ",0x,beta",
	"3,2,," + bytes1 + "," + longName,
	"4,2," + longText1 + ",,gamma",
	"5,1,short,0x00,beta",
	"6,3," + longText3 + "," + bytes2 + ",beta",
	"7,3,,," + longName,
	"8,1," + longText4 + "," + bytes1 + ",delta",
	"9,2," + longText1 + ",0x00,beta",
	"10,3," + longUTF8 + ",0x,gamma",
}, "\n") + "\n"

type longQuery struct {
	proven   string
	params   []string
	anyOrder bool
}

func longQueries() []longQuery {
	q := func(s string, a ...any) string { return fmt.Sprintf(s, a...) }
	return []longQuery{
		{proven: "SELECT COUNT(*), COUNT(note), COUNT(data) FROM l"},
		{proven: q("SELECT COUNT(*), SUM(id) FROM l WHERE note = '%s'", longText1)},
		{proven: q("SELECT COUNT(*), SUM(id) FROM l WHERE note <> '%s'", longText1)},
		{proven: q("SELECT COUNT(*), MIN(id) FROM l WHERE data = '%s'", bytes1)},
		{proven: "SELECT COUNT(*), MAX(id) FROM l WHERE data = '0x'"},
		{proven: q("SELECT COUNT(*) FROM l WHERE note IN ('%s', '%s', 'short')", longText1, longText3)},
		{proven: q("SELECT COUNT(*) FROM l WHERE note NOT IN ('%s', 'short')", longText1)},
		{proven: "SELECT COUNT(*) FROM l WHERE note IS NULL OR data IS NULL"},
		{proven: q("SELECT COUNT(*) FROM l WHERE name = '%s' AND topic < 3", longName)},
		{proven: q("SELECT COUNT(*) FROM l WHERE note = '%s'", longUTF8)},
		{proven: "SELECT COUNT(*) FROM l WHERE note = name"},
		{proven: "SELECT COUNT(*) FROM l WHERE note = 'no such text, well beyond twenty-seven bytes'"},
		{proven: "SELECT id, note, data, name FROM l"},
		{proven: "SELECT * FROM l WHERE topic = 3"},
		{proven: "SELECT id, data FROM l WHERE note = $1 ORDER BY id DESC LIMIT 2", params: []string{longText1}},
		{proven: "SELECT id, note FROM l WHERE data = $1", params: []string{bytes1}},
		{proven: "SELECT id, note FROM l WHERE note IS NOT NULL ORDER BY id DESC LIMIT 3"},
		{proven: "SELECT id FROM l WHERE note = 'no such text, well beyond twenty-seven bytes'"},
		{proven: "SELECT note, COUNT(*), SUM(id) FROM l GROUP BY note", anyOrder: true},
		{proven: "SELECT data, COUNT(*), MAX(id) FROM l GROUP BY data", anyOrder: true},
		{proven: "SELECT name, COUNT(*) FROM l GROUP BY name HAVING COUNT(*) > 1", anyOrder: true},
		{proven: "SELECT DISTINCT note FROM l", anyOrder: true},
		{proven: "SELECT DISTINCT data FROM l WHERE topic = 1", anyOrder: true},
		{proven: "SELECT COUNT(DISTINCT note) FROM l"},
		{proven: "SELECT COUNT(DISTINCT data), COUNT(*) FROM l WHERE id > 2"},
		{proven: q("SELECT topic, COUNT(*) FROM l WHERE data <> '%s' OR data IS NULL GROUP BY topic ORDER BY topic", bytes1)},
	}
}

// TestLongValuesMatchSQLite proves queries over LONGTEXT and BYTES columns
// (values of any length, committed by digest) and compares them with
// SQLite over the same rows (BYTES as their 0x text).
func TestLongValuesMatchSQLite(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	ref.SetMaxOpenConns(1)
	csvTable(t, db, ref, "l", "id INT, topic TINYINT, note LONGTEXT NULL, data BYTES NULL, name VARCHAR(64)", longCSV, 3)
	for _, q := range longQueries() {
		t.Run(q.proven, func(t *testing.T) {
			args := make([]any, len(q.params))
			for i, p := range q.params {
				args[i] = p
			}
			rq := referenceQuery{proven: q.proven, params: q.params}
			if q.anyOrder {
				matchSQLiteAnyOrder(t, db, ref, q.proven, q.params, referenceSQL(rq), args)
				return
			}
			matchSQLite(t, db, ref, q.proven, q.params, referenceSQL(rq), args)
		})
	}
}

// TestLongValueErrors: what digests cannot answer is refused with a
// positioned error naming the construct.
func TestLongValueErrors(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	csvTable(t, db, ref, "l", "id INT, topic TINYINT, note LONGTEXT NULL, data BYTES NULL, name VARCHAR(64)", longCSV, 3)
	for _, c := range []struct{ sql, want string }{
		{"SELECT note FROM l ORDER BY note", "ORDER BY a LONGTEXT value is not supported"},
		{"SELECT COUNT(*) FROM l WHERE note < 'x'", "LONGTEXT values support only = and <>"},
		{"SELECT COUNT(*) FROM l WHERE data BETWEEN '0x00' AND '0x01'", "BETWEEN needs"},
		{"SELECT COUNT(*) FROM l WHERE note LIKE 'the%'", "LIKE over a LONGTEXT value is not supported"},
		{"SELECT MIN(note) FROM l", "MIN needs an integer"},
		{"SELECT SUM(data) FROM l", "SUM needs an integer"},
		{"SELECT note + 1 FROM l", "expected an integer expression"},
		{"SELECT CASE WHEN id > 1 THEN note END FROM l", "CASE results must be"},
		{"SELECT COALESCE(note, 'x') FROM l", "takes integers, addresses or strings"},
		{"SELECT COUNT(*) FROM l WHERE data = 'not hex'", "not a BYTES value"},
		{"SELECT COUNT(*) FROM l WHERE note = data", "type mismatch"},
		{"SELECT COUNT(*) FROM l WHERE note = 5", "integer constant where a LONGTEXT value is expected"},
		{"SELECT note, id, COUNT(*) FROM l GROUP BY note, id", "too wide"},
		{"SELECT COUNT(*) FROM l WHERE topic = 'a string constant longer than 27 bytes'", "where no LONGTEXT value is compared"},
	} {
		_, err := db.Prove(context.Background(), c.sql)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%s: error %v, want a positioned one containing %q", c.sql, err, c.want)
		}
	}
}
