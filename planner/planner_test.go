package planner

import (
	"math/big"
	"testing"

	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

type cat struct{}

func (cat) Schema(string) (*schema.Table, error) {
	return &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.TinyInt}}}, nil
}

func mustPlan(t *testing.T, text string) *Plan {
	t.Helper()
	q, err := sql.Parse(text, cat{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(q)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShapeIgnoresConstantValuesOnly(t *testing.T) {
	same := []string{
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < 5 AND a BETWEEN 1 AND 10",
		"select count(*), sum(a) from T where b < -7 and a between -3 and 99",
		"SELECT COUNT(*) AS n, SUM(a) AS s FROM t WHERE b < 0 AND a BETWEEN 0 AND 0",
		// a placeholder where a constant was: the same circuit, so the same keys
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < $1 AND a BETWEEN 1 AND 10",
	}
	h := mustPlan(t, same[0]).ShapeHash
	for _, s := range same[1:] {
		if got := mustPlan(t, s).ShapeHash; got != h {
			t.Fatalf("%q has another shape", s)
		}
	}
	for _, s := range []string{
		"SELECT COUNT(*), SUM(a) FROM t WHERE b <= 5 AND a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(b) FROM t WHERE b < 5 AND a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(a) FROM t WHERE b < 5 OR a BETWEEN 1 AND 10",
		"SELECT COUNT(*), SUM(a) FROM t WHERE a < 5 AND b BETWEEN 1 AND 10",
	} {
		if mustPlan(t, s).ShapeHash == h {
			t.Fatalf("%q has the same shape", s)
		}
	}
}

func TestBoundsAndFinalize(t *testing.T) {
	p := mustPlan(t, "SELECT SUM(a * b - 3), MIN(a), AVG(b), COUNT(*) FROM t")
	iv := p.Bounds(p.Query.Select[0].Arg)
	// a*b reaches (2^63−1)·(−128); the constant 3 is a BIGINT parameter,
	// so the bound subtracts its largest value, not 3
	lo := new(big.Int).Mul(big.NewInt(1<<63-1), big.NewInt(-128))
	lo.Sub(lo, big.NewInt(1<<63-1))
	if iv.Lo.Cmp(lo) != 0 {
		t.Fatalf("lower bound %s, want %s", iv.Lo, lo)
	}
	// partials: count, sum, min, sum(b)
	row, err := p.Finalize([][]*big.Int{
		{big.NewInt(2), big.NewInt(10), big.NewInt(-4), big.NewInt(3)},
		{big.NewInt(0), big.NewInt(0), big.NewInt(0), big.NewInt(0)},
		{big.NewInt(1), big.NewInt(-1), big.NewInt(-9), big.NewInt(4)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"9", "-9", "7/3", "3"}
	for i := range want {
		if row[i] != want[i] {
			t.Fatalf("row %v, want %v", row, want)
		}
	}
}
