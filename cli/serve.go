package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/server"
)

// cmdServe runs the proving server until SIGINT/SIGTERM.
func (a *app) cmdServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	listen := fs.String("listen", "127.0.0.1:7420", "address to listen on")
	configPath := fs.String("config", "", `JSON config: {"token", "max_concurrent", "max_queue", "max_rows", "max_constraints", "max_body_bytes", "max_ingest_bytes", "one_check", "one_check_slots"}; the token may also come from PROVENSQL_TOKEN`)
	grace := fs.Duration("shutdown-grace", 30*time.Second, "how long running proofs may finish on shutdown before they are requeued")
	interrupt := fs.Duration("shutdown-interrupt", 10*time.Second, "how long shutdown then waits for interrupted proofs to stop; one inside a step that cannot be interrupted (a one-check layer) is left behind, its job requeued at the next start")
	oneCheck := fs.Bool("one-check", false, `also prove one-check queries ({"one_check": true}: one on-chain check whatever the segments; minutes and about 8 GiB to set up a shape's keys, about 11 GiB a proof, one at a time)`)
	slots := fs.Int("one-check-slots", 0, "with --one-check: "+slotsUsage+` (or "one_check_slots" in the config)`)
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" {
		return usagef("--db is required")
	}
	var cfg server.Config
	if *configPath != "" {
		b, err := os.ReadFile(*configPath)
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			return fmt.Errorf("%s: %w", *configPath, err)
		}
	}
	if cfg.Token == "" {
		cfg.Token = os.Getenv("PROVENSQL_TOKEN")
	}
	cfg.ShutdownGrace, cfg.ShutdownInterrupt = *grace, *interrupt
	cfg.OneCheck = cfg.OneCheck || *oneCheck
	if *slots != 0 {
		cfg.OneCheckSlots = *slots
	}
	if err := checkSlots("--one-check-slots (one_check_slots)", cfg.OneCheckSlots); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(*dir, "tables"), 0o755); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	db, err := a.open(*dir, provensql.Options{OneCheckSlots: cfg.OneCheckSlots})
	if err != nil {
		return err
	}
	srv, err := server.New(db, *dir, cfg, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.Start()
	logger.Info("serving", "addr", ln.Addr().String(), "db", *dir, "writes", cfg.Token != "", "one_check", cfg.OneCheck)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			srv.Shutdown(context.Background())
			return err
		}
	case <-ctx.Done():
	}
	logger.Info("shutting down: no new requests; running proofs may finish", "grace", *grace)
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hs.Shutdown(sctx)
	return srv.Shutdown(context.Background())
}
