// Command pools_tvl answers flagship question 1: liquidity pools with TVL
// over $1m deployed at least one month ago.
//
//	go run ./examples/pools_tvl
package main

import (
	"fmt"
	"io"
	"math/big"

	"github.com/provensql/provensql/examples/internal/exutil"
)

func main() { exutil.Main("pools_tvl", 1024, run) }

const now = 1_764_000_000 // the "current" unix time of the generated snapshot

func run(out io.Writer, dir string, rows int) error {
	env, err := exutil.Open(dir, rows, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Q: liquidity pools with TVL over $1m deployed at least one month ago")
	t := exutil.NewTable("pools", "pool ADDRESS, dex INT UNSIGNED, tvl_usd BIGINT UNSIGNED, deployed_at TIMESTAMP")
	for i := 0; i < rows; i++ {
		// heavy-tailed TVL: most pools are small, a few hold millions
		tvl := uint64(1_000 * (1 + env.Rng.IntN(100)))
		if env.Rng.IntN(8) == 0 {
			tvl *= uint64(50 + env.Rng.IntN(200))
		}
		age := int64(env.Rng.IntN(400)) * 86_400
		t.Add(env.Address(), big.NewInt(int64(env.Rng.IntN(4))), new(big.Int).SetUint64(tvl), big.NewInt(now-age))
	}
	if err := env.Commit(t, rows); err != nil {
		return err
	}
	monthAgo := fmt.Sprint(now - 30*86_400)
	row, err := env.Prove("SELECT COUNT(*), SUM(tvl_usd), MIN(tvl_usd), MIN(deployed_at) FROM pools WHERE tvl_usd > $1 AND deployed_at <= $2", "1000000", monthAgo)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "A: %s pools qualify, holding $%s in total (smallest $%s) — proven\n", row[0], row[1], row[2])
	top, err := env.ProveRows("SELECT pool, tvl_usd, deployed_at FROM pools WHERE tvl_usd > $1 AND deployed_at <= $2 ORDER BY tvl_usd DESC LIMIT 10", "1000000", monthAgo)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "A: the %d largest qualifying pools, proven as a sorted prefix of all of them (largest: %s, $%s)\n", len(top), top[0][0], top[0][1])
	return nil
}
