package proofsys

import (
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

// scheduledCircuit has, like a query circuit, per-row work that does not
// lead to its commitment challenge (a filter and a sum, with a hint per
// row) and work that reads the challenge after it is captured.
type scheduledCircuit struct {
	C    frontend.Variable `gnark:",public"` // the commitment challenge
	P    frontend.Variable `gnark:",public"` // the filter's parameter
	Sum  frontend.Variable `gnark:",public"` // the sum of the rows equal to P
	Rows [8]frontend.Variable
}

func (c *scheduledCircuit) Define(api frontend.API) error {
	sum := frontend.Variable(0)
	for _, r := range c.Rows {
		d := api.Sub(r, c.P)
		inv, err := api.Compiler().NewHint(rowInverseHint, 1, d)
		if err != nil {
			return err
		}
		eq := api.Sub(1, api.Mul(d, inv[0]))
		api.AssertIsEqual(api.Mul(d, eq), 0)
		sum = api.Add(sum, api.Mul(eq, r))
	}
	api.AssertIsEqual(sum, c.Sum)
	cm, err := api.Compiler().(frontend.Committer).Commit(c.Rows[:]...)
	if err != nil {
		return err
	}
	z, err := api.Compiler().NewHint(echoHint, 1, cm)
	if err != nil {
		return err
	}
	api.AssertIsEqual(z[0], cm)
	api.AssertIsEqual(c.C, cm)
	acc := frontend.Variable(1)
	for _, r := range c.Rows {
		acc = api.Mul(acc, api.Add(r, z[0]))
	}
	api.AssertIsDifferent(acc, 0)
	return nil
}

// rowInverseHint is 1/in[0], or 0 for 0.
func rowInverseHint(q *big.Int, in, out []*big.Int) error {
	if in[0].Sign() != 0 {
		out[0].ModInverse(in[0], q)
	}
	return nil
}

func init() { solver.RegisterHint(rowInverseHint) }

var errCaptured = errors.New("challenge captured")

// TestScheduleSolve: after ScheduleSolve a solve that
// stops at the challenge hint (a prover's first pass) runs none of the
// per-row work that does not lead to it — it ran all of it before — the
// levels still order every instruction after those it reads, and the
// system solves to the same values, proves, and refuses a wrong witness.
func TestScheduleSolve(t *testing.T) {
	cs, keys, vk := setUp(t, &scheduledCircuit{})
	plain, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &scheduledCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := ScheduleSolve(cs, solver.GetHintID(echoHint))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Instructions != len(plain.(*cs_bn254.R1CS).Instructions) || sc.BeforeAfter >= sc.BeforeBefore {
		t.Fatalf("schedule %+v: the first pass should run fewer instructions", sc)
	}
	checkLevels(t, cs.(*cs_bn254.R1CS))
	r1csOf := func(c constraint.ConstraintSystem) *cs_bn254.R1CS { return c.(*cs_bn254.R1CS) }
	info, err := commitmentsOf(r1csOf(cs))
	if err != nil {
		t.Fatal(err)
	}
	_, gpk, err := bn254Of("test", cs, keys)
	if err != nil {
		t.Fatal(err)
	}
	mask := solver.OverrideHint(CommitmentMaskHintID, func(_ *big.Int, _, out []*big.Int) error {
		for i := range out {
			out[i].SetInt64(int64(77 + i))
		}
		return nil
	})
	rows := [8]frontend.Variable{5, 9, 5, 3, 5, 11, 2, 5}
	witness := func(c, sum int64, challenge *big.Int) *scheduledCircuit {
		w := &scheduledCircuit{C: c, P: 5, Sum: sum, Rows: rows}
		if challenge != nil {
			w.C = challenge
		}
		return w
	}
	// the first pass on each system: how many per-row hints it calls
	firstPass := func(sys constraint.ConstraintSystem) (*big.Int, int) {
		t.Helper()
		full, err := frontend.NewWitness(witness(0, 20, nil), ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		var z *big.Int
		calls := 0
		capture := solver.OverrideHint(solver.GetHintID(echoHint), func(_ *big.Int, in, _ []*big.Int) error {
			z = new(big.Int).Set(in[0])
			return errCaptured
		})
		counted := solver.OverrideHint(solver.GetHintID(rowInverseHint), func(q *big.Int, in, out []*big.Int) error {
			calls++
			return rowInverseHint(q, in, out)
		})
		hints, err := commitmentHints(info, gpk, full, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = sys.Solve(full, append(hints, mask, capture, counted, solver.WithNbTasks(1))...)
		if !errors.Is(err, errCaptured) || z == nil {
			t.Fatalf("the first pass did not stop at the challenge: %v", err)
		}
		return z, calls
	}
	z, calls := firstPass(cs)
	zPlain, callsPlain := firstPass(plain)
	if z.Cmp(zPlain) != 0 {
		t.Fatal("the scheduled system derives another challenge")
	}
	if calls != 0 || callsPlain != len(rows) {
		t.Fatalf("the first pass called the per-row hint %d times (unscheduled: %d), want 0 (%d)", calls, callsPlain, len(rows))
	}
	// the full solve: the same values as the unscheduled system's
	solve := func(sys constraint.ConstraintSystem, sum int64) ([]byte, error) {
		full, err := frontend.NewWitness(witness(0, sum, z), ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		hints, err := commitmentHints(info, gpk, full, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		sol, err := sys.Solve(full, append(hints, mask)...)
		if err != nil {
			return nil, err
		}
		return sol.(*cs_bn254.R1CSSolution).W.MarshalBinary()
	}
	got, err := solve(cs, 20)
	if err != nil {
		t.Fatal(err)
	}
	want, err := solve(plain, 20)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatal("the scheduled system solves to other values")
	}
	if _, err := solve(cs, 21); err == nil {
		t.Fatal("the scheduled system accepted a wrong sum")
	}
	full, err := frontend.NewWitness(witness(0, 20, z), ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	g := Groth16{}
	proof, err := g.Prove(cs, keys, full, mask)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(vk, proof, []*big.Int{z, big.NewInt(5), big.NewInt(20)}); err != nil {
		t.Fatal(err)
	}
	if err := g.Verify(vk, proof, []*big.Int{z, big.NewInt(5), big.NewInt(21)}); err == nil {
		t.Fatal("a changed sum verified")
	}
	// scheduling again changes nothing; a system without the hint is left alone
	again, err := ScheduleSolve(cs, solver.GetHintID(echoHint))
	if err != nil || again.BeforeBefore != sc.BeforeAfter || again.BeforeAfter != sc.BeforeAfter {
		t.Fatalf("scheduling twice: %+v, %v", again, err)
	}
	// a system without the hint keeps its levels, each holding the same
	// instructions (spread by kind)
	levels := make([][]uint32, len(r1csOf(plain).Levels))
	for l, lv := range r1csOf(plain).Levels {
		levels[l] = slices.Sorted(slices.Values(lv))
	}
	none, err := ScheduleSolve(plain, solver.GetHintID(rowInverseHint)+1)
	if err != nil || none.BeforeBefore != 0 || none.LevelsAfter != len(levels) || len(r1csOf(plain).Levels) != len(levels) {
		t.Fatalf("a system without the hint was relevelled: %+v, %v", none, err)
	}
	for l, lv := range r1csOf(plain).Levels {
		if !slices.Equal(slices.Sorted(slices.Values(lv)), levels[l]) {
			t.Fatalf("level %d of a system without the hint holds other instructions", l)
		}
	}
}

// TestScheduleSpreadsKinds: after ScheduleSolve, each half of every level
// holds half of each of the level's kinds of instruction (R1Cs, each
// hint), give or take one — the solver's tasks take contiguous runs of a
// level — where the circuit made its per-row hints after its R1Cs.
func TestScheduleSpreadsKinds(t *testing.T) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &spreadCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	r := cs.(*cs_bn254.R1CS)
	unbalanced := func() int {
		worst := 0
		for _, lv := range r.Levels {
			first, all := map[solver.HintID]int{}, map[solver.HintID]int{}
			for k, i := range lv {
				h, ok := hintOf(&r.System, r.Instructions[i])
				if !ok {
					h = 0 // every R1C of this circuit is one kind
				}
				all[h]++
				if k < len(lv)/2 {
					first[h]++
				}
			}
			for h, c := range all {
				worst = max(worst, abs(2*first[h]-c))
			}
		}
		return worst
	}
	if unbalanced() < 32 {
		t.Fatal("the circuit's levels are balanced already: the test shows nothing")
	}
	if _, err := ScheduleSolve(cs, solver.GetHintID(echoHint)); err != nil {
		t.Fatal(err)
	}
	checkLevels(t, r)
	if w := unbalanced(); w > 2 {
		t.Fatalf("a level's halves differ by %d instructions of one kind", w)
	}
}

func abs(x int) int { return max(x, -x) }

// spreadCircuit checks 64 rows with R1Cs first and a hint per row after
// them, in one level.
type spreadCircuit struct {
	Rows [64]frontend.Variable
}

func (c *spreadCircuit) Define(api frontend.API) error {
	for _, r := range c.Rows {
		api.AssertIsEqual(api.Mul(r, r), api.Mul(r, r))
	}
	for _, r := range c.Rows {
		inv, err := api.Compiler().NewHint(rowInverseHint, 1, r)
		if err != nil {
			return err
		}
		api.AssertIsEqual(api.Mul(inv[0], r), 1)
	}
	return nil
}

// checkLevels fails unless every instruction is in exactly one level and
// after every instruction whose outputs it reads.
func checkLevels(t *testing.T, r *cs_bn254.R1CS) {
	t.Helper()
	deps, err := dependenciesOf(&r.System)
	if err != nil {
		t.Fatal(err)
	}
	levelOf := make([]int, len(r.Instructions))
	for i := range levelOf {
		levelOf[i] = -1
	}
	for l, lv := range r.Levels {
		for _, i := range lv {
			if levelOf[i] >= 0 {
				t.Fatalf("instruction %d in levels %d and %d", i, levelOf[i], l)
			}
			levelOf[i] = l
		}
	}
	for i, l := range levelOf {
		if l < 0 {
			t.Fatalf("instruction %d in no level", i)
		}
		for _, p := range deps.inputsOf(i) {
			if levelOf[p] >= l {
				t.Fatalf("instruction %d (level %d) reads instruction %d (level %d)", i, l, p, levelOf[p])
			}
		}
	}
}
