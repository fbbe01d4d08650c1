package proofsys

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"
)

// Schedule is what ScheduleSolve did to a constraint system's
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

// ScheduleSolve reorders the solver levels of an R1CS (over BN254,
// BLS12-377 or BW6-761; other systems are left as they are) in two ways,
// changing only the order: the constraints, the wires and so the keys are
// the same, and each instruction still comes after every instruction whose
// outputs it reads.
//
//   - The instructions a hint's inputs depend on — for ProvenSQL's circuits
//     the commitment challenge Z, which circuits.CaptureHint reads — are
//     solved first, and every other instruction after the hint. gnark's
//     solver runs the levels in order; a prover's first pass, which solves
//     up to Z and stops there, so no longer solves what does not lead to Z
//     (a query's per-row filters and aggregates, the link's quotients),
//     which the second pass, the proof's, solves anyway. A system without
//     the hint keeps its levels.
//   - Every level's instructions are ordered so that each kind (R1Cs, and
//     each hint) is spread evenly over it. The solver gives each of its
//     tasks a contiguous run of a level, and a level holds its
//     instructions in the order the circuit made them: a circuit's hints
//     (an inverse per row, the link's batches of quotients) sat together
//     at the end of their level, where one task solved all of them while
//     the others waited.
func ScheduleSolve(cs constraint.ConstraintSystem, hint solver.HintID) (Schedule, error) {
	sys := r1csSystem(cs)
	if sys == nil {
		return Schedule{}, nil
	}
	sc, err := scheduleChallengeFirst(sys, hint)
	if err != nil {
		return Schedule{}, err
	}
	spreadKinds(sys)
	return sc, nil
}

// scheduleChallengeFirst relevels sys so that what the hint depends on
// comes first and everything else after it (ScheduleSolve).
func scheduleChallengeFirst(sys *constraint.System, hint solver.HintID) (Schedule, error) {
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
		if id, ok := hintOf(sys, pi); ok && id == hint {
			cone[i] = true
			stack = append(stack, i)
		}
	}
	if len(stack) == 0 {
		sc.LevelsAfter = sc.LevelsBefore
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

// hintOf returns the hint the packed instruction pi calls, if it calls one.
func hintOf(sys *constraint.System, pi constraint.PackedInstruction) (solver.HintID, bool) {
	switch bp := sys.Blueprints[pi.BlueprintID].(type) {
	case *constraint.BlueprintGenericHint: // calldata: size, hint id, inputs…
		return solver.HintID(sys.CallData[pi.StartCallData+1]), true
	case constraint.BlueprintHint:
		var h constraint.HintMapping
		bp.DecompressHint(&h, pi.Unpack(sys))
		return h.HintID, true
	}
	return 0, false
}

// spreadKinds orders every level of sys so that the instructions of each
// kind — a blueprint, and a hint for hint instructions — are spread evenly
// over it: the k-th of a level's c instructions of a kind goes to
// position (k + 1/2)/c of the level, ties kept in their order. Any
// contiguous run of a level then holds about its share of every kind.
func spreadKinds(sys *constraint.System) {
	type kind struct {
		blueprint constraint.BlueprintID
		hint      solver.HintID
	}
	type placed struct {
		at float64
		i  uint32
	}
	var buf []placed
	for _, lv := range sys.Levels {
		kinds := make([]kind, len(lv))
		count := map[kind]int{}
		for k, i := range lv {
			pi := sys.Instructions[i]
			h, _ := hintOf(sys, pi)
			kinds[k] = kind{pi.BlueprintID, h}
			count[kinds[k]]++
		}
		if len(count) < 2 {
			continue
		}
		seen := make(map[kind]int, len(count))
		buf = buf[:0]
		for k, i := range lv {
			c := kinds[k]
			buf = append(buf, placed{(float64(seen[c]) + 0.5) / float64(count[c]), i})
			seen[c]++
		}
		slices.SortStableFunc(buf, func(a, b placed) int { return cmp.Compare(a.at, b.at) })
		for k := range lv {
			lv[k] = buf[k].i
		}
	}
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
