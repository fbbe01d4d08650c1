package provensql

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
	"github.com/consensys/gnark/backend/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/rowdigest"
	"github.com/provensql/provensql/schema"
	psql "github.com/provensql/provensql/sql"
)

// testRow is one row of the test table in plain Go values.
type testRow struct {
	a    int64  // BIGINT
	u    uint64 // BIGINT UNSIGNED
	i    int32  // INT
	s    int16  // SMALLINT
	t    int8   // TINYINT
	flag bool   // BOOLEAN
	addr int    // index into testAddrs
}

var testAddrs = []string{
	"0x00000000000000000000000000000000000000aa",
	"0xffffffffffffffffffffffffffffffffffffffff",
	"0x1234567890abcdef1234567890abcdef12345678",
}

func testTable() *schema.Table {
	return &schema.Table{Name: "t", Columns: []schema.Column{
		{Name: "a", Type: schema.BigInt}, {Name: "u", Type: schema.BigIntUnsigned},
		{Name: "i", Type: schema.Int}, {Name: "s", Type: schema.SmallInt},
		{Name: "t", Type: schema.TinyInt}, {Name: "flag", Type: schema.Boolean},
		{Name: "addr", Type: schema.Address},
	}}
}

// testRows covers each type's edges: 0, the maximum, the minimum, negatives.
func testRows() []testRow {
	rows := []testRow{
		{a: 0, u: 0, i: 0, s: 0, t: 0, flag: false, addr: 0},
		{a: 1<<63 - 1, u: 1<<64 - 1, i: 1<<31 - 1, s: 1<<15 - 1, t: 1<<7 - 1, flag: true, addr: 1},
		{a: -1 << 63, u: 1, i: -1 << 31, s: -1 << 15, t: -1 << 7, flag: true, addr: 2},
		{a: -1, u: 1<<63 + 5, i: -7, s: 300, t: -1, flag: false, addr: 1},
	}
	for k := 0; k < 36; k++ {
		rows = append(rows, testRow{a: int64(k*k) - 300, u: uint64(k * 1000), i: int32(k - 18), s: int16(k * 3), t: int8(k % 5), flag: k%3 == 0, addr: k % 3})
	}
	return rows
}

func encodeRows(rows []testRow) [][]fr.Element {
	cols := make([][]fr.Element, 7)
	for _, r := range rows {
		addr, _ := schema.ParseAddress(testAddrs[r.addr])
		flag := int64(0)
		if r.flag {
			flag = 1
		}
		vals := []*big.Int{big.NewInt(r.a), new(big.Int).SetUint64(r.u), big.NewInt(int64(r.i)), big.NewInt(int64(r.s)), big.NewInt(int64(r.t)), big.NewInt(flag), addr}
		for c, v := range vals {
			cols[c] = append(cols[c], schema.Encode(v))
		}
	}
	return cols
}

var (
	sharedOnce sync.Once
	sharedDir  string
	sharedErr  error
)

// sharedDB returns a store with table t (40 rows in segments of 16), its
// SRS and key cache shared by the tests of this package.
func sharedDB(t *testing.T) *DB {
	t.Helper()
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "provensql-test-")
		if sharedErr != nil {
			return
		}
		var db *DB
		if db, sharedErr = Open(sharedDir, Options{SRSSize: 64}); sharedErr != nil {
			return
		}
		_, sharedErr = db.Store().Append(testTable(), 4, encodeRows(testRows()))
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	db, err := Open(sharedDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// oracle is the straightforward Go evaluation a proven result must equal.
type oracle struct {
	where func(r testRow) bool
	agg   func(sel []testRow) []string
}

func count(sel []testRow) string { return fmt.Sprint(len(sel)) }

func sumOf(sel []testRow, f func(testRow) *big.Int) string {
	if len(sel) == 0 {
		return "NULL"
	}
	s := new(big.Int)
	for _, r := range sel {
		s.Add(s, f(r))
	}
	return s.String()
}

func minMax(sel []testRow, f func(testRow) *big.Int, isMax bool) string {
	if len(sel) == 0 {
		return "NULL"
	}
	m := f(sel[0])
	for _, r := range sel[1:] {
		v := f(r)
		if (isMax && v.Cmp(m) > 0) || (!isMax && v.Cmp(m) < 0) {
			m = v
		}
	}
	return m.String()
}

func avg(sel []testRow, f func(testRow) *big.Int) string {
	if len(sel) == 0 {
		return "NULL"
	}
	s := new(big.Int)
	for _, r := range sel {
		s.Add(s, f(r))
	}
	q := new(big.Rat).SetFrac(s, big.NewInt(int64(len(sel))))
	if q.IsInt() {
		return q.Num().String()
	}
	return q.String()
}

func bA(r testRow) *big.Int { return big.NewInt(r.a) }
func bU(r testRow) *big.Int { return new(big.Int).SetUint64(r.u) }
func bI(r testRow) *big.Int { return big.NewInt(int64(r.i)) }

func TestProvenResultsMatchReference(t *testing.T) {
	db := sharedDB(t)
	cases := []struct {
		name   string
		sql    string
		params []string
		want   oracle
	}{
		{"count all", "SELECT COUNT(*) FROM t", nil,
			oracle{func(testRow) bool { return true }, func(s []testRow) []string { return []string{count(s)} }}},
		{"eq param with sum and count(col)", "SELECT COUNT(a), SUM(u) FROM t WHERE i = $1", []string{"-7"},
			oracle{func(r testRow) bool { return r.i == -7 }, func(s []testRow) []string { return []string{count(s), sumOf(s, bU)} }}},
		{"neq and lt", "SELECT COUNT(*), SUM(a) FROM t WHERE s <> 0 AND a < ?", []string{"100"},
			oracle{func(r testRow) bool { return r.s != 0 && r.a < 100 }, func(s []testRow) []string { return []string{count(s), sumOf(s, bA)} }}},
		{"le ge gt constants", "SELECT MIN(a), MAX(a) FROM t WHERE i <= 5 AND i >= -10 OR t > 3", nil,
			oracle{func(r testRow) bool { return (r.i <= 5 && r.i >= -10) || r.t > 3 }, func(s []testRow) []string {
				return []string{minMax(s, bA, false), minMax(s, bA, true)}
			}}},
		{"between and not", "SELECT COUNT(*), AVG(i) FROM t WHERE i BETWEEN $1 AND $2 AND NOT flag", []string{"-10", "10"},
			oracle{func(r testRow) bool { return r.i >= -10 && r.i <= 10 && !r.flag }, func(s []testRow) []string { return []string{count(s), avg(s, bI)} }}},
		{"not between", "SELECT COUNT(*) FROM t WHERE i NOT BETWEEN -3 AND 3", nil,
			oracle{func(r testRow) bool { return r.i < -3 || r.i > 3 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"in list of addresses", "SELECT COUNT(*), SUM(s) FROM t WHERE addr IN ($1, $2)", []string{testAddrs[0], testAddrs[2]},
			oracle{func(r testRow) bool { return r.addr == 0 || r.addr == 2 }, func(s []testRow) []string {
				return []string{count(s), sumOf(s, func(r testRow) *big.Int { return big.NewInt(int64(r.s)) })}
			}}},
		{"address neq constant", "SELECT COUNT(*) FROM t WHERE addr <> 0xffffffffffffffffffffffffffffffffffffffff", nil,
			oracle{func(r testRow) bool { return r.addr != 1 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"not in ints", "SELECT COUNT(*) FROM t WHERE t NOT IN (0, 1, -1)", nil,
			oracle{func(r testRow) bool { return r.t != 0 && r.t != 1 && r.t != -1 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"arithmetic in predicate and projection", "SELECT SUM(i * 2 + s), MAX(u - 1), MIN(-a) FROM t WHERE i * i < $1 + 50", []string{"50"},
			oracle{func(r testRow) bool { return int64(r.i)*int64(r.i) < 100 }, func(s []testRow) []string {
				return []string{
					sumOf(s, func(r testRow) *big.Int { return big.NewInt(int64(r.i)*2 + int64(r.s)) }),
					minMax(s, func(r testRow) *big.Int { return new(big.Int).Sub(bU(r), big.NewInt(1)) }, true),
					minMax(s, func(r testRow) *big.Int { return new(big.Int).Neg(bA(r)) }, false),
				}
			}}},
		{"empty result", "SELECT COUNT(*), SUM(a), MIN(u), MAX(i), AVG(s) FROM t WHERE a > $1", []string{"9223372036854775807"},
			oracle{func(testRow) bool { return false }, func(s []testRow) []string { return []string{"0", "NULL", "NULL", "NULL", "NULL"} }}},
		{"all rows with extreme sums", "SELECT SUM(u), SUM(a), MIN(u), MAX(u), MIN(a), MAX(a) FROM t WHERE u >= 0", nil,
			oracle{func(testRow) bool { return true }, func(s []testRow) []string {
				return []string{sumOf(s, bU), sumOf(s, bA), minMax(s, bU, false), minMax(s, bU, true), minMax(s, bA, false), minMax(s, bA, true)}
			}}},
		{"edge comparison across signs", "SELECT COUNT(*) FROM t WHERE a >= -9223372036854775808 AND a < 0", nil,
			oracle{func(r testRow) bool { return r.a < 0 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"unsigned above int64", "SELECT COUNT(*) FROM t WHERE u > 9223372036854775807", nil,
			oracle{func(r testRow) bool { return r.u > 1<<63-1 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"boolean column and parentheses", "SELECT COUNT(*) FROM t WHERE (flag OR i = 0) AND NOT (t = 4)", nil,
			oracle{func(r testRow) bool { return (r.flag || r.i == 0) && r.t != 4 }, func(s []testRow) []string { return []string{count(s)} }}},
		{"boolean compared", "SELECT COUNT(*) FROM t WHERE flag = TRUE", nil,
			oracle{func(r testRow) bool { return r.flag }, func(s []testRow) []string { return []string{count(s)} }}},
	}
	rows := testRows()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := db.Prove(context.Background(), tc.sql, tc.params...)
			if err != nil {
				t.Fatal(err)
			}
			var sel []testRow
			for _, r := range rows {
				if tc.want.where(r) {
					sel = append(sel, r)
				}
			}
			want := tc.want.agg(sel)
			got := res.Receipt.Rows[0]
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Fatalf("proven %v, reference %v", got, want)
			}
			if _, err := db.Verify(res.Receipt); err != nil {
				t.Fatalf("honest receipt rejected: %v", err)
			}
			if _, err := Verify(roundTrip(t, res.Receipt)); err != nil {
				t.Fatalf("standalone verification rejected the receipt: %v", err)
			}
		})
	}
}

func roundTrip(t *testing.T, rc *receipt.Receipt) *receipt.Receipt {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.json")
	if err := rc.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	out, err := receipt.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// clone deep-copies a receipt through JSON.
func clone(t *testing.T, rc *receipt.Receipt) *receipt.Receipt { return roundTrip(t, rc) }

// dishonestQueries cover every operator and aggregate; each honest receipt
// is tampered with in every way below and must be rejected.
var dishonestQueries = []struct {
	sql    string
	params []string
}{
	{"SELECT COUNT(*), SUM(u), MIN(a) FROM t WHERE i BETWEEN $1 AND $2", []string{"-10", "10"}},
	{"SELECT MAX(i), AVG(s) FROM t WHERE addr = $1 OR t < $2", []string{testAddrs[1], "2"}},
	{"SELECT COUNT(*), SUM(a * 3 - i) FROM t WHERE addr <> $1 AND NOT flag AND s >= $2", []string{testAddrs[0], "6"}},
	{"SELECT COUNT(u), MIN(s + t) FROM t WHERE t IN ($1, 2, 3) AND u > $2 AND i <= $3", []string{"1", "1000", "30"}},
	{"SELECT MAX(u), SUM(s) FROM t WHERE i NOT IN ($1, $2) AND a <> $3 AND flag", []string{"-18", "0", "-300"}},
	{"SELECT SUM(a / $1), MAX(ABS(i)), MIN(CASE WHEN flag THEN s ELSE t END) FROM t WHERE i % 3 = $2", []string{"7", "1"}},
	{"SELECT t, COUNT(*), SUM(i), AVG(s) FROM t WHERE i > $1 GROUP BY t HAVING COUNT(*) >= $2", []string{"-30", "1"}},
	{"SELECT t, MIN(i), MAX(s - i) FROM t WHERE i > $1 GROUP BY t HAVING COUNT(*) >= $2", []string{"-30", "1"}},
	{"SELECT a, addr, i * 2 FROM t WHERE i BETWEEN $1 AND $2", []string{"-20", "9"}},
	{"SELECT i, s FROM t WHERE t <> $1 AND a > $2 ORDER BY s DESC, i LIMIT 4 OFFSET 1", []string{"2", "-1000"}},
}

// TestDishonestRowResultsAreRejected tampers with the rows a segment proof
// returns: each change must break the rows' binding (the rows returned and
// each column's evaluation at Z) or, with the binding recomputed, the proof.
func TestDishonestRowResultsAreRejected(t *testing.T) {
	db := sharedDB(t)
	// rebind recomputes what the verifier checks a segment's rows against
	// from the tampered rows: the rows returned and each column's
	// evaluation at Z, so only the proof itself can refuse them.
	rebind := func(t *testing.T, r *receipt.Receipt, si int) {
		q, err := sqlparse(r)
		if err != nil {
			t.Fatal(err)
		}
		seg := &r.Segments[si]
		slots := make([][]*big.Int, len(seg.Rows))
		for k, row := range seg.Rows {
			for _, v := range row {
				b, _ := new(big.Int).SetString(v, 10)
				slots[k] = append(slots[k], b)
			}
		}
		zb, _ := new(big.Int).SetString(seg.Z, 10)
		var z fr.Element
		z.SetBigInt(zb)
		seg.Partials[1] = fmt.Sprint(len(slots))
		for k, e := range rowdigest.Evaluations(slots, q.RowWidth(), 1<<r.Table.LogCapacity, z) {
			seg.Partials[planner.RowEvalOffset+k] = schema.DecodeSigned(&e).String()
		}
	}
	tamper := []struct {
		name string
		edit func(t *testing.T, r *receipt.Receipt)
	}{
		{"result row dropped", func(t *testing.T, r *receipt.Receipt) { r.Rows = r.Rows[1:] }},
		{"result rows swapped", func(t *testing.T, r *receipt.Receipt) { r.Rows[0], r.Rows[1] = r.Rows[1], r.Rows[0] }},
		{"result row added", func(t *testing.T, r *receipt.Receipt) { r.Rows = append(r.Rows, r.Rows[0]) }},
		{"segment row value", func(t *testing.T, r *receipt.Receipt) { r.Segments[0].Rows[0][1] = incr(r.Segments[0].Rows[0][1]) }},
		{"segment row value, rebound", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[0].Rows[0][1] = incr(r.Segments[0].Rows[0][1])
			rebind(t, r, 0)
		}},
		{"segment row position, rebound", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[0].Rows[0][0] = incr(r.Segments[0].Rows[0][0])
			rebind(t, r, 0)
		}},
		{"segment row dropped, count and binding recomputed", func(t *testing.T, r *receipt.Receipt) {
			seg := &r.Segments[0]
			seg.Rows = seg.Rows[1:]
			seg.Partials[0] = fmt.Sprint(len(seg.Rows))
			rebind(t, r, 0)
		}},
		{"segment row dropped, rebound", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[1].Rows = r.Segments[1].Rows[:len(r.Segments[1].Rows)-1]
			rebind(t, r, 1)
		}},
		{"segment rows swapped, rebound", func(t *testing.T, r *receipt.Receipt) {
			rows := r.Segments[0].Rows
			rows[0], rows[1] = rows[1], rows[0]
			rebind(t, r, 0)
		}},
		{"selected count", func(t *testing.T, r *receipt.Receipt) { r.Segments[0].Partials[0] = incr(r.Segments[0].Partials[0]) }},
		{"rows moved to another segment", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[1].Rows = append(r.Segments[1].Rows, r.Segments[0].Rows...)
			r.Segments[0].Rows = nil
		}},
	}
	for _, q := range dishonestQueries[len(dishonestQueries)-2:] {
		res, err := db.Prove(context.Background(), q.sql, q.params...)
		if err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
		honest := res.Receipt
		for si := 0; si < 2; si++ {
			if len(honest.Segments[si].Rows) < 2 {
				t.Fatalf("%s: segment %d returns %d rows; the tampering needs two", q.sql, si, len(honest.Segments[si].Rows))
			}
		}
		for _, tc := range tamper {
			t.Run(q.sql+"/"+tc.name, func(t *testing.T) {
				r := clone(t, honest)
				tc.edit(t, r)
				_, err := db.Verify(r)
				if err == nil {
					t.Fatal("tampered receipt accepted")
				}
				t.Log(err)
			})
		}
	}
}

// sqlparse re-plans a receipt's query against its own table commitment.
func sqlparse(r *receipt.Receipt) (*planner.Plan, error) {
	q, err := psql.Parse(r.SQL, catalogOf{&r.Table.Schema})
	if err != nil {
		return nil, err
	}
	if q, err = q.Bind(r.Params); err != nil {
		return nil, err
	}
	return planner.New(q)
}

type catalogOf struct{ t *schema.Table }

func (c catalogOf) Schema(string) (*schema.Table, error) { return c.t, nil }

func TestDivisionByZeroIsAQueryError(t *testing.T) {
	db := sharedDB(t)
	for _, q := range []string{
		"SELECT SUM(a / s) FROM t",
		"SELECT COUNT(*) FROM t WHERE i % s = 0",
		"SELECT MAX(a / (s - s)) FROM t WHERE flag",
	} {
		_, err := db.Prove(context.Background(), q)
		if err == nil || !strings.Contains(err.Error(), "division by zero") || !strings.Contains(err.Error(), "line 1, column") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestDishonestReceiptsAreRejected(t *testing.T) {
	db := sharedDB(t)
	tamper := []struct {
		name string
		edit func(r *receipt.Receipt)
	}{
		{"result value", func(r *receipt.Receipt) { r.Rows[0][1] = incr(r.Rows[0][1]) }},
		{"result value and matching partial", func(r *receipt.Receipt) {
			r.Rows[0][0] = incr(r.Rows[0][0])
			r.Segments[0].Partials[0] = incr(r.Segments[0].Partials[0])
		}},
		{"aggregate partial", func(r *receipt.Receipt) { r.Segments[1].Partials[1] = incr(r.Segments[1].Partials[1]) }},
		{"last partial", func(r *receipt.Receipt) {
			p := r.Segments[2].Partials
			p[len(p)-1] = incr(p[len(p)-1])
		}},
		{"parameter", func(r *receipt.Receipt) { r.Params[1] = incr(r.Params[1]) }},
		{"sql constant added", func(r *receipt.Receipt) { r.SQL = strings.Replace(r.SQL, "$2", "$2 AND a > 0", 1) }},
		{"z", func(r *receipt.Receipt) { r.Segments[0].Z = incr(r.Segments[0].Z) }},
		{"y", func(r *receipt.Receipt) { r.Segments[2].Y[0] = incr(r.Segments[2].Y[0]) }},
		{"row count", func(r *receipt.Receipt) {
			r.Table.Segments[2].Rows--
			r.Table.Rows--
			d, _ := r.Table.Digest()
			r.TableCommitments = map[string]string{"t": d}
		}},
		{"column commitment", func(r *receipt.Receipt) {
			for c := range r.Table.Segments[0].Columns {
				d, _ := commitment.ParseDigestHex(r.Table.Segments[0].Columns[c])
				d = commitment.Add(d, d)
				r.Table.Segments[0].Columns[c] = commitment.DigestHex(d)
			}
			d, _ := r.Table.Digest()
			r.TableCommitments = map[string]string{"t": d}
		}},
		{"table digest", func(r *receipt.Receipt) { r.TableCommitments["t"] = strings.Repeat("0", 64) }},
		{"proof bytes", func(r *receipt.Receipt) {
			b := []byte(r.Proof)
			b[20] ^= 1
			r.Proof = string(b)
		}},
		{"proof truncated", func(r *receipt.Receipt) { r.Proof = r.Proof[:len(r.Proof)/2] }},
		{"vk hash", func(r *receipt.Receipt) { r.VKHash = strings.Repeat("ab", 32) }},
		{"shape hash", func(r *receipt.Receipt) { r.ShapeHash = strings.Repeat("cd", 32) }},
		{"segments dropped", func(r *receipt.Receipt) { r.Segments = r.Segments[:2] }},
	}
	for qi, q := range dishonestQueries {
		res, err := db.Prove(context.Background(), q.sql, q.params...)
		if err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
		honest := res.Receipt
		if _, err := db.Verify(honest); err != nil {
			t.Fatalf("%s: honest receipt rejected: %v", q.sql, err)
		}
		for _, tc := range tamper {
			t.Run(fmt.Sprintf("q%d/%s", qi, tc.name), func(t *testing.T) {
				r := clone(t, honest)
				tc.edit(r)
				if _, err := db.Verify(r); err == nil {
					t.Fatalf("%s: tampered receipt accepted by the store's verifier", q.sql)
				}
				if _, err := Verify(r); err == nil {
					t.Fatalf("%s: tampered receipt accepted by the standalone verifier", q.sql)
				}
			})
		}
	}
}

// incr changes a value by the smallest step its form allows.
func incr(s string) string {
	if v, ok := new(big.Int).SetString(s, 10); ok {
		return v.Add(v, big.NewInt(1)).String()
	}
	switch {
	case s == "NULL":
		return "0"
	case strings.HasPrefix(s, "0x"):
		last := s[len(s)-1]
		if last == '0' {
			return s[:len(s)-1] + "1"
		}
		return s[:len(s)-1] + "0"
	case strings.Contains(s, "/"):
		parts := strings.SplitN(s, "/", 2)
		return incr(parts[0]) + "/" + parts[1]
	}
	return s + "1"
}

// TestProofOverChangedRowIsRejected plays a prover that answers over a
// table with one row changed, then presents the honest table commitment.
func TestProofOverChangedRowIsRejected(t *testing.T) {
	honestDB := sharedDB(t)
	dir := t.TempDir()
	srs, err := os.ReadFile(filepath.Join(sharedDir, "srs.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "srs.bin"), srs, 0o644); err != nil {
		t.Fatal(err)
	}
	dishonest, err := Open(dir, Options{KeyDir: filepath.Join(sharedDir, "keys")})
	if err != nil {
		t.Fatal(err)
	}
	rows := testRows()
	rows[20].u += 1_000_000
	if _, err := dishonest.Store().Append(testTable(), 4, encodeRows(rows)); err != nil {
		t.Fatal(err)
	}
	res, err := dishonest.Prove(context.Background(), "SELECT SUM(u) FROM t WHERE i > $1", "-100")
	if err != nil {
		t.Fatal(err)
	}
	m, err := honestDB.Store().Manifest("t")
	if err != nil {
		t.Fatal(err)
	}
	r := res.Receipt
	r.Table = m.Commitment()
	d, _ := r.Table.Digest()
	r.TableCommitments = map[string]string{"t": d}
	if _, err := honestDB.Verify(r); err == nil || !strings.Contains(err.Error(), "KZG") {
		t.Fatalf("proof over a changed row: want a KZG opening failure, got %v", err)
	}
}

// TestCeremonyKeysAndSRS imports an SRS and a shape's keys made elsewhere
// (as a ceremony would) and checks receipts then say the setup is safe.
func TestCeremonyKeysAndSRS(t *testing.T) {
	dir := t.TempDir()
	srsPath := filepath.Join(dir, "ceremony.srs")
	ceremony, err := kzg.NewSRS(33, big.NewInt(123456789))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(srsPath)
	if _, err := ceremony.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := Open(filepath.Join(dir, "db"), Options{SRSFile: srsPath})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store().Append(testTable(), 4, encodeRows(testRows())); err != nil {
		t.Fatal(err)
	}
	const q = "SELECT COUNT(*) FROM t WHERE i > $1"
	plan, err := db.Shape(q)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := prover.Compile(plan, circuits.SegmentSize(4))
	if err != nil {
		t.Fatal(err)
	}
	pk, vk, err := groth16.Setup(cs) // stands in for mpcsetup's sealed phase 2
	if err != nil {
		t.Fatal(err)
	}
	var pkb, vkb bytes.Buffer
	pk.WriteTo(&pkb)
	vk.WriteTo(&vkb)
	if _, err := db.ImportKeys(q, &pkb, &vkb); err != nil {
		t.Fatal(err)
	}
	res, err := db.Prove(context.Background(), q, "0")
	if err != nil {
		t.Fatal(err)
	}
	if res.Receipt.UnsafeSetup || res.Receipt.UnsafeSRS {
		t.Fatalf("imported keys/SRS reported unsafe: setup %v srs %v", res.Receipt.UnsafeSetup, res.Receipt.UnsafeSRS)
	}
	if res.Receipt.Rows[0][0] != "18" {
		t.Fatalf("count %s", res.Receipt.Rows[0][0])
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	// Keys of another shape are refused.
	var pkb2, vkb2 bytes.Buffer
	pk.WriteTo(&pkb2)
	vk.WriteTo(&vkb2)
	if _, err := db.ImportKeys("SELECT COUNT(*), SUM(a) FROM t WHERE i > $1 AND u < $2", &pkb2, &vkb2); err == nil {
		t.Fatal("keys of another shape imported")
	}
}

// TestParallelSegmentsProveTheSame proves the 3-segment table with segments
// in parallel: same result, verifying receipt (run with -race in CI).
func TestParallelSegmentsProveTheSame(t *testing.T) {
	sharedDB(t) // make sure the shared store exists
	db, err := Open(sharedDir, Options{Parallel: 3})
	if err != nil {
		t.Fatal(err)
	}
	const q = "SELECT COUNT(*), SUM(a), MIN(i), MAX(u) FROM t WHERE t > $1"
	seq, err := sharedDB(t).Prove(context.Background(), q, "-1")
	if err != nil {
		t.Fatal(err)
	}
	par, err := db.Prove(context.Background(), q, "-1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(seq.Receipt.Rows[0], ",") != strings.Join(par.Receipt.Rows[0], ",") {
		t.Fatalf("parallel %v, sequential %v", par.Receipt.Rows[0], seq.Receipt.Rows[0])
	}
	if _, err := db.Verify(par.Receipt); err != nil {
		t.Fatal(err)
	}
}

// TestDishonestGroupRowsAreRejected tampers with the group rows a segment
// proof returns: each change must break their evaluation at Z or the proof.
func TestDishonestGroupRowsAreRejected(t *testing.T) {
	db := sharedDB(t)
	reeval := func(t *testing.T, r *receipt.Receipt, si int) {
		var z fr.Element
		zb, _ := new(big.Int).SetString(r.Segments[si].Z, 10)
		z.SetBigInt(zb)
		n := 1 << r.Table.LogCapacity
		for k := range r.Segments[si].Partials {
			col := make([]fr.Element, n)
			for g, row := range r.Segments[si].Rows {
				v, _ := new(big.Int).SetString(row[k], 10)
				col[g] = schema.Encode(v)
			}
			e := commitment.EvaluateLagrange(n, col, z)
			r.Segments[si].Partials[k] = schema.DecodeSigned(&e).String()
		}
	}
	tamper := []struct {
		name string
		edit func(t *testing.T, r *receipt.Receipt)
	}{
		{"group count", func(t *testing.T, r *receipt.Receipt) { r.Segments[0].Rows[0][1] = incr(r.Segments[0].Rows[0][1]) }},
		{"group sum", func(t *testing.T, r *receipt.Receipt) { r.Segments[1].Rows[1][2] = incr(r.Segments[1].Rows[1][2]) }},
		{"group count, evaluations recomputed", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[0].Rows[0][1] = incr(r.Segments[0].Rows[0][1])
			reeval(t, r, 0)
		}},
		{"group extreme, evaluations recomputed", func(t *testing.T, r *receipt.Receipt) {
			row := r.Segments[0].Rows[0]
			row[len(row)-1] = incr(row[len(row)-1])
			reeval(t, r, 0)
		}},
		{"group dropped, evaluations recomputed", func(t *testing.T, r *receipt.Receipt) {
			r.Segments[1].Rows = r.Segments[1].Rows[1:]
			reeval(t, r, 1)
		}},
		{"group split, evaluations recomputed", func(t *testing.T, r *receipt.Receipt) {
			rows := r.Segments[0].Rows
			half := append([]string{}, rows[0]...)
			half[1] = "1"
			rows[0][1] = fmt.Sprint(mustInt(rows[0][1]) - 1)
			r.Segments[0].Rows = append([][]string{half}, rows...)
			reeval(t, r, 0)
		}},
		{"groups swapped", func(t *testing.T, r *receipt.Receipt) {
			rows := r.Segments[0].Rows
			rows[0], rows[1] = rows[1], rows[0]
			reeval(t, r, 0)
		}},
		{"result row", func(t *testing.T, r *receipt.Receipt) { r.Rows[0][1] = incr(r.Rows[0][1]) }},
	}
	res, err := db.Prove(context.Background(), "SELECT t, COUNT(*), SUM(i), MAX(s) FROM t WHERE i > $1 GROUP BY t", "-30")
	if err != nil {
		t.Fatal(err)
	}
	honest := res.Receipt
	if _, err := db.Verify(honest); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tamper {
		t.Run(tc.name, func(t *testing.T) {
			r := clone(t, honest)
			tc.edit(t, r)
			_, err := db.Verify(r)
			if err == nil {
				t.Fatal("tampered receipt accepted")
			}
			t.Log(err)
		})
	}
}

func mustInt(s string) int64 {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return v
}

// TestBatchRejectionNamesTheSegment: the verifier checks all segments'
// proofs and openings in one batch each; when a batch fails it names the
// segment that broke it.
func TestBatchRejectionNamesTheSegment(t *testing.T) {
	db := sharedDB(t)
	q := dishonestQueries[0]
	res, err := db.Prove(context.Background(), q.sql, q.params...)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Receipt.Segments) < 3 {
		t.Fatalf("the test needs 3 segments, the receipt has %d", len(res.Receipt.Segments))
	}
	for _, si := range []int{1, 2} {
		r := clone(t, res.Receipt)
		r.Segments[si].Z = incr(r.Segments[si].Z)
		_, err := Verify(r)
		if want := fmt.Sprintf("segment %d:", si); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("Z of segment %d changed: got %v, want an error naming %q", si, err, want)
		}
	}
}
