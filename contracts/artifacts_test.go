package contracts

import (
	"bytes"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"

	"github.com/provensql/provensql/contracts/internal/poseidon2sol"
)

// The toolchain comes from npm (npm ci --prefix contracts, part of the
// README's test command); these tests fail, not skip, when it is missing.
func tool(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("node_modules", rel))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not installed: run npm ci --prefix contracts (%v)", rel, err)
	}
	return p
}

// TestArtifactsMatchSources recompiles src/ with the pinned solc-js and
// regenerates the abigen bindings: both must equal what is committed.
func TestArtifactsMatchSources(t *testing.T) {
	tool(t, "solc")
	out := t.TempDir()
	cmd := exec.Command("node", "compile.js", "--out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("compile: %v\n%s", err, b)
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		fresh, _ := os.ReadFile(filepath.Join(out, e.Name()))
		committed, err := os.ReadFile(filepath.Join("artifacts", e.Name()))
		if err != nil || !bytes.Equal(fresh, committed) {
			t.Errorf("artifacts/%s differs from what src/ compiles to: run go generate ./contracts", e.Name())
		}
	}
	for _, c := range []struct{ typ, file string }{{"Coprocessor", "coprocessor_binding.go"}, {"ProvenAirdrop", "airdrop_binding.go"}, {"OneCheckCoprocessor", "onecheck_binding.go"}, {"TestToken", "token_binding.go"}} {
		gen := filepath.Join(out, c.file)
		cmd := exec.Command("go", "tool", "abigen", "--v2", "--abi", filepath.Join(out, c.typ+".abi"), "--bin", filepath.Join(out, c.typ+".bin"),
			"--pkg", "contracts", "--type", c.typ, "--out", gen)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("abigen: %v\n%s", err, b)
		}
		fresh, _ := os.ReadFile(gen)
		committed, _ := os.ReadFile(c.file)
		if !bytes.Equal(fresh, committed) {
			t.Errorf("%s differs from the bindings of the compiled artifacts: run go generate ./contracts", c.file)
		}
	}
}

// TestForge runs the Solidity tests (forge test) on the fixed proof fixture.
func TestForge(t *testing.T) {
	forge := tool(t, "@foundry-rs/forge-linux-amd64/bin/forge")
	tool(t, "forge-std")
	cmd := exec.Command(forge, "test")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("forge test: %v\n%s", err, b)
	}
	if !strings.Contains(string(b), "0 failed") {
		t.Fatalf("forge test output:\n%s", b)
	}
	t.Logf("%s", lastLines(string(b), 3))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestPoseidon2Generated: the Solidity Poseidon2 library and its forge test
// are what the generator writes from gnark-crypto's parameters (go generate
// ./contracts), and the Go digest they are checked against is gnark-crypto's
// Merkle–Damgård Poseidon2, the hash of schema.Digest.
func TestPoseidon2Generated(t *testing.T) {
	for path, want := range map[string][]byte{"src/Poseidon2.sol": poseidon2sol.Library(), "test/Poseidon2.t.sol": poseidon2sol.Test()} {
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not the generated source (go generate ./contracts): %v", path, err)
		}
	}
	p := fr.Modulus()
	flat := []*big.Int{big.NewInt(2), big.NewInt(4), new(big.Int).Sub(p, big.NewInt(5)), big.NewInt(6), big.NewInt(7), big.NewInt(0), big.NewInt(0)}
	h := poseidon2.NewMerkleDamgardHasher()
	for _, v := range flat {
		h.Write(v.FillBytes(make([]byte, fr.Bytes)))
	}
	want := new(big.Int).SetBytes(h.Sum(nil))
	if got := poseidon2sol.Hash(flat); got.Cmp(want) != 0 {
		t.Fatalf("poseidon2sol.Hash %s, gnark-crypto %s", got, want)
	}
}
