// Package server serves proven queries over HTTP: a JSON API (documented in
// openapi.json, served at /v1/openapi.json) with a persistent job queue in
// SQLite, so an accepted job survives a restart or a crash.
//
// Identical requests (same backend, query shape, parameter values and table
// commitment) are proven once: a second request gets the first one's job,
// or its receipt at once when it is done. Concurrent proofs and the queue
// length are bounded (429 beyond), and so are the table rows and circuit
// size of one request.
package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

//go:embed openapi.json
var openAPI []byte

// Config bounds and secures a server.
type Config struct {
	// Token is the bearer token write endpoints require; empty disables them.
	Token string `json:"token"`
	// MaxConcurrent is the number of proofs run at once (default: half the CPUs, at least 1).
	MaxConcurrent int `json:"max_concurrent"`
	// MaxQueue bounds queued plus running jobs (default 256); beyond it submissions get 429.
	MaxQueue int `json:"max_queue"`
	// MaxRows bounds the rows of the table one query may read (default 2^20).
	MaxRows int `json:"max_rows"`
	// MaxConstraints bounds the circuit size of one query (default 2^23).
	MaxConstraints int `json:"max_constraints"`
	// MaxBodyBytes bounds JSON request bodies (default 1 MiB); MaxIngestBytes bounds CSV uploads (default 64 MiB).
	MaxBodyBytes   int64 `json:"max_body_bytes"`
	MaxIngestBytes int64 `json:"max_ingest_bytes"`
	// ShutdownGrace is how long Shutdown lets running proofs finish before
	// interrupting them (they are requeued, not lost). Default 30 s.
	ShutdownGrace time.Duration `json:"-"`
	// ShutdownInterrupt is how long Shutdown then waits for the
	// interrupted proofs to stop (default 10 s). A proof inside a step
	// that takes no context (a gnark setup or proof of one layer of a
	// one-check proof: minutes) is left running: Shutdown returns, and
	// its job, recorded as running, is requeued by the next start.
	ShutdownInterrupt time.Duration `json:"-"`
	// OneCheck lets clients ask for one-check proofs (QueryRequest.OneCheck:
	// the two-chain path, one on-chain check whatever the table's
	// segments). Off by default: its aggregator and wrapper keys take
	// minutes and about 8 GiB to set up, once per query shape and power of
	// two of segments, and a proof about 11 GiB of memory; one is proven
	// at a time.
	OneCheck bool `json:"one_check"`
	// OneCheckSlots is the least slots of its one-check proofs'
	// aggregator (0: the table's segments rounded up to a power of two),
	// so that the verifier registered for them serves the table until it
	// outgrows them. It is the store's provensql.Options.OneCheckSlots:
	// New refuses a store opened with another (provensql serve opens it so).
	OneCheckSlots int `json:"one_check_slots"`
}

func (c *Config) defaults() {
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = max(runtime.NumCPU()/2, 1)
	}
	if c.MaxQueue <= 0 {
		c.MaxQueue = 256
	}
	if c.MaxRows <= 0 {
		c.MaxRows = 1 << 20
	}
	if c.MaxConstraints <= 0 {
		c.MaxConstraints = 1 << 23
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.MaxIngestBytes <= 0 {
		c.MaxIngestBytes = 64 << 20
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = 30 * time.Second
	}
	if c.ShutdownInterrupt <= 0 {
		c.ShutdownInterrupt = 10 * time.Second
	}
}

// Server is a proving server over one store.
type Server struct {
	db   *provensql.DB
	jobs *jobStore
	cfg  Config
	log  *slog.Logger
	// format names the receipts this build writes (receipt.Version) and
	// the circuits it proves (circuits.Version): a job's key includes it,
	// so a receipt stored by another build is not served as this one's.
	format string

	// dataMu lets proofs read tables while ingest waits for them, and the reverse.
	dataMu   sync.RWMutex
	wake     chan struct{}
	runCtx   context.Context
	stop     context.CancelFunc
	stopping atomic.Bool
	wg       sync.WaitGroup

	progressMu sync.Mutex
	progress   map[string]progressNote

	// oneCheckSlot admits one one-check proof at a time (Config.OneCheck).
	oneCheckSlot chan struct{}
	// beforeProve, in tests, runs before each proof (as a step that takes
	// no context would).
	beforeProve func()

	metrics metrics
	mux     *http.ServeMux
	routes  []string
}

type progressNote struct {
	fraction float64
	detail   string
}

// New opens the job database (DIR/jobs.sqlite) of the store at dir and
// requeues jobs a previous process left unfinished.
func New(db *provensql.DB, dir string, cfg Config, log *slog.Logger) (*Server, error) {
	cfg.defaults()
	if cfg.OneCheckSlots != db.OneCheckSlots() {
		return nil, fmt.Errorf("server: one_check_slots %d, but the store was opened for %d (provensql.Options.OneCheckSlots)", cfg.OneCheckSlots, db.OneCheckSlots())
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	js, err := openJobStore(filepath.Join(dir, "jobs.sqlite"))
	if err != nil {
		return nil, err
	}
	n, err := js.requeueInterrupted(context.Background())
	if err != nil {
		js.close()
		return nil, err
	}
	if n > 0 {
		log.Info("requeued interrupted jobs", "count", n)
	}
	s := &Server{db: db, jobs: js, cfg: cfg, log: log, wake: make(chan struct{}, 1), progress: map[string]progressNote{},
		format:       fmt.Sprintf("receipt %d, circuits %s", receipt.Version, circuits.Version),
		oneCheckSlot: make(chan struct{}, 1)}
	s.metrics.requests = map[string]*atomic.Int64{}
	s.routes = []string{
		"POST /v1/queries", "GET /v1/queries/{id}", "GET /v1/tables", "POST /v1/tables/{name}/rows",
		"POST /v1/verify", "GET /metrics", "GET /v1/openapi.json",
	}
	handlers := []http.HandlerFunc{s.handleSubmit, s.handleGet, s.handleTables, s.handleIngest, s.handleVerify, s.handleMetrics, s.handleOpenAPI}
	s.mux = http.NewServeMux()
	for i, r := range s.routes {
		s.mux.Handle(r, s.count(r, handlers[i]))
	}
	return s, nil
}

// Routes lists the method and path pattern of every endpoint.
func (s *Server) Routes() []string { return append([]string(nil), s.routes...) }

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.mux }

// Start runs the proving workers until Shutdown.
func (s *Server) Start() {
	s.runCtx, s.stop = context.WithCancel(context.Background())
	for i := 0; i < s.cfg.MaxConcurrent; i++ {
		s.wg.Add(1)
		go s.worker()
	}
	s.kick()
}

// Shutdown stops taking jobs, lets running proofs finish within the grace
// period (or until ctx is done), then interrupts the rest (they stay
// queued for the next start), and closes the job database. No accepted job
// is lost. A proof that does not stop within Config.ShutdownInterrupt of
// its interruption (inside a step that takes no context) is left running
// and Shutdown returns: its job, recorded as running, is requeued by the
// next start, and the job database is closed once it ends.
func (s *Server) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	stopTaking := func() {}
	if s.stop != nil {
		s.stopping.Store(true)
		stopTaking = s.stop
	}
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(s.cfg.ShutdownGrace):
	case <-ctx.Done():
	}
	stopTaking()
	select {
	case <-done:
	case <-time.After(s.cfg.ShutdownInterrupt):
		s.log.Warn("shutdown: proofs still running in a step that cannot be interrupted; left running, their jobs requeued at the next start", "waited", s.cfg.ShutdownGrace+s.cfg.ShutdownInterrupt)
		go func() {
			<-done
			if err := s.jobs.close(); err != nil {
				s.log.Error("closing the job database", "err", err)
			}
		}()
		return nil
	}
	return s.jobs.close()
}

func (s *Server) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Server) worker() {
	defer s.wg.Done()
	for {
		if s.stopping.Load() || s.runCtx.Err() != nil {
			return
		}
		job, err := s.jobs.claim(s.runCtx)
		if err != nil {
			if s.runCtx.Err() != nil {
				return
			}
			s.log.Error("claiming a job", "err", err)
			time.Sleep(time.Second)
			continue
		}
		if job == nil {
			select {
			case <-s.wake:
			case <-time.After(time.Second):
			case <-s.runCtx.Done():
				return
			}
			continue
		}
		s.kick() // let another idle worker look for the next job
		s.run(job)
	}
}

// run proves one claimed job and records the outcome.
func (s *Server) run(job *Job) {
	bg := context.Background()
	s.metrics.queueWait.observe(job.Started.Sub(job.Created).Seconds())
	fail := func(err error) {
		s.log.Warn("job failed", "id", job.ID, "err", err)
		s.metrics.failed.Add(1)
		if e := s.jobs.fail(bg, job.ID, err.Error()); e != nil {
			s.log.Error("recording failure", "id", job.ID, "err", e)
		}
	}
	if job.OneCheck {
		if !s.cfg.OneCheck {
			fail(errors.New("this server does not prove one-check queries now (it was restarted without one_check)"))
			return
		}
		// one at a time (their memory), taken before the tables' lock so
		// that a waiting job does not hold ingest back
		select {
		case s.oneCheckSlot <- struct{}{}:
			defer func() { <-s.oneCheckSlot }()
		case <-s.runCtx.Done():
			s.requeue(job)
			return
		}
	}
	s.dataMu.RLock()
	defer s.dataMu.RUnlock()
	plan, err := s.db.Plan(job.SQL, job.Params...)
	if err != nil {
		fail(err)
		return
	}
	progress := s.jobProgress(job.ID)
	t0 := time.Now()
	if s.beforeProve != nil {
		s.beforeProve()
	}
	var out []byte
	if job.OneCheck {
		out, err = s.proveOneCheck(job, plan, progress)
	} else {
		out, err = s.proveReceipt(job, plan, progress)
	}
	s.clearProgress(job.ID)
	if err != nil {
		if s.runCtx.Err() != nil {
			s.requeue(job)
			return
		}
		fail(err)
		return
	}
	if err := s.jobs.finish(bg, job.ID, out); err != nil {
		s.log.Error("recording receipt", "id", job.ID, "err", err)
		return
	}
	s.metrics.proofs.Add(1)
	s.metrics.proveSeconds.observe(time.Since(t0).Seconds())
	s.log.Info("job done", "id", job.ID, "one_check", job.OneCheck, "prove", time.Since(t0).Round(time.Millisecond))
}

// requeue puts a job shutdown interrupted back in the queue for the next start.
func (s *Server) requeue(job *Job) {
	if e := s.jobs.setState(context.Background(), job.ID, StateQueued, 0, "interrupted by shutdown"); e != nil {
		s.log.Error("requeueing", "id", job.ID, "err", e)
	}
}

// proving records that a job's proof has begun.
func (s *Server) proving(job *Job) {
	if err := s.jobs.setState(context.Background(), job.ID, StateProving, 0, "proving"); err != nil {
		s.log.Error("recording state", "id", job.ID, "err", err)
	}
}

// proveReceipt proves a receipt job: its circuit within the server's
// bound (refused before setup), then its segments; it returns the
// receipt's JSON.
func (s *Server) proveReceipt(job *Job, plan *planner.Plan, progress func(prover.Event)) ([]byte, error) {
	if _, err := s.db.PrepareWithin(plan, s.cfg.MaxConstraints); err != nil {
		return nil, err
	}
	s.proving(job)
	res, err := s.db.ProvePlan(s.runCtx, plan, job.Params, progress)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := res.Receipt.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// proveOneCheck proves a one-check job (the two-chain path, its segment
// circuit within the server's bound) and returns the proof's JSON, as
// prover.OneCheck.WriteFile writes it.
func (s *Server) proveOneCheck(job *Job, plan *planner.Plan, progress func(prover.Event)) ([]byte, error) {
	s.proving(job)
	oc, err := s.db.ProveOneCheckPlan(s.runCtx, plan, job.Params, provensql.ProveOptions{Progress: progress, MaxConstraints: s.cfg.MaxConstraints})
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(oc)
	if err != nil {
		return nil, fmt.Errorf("encoding the one-check proof: %w", err)
	}
	return b, nil
}

// jobProgress reports a job's proving events as its progress: an event
// that counts (segments proven) sets the fraction, and any event with a
// detail says what the job is doing now (a one-check job aggregates and
// wraps for minutes after its last segment).
func (s *Server) jobProgress(id string) func(prover.Event) {
	return func(e prover.Event) {
		if e.Total == 0 && e.Detail == "" {
			return
		}
		s.progressMu.Lock()
		defer s.progressMu.Unlock()
		note := s.progress[id]
		if e.Total > 0 {
			note.fraction = float64(e.Done) / float64(e.Total)
		}
		if e.Detail != "" {
			note.detail = e.Detail
		}
		s.progress[id] = note
	}
}

func (s *Server) clearProgress(id string) {
	s.progressMu.Lock()
	delete(s.progress, id)
	s.progressMu.Unlock()
}

// apiError is the JSON body of every error response.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, format string, a ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, a...)})
}

// decodeBody reads a JSON body of at most limit bytes into v, strictly.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	body := http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "request body exceeds %d bytes", limit)
			return false
		}
		writeError(w, http.StatusBadRequest, "malformed JSON body: %v", err)
		return false
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "malformed JSON body: trailing data")
		return false
	}
	return true
}

// QueryRequest is the body of POST /v1/queries.
type QueryRequest struct {
	SQL     string   `json:"sql"`
	Params  []string `json:"params"`
	Backend string   `json:"backend,omitempty"`
	// OneCheck asks for a one-check proof (prover.OneCheck: one on-chain
	// check whatever the table's segments) instead of a receipt, where
	// the server proves them (Config.OneCheck) and the query is one the
	// two-chain path proves (prover.TwoChainSupported).
	OneCheck bool `json:"one_check,omitempty"`
}

// JobStatus is the body of GET /v1/queries/{id} (and of POST answers).
type JobStatus struct {
	ID       string          `json:"id"`
	State    string          `json:"state"`
	Progress float64         `json:"progress"`
	Detail   string          `json:"detail,omitempty"`
	Error    string          `json:"error,omitempty"`
	Receipt  json.RawMessage `json:"receipt,omitempty"`
	// OneCheck is true for a one-check job; OneCheckProof is its proof
	// when done (as query --one-check --out writes it), in place of Receipt.
	OneCheck      bool            `json:"one_check,omitempty"`
	OneCheckProof json.RawMessage `json:"one_check_proof,omitempty"`
}

func (s *Server) status(j *Job) JobStatus {
	st := JobStatus{ID: j.ID, State: j.State, Progress: j.Progress, Detail: j.Detail, Error: j.Error, OneCheck: j.OneCheck}
	if j.State == StateDone {
		if j.OneCheck {
			st.OneCheckProof = json.RawMessage(j.Receipt)
		} else {
			st.Receipt = json.RawMessage(j.Receipt)
		}
		st.Progress = 1
	}
	if j.State == StateProving {
		s.progressMu.Lock()
		if p, ok := s.progress[j.ID]; ok {
			st.Progress, st.Detail = p.fraction, p.detail
		}
		s.progressMu.Unlock()
	}
	return st
}

func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	var req QueryRequest
	if !decodeBody(w, r, s.cfg.MaxBodyBytes, &req) {
		return
	}
	if strings.TrimSpace(req.SQL) == "" {
		writeError(w, http.StatusBadRequest, "sql is required")
		return
	}
	if req.Backend != "" && req.Backend != s.db.BackendName() {
		writeError(w, http.StatusBadRequest, "backend %q is not served here (available: %s)", req.Backend, s.db.BackendName())
		return
	}
	if req.Params == nil {
		req.Params = []string{}
	}
	if req.OneCheck && !s.cfg.OneCheck {
		writeError(w, http.StatusBadRequest, "this server does not prove one-check queries (start it with serve --one-check)")
		return
	}
	plan, err := s.db.Plan(req.SQL, req.Params...)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if req.OneCheck {
		if err := prover.TwoChainSupported(plan); err != nil {
			writeError(w, http.StatusBadRequest, "not provable for one check: %v", err)
			return
		}
	}
	var ms []*store.Manifest
	for _, t := range plan.Query.Tables() {
		m, err := s.db.Store().Manifest(t.Name)
		if err != nil {
			writeError(w, http.StatusBadRequest, "%v", err)
			return
		}
		if m.Rows > s.cfg.MaxRows {
			writeError(w, http.StatusRequestEntityTooLarge, "table %s has %d rows; this server proves queries over at most %d", m.Schema.Name, m.Rows, s.cfg.MaxRows)
			return
		}
		if m.Rows == 0 {
			writeError(w, http.StatusBadRequest, "table %s is empty", m.Schema.Name)
			return
		}
		ms = append(ms, m)
	}
	key, err := s.jobKey(plan, ms, req.OneCheck)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	res, err := s.jobs.submit(r.Context(), newID(), key, req.SQL, req.Params, req.OneCheck, s.cfg.MaxQueue)
	if errors.Is(err, errQueueFull) {
		w.Header().Set("Retry-After", "10")
		writeError(w, http.StatusTooManyRequests, "the proving queue is full (%d jobs); retry later", s.cfg.MaxQueue)
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	if res.Existing {
		s.metrics.deduplicated.Add(1)
	}
	if res.Job.State == StateDone {
		writeJSON(w, http.StatusOK, s.status(res.Job))
		return
	}
	if !res.Existing {
		s.kick()
	}
	writeJSON(w, http.StatusAccepted, JobStatus{ID: res.Job.ID, State: res.Job.State, Progress: res.Job.Progress, OneCheck: res.Job.OneCheck})
}

// jobKey identifies what a proof is about: the receipt format and circuit
// version (a one-check proof's format, two-chain version and least slots
// besides, where asked for one), backend, shape, parameter values and the
// table commitment.
func (s *Server) jobKey(plan *planner.Plan, ms []*store.Manifest, oneCheck bool) (string, error) {
	var digests []string
	for _, m := range ms {
		tc := m.Commitment()
		d, err := tc.Digest()
		if err != nil {
			return "", err
		}
		digests = append(digests, d)
	}
	digest := strings.Join(digests, ",")
	vals, err := plan.ParamValues()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	format := s.format
	if oneCheck {
		format += "; " + prover.OneCheckFormat()
		if n := s.db.OneCheckSlots(); n > 0 { // other slots, another proof
			format += fmt.Sprintf(", at least %d slots", n)
		}
	}
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n", format, s.db.BackendName(), plan.ShapeHash, digest)
	for i, v := range vals {
		fmt.Fprintf(h, "%s:%s\n", plan.Query.Params[i].Type, v)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if len(id) != 24 || strings.Trim(id, "0123456789abcdef") != "" {
		writeError(w, http.StatusNotFound, "no job %q", id)
		return
	}
	j, err := s.jobs.get(r.Context(), id)
	if err != nil {
		writeError(w, http.StatusNotFound, "no job %q", id)
		return
	}
	writeJSON(w, http.StatusOK, s.status(j))
}

// TableInfo is one entry of GET /v1/tables.
type TableInfo struct {
	Name        string          `json:"name"`
	Rows        int             `json:"rows"`
	SegmentRows int             `json:"segment_rows"`
	Segments    int             `json:"segments"`
	Commitment  string          `json:"commitment"`
	Columns     []schema.Column `json:"columns"`
}

func (s *Server) handleTables(w http.ResponseWriter, r *http.Request) {
	names, err := s.db.Store().Tables()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	out := []TableInfo{}
	for _, n := range names {
		m, err := s.db.Store().Manifest(n)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "%v", err)
			return
		}
		tc := m.Commitment()
		d, _ := tc.Digest()
		out = append(out, TableInfo{Name: m.Schema.Name, Rows: m.Rows, SegmentRows: m.Capacity(), Segments: len(m.Segments), Commitment: d, Columns: m.Schema.Columns})
	}
	writeJSON(w, http.StatusOK, map[string]any{"tables": out})
}

// authorized checks the bearer token of a write request.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token == "" {
		writeError(w, http.StatusForbidden, "write endpoints are disabled: no token is configured")
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="provensql"`)
		writeError(w, http.StatusUnauthorized, "missing or invalid bearer token")
		return false
	}
	return true
}

// handleIngest appends CSV rows to a table (created with ?schema= and
// ?segment_rows= when new).
func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	name := r.PathValue("name")
	if !schema.ValidIdentifier(name) {
		writeError(w, http.StatusBadRequest, "%q is not a valid table name", name)
		return
	}
	var cols []schema.Column
	logCap := store.DefaultLogCapacity
	if sc := r.URL.Query().Get("schema"); sc != "" {
		var err error
		if cols, err = schema.ParseColumns(sc); err != nil {
			writeError(w, http.StatusBadRequest, "schema: %v", err)
			return
		}
	} else if t, err := s.db.Store().Schema(name); err == nil {
		cols = t.Columns
	} else {
		writeError(w, http.StatusBadRequest, "table %s does not exist: give ?schema=\"col TYPE, ...\"", name)
		return
	}
	if sr := r.URL.Query().Get("segment_rows"); sr != "" {
		n, err := strconv.Atoi(sr)
		if err == nil {
			logCap, err = store.LogCapacityFor(n)
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, "segment_rows: %v", err)
			return
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxIngestBytes)
	data, blobs, err := store.DecodeCSVBlobs(body, "request body", cols)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "CSV body exceeds %d bytes", s.cfg.MaxIngestBytes)
			return
		}
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	s.dataMu.Lock()
	m, err := s.db.Store().AppendBlobs(&schema.Table{Name: name, Columns: cols}, logCap, data, blobs, nil)
	s.dataMu.Unlock()
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	tc := m.Commitment()
	d, _ := tc.Digest()
	writeJSON(w, http.StatusOK, map[string]any{"table": m.Schema.Name, "appended": len(data[0]), "rows": m.Rows, "commitment": d})
}

func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, receipt.MaxSize))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "receipt exceeds %d bytes", receipt.MaxSize)
			return
		}
		writeError(w, http.StatusBadRequest, "reading the body: %v", err)
		return
	}
	var head struct {
		Kind string `json:"kind"`
	}
	if json.Unmarshal(body, &head) == nil && head.Kind == prover.OneCheckKind {
		s.verifyOneCheck(w, body)
		return
	}
	rc, err := receipt.Read(bytes.NewReader(body))
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	s.answerVerify(w, func() (map[string]any, error) {
		rep, err := s.db.Verify(rc)
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"verified": true, "table": rep.Table, "commitment": rep.Digest, "joined_table": rep.Joined, "joined_commitment": rep.JoinedDigest, "vk_hash": rep.VKHash,
			"srs_hash": rep.SRSHash, "segments": rep.Segments, "window_only": rep.WindowOnly, "left_out": rep.LeftOut, "warnings": rep.Warnings,
		}, nil
	})
}

// verifyOneCheck answers POST /v1/verify for a one-check proof: checked
// against this store's table (its BLS12-377 commitments) and the wrapper
// key in its key cache (provensql.DB.VerifyOneCheck), its result rows.
func (s *Server) verifyOneCheck(w http.ResponseWriter, body []byte) {
	oc, err := prover.DecodeOneCheck(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	s.answerVerify(w, func() (map[string]any, error) {
		rows, err := s.db.VerifyOneCheck(oc)
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"verified": true, "one_check": true, "table": oc.Table, "segments": oc.Segments, "rows": rows,
			"table_digest": "0x" + oc.TableDigest.Text(16), "warnings": oc.Warnings(),
		}, nil
	})
}

// answerVerify runs a verification with the tables held still and answers
// with its report, or 422 naming why it failed.
func (s *Server) answerVerify(w http.ResponseWriter, verify func() (map[string]any, error)) {
	s.dataMu.RLock()
	report, err := verify()
	s.dataMu.RUnlock()
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	s.metrics.verified.Add(1)
	writeJSON(w, http.StatusOK, report)
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}

// OpenAPI returns the API description served at /v1/openapi.json.
func OpenAPI() []byte { return append([]byte(nil), openAPI...) }

// metrics are the counters /metrics exports in Prometheus text format.
type metrics struct {
	mu           sync.Mutex
	requests     map[string]*atomic.Int64 // "route code" → count
	proofs       atomic.Int64
	failed       atomic.Int64
	deduplicated atomic.Int64
	verified     atomic.Int64
	proveSeconds summary
	queueWait    summary
}

type summary struct {
	mu    sync.Mutex
	sum   float64
	count int64
}

func (s *summary) observe(v float64) {
	s.mu.Lock()
	s.sum += v
	s.count++
	s.mu.Unlock()
}

func (s *summary) read() (float64, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sum, s.count
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.code = code
	r.ResponseWriter.WriteHeader(code)
}

func (s *Server) count(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		h(rec, r)
		key := fmt.Sprintf("%s %d", route, rec.code)
		s.metrics.mu.Lock()
		c, ok := s.metrics.requests[key]
		if !ok {
			c = new(atomic.Int64)
			s.metrics.requests[key] = c
		}
		s.metrics.mu.Unlock()
		c.Add(1)
	})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("# HELP provensql_http_requests_total HTTP requests by route and status code.\n# TYPE provensql_http_requests_total counter\n")
	s.metrics.mu.Lock()
	keys := make([]string, 0, len(s.metrics.requests))
	for k := range s.metrics.requests {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := strings.LastIndexByte(k, ' ')
		fmt.Fprintf(&b, "provensql_http_requests_total{route=%q,code=%q} %d\n", k[:i], k[i+1:], s.metrics.requests[k].Load())
	}
	s.metrics.mu.Unlock()
	counts, err := s.jobs.counts(r.Context())
	if err == nil {
		b.WriteString("# HELP provensql_jobs Jobs by state.\n# TYPE provensql_jobs gauge\n")
		for _, st := range []string{StateQueued, StateCompiling, StateProving, StateDone, StateFailed} {
			fmt.Fprintf(&b, "provensql_jobs{state=%q} %d\n", st, counts[st])
		}
	}
	counter := func(name, help string, v int64) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	counter("provensql_proofs_total", "Proofs completed by this process.", s.metrics.proofs.Load())
	counter("provensql_jobs_failed_total", "Jobs failed in this process.", s.metrics.failed.Load())
	counter("provensql_requests_deduplicated_total", "Submissions answered by an identical existing job.", s.metrics.deduplicated.Load())
	counter("provensql_receipts_verified_total", "Receipts verified through /v1/verify.", s.metrics.verified.Load())
	sumOut := func(name, help string, sm *summary) {
		sum, n := sm.read()
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s summary\n%s_sum %g\n%s_count %d\n", name, help, name, name, sum, name, n)
	}
	sumOut("provensql_prove_seconds", "Time spent proving jobs.", &s.metrics.proveSeconds)
	sumOut("provensql_queue_wait_seconds", "Time jobs waited in the queue before a worker took them.", &s.metrics.queueWait)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	io.WriteString(w, b.String())
}
