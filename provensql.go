// Package provensql is the library a dApp developer embeds: open a store of
// committed tables, prove a SQL query over them, and verify receipts.
//
//	db, err := provensql.Open(dir, provensql.Options{})
//	res, err := db.Prove(ctx, "SELECT COUNT(*), SUM(value) FROM t WHERE x = $1", "42")
//	report, err := db.Verify(res.Receipt)
//
// Proofs are Groth16 over BN254 with the table's KZG column commitments
// linked in circuit (commit-and-prove); see DESIGN.md and package verifier
// for what a receipt proves and its public input layout.
package provensql

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/consensys/gnark/backend/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/sql"
	"github.com/provensql/provensql/store"
	"github.com/provensql/provensql/verifier"
)

// Options configure Open.
type Options struct {
	// SRSSize is the largest segment capacity of a new store's unsafe SRS.
	SRSSize int
	// SRSFile imports a ceremony SRS into a new store.
	SRSFile string
	// KeyDir is where compiled circuits and keys are cached (default DIR/keys).
	KeyDir string
	// Backend names the proof system (default groth16-bn254).
	Backend string
	// Prover, when set, proves instead of the backend Backend names: the seam
	// for an accelerated implementation of the same proof system (a GPU
	// prover under the icicle build tag: module
	// github.com/provensql/provensql/accel/icicle). Its proofs are verified
	// by the standard backend of the same Name.
	Prover proofsys.Backend
	// MSM, when set, computes the column commitments and the openings'
	// quotients (default: gnark-crypto on the CPU).
	MSM commitment.MSM
	// MSM377, when set, computes the one-check path's column commitments
	// and openings over BLS12-377 (default: gnark-crypto on the CPU).
	MSM377 kzg377.MSM
	// Progress receives progress events of compile, setup and prove.
	Progress func(prover.Event)
	// Parallel is how many segments are proven at once. Where it is 0,
	// one on the direct path, and on the one-check path two where the
	// cores and memory allow (prover.TwoChainParallel).
	Parallel int
	// RampUp starts the first Parallel segments one after another, each
	// once the one before has derived its challenge (prover.Prover.RampUp).
	RampUp bool
	// OneCheckSlots is the least slots of a one-check proof's aggregator
	// (prover.Prover.MinSlots; 0: the table's segments rounded up to a
	// power of two): a verifier registered for that many serves the table
	// until it outgrows them.
	OneCheckSlots int
	// ProveEverySegment proves every segment, those a query's window
	// leaves out too (prover.Prover.ProveEverySegment): the cost of a full
	// scan, for benchmarks (every segment held in the receipt too). By
	// default a segment the window holds no row of gets no proof.
	ProveEverySegment bool
	// KeepEverySegment holds every segment of the table in a receipt
	// (prover.Prover.KeepEverySegment), those outside a query's window
	// shown by their window alone. By default a query whose window is on
	// a SORTED column holds only the segments around its window's rows, so
	// its verification costs the same however large the table grows.
	KeepEverySegment bool
	// OpeningInMemory keeps a multi-segment query's opening polynomials in
	// memory instead of a temporary file in the store's directory
	// (prover.Prover.OpeningInMemory).
	OpeningInMemory bool
	// CompileGCPercent, when above 0, is the garbage collector's target
	// heap growth (debug.SetGCPercent) while a circuit compiles or its
	// cached keys load, the previous one restored after: see
	// prover.KeyStore.CompileGCPercent.
	CompileGCPercent int
}

// DB is an opened ProvenSQL store with its prover.
type DB struct {
	store  *store.Store
	keys   *prover.KeyStore
	prover *prover.Prover
}

// Open opens (or creates) the store at dir.
func Open(dir string, opt Options) (*DB, error) {
	st, err := store.Open(dir, store.Options{SRSSize: opt.SRSSize, SRSFile: opt.SRSFile, MSM: opt.MSM, MSM377: opt.MSM377})
	if err != nil {
		return nil, err
	}
	b := opt.Prover
	if b == nil {
		if b, err = proofsys.ByName(opt.Backend); err != nil {
			return nil, err
		}
	} else if opt.Backend != "" && opt.Backend != b.Name() {
		return nil, fmt.Errorf("provensql: Backend %q and Prover %q name different proof systems", opt.Backend, b.Name())
	}
	kd := opt.KeyDir
	if kd == "" {
		kd = filepath.Join(dir, "keys")
	}
	ks := prover.NewKeyStore(kd, b, opt.Progress)
	ks.CompileGCPercent = opt.CompileGCPercent
	return &DB{store: st, keys: ks, prover: &prover.Prover{Store: st, Keys: ks, Backend: b, Progress: opt.Progress, Parallel: opt.Parallel, AutoParallel: opt.Parallel <= 0, MinSlots: opt.OneCheckSlots, RampUp: opt.RampUp, OpeningInMemory: opt.OpeningInMemory, ProveEverySegment: opt.ProveEverySegment, KeepEverySegment: opt.KeepEverySegment}}, nil
}

// Store returns the underlying table store (for ingest).
func (db *DB) Store() *store.Store { return db.store }

// Plan parses, binds and plans a query with its placeholder values.
func (db *DB) Plan(text string, params ...string) (*planner.Plan, error) {
	q, err := sql.Parse(text, db.store)
	if err != nil {
		return nil, err
	}
	if q, err = q.Bind(params); err != nil {
		return nil, err
	}
	return planner.New(q)
}

// Shape plans a query without binding its placeholders: enough to compile
// its circuit, export it for a ceremony or import the ceremony's keys.
func (db *DB) Shape(text string) (*planner.Plan, error) {
	q, err := sql.Parse(text, db.store)
	if err != nil {
		return nil, err
	}
	return planner.New(q)
}

// circuitSize returns the size of the query's circuit over the store's
// current tables (prover.Prover.Size): its table's segment capacity, a
// join's Right table's, and whether a join takes the lookup variant.
func (db *DB) circuitSize(plan *planner.Plan) (circuits.Size, error) {
	return db.prover.Size(plan)
}

// ExportCircuit writes the compiled circuit of a query shape (for the
// table's segment capacity) for a phase-2 ceremony.
func (db *DB) ExportCircuit(text string, w io.Writer) error {
	plan, err := db.Shape(text)
	if err != nil {
		return err
	}
	size, err := db.circuitSize(plan)
	if err != nil {
		return err
	}
	cs, err := prover.Compile(plan, size)
	if err != nil {
		return err
	}
	_, err = cs.WriteTo(w)
	return err
}

// ImportKeys installs a ceremony's proving and verifying keys for a query shape.
func (db *DB) ImportKeys(text string, pk, vk io.Reader) (vkHash string, err error) {
	plan, err := db.Shape(text)
	if err != nil {
		return "", err
	}
	size, err := db.circuitSize(plan)
	if err != nil {
		return "", err
	}
	c, err := db.keys.Import(plan, size, pk, vk)
	if err != nil {
		return "", err
	}
	return c.VKHash, nil
}

// Proven is a proven query: its receipt and how long the work took.
type Proven struct {
	Receipt *receipt.Receipt
	Timings prover.Timings
	Plan    *planner.Plan
}

// Prove proves a query over the store's current tables.
func (db *DB) Prove(ctx context.Context, text string, params ...string) (*Proven, error) {
	plan, err := db.Plan(text, params...)
	if err != nil {
		return nil, err
	}
	return db.ProvePlan(ctx, plan, params, db.prover.Progress)
}

// Prepare compiles and sets up the circuit of a plan for its table's segment
// capacity, or loads it from the key cache.
func (db *DB) Prepare(plan *planner.Plan) (*prover.Circuit, error) {
	return db.PrepareWithin(plan, 0)
}

// PrepareWithin is Prepare, refusing a circuit of more than limit
// constraints where limit is positive (prover.ErrCircuitTooLarge) before
// setting up its keys.
func (db *DB) PrepareWithin(plan *planner.Plan, limit int) (*prover.Circuit, error) {
	size, err := db.circuitSize(plan)
	if err != nil {
		return nil, err
	}
	return db.keys.GetWithin(plan, size, limit)
}

// ProvePlan proves a planned query whose placeholders were bound from
// params, reporting the proving progress of this call to progress (may be nil).
func (db *DB) ProvePlan(ctx context.Context, plan *planner.Plan, params []string, progress func(prover.Event)) (*Proven, error) {
	p := *db.prover
	p.Progress = progress
	rc, tm, err := p.Prove(ctx, plan, params)
	if err != nil {
		return nil, err
	}
	return &Proven{Receipt: rc, Timings: *tm, Plan: plan}, nil
}

// ProveOneCheck proves a query for one on-chain check whatever the number
// of its table's segments: the two-chain path (prover.ProveOneCheck), the
// table's columns committed over BLS12-377 with the store's SRS377. The
// query must be one the path proves (prover.TwoChainSupported); its
// verifier compares the proof's parameters with the query's and its table
// digest with the table's TwoChainTable.Digest (prover.VerifyOneCheck; on
// chain, OneCheckCoprocessor.sol). Its keys are cached in the key
// directory, per slot count (prover.OneCheckSlots: the segments rounded
// up to a power of two, or Options.OneCheckSlots): a table that grows
// from 5 to 8 segments reuses them.
func (db *DB) ProveOneCheck(ctx context.Context, text string, params ...string) (*prover.OneCheck, *planner.Plan, error) {
	plan, err := db.Plan(text, params...)
	if err != nil {
		return nil, nil, err
	}
	oc, err := db.ProveOneCheckPlan(ctx, plan, params, ProveOptions{Progress: db.prover.Progress})
	if err != nil {
		return nil, nil, err
	}
	return oc, plan, nil
}

// ProveOptions report and bound one proof (ProveOneCheckPlan).
type ProveOptions struct {
	// Progress receives this proof's events (nil: none).
	Progress func(prover.Event)
	// MaxConstraints, where positive, refuses a query whose segment
	// circuit has more constraints, before setting up its keys
	// (prover.ErrCircuitTooLarge).
	MaxConstraints int
}

// ProveOneCheckPlan is ProveOneCheck for a planned query whose
// placeholders were bound from params, under opts.
func (db *DB) ProveOneCheckPlan(ctx context.Context, plan *planner.Plan, params []string, opts ProveOptions) (*prover.OneCheck, error) {
	srs, err := db.store.SRS377()
	if err != nil {
		return nil, err
	}
	p := *db.prover
	p.Progress, p.MaxConstraints = opts.Progress, opts.MaxConstraints
	return p.ProveOneCheck(ctx, plan, params, srs)
}

// VerifyOneCheck checks a one-check proof against this store: its query
// planned from its SQL and parameters, its table's BLS12-377 commitments
// as this store holds them (TwoChainTable), the wrapper key of the
// proof's slots from this store's key cache (never set up here). It
// returns the result rows.
func (db *DB) VerifyOneCheck(oc *prover.OneCheck) ([][]string, error) {
	if oc == nil {
		return nil, fmt.Errorf("provensql: no one-check proof")
	}
	plan, err := db.Plan(oc.SQL, oc.Params...)
	if err != nil {
		return nil, err
	}
	if t := plan.Query.Tables()[0].Name; t != oc.Table {
		return nil, fmt.Errorf("provensql: the one-check proof names table %s, its query reads %s", oc.Table, t)
	}
	posted, err := db.TwoChainTable(oc.Table)
	if err != nil {
		return nil, err
	}
	srs, err := db.store.SRS377()
	if err != nil {
		return nil, err
	}
	key, err := db.prover.OneCheckVerifyingKeyIn(plan, srs, oc.Slots) // the key of the proof's slots
	if err != nil {
		return nil, err
	}
	return prover.VerifyOneCheck(oc, plan, posted, key)
}

// OneCheckProvingKeys returns the proving keys of a query's one-check
// layers over its table's current segments (prover.Prover.
// OneCheckProvingKeys): its segment circuit's over BLS12-377, its
// aggregator's over BW6-761 and its wrapper's over BN254, from the key
// cache or set up. A profile of the layers' kernels reads them.
func (db *DB) OneCheckProvingKeys(plan *planner.Plan) (segment, aggregator, wrapper groth16.ProvingKey, err error) {
	srs, err := db.store.SRS377()
	if err != nil {
		return nil, nil, nil, err
	}
	return db.prover.OneCheckProvingKeys(plan, srs, 0)
}

// OneCheckSlots is the least slots this store's one-check proofs have
// (Options.OneCheckSlots).
func (db *DB) OneCheckSlots() int { return db.prover.MinSlots }

// OneCheckVerifyingKey returns the one-check wrapper's verifying key this
// store's key cache holds for a query's shape over its table's current
// segments (the aggregator of their slots; never set up here): the key to
// check a one-check proof with
// (prover.VerifyOneCheck), and the one its Solidity verifier is exported
// from.
func (db *DB) OneCheckVerifyingKey(plan *planner.Plan) ([]byte, error) {
	srs, err := db.store.SRS377()
	if err != nil {
		return nil, err
	}
	return db.prover.OneCheckVerifyingKey(plan, srs)
}

// TwoChainTable commits a table's columns over BLS12-377 with the store's
// SRS377, as its owner posts them for the two-chain path
// (prover.Prover.TwoChainTable).
func (db *DB) TwoChainTable(name string) (*prover.TwoChainTable, error) {
	srs, err := db.store.SRS377()
	if err != nil {
		return nil, err
	}
	return db.prover.TwoChainTable(name, srs)
}

// BackendName names the proof system the store proves with.
func (db *DB) BackendName() string { return db.prover.Backend.Name() }

// Verify checks a receipt against this store: the verifying key must be the
// one in the store's key cache, the SRS the store's, and the table
// commitment one the store recorded.
func (db *DB) Verify(rc *receipt.Receipt) (*verifier.Report, error) {
	return verifier.Verify(rc, verifier.Options{
		TrustedVK:      db.keys.VerifyingKey,
		TrustedSRSHash: verifierSRSHash(db.store),
		TableVersions: func(table string) ([]string, error) {
			m, err := db.store.Manifest(table)
			if err != nil {
				return nil, err
			}
			out := make([]string, len(m.History))
			for i, v := range m.History {
				out[i] = v.Digest
			}
			return out, nil
		},
	})
}

// Verify checks a receipt on its own: every proof and opening, against the
// keys the receipt carries, whose hashes the caller should compare with
// published ones (see verifier.Report.Warnings).
func Verify(rc *receipt.Receipt) (*verifier.Report, error) {
	return verifier.Verify(rc, verifier.Options{})
}

func verifierSRSHash(st *store.Store) string {
	return commitment.VerifyingKeyHash(st.SRS().VerifyingKey())
}
