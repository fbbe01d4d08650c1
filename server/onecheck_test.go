package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

func (h *harness) submitOneCheck(t testing.TB, sqlText string, params ...string) (int, map[string]any) {
	b, _ := json.Marshal(QueryRequest{SQL: sqlText, Params: params, OneCheck: true})
	return h.do(t, "POST", "/v1/queries", "", bytes.NewReader(b))
}

// TestOneCheckSubmissions: a one-check request is refused by name where
// the server does not prove them or the two-chain path cannot prove the
// query; accepted, it is a job of its own (not the receipt job of the
// same query), answered again for the same request, and marked one-check.
func TestOneCheckSubmissions(t *testing.T) {
	off := start(t, Config{}, false)
	on := start(t, Config{OneCheck: true}, false)
	const count = "SELECT COUNT(*), SUM(b) FROM t WHERE a > $1"
	for _, tc := range []struct {
		name   string
		h      *harness
		sql    string
		params []string
		code   int
		want   string
	}{
		{"server without one-check", off, count, []string{"0"}, 400, "does not prove one-check queries"},
		{"GROUP BY", on, "SELECT a, COUNT(*) FROM t GROUP BY a", nil, 400, "not provable for one check: prover: the two-chain path does not prove GROUP BY"},
		{"row result", on, "SELECT a FROM t WHERE a > $1", []string{"0"}, 400, "aggregates only"},
		{"unknown column", on, "SELECT SUM(zz) FROM t", nil, 400, "zz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := tc.h.submitOneCheck(t, tc.sql, tc.params...)
			if code != tc.code || !strings.Contains(fmt.Sprint(out["error"]), tc.want) {
				t.Fatalf("got %d %v, want %d %q", code, out, tc.code, tc.want)
			}
		})
	}
	code, receiptJob := on.submit(t, count, "0")
	if code != 202 || receiptJob["one_check"] == true {
		t.Fatalf("receipt job: %d %v", code, receiptJob)
	}
	code, oneCheckJob := on.submitOneCheck(t, count, "0")
	if code != 202 || oneCheckJob["one_check"] != true {
		t.Fatalf("one-check job: %d %v", code, oneCheckJob)
	}
	if oneCheckJob["id"] == receiptJob["id"] {
		t.Fatal("the one-check request joined the receipt job")
	}
	if _, again := on.submitOneCheck(t, count, "0"); again["id"] != oneCheckJob["id"] {
		t.Fatalf("the same one-check request made another job: %v", again)
	}
	if _, other := on.submitOneCheck(t, count, "1"); other["id"] == oneCheckJob["id"] {
		t.Fatal("another parameter joined the job")
	}
	code, st := on.do(t, "GET", "/v1/queries/"+oneCheckJob["id"].(string), "", nil)
	if code != 200 || st["one_check"] != true || st["state"] != StateQueued {
		t.Fatalf("GET the one-check job: %d %v", code, st)
	}
}

// TestOneCheckLimit: a one-check query whose segment circuit is above the
// server's bound fails naming it, and nothing was set up for it (the
// bound is checked between compiling and setting up), as for a receipt job.
func TestOneCheckLimit(t *testing.T) {
	for _, oneCheck := range []bool{false, true} {
		t.Run(fmt.Sprintf("one-check %v", oneCheck), func(t *testing.T) {
			h := start(t, Config{OneCheck: true, MaxConstraints: 100}, true)
			submit := h.submit
			if oneCheck {
				submit = h.submitOneCheck
			}
			code, st := submit(t, "SELECT COUNT(*), SUM(b) FROM t WHERE a < $1", "3")
			if code != 202 {
				t.Fatalf("submit: %d %v", code, st)
			}
			st = h.wait(t, st["id"].(string))
			if st["state"] != StateFailed || !strings.Contains(fmt.Sprint(st["error"]), "above the limit of 100") {
				t.Fatalf("constraint limit: %v", st)
			}
			var keys []string
			filepath.WalkDir(filepath.Join(h.dir, "keys"), func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					keys = append(keys, path)
				}
				return nil
			})
			if len(keys) > 0 {
				t.Fatalf("keys set up for a circuit the server refuses: %v", keys)
			}
		})
	}
}

// TestOneCheckJobRestart: a queued one-check job is still one after a
// restart; a server restarted without one-check proofs fails it by name
// rather than prove a receipt in its place. A job database an older build
// wrote (no one_check column) opens, its jobs receipt jobs.
func TestOneCheckJobRestart(t *testing.T) {
	db, dir := newStore(t)
	srv, err := New(db, dir, Config{OneCheck: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{srv: srv, db: db, dir: dir}
	h.ts = httptest.NewServer(srv.Handler())
	_, st := h.submitOneCheck(t, "SELECT COUNT(*) FROM t WHERE a > $1", "2")
	id := st["id"].(string)
	h.ts.Close()
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	again := startOn(t, db, dir, Config{}, true)
	st = again.wait(t, id)
	if st["one_check"] != true || st["state"] != StateFailed || !strings.Contains(fmt.Sprint(st["error"]), "does not prove one-check queries now") {
		t.Fatalf("the one-check job after a restart without one-check: %v", st)
	}

	// an older build's database: no one_check column
	old := t.TempDir()
	jdb, err := sql.Open("sqlite", "file:"+filepath.Join(old, "jobs.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL, sql TEXT NOT NULL, params TEXT NOT NULL,
			state TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, detail TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', receipt BLOB,
			created INTEGER NOT NULL, started INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL)`,
		`INSERT INTO jobs (id, key, sql, params, state, created, updated) VALUES ('0123456789abcdef01234567', 'k', 'SELECT COUNT(*) FROM t', '[]', 'queued', 1, 1)`,
	} {
		if _, err := jdb.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	jdb.Close()
	older := startOn(t, db, old, Config{}, false)
	code, st := older.do(t, "GET", "/v1/queries/0123456789abcdef01234567", "", nil)
	if code != 200 || st["state"] != StateQueued || st["one_check"] == true {
		t.Fatalf("an older build's job: %d %v", code, st)
	}
}

// TestVerifyOneCheckRefusals: POST /v1/verify takes a one-check proof (by
// its kind) and refuses a malformed one (400), one about another table
// than its query's and one whose keys this server never set up (422),
// each by name; a receipt is still read as a receipt.
func TestVerifyOneCheckRefusals(t *testing.T) {
	h := start(t, Config{OneCheck: true}, false)
	proof := func(table string) string {
		b, _ := json.Marshal(&prover.OneCheck{Kind: prover.OneCheckKind, SQL: "SELECT COUNT(*) FROM t WHERE a > $1", Params: []string{"1"}, Table: table, TableDigest: big.NewInt(1), Segments: 10})
		return string(b)
	}
	for _, tc := range []struct {
		name, body string
		code       int
		want       string
	}{
		{"malformed", `{"kind": "` + prover.OneCheckKind + `", "sums": 5}`, 400, "not a one-check proof"},
		{"another table", proof("u"), 422, "names table u"},
		{"no keys", proof("t"), 422, "no cached two-chain keys"},
		{"a receipt's version", `{"version": 9}`, 400, "version 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := h.do(t, "POST", "/v1/verify", "", strings.NewReader(tc.body))
			if code != tc.code || !strings.Contains(fmt.Sprint(out["error"]), tc.want) {
				t.Fatalf("got %d %v, want %d %q", code, out, tc.code, tc.want)
			}
		})
	}
}

// TestOneCheckThroughTheServer proves a one-check query through the
// server and verifies it there; a changed output is refused. The table
// has three segments (the aggregator's four slots, one a padding copy),
// then grows to four: the second proof reuses the aggregator's and the
// wrapper's keys, and verifies against the grown table. It sets up the
// two-chain keys (the wrapper: about 5.9M constraints, 4–5 minutes and 11
// GiB on two cores), so it runs only with PROVENSQL_ONE_CHECK_SERVER=1.
func TestOneCheckThroughTheServer(t *testing.T) {
	if os.Getenv("PROVENSQL_ONE_CHECK_SERVER") != "1" {
		t.Skip("sets up the two-chain keys (minutes, 11 GiB): PROVENSQL_ONE_CHECK_SERVER=1 runs it")
	}
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "t", Columns: schema.WithLimbs([]schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigIntUnsigned}, {Name: "v", Type: schema.Uint256}})}
	rows := func(from, to int) [][]fr.Element {
		cols := [][]fr.Element{{}, {}, {}, {}}
		for i := from; i < to; i++ {
			cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(i-6))))
			cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i*i))))
			lo, hi := schema.SplitUint256(new(big.Int).Add(new(big.Int).Lsh(big.NewInt(int64(i)), 250), big.NewInt(1))) // i·2^250 + 1
			cols[2], cols[3] = append(cols[2], schema.Encode(lo)), append(cols[3], schema.Encode(hi))
		}
		return cols
	}
	if _, err := db.Store().Append(tbl, 3, rows(0, 20)); err != nil { // segments of 8, 8 and 4 rows
		t.Fatal(err)
	}
	h := startOn(t, db, dir, Config{OneCheck: true}, true)
	h.patience = 20 * time.Minute
	const text = "SELECT COUNT(*), SUM(b), MAX(a), MAX(v) FROM t WHERE a > $1"
	// a > −2: i = 5 … n − 1; b = i², v = i·2^250 + 1
	want := func(n int64) string {
		sum := int64(0)
		for i := int64(5); i < n; i++ {
			sum += i * i
		}
		maxV := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(n-1), 250), big.NewInt(1))
		return fmt.Sprintf("[[%d %d %d %s]]", n-5, sum, n-7, maxV)
	}
	body := h.proveOneCheck(t, text, "-2")
	code, out := h.do(t, "POST", "/v1/verify", "", bytes.NewReader(body))
	if code != 200 || out["one_check"] != true || fmt.Sprint(out["rows"]) != want(20) || len(out["warnings"].([]any)) != 2 {
		t.Fatalf("verify: %d %v, want the rows %s", code, out, want(20))
	}
	oc, err := prover.DecodeOneCheck(body)
	if err != nil {
		t.Fatal(err)
	}
	if oc.Segments != 3 {
		t.Fatalf("%d segments, want 3", oc.Segments)
	}
	oc.Outputs[0].Add(oc.Outputs[0], big.NewInt(1))
	bad, _ := json.Marshal(oc)
	if code, out := h.do(t, "POST", "/v1/verify", "", bytes.NewReader(bad)); code != 422 || !strings.Contains(fmt.Sprint(out["error"]), "output 0") {
		t.Fatalf("a changed output: %d %v", code, out)
	}

	// a fourth segment: the same four slots, no new keys
	keys := func() []string {
		var names []string
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && (strings.HasPrefix(d.Name(), "aggregator-") || strings.HasPrefix(d.Name(), "wrapper-")) {
				names = append(names, d.Name())
			}
			return nil
		})
		return names
	}
	before := keys()
	if len(before) != 2 {
		t.Fatalf("key entries %v, want an aggregator's and a wrapper's", before)
	}
	if _, err := db.Store().Append(tbl, 3, rows(20, 25)); err != nil {
		t.Fatal(err)
	}
	body = h.proveOneCheck(t, text, "-2")
	if after := keys(); !slices.Equal(after, before) {
		t.Fatalf("key entries %v after the table grew to four segments, want %v", after, before)
	}
	code, out = h.do(t, "POST", "/v1/verify", "", bytes.NewReader(body))
	if code != 200 || fmt.Sprint(out["rows"]) != want(25) {
		t.Fatalf("verify over four segments: %d %v, want the rows %s", code, out, want(25))
	}
}

// proveOneCheck submits a one-check query, waits for its job and returns
// its proof's JSON.
func (h *harness) proveOneCheck(t *testing.T, text string, params ...string) []byte {
	t.Helper()
	code, st := h.submitOneCheck(t, text, params...)
	if code != 202 {
		t.Fatalf("submit: %d %v", code, st)
	}
	st = h.wait(t, st["id"].(string))
	if st["state"] != StateDone {
		t.Fatalf("the one-check job: %v", st)
	}
	body, _ := json.Marshal(st["one_check_proof"])
	return body
}

// TestJobProgress: a job's progress is the fraction of what counts
// (segments) and the detail of the latest event that says something, so
// a one-check job that aggregates after its last segment says so.
func TestJobProgress(t *testing.T) {
	h := start(t, Config{}, false)
	report := h.srv.jobProgress("job")
	for _, c := range []struct {
		event    prover.Event
		fraction float64
		detail   string
	}{
		{prover.Event{Stage: "prove", Detail: "two-chain segment 1/4", Done: 1, Total: 4}, 0.25, "two-chain segment 1/4"},
		{prover.Event{Stage: "prove", Detail: "two-chain segment 4/4", Done: 4, Total: 4}, 1, "two-chain segment 4/4"},
		{prover.Event{Stage: "prove", Detail: "aggregating 4 segments over BW6-761"}, 1, "aggregating 4 segments over BW6-761"},
		{prover.Event{Stage: "prove"}, 1, "aggregating 4 segments over BW6-761"},
	} {
		report(c.event)
		h.srv.progressMu.Lock()
		got := h.srv.progress["job"]
		h.srv.progressMu.Unlock()
		if got.fraction != c.fraction || got.detail != c.detail {
			t.Fatalf("after %+v: %v %q, want %v %q", c.event, got.fraction, got.detail, c.fraction, c.detail)
		}
	}
}

// TestOneCheckSlotsConfig: one_check_slots must be the store's (the
// command opens it so; a mismatch is refused by name), and a server
// proving in more slots keys its one-check jobs apart: its proofs are
// others.
func TestOneCheckSlotsConfig(t *testing.T) {
	db, dir := newStore(t)
	if _, err := New(db, dir, Config{OneCheck: true, OneCheckSlots: 8}, nil); err == nil || !strings.Contains(err.Error(), "one_check_slots 8") {
		t.Fatalf("a config of 8 slots over a store opened for 0: %v", err)
	}
	wide, err := provensql.Open(dir, provensql.Options{SRSSize: 64, OneCheckSlots: 8})
	if err != nil {
		t.Fatal(err)
	}
	keyOf := func(db *provensql.DB, slots int) string {
		srv, err := New(db, t.TempDir(), Config{OneCheck: true, OneCheckSlots: slots}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Shutdown(context.Background())
		plan, err := db.Plan("SELECT COUNT(*) FROM t WHERE a > $1", "0")
		if err != nil {
			t.Fatal(err)
		}
		m, err := db.Store().Manifest("t")
		if err != nil {
			t.Fatal(err)
		}
		key, err := srv.jobKey(plan, []*store.Manifest{m}, true)
		if err != nil {
			t.Fatal(err)
		}
		return key
	}
	if keyOf(db, 0) == keyOf(wide, 8) {
		t.Fatal("a one-check job in 8 slots has the key of one in the table's own")
	}
}
