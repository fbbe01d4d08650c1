package provensql

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// Range conditions on a SORTED column are proven as windows of rows; the
// proven results equal SQLite's over a table w(b BIGINT SORTED, v BIGINT,
// g TINYINT) of 40 rows in segments of 16 (the last one partial), b
// ascending with ties: bounds below, inside, on and above the values,
// reversed, one-sided either way round, with other conditions, GROUP BY,
// MIN/MAX (activity bits), ORDER BY … LIMIT, and OR/NOT (no window).
func TestWindowQueriesMatchSQLite(t *testing.T) {
	var csv strings.Builder // through the CSV reader and the schema string's SORTED
	for k := 0; k < 40; k++ {
		fmt.Fprintf(&csv, "%d,%d,%d\n", k/3*2-10, (k*37)%23-5, k%4)
	}
	db, ref := csvDB(t, "w", "b BIGINT SORTED, v BIGINT, g TINYINT", csv.String(), 4)
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
			plan, err := db.Plan(q.sql, q.params...)
			if err != nil {
				t.Fatal(err)
			}
			windowed := !strings.Contains(q.sql, " OR ") && !strings.Contains(q.sql, "NOT ")
			if (plan.Window != nil) != windowed {
				t.Fatalf("window planned: %v, want %v", plan.Window != nil, windowed)
			}
			compareWithSQLite(t, db, ref, q.sql, q.params, refSQL, args, q.anyOrder)
		})
	}
}
