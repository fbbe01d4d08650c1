package provensql

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// TestUint256Queries proves queries over a UINT256 column (two committed
// 128-bit limbs) at the type's edges and compares them with big-integer
// arithmetic in Go: comparisons across the limb boundary, IN, BETWEEN, COUNT,
// exact SUM and AVG beyond 2^256, MIN, MAX and row output.
func TestUint256Queries(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("amount UINT256, n INT, g TINYINT")
	if err != nil {
		t.Fatal(err)
	}
	pow := func(k uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), k) }
	sub := func(a *big.Int, b int64) *big.Int { return new(big.Int).Sub(a, big.NewInt(b)) }
	amounts := []*big.Int{big.NewInt(0), big.NewInt(1), sub(pow(128), 1), pow(128), new(big.Int).Add(pow(128), big.NewInt(7)), pow(255), sub(pow(256), 1), sub(pow(256), 1), big.NewInt(5), new(big.Int).Mul(big.NewInt(1e18), big.NewInt(123456789)), pow(200), big.NewInt(5)}
	data := make([][]fr.Element, 4)
	for i, a := range amounts {
		lo, hi := schema.SplitUint256(a)
		data[0] = append(data[0], schema.Encode(lo))
		data[1] = append(data[1], schema.Encode(hi))
		data[2] = append(data[2], schema.Encode(big.NewInt(int64(i))))
		data[3] = append(data[3], schema.Encode(big.NewInt(int64(i%3))))
	}
	if _, err := db.Store().Append(&schema.Table{Name: "amt", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	type row = []string
	where := func(f func(a *big.Int, n int) bool) (sel []*big.Int, ns []int) {
		for i, a := range amounts {
			if f(a, i) {
				sel, ns = append(sel, a), append(ns, i)
			}
		}
		return sel, ns
	}
	aggs := func(sel []*big.Int) row {
		if len(sel) == 0 {
			return row{"0", "NULL", "NULL", "NULL", "NULL"}
		}
		sum, mn, mx := new(big.Int), sel[0], sel[0]
		for _, v := range sel {
			sum.Add(sum, v)
			if v.Cmp(mn) < 0 {
				mn = v
			}
			if v.Cmp(mx) > 0 {
				mx = v
			}
		}
		avg := new(big.Rat).SetFrac(sum, big.NewInt(int64(len(sel))))
		a := avg.String()
		if avg.IsInt() {
			a = avg.Num().String()
		}
		return row{fmt.Sprint(len(sel)), sum.String(), mn.String(), mx.String(), a}
	}
	lim := sub(pow(128), 1)
	cases := []struct {
		sql    string
		params []string
		want   [][]string
	}{
		{"SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM amt WHERE amount > $1", []string{lim.String()},
			[][]string{aggs(first(where(func(a *big.Int, _ int) bool { return a.Cmp(lim) > 0 })))}},
		{"SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM amt", nil, [][]string{aggs(amounts)}},
		{"SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM amt WHERE amount < 0", nil, [][]string{aggs(nil)}},
		{"SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM amt WHERE amount <= 340282366920938463463374607431768211456 AND n <> 1", nil,
			[][]string{aggs(first(where(func(a *big.Int, n int) bool { return a.Cmp(pow(128)) <= 0 && n != 1 })))}},
		{"SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM amt WHERE amount IN (5, 340282366920938463463374607431768211455, 0x8000000000000000000000000000000000000000000000000000000000000000)", nil,
			[][]string{aggs([]*big.Int{sub(pow(128), 1), pow(255), big.NewInt(5), big.NewInt(5)})}},
		{"SELECT n, amount FROM amt WHERE amount BETWEEN $1 AND $2", []string{"5", pow(200).String()}, func() [][]string {
			var out [][]string
			_, ns := where(func(a *big.Int, _ int) bool { return a.Cmp(big.NewInt(5)) >= 0 && a.Cmp(pow(200)) <= 0 })
			for _, n := range ns {
				out = append(out, row{fmt.Sprint(n), amounts[n].String()})
			}
			return out
		}()},
		{"SELECT * FROM amt WHERE amount >= $1 AND amount <> $2", []string{pow(255).String(), "0"}, [][]string{
			{pow(255).String(), "5", "2"}, {sub(pow(256), 1).String(), "6", "0"}, {sub(pow(256), 1).String(), "7", "1"}}},
		{"SELECT g, COUNT(*), SUM(amount), AVG(amount) FROM amt GROUP BY g", nil, func() [][]string {
			var out [][]string
			for g := 0; g < 3; g++ {
				r := aggs(first(where(func(_ *big.Int, n int) bool { return n%3 == g })))
				out = append(out, row{fmt.Sprint(g), r[0], r[1], r[4]})
			}
			return out
		}()},
		{"SELECT n FROM amt WHERE amount = $1 ORDER BY n DESC LIMIT 1", []string{"5"}, [][]string{{"11"}}},
		// top-k by a UINT256 key: ordinals of two field elements, ties by table order
		{"SELECT n, amount FROM amt ORDER BY amount DESC LIMIT 4", nil, [][]string{{"6", sub(pow(256), 1).String()}, {"7", sub(pow(256), 1).String()}, {"5", pow(255).String()}, {"10", pow(200).String()}}},
		{"SELECT n FROM amt WHERE n > 0 ORDER BY amount, n DESC LIMIT 5", nil, [][]string{{"1"}, {"11"}, {"8"}, {"9"}, {"2"}}},
		{"SELECT amount FROM amt WHERE g = 1 ORDER BY g, amount DESC", nil, [][]string{{sub(pow(256), 1).String()}, {pow(200).String()}, {new(big.Int).Add(pow(128), big.NewInt(7)).String()}, {"1"}}},
		// GROUP BY a UINT256 column: its high limb is a second key value in every group slot
		{"SELECT amount, COUNT(*), SUM(n) FROM amt GROUP BY amount", nil, groupByAmount(amounts, func(int) int { return 0 }, false)},
		{"SELECT g, amount, COUNT(*), SUM(n) FROM amt WHERE n < 11 GROUP BY g, amount", nil, groupByAmount(amounts[:11], func(n int) int { return n % 3 }, true)},
		{"SELECT DISTINCT amount FROM amt WHERE amount > $1 ORDER BY amount DESC LIMIT 3", []string{"5"}, [][]string{{sub(pow(256), 1).String()}, {pow(255).String()}, {pow(200).String()}}},
		// MIN/MAX of a UINT256 per group: limbs compared as one value, one witness row
		{"SELECT g, MIN(amount), MAX(amount), COUNT(*) FROM amt GROUP BY g", nil, func() [][]string {
			var out [][]string
			for g := 0; g < 3; g++ {
				r := aggs(first(where(func(_ *big.Int, n int) bool { return n%3 == g })))
				out = append(out, row{fmt.Sprint(g), r[2], r[3], r[0]})
			}
			return out
		}()},
		{"SELECT g, MAX(amount) AS m FROM amt WHERE n < 9 GROUP BY g HAVING MAX(amount) > $1 ORDER BY m", []string{lim.String()}, func() [][]string {
			var out [][]string
			for g := 0; g < 3; g++ {
				r := aggs(first(where(func(_ *big.Int, n int) bool { return n%3 == g && n < 9 })))
				mx, _ := new(big.Int).SetString(r[3], 10)
				if mx.Cmp(lim) > 0 {
					out = append(out, row{fmt.Sprint(g), r[3]})
				}
			}
			sort.Slice(out, func(i, j int) bool {
				a, _ := new(big.Int).SetString(out[i][1], 10)
				b, _ := new(big.Int).SetString(out[j][1], 10)
				return a.Cmp(b) < 0
			})
			return out
		}()},
	}
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) { proveExpect(t, db, c.sql, c.params, c.want) })
	}
	// a dishonest receipt: each limb of the sum, a limb of the maximum, the parameter
	res, err := db.Prove(context.Background(), cases[0].sql, cases[0].params...)
	if err != nil {
		t.Fatal(err)
	}
	for k, edit := range []func(r *receipt.Receipt){
		func(r *receipt.Receipt) { r.Segments[0].Partials[1] = incr(r.Segments[0].Partials[1]) },
		func(r *receipt.Receipt) { r.Segments[0].Partials[2] = incr(r.Segments[0].Partials[2]) },
		func(r *receipt.Receipt) { r.Segments[0].Partials[6] = incr(r.Segments[0].Partials[6]) },
		func(r *receipt.Receipt) { r.Params[0] = incr(r.Params[0]) },
		func(r *receipt.Receipt) { r.Rows[0][1] = incr(r.Rows[0][1]) },
	} {
		r := clone(t, res.Receipt)
		edit(r)
		if _, err := db.Verify(r); err == nil {
			t.Fatalf("tampered receipt %d accepted", k)
		}
	}
	for _, bad := range []struct{ sql, want string }{
		{"SELECT amount, COUNT(*) FROM amt AS a JOIN amt2 AS b ON a.n = b.n GROUP BY a.amount, b.amount", "unknown table"},
		{"SELECT amount + 1 FROM amt", "found a UINT256 value"},
		{"SELECT COUNT(*) FROM amt WHERE amount > -1", "out of range for UINT256"},
		{"SELECT COUNT(*) FROM amt WHERE amount = 115792089237316195423570985008687907853269984665640564039457584007913129639936", "out of range"},
		{"SELECT `amount.hi` FROM amt", "hidden column"},
	} {
		if _, err := db.Prove(context.Background(), bad.sql); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: error %v, want %q", bad.sql, err, bad.want)
		}
	}
}

func first[A, B any](a A, _ B) A { return a }

// proveExpect proves a query, checks its rows and verifies the receipt.
func proveExpect(t *testing.T, db *DB, sql string, params []string, want [][]string) *Proven {
	t.Helper()
	res, err := db.Prove(context.Background(), sql, params...)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Receipt.Rows) != fmt.Sprint(want) {
		t.Fatalf("proven %v, want %v", res.Receipt.Rows, want)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestBytes32Queries proves equality queries over a BYTES32 column (two
// committed limbs), with hashes written as quoted text, hex literals and
// parameters, and refuses what hashes do not support.
func TestBytes32Queries(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("hash BYTES32, n INT")
	if err != nil {
		t.Fatal(err)
	}
	hashes := []string{
		"0x0000000000000000000000000000000000000000000000000000000000000000",
		"0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		"0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
		"0x00000000000000000000000000000001ffffffffffffffffffffffffffffffff",
		"0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
	}
	data := make([][]fr.Element, 3)
	for i, h := range hashes {
		v, err := schema.ParseBytes32(h)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := schema.SplitUint256(v)
		data[0], data[1] = append(data[0], schema.Encode(lo)), append(data[1], schema.Encode(hi))
		data[2] = append(data[2], schema.Encode(big.NewInt(int64(i))))
	}
	if _, err := db.Store().Append(&schema.Table{Name: "h", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		sql    string
		params []string
		want   [][]string
	}{
		{"SELECT n FROM h WHERE hash = '" + hashes[2] + "'", nil, [][]string{{"2"}, {"4"}}},
		{"SELECT n, hash FROM h WHERE hash = " + hashes[3], nil, [][]string{{"3", hashes[3]}}},
		{"SELECT hash, COUNT(*), SUM(n) FROM h GROUP BY hash", nil, [][]string{{hashes[0], "1", "0"}, {hashes[3], "1", "3"}, {hashes[2], "2", "6"}, {hashes[1], "1", "1"}}},
		{"SELECT DISTINCT hash FROM h WHERE n > 0", nil, [][]string{{hashes[3]}, {hashes[2]}, {hashes[1]}}},
		{"SELECT COUNT(*), COUNT(hash) FROM h WHERE hash <> $1", []string{hashes[2]}, [][]string{{"3", "3"}}},
		{"SELECT hash FROM h WHERE hash IN ($1, '" + hashes[0] + "') ORDER BY n DESC", []string{hashes[1]}, [][]string{{hashes[1]}, {hashes[0]}}},
	}
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) {
			res := proveExpect(t, db, c.sql, c.params, c.want)
			r := clone(t, res.Receipt)
			r.Segments[0].Y[0] = incr(r.Segments[0].Y[0]) // the low limb column's opening
			if _, err := db.Verify(r); err == nil {
				t.Fatal("tampered receipt accepted")
			}
		})
	}
	// a group row whose hash's high limb (the slot's last value) or whose
	// count is changed: the group rows no longer evaluate to the proof's values
	res, err := db.Prove(context.Background(), cases[2].sql)
	if err != nil {
		t.Fatal(err)
	}
	for k, edit := range []func(r *receipt.Receipt){
		func(r *receipt.Receipt) { row := r.Segments[0].Rows[1]; row[len(row)-1] = incr(row[len(row)-1]) },
		func(r *receipt.Receipt) { r.Segments[0].Rows[2][1] = incr(r.Segments[0].Rows[2][1]) },
		func(r *receipt.Receipt) { r.Rows[0][0] = hashes[1] },
	} {
		r := clone(t, res.Receipt)
		edit(r)
		if _, err := db.Verify(r); err == nil {
			t.Fatalf("tampered grouped receipt %d accepted", k)
		}
	}
	for _, bad := range []struct{ sql, want string }{
		{"SELECT n FROM h WHERE hash < '" + hashes[1] + "'", "support only = and <>"},
		{"SELECT hash FROM h ORDER BY hash", "ORDER BY a BYTES32 value is not supported"},
		{"SELECT MAX(hash) FROM h", "found a BYTES32 value"},
		{"SELECT hash, COUNT(*) FROM h AS a GROUP BY hash, hash", "appears twice"},
		{"SELECT n FROM h WHERE hash = 5", "where a BYTES32"},
		{"SELECT n FROM h WHERE hash = '0x1234'", "not a BYTES32"},
	} {
		if _, err := db.Prove(context.Background(), bad.sql); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: error %v, want %q", bad.sql, err, bad.want)
		}
	}
}

// groupByAmount is the expected result of grouping amounts (row n has
// group column value group(n)) by (group value, amount): per group its
// count and the sum of the row numbers n, ordered by group then amount.
func groupByAmount(amounts []*big.Int, group func(n int) int, withGroup bool) [][]string {
	type key struct {
		g int
		a string
	}
	count, sum := map[key]int{}, map[key]int{}
	var keys []key
	val := map[string]*big.Int{}
	for n, a := range amounts {
		k := key{group(n), a.String()}
		if count[k] == 0 {
			keys = append(keys, k)
		}
		count[k]++
		sum[k] += n
		val[a.String()] = a
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].g != keys[j].g {
			return keys[i].g < keys[j].g
		}
		return val[keys[i].a].Cmp(val[keys[j].a]) < 0
	})
	var out [][]string
	for _, k := range keys {
		r := []string{k.a, fmt.Sprint(count[k]), fmt.Sprint(sum[k])}
		if withGroup {
			r = append([]string{fmt.Sprint(k.g)}, r...)
		}
		out = append(out, r)
	}
	return out
}

// TestNullableUint256Sums: SUM and AVG of a nullable UINT256 skip its NULLs
// (stored as 0 in both limbs), are NULL over no value, and COUNT counts the
// values; MIN (a NULL read as 2^256 − 1) and MAX (read as 0) skip them too;
// per group and over the table, against big integers in Go.
func TestNullableUint256Sums(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	pow := func(k uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), k) }
	vals := []*big.Int{pow(255), nil, pow(128), new(big.Int).Sub(pow(256), big.NewInt(1)), nil, big.NewInt(3), nil, pow(200)}
	var csv strings.Builder
	for i, v := range vals {
		s := ""
		if v != nil {
			s = v.String()
		}
		fmt.Fprintf(&csv, "%s,%d\n", s, i%3)
	}
	cols, err := schema.ParseColumns("amount UINT256 NULL, g TINYINT")
	if err != nil {
		t.Fatal(err)
	}
	data, err := store.DecodeCSV(strings.NewReader(csv.String()), "amt.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store().Append(&schema.Table{Name: "amt", Columns: cols}, 3, data); err != nil {
		t.Fatal(err)
	}
	want := func(keep func(i int) bool) []string {
		sum, mx, n := new(big.Int), new(big.Int), int64(0)
		var mn *big.Int
		for i, v := range vals {
			if v != nil && keep(i) {
				sum.Add(sum, v)
				if v.Cmp(mx) > 0 {
					mx = v
				}
				if mn == nil || v.Cmp(mn) < 0 {
					mn = v
				}
				n++
			}
		}
		if n == 0 {
			return []string{"0", "NULL", "NULL", "NULL", "NULL"}
		}
		avg := new(big.Rat).SetFrac(sum, big.NewInt(n))
		a := avg.String()
		if avg.IsInt() {
			a = avg.Num().String()
		}
		return []string{fmt.Sprint(n), sum.String(), a, mx.String(), mn.String()}
	}
	res, err := db.Prove(context.Background(), "SELECT COUNT(amount), SUM(amount), AVG(amount), MAX(amount), MIN(amount) FROM amt")
	if err != nil {
		t.Fatal(err)
	}
	if got, w := fmt.Sprint(res.Receipt.Rows), fmt.Sprint([][]string{want(func(int) bool { return true })}); got != w {
		t.Fatalf("whole table: proven %s, want %s", got, w)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	res, err = db.Prove(context.Background(), "SELECT g, COUNT(amount), SUM(amount), AVG(amount), MAX(amount), MIN(amount) FROM amt WHERE g <> 1 OR amount IS NULL GROUP BY g")
	if err != nil {
		t.Fatal(err)
	}
	var wantRows [][]string
	for g := 0; g < 3; g++ {
		r := want(func(i int) bool { return i%3 == g && (g != 1 || vals[i] == nil) })
		wantRows = append(wantRows, append([]string{fmt.Sprint(g)}, r...))
	}
	if got, w := fmt.Sprint(res.Receipt.Rows), fmt.Sprint(wantRows); got != w {
		t.Fatalf("per group: proven %s, want %s", got, w)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	// g = 1: two NULLs (read as 0 they would be the minimum) and 2^200
	res, err = db.Prove(context.Background(), "SELECT MIN(amount), MAX(amount), COUNT(*) FROM amt WHERE g = 1")
	if err != nil {
		t.Fatal(err)
	}
	if got, w := fmt.Sprint(res.Receipt.Rows), fmt.Sprint([][]string{{pow(200).String(), pow(200).String(), "3"}}); got != w {
		t.Fatalf("g = 1: proven %s, want %s", got, w)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
}
