package twochain

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	mimc_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/mimc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/hash/mimc"
)

func TestSlots(t *testing.T) {
	for _, c := range []struct{ segments, slots int }{{1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {8, 8}, {9, 16}, {16, 16}, {17, 32}} {
		if got := Slots(c.segments); got != c.slots {
			t.Errorf("Slots(%d) = %d, want %d", c.segments, got, c.slots)
		}
	}
}

// slotsCircuit counts its active slots (activeSegments) and hashes, as
// the aggregator hashes its table, the count then each active slot's
// value (absorbIf).
type slotsCircuit struct {
	Active []frontend.Variable
	Values []frontend.Variable
	Count  frontend.Variable `gnark:",public"`
	Digest frontend.Variable `gnark:",public"`
}

func (c *slotsCircuit) Define(api frontend.API) error {
	k := activeSegments(api, c.Active)
	api.AssertIsEqual(k, c.Count)
	h, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	h.Write(k)
	for s, v := range c.Values {
		if err := absorbIf(api, &h, c.Active[s], v); err != nil {
			return err
		}
	}
	api.AssertIsEqual(h.Sum(), c.Digest)
	return nil
}

// mimcOf is gnark-crypto's MiMC over BW6-761's scalar field of vs.
func mimcOf(vs ...int64) *big.Int {
	h := mimc_bw6761.NewFieldHasher()
	for _, v := range vs {
		var e fr_bw6761.Element
		e.SetInt64(v)
		h.WriteElement(e)
	}
	d := h.SumElement()
	return d.BigInt(new(big.Int))
}

// weightedDigest is what slotsCircuit's digest is with the flags 1, 1, 1,
// x: the hash of 3 + x, 11, 12 and 13, moved x times the way from there to
// the state after 14 too (absorbIf's Select, with x not a bit).
func weightedDigest(t *testing.T, x int64) *big.Int {
	t.Helper()
	h := mimc_bw6761.NewFieldHasher()
	for _, v := range []int64{3 + x, 11, 12, 13} {
		var e fr_bw6761.Element
		e.SetInt64(v)
		h.WriteElement(e)
	}
	before := h.SumElement()
	var m fr_bw6761.Element
	m.SetInt64(14)
	h.WriteElement(m)
	after := h.SumElement()
	var xe, d fr_bw6761.Element
	xe.SetInt64(x)
	d.Sub(&after, &before).Mul(&d, &xe).Add(&d, &before)
	return d.BigInt(new(big.Int))
}

// TestActiveSlots: the active slots are bits, ones first, at least one;
// their count is the number of ones, and the digest is the hash of the
// count and the active slots' values alone (what the table's owner
// computes over its segments), whatever the inactive slots hold. A flag of
// 2 (a segment counted twice where the flags weigh partials) with the
// count and digest it makes, a gap, no active slot, or a digest over the
// inactive slots too are refused.
func TestActiveSlots(t *testing.T) {
	const slots = 4
	shape := &slotsCircuit{Active: make([]frontend.Variable, slots), Values: make([]frontend.Variable, slots)}
	cs, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, shape)
	if err != nil {
		t.Fatal(err)
	}
	values := []int64{11, 12, 13, 14}
	for _, c := range []struct {
		name   string
		active []int64
		count  int64
		digest *big.Int
		solved bool
	}{
		{"three of four", []int64{1, 1, 1, 0}, 3, mimcOf(3, 11, 12, 13), true},
		{"one of four", []int64{1, 0, 0, 0}, 1, mimcOf(1, 11), true},
		{"all four", []int64{1, 1, 1, 1}, 4, mimcOf(4, 11, 12, 13, 14), true},
		{"the digest over the inactive slot too", []int64{1, 1, 1, 0}, 3, mimcOf(3, 11, 12, 13, 14), false},
		{"another count", []int64{1, 1, 1, 0}, 4, mimcOf(4, 11, 12, 13), false},
		{"the last flag 2, count and digest to match", []int64{1, 1, 1, 2}, 5, weightedDigest(t, 2), false},
		{"the last flag 1, count and digest to match", []int64{1, 1, 1, 1}, 4, weightedDigest(t, 1), true},
		{"a gap", []int64{1, 0, 1, 1}, 3, mimcOf(3, 11, 13, 14), false},
		{"no active slot", []int64{0, 0, 0, 0}, 0, mimcOf(0), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := &slotsCircuit{Count: c.count, Digest: c.digest}
			for s := range slots {
				a.Active, a.Values = append(a.Active, c.active[s]), append(a.Values, values[s])
			}
			w, err := frontend.NewWitness(a, ecc.BW6_761.ScalarField())
			if err != nil {
				t.Fatal(err)
			}
			if err := cs.IsSolved(w); (err == nil) != c.solved {
				t.Fatalf("solved: %v, want %v", fmt.Sprint(err), c.solved)
			}
		})
	}
}
