// Package prover executes provable plans over stored tables and proves them:
// reference evaluation, witness building, key management (compile and
// setup once per shape and segment capacity, cached on disk), two-pass
// commit-and-prove per segment, and the KZG openings that tie each proof to
// the table's column commitments.
package prover

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/rowdigest"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
	"github.com/provensql/provensql/store"
)

// Event reports progress of long work.
type Event struct {
	Stage   string // compile, setup, load, prove, open, cache
	Detail  string
	Done    int // segments done, for prove
	Total   int
	Elapsed time.Duration
}

// Timings of one proof.
type Timings struct {
	// Compile and Setup build the circuit and its keys; KeysLoad reads
	// them from the key cache instead (zero when they were built or were
	// in memory already).
	Compile, Setup, KeysLoad, Prove time.Duration
	Constraints                     int
	FromCache                       bool
	// Phases splits Prove by what the time went to, summed over the
	// segments (which overlap when several are proven at once).
	Phases Phases
}

// Phases is where a proof's time goes, per step of proveSegment.
type Phases struct {
	// Load reads the segment and evaluates the query over it (and reads
	// the data that sizes the circuit: a join's Right keys, a GROUP BY's
	// groups).
	Load time.Duration
	// Witness builds the circuit's assignment (both passes) and checks the
	// evaluations the first pass captured against the segment's data.
	Witness time.Duration
	// FirstPass solves the circuit up to the commitment challenge Z.
	FirstPass time.Duration
	// Proof is the backend's proof: the full solve and the MSMs and FFTs,
	// until the segment's claims, computed beside it, are added to the
	// query's opening too.
	Proof time.Duration
	// Open is the query's KZG opening of every segment's columns at its Z
	// and of a window's rows: each segment's first quotient, beside its
	// proof, and the opening's two MSMs, beside the last proof. It
	// overlaps Proof, so the phases add up to more than the wall time.
	Open time.Duration
	// ToFirstProof is wall time: from proving's start to the first
	// segment's proof (the backend's Prove: its solve, then its MSMs and
	// FFTs), the part of Prove no proof runs in.
	ToFirstProof time.Duration
	// AfterProofs is wall time: from the last segment's end (its proof and
	// its opening's claims) to proving's end, the query opening's two MSMs
	// not yet done by then and the receipt.
	AfterProofs time.Duration
}

// phaseClock sums Phases over segments proven concurrently, and keeps the
// start of the first proof and the end of the last segment (Unix ns).
type phaseClock struct {
	load, witness, firstPass, proof, open atomic.Int64
	firstProof, lastSegment               atomic.Int64
}

// mark records t in first (if it is the earliest so far, or the first)
// and in last (if the latest).
func mark(v *atomic.Int64, t time.Time, earliest bool) {
	ns := t.UnixNano()
	for {
		old := v.Load()
		if old != 0 && (earliest && old <= ns || !earliest && old >= ns) {
			return
		}
		if v.CompareAndSwap(old, ns) {
			return
		}
	}
}

// since adds the time since t0 to d and returns now.
func since(d *atomic.Int64, t0 time.Time) time.Time {
	now := time.Now()
	d.Add(int64(now.Sub(t0)))
	return now
}

func (c *phaseClock) phases() Phases {
	return Phases{Load: time.Duration(c.load.Load()), Witness: time.Duration(c.witness.Load()), FirstPass: time.Duration(c.firstPass.Load()),
		Proof: time.Duration(c.proof.Load()), Open: time.Duration(c.open.Load())}
}

// Prover proves plans over one store.
type Prover struct {
	Store    *store.Store
	Keys     *KeyStore
	Backend  proofsys.Backend
	Progress func(Event)
	// Parallel is how many segments are proven at once (default 1); each
	// proof already uses every core, so more helps only on large machines.
	Parallel int
	// AutoParallel, where Parallel is 0, lets ProveTwoChain choose how many
	// BLS12-377 segments it proves at once (TwoChainParallel: two where
	// the cores and memory allow); the direct path proves one.
	AutoParallel bool
	// MinSlots is the least slots ProveOneCheck's aggregator has
	// (OneCheckSlots): 0, the table's segments rounded up to a power of
	// two; more, so that one registered verifier serves the table until it
	// outgrows them.
	MinSlots int
	// RampUp starts the first Parallel segments one after another, each
	// once the one before it has derived its challenge Z (its first pass),
	// instead of all at once: the first proof then has the cores to itself
	// and reaches an accelerator sooner, the others' loading and solving
	// overlapping its device work. Off by default: not yet measured on a
	// GPU, and a CPU prover gains nothing from it.
	RampUp bool
	// OpeningInMemory keeps every segment's opening polynomials (three
	// field elements a row) in memory until the query's opening. By
	// default a query over several segments writes them to a temporary
	// file in the store's directory instead, so that its memory does not
	// grow with its segments; where that file cannot be created, they stay
	// in memory and a progress event says why.
	OpeningInMemory bool
	// ProveEverySegment proves every segment, those a query's window
	// leaves out too (planner.Plan.Prunable). By default such a segment
	// gets no proof: the receipt carries its window's values alone, which
	// the verifier checks show the window empty and the query's opening
	// opens from the sorted column's commitment (a full scan's cost is
	// what a benchmark sets this for). It holds every segment in the
	// receipt too, as KeepEverySegment does.
	ProveEverySegment bool
	// KeepEverySegment holds every segment of the table in the receipt,
	// those outside a query's window shown by their window alone. By
	// default a query whose window is on a SORTED column (planner.Plan.
	// Covers) holds only the segments around its window's rows and leaves
	// the rest out (receipt.Receipt.FirstSegment): its verification then
	// costs the same, on chain too, however large the table grows.
	KeepEverySegment bool
	// MaxConstraints, where positive, refuses a query whose segment
	// circuit has more constraints (ErrCircuitTooLarge), before setting up
	// its keys where they are not cached: a server's bound on one request.
	MaxConstraints int

	// Test hooks simulating a dishonest prover: extra solver options (hint
	// overrides) and a change to the witness, applied in both passes.
	extraSolverOpts []solver.Option
	alterWitness    func(*circuits.Query)
	alterWindow     func(*[2]int)          // tests: a dishonest prover's window [i0, i1)
	forceOutside    func(unit int) bool    // tests: a unit to leave out as outside its window, whatever its window holds
	alterCoverage   func(first, last *int) // tests: the segments a dishonest prover's receipt holds
	alterWindowEnds func([]*big.Int)       // tests: and its public values (circuits.Query.WinEnds)
	alterResult     func(*segmentResult)
	alterChallenge  func(name string, z *big.Int) *big.Int // tests: a public challenge of the prover's own, given Z
	traceUnit       func(unit int, event string)           // tests: "start" (a unit's loading begins) and "challenged" (its first pass is done)
	forceLookup     *bool                                  // a join's circuit regardless of its Right keys (nil: they decide)
	forceGroupSlots *int                                   // a grouped plan's slot count regardless of its groups (nil: they decide)
	openerMade      func(*commitment.QueryOpener)          // tests: the query's opener, once set up
}

// trace calls the test hook traceUnit, if set.
func (p *Prover) trace(unit int, event string) {
	if p.traceUnit != nil {
		p.traceUnit(unit, event)
	}
}

func (p *Prover) progress(e Event) {
	if p.Progress != nil {
		p.Progress(e)
	}
}

// Prove proves a bound plan against the current state of its table (or,
// for a join, its two tables) and returns the receipt with the result.
func (p *Prover) Prove(ctx context.Context, plan *planner.Plan, args []string) (*receipt.Receipt, *Timings, error) {
	tables := plan.Query.Tables()
	ms := make([]*store.Manifest, len(tables))
	for k, t := range tables {
		m, err := p.manifestOf(t)
		if err != nil {
			return nil, nil, err
		}
		if j := plan.Query.Join; k > 0 && j.Outer && len(m.Segments) > 1 {
			return nil, nil, fmt.Errorf("prover: LEFT JOIN needs its right table %s in one segment (it has %d): a row unmatched in one segment may match in another", m.Schema.Name, len(m.Segments))
		}
		ms[k] = m
	}
	m := ms[0]
	sizing := time.Now()
	size, err := p.sizeOf(plan, ms) // may read the data: a join's Right keys, a GROUP BY's groups
	if err != nil {
		return nil, nil, err
	}
	sized := time.Since(sizing)
	if _, err := NewEvaluator(plan); err != nil { // every placeholder bound
		return nil, nil, err
	}
	params, _ := plan.PublicParamValues()
	circ, err := p.Keys.GetWithin(plan, size, p.MaxConstraints)
	if err != nil {
		return nil, nil, err
	}
	tm := &Timings{Compile: circ.CompileTime, Setup: circ.SetupTime, KeysLoad: circ.LoadTime, Constraints: circ.CS.GetNbConstraints(), FromCache: circ.FromCache}
	srs := p.Store.SRS()
	commitments := map[string]string{}
	tcs := make([]commitment.TableCommitment, len(ms))
	for k, m := range ms {
		tcs[k] = m.Commitment()
		d, err := tcs[k].Digest()
		if err != nil {
			return nil, nil, err
		}
		commitments[m.Schema.Name] = d
	}
	// one proof per segment, or per (Left segment, Right segment) pair
	units := make([][]int, 0, len(m.Segments))
	for si := range m.Segments {
		if len(ms) == 1 {
			units = append(units, []int{si})
			continue
		}
		for sj := range ms[1].Segments {
			units = append(units, []int{si, sj})
		}
	}
	t0 := time.Now()
	prune := plan.Prunable(size.Lookup) && !p.ProveEverySegment
	// the units shown by their window alone (outside it, or counted by
	// it) add their claims one after another, beside the proofs and from
	// the start (quick, and the query opening's MSMs then start beside the
	// last proof, not after it); the others are proven, Parallel at a time
	per := len(units) / len(m.Segments) // units a (Left) segment: a join's Right segments
	units, first, order, byWindow, err := p.unitOrder(plan, m, units, per, params, prune, size.Lookup)
	if err != nil {
		return nil, nil, err
	}
	if held := len(units) / per; held < len(m.Segments) {
		p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("segments %d to %d of %d: the %d others lie outside the window and are left out", first, first+held-1, len(m.Segments), len(m.Segments)-held), Total: len(units), Elapsed: time.Since(t0)})
	}
	partials := make([][]*big.Int, len(units))
	slots := make([][][]*big.Int, len(units))
	blobs := make([]schema.Blobs, len(units)) // the bytes of long values, when the result shows them
	segs := make([]receipt.Segment, len(units))
	proofs := make([]receipt.SegmentProof, len(units))
	parallel := min(max(p.Parallel, 1), len(units))
	sem := make(chan struct{}, parallel)
	errs := make([]error, len(units))
	var done atomic.Int64
	var clock phaseClock
	var wg sync.WaitGroup
	// challenged[u] closes once unit u has derived its challenge (or
	// ended): with RampUp, unit u of the first wave waits for u − 1's
	challenged := make([]chan struct{}, len(units))
	for u := range challenged {
		challenged[u] = make(chan struct{})
	}
	// every unit's openings, one query opening: each unit adds its claims
	// beside its proof, the two MSMs run once all have (beside the last
	// proofs)
	var opening *queryOpening
	if len(plan.Opened()) > 0 || plan.WindowOpened(size.Lookup) {
		opener := srs.NewQueryOpener(p.Store.MSM(), len(units))
		defer opener.Close() // Open closes it; a failed query does here
		if len(units) > 1 && !p.OpeningInMemory {
			if err := opener.SpillTo(p.Store.Dir()); err != nil {
				p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("the opening's polynomials stay in memory: %v", err), Total: len(units)})
			}
		}
		if p.openerMade != nil {
			p.openerMade(opener)
		}
		opening = newQueryOpening(opener, len(units), &clock)
	}
	windowUnits := order[:countTrue(byWindow)]
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, u := range windowUnits {
			unit := units[u]
			p.trace(u, "start")
			start := time.Now()
			seg, part, err := p.windowOnly(plan, m, u, unit[0], params, unitOpener{opening, u})
			close(challenged[u])
			if err != nil {
				errs[u] = fmt.Errorf("prover: segment %d: %w", unit[0], err)
				continue
			}
			segs[u], partials[u] = seg, part
			since(&clock.load, start)
			n := int(done.Add(1))
			p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("segment %d/%d (shown by its window alone: no proof)", n, len(units)), Done: n, Total: len(units), Elapsed: time.Since(t0)})
		}
	}()
	for k, u := range order[len(windowUnits):] {
		unit := units[u]
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			signal := sync.OnceFunc(func() {
				p.trace(u, "challenged")
				close(challenged[u])
			})
			defer func() { signal(); <-sem; wg.Done() }()
			if p.RampUp && k > 0 && k < parallel {
				<-challenged[order[len(windowUnits)+k-1]]
			}
			name := fmt.Sprintf("segment %d", unit[0])
			if len(unit) == 2 {
				name = fmt.Sprintf("segments %d × %d", unit[0], unit[1])
			}
			errs[u] = func() error {
				p.trace(u, "start")
				start := time.Now()
				job, err := p.loadJob(plan, ms, unit, size.Lookup, params)
				if err != nil {
					return err
				}
				ev, err := NewEvaluator(plan) // an evaluator holds the current row: one per goroutine
				if err != nil {
					return err
				}
				res, err := segmentResultOf(ev, plan, job.cols, job.rows, m.LogCapacity)
				if err != nil && (p.alterResult == nil || !errors.Is(err, errRowsCutShort)) {
					return fmt.Errorf("%s: %w", name, err)
				}
				if job.join != nil && job.join.lookup != nil {
					job.join.lookup.align(res, plan)
				}
				if p.alterResult != nil {
					p.alterResult(res)
				}
				partials[u], slots[u], blobs[u] = res.partials, res.slots, job.blobs
				since(&clock.load, start)
				seg, sp, err := p.proveSegment(plan, circ, size, job, params, res, &clock, signal, unitOpener{opening, u})
				if err != nil {
					return fmt.Errorf("prover: %s: %w", name, err)
				}
				segs[u], proofs[u] = seg, sp
				n := int(done.Add(1))
				p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("segment %d/%d", n, len(units)), Done: n, Total: len(units), Elapsed: time.Since(t0)})
				return nil
			}()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	var openingB64 string
	if opening != nil {
		op, err := opening.wait()
		if err != nil {
			return nil, nil, fmt.Errorf("prover: the query's opening: %w", err)
		}
		openingB64 = encodeB64(op.Bytes())
	}
	// sizing the circuit to the data is proving work too: its reads count as loading
	end := time.Now()
	tm.Prove = end.Sub(t0) + sized
	tm.Phases = clock.phases()
	tm.Phases.Load += sized
	if first := clock.firstProof.Load(); first != 0 {
		tm.Phases.ToFirstProof = time.Duration(first-t0.UnixNano()) + sized
	}
	if last := clock.lastSegment.Load(); last != 0 {
		tm.Phases.AfterProofs = time.Duration(end.UnixNano() - last)
	}
	p.progress(Event{Stage: "prove", Detail: "done", Done: len(units), Total: len(units), Elapsed: tm.Prove})
	all := schema.Blobs{}
	for _, b := range blobs {
		all.Merge(b)
	}
	shown := &schema.Recorder{From: all}
	rows, err := plan.FinalizeResult(partials, slots, shown)
	if err != nil {
		return nil, nil, err
	}
	vk := srs.VerifyingKey()
	rc := &receipt.Receipt{
		Version:          receipt.Version,
		SQL:              plan.Query.Text,
		Shape:            plan.Shape,
		ShapeHash:        plan.ShapeHash,
		Backend:          p.Backend.Name(),
		UnsafeSetup:      circ.UnsafeSetup,
		VKHash:           circ.VKHash,
		VerifyingKey:     encodeB64(circ.VK),
		SRSHash:          commitment.VerifyingKeyHash(vk),
		SRSVerifyingKey:  encodeB64(commitment.VerifyingKeyBytes(vk)),
		UnsafeSRS:        srs.Unsafe,
		TableCommitments: commitments,
		Table:            tcs[0],
		Params:           append([]string{}, args...),
		Columns:          plan.ResultColumns(),
		Rows:             rows,
		LongValues:       shown.Used.List(),
		Segments:         segs,
		FirstSegment:     first,
		Proof:            receipt.EncodeProof(provenOnly(proofs, segs)),
		Opening:          openingB64,
	}
	if len(tcs) == 2 {
		rc.JoinTable, rc.JoinLookup = &tcs[1], size.Lookup
	}
	rc.GroupSlots = size.GroupSlots
	return rc, tm, nil
}

// unitOrder returns the units a receipt holds, the first one's (Left)
// segment, the order to prove them in, those shown by their window alone
// (planner.Plan.Prunable, where prune is set: outside the window, or any
// of a planner.Plan.WindowAlone plan) first, and which they are: each
// (Left) segment's window column is read to tell. Where prune is set and
// the plan Covers, only the segments around the window's rows are held
// (planner.Plan.Coverage, which reads O(log n) windows of the others),
// unless KeepEverySegment is set.
func (p *Prover) unitOrder(plan *planner.Plan, m *store.Manifest, units [][]int, per int, params []*big.Int, prune, lookup bool) (kept [][]int, first int, order []int, byWindow []bool, err error) {
	kept = units
	if !prune {
		return kept, 0, order0(len(kept), nil), make([]bool, len(kept)), nil
	}
	alone := plan.WindowAlone()             // every window shows its segment's count
	ends := make([][2]int, len(m.Segments)) // each segment's window [i0, i1), once read
	read := make([]bool, len(m.Segments))
	readEnds := func(si int) error { // its window column read, once
		if read[si] {
			return nil
		}
		col, err := p.windowColumn(plan, m, si)
		if err != nil {
			return err
		}
		ends[si][0], ends[si][1] = windowRows(plan, col, params)
		read[si] = true
		return nil
	}
	if plan.Covers(lookup) && !p.KeepEverySegment {
		var readErr error
		endsOf := func(si int) [2]int {
			if readErr == nil {
				readErr = readEnds(si)
			}
			return ends[si]
		}
		// the segments around the window's rows: a few windows read
		first, last := plan.Coverage(len(m.Segments), endsOf, func(si int) int { return m.Segments[si].Rows })
		if readErr != nil {
			return nil, 0, nil, nil, readErr
		}
		if p.alterCoverage != nil {
			p.alterCoverage(&first, &last)
		}
		kept = units[first*per : (last+1)*per]
	}
	// each held (Left) segment's window, its column read by a few
	// goroutines at once (each a segment of its own: a join's units of one
	// Left segment are consecutive, and only the first reads)
	errs := make([]error, len(kept))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 8, len(kept)/per) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := int(next.Add(1)-1) * per; u < len(kept); u = int(next.Add(1)-1) * per {
				errs[u] = readEnds(kept[u][0])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, nil, nil, err
	}
	byWindow = make([]bool, len(kept))
	for u, unit := range kept {
		e := ends[unit[0]]
		byWindow[u] = e[0] == e[1] || alone || p.forceOutside != nil && p.forceOutside(u)
	}
	if len(kept) > 0 {
		first = kept[0][0]
	}
	return kept, first, order0(len(kept), byWindow), byWindow, nil
}

// order0 lists units 0 … n − 1, those byWindow marks (none where it is
// nil) first.
func order0(n int, byWindow []bool) (order []int) {
	for _, alone := range []bool{true, false} {
		for u := range n {
			if (byWindow != nil && byWindow[u]) == alone {
				order = append(order, u)
			}
		}
	}
	return order
}

// countTrue counts the true values of bs.
func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// provenOnly returns the proofs of the segments not shown by their window
// alone.
func provenOnly(proofs []receipt.SegmentProof, segs []receipt.Segment) []receipt.SegmentProof {
	out := make([]receipt.SegmentProof, 0, len(proofs))
	for u, sp := range proofs {
		if !segs[u].WindowOnly {
			out = append(out, sp)
		}
	}
	return out
}

// windowOnly shows segment si (a join's Left segment), which unitOrder
// found shown by its window alone (planner.Plan.Prunable: outside the
// window, or any segment of a planner.Plan.WindowAlone plan): it reads
// the window column alone, adds its window's values as their claims to
// the query opening as unit u's, and returns the segment's receipt entry
// (those values) and its partials. The segment needs no proof.
func (p *Prover) windowOnly(plan *planner.Plan, m *store.Manifest, u, si int, params []*big.Int, opener unitOpener) (seg receipt.Segment, part []*big.Int, err error) {
	col, err := p.windowColumn(plan, m, si)
	if err != nil {
		return seg, nil, err
	}
	rows := m.Segments[si].Rows
	job := &segmentJob{rowCount: rows, rows: rows}
	// the test hooks lie about the units a test forces out alone
	if err := p.openWindow(job, plan, m, si, col, params, p.forceOutside != nil && p.forceOutside(u)); err != nil {
		return seg, nil, err
	}
	if opener.queryOpening != nil {
		var z fr.Element // no column opened at a Z: the segment has no proof
		if _, err := opener.opener.Add(opener.unit, nil, nil, z, job.winColumn, job.winDigest, job.winRows); err != nil {
			return seg, nil, fmt.Errorf("openings at the window's rows: %w", err)
		}
		opener.added()
	}
	seg.WindowOnly = true
	for _, v := range job.winEnds {
		seg.Window = append(seg.Window, v.String())
	}
	return seg, plan.WindowPartials(job.window[0], job.window[1]), nil
}

// windowColumn reads segment si's window column alone (its real rows).
func (p *Prover) windowColumn(plan *planner.Plan, m *store.Manifest, si int) ([]fr.Element, error) {
	tc := plan.WindowTableColumn()
	want := make([]bool, len(m.Schema.Columns))
	want[tc] = true
	cols, _, err := p.Store.LoadSegmentColumns(m, si, want)
	if err != nil {
		return nil, err
	}
	return cols[tc][:m.Segments[si].Rows], nil
}

// openWindow sets job's window [i0, i1) over segment si's window column
// col (at least its real rows) and its opened values (segmentJob.
// openedWindow), against the column's commitment; alter applies the test
// hooks of a dishonest prover's window.
func (p *Prover) openWindow(job *segmentJob, plan *planner.Plan, m *store.Manifest, si int, col []fr.Element, params []*big.Int, alter bool) error {
	tc := plan.WindowTableColumn()
	job.window[0], job.window[1] = windowRows(plan, col[:m.Segments[si].Rows], params)
	if alter && p.alterWindow != nil {
		p.alterWindow(&job.window)
	}
	d, err := commitment.ParseDigestHex(m.Segments[si].Commitments[tc])
	if err != nil {
		return err
	}
	job.winDigest = d
	job.openedWindow(plan.Window, col, m.Capacity())
	if alter && p.alterWindowEnds != nil {
		p.alterWindowEnds(job.winEnds)
	}
	return nil
}

// segmentJob is what one segment proof is about: the rows the query runs
// over (a segment's, or the join of two segments), and the committed
// columns the proof opens.
type segmentJob struct {
	rowCount int            // the RowCount public input (a join: the Left segment's)
	cols     [][]fr.Element // the query's rows, by (combined) table column index
	rows     int            // how many rows cols holds
	tables   [][]fr.Element // per circuit column, the committed column
	digests  []commitment.Digest
	join     *joinWitness
	blobs    schema.Blobs // the bytes of the rows' LONGTEXT and BYTES values, when the result shows them
	// window is a window plan's run [i0, i1) of the segment's real rows
	// (windowRows; a lookup join's Left segment), where the circuit proves
	// it (planner.Plan.WindowOpened)
	window [2]int
	// an opened window's public values (circuits.Query.WinEnds), and the
	// committed column (its capacity) whose values at winRows they hold
	winEnds   []*big.Int
	winRows   []uint64
	winColumn []fr.Element
	winDigest commitment.Digest
}

// loadJob loads one segment, or joins a Left and a Right segment (for the
// lookup join circuit where lookup is set); params are the plan's public
// parameter values (a window plan's bounds).
func (p *Prover) loadJob(plan *planner.Plan, ms []*store.Manifest, unit []int, lookup bool, params []*big.Int) (*segmentJob, error) {
	var data [2][][]fr.Element
	var rows [2]int
	var blobs schema.Blobs // kept only when the result shows long values
	if plan.ShowsLong() {
		blobs = schema.Blobs{}
	}
	want := columnsRead(plan, &ms[0].Schema)
	for k, si := range unit {
		cols, b, err := p.Store.LoadSegmentColumns(ms[k], si, want)
		if err != nil {
			return nil, err
		}
		data[k], rows[k] = cols, ms[k].Segments[si].Rows
		if blobs != nil {
			blobs.Merge(b)
		}
	}
	job := &segmentJob{rowCount: rows[0], cols: data[0], rows: rows[0], blobs: blobs}
	if plan.WindowOpened(lookup) {
		if err := p.openWindow(job, plan, ms[0], unit[0], data[0][plan.WindowTableColumn()], params, true); err != nil {
			return nil, err
		}
	}
	for _, c := range plan.Columns {
		side, tc := 0, c
		if j := plan.Query.Join; j != nil {
			side, tc = j.TableColumn(c)
		}
		if j := plan.Query.Join; j != nil && j.Side(c) == 2 {
			// no table's column: not opened
			job.tables = append(job.tables, make([]fr.Element, ms[0].Capacity()))
			job.digests = append(job.digests, commitment.Digest{})
			continue
		}
		col := make([]fr.Element, ms[side].Capacity())
		job.tables = append(job.tables, col)
		copy(col, data[side][tc])
		d, err := commitment.ParseDigestHex(ms[side].Segments[unit[side]].Commitments[tc])
		if err != nil {
			return nil, err
		}
		job.digests = append(job.digests, d)
	}
	if plan.Query.Join != nil {
		capacity := [2]int{ms[0].Capacity(), ms[1].Capacity()}
		w, cols, err := joinSegments(plan, data, rows, capacity)
		if err == nil && lookup {
			// the Left rows in play: the real ones, or a window's (its
			// condition leaves the others out; the circuit joins none of them)
			play := [2]int{0, rows[0]}
			if plan.WindowOpened(lookup) {
				play = job.window
			}
			w.lookup, err = newLookupWitness(plan, w, data, capacity, play)
		}
		if err != nil {
			return nil, fmt.Errorf("prover: segments %d × %d: %w", unit[0], unit[1], err)
		}
		job.join, job.cols, job.rows = w, cols, len(w.pairs)
	}
	return job, nil
}

// columnsRead returns the table columns a one-table plan's proof reads
// (the circuit's columns, which its SQL evaluation reads too, and its
// window's), for the store to decode those alone; nil (every column) for
// joins, whose segments are read whole.
func columnsRead(plan *planner.Plan, t *schema.Table) []bool {
	if plan.Query.Join != nil {
		return nil
	}
	want := make([]bool, len(t.Columns))
	mark := func(c int) bool {
		if c < 0 || c >= len(want) {
			return false
		}
		want[c] = true
		return true
	}
	for _, c := range plan.RowColumns() { // the circuit's columns, and a window's it reads no row of
		if !mark(c) {
			return nil
		}
	}
	if plan.Window != nil && !mark(plan.WindowTableColumn()) {
		return nil
	}
	// a plan that reads no column counts the rows of the first
	// (Evaluator.Partials)
	if !slices.Contains(want, true) {
		mark(0)
	}
	return want
}

// openedWindow sets an opened window's public values from the window
// column's values (at least its real rows; the rest of its capacity is
// zero): i0 and the values at i0 − 1 and i0, i1 and those at i1 − 1 and i1
// (planner.Window.EndRows).
func (job *segmentJob) openedWindow(w *planner.Window, vals []fr.Element, capacity int) {
	col := make([]fr.Element, capacity)
	copy(col, vals[:job.rows])
	var ends []uint64
	if w.Lo != nil {
		ends = append(ends, uint64(job.window[0]))
	}
	if w.Hi != nil {
		ends = append(ends, uint64(job.window[1]))
	}
	job.winColumn, job.winRows = col, w.EndRows(ends, uint64(capacity))
	for k, e := range ends {
		job.winEnds = append(job.winEnds, new(big.Int).SetUint64(e))
		for _, r := range job.winRows[2*k : 2*k+2] {
			job.winEnds = append(job.winEnds, col[r].BigInt(new(big.Int)))
		}
	}
}

// segmentResult is what one segment proof shows: its public partial
// values, and for row plans its result slots and the rows they are, for
// grouped plans its group rows and MIN/MAX witness.
type segmentResult struct {
	partials []*big.Int
	slots    [][]*big.Int
	taken    []bool
	groups   *GroupWitness
}

func segmentResultOf(ev *Evaluator, plan *planner.Plan, cols [][]fr.Element, rows, logN int) (*segmentResult, error) {
	if plan.Grouped {
		// the partials (the group columns' evaluations at Z) come from the first pass
		groups, gw, err := ev.GroupResult(cols)
		return &segmentResult{slots: groups, groups: gw}, err
	}
	if !plan.RowResult {
		part, err := ev.Partials(cols)
		return &segmentResult{partials: part}, err
	}
	nSlots := plan.Slots(logN)
	selected, slots, taken, err := ev.RowResult(cols, rows, nSlots)
	if err != nil {
		return nil, err
	}
	// the slots' evaluations at Z come from the first pass
	res := &segmentResult{partials: []*big.Int{big.NewInt(int64(selected)), big.NewInt(int64(len(slots)))}, slots: slots, taken: taken}
	if selected > len(slots) && plan.Query.Limit < 0 {
		return res, fmt.Errorf("%d rows selected in one segment; a segment proof returns at most %d rows without LIMIT (add LIMIT, a more selective WHERE, or use smaller segments): %w", selected, nSlots, errRowsCutShort)
	}
	return res, nil
}

// errRowsCutShort: a segment selects more rows than its proof returns, for
// a query without LIMIT (the circuit proves every selected row returned).
// Only a test's dishonest prover goes on to prove the result cut short.
var errRowsCutShort = errors.New("result cut short")

// errChallengeCaptured ends the first pass's solve once it has read Z.
var errChallengeCaptured = errors.New("first pass: commitment challenge read")

// segmentWitness is a segment's witness as the BN254 prover's first pass
// takes it: its rows, result and the query's parameters, with Z, Y, the
// lookups' challenges and the result slots' evaluations still 0 (they
// follow from Z).
func segmentWitness(plan *planner.Plan, size circuits.Size, job *segmentJob, params []*big.Int, res *segmentResult) (*circuits.Query, error) {
	part := res.partials
	rows := job.rows
	w := circuits.New(plan, size)
	w.Z = 0
	for j := range w.Y {
		w.Y[j] = 0
	}
	// the lookups' challenges are derived from Z: the first pass, which
	// stops at Z, proves them with 0 (an honest lookup's identities hold
	// for every challenge)
	for j := range w.Challenges {
		w.Challenges[j] = 0
	}
	w.RowCount = job.rowCount
	for s, v := range params {
		w.Params[s] = encodeBig(v)
	}
	for t := range w.Partials {
		w.Partials[t] = 0 // result slots' evaluations: set from the first pass
		if t < len(part) {
			w.Partials[t] = encodeBig(part[t])
		}
	}
	padded := job.tables
	// column values go into the witness as field elements (no big.Int)
	var zero fr.Element
	for j, c := range plan.Columns {
		for i := 0; i < len(w.Cols[j]); i++ { // a lookup join's Left columns: none (Tables)
			if i < rows {
				w.Cols[j][i] = job.cols[c][i]
			} else {
				w.Cols[j][i] = zero
			}
		}
		if w.Tables != nil { // a join's table columns, each its table's capacity
			for i := range w.Tables[j] {
				w.Tables[j][i] = padded[j][i]
			}
		}
	}
	setOnesFirst(w.Active, rows)
	if job.join != nil {
		job.join.fill(w, plan)
	}
	for t := range w.Win { // the window's run [i0, i1)
		w.Win[t] = 0
		if job.window[0] <= t && t < job.window[1] {
			w.Win[t] = 1
		}
	}
	for k, v := range job.winEnds {
		w.WinEnds[k] = v
	}
	if job.winEnds != nil {
		pub, err := plan.PackWindow(job.winEnds)
		if err != nil {
			return nil, err
		}
		for k, v := range pub {
			w.WinPublic[k] = v
		}
	}
	if plan.Grouped {
		if err := fillSlots(w.Groups, res.slots); err != nil {
			return nil, err
		}
	}
	for j := range w.GroupExt {
		for i := range w.GroupExt[j] {
			w.GroupExt[j][i], w.GroupWit[j][i] = 0, 0
			if i < len(res.groups.Extreme[j]) { // the rows', or a lookup join's Left rows'
				w.GroupExt[j][i] = encodeBig(res.groups.Extreme[j][i])
				if res.groups.Witness[j][i] { // weighted by its group's count
					w.GroupWit[j][i] = encodeBig(res.groups.Count[i])
				}
			}
		}
	}
	if plan.RowResult {
		for i := range w.Taken {
			w.Taken[i] = 0
			if i < len(res.taken) && res.taken[i] {
				w.Taken[i] = 1
			}
		}
		if err := fillSlots(w.Slots, res.slots); err != nil {
			return nil, err
		}
		for j := range w.SlotUsed {
			w.SlotUsed[j] = 0
			if j < len(res.slots) {
				w.SlotUsed[j] = 1
			}
		}
	}
	return w, nil
}

// proveSegment proves one segment in two passes. gnark masks its in-circuit
// commitment with a random value drawn by a hint, so the challenge Z would
// differ between solves; the prover draws that mask once and replays it,
// which keeps the proof hiding and makes Z reproducible. Pass one solves the
// circuit up to Z, which the capture hint reads before it ends the solve
// (the public Z is still unknown) — only what Z depends on, as Compile
// schedules the solve (proofsys.ScheduleSolve); the prover then
// computes the public evaluations at Z from the columns, and pass two
// proves. challenged is called once Z is known.
func (p *Prover) proveSegment(plan *planner.Plan, circ *Circuit, size circuits.Size, job *segmentJob, params []*big.Int, res *segmentResult, clock *phaseClock, challenged func(), opener unitOpener) (receipt.Segment, receipt.SegmentProof, error) {
	t := time.Now()
	part := res.partials
	n := 1 << size.LogN
	padded := job.tables
	w, err := segmentWitness(plan, size, job, params, res)
	if err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, err
	}
	seed, err := rand.Int(rand.Reader, ecc.BN254.ScalarField())
	if err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, err
	}
	mask := maskFrom(seed)
	// The first pass solves up to the commitment challenge Z (its public
	// inputs are placeholders) and stops there: the capture hint reads Z
	// and ends the solve, which would otherwise go on through everything
	// that depends on Z.
	if p.alterWitness != nil {
		p.alterWitness(w)
	}
	full, err := proofsys.NewWitness(w)
	if err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, fmt.Errorf("witness: %w", err)
	}
	t = since(&clock.witness, t)
	captured, err := p.firstPass(func(opts ...solver.Option) error { return p.Backend.Solve(circ.CS, circ.Keys, full, opts...) }, mask)
	if err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, err
	}
	t = since(&clock.firstPass, t)
	challenged()
	// the public evaluations at Z, computed from the columns and result
	// slots the circuit evaluates (the proof fails if they disagree)
	var z fr.Element
	z.SetBigInt(captured)
	w.Z = captured
	for j, name := range circuits.ChallengeNames(plan, size.Lookup) {
		w.Challenges[j] = circuits.DeriveChallenge(captured, name)
		if p.alterChallenge != nil {
			w.Challenges[j] = p.alterChallenge(name, captured)
		}
	}
	for j, y := range commitment.EvaluateColumns(padded[:len(w.Y)], z) {
		w.Y[j] = y.BigInt(new(big.Int))
	}
	slotCols, partOffset := plan.EvaluatedSlots()
	if slotCols > 0 {
		// the result slots' partials are their columns' evaluations at Z
		part = append(part[:partOffset:partOffset], make([]*big.Int, slotCols)...)
		evals := rowdigest.Evaluations(plan.PackSlotRows(res.slots), slotCols, n, z)
		for k := range slotCols {
			w.Partials[partOffset+k] = evals[k].BigInt(new(big.Int))
			part[partOffset+k] = schema.DecodeSigned(&evals[k])
		}
	}
	// only public values changed: the witness keeps its secret part
	if err := setPublic(full, w); err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, fmt.Errorf("witness: %w", err)
	}
	t = since(&clock.witness, t)
	// The opening's claims need Z and the columns, not the proof: their
	// first quotient is computed beside it.
	opened := make(chan error, 1)
	go func() {
		t := time.Now()
		err := opener.add(plan, job, padded, z)
		since(&clock.open, t)
		opened <- err
	}()
	mark(&clock.firstProof, time.Now(), true)
	proof, err := p.Backend.Prove(circ.CS, circ.Keys, full, append([]solver.Option{mask}, p.extraSolverOpts...)...)
	openErr := <-opened
	mark(&clock.lastSegment, time.Now(), false)
	if err != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, fmt.Errorf("proving (the witness disagrees with the query circuit or the committed data): %w", err)
	}
	since(&clock.proof, t)
	if openErr != nil {
		return receipt.Segment{}, receipt.SegmentProof{}, openErr
	}
	seg := receipt.Segment{Z: captured.String()}
	for j := range plan.Columns {
		seg.Y = append(seg.Y, w.Y[j].(*big.Int).String())
	}
	for _, v := range part {
		seg.Partials = append(seg.Partials, v.String())
	}
	for _, sl := range res.slots {
		row := make([]string, len(sl))
		for k, v := range sl {
			row[k] = v.String()
		}
		seg.Rows = append(seg.Rows, row)
	}
	for _, v := range job.winEnds {
		seg.Window = append(seg.Window, v.String())
	}
	return seg, receipt.SegmentProof{Circuit: proof}, nil
}

// queryOpening is a query's one KZG opening while its units are proven:
// the claims added so far, and the opening itself, proven as soon as the
// last unit's claims are added (beside that unit's proof).
type queryOpening struct {
	opener *commitment.QueryOpener
	left   atomic.Int64 // units whose claims are still to add
	clock  *phaseClock
	done   chan struct{}
	op     *commitment.QueryOpening
	err    error
}

func newQueryOpening(opener *commitment.QueryOpener, units int, clock *phaseClock) *queryOpening {
	q := &queryOpening{opener: opener, clock: clock, done: make(chan struct{})}
	q.left.Store(int64(units))
	return q
}

// added counts one unit's claims in; after the last, it proves the
// opening in the background.
func (q *queryOpening) added() {
	if q.left.Add(-1) != 0 {
		return
	}
	go func() {
		defer close(q.done)
		t := time.Now()
		q.op, q.err = q.opener.Open()
		since(&q.clock.open, t)
	}()
}

// wait returns the opening once proven: call it only after every unit
// added its claims.
func (q *queryOpening) wait() (*commitment.QueryOpening, error) {
	<-q.done
	return q.op, q.err
}

// unitOpener is the query opening a unit's claims go to (nil: the query
// opens nothing) and the unit's place in it.
type unitOpener struct {
	*queryOpening
	unit int
}

// add adds a unit's claims at z to the query opening: its opened columns
// (plan.Opened) and, for an opened window, the window column at the
// window's end rows. A query that reads no column (COUNT(*) without
// WHERE) depends only on the committed row count: it opens nothing.
func (o unitOpener) add(plan *planner.Plan, job *segmentJob, padded [][]fr.Element, z fr.Element) error {
	if o.queryOpening == nil {
		return nil
	}
	opened := plan.Opened()
	cols := make([][]fr.Element, len(opened))
	digests := make([]commitment.Digest, len(opened))
	for k, j := range opened {
		cols[k], digests[k] = padded[j], job.digests[j]
	}
	if _, err := o.opener.Add(o.unit, cols, digests, z, job.winColumn, job.winDigest, job.winRows); err != nil {
		return fmt.Errorf("openings at Z and the window's rows: %w", err)
	}
	o.added()
	return nil
}

// setPublic writes w's public values into full, a witness of w's circuit
// (public values first).
func setPublic(full witness.Witness, w *circuits.Query) error {
	pv, err := proofsys.PublicValues(w)
	if err != nil {
		return err
	}
	fv, ok := full.Vector().(fr.Vector)
	if !ok || len(pv) > len(fv) {
		return errors.New("witness vectors of an unexpected shape")
	}
	copy(fv, pv)
	return nil
}

// fillSlots sets a witness's slots (rows × values) from result rows,
// zero past the rows given; more rows than slots is an error (a proof
// cannot return them).
func fillSlots(dst [][]frontend.Variable, rows [][]*big.Int) error {
	if len(rows) > len(dst) {
		return fmt.Errorf("prover: %d result rows, the circuit holds at most %d", len(rows), len(dst))
	}
	for j := range dst {
		for k := range dst[j] {
			dst[j][k] = 0
			if j < len(rows) {
				dst[j][k] = encodeBig(rows[j][k])
			}
		}
	}
	return nil
}

// encodeBig maps a signed integer to its canonical field representative.
func encodeBig(v *big.Int) *big.Int {
	e := schema.Encode(v)
	return e.BigInt(new(big.Int))
}

// maskFrom is the solver option that draws gnark's commitment mask from
// seed (seed, seed + 1, …), so that both of a segment's passes derive the
// same challenge.
func maskFrom(seed *big.Int) solver.Option {
	return solver.OverrideHint(proofsys.CommitmentMaskHintID, func(_ *big.Int, _, out []*big.Int) error {
		for i := range out {
			out[i].Add(seed, big.NewInt(int64(i)))
		}
		return nil
	})
}

// manifestOf returns the manifest of a table the plan reads, refusing an
// empty table and one whose schema changed since the plan.
func (p *Prover) manifestOf(t *schema.Table) (*store.Manifest, error) {
	m, err := p.Store.Manifest(t.Name)
	if err != nil {
		return nil, err
	}
	if m.Rows == 0 {
		return nil, fmt.Errorf("prover: table %s is empty", m.Schema.Name)
	}
	if m.Schema.Hash() != t.Hash() {
		return nil, fmt.Errorf("prover: table %s changed schema since the query was planned", m.Schema.Name)
	}
	return m, nil
}

// firstPass runs a segment's first pass — solve with the solver options
// given, the test hooks' and the capture hint's, which ends it at the
// commitment challenge — and returns that challenge Z.
func (p *Prover) firstPass(solve func(...solver.Option) error, opts ...solver.Option) (*big.Int, error) {
	var z *big.Int
	if err := solve(append(append(opts, captureZ(&z)), p.extraSolverOpts...)...); err == nil {
		return nil, errors.New("first pass unexpectedly accepted placeholder public inputs")
	} else if z == nil {
		return nil, fmt.Errorf("first pass did not reach the commitment challenge (does the witness satisfy the query circuit?): %w", err)
	}
	return z, nil
}

// captureZ is the solver option of a first pass: the capture hint stores
// the commitment challenge Z in *z and ends the solve
// (errChallengeCaptured).
func captureZ(z **big.Int) solver.Option {
	return solver.OverrideHint(solver.GetHintID(circuits.CaptureHint), func(_ *big.Int, in, out []*big.Int) error {
		*z = new(big.Int).Set(in[0])
		return errChallengeCaptured
	})
}

// setOnesFirst sets bits to k ones, then zeros (activity bits, join
// bits).
func setOnesFirst(bits []frontend.Variable, k int) {
	for t := range bits {
		bits[t] = 0
		if t < k {
			bits[t] = 1
		}
	}
}

// windowRows returns the window [i0, i1) of a window plan's condition
// over a segment's real rows of its sorted column: i0 rows below the lower
// bound, i1 rows at most the upper one (at least i0: an empty window where
// the bounds cross).
func windowRows(plan *planner.Plan, vals []fr.Element, params []*big.Int) (i0, i1 int) {
	win := plan.Window
	loShift, hiShift := win.Shifts()
	bound := func(p *sql.Param, shift int64) *big.Int { // inclusive
		return new(big.Int).Add(params[plan.PublicParam(p.Slot)], big.NewInt(shift))
	}
	// the column ascends within the segment (the store refuses an append
	// that breaks it), so each end is a binary search: the rows in the
	// condition's prefix. (Were it not sorted, the circuit's checks at the
	// window's ends would refuse the proof.)
	count := func(in func(v *big.Int) bool) int {
		return sort.Search(len(vals), func(k int) bool { return !in(schema.DecodeSigned(&vals[k])) })
	}
	i0, i1 = 0, len(vals)
	if win.Lo != nil {
		lo := bound(win.Lo, loShift)
		i0 = count(func(v *big.Int) bool { return v.Cmp(lo) < 0 })
	}
	if win.Hi != nil {
		hi := bound(win.Hi, hiShift)
		i1 = max(i0, count(func(v *big.Int) bool { return v.Cmp(hi) <= 0 }))
	}
	return i0, i1
}
