package prover

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fr "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"

	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// OneCheck is a query proven for one on-chain check whatever the number
// of its segments (the two-chain path): its segments proven over
// BLS12-377 (ProveTwoChain), one BW6-761 aggregator proof over them, and
// one BN254 proof of that, for gnark's exported Solidity verifier. The
// BN254 proof's public inputs (Outputs) are the aggregator's: the summed
// partials (each split in two at bit 192), the extremes and the
// parameters (each whole), then the digest of the table's row counts and
// column commitments (split)
// (TwoChainTable.Digest), which the verifier compares with the table's
// posted digest.
type OneCheck struct {
	// Kind is OneCheckKind: a file of another kind is not read.
	Kind string `json:"kind"`
	// SQL, Params and Table are the query, its parameters and its table:
	// what a verifier plans and looks the posted commitments up by.
	SQL    string   `json:"sql"`
	Params []string `json:"params"`
	Table  string   `json:"table"`
	// Rows is the query's result, read from Sums.
	Rows [][]string `json:"rows"`
	// Sums are the aggregated partials (plan.Partials order), each the
	// sum over the segments of integers in [0, r) of BLS12-377's r: the
	// result's partials mod r. TableDigest is the digest of the table the
	// aggregator read (TwoChainTable.Digest).
	Sums        []*big.Int `json:"sums"`
	TableDigest *big.Int   `json:"table_digest"`
	// Extremes are the aggregated MIN and MAX partials
	// (twochain.QueryAggregator.Extremes), in the plan's order.
	Extremes []*big.Int `json:"extremes,omitempty"`
	// Outputs are the BN254 proof's public inputs.
	Outputs []*big.Int `json:"outputs"`
	// Proof and VerifyingKey are the BN254 proof and the wrapper's key,
	// as gnark writes them (the key is the contract's; a verifier takes
	// its own, OneCheckVerifyingKey).
	Proof        []byte          `json:"proof"`
	VerifyingKey []byte          `json:"verifying_key"`
	Segments     int             `json:"segments"`
	Timings      OneCheckTimings `json:"-"`
}

// OneCheckKind names a one-check proof's JSON (OneCheck.WriteFile): v3
// writes its integers as decimal strings (JSON numbers of 77 digits lose
// digits in most readers).
const OneCheckKind = "provensql-one-check-v3"

// oneCheckJSON is OneCheck as JSON: its integers as decimal strings.
type oneCheckJSON struct {
	Kind         string     `json:"kind"`
	SQL          string     `json:"sql"`
	Params       []string   `json:"params"`
	Table        string     `json:"table"`
	Rows         [][]string `json:"rows"`
	Sums         []string   `json:"sums"`
	TableDigest  string     `json:"table_digest"`
	Extremes     []string   `json:"extremes,omitempty"`
	Outputs      []string   `json:"outputs"`
	Proof        []byte     `json:"proof"`
	VerifyingKey []byte     `json:"verifying_key"`
	Segments     int        `json:"segments"`
}

// MarshalJSON writes the proof with its integers as decimal strings.
func (oc OneCheck) MarshalJSON() ([]byte, error) {
	j := oneCheckJSON{Kind: oc.Kind, SQL: oc.SQL, Params: oc.Params, Table: oc.Table, Rows: oc.Rows,
		Sums: decimals(oc.Sums), Extremes: decimals(oc.Extremes), Outputs: decimals(oc.Outputs),
		Proof: oc.Proof, VerifyingKey: oc.VerifyingKey, Segments: oc.Segments}
	if oc.TableDigest != nil {
		j.TableDigest = oc.TableDigest.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes; an integer that is not a
// non-negative decimal is an error naming its field.
func (oc *OneCheck) UnmarshalJSON(b []byte) error {
	var j oneCheckJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	out := OneCheck{Kind: j.Kind, SQL: j.SQL, Params: j.Params, Table: j.Table, Rows: j.Rows, Proof: j.Proof, VerifyingKey: j.VerifyingKey, Segments: j.Segments}
	var err error
	if out.Sums, err = integers("sums", j.Sums); err != nil {
		return err
	}
	if out.Extremes, err = integers("extremes", j.Extremes); err != nil {
		return err
	}
	if out.Outputs, err = integers("outputs", j.Outputs); err != nil {
		return err
	}
	if j.TableDigest != "" {
		d, err := integers("table_digest", []string{j.TableDigest})
		if err != nil {
			return err
		}
		out.TableDigest = d[0]
	}
	*oc = out
	return nil
}

func decimals(vs []*big.Int) []string {
	var out []string
	for _, v := range vs {
		if v == nil {
			out = append(out, "")
			continue
		}
		out = append(out, v.String())
	}
	return out
}

// integers parses a field's decimal strings, each a non-negative integer.
func integers(field string, ss []string) ([]*big.Int, error) {
	var out []*big.Int
	for i, s := range ss {
		v, ok := new(big.Int).SetString(s, 10)
		if !ok || v.Sign() < 0 || strings.TrimSpace(s) != s {
			return nil, fmt.Errorf("%s[%d]: %q is not a non-negative decimal integer", field, i, s)
		}
		out = append(out, v)
	}
	return out, nil
}

// WriteFile writes the proof as JSON.
func (oc *OneCheck) WriteFile(path string) error {
	b, err := json.MarshalIndent(oc, "", "  ")
	if err != nil {
		return fmt.Errorf("prover: encoding the one-check proof: %w", err)
	}
	return os.WriteFile(path, b, 0o644)
}

// ReadOneCheck reads a proof WriteFile wrote; a file of another kind, or
// not one at all, is an error naming the file.
func ReadOneCheck(path string) (*OneCheck, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	oc, err := DecodeOneCheck(b)
	if err != nil {
		return nil, fmt.Errorf("prover: %s: %w", path, err)
	}
	return oc, nil
}

// DecodeOneCheck reads a proof WriteFile wrote from its bytes; bytes of
// another kind, or not JSON, are an error saying so.
func DecodeOneCheck(b []byte) (*OneCheck, error) {
	var oc OneCheck
	if err := json.Unmarshal(b, &oc); err != nil {
		return nil, fmt.Errorf("not a one-check proof: %w", err)
	}
	if oc.Kind != OneCheckKind {
		return nil, fmt.Errorf("not a one-check proof (kind %q, want %q)", oc.Kind, OneCheckKind)
	}
	return &oc, nil
}

// OneCheckFormat names what a one-check proof of this build is: its file
// kind and the two-chain circuits' version, on which its keys and its
// verifier depend (a cache of proofs keys them by it).
func OneCheckFormat() string { return OneCheckKind + ", two-chain " + twochain.Version }

// OneCheckTimings is what a one-check proof cost, layer by layer; setups
// are zero where this Prover had the keys already.
type OneCheckTimings struct {
	SegmentSetup, Segments                                        time.Duration
	AggregatorSetup, AggregatorProve                              time.Duration
	WrapperSetup, WrapperProve                                    time.Duration
	SegmentConstraints, AggregatorConstraints, WrapperConstraints int
	// KeysLoad is the time the aggregator's and wrapper's keys took to
	// read from the key cache (zero where they were set up or in memory).
	KeysLoad time.Duration
}

// ProveOneCheck proves a bound plan for one on-chain check
// (TwoChainSupported says which plans): ProveTwoChain, then the query
// aggregator over the segments (twochain.QueryAggregator) and the wide
// BN254 wrapper over it. The aggregator's and wrapper's keys are set up
// once per shape, size, segment count and SRS in its KeyStore (minutes:
// the wrapper is about 5M constraints).
func (p *Prover) ProveOneCheck(ctx context.Context, plan *planner.Plan, args []string, srs *kzg377.SRS) (*OneCheck, error) {
	segs, err := p.ProveTwoChain(ctx, plan, args, srs)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k := len(segs.Proofs)
	oc := &OneCheck{Kind: OneCheckKind, SQL: plan.Query.Text, Params: append([]string{}, args...), Table: plan.Query.Tables()[0].Name, Segments: k}
	oc.Timings.SegmentSetup, oc.Timings.Segments = segs.Setup, segs.Prove
	oc.Timings.SegmentConstraints = segs.CS.GetNbConstraints()
	p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("the aggregator's and wrapper's keys for %d segments (set up once per shape: minutes)", k)})
	keys, err := p.Keys.oneCheckKeys(segs, srs)
	if err != nil {
		return nil, err
	}
	oc.Timings.AggregatorSetup, oc.Timings.WrapperSetup, oc.Timings.KeysLoad = keys.aggSetup, keys.wrapSetup, keys.load
	assign, err := segs.Assignment()
	if err != nil {
		return nil, err
	}
	p.progress(Event{Stage: "prove", Detail: fmt.Sprintf("aggregating %d segments over BW6-761", k)})
	agg, err := keys.agg.Prove(assign)
	if err != nil {
		return nil, fmt.Errorf("prover: %w", err)
	}
	oc.Timings.AggregatorProve = secs(agg.ProveS)
	widths := segs.Layout.OutputWidths()
	wa, err := twochain.WrapperAssignmentWith(agg, widths)
	if err != nil {
		return nil, err
	}
	p.progress(Event{Stage: "prove", Detail: "wrapping the aggregation over BN254"})
	wr, err := keys.wrap.ProveWith(wa, p.wrapperProver())
	if err != nil {
		return nil, fmt.Errorf("prover: %w", err)
	}
	oc.Timings.WrapperProve = secs(wr.ProveS)
	oc.Timings.AggregatorConstraints, oc.Timings.WrapperConstraints = keys.agg.CS.GetNbConstraints(), keys.wrap.CS.GetNbConstraints()
	if oc.Outputs, err = twochain.WrapperOutputs(agg.Public, widths); err != nil {
		return nil, err
	}
	for _, s := range assign.Sums {
		oc.Sums = append(oc.Sums, new(big.Int).Set(s.(*big.Int)))
	}
	for _, e := range assign.Extremes {
		oc.Extremes = append(oc.Extremes, new(big.Int).Set(e.(*big.Int)))
	}
	oc.TableDigest = new(big.Int).Set(assign.TableDigest.(*big.Int))
	if oc.Rows, err = oneCheckRows(plan, oc.Sums, oc.Extremes); err != nil {
		return nil, err
	}
	var proof, vk bytes.Buffer
	if _, err := wr.Proof.WriteTo(&proof); err != nil {
		return nil, fmt.Errorf("prover: encoding the one-check proof: %w", err)
	}
	if _, err := wr.VK.WriteTo(&vk); err != nil {
		return nil, fmt.Errorf("prover: encoding the one-check key: %w", err)
	}
	oc.Proof, oc.VerifyingKey = proof.Bytes(), vk.Bytes()
	return oc, nil
}

// wrapperProver is the Prover's backend as the wrapper's prover where it
// proves BN254 Groth16 (ProvenSQL's CPU prover, or the GPU's under the
// icicle build tag), else nil: gnark's.
func (p *Prover) wrapperProver() twochain.BN254Prover {
	if p.Backend == nil || p.Backend.Name() != (proofsys.Groth16{}).Name() {
		return nil
	}
	return func(cs constraint.ConstraintSystem, pk *groth16_bn254.ProvingKey, full witness.Witness) ([]byte, error) {
		return p.Backend.Prove(cs, proofsys.Keys{PK: pk}, full)
	}
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// OneCheckVerifyingKey returns the wrapper's verifying key the Prover's
// KeyStore holds for plan over its table's current segments and srs —
// read from its cache, never set up: the key a verifier with this store
// passes VerifyOneCheck (a proof's own key proves nothing).
func (p *Prover) OneCheckVerifyingKey(plan *planner.Plan, srs *kzg377.SRS) ([]byte, error) {
	if err := TwoChainSupported(plan); err != nil {
		return nil, err
	}
	m, size, err := p.twoChainSize(plan)
	if err != nil {
		return nil, err
	}
	return p.Keys.oneCheckVerifyingKey(plan, size, len(m.Segments), srs)
}

// oneCheckRows reads a plan's result from its aggregated partials as the
// whole table's partials, in the plan's order: each sum mod BLS12-377's r
// as the signed integer it encodes, each MIN or MAX read back
// (twochain.ExtremeValue; none where no segment counts a row, which
// Finalize shows as NULL since the count is then zero).
func oneCheckRows(plan *planner.Plan, sums, extremes []*big.Int) ([][]string, error) {
	r := ecc.BLS12_377.ScalarField()
	total := make([]*big.Int, 0, len(plan.Partials))
	for k, part := range plan.Partials {
		switch part.Kind {
		case planner.PartialMin, planner.PartialMax:
			if part.Limb == 1 { // read with its low limb
				continue
			}
			if len(extremes) == 0 {
				return nil, errors.New("prover: fewer extremes than the query's MIN and MAX")
			}
			if plan.WideExtreme(k) { // a UINT256's value (0: no row): its two limbs
				v := extremes[0]
				if v.Sign() < 0 || v.BitLen() > 256 {
					return nil, fmt.Errorf("prover: a UINT256 extreme of %d bits", v.BitLen())
				}
				lo := new(big.Int).And(v, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1)))
				total, extremes = append(total, lo, new(big.Int).Rsh(v, 128)), extremes[1:]
				continue
			}
			v := twochain.ExtremeValue(extremes[0], part.Kind == planner.PartialMax)
			if v == nil {
				v = new(big.Int)
			}
			total, extremes = append(total, v), extremes[1:]
		default:
			if len(sums) == 0 {
				return nil, errors.New("prover: fewer sums than the query's partials")
			}
			total, sums = append(total, schema.DecodeSignedIn(new(big.Int).Mod(sums[0], r), r)), sums[1:]
		}
	}
	return plan.FinalizeResult([][]*big.Int{total}, nil, &schema.Recorder{From: schema.Blobs{}})
}

// TwoChainTable is what a table's owner posts for the two-chain path, and
// what a one-check proof's verifier compares its digest with: per segment
// its row count and its columns' KZG commitments over BLS12-377
// (kzg377), in the table's column order.
type TwoChainTable struct {
	Name      string
	RowCounts []int
	Columns   [][]bls12377.G1Affine
}

// TwoChainTable commits the named table's columns as the store holds them
// over BLS12-377 with srs: what its owner would post (an MSM per column
// and segment, once: they are kept beside the store and read back;
// TwoChainTable.Digest is the one element it posts).
func (p *Prover) TwoChainTable(name string, srs *kzg377.SRS) (*TwoChainTable, error) {
	m, err := p.Store.Manifest(name)
	if err != nil {
		return nil, err
	}
	return p.twoChainTable(m, srs, nil)
}

// twoChainTable commits m's columns over BLS12-377, segment by segment,
// but for those known holds already (known[s][c], where present), or
// reads a segment's kept commitments (keptCommitments377) and keeps those
// it computes.
func (p *Prover) twoChainTable(m *store.Manifest, srs *kzg377.SRS, known []map[int]bls12377.G1Affine) (*TwoChainTable, error) {
	t := &TwoChainTable{Name: m.Schema.Name}
	for si, seg := range m.Segments {
		var have map[int]bls12377.G1Affine
		if si < len(known) {
			have = known[si]
		}
		if kept := p.keptCommitments377(m, si, srs, have); kept != nil {
			t.RowCounts, t.Columns = append(t.RowCounts, seg.Rows), append(t.Columns, kept)
			continue
		}
		want := make([]bool, len(m.Schema.Columns))
		for c := range want {
			_, ok := have[c]
			want[c] = !ok
		}
		cols, _, err := p.Store.LoadSegmentColumns(m, si, want)
		if err != nil {
			return nil, err
		}
		cs := make([]bls12377.G1Affine, len(m.Schema.Columns))
		for c := range cs {
			if !want[c] {
				cs[c] = have[c]
				continue
			}
			col, err := columnIn377(cols[c], m.Capacity())
			if err != nil {
				return nil, fmt.Errorf("prover: table %s segment %d column %s: %w", m.Schema.Name, si, m.Schema.Columns[c].Name, err)
			}
			if cs[c], err = srs.Commit(col); err != nil {
				return nil, err
			}
		}
		if err := p.writeCommitments377(m, si, srs, cs); err != nil { // a read-only store proves all the same
			p.progress(Event{Stage: "cache", Detail: fmt.Sprintf("not keeping %s segment %d's BLS12-377 commitments: %v", m.Schema.Name, si, err)})
		}
		t.RowCounts, t.Columns = append(t.RowCounts, seg.Rows), append(t.Columns, cs)
	}
	return t, nil
}

// Digest is the table's digest for the two-chain path
// (twochain.TableDigestOf), with its columns' digests: what its owner
// posts, and what the query aggregator exposes as the table it read.
func (t *TwoChainTable) Digest() (*big.Int, []*big.Int, error) {
	if t == nil {
		return nil, nil, errors.New("prover: no two-chain table")
	}
	rows := make([]*big.Int, len(t.RowCounts))
	for s, n := range t.RowCounts {
		rows[s] = big.NewInt(int64(n))
	}
	d, cols, err := twochain.TableDigestOf(rows, t.Columns)
	if err != nil {
		return nil, nil, fmt.Errorf("prover: table %s: %w", t.Name, err)
	}
	return d, cols, nil
}

// columnIn377 is a stored column (BN254 encodings of signed integers)
// padded to capacity and re-encoded in BLS12-377's scalar field; a value
// that field cannot hold as a signed integer is refused.
func columnIn377(vals []fr.Element, capacity int) ([]fr377.Element, error) {
	if len(vals) > capacity {
		return nil, fmt.Errorf("%d values for a capacity of %d", len(vals), capacity)
	}
	r := fr377.Modulus()
	out := make([]fr377.Element, capacity)
	for i := range vals {
		v := schema.DecodeSigned(&vals[i])
		if !holdsSigned(v, r) {
			return nil, fmt.Errorf("row %d holds %s, which BLS12-377's field cannot hold as a signed integer", i, v)
		}
		out[i].SetBigInt(v)
	}
	return out, nil
}

// OneCheckStatement is what a verifier expects a one-check proof of plan
// over table to expose besides its result: the plan's parameters, each
// the integer in [0, r) of BLS12-377's r its segments' statements hold,
// and the table's digest (TwoChainTable.Digest).
func OneCheckStatement(plan *planner.Plan, table *TwoChainTable) (params []*big.Int, digest *big.Int, err error) {
	if plan == nil || table == nil {
		return nil, nil, errors.New("prover: a one-check statement needs the query's plan and the posted table")
	}
	if err := TwoChainSupported(plan); err != nil {
		return nil, nil, err
	}
	if t := plan.Query.Tables()[0]; t.Name != table.Name {
		return nil, nil, fmt.Errorf("prover: the query is over table %s, the commitments are %s's", t.Name, table.Name)
	}
	vals, err := plan.PublicParamValues()
	if err != nil {
		return nil, nil, err
	}
	r := ecc.BLS12_377.ScalarField()
	for _, v := range vals {
		params = append(params, new(big.Int).Mod(v, r))
	}
	if digest, _, err = table.Digest(); err != nil {
		return nil, nil, err
	}
	return params, digest, nil
}

// extremeWidths are how the wrapper exposes plan's MIN and MAX outputs
// (twochain.ExtremeInput.Width): a UINT256's (two partials) Wide, a
// signed value's a Scalar.
func extremeWidths(plan *planner.Plan) []twochain.OutputWidth {
	var ws []twochain.OutputWidth
	for k, part := range plan.Partials {
		switch {
		case part.Kind != planner.PartialMin && part.Kind != planner.PartialMax, part.Limb == 1:
		case plan.WideExtreme(k):
			ws = append(ws, twochain.Wide)
		default:
			ws = append(ws, twochain.Scalar)
		}
	}
	return ws
}

// oneCheckOutputs is what the wrapper's proof exposes of an aggregation
// of plan (twochain.WrapperOutputs): the aggregator's public outputs in
// its order — sums, extremes, parameters, table digest — the sums, the
// digest and a UINT256's extremes split at bit 192, the others whole
// (twochain.QueryOutputWidths).
func oneCheckOutputs(plan *planner.Plan, sums, extremes, params []*big.Int, digest *big.Int) ([]*big.Int, error) {
	outs := append(append(append(append([]*big.Int{}, sums...), extremes...), params...), digest)
	for _, v := range outs {
		if v == nil || v.Sign() < 0 {
			return nil, errors.New("prover: the one-check proof has a missing or negative output")
		}
	}
	widths := extremeWidths(plan)
	if len(widths) != len(extremes) {
		return nil, fmt.Errorf("prover: the one-check proof has %d extremes, the query %d MIN and MAX", len(extremes), len(widths))
	}
	split, err := twochain.SplitOutputs(outs, twochain.QueryOutputWidths(len(sums), widths, len(params)))
	if err != nil {
		return nil, fmt.Errorf("prover: the one-check proof's outputs: %w", err)
	}
	return split, nil
}

// VerifyOneCheck checks a one-check proof of plan (its parameters bound)
// against table's posted commitments under the wrapper's verifying key vk,
// which the verifier trusts (the deployed contract's): the table digest
// it claims is the posted table's, its outputs are its sums, the plan's
// parameters and that digest (OneCheckStatement), the BN254 proof
// verifies against them, and its result
// rows are the ones the sums give. It returns the result.
func VerifyOneCheck(oc *OneCheck, plan *planner.Plan, table *TwoChainTable, vk []byte) ([][]string, error) {
	if oc == nil {
		return nil, errors.New("prover: no one-check proof")
	}
	params, digest, err := OneCheckStatement(plan, table)
	if err != nil {
		return nil, err
	}
	if oc.TableDigest == nil || oc.TableDigest.Cmp(digest) != 0 {
		return nil, errors.New("prover: the one-check proof is about other rows, row counts or columns than the posted table's")
	}
	summed := 0
	for _, part := range plan.Partials {
		if part.Kind != planner.PartialMin && part.Kind != planner.PartialMax {
			summed++
		}
	}
	if ext := len(extremeWidths(plan)); len(oc.Sums) != summed || len(oc.Extremes) != ext {
		return nil, fmt.Errorf("prover: the one-check proof has %d sums and %d extremes, the query %d and %d", len(oc.Sums), len(oc.Extremes), summed, ext)
	}
	want, err := oneCheckOutputs(plan, oc.Sums, oc.Extremes, params, digest)
	if err != nil {
		return nil, err
	}
	if len(want) != len(oc.Outputs) {
		return nil, fmt.Errorf("prover: the one-check proof has %d outputs, its sums, parameters and digest make %d", len(oc.Outputs), len(want))
	}
	for j := range want {
		if oc.Outputs[j] == nil || want[j].Cmp(oc.Outputs[j]) != 0 {
			return nil, fmt.Errorf("prover: the one-check proof's output %d is not its sums', the query's parameters' and the table's digest's", j)
		}
	}
	if err := (proofsys.Groth16{}).Verify(vk, oc.Proof, want); err != nil {
		return nil, fmt.Errorf("prover: the one-check proof: %w", err)
	}
	rows, err := oneCheckRows(plan, oc.Sums, oc.Extremes)
	if err != nil {
		return nil, err
	}
	if !slices.EqualFunc(rows, oc.Rows, slices.Equal[[]string]) {
		return nil, errors.New("prover: the one-check proof's result rows are not its sums'")
	}
	return rows, nil
}
