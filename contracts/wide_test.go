package contracts

import (
	"context"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/indexer"
	"github.com/provensql/provensql/schema"
)

// TestPostCommitmentOfWideColumns posts the indexer's blocks and
// erc20_transfers tables (BYTES32 and UINT256 columns, each two committed
// limb columns) to the Coprocessor, then an extension of each: the
// on-chain history holds exactly the Go digests.
func TestPostCommitmentOfWideColumns(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// rows at the types' edges: every column's largest value, then its
	// smallest; a SORTED column (block_number) ascends: its smallest value
	// on a first append's first row, its largest from then on
	appended := map[string]bool{}
	rows := func(tbl *schema.Table, n int) [][]fr.Element {
		cols := make([][]fr.Element, len(tbl.Columns))
		for c, col := range tbl.Columns {
			lo, hi := col.Type.Bounds()
			for i := 0; i < n; i++ {
				v := hi
				if col.Sorted && i == 0 && !appended[tbl.Name] || !col.Sorted && i%2 == 1 {
					v = lo
				}
				cols[c] = append(cols[c], schema.Encode(v))
			}
		}
		appended[tbl.Name] = true
		return cols
	}
	transfers := indexer.Schema() // the fixture's erc20_transfers has the benchmark schema
	transfers.Name = "indexed_transfers"
	for _, tbl := range []*schema.Table{indexer.BlocksSchema(), transfers} {
		t.Run(tbl.Name, func(t *testing.T) {
			var digests []string
			for _, n := range []int{3, 70} { // the second append opens a second segment
				m, err := f.db.Store().Append(tbl, 6, rows(tbl, n))
				if err != nil {
					t.Fatal(err)
				}
				tc := m.Commitment()
				if _, err := f.chain.PostCommitment(ctx, f.coproc, &tc); err != nil {
					t.Fatal(err)
				}
				d, _ := tc.Digest()
				digests = append(digests, d)
			}
			f.wantHistory(t, tbl.Name, digests...)
		})
	}
}
