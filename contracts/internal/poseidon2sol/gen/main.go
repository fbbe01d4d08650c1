// Command gen writes contracts/src/Poseidon2.sol and
// contracts/test/Poseidon2.t.sol (run from the contracts directory, as go
// generate does).
package main

import (
	"log"
	"os"

	"github.com/provensql/provensql/contracts/internal/poseidon2sol"
)

func main() {
	if err := os.WriteFile("src/Poseidon2.sol", poseidon2sol.Library(), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("test/Poseidon2.t.sol", poseidon2sol.Test(), 0o644); err != nil {
		log.Fatal(err)
	}
}
