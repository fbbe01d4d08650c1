package twochain

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	mimc_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/mimc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/hash/mimc"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"
)

// ScalarInteger returns the integer in [0, r) that e, a BLS12-377 scalar
// as the aggregator holds a segment's public input, represents, as one
// native BW6-761 variable (whose 377-bit field holds sums of many such
// integers without wrapping), and proves e canonical: its limbs' bits,
// compared bit by bit from the top with r − 1, are at most r − 1, so no
// other representation (e + r) passes.
//
// It takes no BSB22 commitment, so CompileAggregator's commitment-free
// aggregator can read its segments' statements with it: gnark's emulated
// AssertIsEqual, ReduceStrict and ToBitsCanonical all defer a product
// check to a commitment, and an aggregator with one costs its wrapper
// 2.63M constraints. e should be as allocated, as a segment proof's public
// input is: the result of emulated arithmetic may hold its value plus a
// multiple of r, which the check refuses (never a wrong integer).
func ScalarInteger(api frontend.API, f *emulated.Field[sw_bls12377.ScalarField], e *emulated.Element[sw_bls12377.ScalarField]) frontend.Variable {
	bits := f.ToBits(e)
	bound := new(big.Int).Sub(ecc.BLS12_377.ScalarField(), big.NewInt(1))
	assertAtMost(api, bits, bound)
	return api.FromBinary(bits[:min(bound.BitLen(), len(bits))]...)
}

// QueryAggregator verifies the segment proofs of one query shape (the key
// fixed) whose statements share the query's parameters, and exposes the
// query's summed results: for each summed public input of a segment (a
// COUNT's or a SUM's partial), the sum over the segments of the integers
// the segments hold (ScalarInteger), as a native public output. The
// parameters are one set of variables that every segment's statement
// takes at its parameter positions, so a segment proven for other
// parameters fails its proof check, with no comparison (and no
// commitment: CompileAggregator compiles it). A SUM's negative partials
// are r − x there; the outputs are integers below k·r, which whoever reads
// them reduces mod r. With Layout.Y (or a window) it also checks each
// segment's evaluations at its Z against its columns' KZG commitments over
// BLS12-377. It exposes the parameters (ParamValues) and the digest of the
// table (TableDigest: every segment's row count and every column's
// commitments, those it opens checked), which its reader compares with the
// parameters it asked for and the digest the table's owner posted.
//
// It has a fixed number of slots (Slots of the segment count): a table of
// fewer segments fills the rest with copies of its first segment, marked
// inactive (Active), which add nothing to the outputs or to the digest. So
// one key, and one verifier on chain, serves a table as it grows from
// Slots/2 + 1 to Slots segments. The digest hashes the segment count and
// the active slots' row counts and commitments alone, so a proof whose
// active slots are not exactly the table's segments, in order, has another
// digest than the posted one.
type QueryAggregator struct {
	VK     stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT] `gnark:"-"`
	Proofs []stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	// Active[s] is 1 where slot s holds one of the table's segments, 0
	// where it holds a padding copy: ones first, at least one.
	Active []frontend.Variable
	// Rest holds each segment's public inputs other than the parameters,
	// in order.
	Rest   [][]emulated.Element[sw_bls12377.ScalarField]
	Params []emulated.Element[sw_bls12377.ScalarField]
	Sums   []frontend.Variable `gnark:",public"`
	// Extremes are the query's MIN and MAX over the segments whose count
	// (Layout.Count) is not zero, one per Layout.Extremes entry. Of a
	// signed value, each a segment's partial v offset to
	// t = v + (r − 1)/2 in [0, r): a MIN's least t, or r where no segment
	// counts; a MAX's greatest t + 1, or 0 where none does (ExtremeValue
	// reads them back). Of a UINT256 (ExtremeInput.High), the value
	// itself, hi·2^128 + lo of its limbs, below 2^256: 0 where no segment
	// counts, as a segment's own partials are.
	Extremes []frontend.Variable `gnark:",public"`
	// ParamValues are the parameters, each the integer in [0, r) the
	// segments' statements hold (ScalarInteger), as public outputs: a
	// reader checks them against its own, so a proof for other parameters
	// is refused there.
	ParamValues []frontend.Variable `gnark:",public"`
	// Columns[s][j] is the KZG commitment (over BLS12-377, the plan's SRS)
	// to segment s's column whose evaluation is its input Layout.Y[j], and
	// Quotients[s][j] the commitment to that column's quotient at the
	// segment's Z: each segment's Y is checked against the committed column
	// in the aggregator, every opening of every slot in one weighed pairing
	// check (kzgBatch).
	Columns   [][]sw_bls12377.G1Affine
	Quotients [][]sw_bls12377.G1Affine
	// ColumnDigests are ColumnDigest of each of the table's
	// Layout.TableColumns columns over the segments: for a column the
	// query opens, the digest of the commitments it opened (checked); for
	// another, whatever the table's is, bound by TableDigest.
	ColumnDigests []frontend.Variable
	// TableDigest is TableDigest of the segments' row counts and
	// ColumnDigests, a public output: what the table's owner posts (one
	// element, whatever the table's columns and segments), so a proof
	// about other rows, row counts or columns is refused by whoever
	// compares it with the posted one.
	TableDigest frontend.Variable `gnark:",public"`
	// WinColumns[s] is the KZG commitment to segment s's sorted column
	// whose window it proves (Layout.Window), WinQuotients[s] the
	// commitments to its quotients at the window's row points, two a
	// bound (the rows before and at its end).
	WinColumns   []sw_bls12377.G1Affine
	WinQuotients [][]sw_bls12377.G1Affine
	// KZG is the SRS's G2 points, [1] and [τ], and TauG1 its [τ]₁ (with
	// Layout.Y).
	KZG   [2]sw_bls12377.G2Affine `gnark:"-"`
	TauG1 sw_bls12377.G1Affine    `gnark:"-"`
	// Layout is where the parameters and the summed inputs sit among a
	// segment's public inputs.
	Layout StatementLayout `gnark:"-"`
}

// StatementLayout places a query's parameters, summed inputs and opened
// evaluations among a segment proof's public inputs (Inputs of them): Y
// are the inputs that are a committed column's evaluation at the input Z
// (none: no opening checked; the digest still binds the row counts),
// Columns[j] the table column
// (of TableColumns) that Y[j] evaluates, RowCount the segment's row
// count, which the table digest covers with the columns.
type StatementLayout struct {
	Inputs int
	Params []int
	Summed []int
	// Extremes are the inputs that are a segment's MIN or MAX partial, and
	// Count the input whose zero says the segment has no row for them.
	Extremes     []ExtremeInput
	Count        int
	Z            int
	Y            []int
	Columns      []int
	TableColumns int
	RowCount     int
	// Window, where the segments prove a sorted column's window, places
	// its values and row points (nil: none).
	Window *WindowLayout
}

// OutputWidths is how the wrapper exposes a query aggregator of this
// layout's public outputs, in their order: each sum Wide (up to k·r), each
// MIN or MAX its ExtremeInput.Width, each parameter a Scalar (at most r),
// the table digest Wide (a BW6-761 scalar).
func (l StatementLayout) OutputWidths() []OutputWidth {
	extremes := make([]OutputWidth, len(l.Extremes))
	for j, e := range l.Extremes {
		extremes[j] = e.Width()
	}
	return QueryOutputWidths(len(l.Summed), extremes, len(l.Params))
}

// QueryOutputWidths is OutputWidths of a query aggregator with sums
// summed partials, MIN or MAX partials of the given widths
// (ExtremeInput.Width) and params parameters.
func QueryOutputWidths(sums int, extremes []OutputWidth, params int) []OutputWidth {
	var ws []OutputWidth
	for range sums {
		ws = append(ws, Wide)
	}
	ws = append(ws, extremes...)
	for range params {
		ws = append(ws, Scalar)
	}
	return append(ws, Wide)
}

// WindowLayout places a segment's window (circuits: defineWindow) among
// its public inputs: per bound (1 or 2: Bounds) the end, the sorted
// column's values at the rows before and at it, from input Values on, or
// packed into input Values where Width > 0 (planner.Plan.PackWindow: each
// end in 32 bits, each value as v − Lo in Width bits); and per bound the
// row points ω^(end−1), ω^end from input Points on
// (circuits.Query.WinPoints). The aggregator opens the column's
// commitment (table column Column) at the row points to the values.
type WindowLayout struct {
	Bounds, Values, Points, Width, Column int
	Lo                                    *big.Int
}

// ExtremeInput places a MIN (Max false) or MAX partial among a segment's
// public inputs: a signed value's at At, or a UINT256's low 128-bit limb
// at At and its high limb at High (zero for a signed value: input 0 is
// the segment's Z). The segment circuit proves a UINT256's limbs below
// 2^128 and both zero where it counts no row.
type ExtremeInput struct {
	At   int
	Max  bool
	High int
}

// Width is how the wrapper exposes the extreme: a Scalar for a signed
// value's (at most r), Wide for a UINT256's (below 2^256).
func (e ExtremeInput) Width() OutputWidth {
	if e.High > 0 {
		return Wide
	}
	return Scalar
}

// noUint256Min is a UINT256 MIN's value while no segment counts a row:
// 2^256, above every UINT256.
func noUint256Min() *big.Int { return new(big.Int).Lsh(big.NewInt(1), 256) }

// signedOffset returns t = v + (r − 1)/2 for the signed integer v that x,
// an integer in [0, r) of BLS12-377's r, encodes (x − r above (r − 1)/2):
// t in [0, r) orders as v does.
func signedOffset(api frontend.API, x frontend.Variable) frontend.Variable {
	r := ecc.BLS12_377.ScalarField()
	half := new(big.Int).Rsh(r, 1) // (r − 1)/2
	above := api.IsZero(api.Sub(api.Cmp(x, half), 1))
	return api.Sub(api.Add(x, half), api.Mul(above, r))
}

// ExtremeValue reads a QueryAggregator's Extremes output of a signed
// value back: the signed integer, or nil where no segment counted a row.
// (A UINT256's output is its value, 0 where none did.)
func ExtremeValue(out *big.Int, max bool) *big.Int {
	r := ecc.BLS12_377.ScalarField()
	half := new(big.Int).Rsh(r, 1)
	t := new(big.Int).Set(out)
	if max {
		if t.Sign() == 0 {
			return nil
		}
		t.Sub(t, big.NewInt(1))
	} else if t.Cmp(r) >= 0 {
		return nil
	}
	return t.Sub(t, half)
}

// KZGKey is what the aggregator's opening checks take of the SRS:
// [1]₂ and [τ]₂, and [τ]₁.
type KZGKey struct {
	G2    [2]bls12377.G2Affine
	TauG1 bls12377.G1Affine
}

// Define implements frontend.Circuit.
func (c *QueryAggregator) Define(api frontend.API) error {
	v, err := stdgroth16.NewVerifier[sw_bls12377.ScalarField, sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](api)
	if err != nil {
		return err
	}
	f, err := emulated.NewField[sw_bls12377.ScalarField](api)
	if err != nil {
		return err
	}
	l := c.Layout
	if len(c.Params) != len(l.Params) || len(c.Sums) != len(l.Summed) || len(c.Rest) != len(c.Proofs) {
		return fmt.Errorf("twochain: %d parameters, %d sums, %d statements for %d proofs; the layout takes %d and %d", len(c.Params), len(c.Sums), len(c.Rest), len(c.Proofs), len(l.Params), len(l.Summed))
	}
	if l.RowCount < 0 || l.RowCount >= l.Inputs {
		return fmt.Errorf("twochain: the row count's input %d is outside the %d inputs", l.RowCount, l.Inputs)
	}
	if len(l.Y) > 0 && (len(c.Columns) != len(c.Proofs) || len(c.Quotients) != len(c.Proofs)) {
		return fmt.Errorf("twochain: %d and %d segments' openings for %d proofs", len(c.Columns), len(c.Quotients), len(c.Proofs))
	}
	if len(c.ParamValues) != len(l.Params) {
		return fmt.Errorf("twochain: %d parameter outputs for %d parameters", len(c.ParamValues), len(l.Params))
	}
	if len(c.Active) != len(c.Proofs) {
		return fmt.Errorf("twochain: %d active flags for %d slots", len(c.Active), len(c.Proofs))
	}
	segments := activeSegments(api, c.Active)
	for j := range c.Params {
		api.AssertIsEqual(ScalarInteger(api, f, &c.Params[j]), c.ParamValues[j])
	}
	isParam := map[int]int{}
	for j, at := range l.Params {
		isParam[at] = j
	}
	openings := &kzgBatch{api: api}
	// the table's digest, whatever the query opens (a COUNT(*) of the
	// whole table opens nothing: its segments' row counts are its result)
	if len(c.ColumnDigests) != l.TableColumns || len(l.Columns) != len(l.Y) {
		return fmt.Errorf("twochain: %d column digests and %d evaluated columns, the layout takes %d and %d", len(c.ColumnDigests), len(l.Columns), l.TableColumns, len(l.Y))
	}
	table, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	table.Write(segments, l.TableColumns)
	// one hasher per opened column occurrence (the window's first, then
	// Y's), each ColumnDigest of the commitments it opened
	var opens []int
	var columns []mimc.MiMC
	if len(l.Y) > 0 || l.Window != nil {
		if l.Window != nil {
			opens = append(opens, l.Window.Column)
		}
		opens = append(opens, l.Columns...)
		for _, col := range opens {
			if col < 0 || col >= l.TableColumns {
				return fmt.Errorf("twochain: the query opens column %d of a table of %d", col, l.TableColumns)
			}
			h, err := mimc.NewMiMC(api)
			if err != nil {
				return err
			}
			columns = append(columns, h)
		}
	}
	sums := make([]frontend.Variable, len(l.Summed))
	for j := range sums {
		sums[j] = 0
	}
	if len(c.Extremes) != len(l.Extremes) {
		return fmt.Errorf("twochain: %d extremes, the layout takes %d", len(c.Extremes), len(l.Extremes))
	}
	extremes := make([]frontend.Variable, len(l.Extremes))
	for j, e := range l.Extremes {
		switch {
		case e.Max:
			extremes[j] = 0
		case e.High > 0:
			extremes[j] = noUint256Min() // MIN: none yet
		default:
			extremes[j] = ecc.BLS12_377.ScalarField() // MIN: none yet
		}
		if e.High < 0 || e.High >= l.Inputs || e.High == e.At {
			return fmt.Errorf("twochain: extreme %d's high limb is input %d of %d", j, e.High, l.Inputs)
		}
	}
	for s := range c.Proofs {
		if len(c.Rest[s]) != l.Inputs-len(l.Params) {
			return fmt.Errorf("twochain: segment %d has %d inputs besides the parameters, want %d", s, len(c.Rest[s]), l.Inputs-len(l.Params))
		}
		w := stdgroth16.Witness[sw_bls12377.ScalarField]{Public: make([]emulated.Element[sw_bls12377.ScalarField], l.Inputs)}
		rest := 0
		for i := range w.Public {
			if j, ok := isParam[i]; ok {
				w.Public[i] = c.Params[j]
			} else {
				w.Public[i] = c.Rest[s][rest]
				rest++
			}
		}
		// the proof's points in their groups (A, C, the commitment and its
		// proof of knowledge in G1, B in G2): the prover picks them, and a
		// pairing is bilinear on those alone (≈ 2.9k constraints a slot)
		if err := v.AssertProof(c.VK, c.Proofs[s], w, stdgroth16.WithSubgroupCheck()); err != nil {
			return err
		}
		active := c.Active[s]
		summed := map[int]frontend.Variable{} // by input: its integer, read once
		for j, at := range l.Summed {
			summed[at] = ScalarInteger(api, f, &w.Public[at])
			sums[j] = api.Add(sums[j], api.Mul(active, summed[at]))
		}
		if len(l.Extremes) > 0 {
			count, ok := summed[l.Count]
			if !ok {
				count = ScalarInteger(api, f, &w.Public[l.Count])
			}
			counts := api.Mul(active, api.Sub(1, api.IsZero(count)))
			for j, e := range l.Extremes {
				var t, none frontend.Variable
				if e.High > 0 { // hi·2^128 + lo: below 2^256 (the segment proves its limbs 128-bit)
					t = api.Add(api.Mul(ScalarInteger(api, f, &w.Public[e.High]), new(big.Int).Lsh(big.NewInt(1), 128)), ScalarInteger(api, f, &w.Public[e.At]))
					none = noUint256Min()
				} else {
					t = signedOffset(api, ScalarInteger(api, f, &w.Public[e.At]))
					none = ecc.BLS12_377.ScalarField()
				}
				if e.Max { // t + 1 where the segment counts, else 0; the greater
					cand := api.Mul(counts, api.Add(t, 1))
					extremes[j] = api.Select(api.IsZero(api.Sub(api.Cmp(cand, extremes[j]), 1)), cand, extremes[j])
				} else { // t where it counts, else none; the lesser
					cand := api.Select(counts, t, none)
					extremes[j] = api.Select(api.IsZero(api.Add(api.Cmp(cand, extremes[j]), 1)), cand, extremes[j])
				}
			}
		}
		// each opened column's claims (checked together once every slot's
		// are known: kzgBatch)
		if len(l.Y) > 0 && (len(c.Columns[s]) != len(l.Y) || len(c.Quotients[s]) != len(l.Y)) {
			return fmt.Errorf("twochain: segment %d has %d and %d openings for %d evaluations", s, len(c.Columns[s]), len(c.Quotients[s]), len(l.Y))
		}
		if err := absorbIf(api, &table, active, ScalarInteger(api, f, &w.Public[l.RowCount])); err != nil {
			return err
		}
		occurrence := 0
		if wl := l.Window; wl != nil {
			if len(c.WinColumns) != len(c.Proofs) || len(c.WinQuotients) != len(c.Proofs) || len(c.WinQuotients[s]) != 2*wl.Bounds {
				return fmt.Errorf("twochain: segment %d's window openings do not match its %d bounds", s, wl.Bounds)
			}
			if err := absorbIf(api, &columns[occurrence], active, c.WinColumns[s].X, c.WinColumns[s].Y); err != nil {
				return err
			}
			occurrence++
			values, err := windowValues(api, f, w.Public, wl)
			if err != nil {
				return err
			}
			col := openings.commit(&c.WinColumns[s])
			for k, v := range values {
				openings.claim(col, openings.point(&w.Public[wl.Points+k]), &c.WinQuotients[s][k], v, active)
			}
		}
		var z int
		if len(l.Y) > 0 {
			z = openings.point(&w.Public[l.Z])
		}
		for j, at := range l.Y {
			if err := absorbIf(api, &columns[occurrence], active, c.Columns[s][j].X, c.Columns[s][j].Y); err != nil {
				return err
			}
			occurrence++
			openings.claim(openings.commit(&c.Columns[s][j]), z, &c.Quotients[s][j], ScalarInteger(api, f, &w.Public[at]), active)
		}
	}
	for j := range sums {
		api.AssertIsEqual(sums[j], c.Sums[j])
	}
	for j, e := range l.Extremes {
		if e.High > 0 { // the value, or 0 where no segment counts
			if e.Max {
				extremes[j] = api.Sub(api.Add(extremes[j], api.IsZero(extremes[j])), 1)
			} else {
				extremes[j] = api.Select(api.IsZero(api.Sub(extremes[j], noUint256Min())), 0, extremes[j])
			}
		}
		api.AssertIsEqual(extremes[j], c.Extremes[j])
	}
	// every opening at once, each weighed (kzgBatch)
	if err := openings.check(c.KZG, &c.TauG1); err != nil {
		return err
	}
	for i, col := range opens {
		api.AssertIsEqual(columns[i].Sum(), c.ColumnDigests[col])
	}
	table.Write(c.ColumnDigests...)
	api.AssertIsEqual(table.Sum(), c.TableDigest)
	return nil
}

// activeSegments returns the number of active slots, and asserts the
// flags are bits, ones first, the first one: the segments are slots 0 …
// k − 1, k ≥ 1. Each flag weighs its slot's partials and digest update, so
// a flag other than 0 or 1 would count a fraction of a segment.
func activeSegments(api frontend.API, active []frontend.Variable) frontend.Variable {
	var segments frontend.Variable = 0
	for s, a := range active {
		api.AssertIsBoolean(a)
		if s == 0 {
			api.AssertIsEqual(a, 1)
		} else { // a flag at most the one before
			api.AssertIsEqual(api.Mul(a, api.Sub(1, active[s-1])), 0)
		}
		segments = api.Add(segments, a)
	}
	return segments
}

// absorbIf writes values into h where active is 1 and leaves h as it was
// where it is 0: the hash of the active slots' values alone, the same as
// gnark-crypto's MiMC over them (its running state is the digest so far).
func absorbIf(api frontend.API, h *mimc.MiMC, active frontend.Variable, values ...frontend.Variable) error {
	before := h.State()[0]
	h.Write(values...)
	after := h.State()[0]
	h.Reset()
	if err := h.SetState([]frontend.Variable{api.Select(active, after, before)}); err != nil {
		return fmt.Errorf("twochain: the digest's state: %w", err)
	}
	return nil
}

// windowValues returns each of a window's values (per bound, the sorted
// column's at the rows before and at its end) as an integer below r + 2^Width
// that is the value mod r: unpacked, each value input's (ScalarInteger);
// packed, the one input read as its integer and split into its parts, each
// value's part u = v − Lo, plus Lo mod r.
func windowValues(api frontend.API, f *emulated.Field[sw_bls12377.ScalarField], public []emulated.Element[sw_bls12377.ScalarField], wl *WindowLayout) ([]frontend.Variable, error) {
	var out []frontend.Variable
	if wl.Width == 0 {
		for b := range wl.Bounds {
			out = append(out, ScalarInteger(api, f, &public[wl.Values+3*b+1]), ScalarInteger(api, f, &public[wl.Values+3*b+2]))
		}
		return out, nil
	}
	part := 32 + 2*wl.Width // an end and its two values
	if wl.Bounds*part > 250 {
		return nil, fmt.Errorf("twochain: a window of %d bounds packs into %d bits, more than 250", wl.Bounds, wl.Bounds*part)
	}
	bits := api.ToBinary(ScalarInteger(api, f, &public[wl.Values]), wl.Bounds*part)
	lo := new(big.Int).Mod(wl.Lo, ecc.BLS12_377.ScalarField())
	for b := range wl.Bounds {
		for k := range 2 {
			at := b*part + 32 + k*wl.Width
			out = append(out, api.Add(api.FromBinary(bits[at:at+wl.Width]...), lo))
		}
	}
	return out, nil
}

// ColumnDigest is the digest of one column's KZG commitments over
// BLS12-377, segment by segment: MiMC over BW6-761's scalar field
// (BLS12-377's base field, where the points' coordinates are native) of
// each commitment's x and y.
func ColumnDigest(commitments []bls12377.G1Affine) *big.Int {
	h := mimc_bw6761.NewFieldHasher()
	for _, c := range commitments {
		var x, y fr_bw6761.Element
		x.SetBigInt(c.X.BigInt(new(big.Int)))
		y.SetBigInt(c.Y.BigInt(new(big.Int)))
		h.WriteElement(x)
		h.WriteElement(y)
	}
	d := h.SumElement()
	return d.BigInt(new(big.Int))
}

// TableDigest is the digest a table's owner posts for the two-chain path,
// and the query aggregator's TableDigest output: MiMC over BW6-761's
// scalar field of the segment count, the column count, each segment's row
// count, then each column's ColumnDigest (columnDigests, in the table's
// column order).
func TableDigest(rowCounts, columnDigests []*big.Int) (*big.Int, error) {
	h := mimc_bw6761.NewFieldHasher()
	r := ecc.BW6_761.ScalarField()
	write := func(v *big.Int) error {
		if v == nil || v.Sign() < 0 || v.Cmp(r) >= 0 {
			return fmt.Errorf("twochain: %v is not a BW6-761 scalar in [0, r)", v)
		}
		var e fr_bw6761.Element
		e.SetBigInt(v)
		h.WriteElement(e)
		return nil
	}
	for _, v := range append(append([]*big.Int{big.NewInt(int64(len(rowCounts))), big.NewInt(int64(len(columnDigests)))}, rowCounts...), columnDigests...) {
		if err := write(v); err != nil {
			return nil, err
		}
	}
	d := h.SumElement()
	return d.BigInt(new(big.Int)), nil
}

// TableDigestOf is TableDigest of a table's row counts and its columns'
// commitments (columns[s][c]: segment s's column c), with the column
// digests it hashed.
func TableDigestOf(rowCounts []*big.Int, columns [][]bls12377.G1Affine) (*big.Int, []*big.Int, error) {
	if len(rowCounts) != len(columns) || len(columns) == 0 {
		return nil, nil, fmt.Errorf("twochain: %d row counts for %d segments' columns", len(rowCounts), len(columns))
	}
	m := len(columns[0])
	digests := make([]*big.Int, m)
	for c := range m {
		var col []bls12377.G1Affine
		for s, seg := range columns {
			if len(seg) != m {
				return nil, nil, fmt.Errorf("twochain: segment %d has %d column commitments, segment 0 %d", s, len(seg), m)
			}
			col = append(col, seg[c])
		}
		digests[c] = ColumnDigest(col)
	}
	d, err := TableDigest(rowCounts, digests)
	return d, digests, err
}

// Slots is the number of slots of the query aggregator over a table of
// segments segments: the least power of two at least segments. Its keys
// serve every table of Slots/2 + 1 to Slots segments, so a table that
// grows by a segment needs new keys (and a new verifier on chain) only
// when its segment count passes a power of two; a table of 2^j + 1
// segments pays for an aggregator of 2^(j+1) slots.
func Slots(segments int) int {
	n := 1
	for n < segments {
		n <<= 1
	}
	return n
}

// QueryAggregatorShape is the query aggregator of slots slots over
// segments of the inner shape, its key fixed, and (with layout.Y) the KZG
// SRS's G2 points kzg ([1], [τ]).
func QueryAggregatorShape(inner constraint.ConstraintSystem, vk groth16.VerifyingKey, slots int, layout StatementLayout, kzg KZGKey) (*QueryAggregator, error) {
	if slots < 1 {
		return nil, fmt.Errorf("twochain: an aggregator of %d slots", slots)
	}
	if n := inner.GetNbPublicVariables() - 1; n != layout.Inputs {
		return nil, fmt.Errorf("twochain: the segment circuit has %d public inputs, the layout %d", n, layout.Inputs)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](vk)
	if err != nil {
		return nil, err
	}
	c := &QueryAggregator{VK: fixed, Layout: layout, Params: make([]emulated.Element[sw_bls12377.ScalarField], len(layout.Params)), Sums: make([]frontend.Variable, len(layout.Summed)), Extremes: make([]frontend.Variable, len(layout.Extremes))}
	c.ParamValues = make([]frontend.Variable, len(layout.Params))
	c.ColumnDigests = make([]frontend.Variable, layout.TableColumns)
	c.KZG = [2]sw_bls12377.G2Affine{sw_bls12377.NewG2AffineFixed(kzg.G2[0]), sw_bls12377.NewG2AffineFixed(kzg.G2[1])}
	c.TauG1 = sw_bls12377.NewG1Affine(kzg.TauG1)
	c.Active = make([]frontend.Variable, slots)
	for range slots {
		c.Proofs = append(c.Proofs, stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](inner))
		c.Rest = append(c.Rest, make([]emulated.Element[sw_bls12377.ScalarField], layout.Inputs-len(layout.Params)))
		if len(layout.Y) > 0 {
			c.Columns = append(c.Columns, make([]sw_bls12377.G1Affine, len(layout.Y)))
			c.Quotients = append(c.Quotients, make([]sw_bls12377.G1Affine, len(layout.Y)))
		}
		if layout.Window != nil {
			c.WinColumns = append(c.WinColumns, sw_bls12377.G1Affine{})
			c.WinQuotients = append(c.WinQuotients, make([]sw_bls12377.G1Affine, 2*layout.Window.Bounds))
		}
	}
	return c, nil
}

// QueryAggregatorAssignment is the witness of the query aggregator of
// slots slots (at least the segments) over the segments' proofs and public
// witnesses, the slots past the segments filled with copies of the first
// and marked inactive: the parameters taken from the
// first, the sums computed from all (each summed input read as an integer
// in [0, r)), and with layout.Y each segment's column commitments and
// quotient commitments (openings[s][j]: C, then W), and with
// layout.Window each segment's window column's commitment and its
// quotients at the row points (windows[s]: C, then W per point), and the
// table's column digests (TableDigestOf: every column's, opened or not)
// of which the table digest is computed.
func QueryAggregatorAssignment(layout StatementLayout, proofs []groth16.Proof, publics []witness.Witness, openings [][][2]bls12377.G1Affine, windows [][]bls12377.G1Affine, columnDigests []*big.Int, slots int) (*QueryAggregator, error) {
	if len(proofs) != len(publics) || len(proofs) == 0 {
		return nil, fmt.Errorf("twochain: %d proofs and %d statements", len(proofs), len(publics))
	}
	if slots < len(proofs) {
		return nil, fmt.Errorf("twochain: %d segments for an aggregator of %d slots", len(proofs), slots)
	}
	if layout.RowCount < 0 || layout.RowCount >= layout.Inputs {
		return nil, fmt.Errorf("twochain: the row count's input %d is outside the %d inputs", layout.RowCount, layout.Inputs)
	}
	if len(layout.Y) > 0 && len(openings) != len(proofs) {
		return nil, fmt.Errorf("twochain: %d segments' openings for %d proofs", len(openings), len(proofs))
	}
	if layout.Window != nil && len(windows) != len(proofs) {
		return nil, fmt.Errorf("twochain: %d segments' window openings for %d proofs", len(windows), len(proofs))
	}
	if len(columnDigests) != layout.TableColumns {
		return nil, fmt.Errorf("twochain: %d column digests for a table of %d columns", len(columnDigests), layout.TableColumns)
	}
	a := &QueryAggregator{Layout: layout, Sums: make([]frontend.Variable, len(layout.Summed)), Extremes: make([]frontend.Variable, len(layout.Extremes))}
	r := ecc.BLS12_377.ScalarField()
	half := new(big.Int).Rsh(r, 1)
	extremes := make([]*big.Int, len(layout.Extremes))
	for j, e := range layout.Extremes {
		switch {
		case e.Max:
			extremes[j] = new(big.Int)
		case e.High > 0:
			extremes[j] = noUint256Min()
		default:
			extremes[j] = new(big.Int).Set(r)
		}
	}
	if wl := layout.Window; wl != nil {
		for s, win := range windows {
			if len(win) != 1+2*wl.Bounds {
				return nil, fmt.Errorf("twochain: segment %d's window has %d points, want its column and %d quotients", s, len(win), 2*wl.Bounds)
			}
			a.WinColumns = append(a.WinColumns, sw_bls12377.NewG1Affine(win[0]))
			var qs []sw_bls12377.G1Affine
			for _, q := range win[1:] {
				qs = append(qs, sw_bls12377.NewG1Affine(q))
			}
			a.WinQuotients = append(a.WinQuotients, qs)
		}
	}
	for s := range openings {
		if len(openings[s]) != len(layout.Y) {
			return nil, fmt.Errorf("twochain: segment %d has %d openings for %d evaluations", s, len(openings[s]), len(layout.Y))
		}
		var cs, ws []sw_bls12377.G1Affine
		for _, o := range openings[s] {
			cs, ws = append(cs, sw_bls12377.NewG1Affine(o[0])), append(ws, sw_bls12377.NewG1Affine(o[1]))
		}
		a.Columns, a.Quotients = append(a.Columns, cs), append(a.Quotients, ws)
	}
	isParam := map[int]bool{}
	for _, at := range layout.Params {
		isParam[at] = true
	}
	sums := make([]*big.Int, len(layout.Summed))
	for j := range sums {
		sums[j] = new(big.Int)
	}
	var rowCounts []*big.Int
	for s := range proofs {
		p, err := stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proofs[s])
		if err != nil {
			return nil, err
		}
		a.Proofs = append(a.Proofs, p)
		vec, ok := publics[s].Vector().(fr_bls12377.Vector)
		if !ok || len(vec) != layout.Inputs {
			return nil, fmt.Errorf("twochain: segment %d's statement is not %d BLS12-377 scalars", s, layout.Inputs)
		}
		var rest []emulated.Element[sw_bls12377.ScalarField]
		rowCounts = append(rowCounts, vec[layout.RowCount].BigInt(new(big.Int)))
		for i := range vec {
			e := emulated.ValueOf[sw_bls12377.ScalarField](vec[i].BigInt(new(big.Int)))
			switch {
			case !isParam[i]:
				rest = append(rest, e)
			case s == 0:
				a.Params = append(a.Params, e)
				a.ParamValues = append(a.ParamValues, vec[i].BigInt(new(big.Int)))
			}
		}
		a.Rest = append(a.Rest, rest)
		for j, at := range layout.Summed {
			sums[j].Add(sums[j], vec[at].BigInt(new(big.Int)))
		}
		if len(layout.Extremes) > 0 && !vec[layout.Count].IsZero() {
			for j, e := range layout.Extremes {
				t := vec[e.At].BigInt(new(big.Int))
				if e.High > 0 { // hi·2^128 + lo
					t.Add(t, new(big.Int).Lsh(vec[e.High].BigInt(new(big.Int)), 128))
				} else { // v + (r − 1)/2, as signedOffset
					if t.Cmp(half) > 0 {
						t.Sub(t, r)
					}
					t.Add(t, half)
				}
				if e.Max {
					if t.Add(t, big.NewInt(1)); t.Cmp(extremes[j]) > 0 {
						extremes[j] = t
					}
				} else if t.Cmp(extremes[j]) < 0 {
					extremes[j] = t
				}
			}
		}
	}
	for j := range sums {
		a.Sums[j] = sums[j]
	}
	for j, e := range layout.Extremes {
		if e.High > 0 { // the value, or 0 where no segment counts
			if e.Max && extremes[j].Sign() > 0 {
				extremes[j].Sub(extremes[j], big.NewInt(1))
			} else if !e.Max && extremes[j].Cmp(noUint256Min()) == 0 {
				extremes[j] = new(big.Int)
			}
		}
		a.Extremes[j] = extremes[j]
	}
	d, err := TableDigest(rowCounts, columnDigests)
	if err != nil {
		return nil, err
	}
	a.TableDigest = d
	for _, cd := range columnDigests {
		a.ColumnDigests = append(a.ColumnDigests, cd)
	}
	// the segments active, then copies of the first (valid as it is, and
	// adding nothing where inactive)
	for range len(proofs) {
		a.Active = append(a.Active, 1)
	}
	for range slots - len(proofs) {
		a.Active = append(a.Active, 0)
		a.Proofs, a.Rest = append(a.Proofs, a.Proofs[0]), append(a.Rest, a.Rest[0])
		if len(a.Columns) > 0 {
			a.Columns, a.Quotients = append(a.Columns, a.Columns[0]), append(a.Quotients, a.Quotients[0])
		}
		if len(a.WinColumns) > 0 {
			a.WinColumns, a.WinQuotients = append(a.WinColumns, a.WinColumns[0]), append(a.WinQuotients, a.WinQuotients[0])
		}
	}
	return a, nil
}
