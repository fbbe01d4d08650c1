package provensql

import (
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/schema"
	psql "github.com/provensql/provensql/sql"
)

// joinCatalog resolves w to the join tests' second table and any other name to t.
type joinCatalog struct{ t *schema.Table }

func (c joinCatalog) Schema(name string) (*schema.Table, error) {
	if strings.EqualFold(name, "w") {
		return joinTable(), nil
	}
	return c.t, nil
}

// TestOddQueriesNeverPanic runs unusual but parseable queries through the
// binder, the planner and the circuit compiler: each must either compile or
// be refused with an error, never panic.
func TestOddQueriesNeverPanic(t *testing.T) {
	db := sharedDB(t)
	tbl, err := db.Store().Schema("t")
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"SELECT a FROM t ORDER BY COUNT(*)",
		"SELECT * FROM t ORDER BY 0",
		"SELECT a FROM t LIMIT 18446744073709551615",
		"SELECT a FROM t LIMIT 1, 2",
		"SELECT DISTINCT * FROM t",
		"SELECT DISTINCT addr, flag FROM t ORDER BY flag DESC, addr LIMIT 1",
		"SELECT a FROM t ORDER BY CASE WHEN flag THEN addr ELSE addr END",
		"SELECT CASE WHEN i > 0 THEN addr ELSE addr END FROM t ORDER BY 1 DESC LIMIT 2",
		"SELECT MIN(a), MAX(a) FROM t GROUP BY t ORDER BY MAX(a) LIMIT 0",
		"SELECT t, COUNT(DISTINCT addr), SUM(DISTINCT i), AVG(DISTINCT i) FROM t GROUP BY t HAVING COUNT(DISTINCT addr) > 1",
		"SELECT COUNT(*) FROM t ORDER BY 1 LIMIT 3 OFFSET 0",
		"SELECT a, a, a FROM t ORDER BY a, a, a",
		"SELECT a / s FROM t WHERE s <> 0 ORDER BY a / s LIMIT 3",
		"SELECT u FROM t ORDER BY u DESC, a, i, s, t LIMIT 5",
		"SELECT ABS(i) AS x FROM t ORDER BY x LIMIT 1 OFFSET 1000",
		"SELECT addr FROM t GROUP BY addr ORDER BY addr",
		"SELECT flag, MIN(i), MAX(s), COUNT(*) FROM t GROUP BY flag ORDER BY 2, 3 DESC",
		"SELECT t FROM t WHERE t IN (1, 2, 3) AND NOT (t = 2) ORDER BY t",
		"SELECT * FROM t WHERE FALSE",
		"SELECT COUNT(DISTINCT flag) FROM t WHERE a < 0 LIMIT 1",
		"SELECT * FROM t JOIN w ON t.t = w.k ORDER BY w.name, t.a DESC LIMIT 2",
		"SELECT t.*, w.* FROM t JOIN w USING (addr) WHERE w.v > t.i",
		"SELECT w.k FROM t JOIN w ON t.t = w.k AND t.addr = w.addr AND t.flag AND w.v = t.a GROUP BY w.k",
		"SELECT COUNT(*) FROM t JOIN w ON t.t = w.k AND t.t = w.k",
		"SELECT COUNT(*) FROM t JOIN w ON w.k = t.t OR w.v = t.a",
		"SELECT COUNT(*) FROM t JOIN w ON (t.t = w.k)",
		"SELECT COUNT(*) FROM t JOIN w ON t.a = w.v JOIN w AS z ON z.k = t.t",
		"SELECT COUNT(*) FROM t JOIN w USING (nope)",
		"SELECT COUNT(*) FROM t JOIN w USING (k)",
		"SELECT COUNT(*) FROM t CROSS JOIN w",
		"SELECT COUNT(*) FROM t NATURAL JOIN w",
		"SELECT COUNT(*) FROM t STRAIGHT_JOIN w ON t.t = w.k",
		"SELECT COUNT(*) FROM t JOIN (SELECT k FROM w) AS s ON s.k = t.t",
		"SELECT x.* FROM t JOIN w ON t.t = w.k",
		"SELECT DISTINCT t.t, w.name FROM t JOIN w ON t.t = w.k",
		"SELECT name, COUNT(DISTINCT t.i) FROM t JOIN w ON t.t = w.k GROUP BY name HAVING COUNT(*) > 1 ORDER BY 2 DESC",
		"SELECT COALESCE(NULL, NULL), NULL, CASE WHEN a > 0 THEN NULL END FROM t",
		"SELECT COUNT(NULL), SUM(NULL), MIN(NULL), AVG(NULL) FROM t",
		"SELECT * FROM t WHERE NULL",
		"SELECT * FROM t WHERE a = NULL OR NOT (a <> NULL) OR a IN (NULL) OR a BETWEEN NULL AND 5",
		"SELECT a FROM t WHERE NULL IS NULL AND a IS NOT NULL",
		"SELECT t.a, w.name FROM t LEFT JOIN w ON t.t = w.k WHERE w.name LIKE '%a%' ORDER BY w.name DESC LIMIT 3",
		"SELECT MIN(CASE WHEN w.v > 0 THEN w.name END), MAX(w.name) FROM t LEFT JOIN w ON t.t = w.k",
		"SELECT w.name, COUNT(*) FROM t LEFT JOIN w ON t.t = w.k GROUP BY w.name HAVING w.name IS NOT NULL",
		"SELECT a.name FROM w AS a JOIN w AS b ON a.k = b.k LEFT JOIN w AS c ON c.k = a.k",
		"SELECT a.name FROM w AS a LEFT JOIN w AS b USING (k) WHERE b.name IS NULL",
		"SELECT name FROM w WHERE name LIKE '%%%' OR name LIKE '\\%%' OR name LIKE '_%_'",
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic: %v", r)
				}
			}()
			bound, err := psql.Parse(q, joinCatalog{tbl})
			if err != nil {
				t.Logf("refused: %v", err)
				return
			}
			plan, err := planner.New(bound)
			if err != nil {
				t.Logf("refused: %v", err)
				return
			}
			if _, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuits.New(plan, circuits.SegmentSize(4))); err != nil {
				t.Fatalf("compiling: %v", err)
			}
		})
	}
}
