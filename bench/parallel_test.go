package bench

import (
	"context"
	"testing"
	"time"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/datagen"
)

// BenchmarkSegmentsParallel compares proving Q1 over 8 segments of 2^10 rows
// one at a time and two at a time, on this machine:
//
//	go test -run '^$' -bench SegmentsParallel -benchtime 1x ./bench
func BenchmarkSegmentsParallel(b *testing.B) {
	dir := b.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 10})
	if err != nil {
		b.Fatal(err)
	}
	data := datagen.ERC20Transfers(8<<10, 1)
	if _, err := db.Store().Append(data.Table, 10, data.Cols); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Prove(context.Background(), datagen.Q1, data.Q1Params()...); err != nil { // setup once
		b.Fatal(err)
	}
	for _, par := range []int{1, 2, 4} {
		pdb, err := provensql.Open(dir, provensql.Options{Parallel: par})
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if _, err := pdb.Prove(context.Background(), datagen.Q1, data.Q1Params()...); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("parallel=%d: %.2f s per 8-segment proof", par, time.Since(t0).Seconds()/float64(b.N))
	}
}
