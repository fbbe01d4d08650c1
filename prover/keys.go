package prover

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
)

// Circuit is a compiled query circuit with its keys.
type Circuit struct {
	CS          constraint.ConstraintSystem
	Keys        proofsys.Keys
	VK          []byte
	VKHash      string
	UnsafeSetup bool
	// CompileTime and SetupTime are zero when the circuit came from the
	// cache; LoadTime is then the time to read and check it (the system and
	// the proving key: their files hashed, then parsed), zero otherwise.
	CompileTime, SetupTime, LoadTime time.Duration
	FromCache                        bool
}

// KeyStore caches compiled circuits and keys on disk, keyed by backend,
// shape hash and segment capacity. Every file's SHA-256 is recorded when
// written and checked when read: a corrupt entry is rebuilt, never trusted.
type KeyStore struct {
	dir     string
	backend proofsys.Backend
	log     func(Event)

	// CompileGCPercent, when above 0, is the garbage collector's target
	// heap growth (debug.SetGCPercent) while a circuit compiles or its
	// cached keys load, the previous one restored after. Compiling builds
	// gigabytes of long-lived, pointer-rich state at 2^20 rows, and so
	// does decoding the cached constraint system, which a low target (good
	// for proving: see cli.ProverGCPercent) marks over and over while the
	// proving key's gigabytes are read beside it (cli.CompileGCPercent has
	// the figures). The setting is the whole process's, so only a program
	// that owns its process (the command line) should set it, and only
	// where one KeyStore compiles or loads at a time.
	CompileGCPercent int

	mu  sync.Mutex
	mem map[string]*Circuit

	// twoChain holds the two-chain path's circuits and keys read or set
	// up by this store: the segment circuits over BLS12-377, the
	// aggregators over BW6-761 and the wrappers over BN254
	// (twoChainEntry), by cache entry name.
	twoChain map[string]*curveKeys
}

// NewKeyStore returns a key store under dir (created on first write).
func NewKeyStore(dir string, b proofsys.Backend, progress func(Event)) *KeyStore {
	if progress == nil {
		progress = func(Event) {}
	}
	return &KeyStore{dir: dir, backend: b, log: progress, mem: map[string]*Circuit{}}
}

type keyMeta struct {
	Shape       string            `json:"shape"`
	ShapeHash   string            `json:"shape_hash"`
	LogN        int               `json:"log_n"`
	LogRight    int               `json:"log_right,omitempty"` // a join's Right segments
	Circuit     string            `json:"circuit_version"`
	Backend     string            `json:"backend"`
	Constraints int               `json:"constraints"`
	UnsafeSetup bool              `json:"unsafe_setup"`
	VKHash      string            `json:"vk_hash"`
	Files       map[string]string `json:"files"` // name → sha256
}

func (k *KeyStore) entryDir(shapeHash string, size circuits.Size) string {
	return filepath.Join(k.dir, k.backend.Name(), cacheID(shapeHash, size))
}

// cacheID names a cache entry: shape, segment capacities and circuit version.
func cacheID(shapeHash string, size circuits.Size) string {
	return fmt.Sprintf("%s-%s-c%s", shapeHash, size, circuits.Version)
}

// Get returns the circuit of plan for segments of the given size: from
// memory, from disk, or compiled and set up (then cached).
func (k *KeyStore) Get(plan *planner.Plan, size circuits.Size) (*Circuit, error) {
	return k.GetWithin(plan, size, 0)
}

// ErrCircuitTooLarge is what a circuit above a caller's constraint limit
// is refused with (GetWithin, Prover.MaxConstraints).
var ErrCircuitTooLarge = errors.New("circuit too large")

// withinLimit refuses a circuit of n constraints where a positive limit
// is below it.
func withinLimit(n, limit int) error {
	if limit > 0 && n > limit {
		return fmt.Errorf("prover: %w: the query's circuit has %d constraints, above the limit of %d", ErrCircuitTooLarge, n, limit)
	}
	return nil
}

// GetWithin is Get, refusing (ErrCircuitTooLarge) a circuit of more than
// limit constraints where limit is positive: one compiled here is refused
// before its setup, the costly step, and one cached is not handed out.
func (k *KeyStore) GetWithin(plan *planner.Plan, size circuits.Size, limit int) (*Circuit, error) {
	id := cacheID(plan.ShapeHash, size)
	k.mu.Lock()
	defer k.mu.Unlock()
	if c, ok := k.mem[id]; ok {
		if err := withinLimit(c.CS.GetNbConstraints(), limit); err != nil {
			return nil, err
		}
		return c, nil
	}
	dir := k.entryDir(plan.ShapeHash, size)
	t0 := time.Now()
	c, err := k.load(dir, plan, size)
	if err == nil {
		if err := withinLimit(c.CS.GetNbConstraints(), limit); err != nil {
			return nil, err
		}
		c.LoadTime = time.Since(t0)
		k.log(Event{Stage: "load", Detail: fmt.Sprintf("keys for %d-row segments from the cache", 1<<size.LogN), Elapsed: c.LoadTime})
		// decoding the constraint system leaves garbage about its size:
		// give it back before proving allocates its own (as after a build)
		debug.FreeOSMemory()
		k.mem[id] = c
		return c, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		k.log(Event{Stage: "cache", Detail: fmt.Sprintf("key cache entry %s unusable (%v); rebuilding", dir, err)})
	}
	c, err = k.build(plan, size, limit)
	if err != nil {
		return nil, err
	}
	if meta, err := k.save(dir, plan, size, c); err != nil {
		k.log(Event{Stage: "cache", Detail: fmt.Sprintf("could not write key cache %s (the keys are set up again next run): %v", dir, err)})
	} else if err := k.compactCS(dir, meta, c); err != nil {
		k.log(Event{Stage: "cache", Detail: fmt.Sprintf("key cache %s: reading the circuit back: %v", dir, err)})
	}
	// compiling and setting up leave gigabytes of garbage at 2^20 rows:
	// give it back before proving allocates its own
	debug.FreeOSMemory()
	k.mem[id] = c
	return c, nil
}

// Compile compiles the circuit of plan for segments of the given size, its
// products' factors oriented for Groth16 (proofsys.OrientFactors).
func Compile(plan *planner.Plan, size circuits.Size) (constraint.ConstraintSystem, error) {
	return CompileOver(ecc.BN254, plan, size)
}

// CompileOver is Compile over the scalar field of curve: BN254 (Compile),
// or BLS12-377, the segment curve of the two-chain path, whose proofs the
// prover cannot make yet (its witness is BN254's). The products are
// oriented and the solve scheduled the same way over either; only over
// BN254 does the commitment hint read the witness.
func CompileOver(curve ecc.ID, plan *planner.Plan, size circuits.Size) (constraint.ConstraintSystem, error) {
	cs, err := frontend.Compile(curve.ScalarField(), r1cs.NewBuilder, circuits.New(plan, size))
	if err != nil {
		return nil, fmt.Errorf("prover: compiling circuit: %w", err)
	}
	// fewer wires on the products' B side: smaller MSMs in every proof
	if _, err := proofsys.OrientFactors(cs); err != nil {
		return nil, fmt.Errorf("prover: orienting the circuit's products: %w", err)
	}
	// the first pass, which stops at Z, solves only what leads to Z
	if _, err := proofsys.ScheduleSolve(cs, solver.GetHintID(circuits.CaptureHint)); err != nil {
		return nil, fmt.Errorf("prover: scheduling the circuit's solve: %w", err)
	}
	// the commitment hint reads the columns from the witness instead of
	// taking millions of inputs the solver converts one by one
	proofsys.ReadCommittedFromWitness(cs)
	return cs, nil
}

// compile reports and compiles plan's circuit, under CompileGCPercent.
func (k *KeyStore) compile(plan *planner.Plan, size circuits.Size) (constraint.ConstraintSystem, time.Duration, error) {
	defer k.underCompileGC()()
	detail := fmt.Sprintf("circuit for %d-row segments", 1<<size.LogN)
	if size.Right() != size.LogN {
		detail += fmt.Sprintf(" joined with %d-row segments", 1<<size.Right())
	}
	k.log(Event{Stage: "compile", Detail: detail})
	t0 := time.Now()
	cs, err := Compile(plan, size)
	return cs, time.Since(t0), err
}

func (k *KeyStore) build(plan *planner.Plan, size circuits.Size, limit int) (*Circuit, error) {
	cs, compileTime, err := k.compile(plan, size)
	if err != nil {
		return nil, err
	}
	if err := withinLimit(cs.GetNbConstraints(), limit); err != nil {
		return nil, err
	}
	c := &Circuit{CS: cs, CompileTime: compileTime, UnsafeSetup: true}
	k.log(Event{Stage: "setup", Detail: fmt.Sprintf("%d constraints (unsafe local setup)", cs.GetNbConstraints())})
	t0 := time.Now()
	if c.Keys, err = k.backend.Setup(cs); err != nil {
		return nil, err
	}
	c.SetupTime = time.Since(t0)
	if c.VK, err = k.backend.VerifyingKeyBytes(c.Keys); err != nil {
		return nil, err
	}
	c.VKHash = proofsys.VKHash(c.VK)
	return c, nil
}

// save writes c's cache entry to dir and returns the meta.json it wrote.
func (k *KeyStore) save(dir string, plan *planner.Plan, size circuits.Size, c *Circuit) (keyMeta, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return keyMeta{}, err
	}
	meta := keyMeta{Shape: plan.Shape, ShapeHash: plan.ShapeHash, LogN: size.LogN, LogRight: rightOf(plan, size), Circuit: circuits.Version, Backend: k.backend.Name(),
		Constraints: c.CS.GetNbConstraints(), UnsafeSetup: c.UnsafeSetup, VKHash: c.VKHash, Files: map[string]string{}}
	write := func(name string, fn func(io.Writer) error) error { return writeCacheFile(dir, name, meta.Files, fn) }
	if err := write("circuit.r1cs", func(w io.Writer) error { _, err := c.CS.WriteTo(w); return err }); err != nil {
		return keyMeta{}, err
	}
	if err := write("pk.dump", func(w io.Writer) error { return k.backend.WriteProvingKey(w, c.Keys) }); err != nil {
		return keyMeta{}, err
	}
	if err := write("vk.bin", func(w io.Writer) error { _, err := w.Write(c.VK); return err }); err != nil {
		return keyMeta{}, err
	}
	mb, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return keyMeta{}, err
	}
	return meta, os.WriteFile(filepath.Join(dir, "meta.json"), mb, 0o644)
}

// writeCacheFile writes the cache file name of dir through fn, by
// rename, and records its SHA-256 in files.
func writeCacheFile(dir, name string, files map[string]string, fn func(io.Writer) error) error {
	path := filepath.Join(dir, name)
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	if err := fn(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	files[name] = hex.EncodeToString(h.Sum(nil))
	return os.Rename(path+".tmp", path)
}

// underCompileGC sets the collector's target to CompileGCPercent, when
// above 0, and returns what restores the one before: compiling and loading
// cached keys run under it.
func (k *KeyStore) underCompileGC() (restore func()) {
	if k.CompileGCPercent <= 0 {
		return func() {}
	}
	before := debug.SetGCPercent(k.CompileGCPercent)
	return func() { debug.SetGCPercent(before) }
}

// load reads the cache entry in dir (under CompileGCPercent).
func (k *KeyStore) load(dir string, plan *planner.Plan, size circuits.Size) (*Circuit, error) {
	defer k.underCompileGC()()
	mb, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, err
	}
	var meta keyMeta
	if err := json.Unmarshal(mb, &meta); err != nil {
		return nil, fmt.Errorf("meta.json: %w", err)
	}
	if meta.Shape != plan.Shape || meta.LogN != size.LogN || meta.LogRight != rightOf(plan, size) || meta.Circuit != circuits.Version || meta.Backend != k.backend.Name() {
		return nil, errors.New("meta.json describes another circuit")
	}
	vkb, err := os.ReadFile(filepath.Join(dir, "vk.bin"))
	if err != nil {
		return nil, err
	}
	if err := checkSum(meta.Files, "vk.bin", sha256.Sum256(vkb)); err != nil {
		return nil, err
	}
	c := &Circuit{CS: k.backend.NewCS(), VK: vkb, VKHash: proofsys.VKHash(vkb), UnsafeSetup: meta.UnsafeSetup, FromCache: true}
	if c.VKHash != meta.VKHash {
		return nil, errors.New("vk.bin does not match the recorded vk hash")
	}
	// the constraint system and the proving key (gigabytes at 2^20 rows)
	// are read from their files, not from a copy in memory: a first pass
	// checks the file's hash, a second parses it (the cache is written by
	// rename, so an open file is the one checked). The two files are read
	// side by side: the system's hash and parse take the time of the key's
	// hash alone (1.1 of 5.7 s at 2^20 rows).
	var pk any
	var csErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		csErr = readVerified(dir, "circuit.r1cs", meta.Files, func(r io.Reader) error { _, err := c.CS.ReadFrom(r); return err })
	})
	pkErr := readVerified(dir, "pk.dump", meta.Files, func(r io.Reader) (err error) { pk, err = k.backend.ReadProvingKey(r); return err })
	wg.Wait()
	if csErr != nil {
		return nil, csErr
	}
	if c.CS.GetNbConstraints() != meta.Constraints {
		return nil, errors.New("circuit.r1cs: constraint count differs from meta.json")
	}
	if pkErr != nil {
		return nil, pkErr
	}
	vk, err := k.backend.ReadVerifyingKey(vkb)
	if err != nil {
		return nil, fmt.Errorf("vk.bin: %w", err)
	}
	c.Keys = proofsys.Keys{PK: pk, VK: vk}
	return c, nil
}

// compactCS replaces a freshly compiled c.CS by the one just written to
// dir (meta, save's): the compiler's system holds a tenth more memory than
// the same system read back (at 2^21 rows, most of a gigabyte through the
// proof), and reading it checks the entry a later run will load.
func (k *KeyStore) compactCS(dir string, meta keyMeta, c *Circuit) error {
	cs := k.backend.NewCS()
	if err := readVerified(dir, "circuit.r1cs", meta.Files, func(r io.Reader) error { _, err := cs.ReadFrom(r); return err }); err != nil {
		return err
	}
	if cs.GetNbConstraints() != c.CS.GetNbConstraints() {
		return errors.New("circuit.r1cs: another constraint count than the compiled circuit's")
	}
	c.CS = cs
	return nil
}

// checkSum compares a cache file's SHA-256 with the one meta.json records
// (files).
func checkSum(files map[string]string, name string, sum [sha256.Size]byte) error {
	if want, ok := files[name]; !ok || hex.EncodeToString(sum[:]) != want {
		return fmt.Errorf("%s: SHA-256 mismatch", name)
	}
	return nil
}

// readVerified hands parse the cache file name of dir once its SHA-256,
// computed in a first pass over the open file, matches meta.json's: the
// file is read twice, buffered, and never held in memory whole.
func readVerified(dir, name string, files map[string]string, parse func(io.Reader) error) error {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := checkSum(files, name, [sha256.Size]byte(h.Sum(nil))); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := parse(bufio.NewReaderSize(f, 1<<20)); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// VerifyingKey returns the cached verifying key of a shape without building
// it: the trusted key a verifier with access to this store compares against.
func (k *KeyStore) VerifyingKey(shape, shapeHash string, size circuits.Size) ([]byte, error) {
	// keys this store holds in memory, set up or read by it, are as
	// trusted as its directory's (a full disk may have kept them out)
	k.mu.Lock()
	c, ok := k.mem[cacheID(shapeHash, size)]
	k.mu.Unlock()
	if ok {
		return c.VK, nil
	}
	dir := k.entryDir(shapeHash, size)
	mb, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, fmt.Errorf("prover: no cached keys for shape %s at size %s: %w", shapeHash, size, err)
	}
	var meta keyMeta
	if err := json.Unmarshal(mb, &meta); err != nil {
		return nil, fmt.Errorf("prover: %s/meta.json: %w", dir, err)
	}
	if meta.Shape != shape {
		return nil, fmt.Errorf("prover: %s/meta.json describes another shape", dir)
	}
	vkb, err := os.ReadFile(filepath.Join(dir, "vk.bin"))
	if err != nil {
		return nil, err
	}
	if proofsys.VKHash(vkb) != meta.VKHash {
		return nil, fmt.Errorf("prover: %s/vk.bin is corrupt", dir)
	}
	return vkb, nil
}

// Import installs keys from a ceremony for plan at the given size: the circuit is
// compiled here, the keys are read from pk and vk (the backend's standard
// encoding), checked against the circuit's public input count, and cached
// as a safe setup (receipts then carry unsafe_setup: false).
func (k *KeyStore) Import(plan *planner.Plan, size circuits.Size, pk, vk io.Reader) (*Circuit, error) {
	cs, err := Compile(plan, size)
	if err != nil {
		return nil, err
	}
	keys, err := k.backend.ReadKeys(pk, vk)
	if err != nil {
		return nil, err
	}
	c := &Circuit{CS: cs, Keys: keys}
	if c.VK, err = k.backend.VerifyingKeyBytes(keys); err != nil {
		return nil, err
	}
	// The verifying key holds one point per public input and per commitment.
	type publicCounter interface{ NbPublicWitness() int }
	want := circuits.NumPublic(plan, size)
	if cm, ok := cs.GetCommitments().(constraint.Groth16Commitments); ok {
		want += len(cm)
	}
	if pc, ok := keys.VK.(publicCounter); ok && pc.NbPublicWitness() != want {
		return nil, fmt.Errorf("prover: imported verifying key is for %d public inputs and commitments, the circuit has %d: keys of another query shape?", pc.NbPublicWitness(), want)
	}
	c.VKHash = proofsys.VKHash(c.VK)
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, err := k.save(k.entryDir(plan.ShapeHash, size), plan, size, c); err != nil {
		return nil, fmt.Errorf("prover: caching imported keys: %w", err)
	}
	k.mem[cacheID(plan.ShapeHash, size)] = c
	return c, nil
}

// rightOf returns what a cache entry records of a join's Right segment
// capacity: its log2, or 0 when the plan joins nothing.
func rightOf(plan *planner.Plan, size circuits.Size) int {
	if plan.Query.Join == nil {
		return 0
	}
	return size.Right()
}
