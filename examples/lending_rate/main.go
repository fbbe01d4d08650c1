// Command lending_rate answers flagship question 2: the volume-weighted
// average lending rate for USDC across three lending markets, proven.
//
//	go run ./examples/lending_rate
package main

import (
	"fmt"
	"io"
	"math/big"

	"github.com/provensql/provensql/examples/internal/exutil"
)

func main() { exutil.Main("lending_rate", 1024, run) }

// run generates rows borrow events over five markets and four assets and
// proves Σ rate·volume and Σ volume for USDC on three markets; their ratio
// is the volume-weighted average rate, exact.
func run(out io.Writer, dir string, rows int) error {
	env, err := exutil.Open(dir, rows, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Q: volume-weighted average lending rate for USDC across three lending markets")
	t := exutil.NewTable("borrows", "market ADDRESS, asset ADDRESS, rate_bps INT UNSIGNED, volume BIGINT UNSIGNED, block_number INT UNSIGNED")
	markets := make([]*big.Int, 5)
	for i := range markets {
		markets[i] = env.Address()
	}
	assets := make([]*big.Int, 4)
	for i := range assets {
		assets[i] = env.Address()
	}
	usdc := assets[0]
	for i := 0; i < rows; i++ {
		m := env.Rng.IntN(len(markets))
		rate := 200 + m*75 + env.Rng.IntN(150) // each market has its own level, in basis points
		volume := uint64(1_000 + env.Rng.IntN(5_000_000))
		t.Add(markets[m], assets[env.Rng.IntN(len(assets))], big.NewInt(int64(rate)), new(big.Int).SetUint64(volume), big.NewInt(int64(19_000_000+i)))
	}
	if err := env.Commit(t, rows); err != nil {
		return err
	}
	row, err := env.Prove("SELECT SUM(rate_bps * volume), SUM(volume), COUNT(*) FROM borrows WHERE asset = $1 AND market IN ($2, $3, $4)",
		exutil.Hex(usdc), exutil.Hex(markets[0]), exutil.Hex(markets[1]), exutil.Hex(markets[2]))
	if err != nil {
		return err
	}
	num, den := exutil.Int(row[0]), exutil.Int(row[1])
	if den.Sign() == 0 {
		fmt.Fprintln(out, "A: no USDC volume on these markets")
		return nil
	}
	vwar := new(big.Rat).SetFrac(num, den)
	f, _ := vwar.Float64()
	fmt.Fprintf(out, "A: %s bps exactly (≈ %.2f%%), from proven sums over %s borrows — fully proven\n", vwar.RatString(), f/100, row[2])
	return nil
}
