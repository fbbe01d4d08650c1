package provensql

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provensql/provensql/receipt"
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

const longColumns = "id INT, topic TINYINT, note LONGTEXT NULL, data BYTES NULL, name VARCHAR(64)"

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
		{proven: "SELECT topic, note, COUNT(*), SUM(id) FROM l GROUP BY topic, note", anyOrder: true},
		{proven: "SELECT note, id FROM l GROUP BY note, id", anyOrder: true},
		{proven: "SELECT topic, COUNT(DISTINCT note), COUNT(note) FROM l GROUP BY topic ORDER BY topic"},
		{proven: "SELECT topic, COUNT(DISTINCT data) FROM l WHERE id > 1 GROUP BY topic HAVING COUNT(DISTINCT data) > 1 ORDER BY topic"},
		{proven: "SELECT DISTINCT topic, data FROM l", anyOrder: true},
		{proven: "SELECT name, topic, MIN(id), MAX(id) FROM l GROUP BY name, topic ORDER BY MIN(id) LIMIT 4"},
		{proven: "SELECT COUNT(DISTINCT data), COUNT(*) FROM l WHERE id > 2"},
		{proven: q("SELECT topic, COUNT(*) FROM l WHERE data <> '%s' OR data IS NULL GROUP BY topic ORDER BY topic", bytes1)},
	}
}

// TestLongValuesMatchSQLite proves queries over LONGTEXT and BYTES columns
// (values of any length, committed by digest) and compares them with
// SQLite over the same rows (BYTES as their 0x text).
func TestLongValuesMatchSQLite(t *testing.T) {
	db, ref := csvDB(t, "l", longColumns, longCSV, 3)
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
	db, _ := csvDB(t, "l", longColumns, longCSV, 3)
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
		{"SELECT note, data, COUNT(*) FROM l GROUP BY note, data", "GROUP BY two wide columns"},
		{"SELECT COUNT(*) FROM l AS a JOIN l AS b ON a.note = b.note", "JOIN key of 250 bits is too wide"},
		{"SELECT COUNT(*) FROM l WHERE topic = 'a string constant longer than 27 bytes'", "where no LONGTEXT value is compared"},
	} {
		_, err := db.Prove(context.Background(), c.sql)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%s: error %v, want a positioned one containing %q", c.sql, err, c.want)
		}
	}
}

// A receipt of long values cannot lie about them: the proofs bind each
// shown value by its digest, so other bytes in long_values or in a row, a
// value left out, or another parameter fail verification; the untouched
// receipt verifies.
func TestLongReceiptCannotLie(t *testing.T) {
	db, _ := csvDB(t, "l", longColumns, longCSV, 3)
	rows, err := db.Prove(context.Background(), "SELECT id, note, data FROM l WHERE name = $1", longName)
	if err != nil {
		t.Fatal(err)
	}
	groups, err := db.Prove(context.Background(), "SELECT note, COUNT(*) FROM l GROUP BY note")
	if err != nil {
		t.Fatal(err)
	}
	other := "0x" + fmt.Sprintf("%x", longText2)
	for _, tc := range []struct {
		name   string
		res    *Proven
		change func(rc *receipt.Receipt)
		honest bool
	}{
		{"control", rows, func(*receipt.Receipt) {}, true},
		{"a shown value's bytes changed", rows, func(rc *receipt.Receipt) {
			v := []byte(rc.LongValues[0])
			v[len(v)-1] ^= 1
			rc.LongValues[0] = string(v)
		}, false},
		{"a value left out", rows, func(rc *receipt.Receipt) { rc.LongValues = rc.LongValues[1:] }, false},
		{"a row's text changed and its bytes listed", rows, func(rc *receipt.Receipt) {
			rc.Rows[0][1] = longText2
			rc.LongValues = append(rc.LongValues, other)
		}, false},
		{"another parameter", rows, func(rc *receipt.Receipt) { rc.Params[0] = "beta" }, false},
		{"a value listed twice", rows, func(rc *receipt.Receipt) { rc.LongValues = append(rc.LongValues, rc.LongValues[0]) }, false},
		{"a value the result does not show", rows, func(rc *receipt.Receipt) { rc.LongValues = append(rc.LongValues, other) }, false},
		{"control (groups)", groups, func(*receipt.Receipt) {}, true},
		{"a group's text changed and its bytes listed", groups, func(rc *receipt.Receipt) {
			for _, r := range rc.Rows {
				if r[0] == longText1 {
					r[0] = longText2 + "?"
				}
			}
			rc.LongValues = append(rc.LongValues, "0x"+fmt.Sprintf("%x", longText2+"?"))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := clone(t, tc.res.Receipt)
			tc.change(rc)
			_, err := db.Verify(rc)
			if tc.honest != (err == nil) {
				t.Fatalf("verified: %v, want %v", err, tc.honest)
			}
		})
	}
}

// TestLongProofOverChangedValueIsRejected plays a prover that answers over
// a table with one LONGTEXT value changed, then presents the honest table
// commitment: the KZG opening of the digest column fails.
func TestLongProofOverChangedValueIsRejected(t *testing.T) {
	honestDir, dishonestDir := t.TempDir(), t.TempDir()
	honest, err := Open(honestDir, Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	srs, err := os.ReadFile(filepath.Join(honestDir, "srs.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dishonestDir, "srs.bin"), srs, 0o644); err != nil {
		t.Fatal(err)
	}
	dishonest, err := Open(dishonestDir, Options{KeyDir: filepath.Join(honestDir, "keys")})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	csvTable(t, honest, ref, "l", longColumns, longCSV, 3)
	ref2, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer ref2.Close()
	csvTable(t, dishonest, ref2, "l", longColumns, strings.Replace(longCSV, "2,1,"+longText2, "2,1,"+longText1, 1), 3)
	q := "SELECT COUNT(*) FROM l WHERE note = '" + longText1 + "'"
	res, err := dishonest.Prove(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Receipt.Rows[0][0] != "4" {
		t.Fatalf("dishonest count %v, want 4", res.Receipt.Rows)
	}
	m, err := honest.Store().Manifest("l")
	if err != nil {
		t.Fatal(err)
	}
	r := res.Receipt
	r.Table = m.Commitment()
	d, _ := r.Table.Digest()
	r.TableCommitments = map[string]string{"l": d}
	if _, err := honest.Verify(r); err == nil || !strings.Contains(err.Error(), "KZG") {
		t.Fatalf("proof over a changed value: want a KZG opening failure, got %v", err)
	}
}
