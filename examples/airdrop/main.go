// Command airdrop answers flagship question 3: wallets meeting airdrop
// criteria (a transaction-history roll-up).
//
//	go run ./examples/airdrop
package main

import (
	"fmt"
	"io"
	"math/big"

	"github.com/provensql/provensql/examples/internal/exutil"
)

func main() { exutil.Main("airdrop", 1024, run) }

// Criteria: at least 5 successful transactions of at least 0.01 ETH since block 19,000,000.
func run(out io.Writer, dir string, rows int) error {
	env, err := exutil.Open(dir, rows, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Q: wallets with ≥ 5 successful transactions of ≥ 0.01 ETH since block 19,000,000")
	t := exutil.NewTable("txs", "wallet ADDRESS, block_number INT UNSIGNED, value_gwei BIGINT UNSIGNED, success BOOLEAN")
	wallets := make([]*big.Int, 12)
	for i := range wallets {
		wallets[i] = env.Address()
	}
	for i := 0; i < rows; i++ {
		w := wallets[env.Rng.IntN(1+env.Rng.IntN(len(wallets)))] // some wallets far busier
		ok := int64(0)
		if env.Rng.IntN(10) > 0 {
			ok = 1
		}
		t.Add(w, big.NewInt(int64(18_990_000+env.Rng.IntN(20_000))), big.NewInt(int64(env.Rng.IntN(50_000_000))), big.NewInt(ok))
	}
	if err := env.Commit(t, rows); err != nil {
		return err
	}
	const q = "SELECT COUNT(*) FROM txs WHERE wallet = $1 AND success AND value_gwei >= $2 AND block_number >= $3"
	for _, w := range []*big.Int{wallets[0], wallets[6], wallets[11]} {
		row, err := env.Prove(q, exutil.Hex(w), "10000000", "19000000")
		if err != nil {
			return err
		}
		verdict := "not eligible"
		if exutil.Int(row[0]).Cmp(big.NewInt(5)) >= 0 {
			verdict = "ELIGIBLE"
		}
		fmt.Fprintf(out, "A: %s made %s qualifying transactions: %s — proven\n", exutil.Hex(w), row[0], verdict)
	}
	fmt.Fprintln(out, "   (each wallet on its own: what contracts/src/ProvenAirdrop.sol checks on chain)")
	eligible, err := env.ProveRows("SELECT wallet, COUNT(*) AS n FROM txs WHERE success AND value_gwei >= $1 AND block_number >= $2 GROUP BY wallet HAVING COUNT(*) >= 5 ORDER BY n DESC", "10000000", "19000000")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "A: %d eligible wallets, the whole list in one proof (GROUP BY … HAVING; not on chain yet)\n", len(eligible))
	return nil
}
