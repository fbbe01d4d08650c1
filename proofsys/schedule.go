package proofsys

import (
	"fmt"
	"slices"

	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
)

// Schedule is what ScheduleChallengeFirst did to a constraint system's
// solver levels.
type Schedule struct {
	// Instructions is the system's number of solver instructions.
	Instructions int
	// BeforeBefore and BeforeAfter are how many instructions a solve that
	// stops at the challenge hint runs (every level up to and including
	// the hint's): before and after the change.
	BeforeBefore, BeforeAfter int
	// LevelsBefore and LevelsAfter are the numbers of levels.
	LevelsBefore, LevelsAfter int
}

// ScheduleChallengeFirst reorders the solver levels of a BN254 R1CS so that
// the instructions a hint's inputs depend on — for ProvenSQL's circuits
// the commitment challenge Z, which circuits.CaptureHint reads — are solved
// first, and every other instruction after the hint. gnark's solver runs
// the levels in order, every instruction of a level before the next level;
// a prover's first pass, which solves up to Z and stops there, so no longer
// solves what does not lead to Z (a query's per-row filters and
// aggregates), which the second pass, the proof's, solves anyway.
//
// Only the order changes: the constraints, the wires and so the keys are
// the same, and each instruction still comes after every instruction whose
// outputs it reads. A system without the hint is left as it is.
func ScheduleChallengeFirst(cs constraint.ConstraintSystem, hint solver.HintID) (Schedule, error) {
	r1cs, ok := cs.(*cs_bn254.R1CS)
	if !ok || r1cs.Type != constraint.SystemR1CS {
		return Schedule{}, nil
	}
	sys := &r1cs.System
	deps, err := dependenciesOf(sys)
	if err != nil {
		return Schedule{}, err
	}
	n := len(sys.Instructions)
	sc := Schedule{Instructions: n, LevelsBefore: len(sys.Levels)}
	// the hint's instructions and, transitively, every instruction they read
	cone := make([]bool, n)
	var stack []int
	for i, pi := range sys.Instructions {
		if deps.isHint(sys, pi, hint) {
			cone[i] = true
			stack = append(stack, i)
		}
	}
	if len(stack) == 0 {
		return sc, nil
	}
	hints := slices.Clone(stack)
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range deps.inputsOf(i) {
			if !cone[p] {
				cone[p] = true
				stack = append(stack, int(p))
			}
		}
	}
	sc.BeforeBefore = runUpTo(sys.Levels, hints)
	// the cone's levels as the solver needs them, then everything else
	// after the hint's level (an instruction outside the cone reads cone
	// outputs or others, never the other way round)
	level := make([]int32, n)
	var last int32
	place := func(i int, floor int32) {
		l := floor
		for _, p := range deps.inputsOf(i) {
			l = max(l, level[p]+1)
		}
		level[i] = l
		last = max(last, l)
	}
	for i := range n {
		if cone[i] {
			place(i, 0)
		}
	}
	var hintLevel int32
	for _, i := range hints {
		hintLevel = max(hintLevel, level[i])
	}
	for i := range n {
		if !cone[i] {
			place(i, hintLevel+1)
		}
	}
	counts := make([]int, last+1)
	for _, l := range level {
		counts[l]++
	}
	levels := make([][]uint32, 0, last+1)
	for _, c := range counts {
		if c == 0 { // levels after the cone's start at hintLevel+1: none is empty below it
			return Schedule{}, fmt.Errorf("proofsys: scheduling the challenge first left an empty level")
		}
		levels = append(levels, make([]uint32, 0, c))
	}
	for i, l := range level {
		levels[l] = append(levels[l], uint32(i))
	}
	sys.Levels = levels
	sc.LevelsAfter = len(levels)
	sc.BeforeAfter = runUpTo(sys.Levels, hints)
	return sc, nil
}

// runUpTo is the number of instructions in levels up to and including the
// last level that holds one of the given instructions.
func runUpTo(levels [][]uint32, instructions []int) int {
	at := map[uint32]bool{}
	for _, i := range instructions {
		at[uint32(i)] = true
	}
	total := 0
	for _, lv := range levels {
		total += len(lv)
		for _, i := range lv {
			delete(at, i)
		}
		if len(at) == 0 {
			return total
		}
	}
	return total
}

// dependencies are, for each solver instruction, the instructions whose
// outputs it reads, in compressed rows.
type dependencies struct {
	start []uint32 // instruction i's inputs are from[start[i]:start[i+1]]
	from  []uint32 // producing instructions
}

func (d *dependencies) inputsOf(i int) []uint32 { return d.from[d.start[i]:d.start[i+1]] }

// isHint reports whether the packed instruction pi calls the hint.
func (d *dependencies) isHint(sys *constraint.System, pi constraint.PackedInstruction, hint solver.HintID) bool {
	bp, ok := sys.Blueprints[pi.BlueprintID].(constraint.BlueprintHint)
	if !ok {
		return false
	}
	var h constraint.HintMapping
	bp.DecompressHint(&h, pi.Unpack(sys))
	return h.HintID == hint
}

// dependenciesOf replays the instructions' own account of their inputs and
// outputs (Blueprint.UpdateInstructionTree, which gnark's compiler calls to
// level them) against a tree that records, for every internal wire, the
// instruction that produced it.
func dependenciesOf(sys *constraint.System) (*dependencies, error) {
	t := &recordingTree{
		offset:   uint32(sys.GetNbPublicVariables() + sys.GetNbSecretVariables()),
		producer: make([]int32, sys.GetNbInternalVariables()),
	}
	for w := range t.producer {
		t.producer[w] = -1
	}
	d := &dependencies{start: make([]uint32, 1, len(sys.Instructions)+1)}
	for i, pi := range sys.Instructions {
		t.current = int32(i)
		t.inputs = d.from
		sys.Blueprints[pi.BlueprintID].UpdateInstructionTree(pi.Unpack(sys), t)
		if t.err != nil {
			return nil, t.err
		}
		d.from = t.inputs
		d.start = append(d.start, uint32(len(d.from)))
	}
	return d, nil
}

// recordingTree is a constraint.InstructionTree that records, while an
// instruction updates it, the producers of the internal wires it reads.
type recordingTree struct {
	offset   uint32
	producer []int32 // per internal wire, the instruction that solves it; -1 before
	current  int32
	inputs   []uint32
	err      error
}

func (t *recordingTree) HasWire(w uint32) bool {
	return w >= t.offset && w-t.offset < uint32(len(t.producer))
}

// GetWireLevel answers LevelUnset for a wire no instruction has produced
// yet (an R1C takes those as its output) and records a produced one as an
// input of the current instruction; the level itself is not used.
func (t *recordingTree) GetWireLevel(w uint32) constraint.Level {
	p := t.producer[w-t.offset]
	if p < 0 {
		return constraint.LevelUnset
	}
	if p != t.current {
		t.inputs = append(t.inputs, uint32(p))
	}
	return 0
}

func (t *recordingTree) InsertWire(w uint32, _ constraint.Level) {
	if !t.HasWire(w) {
		t.err = fmt.Errorf("proofsys: instruction %d solves wire %d, not an internal wire", t.current, w)
		return
	}
	if p := t.producer[w-t.offset]; p == t.current {
		return
	} else if p >= 0 {
		t.err = fmt.Errorf("proofsys: wire %d solved by instructions %d and %d", w, t.producer[w-t.offset], t.current)
		return
	}
	t.producer[w-t.offset] = t.current
}
