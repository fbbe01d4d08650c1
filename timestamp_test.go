package provensql

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// TestTimestampQueriesMatchSQLite proves queries over a TIMESTAMP column
// (constants and parameters written as date-times) and compares them with
// SQLite over the same rows, where the column holds epoch seconds.
func TestTimestampQueriesMatchSQLite(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "ev", Columns: []schema.Column{{Name: "ts", Type: schema.Timestamp}, {Name: "v", Type: schema.Int}}}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	var secs []int64
	cols := make([][]fr.Element, 2)
	for i := int64(0); i < 20; i++ {
		s := start + i*5*86400 + (i%3)*3600 // every five days, some hours apart
		secs = append(secs, s)
		cols[0] = append(cols[0], schema.Encode(big.NewInt(s)))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(i*7%11)))
	}
	if _, err := db.Store().Append(tbl, 3, cols); err != nil {
		t.Fatal(err)
	}
	ref := sqliteReference(t)
	if _, err := ref.Exec(`CREATE TABLE ev (ts INTEGER, v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i, s := range secs {
		if _, err := ref.Exec(`INSERT INTO ev VALUES (?, ?)`, s, int64(i)*7%11); err != nil {
			t.Fatal(err)
		}
	}
	epoch := func(s string) int64 {
		v, err := schema.Timestamp.ParseValue(s)
		if err != nil {
			t.Fatal(err)
		}
		return v.Int64()
	}
	cases := []struct {
		proven, reference string
		params            []string
		args              []any
	}{
		{"SELECT ts, v FROM ev WHERE ts >= '2024-03-01' ORDER BY ts DESC LIMIT 3",
			"SELECT datetime(ts, 'unixepoch'), v FROM ev WHERE ts >= ? ORDER BY ts DESC LIMIT 3", nil, []any{epoch("2024-03-01")}},
		{"SELECT COUNT(*), MIN(ts), MAX(ts) FROM ev WHERE ts BETWEEN '2024-01-15 00:00:00' AND '2024-04-01T00:00:00Z'",
			"SELECT COUNT(*), datetime(MIN(ts), 'unixepoch'), datetime(MAX(ts), 'unixepoch') FROM ev WHERE ts BETWEEN ? AND ?", nil, []any{epoch("2024-01-15"), epoch("2024-04-01")}},
		{"SELECT v, ts FROM ev WHERE ts < $1",
			"SELECT v, datetime(ts, 'unixepoch') FROM ev WHERE ts < ? ORDER BY rowid", []string{"2024-02-01 12:00:00"}, []any{epoch("2024-02-01 12:00:00")}},
		{"SELECT v, MAX(ts) FROM ev GROUP BY v HAVING COUNT(*) > 1",
			"SELECT v, datetime(MAX(ts), 'unixepoch') FROM ev GROUP BY v HAVING COUNT(*) > 1 ORDER BY v", nil, nil},
		{"SELECT ts - $1 FROM ev WHERE v = 3",
			"SELECT ts - ? FROM ev WHERE v = 3 ORDER BY rowid", []string{"1704067200"}, []any{int64(1704067200)}},
	}
	for _, c := range cases {
		t.Run(c.proven, func(t *testing.T) {
			matchSQLite(t, db, ref, c.proven, c.params, c.reference, c.args)
		})
	}
	// bad timestamps are refused with the reason
	for _, bad := range []string{"2024-13-01", "2024-01-01 00:00:00.5", "1969-12-31", "yesterday"} {
		if _, err := db.Prove(context.Background(), "SELECT COUNT(*) FROM ev WHERE ts < $1", bad); err == nil {
			t.Fatalf("timestamp %q accepted", bad)
		}
	}
}
