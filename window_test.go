package provensql

import (
	"database/sql"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// Range conditions on a SORTED column are proven as windows of rows; the
// proven results equal SQLite's over a table w(b BIGINT SORTED, v BIGINT,
// g TINYINT) of 40 rows in segments of 16 (the last one partial), b
// ascending with ties: bounds below, inside, on and above the values,
// reversed, one-sided either way round, with other conditions, GROUP BY,
// MIN/MAX (activity bits), ORDER BY … LIMIT, and OR/NOT (no window).
func TestWindowQueriesMatchSQLite(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	ref.SetMaxOpenConns(1)
	if _, err := ref.Exec(`CREATE TABLE w (b INTEGER, v INTEGER, g INTEGER)`); err != nil {
		t.Fatal(err)
	}
	cols := make([][]fr.Element, 3)
	for k := 0; k < 40; k++ {
		b, v, g := int64(k/3*2-10), int64((k*37)%23-5), int64(k%4)
		for c, x := range []int64{b, v, g} {
			cols[c] = append(cols[c], schema.Encode(big.NewInt(x)))
		}
		if _, err := ref.Exec(`INSERT INTO w VALUES (?, ?, ?)`, b, v, g); err != nil {
			t.Fatal(err)
		}
	}
	tbl := &schema.Table{Name: "w", Columns: []schema.Column{{Name: "b", Type: schema.BigInt, Sorted: true}, {Name: "v", Type: schema.BigInt}, {Name: "g", Type: schema.TinyInt}}}
	if _, err := db.Store().Append(tbl, 4, cols); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql      string
		params   []string
		anyOrder bool
	}{
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-4", "6"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-100", "100"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-3", "-3"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"6", "-4"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"200", "300"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-300", "-200"}, false},
		{"SELECT COUNT(*) FROM w WHERE b < $1", []string{"0"}, false},
		{"SELECT COUNT(*) FROM w WHERE b <= $1", []string{"0"}, false},
		{"SELECT COUNT(*) FROM w WHERE b > $1", []string{"0"}, false},
		{"SELECT COUNT(*) FROM w WHERE $1 < b", []string{"14"}, false},
		{"SELECT COUNT(*) FROM w WHERE $1 >= b", []string{"-10"}, false},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE g = $1 AND b BETWEEN $2 AND $3", []string{"2", "-6", "8"}, false},
		{"SELECT COUNT(*) FROM w WHERE b > $1 AND v < $2 AND g <> 1", []string{"-2", "5"}, false},
		{"SELECT g, COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2 GROUP BY g", []string{"-8", "10"}, true},
		{"SELECT MIN(v), MAX(v) FROM w WHERE b >= $1", []string{"4"}, false},
		{"SELECT b, v FROM w WHERE b BETWEEN $1 AND $2 ORDER BY v DESC, b LIMIT 4", []string{"-6", "12"}, false},
		{"SELECT COUNT(*) FROM w WHERE b < $1 OR g = 3", []string{"0"}, false},
		{"SELECT COUNT(*) FROM w WHERE NOT (b BETWEEN $1 AND $2)", []string{"-4", "6"}, false},
	} {
		t.Run(q.sql+" "+q.params[0], func(t *testing.T) {
			args := make([]any, len(q.params))
			refSQL := q.sql
			for i, p := range q.params {
				args[i], _ = strconv.ParseInt(p, 10, 64)
			}
			for k := len(q.params); k >= 1; k-- {
				refSQL = strings.ReplaceAll(refSQL, fmt.Sprintf("$%d", k), fmt.Sprintf("?%d", k))
			}
			if !aggregateCall.MatchString(refSQL) {
				refSQL = limitClause.ReplaceAllString(refSQL, ", rowid$0")
			}
			compareWithSQLite(t, db, ref, q.sql, q.params, refSQL, args, q.anyOrder)
		})
	}
}
