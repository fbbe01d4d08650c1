package bench

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fft_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	fft_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark/constraint"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/sql"
)

type catalog struct{ t *schema.Table }

func (c catalog) Schema(string) (*schema.Table, error) { return c.t, nil }

// joinCatalog holds the benchmark's two tables: the transfers and the tokens.
type joinCatalog struct{}

func (joinCatalog) Schema(name string) (*schema.Table, error) {
	if name == datagen.TokensName {
		t, _ := datagen.ERC20Transfers(1, 1).TokenTable()
		return t, nil
	}
	return datagen.Schema(), nil
}

// constraintsPerRow compiles a query over erc20_transfers at 2^logN rows.
func constraintsPerRow(t *testing.T, tbl *schema.Table, text string, logN int) float64 {
	t.Helper()
	q, err := sql.Parse(text, catalog{tbl})
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(q)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := prover.Compile(p, circuits.SegmentSize(logN))
	if err != nil {
		t.Fatal(err)
	}
	return float64(cs.GetNbConstraints()) / float64(int(1)<<logN)
}

// TestConstraintBreakdown prints where Q1's constraints per row go, part by
// part, and the effect of typing block_number as the 32-bit value it is
// (cryo's u32) rather than BIGINT UNSIGNED. Run with -v for the table.
func TestConstraintBreakdown(t *testing.T) {
	wide := datagen.Schema()
	wide.Columns[0].Type = schema.BigIntUnsigned
	parts := []string{
		"SELECT COUNT(*) FROM erc20_transfers",
		"SELECT SUM(value) FROM erc20_transfers",
		"SELECT COUNT(*) FROM erc20_transfers WHERE erc20 = $1",
		"SELECT COUNT(*) FROM erc20_transfers WHERE block_number < $1",
		"SELECT COUNT(*) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2",
		datagen.Q1,
		"SELECT erc20, COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number BETWEEN $1 AND $2 GROUP BY erc20",
	}
	const logN = 12
	for _, q := range parts {
		w := constraintsPerRow(t, wide, q, logN)
		n := constraintsPerRow(t, datagen.Schema(), q, logN)
		t.Logf("%-100s  BIGINT UNSIGNED %5.2f  INT UNSIGNED %5.2f", q, w, n)
		if q == datagen.Q1 && n >= w {
			t.Errorf("32-bit block numbers should cost fewer constraints: %.2f vs %.2f", n, w)
		}
	}
	fmt.Print()
}

// TestRowPlanConstraints prints the constraints per row of row-returning
// queries at 2^12 rows and holds TOPK to the 16 per row there and
// at 2^10: an
// ORDER BY without LIMIT has no completeness check per row (every selected
// row is returned), and the columns only returned share one link through
// the lookup fingerprint (planner.FingerprintLink). Run with -v for the
// table.
func TestRowPlanConstraints(t *testing.T) {
	const logN = 12
	limited := "SELECT block_number, value FROM erc20_transfers WHERE erc20 = $1 ORDER BY value DESC LIMIT 10"
	unlimited := "SELECT block_number, value FROM erc20_transfers WHERE erc20 = $1 ORDER BY value DESC"
	perRow := map[string]float64{}
	for _, q := range []string{datagen.TopK, limited, unlimited, "SELECT block_number, from_address, to_address FROM erc20_transfers WHERE erc20 = $1 LIMIT 10"} {
		perRow[q] = constraintsPerRow(t, datagen.Schema(), q, logN)
		t.Logf("%-110s %5.2f", q, perRow[q])
	}
	for _, l := range []int{10, logN} { // 2^10: the slots' fixed costs weigh most
		if got := constraintsPerRow(t, datagen.Schema(), datagen.TopK, l); got > 16 {
			t.Errorf("TOPK: %.2f constraints per row at 2^%d, above 16", got, l)
		}
	}
	if perRow[unlimited] >= perRow[limited] {
		t.Errorf("without LIMIT %.2f per row, with LIMIT %.2f: the completeness check should be gone", perRow[unlimited], perRow[limited])
	}
}

// TestGroupSlotsFollowTheData: Q2 and Q3 over the benchmark data prove
// circuits with fewer group slots than rows (circuits.Size.GroupSlots), so
// fewer constraints than the one-slot-per-row circuit of the same query.
func TestGroupSlotsFollowTheData(t *testing.T) {
	const logN = 10
	for _, q := range []string{"Q2", "Q3"} {
		r, err := Run(context.Background(), q, 1<<logN, t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		full := constraintsPerRow(t, datagen.Schema(), Queries[q], logN)
		t.Logf("%s: %.2f constraints per row with slots sized to the data, %.2f with one per row", q, r.ConstraintsPerRow, full)
		if r.ConstraintsPerRow >= full {
			t.Errorf("%s: %.2f per row, not below the one-slot-per-row circuit's %.2f", q, r.ConstraintsPerRow, full)
		}
	}
}

// benchmarkPlan plans a benchmark query and sizes its circuit at 2^logN
// rows (JOIN: the benchmark's 16 tokens, looked up).
func benchmarkPlan(t testing.TB, query string, logN int) (*planner.Plan, circuits.Size) {
	t.Helper()
	q, err := sql.Parse(Queries[query], joinCatalog{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(q)
	if err != nil {
		t.Fatal(err)
	}
	size := circuits.SegmentSize(logN)
	if p.Query.Join != nil {
		size = circuits.Size{LogN: logN, LogRight: 4, Lookup: true}
	}
	return p, size
}

// TestOrientationShrinksKeys: prover.Compile orients every benchmark
// query's products (proofsys.OrientFactors), and that lowers the proving
// key's MSM sizes — Left + 3·Right distinct wires, a Right wire costing a G1
// and a G2 point in every proof — by at least the share measured when the
// pass was written (Version 67, 2^10 rows), less a margin; the compiled
// system is left where the search ends (a second pass turns nothing).
func TestOrientationShrinksKeys(t *testing.T) {
	const logN = 10
	for _, c := range []struct {
		query   string
		atLeast float64 // the cost's fall, as a share of the unoriented cost
		// rightPerRow bounds the Right wires a row after orientation (0:
		// none): Q1's filter masks its sums (circuits' masked values),
		// whose two products are emitted with the equality's wires on the
		// right, the better side, which turning them one at a time would
		// not find — so little is left to turn there
		rightPerRow float64
	}{
		{"Q1", 0, 2.25}, {"Q2", 0.08, 0}, {"Q3", 0.08, 0}, {"TOPK", 0.12, 0}, {"JOIN", 0.05, 0},
	} {
		t.Run(c.query, func(t *testing.T) {
			p, size := benchmarkPlan(t, c.query, logN)
			raw, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuits.New(p, size))
			if err != nil {
				t.Fatal(err)
			}
			o, err := proofsys.OrientFactors(raw)
			if err != nil {
				t.Fatal(err)
			}
			before := float64(o.LeftBefore + 3*o.RightBefore)
			fall := 1 - float64(o.LeftAfter+3*o.RightAfter)/before
			t.Logf("%s: Left %d → %d, Right %d → %d wires, %d products turned: cost −%.1f %%", c.query, o.LeftBefore, o.LeftAfter, o.RightBefore, o.RightAfter, o.Flipped, 100*fall)
			if fall < c.atLeast {
				t.Errorf("%s: the cost fell by %.1f %%, below %.0f %%", c.query, 100*fall, 100*c.atLeast)
			}
			if perRow := float64(o.RightAfter) / (1 << logN); c.rightPerRow > 0 && perRow > c.rightPerRow {
				t.Errorf("%s: %.2f Right wires a row, above %.2f", c.query, perRow, c.rightPerRow)
			}
			compiled, err := prover.Compile(p, size)
			if err != nil {
				t.Fatal(err)
			}
			again, err := proofsys.OrientFactors(compiled)
			if err != nil {
				t.Fatal(err)
			}
			if again.Flipped != 0 || again.RightBefore != o.RightAfter || again.LeftBefore != o.LeftAfter {
				t.Errorf("prover.Compile's system is not the oriented one: %+v after %+v", again, o)
			}
		})
	}
}

// TestFirstPassSolvesLittle: prover.Compile schedules every benchmark
// query's solve so that a prover's first pass, which stops at the
// commitment challenge Z, runs only what Z depends on
// (proofsys.ScheduleSolve) — no more than the share of the
// instructions measured when the pass was written (Version 70, 2^10 rows),
// with a margin; gnark's levels ran most of the per-row filters and
// aggregates first. A query whose committed wires are per-row lookups
// (TOPK's range checks) still computes those.
func TestFirstPassSolvesLittle(t *testing.T) {
	const logN = 10
	for _, c := range []struct {
		query  string
		atMost float64 // the first pass's share of the instructions
	}{
		{"Q1", 0.01}, {"Q2", 0.01}, {"Q3", 0.01}, {"TOPK", 0.25}, {"JOIN", 0.01},
	} {
		t.Run(c.query, func(t *testing.T) {
			p, size := benchmarkPlan(t, c.query, logN)
			raw, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuits.New(p, size))
			if err != nil {
				t.Fatal(err)
			}
			capture := solver.GetHintID(circuits.CaptureHint)
			s, err := proofsys.ScheduleSolve(raw, capture)
			if err != nil {
				t.Fatal(err)
			}
			share := float64(s.BeforeAfter) / float64(s.Instructions)
			t.Logf("%s: the first pass runs %d → %d of %d instructions (%.2f %%), %d → %d levels", c.query, s.BeforeBefore, s.BeforeAfter, s.Instructions, 100*share, s.LevelsBefore, s.LevelsAfter)
			if share > c.atMost {
				t.Errorf("%s: the first pass runs %.2f %% of the instructions, above %.0f %%", c.query, 100*share, 100*c.atMost)
			}
			compiled, err := prover.Compile(p, size)
			if err != nil {
				t.Fatal(err)
			}
			again, err := proofsys.ScheduleSolve(compiled, capture)
			if err != nil {
				t.Fatal(err)
			}
			if again.BeforeBefore != again.BeforeAfter || again.Instructions != s.Instructions {
				t.Errorf("prover.Compile's system is not scheduled: %+v after %+v", again, s)
			}
		})
	}
}

// TestQueriesCompileOverBLS12377: every benchmark query's circuit compiles
// over BLS12-377's scalar field, the two-chain path's segment curve, to as
// many constraints and wires as over BN254's, its columns' evaluation at z
// uses that field's own FFT domain (its ω among the system's coefficients,
// BN254's not): the circuits take the field from the compiler. Its
// products are oriented and its solve scheduled as over BN254
// (proofsys.OrientFactors and ScheduleSolve take either system).
func TestQueriesCompileOverBLS12377(t *testing.T) {
	const logN = 8
	omegas := map[ecc.ID]*big.Int{
		ecc.BN254:     fft_bn254.NewDomain(1 << logN).Generator.BigInt(new(big.Int)),
		ecc.BLS12_377: fft_bls12377.NewDomain(1 << logN).Generator.BigInt(new(big.Int)),
	}
	// hasCoefficient reports whether ±v mod p is among the system's
	// coefficients
	hasCoefficient := func(cs constraint.ConstraintSystem, v *big.Int) bool {
		p := cs.Field()
		neg := new(big.Int).Sub(p, new(big.Int).Mod(v, p))
		var coeffs []*big.Int
		switch s := cs.(type) {
		case *cs_bn254.R1CS:
			for _, c := range s.Coefficients {
				coeffs = append(coeffs, c.BigInt(new(big.Int)))
			}
		case *cs_bls12377.R1CS:
			for _, c := range s.Coefficients {
				coeffs = append(coeffs, c.BigInt(new(big.Int)))
			}
		}
		for _, c := range coeffs {
			if c.Cmp(v) == 0 || c.Cmp(neg) == 0 {
				return true
			}
		}
		return false
	}
	for _, query := range []string{"Q1", "Q2", "Q3", "TOPK", "JOIN"} {
		t.Run(query, func(t *testing.T) {
			p, size := benchmarkPlan(t, query, logN)
			type shape struct {
				constraints, public, secret int
				orientation                 proofsys.Orientation
				schedule                    proofsys.Schedule
			}
			counts := map[ecc.ID]shape{}
			for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
				cs, err := frontend.Compile(curve.ScalarField(), r1cs.NewBuilder, circuits.New(p, size))
				if err != nil {
					t.Fatalf("%s: %v", curve, err)
				}
				o, err := proofsys.OrientFactors(cs)
				if err != nil {
					t.Fatalf("%s: %v", curve, err)
				}
				sc, err := proofsys.ScheduleSolve(cs, solver.GetHintID(circuits.CaptureHint))
				if err != nil {
					t.Fatalf("%s: %v", curve, err)
				}
				if o.Flipped == 0 || sc.LevelsAfter == 0 {
					t.Errorf("%s: no product oriented (%+v) or no solve scheduled (%+v)", curve, o, sc)
				}
				counts[curve] = shape{cs.GetNbConstraints(), cs.GetNbPublicVariables(), cs.GetNbSecretVariables(), o, sc}
				other := ecc.BN254
				if curve == ecc.BN254 {
					other = ecc.BLS12_377
				}
				if !hasCoefficient(cs, omegas[curve]) || hasCoefficient(cs, omegas[other]) {
					t.Errorf("%s: the columns' evaluation does not use the field's own domain of 2^%d", curve, logN)
				}
			}
			if counts[ecc.BN254] != counts[ecc.BLS12_377] {
				t.Errorf("constraints, public and secret wires, orientation, schedule: BN254 %+v, BLS12-377 %+v", counts[ecc.BN254], counts[ecc.BLS12_377])
			}
		})
	}
}

// TestMaskedFilterConstraints holds the constraints per row (2^12 rows) of
// queries whose filter ends in an equality and whose rows only feed
// COUNT, SUM and AVG, or a GROUP BY's count and sums: the equality's test
// masks the rows' packed values in two constraints (circuits' masked
// values), where its flag took two and each sum a product, and an AND
// folds its other side into the equality as a gate; and of queries with
// two sums or more behind another filter, whose packed values take one
// product a row. The figures before
// the lever (circuit Version 72) are in the comments.
func TestMaskedFilterConstraints(t *testing.T) {
	for _, c := range []struct {
		query string
		most  float64
	}{
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 = $1", 4.05},                       // 5.02
		{"SELECT SUM(value) FROM erc20_transfers WHERE erc20 = $1", 4.05},                                 // 5.02
		{"SELECT COUNT(*), SUM(value), AVG(log_index) FROM erc20_transfers WHERE erc20 = $1", 5.05},       // 7.02
		{"SELECT COUNT(*) FROM erc20_transfers WHERE erc20 = $1 AND from_address = $2", 6.05},             // 7.03
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 = $1 AND from_address = $2", 7.05}, // 9.03
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE log_index > $1 AND erc20 = $2", 9.45},    // 10.52
		{datagen.Q1, 5.07}, // 6.05
		// no equality: two sums or more packed, one product a row for them
		{"SELECT COUNT(*), SUM(value), AVG(log_index) FROM erc20_transfers WHERE log_index > $1", 7.45},                            // 8.41
		{"SELECT COUNT(*), SUM(value), SUM(log_index), SUM(transaction_index) FROM erc20_transfers WHERE block_number < $1", 5.07}, // 7.03
		{"SELECT to_address, COUNT(*), SUM(value) FROM erc20_transfers GROUP BY to_address", 6.05},                                 // 7.01
		{datagen.Q2, 9.05}, // 10.03 (its group slots one per row at this size)
		// an equality on a SORTED column as a window (Version 77): one boolean a row, no IsZero
		{"SELECT COUNT(*) FROM erc20_transfers WHERE block_number = $1", 1.05},                            // 3.01
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number = $1", 3.05},                // 4.02
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE block_number = $1 AND erc20 = $2", 5.07}, // 7.03
		// two one-sided bounds of a SORTED column as one window (Version 78)
		{"SELECT COUNT(*) FROM erc20_transfers WHERE block_number >= $1 AND block_number < $2", 1.05},                             // 6.52
		{"SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 = $1 AND block_number >= $2 AND block_number <= $3", 5.07}, // 11.43
	} {
		if got := constraintsPerRow(t, datagen.Schema(), c.query, 12); got > c.most {
			t.Errorf("%s: %.2f constraints a row, above %.2f", c.query, got, c.most)
		}
	}
}

// TestNoPublicInputCommitted: no benchmark query's circuit commits a
// public input in its BSB22 commitment (the range checks read the
// parameters, the row count and the partials as private copies): each one
// there would cost every verifier a hashed value — the Solidity verifier
// gas, the two-chain aggregator about 750 constraints a segment.
func TestNoPublicInputCommitted(t *testing.T) {
	for _, q := range []string{"Q1", "Q2", "Q3", "TOPK", "JOIN"} {
		p, size := benchmarkPlan(t, q, 10)
		cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuits.New(p, size))
		if err != nil {
			t.Fatal(err)
		}
		info, ok := cs.(interface{ GetCommitments() constraint.Commitments }).GetCommitments().(constraint.Groth16Commitments)
		if !ok {
			t.Fatalf("%s: commitments of type %T", q, cs)
		}
		for _, c := range info {
			if len(c.PublicAndCommitmentCommitted) > 0 {
				t.Errorf("%s: %d public inputs committed", q, len(c.PublicAndCommitmentCommitted))
			}
		}
	}
}
