package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver
)

// Job states.
const (
	StateQueued    = "queued"
	StateCompiling = "compiling"
	StateProving   = "proving"
	StateDone      = "done"
	StateFailed    = "failed"
)

// Job is one proof request as persisted.
type Job struct {
	ID       string
	Key      string
	SQL      string
	Params   []string
	State    string
	Progress float64
	Detail   string
	Error    string
	Receipt  []byte // receipt JSON when done (the one-check proof's JSON for a one-check job)
	// OneCheck is true for a job proven for one on-chain check (the
	// two-chain path: QueryRequest.OneCheck).
	OneCheck bool
	Created  time.Time
	Started  time.Time
}

// jobStore persists jobs in SQLite so that a restart resumes them.
type jobStore struct {
	db *sql.DB
}

func openJobStore(path string) (*jobStore, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises anyway
	const schemaSQL = `
CREATE TABLE IF NOT EXISTS jobs (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	id       TEXT NOT NULL UNIQUE,
	key      TEXT NOT NULL,
	sql      TEXT NOT NULL,
	params   TEXT NOT NULL,
	state    TEXT NOT NULL,
	progress REAL NOT NULL DEFAULT 0,
	detail   TEXT NOT NULL DEFAULT '',
	error    TEXT NOT NULL DEFAULT '',
	receipt  BLOB,
	one_check INTEGER NOT NULL DEFAULT 0,
	created  INTEGER NOT NULL,
	started  INTEGER NOT NULL DEFAULT 0,
	updated  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_key ON jobs(key, state);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, seq);`
	if _, err := db.Exec(schemaSQL); err != nil {
		db.Close()
		return nil, fmt.Errorf("jobs: creating schema in %s: %w", path, err)
	}
	if err := addOneCheckColumn(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("jobs: upgrading the schema in %s: %w", path, err)
	}
	return &jobStore{db: db}, nil
}

// addOneCheckColumn adds the one_check column to a job database an older
// build created without it (its jobs are all receipt jobs: 0).
func addOneCheckColumn(db *sql.DB) error {
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = 'one_check'`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := db.Exec(`ALTER TABLE jobs ADD COLUMN one_check INTEGER NOT NULL DEFAULT 0`)
	return err
}

func (s *jobStore) close() error { return s.db.Close() }

// requeueInterrupted puts jobs a previous process was working on back in
// the queue; it returns how many.
func (s *jobStore) requeueInterrupted(ctx context.Context) (int64, error) {
	r, err := s.db.ExecContext(ctx, `UPDATE jobs SET state = ?, progress = 0, detail = 'resumed after restart', updated = ? WHERE state IN (?, ?)`,
		StateQueued, time.Now().UnixNano(), StateCompiling, StateProving)
	if err != nil {
		return 0, fmt.Errorf("jobs: requeue: %w", err)
	}
	return r.RowsAffected()
}

// submitResult says what submit did.
type submitResult struct {
	Job      *Job
	Existing bool // an identical job was already known
}

var errQueueFull = errors.New("queue full")

// submit records a new job unless one with the same key is queued, running
// or done; it refuses when maxActive jobs are already waiting or running.
func (s *jobStore) submit(ctx context.Context, id, key, sqlText string, params []string, oneCheck bool, maxActive int) (*submitResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	defer tx.Rollback()
	row := tx.QueryRowContext(ctx, `SELECT id FROM jobs WHERE key = ? AND state <> ? ORDER BY seq DESC LIMIT 1`, key, StateFailed)
	var existing string
	switch err := row.Scan(&existing); {
	case err == nil:
		j, err := getJob(ctx, tx, existing)
		if err != nil {
			return nil, err
		}
		return &submitResult{Job: j, Existing: true}, tx.Commit()
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("jobs: %w", err)
	}
	var active int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE state IN (?, ?, ?)`, StateQueued, StateCompiling, StateProving).Scan(&active); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if active >= maxActive {
		return nil, errQueueFull
	}
	pj, _ := json.Marshal(params)
	now := time.Now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (id, key, sql, params, state, one_check, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id, key, sqlText, string(pj), StateQueued, oneCheck, now.UnixNano(), now.UnixNano()); err != nil {
		return nil, fmt.Errorf("jobs: insert: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("jobs: commit: %w", err)
	}
	return &submitResult{Job: &Job{ID: id, Key: key, SQL: sqlText, Params: params, State: StateQueued, OneCheck: oneCheck, Created: now}}, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getJob(ctx context.Context, q queryer, id string) (*Job, error) {
	var j Job
	var params string
	var created, started int64
	err := q.QueryRowContext(ctx, `SELECT id, key, sql, params, state, progress, detail, error, receipt, one_check, created, started FROM jobs WHERE id = ?`, id).
		Scan(&j.ID, &j.Key, &j.SQL, &params, &j.State, &j.Progress, &j.Detail, &j.Error, &j.Receipt, &j.OneCheck, &created, &started)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(params), &j.Params); err != nil {
		return nil, fmt.Errorf("jobs: job %s has corrupt params: %w", id, err)
	}
	j.Created = time.Unix(0, created)
	if started != 0 {
		j.Started = time.Unix(0, started)
	}
	return &j, nil
}

func (s *jobStore) get(ctx context.Context, id string) (*Job, error) { return getJob(ctx, s.db, id) }

// claim moves the oldest queued job to compiling and returns it (nil when none).
func (s *jobStore) claim(ctx context.Context) (*Job, error) {
	now := time.Now().UnixNano()
	var id string
	err := s.db.QueryRowContext(ctx, `UPDATE jobs SET state = ?, started = ?, updated = ?
		WHERE seq = (SELECT seq FROM jobs WHERE state = ? ORDER BY seq LIMIT 1) RETURNING id`,
		StateCompiling, now, now, StateQueued).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: claim: %w", err)
	}
	return s.get(ctx, id)
}

func (s *jobStore) setState(ctx context.Context, id, state string, progress float64, detail string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET state = ?, progress = ?, detail = ?, updated = ? WHERE id = ?`,
		state, progress, detail, time.Now().UnixNano(), id)
	return err
}

func (s *jobStore) finish(ctx context.Context, id string, receipt []byte) error {
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET state = ?, progress = 1, detail = '', receipt = ?, updated = ? WHERE id = ?`,
		StateDone, receipt, time.Now().UnixNano(), id)
	return err
}

func (s *jobStore) fail(ctx context.Context, id, msg string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET state = ?, error = ?, updated = ? WHERE id = ?`,
		StateFailed, msg, time.Now().UnixNano(), id)
	return err
}

// counts returns the number of jobs per state.
func (s *jobStore) counts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, COUNT(*) FROM jobs GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
