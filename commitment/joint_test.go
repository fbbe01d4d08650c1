package commitment

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// A joint opening proves columns at z and a column at rows with two
// quotients; every claim it makes is bound: a changed value at z or at a
// row, other rows, another point z, another column's commitment, a W or H
// from elsewhere, are each refused, alone and inside a batch.
func TestJointOpening(t *testing.T) {
	srs, err := NewUnsafeSRS(32)
	if err != nil {
		t.Fatal(err)
	}
	vk := srs.VerifyingKey()
	column := func(n int, seed uint64) ([]fr.Element, Digest) {
		c := make([]fr.Element, n)
		for i := range c[:n-2] { // two padding rows
			c[i].SetUint64(seed*1000 + uint64(i*i) + 7)
		}
		d, err := srs.CommitRows(nil, n, 0, c)
		if err != nil {
			t.Fatal(err)
		}
		return c, d
	}
	sorted, sd := column(16, 1)
	a, ad := column(16, 2)
	b, bd := column(16, 3)
	wide, wd := column(32, 4) // another segment's capacity (a join's Right table)
	var z, z2 fr.Element
	z.SetUint64(123456789)
	z2.SetUint64(987654321)
	valuesAt := func(rows []uint64) []fr.Element {
		out := make([]fr.Element, len(rows))
		for k, r := range rows {
			out[k] = sorted[r]
		}
		return out
	}
	cases := []struct {
		name    string
		cols    [][]fr.Element
		digests []Digest
		rows    []uint64
	}{
		{"two columns, four rows", [][]fr.Element{a, b}, []Digest{ad, bd}, []uint64{3, 4, 9, 10}},
		{"the rows column among the columns", [][]fr.Element{sorted, a}, []Digest{sd, ad}, []uint64{0, 1, 15, 15}},
		{"columns of two lengths", [][]fr.Element{a, wide}, []Digest{ad, wd}, []uint64{7}},
		{"no column at z", nil, nil, []uint64{2, 3, 5, 6}},
		{"rows repeated", [][]fr.Element{a}, []Digest{ad}, []uint64{3, 4, 3, 4}},
		{"rows wrapping round the domain", [][]fr.Element{b}, []Digest{bd}, []uint64{15, 0, 10, 11}},
		{"two rows", [][]fr.Element{a, b}, []Digest{ad, bd}, []uint64{0, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			op, err := srs.OpenJoint(nil, tc.cols, tc.digests, z, sorted, sd, tc.rows)
			if err != nil {
				t.Fatal(err)
			}
			rowVals := valuesAt(tc.rows)
			check := func(digests []Digest, z fr.Element, rowsDigest Digest, rows []uint64, rowVals []fr.Element, op *JointOpening) error {
				c, err := JointClaim(digests, z, rowsDigest, 16, rows, rowVals, op)
				if err != nil {
					return err
				}
				return Verify(vk, c.Digests, c.Opening, c.Z)
			}
			if err := check(tc.digests, z, sd, tc.rows, rowVals, op); err != nil {
				t.Fatalf("honest opening refused: %v", err)
			}
			for j, c := range tc.cols {
				if want := EvaluateLagrange(len(c), c, z); !op.Values[j].Equal(&want) {
					t.Fatalf("value %d is not the column's evaluation at z", j)
				}
			}
			ob, wb := op.Parts()
			back, err := ParseJointOpening(ob, wb)
			if err != nil || back.W != op.W || back.H != op.H || len(back.Values) != len(op.Values) {
				t.Fatalf("parts do not round-trip: %v", err)
			}
			if _, err := ParseJointOpening(ob, wb[:31]); err == nil {
				t.Fatal("a short W parsed")
			}
			changedRow := append([]fr.Element(nil), rowVals...)
			for k, r := range tc.rows { // the first row's value, wherever the row repeats
				if r == tc.rows[0] {
					changedRow[k].SetUint64(999)
				}
			}
			moved := append([]uint64(nil), tc.rows...)
			moved[0] = (moved[0] + 5) % 16
			refused := map[string]error{
				"a changed value at a row": check(tc.digests, z, sd, tc.rows, changedRow, op),
				"the values at other rows": check(tc.digests, z, sd, moved, rowVals, op),
				"another point z":          check(tc.digests, z2, sd, tc.rows, rowVals, op),
				"another rows column":      check(tc.digests, z, ad, tc.rows, rowVals, op),
				"W and H swapped":          check(tc.digests, z, sd, tc.rows, rowVals, &JointOpening{Values: op.Values, W: op.H, H: op.W}),
			}
			if len(tc.cols) > 0 {
				changed := *op
				changed.Values = append([]fr.Element(nil), op.Values...)
				changed.Values[len(changed.Values)-1].SetUint64(5)
				refused["a changed value at z"] = check(tc.digests, z, sd, tc.rows, rowVals, &changed)
				if len(tc.digests) > 1 {
					swapped := append([]Digest{tc.digests[len(tc.digests)-1]}, tc.digests[:len(tc.digests)-1]...)
					refused["the columns' commitments reordered"] = check(swapped, z, sd, tc.rows, rowVals, op)
				}
				other, err := srs.OpenJoint(nil, tc.cols, tc.digests, z2, sorted, sd, tc.rows)
				if err != nil {
					t.Fatal(err)
				}
				refused["W of an opening at another z"] = check(tc.digests, z, sd, tc.rows, rowVals, &JointOpening{Values: op.Values, W: other.W, H: op.H})
				refused["H of an opening at another z"] = check(tc.digests, z, sd, tc.rows, rowVals, &JointOpening{Values: op.Values, W: op.W, H: other.H})
			}
			for what, err := range refused {
				if err == nil {
					t.Errorf("%s was accepted", what)
				}
			}
			// in a batch with an honest plain opening: the same verdicts
			plain, err := srs.Open(nil, [][]fr.Element{a}, []Digest{ad}, z2)
			if err != nil {
				t.Fatal(err)
			}
			honest, err := JointClaim(tc.digests, z, sd, 16, tc.rows, rowVals, op)
			if err != nil {
				t.Fatal(err)
			}
			plainClaim := Claim{Digests: []Digest{ad}, Opening: plain, Z: z2}
			if err := VerifyBatch(vk, []Claim{plainClaim, honest}); err != nil {
				t.Fatalf("honest batch refused: %v", err)
			}
			lying, err := JointClaim(tc.digests, z, sd, 16, tc.rows, changedRow, op)
			if err != nil {
				t.Fatal(err)
			}
			if VerifyBatch(vk, []Claim{plainClaim, lying}) == nil {
				t.Fatal("a batch with a changed row value was accepted")
			}
		})
	}
	// a point ζ that is z or a row's point would drop a part of the claim:
	// refused (a hash lands there with probability about 5/r)
	rowX := RowPoint(16, 3)
	for what, zeta := range map[string]fr.Element{"z": z, "a row's point": rowX} {
		if _, err := jointClaimAt(nil, z, sd, []fr.Element{rowX}, []fr.Element{sorted[3]}, z2, z2, zeta, &JointOpening{}); err == nil {
			t.Errorf("a joint claim at ζ = %s was made", what)
		}
	}
	if _, err := srs.OpenJoint(nil, nil, nil, z, sorted, sd, []uint64{16}); err == nil {
		t.Fatal("a row outside the domain was opened")
	}
	if _, err := JointClaim(nil, z, sd, 16, []uint64{3, 3}, []fr.Element{sorted[3], sorted[4]}, &JointOpening{}); err == nil {
		t.Fatal("two values claimed at one row")
	}
}

// TestJointOpeningPaths: the joint opening computed from the values over
// the domain (jointOverLagrange) commits to the same W and H as the one
// computed from coefficients (jointOverCoefficients), at S's rows too,
// where w's values come from the vanishing of q's top coefficients: the
// first and last rows, one to sixteen rows, rows repeated, no column at z, the rows column among
// the columns, and on 1 and 3 cores (uneven ranges).
func TestJointOpeningPaths(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const n = 64
	srs, err := NewUnsafeSRS(n)
	if err != nil {
		t.Fatal(err)
	}
	column := func(seed uint64) []fr.Element {
		c := make([]fr.Element, n)
		for i := range c[:n-5] {
			c[i].SetUint64(seed*7919 + uint64(i*i*i) + 3)
		}
		return c
	}
	rowsColumn, a, b := column(1), column(2), column(3)
	var z, gamma, mu fr.Element
	z.SetUint64(424242)
	gamma.SetUint64(77)
	mu.SetUint64(31337)
	cases := []struct {
		name string
		cols [][]fr.Element
		rows []uint64
	}{
		{"first and last rows", [][]fr.Element{a, b}, []uint64{0, n - 1}},
		{"one row", [][]fr.Element{a}, []uint64{17}},
		{"four rows", [][]fr.Element{a, b}, []uint64{3, 4, 40, 41}},
		{"five rows, repeated", [][]fr.Element{b}, []uint64{9, 8, 9, 30, 31, 63, 8}},
		{"sixteen rows", [][]fr.Element{a}, []uint64{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 63}},
		{"no column at z", nil, []uint64{5, 6}},
		{"the rows column among the columns", [][]fr.Element{rowsColumn, a}, []uint64{0, 1, 62, 63}},
	}
	for _, procs := range []int{1, 3} {
		runtime.GOMAXPROCS(procs)
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s, %d cores", tc.name, procs), func(t *testing.T) {
				values := make([]fr.Element, len(tc.rows))
				for k, r := range tc.rows {
					values[k] = rowsColumn[r]
				}
				_, xs, _, xRows, err := rowPoints(n, tc.rows, values)
				if err != nil {
					t.Fatal(err)
				}
				byValues := &JointOpening{Values: EvaluateColumns(tc.cols, z)}
				byCoefficients := &JointOpening{Values: byValues.Values}
				if !overLagrange(tc.cols, n, len(xs), z) {
					t.Fatal("the Lagrange path does not apply")
				}
				if err := srs.jointOverLagrange(CPU{}, byValues, tc.cols, rowsColumn, xRows, xs, z, gamma, mu); err != nil {
					t.Fatal(err)
				}
				if err := srs.jointOverCoefficients(CPU{}, byCoefficients, tc.cols, rowsColumn, xs, z, gamma, mu); err != nil {
					t.Fatal(err)
				}
				if !byValues.W.Equal(&byCoefficients.W) {
					t.Error("W differs between the paths")
				}
				if !byValues.H.Equal(&byCoefficients.H) {
					t.Error("H differs between the paths")
				}
			})
		}
	}
	if overLagrange([][]fr.Element{a, make([]fr.Element, 2*n)}, n, 2, z) || overLagrange([][]fr.Element{a}, n, 2, RowPoint(n, 3)) || overLagrange([][]fr.Element{a}, n, maxLagrangeRows+1, z) {
		t.Error("the Lagrange path taken for columns of two lengths or z in the domain")
	}
}
