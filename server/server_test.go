package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
)

func newStore(t testing.TB) (*provensql.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigIntUnsigned}}}
	cols := [][]fr.Element{{}, {}}
	for i := 0; i < 40; i++ {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(i-20))))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i*i))))
	}
	if _, err := db.Store().Append(tbl, 4, cols); err != nil {
		t.Fatal(err)
	}
	return db, dir
}

type harness struct {
	srv *Server
	ts  *httptest.Server
	db  *provensql.DB
	dir string
	// patience is how long wait polls a job (default 2 minutes).
	patience time.Duration
}

func start(t testing.TB, cfg Config, run bool) *harness {
	t.Helper()
	db, dir := newStore(t)
	return startOn(t, db, dir, cfg, run)
}

func startOn(t testing.TB, db *provensql.DB, dir string, cfg Config, run bool) *harness {
	t.Helper()
	srv, err := New(db, dir, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run {
		srv.Start()
	}
	ts := httptest.NewServer(srv.Handler())
	h := &harness{srv: srv, ts: ts, db: db, dir: dir}
	t.Cleanup(func() {
		ts.Close()
		srv.Shutdown(context.Background())
	})
	return h
}

func (h *harness) do(t testing.TB, method, path, token string, body io.Reader) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, h.ts.URL+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s %s: response is not JSON: %s", method, path, b)
		}
	}
	return resp.StatusCode, out
}

func (h *harness) submit(t testing.TB, sqlText string, params ...string) (int, map[string]any) {
	b, _ := json.Marshal(QueryRequest{SQL: sqlText, Params: params})
	return h.do(t, "POST", "/v1/queries", "", bytes.NewReader(b))
}

// wait polls a job until it is done or failed.
func (h *harness) wait(t testing.TB, id string) map[string]any {
	t.Helper()
	patience := h.patience
	if patience == 0 {
		patience = 2 * time.Minute
	}
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		code, st := h.do(t, "GET", "/v1/queries/"+id, "", nil)
		if code != 200 {
			t.Fatalf("GET job %s: %d %v", id, code, st)
		}
		if st["state"] == StateDone || st["state"] == StateFailed {
			return st
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("job %s did not finish", id)
	return nil
}

func receiptOf(t testing.TB, st map[string]any) *receipt.Receipt {
	t.Helper()
	b, _ := json.Marshal(st["receipt"])
	rc, err := receipt.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("receipt: %v", err)
	}
	return rc
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	h := start(t, Config{}, false)
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	routes := h.srv.Routes()
	sort.Strings(documented)
	sort.Strings(routes)
	if strings.Join(documented, "\n") != strings.Join(routes, "\n") {
		t.Fatalf("OpenAPI paths\n%s\ndiffer from the handlers' routes\n%s", strings.Join(documented, "\n"), strings.Join(routes, "\n"))
	}
	// Every documented operation is served (answers with its own JSON or text, not the mux's 404/405).
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		path = strings.NewReplacer("{id}", "000000000000000000000000", "{name}", "t").Replace(path)
		req, _ := http.NewRequest(method, h.ts.URL+path, strings.NewReader("{}"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode == http.StatusMethodNotAllowed || !(strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "text/plain; version")) {
			t.Errorf("%s is not served by its handler: %d %s", r, resp.StatusCode, ct)
		}
	}
}

// TestOpenAPIDescribesEveryField: the request and job bodies' JSON
// fields are the ones the document's schemas list, no more, no fewer.
func TestOpenAPIDescribesEveryField(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"QueryRequest": QueryRequest{}, "JobStatus": JobStatus{}, "Table": TableInfo{}} {
		var fields []string
		typ := reflect.TypeOf(v)
		for i := 0; i < typ.NumField(); i++ {
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			fields = append(fields, tag)
		}
		var documented []string
		for p := range doc.Components.Schemas[name].Properties {
			documented = append(documented, p)
		}
		sort.Strings(fields)
		sort.Strings(documented)
		if !slices.Equal(fields, documented) {
			t.Errorf("%s: the Go type has %v, the document %v", name, fields, documented)
		}
	}
}

func TestConcurrentClients(t *testing.T) {
	h := start(t, Config{MaxConcurrent: 2}, true)
	variants := []struct {
		sql    string
		params []string
		want   []string
	}{
		{"SELECT COUNT(*), SUM(b) FROM t WHERE a > $1", []string{"0"}, []string{"19", "17670"}},
		{"SELECT COUNT(*), SUM(b) FROM t WHERE a > $1", []string{"10"}, []string{"9", "11085"}},
		{"SELECT MIN(a), MAX(b) FROM t WHERE b < $1", []string{"100"}, []string{"-20", "81"}},
		{"SELECT AVG(a) FROM t WHERE a BETWEEN $1 AND $2", []string{"-3", "4"}, []string{"1/2"}},
		{"SELECT COUNT(*) FROM t", nil, []string{"40"}},
	}
	const clients = 50
	var wg sync.WaitGroup
	ids := make([]string, clients)
	errs := make(chan error, clients)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			v := variants[c%len(variants)]
			code, st := h.submit(t, v.sql, v.params...)
			if code != http.StatusAccepted && code != http.StatusOK {
				errs <- fmt.Errorf("client %d: submit %d %v", c, code, st)
				return
			}
			ids[c] = st["id"].(string)
			st = h.wait(t, ids[c])
			if st["state"] != StateDone {
				errs <- fmt.Errorf("client %d: job %v", c, st)
				return
			}
			rc := receiptOf(t, st)
			if got := strings.Join(rc.Rows[0], ","); got != strings.Join(v.want, ",") {
				errs <- fmt.Errorf("client %d: %s gave %s, want %v", c, v.sql, got, v.want)
				return
			}
			if _, err := provensql.Verify(rc); err != nil {
				errs <- fmt.Errorf("client %d: receipt does not verify: %v", c, err)
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	elapsed := time.Since(start)
	// Identical requests share one job: one proof per variant, none lost.
	jobOf := map[int]string{}
	for c, id := range ids {
		if prev, ok := jobOf[c%len(variants)]; ok && prev != id {
			t.Errorf("identical requests got two jobs: %s and %s", prev, id)
		}
		jobOf[c%len(variants)] = id
	}
	if n := h.srv.metrics.proofs.Load(); n != int64(len(variants)) {
		t.Errorf("%d proofs for %d distinct requests", n, len(variants))
	}
	wait, n := h.srv.metrics.queueWait.read()
	t.Logf("%d clients, %d distinct queries: all done in %v; mean queue latency %.2fs over %d jobs", clients, len(variants), elapsed.Round(time.Millisecond), wait/float64(n), n)
	// A late identical request gets the receipt at once.
	code, st := h.submit(t, variants[0].sql, variants[0].params...)
	if code != http.StatusOK || st["state"] != StateDone || st["receipt"] == nil {
		t.Fatalf("cached request: %d %v", code, st["state"])
	}
	// The receipt verifies through the API, and a tampered one is refused with the reason.
	b, _ := json.Marshal(st["receipt"])
	if code, out := h.do(t, "POST", "/v1/verify", "", bytes.NewReader(b)); code != 200 || out["verified"] != true {
		t.Fatalf("verify: %d %v", code, out)
	}
	bad := bytes.Replace(b, []byte(`"17670"`), []byte(`"17671"`), 1)
	if code, out := h.do(t, "POST", "/v1/verify", "", bytes.NewReader(bad)); code != 422 || !strings.Contains(fmt.Sprint(out["error"]), "17671") {
		t.Fatalf("tampered verify: %d %v", code, out)
	}
	code, _ = h.do(t, "GET", "/metrics", "", nil)
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
}

func TestBadInputIsRefusedClearly(t *testing.T) {
	h := start(t, Config{Token: "s3cret", MaxQueue: 1, MaxBodyBytes: 4096}, false)
	cases := []struct {
		name, method, path, token, body string
		code                            int
		want                            string
	}{
		{"malformed JSON", "POST", "/v1/queries", "", `{"sql": `, 400, "malformed JSON"},
		{"unknown field", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t", "nope": 1}`, 400, "unknown field"},
		{"huge body", "POST", "/v1/queries", "", `{"sql": "` + strings.Repeat("x", 10000) + `"}`, 413, "exceeds 4096 bytes"},
		{"missing sql", "POST", "/v1/queries", "", `{}`, 400, "sql is required"},
		{"syntax error", "POST", "/v1/queries", "", `{"sql": "SELEC 1"}`, 400, "syntax error"},
		{"unknown table", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM nope"}`, 400, "unknown table"},
		{"unknown column", "POST", "/v1/queries", "", `{"sql": "SELECT SUM(zz) FROM t"}`, 400, "unknown column"},
		{"injection-looking parameter", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t WHERE a = $1", "params": ["1; DROP TABLE jobs; --"]}`, 400, "not an integer"},
		{"quote in parameter", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t WHERE a = $1", "params": ["1' OR '1'='1"]}`, 400, "not an integer"},
		{"wrong param count", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t WHERE a = $1"}`, 400, "1 placeholder(s), 0 value(s)"},
		{"unsupported construct", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t RIGHT JOIN t AS u ON t.a = u.a"}`, 400, "RIGHT JOIN is not supported"},
		{"other backend", "POST", "/v1/queries", "", `{"sql": "SELECT COUNT(*) FROM t", "backend": "plonk"}`, 400, "not served"},
		{"unknown job", "GET", "/v1/queries/ffffffffffffffffffffffff", "", "", 404, "no job"},
		{"bad job id", "GET", "/v1/queries/..%2f..%2fetc", "", "", 404, "no job"},
		{"verify garbage", "POST", "/v1/verify", "", `{"version": 1, "proof": 5}`, 400, "malformed JSON"},
		{"verify other version", "POST", "/v1/verify", "", `{"version": 9}`, 400, "version 9"},
		{"ingest without token", "POST", "/v1/tables/t/rows", "", "1,2\n", 401, "bearer token"},
		{"ingest with a wrong token", "POST", "/v1/tables/t/rows", "s3cret!", "1,2\n", 401, "bearer token"},
		{"ingest bad row", "POST", "/v1/tables/t/rows", "s3cret", "1,2\nx,3\n", 400, "row 2, column a"},
		{"ingest bad table name", "POST", "/v1/tables/t;drop/rows", "s3cret", "1,2\n", 400, "not a valid table name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out := h.do(t, tc.method, tc.path, tc.token, strings.NewReader(tc.body))
			if code != tc.code || !strings.Contains(fmt.Sprint(out["error"]), tc.want) {
				t.Fatalf("got %d %v, want %d and %q", code, out, tc.code, tc.want)
			}
		})
	}
	// Queue bound: workers are not running, so the first job stays queued.
	if code, out := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "1"); code != 202 {
		t.Fatalf("first job: %d %v", code, out)
	}
	if code, out := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "2"); code != 429 || !strings.Contains(fmt.Sprint(out["error"]), "queue is full") {
		t.Fatalf("second job: %d %v", code, out)
	}
	// The server is unharmed, and a good ingest works.
	if code, out := h.do(t, "POST", "/v1/tables/t/rows", "s3cret", strings.NewReader("5,6\n7,8\n")); code != 200 || out["rows"].(float64) != 42 {
		t.Fatalf("ingest: %d %v", code, out)
	}
	if code, out := h.do(t, "GET", "/v1/tables", "", nil); code != 200 || len(out["tables"].([]any)) != 1 {
		t.Fatalf("tables: %d %v", code, out)
	}
	// Without a configured token writes are off.
	h2 := start(t, Config{}, false)
	if code, out := h2.do(t, "POST", "/v1/tables/t/rows", "anything", strings.NewReader("1,2\n")); code != 403 {
		t.Fatalf("no token configured: %d %v", code, out)
	}
}

func TestLimits(t *testing.T) {
	h := start(t, Config{MaxRows: 10}, false)
	if code, out := h.submit(t, "SELECT COUNT(*) FROM t"); code != 413 || !strings.Contains(fmt.Sprint(out["error"]), "at most 10") {
		t.Fatalf("rows limit: %d %v", code, out)
	}
	h2 := start(t, Config{MaxConstraints: 100}, true)
	code, st := h2.submit(t, "SELECT SUM(b) FROM t WHERE a < $1", "3")
	if code != 202 {
		t.Fatalf("submit: %d %v", code, st)
	}
	st = h2.wait(t, st["id"].(string))
	if st["state"] != StateFailed || !strings.Contains(fmt.Sprint(st["error"]), "above the limit of 100") {
		t.Fatalf("constraint limit: %v", st)
	}
}

// TestRestartResumesJobs: jobs accepted (and one interrupted mid-proof) by a
// server that stops are finished by the next one on the same store.
func TestRestartResumesJobs(t *testing.T) {
	db, dir := newStore(t)
	srv, err := New(db, dir, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	h := &harness{srv: srv, ts: ts, db: db, dir: dir}
	_, a := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "5")
	_, b := h.submit(t, "SELECT MAX(b) FROM t WHERE a < $1", "5")
	// pretend the first was being proven when the process died
	if err := srv.jobs.setState(context.Background(), a["id"].(string), StateProving, 0.5, ""); err != nil {
		t.Fatal(err)
	}
	ts.Close()
	srv.jobs.close() // the process is gone, without a graceful shutdown
	h2 := startOn(t, db, dir, Config{}, true)
	for _, id := range []string{a["id"].(string), b["id"].(string)} {
		st := h2.wait(t, id)
		if st["state"] != StateDone {
			t.Fatalf("job %s after restart: %v", id, st)
		}
		if _, err := provensql.Verify(receiptOf(t, st)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStoredReceiptOfAnotherBuild: a receipt a build of another receipt
// format or circuit version stored is not served for the same query by
// this one (it would not verify here); the query is proven again.
func TestStoredReceiptOfAnotherBuild(t *testing.T) {
	h := start(t, Config{}, true)
	current := h.srv.format
	h.srv.format = "receipt 3, circuits 71" // the build before an upgrade
	_, old := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "5")
	if st := h.wait(t, old["id"].(string)); st["state"] != StateDone {
		t.Fatalf("job under the old build: %v", st)
	}
	if code, _ := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "5"); code != 200 {
		t.Fatalf("the same build resubmitting: %d, want 200 (its stored receipt)", code)
	}
	h.srv.format = current // the upgraded build
	code, st := h.submit(t, "SELECT COUNT(*) FROM t WHERE a > $1", "5")
	if code != 202 || st["id"] == old["id"] {
		t.Fatalf("after the upgrade: %d %v, want 202 and a new job", code, st)
	}
	if done := h.wait(t, st["id"].(string)); done["state"] != StateDone {
		t.Fatalf("job under the new build: %v", done)
	}
}

// Benchmarks for BENCHMARKS.md: cached receipts and verification through
// the API, 50 concurrent clients on loopback.
func BenchmarkCachedReceipt(b *testing.B) {
	h := start(b, Config{}, true)
	code, st := h.submit(b, "SELECT COUNT(*), SUM(b) FROM t WHERE a > $1", "0")
	if code == 202 {
		h.wait(b, st["id"].(string))
	}
	body, _ := json.Marshal(QueryRequest{SQL: "SELECT COUNT(*), SUM(b) FROM t WHERE a > $1", Params: []string{"0"}})
	b.SetParallelism(25) // 50 goroutines on 2 CPUs
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := http.Post(h.ts.URL+"/v1/queries", "application/json", bytes.NewReader(body))
			if err != nil || resp.StatusCode != 200 {
				b.Errorf("cached submit: %v %v", err, resp)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	h := start(b, Config{}, true)
	_, st := h.submit(b, "SELECT COUNT(*), SUM(b) FROM t WHERE a > $1", "0")
	st = h.wait(b, st["id"].(string))
	body, _ := json.Marshal(st["receipt"])
	b.SetParallelism(25)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := http.Post(h.ts.URL+"/v1/verify", "application/json", bytes.NewReader(body))
			if err != nil || resp.StatusCode != 200 {
				b.Errorf("verify: %v %v", err, resp)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}

// TestShutdownLeavesAStuckProof: a proof inside a step that ignores its
// interruption (a gnark setup or proof, minutes) does not hold Shutdown
// past the grace and the interrupt wait: Shutdown returns while it still
// runs, and its job is finished by the next server.
func TestShutdownLeavesAStuckProof(t *testing.T) {
	db, dir := newStore(t)
	srv, err := New(db, dir, Config{MaxConcurrent: 1, ShutdownGrace: 10 * time.Millisecond, ShutdownInterrupt: 10 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	srv.beforeProve = func() {
		close(entered)
		<-release // ignores the interruption
	}
	srv.Start()
	ts := httptest.NewServer(srv.Handler())
	h := &harness{srv: srv, ts: ts, db: db, dir: dir}
	_, st := h.submit(t, "SELECT COUNT(*) FROM t WHERE a < $1", "3")
	id := st["id"].(string)
	<-entered
	ts.Close()
	returned := make(chan error, 1)
	go func() { returned <- srv.Shutdown(context.Background()) }()
	select {
	case err := <-returned:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		close(release)
		t.Fatal("Shutdown waited for a proof that ignores its interruption")
	}
	close(release) // the stuck proof ends (interrupted: requeued)
	srv.wg.Wait()
	h2 := startOn(t, db, dir, Config{}, true)
	if st := h2.wait(t, id); st["state"] != StateDone {
		t.Fatalf("job %s: %v", id, st)
	}
}

// TestShutdownLosesNothing interrupts running proofs at once: whatever was
// not finished is queued again and finished by the next server.
func TestShutdownLosesNothing(t *testing.T) {
	db, dir := newStore(t)
	srv, err := New(db, dir, Config{MaxConcurrent: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	ts := httptest.NewServer(srv.Handler())
	h := &harness{srv: srv, ts: ts, db: db, dir: dir}
	var ids []string
	for k := 0; k < 4; k++ {
		_, st := h.submit(t, "SELECT COUNT(*), MIN(b) FROM t WHERE a < $1", fmt.Sprint(k))
		ids = append(ids, st["id"].(string))
	}
	ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	h2 := startOn(t, db, dir, Config{}, true)
	for _, id := range ids {
		if st := h2.wait(t, id); st["state"] != StateDone {
			t.Fatalf("job %s: %v", id, st)
		}
	}
}
