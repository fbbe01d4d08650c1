package proofsys

import (
	"fmt"

	"github.com/consensys/gnark/constraint"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	cs_bw6761 "github.com/consensys/gnark/constraint/bw6-761"
)

// Orientation is what OrientFactors did to a constraint system: how many
// products it turned round, and the distinct wires on each side of the
// products before and after. A Groth16 proving key holds one G1 point per
// wire found in some L (A's MSM) and one G1 and one G2 point per wire found
// in some R (B's two MSMs), so every proof pays for Right wires about three
// times what it pays for Left ones.
type Orientation struct {
	Flipped                   int
	LeftBefore, RightBefore   int
	LeftAfter, RightAfter     int
	Constraints, Instructions int
}

// costOfRight is what a wire on the R side costs against one on the L side:
// a G1 and a G2 point (a G2 point costs about two G1 points in an MSM) for
// one G1 point.
const costOfRight = 3

// maxOrientPasses bounds the local search; each pass only takes flips that
// lower the cost, so it ends on its own well before.
const maxOrientPasses = 8

// OrientFactors turns round the factors of the R1CS products L·R = O (gnark's
// generic R1C instructions) where that lowers the proving key's MSM sizes:
// fewer distinct wires on the R side, whose points are in G1 and G2, at the
// cost of some more on the L side, in G1 only. A product is the same
// product with its factors swapped, so the constraint system accepts
// exactly the same witnesses; the solver solves an R1C from whichever
// side holds its unknown wire. It is a local search: constraint by
// constraint, a swap is kept when it lowers Left + 3·Right, until a pass
// keeps none, from two starts (the circuit's orientation, and each
// product's more shared factor on the R side), the better one kept. It is
// deterministic, so a circuit compiles to the same constraint system (and
// keys) every time. Constraint systems other than R1CS over BN254,
// BLS12-377 or BW6-761 are returned unchanged.
func OrientFactors(cs constraint.ConstraintSystem) (Orientation, error) {
	sys := r1csSystem(cs)
	if sys == nil {
		return Orientation{}, nil
	}
	nbWires := sys.GetNbPublicVariables() + sys.GetNbSecretVariables() + sys.GetNbInternalVariables()
	// the generic R1Cs, each as its calldata: [size, len L, len R, len O, L, R, O]
	// with every term a (coefficient, wire) pair
	var products []uint32
	for _, inst := range sys.Instructions {
		if _, ok := sys.Blueprints[inst.BlueprintID].(*constraint.BlueprintGenericR1C); !ok {
			continue
		}
		start := int(inst.StartCallData)
		if start+4 > len(sys.CallData) {
			return Orientation{}, fmt.Errorf("proofsys: R1C calldata at %d past the end (%d)", start, len(sys.CallData))
		}
		size := int(sys.CallData[start])
		nL, nR, nO := int(sys.CallData[start+1]), int(sys.CallData[start+2]), int(sys.CallData[start+3])
		if size != 4+2*(nL+nR+nO) || start+size > len(sys.CallData) {
			return Orientation{}, fmt.Errorf("proofsys: R1C calldata at %d is not gnark's generic layout", start)
		}
		for k := start + 4; k < start+4+2*(nL+nR); k += 2 {
			if w := int(sys.CallData[k+1]); w >= nbWires {
				return Orientation{}, fmt.Errorf("proofsys: R1C at %d names wire %d of %d", start, w, nbWires)
			}
		}
		products = append(products, uint32(start))
	}
	o := Orientation{Constraints: sys.GetNbConstraints(), Instructions: len(products)}
	// Two starts for the local search, the better kept: the circuit's own
	// orientation, and each product with its more shared factor (the one
	// whose wires occur in more products) on the R side, which reaches
	// orientations no single swap from the first can (a factor shared by
	// every row costs its R wire once, paid by the first row that moves it).
	var best []bool
	bestCost := 0
	for _, start := range [][]bool{make([]bool, len(products)), sharedOnRight(sys.CallData, products, nbWires)} {
		s := sides{left: make([]int32, nbWires), right: make([]int32, nbWires)}
		for i, p := range products {
			s.count(sys.CallData, int(p), start[i], +1)
		}
		if best == nil {
			o.LeftBefore, o.RightBefore = s.nLeft, s.nRight
		}
		s.descend(sys.CallData, products, start)
		if best == nil || s.cost() < bestCost {
			best, bestCost = start, s.cost()
			o.LeftAfter, o.RightAfter = s.nLeft, s.nRight
		}
	}
	flipped := best
	scratch := make([]uint32, 0, 64)
	for i, f := range flipped {
		if f {
			scratch = swap(sys.CallData, int(products[i]), scratch)
			o.Flipped++
		}
	}
	return o, nil
}

// sharedOnRight orients each product with the factor whose wires occur in
// more products on the R side: a factor's score is Σ 1/occurrences over its
// wires, what its R wires would cost if every product naming them put them
// there.
func sharedOnRight(calldata []uint32, products []uint32, nbWires int) []bool {
	occurs := make([]int32, nbWires)
	for _, p := range products {
		nL, nR := int(calldata[p+1]), int(calldata[p+2])
		for k := range nL + nR {
			occurs[calldata[int(p)+4+2*k+1]]++
		}
	}
	score := func(from, n int) float64 {
		var s float64
		for k := range n {
			s += 1 / float64(occurs[calldata[from+2*k+1]])
		}
		return s
	}
	flipped := make([]bool, len(products))
	for i, p := range products {
		nL, nR := int(calldata[p+1]), int(calldata[p+2])
		terms := int(p) + 4
		flipped[i] = score(terms, nL) < score(terms+2*nL, nR)
	}
	return flipped
}

// descend is the local search from the orientation flipped (which it
// updates): a swap is kept when it lowers the cost, until a pass keeps none.
func (s *sides) descend(calldata []uint32, products []uint32, flipped []bool) {
	for range maxOrientPasses {
		kept := 0
		for i, p := range products {
			before := s.cost()
			s.count(calldata, int(p), flipped[i], -1)
			s.count(calldata, int(p), !flipped[i], +1)
			if s.cost() < before {
				flipped[i] = !flipped[i]
				kept++
				continue
			}
			s.count(calldata, int(p), !flipped[i], -1)
			s.count(calldata, int(p), flipped[i], +1)
		}
		if kept == 0 {
			return
		}
	}
}

// sides counts, for each wire, the products naming it on the L and on the
// R side, and how many wires have a count above zero on each.
type sides struct {
	left, right   []int32
	nLeft, nRight int
}

func (s *sides) cost() int { return s.nLeft + costOfRight*s.nRight }

// count adds d to the counts of the wires of the R1C at start, its factors
// swapped if flipped.
func (s *sides) count(calldata []uint32, start int, flipped bool, d int) {
	nL, nR := int(calldata[start+1]), int(calldata[start+2])
	terms := start + 4
	left, right, nLeft, nRight := s.left, s.right, &s.nLeft, &s.nRight
	if flipped {
		left, right, nLeft, nRight = right, left, nRight, nLeft
	}
	for k := range nL {
		*nLeft += bump(left, calldata[terms+2*k+1], d)
	}
	for k := range nR {
		*nRight += bump(right, calldata[terms+2*(nL+k)+1], d)
	}
}

// bump adds d to counts[w] and returns how the number of non-zero counts
// changed.
func bump(counts []int32, w uint32, d int) int {
	was := counts[w]
	counts[w] += int32(d)
	switch {
	case was == 0 && counts[w] != 0:
		return 1
	case was != 0 && counts[w] == 0:
		return -1
	}
	return 0
}

// swap turns the R1C at start from L·R = O into R·L = O in place (the
// calldata keeps its size), through scratch, which it returns for reuse.
func swap(calldata []uint32, start int, scratch []uint32) []uint32 {
	nL, nR := int(calldata[start+1]), int(calldata[start+2])
	terms := calldata[start+4 : start+4+2*(nL+nR)]
	scratch = append(append(scratch[:0], terms[2*nL:]...), terms[:2*nL]...)
	copy(terms, scratch)
	calldata[start+1], calldata[start+2] = uint32(nR), uint32(nL)
	return scratch
}

// r1csSystem returns the generic part of an R1CS over BN254, BLS12-377 or
// BW6-761 (the curves this module proves over), nil for anything else:
// gnark's PLONK systems of a curve share its R1CS's Go type, hence the
// Type check.
func r1csSystem(cs constraint.ConstraintSystem) *constraint.System {
	var sys *constraint.System
	switch r := cs.(type) {
	case *cs_bn254.R1CS:
		sys = &r.System
	case *cs_bls12377.R1CS:
		sys = &r.System
	case *cs_bw6761.R1CS:
		sys = &r.System
	}
	if sys == nil || sys.Type != constraint.SystemR1CS {
		return nil
	}
	return sys
}
