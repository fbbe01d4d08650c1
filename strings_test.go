package provensql

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// TestStringQueriesMatchSQLite proves queries over a VARCHAR column
// (equality, IN, order comparisons, LIKE 'prefix%', GROUP BY, DISTINCT,
// MIN/MAX, ORDER BY, CASE) and compares them with SQLite, whose LIKE is made
// case-sensitive to match ProvenSQL's binary string semantics.
func TestStringQueriesMatchSQLite(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "tok", Columns: []schema.Column{{Name: "sym", Type: schema.Varchar}, {Name: "v", Type: schema.Int}, {Name: "t", Type: schema.TinyInt}}}
	syms := []string{"USDC", "USDT", "WETH", "DAI", "UNI", "", "aave", "Ünï", "a%b", "weapon_xyz", "USDC", "usdc", "DAI", "USD", "WBTC", "UNI", "weapon_abc", "z", "USDC", "A"}
	cols := make([][]fr.Element, 3)
	for i, s := range syms {
		e, err := schema.EncodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		cols[0] = append(cols[0], schema.Encode(e))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i*7%11))))
		cols[2] = append(cols[2], schema.Encode(big.NewInt(int64(i%3))))
	}
	if _, err := db.Store().Append(tbl, 3, cols); err != nil {
		t.Fatal(err)
	}
	ref := sqliteReference(t)
	if _, err := ref.Exec(`CREATE TABLE tok (sym TEXT, v INTEGER, t INTEGER); PRAGMA case_sensitive_like = ON`); err != nil {
		t.Fatal(err)
	}
	for i, s := range syms {
		if _, err := ref.Exec(`INSERT INTO tok VALUES (?, ?, ?)`, s, i*7%11, i%3); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		proven, reference string
		params            []string
	}{
		{"SELECT sym, v FROM tok WHERE sym = 'USDC'", "SELECT sym, v FROM tok WHERE sym = 'USDC' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym <> $1 ORDER BY sym", "SELECT sym FROM tok WHERE sym <> ?1 ORDER BY sym, rowid", []string{"USDC"}},
		{"SELECT COUNT(*) FROM tok WHERE sym IN ('DAI', 'UNI', 'nope')", "", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'US%' ORDER BY sym DESC", "SELECT sym FROM tok WHERE sym LIKE 'US%' ORDER BY sym DESC, rowid", nil},
		{"SELECT sym, v FROM tok WHERE sym NOT LIKE 'U%' ORDER BY sym DESC", "SELECT sym, v FROM tok WHERE sym NOT LIKE 'U%' ORDER BY sym DESC, rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'a\\%b'", "SELECT sym FROM tok WHERE sym LIKE 'a\\%b' ESCAPE '\\' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'weapon%' OR sym LIKE ''", "SELECT sym FROM tok WHERE sym LIKE 'weapon%' OR sym LIKE '' ORDER BY rowid", nil},
		{"SELECT sym, COUNT(*), SUM(v) FROM tok GROUP BY sym", "SELECT sym, COUNT(*), SUM(v) FROM tok GROUP BY sym ORDER BY sym", nil},
		{"SELECT DISTINCT sym FROM tok ORDER BY sym LIMIT 3", "", nil},
		{"SELECT COUNT(DISTINCT sym), COUNT(*) FROM tok WHERE v > $1", "SELECT COUNT(DISTINCT sym), COUNT(*) FROM tok WHERE v > ?1", []string{"2"}},
		{"SELECT MIN(sym), MAX(sym) FROM tok WHERE v > 2", "", nil},
		{"SELECT t, MIN(sym), MAX(sym) FROM tok GROUP BY t", "SELECT t, MIN(sym), MAX(sym) FROM tok GROUP BY t ORDER BY t", nil},
		{"SELECT sym FROM tok WHERE sym BETWEEN 'B' AND 'V' ORDER BY sym LIMIT 4", "SELECT sym FROM tok WHERE sym BETWEEN 'B' AND 'V' ORDER BY sym, rowid LIMIT 4", nil},
		{"SELECT sym FROM tok WHERE sym < 'a' AND sym > ''", "SELECT sym FROM tok WHERE sym < 'a' AND sym > '' ORDER BY rowid", nil},
		{"SELECT CASE WHEN v > 3 THEN sym ELSE 'small' END FROM tok WHERE t = 1", "SELECT CASE WHEN v > 3 THEN sym ELSE 'small' END FROM tok WHERE t = 1 ORDER BY rowid", nil},
		// a string key and an integer key need a two-part ordinal
		{"SELECT sym, v FROM tok WHERE t <> 2 ORDER BY sym, v DESC LIMIT 6", "SELECT sym, v FROM tok WHERE t <> 2 ORDER BY sym, v DESC, rowid LIMIT 6", nil},
		{"SELECT sym, COUNT(*) AS n FROM tok GROUP BY sym HAVING COUNT(*) > 1 AND sym <> 'UNI' ORDER BY n DESC", "SELECT sym, COUNT(*) AS n FROM tok GROUP BY sym HAVING COUNT(*) > 1 AND sym <> 'UNI' ORDER BY n DESC, sym", nil},
		// LIKE with wildcards inside the pattern, proven over the string's bytes
		{"SELECT sym FROM tok WHERE sym LIKE '%SD%'", "SELECT sym FROM tok WHERE sym LIKE '%SD%' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE '%C'", "SELECT sym FROM tok WHERE sym LIKE '%C' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'U_D_'", "SELECT sym FROM tok WHERE sym LIKE 'U_D_' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE '_S%' OR sym LIKE 'w%_x%z'", "SELECT sym FROM tok WHERE sym LIKE '_S%' OR sym LIKE 'w%_x%z' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym NOT LIKE '%A%'", "SELECT sym FROM tok WHERE sym NOT LIKE '%A%' ORDER BY rowid", nil},
		{"SELECT COUNT(*) FROM tok WHERE sym LIKE '%' OR sym LIKE '%%'", "", nil},
		{"SELECT COUNT(*) FROM tok WHERE sym LIKE '_'", "", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'weapon\\_%'", "SELECT sym FROM tok WHERE sym LIKE 'weapon\\_%' ESCAPE '\\' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE '%a%b%'", "SELECT sym FROM tok WHERE sym LIKE '%a%b%' ORDER BY rowid", nil},
		{"SELECT sym FROM tok WHERE sym LIKE 'U%I' OR sym LIKE 'D%A%I'", "SELECT sym FROM tok WHERE sym LIKE 'U%I' OR sym LIKE 'D%A%I' ORDER BY rowid", nil},
		{"SELECT t, COUNT(*) FROM tok WHERE sym LIKE '%T%' GROUP BY t", "SELECT t, COUNT(*) FROM tok WHERE sym LIKE '%T%' GROUP BY t ORDER BY t", nil},
	}
	// refused with the reason and position
	for _, bad := range []struct{ sql, want string }{
		{"SELECT sym FROM tok WHERE sym LIKE '%a%b%c%d%e'", "at most 4"},
		{"SELECT sym FROM tok WHERE sym LIKE '%this pattern is longer than 27 bytes%'", "no string matches it"},
		{"SELECT sym FROM tok WHERE sym LIKE $1", "LIKE takes a constant string pattern"},
		{"SELECT sym FROM tok WHERE v LIKE 'a%'", "LIKE needs a string"},
		{"SELECT sym + 1 FROM tok", "found a string"},
		{"SELECT SUM(sym) FROM tok", "found a string"},
		{"SELECT sym FROM tok WHERE sym = 'this string is longer than 27 bytes'", "exceeds VARCHAR's 27"},
		{"SELECT sym FROM tok WHERE sym = 5", "type mismatch"},
	} {
		_, err := db.Prove(context.Background(), bad.sql)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: error %v, want %q", bad.sql, err, bad.want)
		}
	}
	for _, c := range cases {
		t.Run(c.proven, func(t *testing.T) {
			refSQL := c.reference
			if refSQL == "" {
				refSQL = c.proven
			}
			args := make([]any, len(c.params))
			for i, p := range c.params {
				args[i] = p
			}
			matchSQLite(t, db, ref, c.proven, c.params, refSQL, args)
		})
	}
}
