package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkQ1 is the go test twin of `provensql bench --query Q1`:
//
//	go test -run '^$' -bench Q1 -benchtime 1x ./bench
func BenchmarkQ1(b *testing.B) {
	for _, rows := range []int{1 << 10, 1 << 12} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r, err := Run(context.Background(), "Q1", rows, b.TempDir(), nil)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(r.ConstraintsPerRow, "constraints/row")
				b.ReportMetric(r.SetupS, "setup_s")
				b.ReportMetric(r.ProveS, "prove_s")
				b.ReportMetric(r.VerifyMS, "verify_ms")
				b.ReportMetric(float64(r.ProofBytes), "proof_bytes")
				b.ReportMetric(r.PeakRSSMB, "peak_rss_mb")
			}
		})
	}
}

func TestRunSmall(t *testing.T) {
	r, err := Run(context.Background(), "Q1", 64, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Z, Y for erc20 and value, the row count, three params, COUNT and
	// SUM, and the window's ends and the four block numbers beside them
	// packed into one
	if r.Constraints == 0 || r.ProofBytes == 0 || r.PublicInputs != 10 {
		t.Fatalf("implausible result %+v", r)
	}
	if _, err := Run(context.Background(), "Q9", 64, t.TempDir(), nil); err == nil {
		t.Fatal("unknown query accepted")
	}
}

// TestProfileReportsKernels: with Profile, a run reports the kernels' time,
// prove time over it, and the points of the proving key's MSMs — more in
// G1 (four bases, B's among them) than in G2 (B's alone).
func TestProfileReportsKernels(t *testing.T) {
	r, err := RunWith(context.Background(), "Q1", 64, t.TempDir(), Options{Profile: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.KernelS <= 0 || r.ProveOverhead <= 0 {
		t.Fatalf("no kernel time: %+v", r)
	}
	if r.PointsG2 <= 0 || r.PointsG1 <= r.PointsG2 {
		t.Fatalf("implausible MSM points: %d in G1, %d in G2", r.PointsG1, r.PointsG2)
	}
}

// TestRunReportsGas: with the contracts directory, Q1's receipt is also
// verified on a simulated chain from a fresh Coprocessor and its
// verifyQuery gas reported (one segment: about 0.7M); a query the
// Coprocessor does not check reports none.
func TestRunReportsGas(t *testing.T) {
	contractsDir, err := filepath.Abs(filepath.Join("..", "contracts"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := RunWith(context.Background(), "Q1", 64, t.TempDir(), Options{Contracts: contractsDir})
	if err != nil {
		t.Fatal(err)
	}
	if r.VerifyGas < 300_000 || r.VerifyGas > 2_000_000 || r.CalldataBytes == 0 || r.PostGas == 0 {
		t.Fatalf("Q1 on chain: %d gas, %d bytes of calldata, posted for %d gas", r.VerifyGas, r.CalldataBytes, r.PostGas)
	}
	r, err = RunWith(context.Background(), "TOPK", 64, t.TempDir(), Options{Contracts: contractsDir})
	if err != nil {
		t.Fatal(err)
	}
	if r.VerifyGas != 0 {
		t.Fatalf("TOPK on chain: %d gas", r.VerifyGas)
	}
}

// TestSharedKeyDir: a second run of the same shape with the same KeyDir
// loads its keys (no setup), also over more rows in segments of that
// capacity, proven two at a time.
func TestSharedKeyDir(t *testing.T) {
	keys := t.TempDir()
	first, err := RunWith(context.Background(), "Q1", 64, t.TempDir(), Options{KeyDir: keys})
	if err != nil {
		t.Fatal(err)
	}
	if first.SetupS == 0 {
		t.Fatal("first run reports no setup")
	}
	second, err := RunWith(context.Background(), "Q1", 256, t.TempDir(), Options{KeyDir: keys, SegmentRows: 64, Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	if second.SetupS != 0 || second.Segments != 4 || second.Constraints != first.Constraints {
		t.Fatalf("second run set up again or changed shape: %+v", second)
	}
	if first.Parallel != 1 || second.Parallel != 2 {
		t.Fatalf("the runs report %d and %d segments at once, want 1 and 2", first.Parallel, second.Parallel)
	}
}
