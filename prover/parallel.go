package prover

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"strconv"
)

// twoChainProofBytes is what ProveTwoChain budgets per constraint for each
// BLS12-377 segment proof under way: gnark's prover holds several vectors
// of the circuit's size and the key is shared, and a second proof of 2^17
// rows (786,717 constraints) beside the first added about 0.3 GiB of
// resident memory (2 KiB a constraint budgets five times that).
const twoChainProofBytes = 2 << 10

// TwoChainParallel is how many BLS12-377 segment proofs of a circuit of
// constraints constraints ProveTwoChain runs at once where Prover.Parallel
// is 0 and AutoParallel is set: two where there are two cores and the
// memory available (Linux's MemAvailable) holds two proofs' budget, else
// one. Two at once were 11–17 % faster than one after the other on two
// cores (2 × 2^17 rows: 28.1 → 23.3 s; 8 × 2^17: 124.3 → 110.8 s), as
// each gnark proof leaves the cores idle in its serial steps; more at
// once have not been measured.
func TwoChainParallel(constraints int) int {
	return twoChainParallelFor(runtime.GOMAXPROCS(0), memAvailable(), constraints)
}

// twoChainParallelFor is TwoChainParallel on cores cores with available
// bytes of memory available (0: unknown).
func twoChainParallelFor(cores int, available uint64, constraints int) int {
	if cores < 2 || constraints <= 0 || available/2/twoChainProofBytes < uint64(constraints) {
		return 1
	}
	return 2
}

// memAvailable returns the memory available to new work in bytes
// (/proc/meminfo's MemAvailable), or 0 where it cannot be read.
func memAvailable() uint64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) >= 2 && string(f[0]) == "MemAvailable:" {
			kb, err := strconv.ParseUint(string(f[1]), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
