package contracts

import (
	"context"
	"testing"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/datagen"
)

// TestGasByPublicInputs measures verifyQuery gas for query shapes with more
// and more public inputs (parameters and result values) over one segment,
// and the cost of posting the commitment: the figures in BENCHMARKS.md.
//
//	go test ./contracts -run GasByPublicInputs -v
func TestGasByPublicInputs(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	post := f.post(t)
	t.Logf("GAS postCommitment 8 columns x 2 segments: %d", post.GasUsed)
	queries := []struct {
		sql    string
		params []string
	}{
		{"SELECT COUNT(*) FROM erc20_transfers WHERE block_number > $1", []string{"0"}},
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number > $1", []string{"0"}},
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2", []string{"0", "4294967295"}},
		{"SELECT COUNT(*), SUM(value), MIN(value), MAX(value) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2", []string{"0", "4294967295"}},
		{"SELECT COUNT(*), SUM(value), MIN(value), MAX(value), AVG(log_index), MAX(block_number) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2 AND log_index IN ($3, $4, $5)", []string{"0", "4294967295", "0", "1", "2"}},
	}
	for _, q := range queries {
		res, err := f.db.Prove(ctx, q.sql, q.params...)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Receipt.Segments) != 2 {
			t.Fatalf("fixture has %d segments", len(res.Receipt.Segments))
		}
		f.registerShape(t, res)
		args, err := QueryArgsOf(res.Receipt, res.Plan)
		if err != nil {
			t.Fatal(err)
		}
		_, gas2, err := f.chain.VerifyQuery(ctx, f.coproc, args)
		if err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
		t.Logf("GAS public_inputs=%d columns=%d segments=2 verifyQuery=%d per_segment≈%d calldata=%d  %s",
			circuits.NumPublic(res.Plan, circuits.Size{}), len(res.Plan.Columns), gas2, gas2/2, len(VerifyQueryData(args)), q.sql)
	}
}

// TestGasBySegments measures Q1's verifyQuery gas over tables of 1, 4 and 16
// segments (segments of 16 rows: a segment's on-chain cost does not depend
// on its capacity, only on its public inputs and opened columns), which is
// the gas of a 2^20-row table proven in 16 segments of 2^16.
//
//	go test ./contracts -run GasBySegments -v
func TestGasBySegments(t *testing.T) {
	ctx := context.Background()
	var first uint64
	for _, segments := range []int{1, 4, 16} {
		// every segment proven: the per-segment cost of a proof (Q1's window
		// would leave out a quarter at either end)
		f := newFixtureWith(t, 16*segments, 4, provensql.Options{ProveEverySegment: true})
		post := f.post(t)
		res, err := f.db.Prove(ctx, datagen.Q1, f.data.Q1Params()...)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Receipt.Segments) != segments {
			t.Fatalf("%d segments, want %d", len(res.Receipt.Segments), segments)
		}
		f.registerShape(t, res)
		args, err := QueryArgsOf(res.Receipt, res.Plan)
		if err != nil {
			t.Fatal(err)
		}
		result, gas, err := f.chain.VerifyQuery(ctx, f.coproc, args)
		if err != nil {
			t.Fatalf("%d segments: %v", segments, err)
		}
		if result[0].String() != res.Receipt.Rows[0][0] {
			t.Fatalf("%d segments: on-chain count %s, receipt %s", segments, result[0], res.Receipt.Rows[0][0])
		}
		if segments == 1 {
			first = gas
		}
		t.Logf("GAS segments=%d verifyQuery=%d per_segment≈%d (first segment %d, each further ≈%d) calldata=%d postCommitment=%d",
			segments, gas, gas/uint64(segments), first, (gas-first)/uint64(max(segments-1, 1)), len(VerifyQueryData(args)), post.GasUsed)
	}
}
