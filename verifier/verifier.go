// Package verifier checks receipts of proven queries in Go.
//
// A receipt is accepted only when all of these hold:
//   - the SQL, re-parsed and re-planned against the schema in the receipt's
//     table commitment, has the receipt's shape hash, and its parameters
//     bind to the receipt's params;
//   - the verifying key has the receipt's vk hash (and equals the trusted key
//     when the caller supplies one, e.g. from a store's key cache);
//   - the table commitment's digest is the one named in table_commitments
//     (and a recorded version of the table when the caller supplies them);
//   - for every segment, the circuit proof verifies on the public inputs
//     below, and the KZG batch opening proves that the segment's committed
//     columns evaluate at Z to the Y values; or, for a segment the receipt
//     proves by its window alone (no proof: planner.Plan.Prunable), its
//     window's values show the window (planner.Plan.CheckWindow) empty, or
//     of any length where the query counts the window's rows and nothing
//     else (planner.Plan.WindowAlone), and the opening proves them the
//     sorted column's at their rows — the segment then adds no row to the
//     result, or its window's length to the count;
//   - for row-returning queries, every segment's result rows evaluate at Z
//     to the proven values (package rowdigest), are as many as it proves
//     returned, pass the checks the circuit leaves to the verifier
//     (planner.Plan.CheckSlotRows: positions below the row count, values
//     in their bounds, ORDER BY order) and, without LIMIT, are all of its
//     selected rows; for GROUP BY, every segment's group rows evaluate at Z
//     to the proven values, keys strictly increasing and counts positive;
//   - combining every segment's partial values (or result rows) gives
//     exactly the receipt's rows.
//
// # Public input layout
//
// Each segment proof of a query has these public inputs, in order, each a
// BN254 scalar-field element (integers are encoded as v mod p, so a negative
// v is p − |v|):
//
//	index                     value
//	0                         Z, the Fiat–Shamir point of the segment's column commitment
//	1 … c                     Y_j = Σ_i col_j[i]·L_i(Z) for the c columns the query reads,
//	                          in ascending table-column order
//	c+1                       the segment's row count
//	c+2 … c+1+m               the m public parameter values: the placeholders in order ($1, $2, …),
//	                          then the constants of the SQL text in text order; a UINT256
//	                          parameter is two values, its low then its high 128-bit limb
//	c+2+m … c+1+m+t           the t partial values: the segment's selected-row count, then
//	                          for each aggregate in SELECT order: SUM and AVG contribute
//	                          their sum, MIN and MAX their value (0 when the count is 0);
//	                          COUNT contributes nothing beyond the count;
//	                          GROUP BY: per evaluated column of the segment's group rows
//	                          (planner.SlotEvals: the packed key; the count and the SUM/AVG
//	                          sums packed side by side, Σ v·2^shift; each MIN/MAX), zero-
//	                          padded to the capacity N, its evaluation Σ_j v_j·L_j(Z);
//	                          row-returning queries: the selected-row count, the rows
//	                          returned, then per column of the result rows, zero-padded
//	                          to the capacity N, its evaluation at Z (package rowdigest)
//	(joins)                   the Right segment's row count
//	(opened windows)          the window's values (receipt.Segment.Window): per bound,
//	                          lower first, its end (i0 or i1) and the sorted column's
//	                          values at rows end − 1 and end (modulo the capacity);
//	                          packed into one element where they fit
//	                          (planner.Plan.PackWindow), else one each
//	(lookups' challenges)     the challenges of the plan's lookups (circuits.ChallengeNames:
//	                          a join's β and a lookup join's r, a grouped plan's γ and β,
//	                          a row plan's β), each circuits.DeriveChallenge(Z, name),
//	                          which the verifier derives
//
// Z and Y are also the point and claimed values of the segment's KZG
// claim on its column commitments: the columns evaluate at Z to Y (folded
// with γ = keccak256(Z ‖ commitments ‖ Y) mod r). An opened window's
// values beside its ends are claims too: the sorted column's commitment
// takes them at those rows' points ω^row. Every segment's claims are
// proven by one opening for the whole query (commitment.QueryOpening, two
// quotients W and H: receipt.Receipt.Opening), which the verifier checks
// with the SRS verifying key as one KZG claim (commitment.QueryClaim).
// The proofs use Keccak-256 as hash-to-field for gnark's commitment, as the
// Solidity batch verifier (contracts.ExportVerifier) expects.
package verifier

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/rowdigest"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

// Options carry what the caller trusts beyond the receipt itself.
type Options struct {
	// TrustedVK returns the verifying key the caller trusts for a shape and
	// circuit size (segment capacities); when nil the receipt's own key is
	// used (its hash is still checked, and reported for comparison with a
	// published one).
	TrustedVK func(shape, shapeHash string, size circuits.Size) ([]byte, error)
	// TrustedSRSHash, when set, is the SRS identity the caller trusts.
	TrustedSRSHash string
	// TableVersions, when set, returns the digests the caller knows for a table.
	TableVersions func(table string) ([]string, error)
}

// Report describes an accepted receipt.
type Report struct {
	Table  string
	Digest string
	// Joined names a join's Right table and JoinedDigest its commitment
	// digest (empty without a join).
	Joined       string
	JoinedDigest string
	VKHash       string
	SRSHash      string
	Segments     int
	// WindowOnly is how many of the Segments have no proof, their part of
	// the result shown by their window's values alone: those the query's
	// window holds no row of, or every segment of a query that counts the
	// window's rows and nothing else (planner.Plan.WindowAlone).
	WindowOnly int
	// LeftOut is how many of the table's segments the receipt does not
	// hold: those before and after the window's rows of a query whose
	// window is on a SORTED column (planner.Plan.CheckCoverage).
	LeftOut     int
	Warnings    []string
	Plan        *planner.Plan
	PublicInput int // public inputs per segment proof
}

// catalog resolves the tables a receipt commits.
type catalog []*schema.Table

func (c catalog) Schema(name string) (*schema.Table, error) {
	for _, t := range c {
		if strings.EqualFold(name, t.Name) {
			return t, nil
		}
	}
	return nil, fmt.Errorf("the receipt does not commit table %s", name)
}

// Verify checks a receipt. It returns a report when every check passes and
// an error naming the first failed check otherwise.
func Verify(rc *receipt.Receipt, opt Options) (*Report, error) {
	b, err := proofsys.ByName(rc.Backend)
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	tc := rc.Table
	tcs := []*commitment.TableCommitment{&tc}
	if rc.JoinTable != nil {
		tcs = append(tcs, rc.JoinTable)
	}
	names := map[string]bool{}
	for _, t := range tcs {
		names[t.Schema.Name] = true // a self-join commits one table twice
	}
	if len(rc.TableCommitments) != len(names) {
		return nil, fmt.Errorf("verifier: table_commitments names %d tables, the receipt commits %d", len(rc.TableCommitments), len(names))
	}
	var digest string
	var cat catalog
	for k, t := range tcs {
		d, err := t.Digest()
		if err != nil {
			return nil, fmt.Errorf("verifier: %w", err)
		}
		if rc.TableCommitments[t.Schema.Name] != d {
			return nil, fmt.Errorf("verifier: table_commitments does not name table %s with digest %s", t.Schema.Name, d)
		}
		if k == 0 {
			digest = d
		}
		cat = append(cat, &t.Schema)
		if opt.TableVersions == nil {
			continue
		}
		known, err := opt.TableVersions(t.Schema.Name)
		if err != nil {
			return nil, fmt.Errorf("verifier: %w", err)
		}
		found := false
		for _, v := range known {
			found = found || v == d
		}
		if !found {
			return nil, fmt.Errorf("verifier: table commitment %s of %s is not one the store recorded", d, t.Schema.Name)
		}
	}
	q, err := sql.Parse(rc.SQL, cat)
	if err != nil {
		return nil, fmt.Errorf("verifier: receipt SQL: %w", err)
	}
	if q, err = q.Bind(rc.Params); err != nil {
		return nil, fmt.Errorf("verifier: receipt params: %w", err)
	}
	plan, err := planner.New(q)
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	if plan.ShapeHash != rc.ShapeHash || plan.Shape != rc.Shape {
		return nil, fmt.Errorf("verifier: shape hash %s of the SQL differs from the receipt's %s", plan.ShapeHash, rc.ShapeHash)
	}
	// the proofs: one per segment, or per (Left, Right) segment pair of a join
	units := make([][2]int, 0, len(tc.Segments))
	switch j := plan.Query.Join; {
	case j == nil && rc.JoinTable != nil:
		return nil, fmt.Errorf("verifier: the receipt commits a second table but the query joins none")
	case j == nil:
		for si := range tc.Segments {
			units = append(units, [2]int{si, -1})
		}
	case rc.JoinTable == nil || !strings.EqualFold(j.Left.Name, tc.Schema.Name) || !strings.EqualFold(j.Right.Name, rc.JoinTable.Schema.Name):
		return nil, fmt.Errorf("verifier: the query joins %s and %s, the receipt does not commit them in that order", j.Left.Name, j.Right.Name)
	case j.Outer && len(rc.JoinTable.Segments) != 1:
		// each proof shows its Left rows unmatched in its one Right segment only
		return nil, fmt.Errorf("verifier: LEFT JOIN with its right table %s in %d segments (one is required)", j.Right.Name, len(rc.JoinTable.Segments))
	default:
		for si := range tc.Segments {
			for sj := range rc.JoinTable.Segments {
				units = append(units, [2]int{si, sj})
			}
		}
	}
	if rc.JoinLookup && !circuits.LookupJoinPlan(plan) {
		return nil, fmt.Errorf("verifier: join_lookup is set for a query the lookup join circuit does not prove")
	}
	if g := rc.GroupSlots; g != 0 && (!plan.Grouped || plan.Query.Join != nil || g < 0 || g&(g-1) != 0 || g >= 1<<tc.LogCapacity) {
		return nil, fmt.Errorf("verifier: group_slots %d: a one-table GROUP BY's power of two below the segment capacity %d, else 0", g, 1<<tc.LogCapacity)
	}
	// the (Left) segments the receipt holds: the table's, or (planner.
	// Plan.Covers) those around the window's rows, checked below; per is
	// how many units a Left segment has (a join's Right segments)
	if len(tc.Segments) == 0 || len(units) == 0 {
		return nil, fmt.Errorf("verifier: the committed table has no segment")
	}
	per := len(units) / len(tc.Segments)
	first, held := rc.FirstSegment, len(rc.Segments)/per
	if first < 0 || held == 0 || len(rc.Segments)%per != 0 || first > len(tc.Segments) || held > len(tc.Segments)-first {
		return nil, fmt.Errorf("verifier: the receipt holds %d segment proofs from segment %d on, the committed table has %d segments (%d proofs each)", len(rc.Segments), first, len(tc.Segments), per)
	}
	if held < len(tc.Segments) {
		if err := checkCoverage(plan, rc, tc, per); err != nil {
			return nil, err
		}
		units = units[first*per : (first+held)*per]
	}
	rep := &Report{Table: tc.Schema.Name, Digest: digest, Segments: len(units), LeftOut: len(tc.Segments) - held, Plan: plan}
	if rc.JoinTable != nil {
		rep.Joined, rep.JoinedDigest = rc.JoinTable.Schema.Name, rc.TableCommitments[rc.JoinTable.Schema.Name]
	}

	vk, err := base64.StdEncoding.DecodeString(rc.VerifyingKey)
	if err != nil {
		return nil, fmt.Errorf("verifier: verifying_key is not base64: %w", err)
	}
	if proofsys.VKHash(vk) != rc.VKHash {
		return nil, fmt.Errorf("verifier: verifying key does not hash to vk_hash %s", rc.VKHash)
	}
	size := circuits.SegmentSize(tc.LogCapacity)
	if rc.JoinTable != nil {
		size.LogRight, size.Lookup = rc.JoinTable.LogCapacity, rc.JoinLookup
	}
	size.GroupSlots = rc.GroupSlots
	if opt.TrustedVK != nil {
		trusted, err := opt.TrustedVK(plan.Shape, plan.ShapeHash, size)
		if err != nil {
			return nil, fmt.Errorf("verifier: trusted verifying key: %w", err)
		}
		if proofsys.VKHash(trusted) != rc.VKHash {
			return nil, fmt.Errorf("verifier: receipt's vk_hash %s is not the trusted key %s", rc.VKHash, proofsys.VKHash(trusted))
		}
	} else {
		rep.Warnings = append(rep.Warnings, "verifying key taken from the receipt itself: compare vk_hash with a published one")
	}
	rep.VKHash = rc.VKHash
	if rc.UnsafeSetup {
		rep.Warnings = append(rep.Warnings, "UNSAFE: circuit keys come from a local setup (not for production)")
	}
	srsb, err := base64.StdEncoding.DecodeString(rc.SRSVerifyingKey)
	if err != nil {
		return nil, fmt.Errorf("verifier: srs_verifying_key is not base64: %w", err)
	}
	srsVK, err := commitment.ParseVerifyingKey(srsb)
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	if commitment.VerifyingKeyHash(srsVK) != rc.SRSHash {
		return nil, fmt.Errorf("verifier: SRS verifying key does not hash to srs_hash %s", rc.SRSHash)
	}
	if opt.TrustedSRSHash != "" && opt.TrustedSRSHash != rc.SRSHash {
		return nil, fmt.Errorf("verifier: receipt's SRS %s is not the trusted SRS %s", rc.SRSHash, opt.TrustedSRSHash)
	}
	if rc.UnsafeSRS {
		rep.Warnings = append(rep.Warnings, "UNSAFE: column commitments use a locally generated SRS (not for production)")
	}
	rep.SRSHash = rc.SRSHash

	proofs, err := receipt.DecodeProof(rc.Proof, rc.Proven())
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	params, err := plan.PublicParamValues()
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	partials := make([][]*big.Int, len(rc.Segments))
	slots := make([][][]*big.Int, len(rc.Segments))
	// The segments' proofs and openings are checked together after the loop
	// (one pairing check each for all Groth16 proofs and all openings).
	circuitProofs := make([][]byte, 0, len(proofs))
	publics := make([][]*big.Int, 0, len(proofs))
	claims := make([]commitment.SegmentClaim, 0, len(rc.Segments))
	for si, seg := range rc.Segments {
		unit := units[si]
		if seg.WindowOnly {
			claim, part, err := windowOnly(plan, seg, tc.Segments[unit[0]], params, size)
			if err != nil {
				return nil, fmt.Errorf("verifier: segment %d: %w", unit[0], err)
			}
			partials[si] = part
			claims = append(claims, *claim)
			rep.WindowOnly++
			continue
		}
		rows := []int{tc.Segments[unit[0]].Rows}
		if unit[1] >= 0 {
			rows = append(rows, rc.JoinTable.Segments[unit[1]].Rows)
		}
		pub, part, window, err := publicInputs(plan, seg, rows, params, size.Lookup)
		if err != nil {
			return nil, fmt.Errorf("verifier: segment %d: %w", unit[0], err)
		}
		rowCount := rows[0] // positions of a one-table plan's rows; a join's: the capacity
		if plan.Query.Join != nil {
			rowCount = 0
		}
		if slots[si], err = resultSlots(plan, seg, part, size, pub[0], rowCount); err != nil {
			return nil, fmt.Errorf("verifier: segment %d: %w", unit[0], err)
		}
		rep.PublicInput = len(pub)
		partials[si] = part
		circuitProofs, publics = append(circuitProofs, proofs[len(circuitProofs)].Circuit), append(publics, pub)
		opened := plan.Opened() // every column but an outer join's Unmatched (its Y is 0 in the circuit)
		digests := make([]commitment.Digest, len(opened))
		ys := make([]fr.Element, len(opened))
		for k, j := range opened {
			c := plan.Columns[j]
			ys[k].SetBigInt(pub[1+j])
			side, col := 0, c
			if jn := plan.Query.Join; jn != nil {
				side, col = jn.TableColumn(c)
			}
			if digests[k], err = commitment.ParseDigestHex(tcs[side].Segments[unit[side]].Columns[col]); err != nil {
				return nil, fmt.Errorf("verifier: segment %d: %w", unit[0], err)
			}
		}
		var z fr.Element
		z.SetBigInt(pub[0])
		claim, err := segmentClaim(plan, digests, ys, z, window, tc.Segments[unit[0]], size)
		if err != nil {
			return nil, fmt.Errorf("verifier: segment %d: %w", unit[0], err)
		}
		if claim != nil {
			claims = append(claims, *claim)
		}
	}
	if err := verifySegments(b, vk, circuitProofs, publics); err != nil {
		return nil, err
	}
	if err := verifyOpening(srsVK, rc, claims); err != nil {
		return nil, err
	}
	shown := schema.Blobs{}
	for i, v := range rc.LongValues {
		b, err := schema.Bytes.ParseBytes(v)
		if err != nil {
			return nil, fmt.Errorf("verifier: long value %d: %w", i, err)
		}
		shown.Add(b)
	}
	if len(shown) != len(rc.LongValues) {
		return nil, fmt.Errorf("verifier: long_values lists a value twice")
	}
	used := &schema.Recorder{From: shown}
	rows, err := plan.FinalizeResult(partials, slots, used)
	if err != nil {
		return nil, fmt.Errorf("verifier: %w", err)
	}
	if len(used.Used) != len(shown) {
		// nothing unproven rides along: every listed value is one the result shows
		return nil, fmt.Errorf("verifier: long_values lists %d values the result does not show", len(shown)-len(used.Used))
	}
	cols := plan.ResultColumns()
	if len(rc.Columns) != len(cols) {
		return nil, fmt.Errorf("verifier: receipt has %d result columns, query has %d", len(rc.Columns), len(cols))
	}
	for i := range cols {
		if rc.Columns[i] != cols[i] {
			return nil, fmt.Errorf("verifier: result column %d is %v, query gives %v", i, rc.Columns[i], cols[i])
		}
	}
	if len(rc.Rows) != len(rows) {
		return nil, fmt.Errorf("verifier: receipt has %d result rows, the proofs give %d", len(rc.Rows), len(rows))
	}
	for r, row := range rows {
		if len(rc.Rows[r]) != len(row) {
			return nil, fmt.Errorf("verifier: result row %d has %d values, want %d", r, len(rc.Rows[r]), len(row))
		}
		for i := range row {
			if rc.Rows[r][i] != row[i] {
				return nil, fmt.Errorf("verifier: result %s of row %d is %s in the receipt but the proofs give %s", cols[i].Name, r, rc.Rows[r][i], row[i])
			}
		}
	}
	return rep, nil
}

// resultSlots checks the rows a segment proof returns and returns them:
// each of their columns (zero-padded to the segment capacity) evaluates at
// Z to the proven partial value, so the rows are the proof's slots (Z is
// drawn after the slots are committed); a row plan's rows are as many as
// the proof's used slots, pass the checks the circuit leaves to the
// verifier (positions, ranges, strictly increasing ordinals: planner.Plan.
// CheckSlotRows) and, without LIMIT, are all the selected rows (or the
// result would be cut short).
func resultSlots(plan *planner.Plan, seg receipt.Segment, part []*big.Int, size circuits.Size, zv *big.Int, rowCount int) ([][]*big.Int, error) {
	logN := size.LogN
	width, offset := plan.EvaluatedSlots()
	if width == 0 {
		if len(seg.Rows) != 0 {
			return nil, fmt.Errorf("result rows in a segment of an aggregate query")
		}
		return nil, nil
	}
	maxRows := circuits.GroupSlots(plan, size)
	if plan.RowResult {
		maxRows = plan.Slots(logN)
	}
	if len(seg.Rows) > maxRows {
		return nil, fmt.Errorf("%d result rows, a segment proof returns at most %d", len(seg.Rows), maxRows)
	}
	slots := make([][]*big.Int, len(seg.Rows))
	for r, row := range seg.Rows {
		if len(row) != plan.SlotWidth() {
			return nil, fmt.Errorf("result row %d has %d values, want %d", r, len(row), plan.SlotWidth())
		}
		slots[r] = make([]*big.Int, len(row))
		for k, s := range row {
			v, err := parseSigned(s)
			if err != nil {
				return nil, fmt.Errorf("result row %d value %d: %w", r, k, err)
			}
			slots[r][k] = v
		}
	}
	if plan.Grouped {
		if err := plan.CheckGroupRows(slots, maxRows); err != nil {
			return nil, err
		}
	} else if part[1].Cmp(big.NewInt(int64(len(slots)))) != 0 {
		return nil, fmt.Errorf("%d result rows, the proof returns %s", len(slots), part[1])
	} else if err := plan.CheckSlotRows(slots, rowCount, logN); err != nil {
		return nil, err
	}
	// each column of the rows (zero-padded to the segment capacity)
	// evaluates at Z to the proven value: Z is drawn after the proof's
	// slots are committed, so the rows are the slots
	var z fr.Element
	z.SetBigInt(zv)
	if err := plan.CheckSlotPacking(slots); err != nil {
		return nil, err
	}
	for k, got := range rowdigest.Evaluations(plan.PackSlotRows(slots), width, 1<<logN, z) {
		if want := schema.Encode(part[offset+k]); !got.Equal(&want) {
			return nil, fmt.Errorf("result rows' column %d does not evaluate to the proven value at Z", k)
		}
	}
	if plan.Grouped {
		return slots, nil
	}
	selected := part[0]
	if plan.Query.Limit < 0 && selected.Cmp(big.NewInt(int64(len(slots)))) != 0 {
		return nil, fmt.Errorf("%s rows selected but %d returned (more than a segment proof returns without LIMIT)", selected, len(slots))
	}
	return slots, nil
}

// halfModulus is ⌊p/2⌋ (read only).
var halfModulus = new(big.Int).Rsh(schema.Modulus(), 1)

// parseSigned reads a receipt's decimal signed integer, refusing any whose
// magnitude is not below p/2 (it would not decode from its field element).
func parseSigned(s string) (*big.Int, error) {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok || new(big.Int).Abs(v).Cmp(halfModulus) >= 0 {
		return nil, fmt.Errorf("%q is not a signed integer below p/2", s)
	}
	return v, nil
}

// publicInputs assembles a segment proof's public inputs (layout in the
// package documentation) and returns the partial values as signed integers
// and the window's values (field elements, as the receipt lists them).
func publicInputs(plan *planner.Plan, seg receipt.Segment, rows []int, params []*big.Int, lookup bool) ([]*big.Int, []*big.Int, []*big.Int, error) {
	if len(seg.Y) != len(plan.Columns) {
		return nil, nil, nil, fmt.Errorf("%d Y values for %d columns", len(seg.Y), len(plan.Columns))
	}
	if len(seg.Partials) != len(plan.Partials) {
		return nil, nil, nil, fmt.Errorf("%d partial values, the query has %d", len(seg.Partials), len(plan.Partials))
	}
	var pub []*big.Int
	z, err := field("z", seg.Z)
	if err != nil {
		return nil, nil, nil, err
	}
	pub = append(pub, z)
	for j, s := range seg.Y {
		y, err := field(fmt.Sprintf("y[%d]", j), s)
		if err != nil {
			return nil, nil, nil, err
		}
		pub = append(pub, y)
	}
	pub = append(pub, big.NewInt(int64(rows[0])))
	for _, v := range params {
		e := schema.Encode(v)
		pub = append(pub, e.BigInt(new(big.Int)))
	}
	part := make([]*big.Int, len(seg.Partials))
	for t, s := range seg.Partials {
		v, err := parseSigned(s)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("partial %d: %w", t, err)
		}
		part[t] = v
		e := schema.Encode(v)
		pub = append(pub, e.BigInt(new(big.Int)))
	}
	for _, r := range rows[1:] { // a join's Right segment
		pub = append(pub, big.NewInt(int64(r)))
	}
	want := 0
	if plan.WindowOpened(lookup) {
		want = plan.Window.EndInputs()
	}
	window, err := windowValues(seg, want)
	if err != nil {
		return nil, nil, nil, err
	}
	if window != nil {
		packed, err := plan.PackWindow(window)
		if err != nil {
			return nil, nil, nil, err
		}
		pub = append(pub, packed...)
	}
	// the lookups' challenges, derived from Z
	pub = append(pub, circuits.PublicChallenges(plan, lookup, pub[0])...)
	return pub, part, window, nil
}

// segmentClaim returns what a segment claims of its column commitments:
// the opened columns (their digests) at z with the values ys, the proof's
// Y, and, for an opened window, the window column's values beside its
// ends (planner.Window.EndRows) at their rows against the (Left)
// segment's commitment of the column. A plan that opens nothing has no
// claim (nil). The window's ends are checked in the circuit (public
// inputs), their rows here.
func segmentClaim(plan *planner.Plan, digests []commitment.Digest, ys []fr.Element, z fr.Element, window []*big.Int, sc commitment.SegmentCommitment, size circuits.Size) (*commitment.SegmentClaim, error) {
	claim := &commitment.SegmentClaim{Digests: digests, Z: z, Values: ys}
	if !plan.WindowOpened(size.Lookup) {
		if len(digests) == 0 {
			return nil, nil
		}
		return claim, nil
	}
	n := uint64(1) << size.LogN
	var ends []uint64
	for k := 0; k+2 < len(window); k += 3 {
		if e := window[k]; !e.IsUint64() || e.Uint64() > n {
			return nil, fmt.Errorf("window end %s outside the segment's %d rows", e, n)
		}
		ends = append(ends, window[k].Uint64())
		for _, v := range window[k+1 : k+3] {
			var x fr.Element
			x.SetBigInt(v)
			claim.RowValues = append(claim.RowValues, x)
		}
	}
	d, err := commitment.ParseDigestHex(sc.Columns[plan.WindowTableColumn()])
	if err != nil {
		return nil, err
	}
	claim.RowsDigest, claim.N, claim.Rows = d, int(n), plan.Window.EndRows(ends, n)
	return claim, nil
}

// field reads a receipt's decimal field element, refusing any that is
// not canonical (in [0, p)); what names it in the error.
func field(what, s string) (*big.Int, error) {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok || v.Sign() < 0 || v.Cmp(schema.Modulus()) >= 0 {
		return nil, fmt.Errorf("%s %q is not a canonical field element", what, s)
	}
	return v, nil
}

// windowValues reads a segment's want window values (nil for none).
func windowValues(seg receipt.Segment, want int) ([]*big.Int, error) {
	if len(seg.Window) != want {
		return nil, fmt.Errorf("%d window values, the query's window has %d", len(seg.Window), want)
	}
	var window []*big.Int
	for k, s := range seg.Window {
		v, err := field(fmt.Sprintf("window value %d", k), s)
		if err != nil {
			return nil, err
		}
		window = append(window, v)
	}
	return window, nil
}

// checkCoverage checks a receipt that holds only some of a query's
// (Left) segments (receipt.Receipt.FirstSegment; per proofs a segment):
// its first and last segments' window values close the window within them
// (planner.Plan.CheckCoverage), so every segment left out holds no row of
// it. Each segment's values are checked against the bounds and opened
// from its column's commitment with the others', by its proof or, for a
// segment shown by its window alone, by windowOnly.
func checkCoverage(plan *planner.Plan, rc *receipt.Receipt, tc commitment.TableCommitment, per int) error {
	first, last := rc.FirstSegment, rc.FirstSegment+len(rc.Segments)/per-1
	var ends [2][2]int
	if plan.Covers(rc.JoinLookup) {
		for k, si := range [2]int{first, last} {
			vals, err := windowValues(rc.Segments[(si-first)*per], plan.Window.EndInputs())
			if err != nil {
				return fmt.Errorf("verifier: segment %d: %w", si, err)
			}
			if ends[k][0], ends[k][1], err = plan.WindowEnds(vals, tc.Segments[si].Rows); err != nil {
				return fmt.Errorf("verifier: segment %d: %w", si, err)
			}
		}
	}
	if err := plan.CheckCoverage(first, last, len(tc.Segments), ends[0], ends[1], tc.Segments[last].Rows, rc.JoinLookup); err != nil {
		return fmt.Errorf("verifier: %w", err)
	}
	return nil
}

// windowOnly checks a segment the receipt proves by its window alone
// (receipt.Segment.WindowOnly): the plan can leave a segment out
// (planner.Plan.Prunable), the segment carries nothing but its window's
// values, and those show the window (planner.Plan.CheckWindow) empty, or
// of any length for a plan whose result follows from its window alone
// (planner.Plan.WindowAlone). It returns the values' claim at their rows
// of the sorted column's commitment, which the query's opening must
// prove, and the segment's partials (planner.Plan.WindowPartials).
func windowOnly(plan *planner.Plan, seg receipt.Segment, sc commitment.SegmentCommitment, params []*big.Int, size circuits.Size) (*commitment.SegmentClaim, []*big.Int, error) {
	if !plan.Prunable(size.Lookup) {
		return nil, nil, errors.New("proven by its window alone, but the query has no window that leaves a segment out")
	}
	if seg.Z != "" || len(seg.Y) != 0 || len(seg.Partials) != 0 || len(seg.Rows) != 0 {
		return nil, nil, errors.New("proven by its window alone, but it carries a proof's values (z, y, partials or rows)")
	}
	window, err := windowValues(seg, plan.Window.EndInputs())
	if err != nil {
		return nil, nil, err
	}
	i0, i1, err := plan.CheckWindow(window, sc.Rows, params, size.Lookup)
	if err != nil {
		return nil, nil, fmt.Errorf("proven by its window alone: %w", err)
	}
	if i0 != i1 && !plan.WindowAlone() {
		return nil, nil, fmt.Errorf("proven by its window alone, but the window [%d, %d) holds rows of the segment and the query needs more of them than their count", i0, i1)
	}
	// no column at a Z: Z is 0, as the prover adds the claim
	claim, err := segmentClaim(plan, nil, nil, fr.Element{}, window, sc, size)
	return claim, plan.WindowPartials(i0, i1), err
}

// verifySegments checks the segments' circuit proofs, in one batch where the
// backend can; a failed batch is checked again proof by proof to name the
// segment.
func verifySegments(b proofsys.Backend, vk []byte, proofs [][]byte, publics [][]*big.Int) error {
	if bv, ok := b.(proofsys.BatchVerifier); ok && len(proofs) > 1 {
		if bv.VerifyBatch(vk, proofs, publics) == nil {
			return nil
		}
	}
	for si := range proofs {
		if err := b.Verify(vk, proofs[si], publics[si]); err != nil {
			return fmt.Errorf("verifier: segment %d: %w", si, err)
		}
	}
	return nil
}

// verifyOpening checks the receipt's query opening of the segments'
// claims (none: the query opens no column, and the receipt carries no
// opening).
func verifyOpening(vk kzg.VerifyingKey, rc *receipt.Receipt, claims []commitment.SegmentClaim) error {
	op, err := rc.QueryOpening()
	if err != nil {
		return fmt.Errorf("verifier: %w", err)
	}
	switch {
	case len(claims) == 0 && op == nil:
		return nil
	case len(claims) == 0:
		return errors.New("verifier: an opening for a query that opens no column")
	case op == nil:
		return errors.New("verifier: the receipt has no opening of the columns the query reads")
	}
	c, err := commitment.QueryClaim(claims, op)
	if err != nil {
		return fmt.Errorf("verifier: opening: %w", err)
	}
	if err := commitment.Verify(vk, c.Digests, c.Opening, c.Z); err != nil {
		return fmt.Errorf("verifier: the opening of the segments' columns: %w", err)
	}
	return nil
}
