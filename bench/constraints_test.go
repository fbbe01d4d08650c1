package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

type catalog struct{ t *schema.Table }

func (c catalog) Schema(string) (*schema.Table, error) { return c.t, nil }

// constraintsPerRow compiles a query over erc20_transfers at 2^logN rows.
func constraintsPerRow(t *testing.T, tbl *schema.Table, text string, logN int) float64 {
	t.Helper()
	q, err := sql.Parse(text, catalog{tbl})
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(q)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := prover.Compile(p, circuits.SegmentSize(logN))
	if err != nil {
		t.Fatal(err)
	}
	return float64(cs.GetNbConstraints()) / float64(int(1)<<logN)
}

// TestConstraintBreakdown prints where Q1's constraints per row go, part by
// part, and the effect of typing block_number as the 32-bit value it is
// (cryo's u32) rather than BIGINT UNSIGNED. Run with -v for the table.
func TestConstraintBreakdown(t *testing.T) {
	wide := datagen.Schema()
	wide.Columns[0].Type = schema.BigIntUnsigned
	parts := []string{
		"SELECT COUNT(*) FROM erc20_transfers",
		"SELECT SUM(value) FROM erc20_transfers",
		"SELECT COUNT(*) FROM erc20_transfers WHERE erc20 = $1",
		"SELECT COUNT(*) FROM erc20_transfers WHERE block_number < $1",
		"SELECT COUNT(*) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2",
		datagen.Q1,
		"SELECT erc20, COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2 GROUP BY erc20",
	}
	const logN = 12
	for _, q := range parts {
		w := constraintsPerRow(t, wide, q, logN)
		n := constraintsPerRow(t, datagen.Schema(), q, logN)
		t.Logf("%-100s  BIGINT UNSIGNED %5.2f  INT UNSIGNED %5.2f", q, w, n)
		if q == datagen.Q1 && n >= w {
			t.Errorf("32-bit block numbers should cost fewer constraints: %.2f vs %.2f", n, w)
		}
	}
	fmt.Print()
}

// TestRowPlanConstraints prints the constraints per row of row-returning
// queries at 2^12 rows and holds TOPK to the 16 per row there and
// at 2^10: an
// ORDER BY without LIMIT has no completeness check per row (every selected
// row is returned), and the columns only returned share one link through
// the lookup fingerprint (planner.FingerprintLink). Run with -v for the
// table.
func TestRowPlanConstraints(t *testing.T) {
	const logN = 12
	limited := "SELECT block_number, value FROM erc20_transfers WHERE erc20 = $1 ORDER BY value DESC LIMIT 10"
	unlimited := "SELECT block_number, value FROM erc20_transfers WHERE erc20 = $1 ORDER BY value DESC"
	perRow := map[string]float64{}
	for _, q := range []string{datagen.TopK, limited, unlimited, "SELECT block_number, from_address, to_address FROM erc20_transfers WHERE erc20 = $1 LIMIT 10"} {
		perRow[q] = constraintsPerRow(t, datagen.Schema(), q, logN)
		t.Logf("%-110s %5.2f", q, perRow[q])
	}
	for _, l := range []int{10, logN} { // 2^10: the slots' fixed costs weigh most
		if got := constraintsPerRow(t, datagen.Schema(), datagen.TopK, l); got > 16 {
			t.Errorf("TOPK: %.2f constraints per row at 2^%d, above 16", got, l)
		}
	}
	if perRow[unlimited] >= perRow[limited] {
		t.Errorf("without LIMIT %.2f per row, with LIMIT %.2f: the completeness check should be gone", perRow[unlimited], perRow[limited])
	}
}

// TestGroupSlotsFollowTheData: Q2 and Q3 over the benchmark data prove
// circuits with fewer group slots than rows (circuits.Size.GroupSlots), so
// fewer constraints than the one-slot-per-row circuit of the same query.
func TestGroupSlotsFollowTheData(t *testing.T) {
	const logN = 10
	for _, q := range []string{"Q2", "Q3"} {
		r, err := Run(context.Background(), q, 1<<logN, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		full := constraintsPerRow(t, datagen.Schema(), Queries[q], logN)
		t.Logf("%s: %.2f constraints per row with slots sized to the data, %.2f with one per row", q, r.ConstraintsPerRow, full)
		if r.ConstraintsPerRow >= full {
			t.Errorf("%s: %.2f per row, not below the one-slot-per-row circuit's %.2f", q, r.ConstraintsPerRow, full)
		}
	}
}
