package prover

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// TwoChainSegments is a query proven segment by segment over BLS12-377,
// the two-chain path's segment curve, for its BW6-761 aggregator: per
// segment a Groth16 proof whose BSB22 commitment is hashed as the
// aggregator recomputes it, its public inputs, and each evaluated
// column's KZG opening at the segment's Z (package kzg377).
type TwoChainSegments struct {
	// CS and VK are the segment circuit over BLS12-377 and its verifying key.
	CS constraint.ConstraintSystem
	VK groth16.VerifyingKey
	// Layout places the parameters, the summed partials, Z, the
	// evaluations and the row count among a segment's public inputs.
	Layout  twochain.StatementLayout
	Proofs  []groth16.Proof
	Publics []witness.Witness
	// Openings[s][j] opens segment s's column whose evaluation is its
	// public input Layout.Y[j]; where the plan has a window, Windows[s]
	// opens segment s's sorted column at the window's row points (per
	// bound, the rows before and at its end).
	Openings [][]kzg377.Opening
	Windows  [][]kzg377.Opening
	// Table is the table's every column committed over BLS12-377 (the
	// opened ones as opened), of which the aggregator's table digest is.
	Table *TwoChainTable
	// Partials are each segment's partial results (signed integers, the
	// plan's Partials order) and Rows the query's result from them.
	Partials [][]*big.Int
	Rows     [][]string
	// Setup is the time the segment circuit's compile and setup took
	// (zero when its keys were in the key store's memory or cache); Prove
	// the segments' proofs and openings.
	Setup, Prove time.Duration
	// Parallel is how many segments were proven at once.
	Parallel int
}

// OpeningPoints returns the openings as the aggregator takes them: per
// segment and column, the commitment and the quotient's commitment.
func (t *TwoChainSegments) OpeningPoints() [][][2]bls12377.G1Affine {
	out := make([][][2]bls12377.G1Affine, len(t.Openings))
	for s, ops := range t.Openings {
		for _, op := range ops {
			out[s] = append(out[s], [2]bls12377.G1Affine{op.Commitment, op.Quotient})
		}
	}
	return out
}

// Assignment is the query aggregator's witness over the segments
// (twochain.QueryAggregatorAssignment), in twochain.Slots of them.
func (t *TwoChainSegments) Assignment() (*twochain.QueryAggregator, error) {
	return t.AssignmentIn(twochain.Slots(len(t.Proofs)))
}

// AssignmentIn is Assignment in slots slots (at least the segments).
func (t *TwoChainSegments) AssignmentIn(slots int) (*twochain.QueryAggregator, error) {
	var windows [][]bls12377.G1Affine
	for _, ops := range t.Windows {
		if len(ops) == 0 {
			continue
		}
		win := []bls12377.G1Affine{ops[0].Commitment}
		for _, op := range ops {
			win = append(win, op.Quotient)
		}
		windows = append(windows, win)
	}
	_, digests, err := t.Table.Digest()
	if err != nil {
		return nil, err
	}
	return twochain.QueryAggregatorAssignment(t.Layout, t.Proofs, t.Publics, t.OpeningPoints(), windows, digests, slots)
}

// KZGKey is what the aggregator takes of srs.
func KZGKey(srs *kzg377.SRS) twochain.KZGKey {
	return twochain.KZGKey{G2: srs.G2(), TauG1: srs.TauG1()}
}

// TwoChainSupported says why the two-chain path cannot prove plan yet, or
// nil: its aggregator adds up COUNT and SUM partials (AVG too: a SUM and
// the COUNT) and takes MIN and MAX over the segments that count rows, over
// the segments of one table, and checks each segment's
// evaluations against its columns' commitments, and a sorted column's
// window against that column's values at its ends. Joins, GROUP BY, row
// results and the lookups' challenges have checks of their own the
// aggregator does not make yet, and so has a UINT256's MIN/MAX (two
// limbs).
func TwoChainSupported(plan *planner.Plan) error {
	q := plan.Query
	switch {
	case len(q.Tables()) != 1:
		return errors.New("prover: the two-chain path proves one-table queries only (no JOIN yet)")
	case plan.Grouped:
		return errors.New("prover: the two-chain path does not prove GROUP BY yet")
	case plan.RowResult:
		return errors.New("prover: the two-chain path proves aggregates only (no row results yet)")
	case len(circuits.ChallengeNames(plan, false)) > 0:
		return errors.New("prover: the two-chain path does not derive the lookups' challenges yet")
	}
	for _, part := range plan.Partials {
		switch {
		case part.Kind == planner.PartialCount || part.Kind == planner.PartialSum:
		case part.Kind == planner.PartialMin || part.Kind == planner.PartialMax:
		default:
			return fmt.Errorf("prover: the two-chain path does not combine a partial of kind %v yet", part.Kind)
		}
	}
	if plan.Partials[0].Kind != planner.PartialCount {
		return errors.New("prover: the two-chain path needs the count first among the partials")
	}
	return nil
}

// TwoChainLayout returns where a plan's segment statement holds what the
// aggregator reads: Z first, then the evaluations Y, the row count, the
// parameters, the partials, a window's values and its row points
// (circuits.Query's public fields in order).
func TwoChainLayout(plan *planner.Plan, size circuits.Size) twochain.StatementLayout {
	w := circuits.New(plan, size)
	var l twochain.StatementLayout
	at := 1
	for j := range w.Y {
		l.Y, l.Columns = append(l.Y, at), append(l.Columns, plan.Columns[j])
		at++
	}
	l.TableColumns = len(plan.Query.Tables()[0].Columns)
	l.RowCount = at
	at++
	for range w.Params {
		l.Params = append(l.Params, at)
		at++
	}
	l.Count = at // the partials' first: the rows in the query
	for k := range w.Partials {
		switch part := plan.Partials[k]; part.Kind {
		case planner.PartialMin, planner.PartialMax:
			e := twochain.ExtremeInput{At: at, Max: part.Kind == planner.PartialMax}
			switch {
			case plan.WideExtreme(k): // a UINT256's: its limbs, the high one next
				e.High = at + 1
			case part.Limb == 1: // the high limb of the one before
				at++
				continue
			}
			l.Extremes = append(l.Extremes, e)
		default:
			l.Summed = append(l.Summed, at)
		}
		at++
	}
	at += len(w.JoinRows)
	if len(w.WinPublic) > 0 {
		width, lo := plan.WindowPacking()
		l.Window = &twochain.WindowLayout{Bounds: len(w.WinEnds) / 3, Values: at, Width: width, Lo: lo, Column: plan.WindowTableColumn()}
	}
	at += len(w.WinPublic) + len(w.Challenges)
	if l.Window != nil {
		l.Window.Points = at
	}
	l.Inputs = at + len(w.WinPoints)
	return l
}

// ProveTwoChain proves a bound plan's segments over BLS12-377 for the
// two-chain path (TwoChainSupported says which plans): each segment's
// witness is the one Prove builds, its values re-encoded as the same
// integers in BLS12-377's scalar field; a first pass stops at Z, each
// column the circuit evaluates is opened at Z with srs (the evaluation is
// the public Y), and the second pass proves. The segment circuit is
// compiled and set up once per shape and size in the Prover's KeyStore. The
// openings' commitments are the store's column values committed over
// BLS12-377, and the table's other columns are committed too (Table): the
// aggregator's table digest covers them all, for a verifier to compare
// with the one the table's owner posted.
func (p *Prover) ProveTwoChain(ctx context.Context, plan *planner.Plan, args []string, srs *kzg377.SRS) (*TwoChainSegments, error) {
	if err := TwoChainSupported(plan); err != nil {
		return nil, err
	}
	if p.Keys == nil {
		return nil, errors.New("prover: the two-chain path keeps its keys in the Prover's KeyStore, and it has none")
	}
	m, size, err := p.twoChainSize(plan)
	if err != nil {
		return nil, err
	}
	if _, err := NewEvaluator(plan); err != nil { // every placeholder bound
		return nil, err
	}
	params, _ := plan.PublicParamValues()
	circ, err := p.Keys.twoChainSegment(plan, size, p.MaxConstraints, p.Progress)
	if err != nil {
		return nil, err
	}
	out := &TwoChainSegments{CS: circ.cs, VK: circ.vk, Setup: circ.setup}
	out.Layout = TwoChainLayout(plan, size)
	if n := circ.cs.GetNbPublicVariables() - 1; n != out.Layout.Inputs {
		return nil, fmt.Errorf("prover: the segment circuit has %d public inputs, its layout %d", n, out.Layout.Inputs)
	}
	t1 := time.Now()
	// Parallel segments at once (each proof already uses every core: more
	// overlaps their serial parts, for memory)
	parallel := max(p.Parallel, 1)
	if p.Parallel <= 0 && p.AutoParallel {
		parallel = TwoChainParallel(circ.cs.GetNbConstraints())
	}
	out.Parallel = min(parallel, len(m.Segments))
	proven := make([]*curveSegment, len(m.Segments))
	errs := make([]error, len(m.Segments))
	sem := make(chan struct{}, out.Parallel)
	var wg sync.WaitGroup
	var done atomic.Int64
	for si := range m.Segments {
		sem <- struct{}{}
		if ctx.Err() != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			seg, err := p.proveSegmentOver(plan, circ, size, m, si, params, srs)
			if err != nil {
				errs[si] = fmt.Errorf("prover: segment %d over BLS12-377: %w", si, err)
				return
			}
			proven[si] = seg
			n := int(done.Add(1))
			p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("two-chain segment %d/%d", n, len(m.Segments)), Done: n, Total: len(m.Segments), Elapsed: time.Since(t1)})
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, seg := range proven {
		out.Proofs, out.Publics = append(out.Proofs, seg.proof), append(out.Publics, seg.public)
		out.Openings, out.Partials = append(out.Openings, seg.openings), append(out.Partials, seg.partials)
		out.Windows = append(out.Windows, seg.window)
	}
	// the other columns committed too: the table digest covers them all
	known := make([]map[int]bls12377.G1Affine, len(m.Segments))
	for si := range known {
		known[si] = map[int]bls12377.G1Affine{}
		for j, op := range out.Openings[si] {
			known[si][plan.Columns[j]] = op.Commitment
		}
		if len(out.Windows[si]) > 0 {
			known[si][plan.WindowTableColumn()] = out.Windows[si][0].Commitment
		}
	}
	if out.Table, err = p.twoChainTable(m, srs, known); err != nil {
		return nil, err
	}
	out.Prove = time.Since(t1)
	if out.Rows, err = plan.FinalizeResult(out.Partials, nil, &schema.Recorder{From: schema.Blobs{}}); err != nil {
		return nil, err
	}
	return out, nil
}

// twoChainSize returns the manifest of a two-chain plan's table
// (manifestOf) and the size of its segment circuit: the table's, with the
// window's row points public (the aggregator opens its rows).
func (p *Prover) twoChainSize(plan *planner.Plan) (*store.Manifest, circuits.Size, error) {
	m, err := p.manifestOf(plan.Query.Tables()[0])
	if err != nil {
		return nil, circuits.Size{}, err
	}
	size, err := p.sizeOf(plan, []*store.Manifest{m})
	if err != nil {
		return nil, circuits.Size{}, err
	}
	size.RowPoints = true
	return m, size, nil
}

// curveSegment is one segment proven over BLS12-377.
type curveSegment struct {
	proof    groth16.Proof
	public   witness.Witness
	openings []kzg377.Opening
	window   []kzg377.Opening
	partials []*big.Int
}

// proveSegmentOver proves segment si over BLS12-377: its proof, public
// witness, openings and partials.
func (p *Prover) proveSegmentOver(plan *planner.Plan, circ *curveKeys, size circuits.Size, m *store.Manifest, si int, params []*big.Int, srs *kzg377.SRS) (*curveSegment, error) {
	r := ecc.BLS12_377.ScalarField()
	job, err := p.loadJob(plan, []*store.Manifest{m}, []int{si}, size.Lookup, params)
	if err != nil {
		return nil, err
	}
	ev, err := NewEvaluator(plan)
	if err != nil {
		return nil, err
	}
	res, err := segmentResultOf(ev, plan, job.cols, job.rows, m.LogCapacity)
	if err != nil && (p.alterResult == nil || !errors.Is(err, errRowsCutShort)) {
		return nil, err
	}
	if p.alterResult != nil {
		p.alterResult(res)
	}
	bn, err := segmentWitness(plan, size, job, params, res)
	if err != nil {
		return nil, err
	}
	if p.alterWitness != nil {
		p.alterWitness(bn)
	}
	w, err := encodeQueryIn(bn, ecc.BN254.ScalarField(), r)
	if err != nil {
		return nil, err
	}
	out := &curveSegment{partials: res.partials}
	// the columns' commitments where kept (each opening checks its own
	// against it, and commits the column where it does not match)
	kept := p.keptCommitments377(m, si, srs, nil)
	// the window's column opened at its rows (per bound, before and at its
	// end), their points public
	if job.winColumn != nil {
		col, err := columnIn377(job.winColumn, len(job.winColumn))
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", plan.Window.Column.Name, err)
		}
		rows := make([]int, len(job.winRows))
		for k, row := range job.winRows {
			rows[k] = int(row)
		}
		ops, points, err := srs.OpenRowsCommitted(col, rows, keptAt(kept, plan.WindowTableColumn())) // one commitment, a quotient a row
		if err != nil {
			return nil, fmt.Errorf("opening column %s at rows %v: %w", plan.Window.Column.Name, rows, err)
		}
		out.window = ops
		for k := range points {
			w.WinPoints[k] = points[k].BigInt(new(big.Int))
		}
	}
	// the columns the circuit evaluates, as committed: the store's padded
	// segment columns, re-encoded
	cols := make([][]fr377.Element, len(w.Y))
	for j := range cols {
		if cols[j], err = columnIn377(job.tables[j], len(job.tables[j])); err != nil {
			return nil, fmt.Errorf("column %s: %w", m.Schema.Columns[plan.Columns[j]].Name, err)
		}
	}
	seed, err := rand.Int(rand.Reader, r)
	if err != nil {
		return nil, err
	}
	mask := maskFrom(seed)
	outer := ecc.BW6_761.ScalarField()
	native := stdgroth16.GetNativeProverOptions(outer, r)
	first, err := frontend.NewWitness(w, r)
	if err != nil {
		return nil, fmt.Errorf("witness: %w", err)
	}
	z, err := p.firstPass(func(opts ...solver.Option) error {
		_, err := groth16.Prove(circ.cs, circ.pk, first, native, backend.WithSolverOptions(opts...))
		return err
	}, mask)
	if err != nil {
		return nil, err
	}
	w.Z = z
	var zr fr377.Element
	zr.SetBigInt(z)
	out.openings = make([]kzg377.Opening, len(cols))
	for j, col := range cols {
		if out.openings[j], err = srs.OpenCommitted(col, zr, keptAt(kept, plan.Columns[j])); err != nil {
			return nil, fmt.Errorf("opening column %s at Z: %w", m.Schema.Columns[plan.Columns[j]].Name, err)
		}
		w.Y[j] = out.openings[j].Value.BigInt(new(big.Int))
	}
	full, err := frontend.NewWitness(w, r)
	if err != nil {
		return nil, fmt.Errorf("witness: %w", err)
	}
	// the proof on the Backend where it proves over any curve (a GPU's),
	// else on gnark's CPU prover; the first pass above stays on the CPU
	// (it stops at Z, before the prover's arithmetic)
	prover := proofsys.CurveProverOf(p.Backend)
	if out.proof, err = prover.ProveOnCurve(circ.cs, circ.pk, full, native, backend.WithSolverOptions(append([]solver.Option{mask}, p.extraSolverOpts...)...)); err != nil {
		return nil, fmt.Errorf("proving (the witness disagrees with the query circuit or the committed data): %w", err)
	}
	if out.public, err = full.Public(); err != nil {
		return nil, err
	}
	return out, nil
}
