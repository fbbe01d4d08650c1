// Command gamers answers flagship question 4: gamer wallets with ≥ 2 h
// playtime that minted the NFT and used weapon 'xyz'.
//
//	go run ./examples/gamers
package main

import (
	"fmt"
	"io"
	"math/big"

	"github.com/provensql/provensql/examples/internal/exutil"
)

func main() { exutil.Main("gamers", 1024, run) }

var weapons = []string{"sword", "bow", "xyz", "axe", "staff", "sling"}

func run(out io.Writer, dir string, rows int) error {
	env, err := exutil.Open(dir, rows, out)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Q: gamers with ≥ 2 h playtime who minted the NFT and used weapon 'xyz'")
	gamers := make([]*big.Int, 8)
	for i := range gamers {
		gamers[i] = env.Address()
	}
	sessions := exutil.NewTable("sessions", "gamer ADDRESS, minutes SMALLINT UNSIGNED, weapon VARCHAR(16), block_number INT UNSIGNED")
	for i := 0; i < rows; i++ {
		g := env.Rng.IntN(len(gamers))
		w := weapons[env.Rng.IntN(len(weapons))]
		if g%4 == 1 && w == "xyz" {
			w = "bow" // some gamers never touch 'xyz'
		}
		minutes := 5 + env.Rng.IntN(40)
		if g >= 6 {
			minutes = env.Rng.IntN(2) // casual players stay under 2 h
		}
		sessions.Add(gamers[g], big.NewInt(int64(minutes)), exutil.Str(w), big.NewInt(int64(19_000_000+i)))
	}
	// The NFT mints one token per wallet (an allowlist mint); half the
	// gamers minted it.
	mints := exutil.NewTable("nft_mints", "minter ADDRESS, token_id BIGINT UNSIGNED, block_number INT UNSIGNED")
	for i, g := range env.Rng.Perm(len(gamers))[:len(gamers)/2] {
		mints.Add(gamers[g], big.NewInt(int64(i)), big.NewInt(int64(18_900_000+i)))
	}
	if err := env.Commit(sessions, rows/4); err != nil {
		return err
	}
	if err := env.Commit(mints, rows/4); err != nil {
		return err
	}
	// One proof: the sessions of the gamers who minted, joined on the
	// wallet, rolled up per gamer.
	players, err := env.ProveRows(`SELECT s.gamer, SUM(s.minutes) AS played, SUM(CASE WHEN s.weapon = $1 THEN 1 ELSE 0 END) AS xyz_sessions
		FROM sessions AS s JOIN nft_mints AS m ON s.gamer = m.minter
		GROUP BY s.gamer
		HAVING SUM(s.minutes) >= 120 AND SUM(CASE WHEN s.weapon = $1 THEN 1 ELSE 0 END) > 0`, "xyz")
	if err != nil {
		return err
	}
	for _, p := range players {
		fmt.Fprintf(out, "A: %s played %s min, %s sessions with 'xyz', minted: QUALIFIES\n", p[0], p[1], p[2])
	}
	fmt.Fprintf(out, "A: %d of %d gamers qualify — one proof (JOIN of sessions and mints, GROUP BY … HAVING)\n", len(players), len(gamers))
	return nil
}
