package provensql

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestProvenResultsMatchSQLite runs every query on SQLite (a real engine,
// pure Go) over the same rows and compares with the proven result. The
// unsigned column u is left out: SQLite integers are signed 64-bit.
func TestProvenResultsMatchSQLite(t *testing.T) {
	db := sharedDB(t)
	ref, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	ref.SetMaxOpenConns(1)
	if _, err := ref.Exec(`CREATE TABLE t (a INTEGER, i INTEGER, s INTEGER, t INTEGER, flag INTEGER, addr TEXT)`); err != nil {
		t.Fatal(err)
	}
	for _, r := range testRows() {
		flag := 0
		if r.flag {
			flag = 1
		}
		if _, err := ref.Exec(`INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)`, r.a, r.i, r.s, r.t, flag, testAddrs[r.addr]); err != nil {
			t.Fatal(err)
		}
	}
	queries := []struct {
		proven, reference string // the SQLite text differs only where dialects do
		params            []string
	}{
		{"SELECT COUNT(*), SUM(i), MIN(s), MAX(t) FROM t WHERE a < $1", "", []string{"0"}},
		{"SELECT COUNT(a), SUM(s * t) FROM t WHERE i BETWEEN $1 AND $2 AND NOT flag", "", []string{"-5", "9"}},
		{"SELECT SUM(i + s - t), MIN(i * 3), MAX(-s) FROM t WHERE t IN (0, 2, 4) OR s > 90", "", nil},
		{"SELECT COUNT(*) FROM t WHERE addr = $1", "SELECT COUNT(*) FROM t WHERE addr = ?", []string{testAddrs[2]}},
		{"SELECT COUNT(*), MIN(a), MAX(a) FROM t WHERE addr <> $1 AND (i < 0 OR flag)", "SELECT COUNT(*), MIN(a), MAX(a) FROM t WHERE addr <> ? AND (i < 0 OR flag)", []string{testAddrs[1]}},
		{"SELECT COUNT(*), SUM(a), AVG(i) FROM t WHERE i NOT BETWEEN -3 AND 3 AND t NOT IN (1, 3)", "", nil},
		{"SELECT AVG(s), AVG(t), SUM(flag) FROM t WHERE s >= 0", "", nil},
		{"SELECT COUNT(*), SUM(i), MIN(i), MAX(i), AVG(i) FROM t WHERE i > 1000", "", nil},
		{"SELECT COUNT(*), SUM(a) FROM t WHERE a >= -9223372036854775807 AND a <= 9223372036854775806", "", nil},
		{"SELECT MIN(i - s), MAX(i * i - 5) FROM t WHERE NOT (i = 0 OR s = 0)", "", nil},
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
	}
	grouped := []struct {
		proven, reference string
		params            []string
	}{
		{"SELECT t, COUNT(*), SUM(i) FROM t GROUP BY t", "SELECT t, COUNT(*), SUM(i) FROM t GROUP BY t ORDER BY t", nil},
		{"SELECT flag, COUNT(*), AVG(s), SUM(a / 1000) FROM t WHERE i > $1 GROUP BY flag", "SELECT flag, COUNT(*), AVG(s), SUM(a / 1000) FROM t WHERE i > ?1 GROUP BY flag ORDER BY flag", []string{"-10"}},
		{"SELECT addr, COUNT(*) AS n, SUM(s) FROM t GROUP BY addr HAVING COUNT(*) >= $1", "SELECT addr, COUNT(*), SUM(s) FROM t GROUP BY addr HAVING COUNT(*) >= ?1 ORDER BY addr", []string{"13"}},
		{"SELECT t, SUM(i) FROM t WHERE s < 100 GROUP BY t HAVING SUM(i) > 0 AND t <> 4 OR AVG(i) < -5", "SELECT t, SUM(i) FROM t WHERE s < 100 GROUP BY t HAVING SUM(i) > 0 AND t <> 4 OR AVG(i) < -5 ORDER BY t", nil},
		{"SELECT i, COUNT(*) FROM t WHERE i > 1000 GROUP BY i", "SELECT i, COUNT(*) FROM t WHERE i > 1000 GROUP BY i ORDER BY i", nil},
		// several columns: the key packs them, the first most significant (so groups come out in lexicographic order)
		{"SELECT t, flag, COUNT(*), SUM(i) FROM t GROUP BY t, flag", "SELECT t, flag, COUNT(*), SUM(i) FROM t GROUP BY t, flag ORDER BY t, flag", nil},
		{"SELECT flag, addr, COUNT(*), AVG(s) FROM t WHERE i < $1 GROUP BY flag, addr HAVING COUNT(*) > 2 AND addr <> $2", "SELECT flag, addr, COUNT(*), AVG(s) FROM t WHERE i < ?1 GROUP BY flag, addr HAVING COUNT(*) > 2 AND addr <> ?2 ORDER BY flag, addr", []string{"10", testAddrs[0]}},
	}
	for _, q := range grouped {
		t.Run(q.proven, func(t *testing.T) {
			res, err := db.Prove(context.Background(), q.proven, q.params...)
			if err != nil {
				t.Fatal(err)
			}
			args := make([]any, len(q.params))
			for i, p := range q.params {
				if v, err := strconv.ParseInt(p, 10, 64); err == nil {
					args[i] = v
				} else {
					args[i] = p
				}
			}
			rows, err := ref.Query(q.reference, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
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
					t.Fatalf("SQLite has more groups than the proof (%d)", len(res.Receipt.Rows))
				}
				for i, got := range res.Receipt.Rows[n] {
					if !sameValue(got, want[i]) {
						t.Fatalf("group %d column %s: proven %s, SQLite %v", n, res.Receipt.Columns[i].Name, got, want[i])
					}
				}
				n++
			}
			if n != len(res.Receipt.Rows) {
				t.Fatalf("proof has %d groups, SQLite %d", len(res.Receipt.Rows), n)
			}
			if _, err := db.Verify(res.Receipt); err != nil {
				t.Fatal(err)
			}
		})
	}
	for _, q := range queries {
		t.Run(q.proven, func(t *testing.T) {
			res, err := db.Prove(context.Background(), q.proven, q.params...)
			if err != nil {
				t.Fatal(err)
			}
			refSQL := q.reference
			if refSQL == "" {
				refSQL = q.proven
				for k := len(q.params); k >= 1; k-- {
					refSQL = strings.ReplaceAll(refSQL, fmt.Sprintf("$%d", k), fmt.Sprintf("?%d", k))
				}
			}
			args := make([]any, len(q.params))
			for i, p := range q.params {
				if v, err := strconv.ParseInt(p, 10, 64); err == nil {
					args[i] = v
				} else {
					args[i] = p
				}
			}
			row := ref.QueryRow(refSQL, args...)
			want := make([]any, len(res.Receipt.Columns))
			ptrs := make([]any, len(want))
			for i := range want {
				ptrs[i] = &want[i]
			}
			if err := row.Scan(ptrs...); err != nil {
				t.Fatalf("sqlite: %v", err)
			}
			for i, got := range res.Receipt.Rows[0] {
				if !sameValue(got, want[i]) {
					t.Fatalf("column %s: proven %s, SQLite %v", res.Receipt.Columns[i].Name, got, want[i])
				}
			}
		})
	}
}

// sameValue compares a proven value (decimal, p/q, NULL) with SQLite's.
func sameValue(got string, want any) bool {
	switch w := want.(type) {
	case nil:
		return got == "NULL"
	case string: // addresses
		return strings.EqualFold(got, w)
	case int64:
		switch got { // BOOLEAN keys print as true/false; SQLite stores 1/0
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
