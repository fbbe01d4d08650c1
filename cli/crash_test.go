package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
)

// TestMain lets the test binary act as the provensql command, so tests can
// run it as a separate process (and kill it).
func TestMain(m *testing.M) {
	if os.Getenv("PROVENSQL_RUN_MAIN") == "1" {
		os.Exit(Run(Accelerator{}, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func startServe(t *testing.T, dir, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--db", dir, "--listen", addr)
	cmd.Env = append(os.Environ(), "PROVENSQL_RUN_MAIN=1")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/v1/tables"); err == nil {
			resp.Body.Close()
			return cmd
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("server did not come up")
	return nil
}

func getJSON(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: %s", url, b)
	}
	return out
}

// TestServeSurvivesSIGKILL kills the server mid-proof; after a restart every
// accepted job finishes with a valid receipt.
func TestServeSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 256})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigIntUnsigned}}}
	cols := [][]fr.Element{{}, {}}
	for i := 0; i < 300; i++ {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(i%50-25))))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i))))
	}
	if _, err := db.Store().Append(tbl, 8, cols); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base := "http://" + addr
	srv := startServe(t, dir, addr)
	var ids []string
	for k := 0; k < 3; k++ {
		body, _ := json.Marshal(map[string]any{"sql": "SELECT COUNT(*), SUM(b), MIN(a) FROM t WHERE a > $1", "params": []string{fmt.Sprint(k)}})
		resp, err := http.Post(base+"/v1/queries", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var st map[string]any
		json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("submit: %d %v", resp.StatusCode, st)
		}
		ids = append(ids, st["id"].(string))
	}
	// Kill as soon as the first job is being worked on.
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := getJSON(t, base+"/v1/queries/"+ids[0])
		if st["state"] == "compiling" || st["state"] == "proving" {
			break
		}
		if st["state"] == "done" || time.Now().After(deadline) {
			t.Fatalf("never caught the job mid-proof: %v", st["state"])
		}
		time.Sleep(5 * time.Millisecond)
	}
	srv.Process.Signal(syscall.SIGKILL)
	srv.Wait()

	srv = startServe(t, dir, addr)
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	for _, id := range ids {
		deadline := time.Now().Add(2 * time.Minute)
		var st map[string]any
		for {
			st = getJSON(t, base+"/v1/queries/"+id)
			if st["state"] == "done" || st["state"] == "failed" || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if st["state"] != "done" {
			t.Fatalf("job %s after the crash: %v", id, st)
		}
		b, _ := json.Marshal(st["receipt"])
		rc, err := receipt.Read(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Verify(rc); err != nil {
			t.Fatalf("job %s: %v", id, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "jobs.sqlite")); err != nil {
		t.Fatal(err)
	}
}
