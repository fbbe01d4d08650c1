// Package anviltest starts anvil (Foundry's node, installed from npm into
// contracts/node_modules) on a free loopback port for tests.
package anviltest

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// DevKey is the first account anvil funds (chain id 31337).
const DevKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

// Start runs anvil until the test ends and returns its JSON-RPC URL.
// contractsDir is the contracts directory holding node_modules. The test
// fails (it does not skip) when anvil is not installed: the README's test
// command installs it.
func Start(t testing.TB, contractsDir string) string {
	t.Helper()
	bin, err := filepath.Abs(filepath.Join(contractsDir, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("anvil is not installed: run npm ci --prefix contracts (%v)", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--gas-limit", "60000000", "--code-size-limit", "100000")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Listening on") {
				close(ready)
				for sc.Scan() {
				}
				return
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("anvil did not start")
	}
	return "http://127.0.0.1:" + strconv.Itoa(port)
}
