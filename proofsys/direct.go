package proofsys

import (
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	fcs "github.com/consensys/gnark/frontend/cs"

	"github.com/provensql/provensql/internal/batchmul"
)

// The BSB22 commitment hint of a gnark circuit takes every committed wire
// as an input, and gnark's solver converts each input to a big.Int, one
// after the other, before it calls the hint: for a 2^20-row segment that is
// millions of conversions in one serial step of each solve (about 0.25 s on
// the GPU machine's host, twice per proof), of values the prover already
// holds in the witness. ReadCommittedFromWitness rewrites the hint's call
// so that it takes only the committed wires the witness does not hold; the
// prover's override (commitmentHint) reads the others from the witness.

// CommitmentFromWitnessHint is the BSB22 commitment hint of a system that
// ReadCommittedFromWitness rewrote: its inputs are the commitment's index
// and the committed wires the witness does not hold. It is registered so
// that such a system names a known hint; only the provers of this package
// (SolveChallenge, SolveBN254, Groth16) can solve it, since the hint needs
// the witness, and called otherwise it fails.
func CommitmentFromWitnessHint(_ *big.Int, _, _ []*big.Int) error {
	return errors.New("groth16: this constraint system's commitment reads the witness (proofsys.ReadCommittedFromWitness): solve it with proofsys, or with gnark's prover on proofsys.WithCommitmentInputs's copy")
}

func init() { solver.RegisterHint(CommitmentFromWitnessHint) }

var (
	bsb22HintID   = solver.GetHintID(fcs.Bsb22CommitmentComputePlaceholder)
	fromWitnessID = solver.GetHintID(CommitmentFromWitnessHint)
)

// ReadCommittedFromWitness rewrites, in place, the BSB22 commitment hint
// calls of a BN254 R1CS so that each takes as inputs only the commitment's
// index and the committed wires that are not witness wires (the solver
// computes those); the constraints, the wires and so the keys are the
// same. It returns how many inputs the calls no longer take. A call whose
// inputs are not laid out as gnark's frontend lays them out (the index,
// then each hashed and each private committed wire, one term each) is left
// alone, as is a system rewritten before; other systems are not changed.
func ReadCommittedFromWitness(cs constraint.ConstraintSystem) int {
	r1cs, ok := cs.(*cs_bn254.R1CS)
	if !ok || r1cs.Type != constraint.SystemR1CS {
		return 0
	}
	info, ok := r1cs.CommitmentInfo.(constraint.Groth16Commitments)
	if !ok || len(info) == 0 {
		return 0
	}
	sys := &r1cs.System
	nbWitness := len(sys.Public) + len(sys.Secret)
	removed := 0
	for _, pi := range sys.Instructions {
		if _, ok := sys.Blueprints[pi.BlueprintID].(*constraint.BlueprintGenericHint); !ok {
			continue
		}
		start := int(pi.StartCallData)
		calldata := sys.CallData[start : start+int(sys.CallData[start])]
		if solver.HintID(calldata[1]) != bsb22HintID {
			continue
		}
		// the first input is the commitment's index, one constant term
		if calldata[2] < 1 || calldata[3] != 1 || calldata[5] != constantWire {
			continue
		}
		if int(calldata[4]) >= len(r1cs.Coefficients) {
			continue
		}
		index, ok := smallInt(&r1cs.Coefficients[calldata[4]])
		if !ok || index >= len(info) {
			continue
		}
		wires := slices.Concat(info[index].PublicAndCommitmentCommitted, info[index].PrivateCommitted)
		if n, ok := rewriteCommitmentCall(calldata, wires, nbWitness); ok {
			removed += n
			sys.MHintsDependencies[fromWitnessID] = solver.GetHintName(CommitmentFromWitnessHint)
		}
	}
	return removed
}

// constantWire is the wire ID of a constant term.
const constantWire = ^uint32(0)

// smallInt returns v as an int when it is a small non-negative integer.
func smallInt(v *fr.Element) (int, bool) {
	if !v.IsUint64() || v.Uint64() > 1<<20 {
		return 0, false
	}
	return int(v.Uint64()), true
}

// rewriteCommitmentCall rewrites one call's calldata (length, hint, input
// count, each input's term count and terms, the output range) in place,
// shorter: the index input, the inputs of non-witness wires, the output
// range, and the new length first. It returns how many inputs went, and
// false when the layout is not the expected one (the call is then left as
// it was).
func rewriteCommitmentCall(calldata []uint32, wires []int, nbWitness int) (int, bool) {
	if int(calldata[2]) != 1+len(wires) || len(calldata) != 3+3+3*len(wires)+2 {
		return 0, false
	}
	for k, w := range wires {
		j := 6 + 3*k
		if calldata[j] != 1 || calldata[j+1] != constraint.CoeffIdOne || int(calldata[j+2]) != w {
			return 0, false
		}
	}
	// out writes at or behind where the loop reads
	out := calldata[:0:len(calldata)]
	out = append(out, 0, uint32(fromWitnessID), 0, 1, calldata[4], calldata[5])
	for k, w := range wires {
		if w >= nbWitness {
			j := 6 + 3*k
			out = append(out, 1, calldata[j+1], calldata[j+2])
		}
	}
	end := len(calldata) - 2
	out = append(out, calldata[end], calldata[end+1])
	kept := (len(out) - 8) / 3
	out[0], out[2] = uint32(len(out)), uint32(1+kept)
	return len(wires) - kept, true
}

// committedValues returns commitment i's hashed and private committed
// values for the rewritten hint: each witness wire's from the witness
// vector (public then secret values, wire w at w − 1), each other one from
// the hint's inputs in order.
func committedValues(c constraint.Groth16Commitment, witness fr.Vector, in []*big.Int) (hashed, committed []fr.Element, err error) {
	nbWitness := len(witness) + 1
	values := func(wires []int, in []*big.Int) ([]fr.Element, []*big.Int, error) {
		v := make([]fr.Element, len(wires))
		// the inputs each wire takes, so the cores can split the wires
		fromInput := make([]int, len(wires))
		next := 0
		for k, w := range wires {
			fromInput[k] = -1
			if w >= nbWitness {
				if next == len(in) {
					return nil, nil, fmt.Errorf("groth16: the commitment hint has %d inputs, its wires need more", len(in))
				}
				fromInput[k] = next
				next++
			} else if w < 1 {
				return nil, nil, fmt.Errorf("groth16: committed wire %d is not a witness or solved wire", w)
			}
		}
		batchmul.Parallel(len(wires), func(lo, hi int) {
			for k := lo; k < hi; k++ {
				if j := fromInput[k]; j >= 0 {
					v[k].SetBigInt(in[j])
				} else {
					v[k] = witness[wires[k]-1]
				}
			}
		})
		return v, in[next:], nil
	}
	hashed, in, err = values(c.PublicAndCommitmentCommitted, in)
	if err != nil {
		return nil, nil, err
	}
	committed, in, err = values(c.PrivateCommitted, in)
	if err != nil {
		return nil, nil, err
	}
	if len(in) != 0 {
		return nil, nil, fmt.Errorf("groth16: the commitment hint has %d inputs more than its wires", len(in))
	}
	return hashed, committed, nil
}

// WithCommitmentInputs returns r1cs itself when ReadCommittedFromWitness
// did not rewrite it, else a copy whose commitment calls take every
// committed wire as an input again, as gnark's own provers need (they
// compute the commitment in their own hint, from its inputs). The copy
// shares all but its instructions and calldata with r1cs; it costs their
// size in memory, so a prover that needs it keeps it.
func WithCommitmentInputs(r1cs *cs_bn254.R1CS) *cs_bn254.R1CS {
	sys := &r1cs.System
	info, _ := r1cs.CommitmentInfo.(constraint.Groth16Commitments)
	var calls []int
	for k, pi := range sys.Instructions {
		if _, ok := sys.Blueprints[pi.BlueprintID].(*constraint.BlueprintGenericHint); ok && solver.HintID(sys.CallData[pi.StartCallData+1]) == fromWitnessID {
			calls = append(calls, k)
		}
	}
	if len(calls) == 0 {
		return r1cs
	}
	cp := *r1cs
	cp.Instructions = slices.Clone(sys.Instructions)
	cp.CallData = slices.Clone(sys.CallData)
	for _, k := range calls {
		start := int(sys.Instructions[k].StartCallData)
		calldata := sys.CallData[start : start+int(sys.CallData[start])]
		index, _ := smallInt(&r1cs.Coefficients[calldata[4]]) // checked by the rewrite
		wires := slices.Concat(info[index].PublicAndCommitmentCommitted, info[index].PrivateCommitted)
		at := len(cp.CallData)
		cp.CallData = append(cp.CallData, uint32(3+3+3*len(wires)+2), uint32(bsb22HintID), uint32(1+len(wires)), 1, calldata[4], calldata[5])
		for _, w := range wires {
			cp.CallData = append(cp.CallData, 1, constraint.CoeffIdOne, uint32(w))
		}
		end := len(calldata) - 2
		cp.CallData = append(cp.CallData, calldata[end], calldata[end+1])
		cp.Instructions[k].StartCallData = uint64(at)
	}
	return &cp
}
