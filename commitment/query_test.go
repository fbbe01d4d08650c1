package commitment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
)

// queryFixture is a small SRS with columns to open.
type queryFixture struct {
	t   *testing.T
	srs *SRS
}

func newQueryFixture(t *testing.T) *queryFixture {
	srs, err := NewUnsafeSRS(32)
	if err != nil {
		t.Fatal(err)
	}
	return &queryFixture{t, srs}
}

// column returns a column of n rows (two padding rows zero) and its digest.
func (f *queryFixture) column(n int, seed uint64) ([]fr.Element, Digest) {
	c := make([]fr.Element, n)
	for i := range c[:n-2] {
		c[i].SetUint64(seed*1000 + uint64(i*i) + 7)
	}
	d, err := f.srs.CommitRows(nil, n, 0, c)
	if err != nil {
		f.t.Fatal(err)
	}
	return c, d
}

// columnAndSorted returns a column and a rows column of 16 rows with their
// digests, and a point z.
func (f *queryFixture) columnAndSorted() (a []fr.Element, ad Digest, sorted []fr.Element, sd Digest, z fr.Element) {
	a, ad = f.column(16, 2)
	sorted, sd = f.column(16, 1)
	z.SetUint64(77)
	return a, ad, sorted, sd, z
}

// querySegment is one segment's columns and rows to open.
type querySegment struct {
	cols    [][]fr.Element
	digests []Digest
	z       fr.Element
	rowsCol []fr.Element
	rowsDig Digest
	rows    []uint64
}

// openPath is how a test opening is computed.
type openPath struct {
	coefficients bool // every part in coefficients, not over its domain
	spill        bool // the parts' polynomials in a spill file until Open
}

// open proves the segments' claims as one query opening, by path.
func (f *queryFixture) open(segs []querySegment, path openPath) (*QueryOpening, []SegmentClaim) {
	q := f.srs.NewQueryOpener(nil, len(segs))
	if path.spill {
		if err := q.SpillTo(f.t.TempDir()); err != nil {
			f.t.Fatal(err)
		}
	}
	q.forceCoefficients = path.coefficients
	for s := len(segs) - 1; s >= 0; s-- { // any order
		g := segs[s]
		if _, err := q.Add(s, g.cols, g.digests, g.z, g.rowsCol, g.rowsDig, g.rows); err != nil {
			f.t.Fatal(err)
		}
	}
	op, err := q.Open()
	if err != nil {
		f.t.Fatal(err)
	}
	return op, q.Claims()
}

// check verifies a query opening of claims.
func (f *queryFixture) check(claims []SegmentClaim, op *QueryOpening) error {
	return verifyQuery(f.srs.VerifyingKey(), claims, op)
}

// verifyQuery checks a query opening of claims against vk.
func verifyQuery(vk kzg.VerifyingKey, claims []SegmentClaim, op *QueryOpening) error {
	c, err := QueryClaim(claims, op)
	if err != nil {
		return err
	}
	return Verify(vk, c.Digests, c.Opening, c.Z)
}

// cloneClaims copies claims deeply enough to change one value.
func cloneClaims(claims []SegmentClaim) []SegmentClaim {
	out := make([]SegmentClaim, len(claims))
	for s, c := range claims {
		c.Digests = append([]Digest(nil), c.Digests...)
		c.Values = append([]fr.Element(nil), c.Values...)
		c.Rows = append([]uint64(nil), c.Rows...)
		c.RowValues = append([]fr.Element(nil), c.RowValues...)
		out[s] = c
	}
	return out
}

// TestQueryOpening: one query opening proves every segment's claims —
// columns at the segment's z, a column at rows of its domain, or both,
// over domains of one size or several — and each claim is bound: a
// changed value at z or at a row, another row, another z, another
// column's commitment, segments swapped or dropped, a W or H from
// elsewhere, are each refused. The opening computed from values over the
// domain is the one computed from coefficients, and the one computed with
// the polynomials spilled to disk.
func TestQueryOpening(t *testing.T) {
	f := newQueryFixture(t)
	sorted, sd := f.column(16, 1)
	a, ad := f.column(16, 2)
	b, bd := f.column(16, 3)
	sorted2, sd2 := f.column(16, 4)
	c, cd := f.column(16, 5)
	wide, wd := f.column(32, 6) // another segment's capacity (a join's Right table)
	var z1, z2 fr.Element
	z1.SetUint64(123456789)
	z2.SetUint64(987654321)
	window := func(cols [][]fr.Element, ds []Digest, z fr.Element, rc []fr.Element, rd Digest, rows ...uint64) querySegment {
		return querySegment{cols, ds, z, rc, rd, rows}
	}
	cases := []struct {
		name string
		segs []querySegment
	}{
		{"one segment, two columns and four rows", []querySegment{window([][]fr.Element{a, b}, []Digest{ad, bd}, z1, sorted, sd, 3, 4, 9, 10)}},
		{"two segments with windows", []querySegment{
			window([][]fr.Element{a, b}, []Digest{ad, bd}, z1, sorted, sd, 3, 4, 9, 10),
			window([][]fr.Element{c, b}, []Digest{cd, bd}, z2, sorted2, sd2, 0, 1, 15, 15),
		}},
		{"three segments, columns only", []querySegment{
			window([][]fr.Element{a}, []Digest{ad}, z1, nil, Digest{}),
			window([][]fr.Element{b, c}, []Digest{bd, cd}, z2, nil, Digest{}),
			window([][]fr.Element{c}, []Digest{cd}, z1, nil, Digest{}),
		}},
		{"rows only", []querySegment{window(nil, nil, z1, sorted, sd, 2, 3, 5, 6), window(nil, nil, z2, sorted2, sd2, 15, 0)}},
		{"columns of two lengths", []querySegment{
			window([][]fr.Element{a, wide}, []Digest{ad, wd}, z1, sorted, sd, 7),
			window([][]fr.Element{b}, []Digest{bd}, z2, sorted2, sd2, 8, 9),
		}},
		{"more rows than the values' path takes", []querySegment{
			window([][]fr.Element{a}, []Digest{ad}, z1, sorted, sd, 1, 2),
			window(nil, nil, z2, wide, wd, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			op, claims := f.open(tc.segs, openPath{})
			if err := f.check(claims, op); err != nil {
				t.Fatalf("honest opening: %v", err)
			}
			back, err := ParseQueryOpening(op.Bytes())
			if err != nil || *back != *op {
				t.Fatalf("opening round trip: %v", err)
			}
			for _, path := range []openPath{{coefficients: true}, {spill: true}, {coefficients: true, spill: true}} {
				if other, _ := f.open(tc.segs, path); *other != *op {
					t.Fatalf("the opening by path %+v differs from the one from values in memory", path)
				}
			}
			// the same segments at z2 and z1 swapped: an opening of other claims
			other := append([]querySegment(nil), tc.segs...)
			for s := range other {
				other[s].z.Add(&other[s].z, &z2)
			}
			otherOp, _ := f.open(other, openPath{})
			var dropped []SegmentClaim // set by an edit that drops a segment
			edits := map[string]func(c []SegmentClaim, op *QueryOpening){
				"W from another opening": func(c []SegmentClaim, op *QueryOpening) { op.W = otherOp.W },
				"H from another opening": func(c []SegmentClaim, op *QueryOpening) { op.H = otherOp.H },
				"W and H swapped":        func(c []SegmentClaim, op *QueryOpening) { op.W, op.H = op.H, op.W },
				"the first segment dropped": func(c []SegmentClaim, op *QueryOpening) {
					if len(c) > 1 {
						dropped = c[1:]
					} else {
						op.H = op.W
					}
				},
				"the last segment's z": func(c []SegmentClaim, op *QueryOpening) { c[len(c)-1].Z.Add(&c[len(c)-1].Z, &z1) },
			}
			last := len(claims) - 1
			if len(claims[last].Values) > 0 {
				edits["the last segment's value at z"] = func(c []SegmentClaim, op *QueryOpening) {
					c[last].Values[0].Add(&c[last].Values[0], &z1)
				}
				edits["another column's commitment"] = func(c []SegmentClaim, op *QueryOpening) { c[last].Digests[0] = sd }
			}
			if len(claims[0].Rows) > 0 {
				edits["the first segment's value at a row"] = func(c []SegmentClaim, op *QueryOpening) {
					c[0].RowValues[0].SetUint64(5)
				}
				edits["another row"] = func(c []SegmentClaim, op *QueryOpening) { c[0].Rows[0]++ }
				edits["another rows column"] = func(c []SegmentClaim, op *QueryOpening) { c[0].RowsDigest = ad }
			}
			if len(claims) > 1 {
				edits["segments swapped"] = func(c []SegmentClaim, op *QueryOpening) { c[0], c[1] = c[1], c[0] }
			}
			for name, edit := range edits {
				changed, changedOp := cloneClaims(claims), *op
				dropped = nil
				edit(changed, &changedOp)
				if dropped != nil {
					changed = dropped
				}
				if err := f.check(changed, &changedOp); err == nil {
					t.Errorf("%s: verified", name)
				}
			}
		})
	}
}

// TestQueryOpeningRefuses: malformed claims and openings are errors, not
// panics or false acceptances.
func TestQueryOpeningRefuses(t *testing.T) {
	f := newQueryFixture(t)
	a, ad, sorted, sd, z := f.columnAndSorted()
	q := f.srs.NewQueryOpener(nil, 2)
	if _, err := q.Add(0, [][]fr.Element{a}, []Digest{ad}, z, nil, Digest{}, nil); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"added twice":         {errOf(q.Add(0, [][]fr.Element{a}, []Digest{ad}, z, nil, Digest{}, nil)), "added twice"},
		"outside the query":   {errOf(q.Add(2, [][]fr.Element{a}, []Digest{ad}, z, nil, Digest{}, nil)), "of a query opening over 2"},
		"a row outside":       {errOf(q.Add(1, nil, nil, z, sorted, sd, []uint64{16})), "outside a domain of 16 rows"},
		"two values at a row": {errOf2(QueryClaim([]SegmentClaim{{Z: z, RowsDigest: sd, N: 16, Rows: []uint64{3, 3}, RowValues: []fr.Element{sorted[3], sorted[4]}}}, &QueryOpening{})), "two values claimed at one row"},
		"nothing claimed":     {errOf2(QueryClaim([]SegmentClaim{{Z: z}}, &QueryOpening{})), "no column and no row"},
		"no segment":          {errOf2(QueryClaim(nil, &QueryOpening{})), "no segment claim"},
		"values short":        {errOf2(QueryClaim([]SegmentClaim{{Z: z, Digests: []Digest{ad}}}, &QueryOpening{})), "1 digests but 0 claimed values"},
		"a segment missing":   {errOf3(q.Open()), "segment 1's claim not added"},
		"short bytes":         {errOf3(ParseQueryOpening(make([]byte, 63))), "of 63 bytes"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", name, c.err, c.want)
		}
	}
}

// TestQueryOpeningDegeneratePoint: a ζ at a segment's z or at one of its
// rows' points would drop that part of the claim: it is an error.
func TestQueryOpeningDegeneratePoint(t *testing.T) {
	f := newQueryFixture(t)
	a, ad, sorted, sd, z := f.columnAndSorted()
	c := SegmentClaim{Digests: []Digest{ad}, Z: z, Values: EvaluateColumns([][]fr.Element{a}, z), RowsDigest: sd, N: 16, Rows: []uint64{3}, RowValues: []fr.Element{sorted[3]}}
	ch, err := c.challenges()
	if err != nil {
		t.Fatal(err)
	}
	for name, zeta := range map[string]fr.Element{"z": z, "a row's point": RowPoint(16, 3)} {
		if _, _, _, err := claimWeights(&c, &ch, fr.One(), zeta); err == nil || !strings.Contains(err.Error(), "query opening's point ζ is") {
			t.Errorf("ζ at %s: got %v", name, err)
		}
	}
	var other fr.Element
	other.SetUint64(78)
	if _, _, _, err := claimWeights(&c, &ch, fr.One(), other); err != nil {
		t.Fatal(err)
	}
}

func errOf(_ []fr.Element, err error) error   { return err }
func errOf2(_ Claim, err error) error         { return err }
func errOf3(_ *QueryOpening, err error) error { return err }

// TestQueryOpeningSpill: a spilling opener keeps no segment polynomial in
// memory between Add and Open, leaves no file behind, and says what went
// wrong where its file or its use is wrong.
func TestQueryOpeningSpill(t *testing.T) {
	f := newQueryFixture(t)
	a, ad, sorted, sd, z := f.columnAndSorted()
	add := func(q *QueryOpener, s int) error {
		_, err := q.Add(s, [][]fr.Element{a}, []Digest{ad}, z, sorted, sd, []uint64{2, 3})
		return err
	}
	dir := t.TempDir()

	q := f.srs.NewQueryOpener(nil, 2)
	if err := q.SpillTo(dir); err != nil {
		t.Fatal(err)
	}
	if err := q.SpillTo(dir); err == nil {
		t.Fatal("SpillTo twice accepted")
	}
	for s := 0; s < 2; s++ {
		if err := add(q, s); err != nil {
			t.Fatal(err)
		}
		if p := q.parts[s]; !p.spilled || p.w != nil || p.p != nil || p.f != nil {
			t.Fatalf("segment %d's polynomials still in memory after Add", s)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("the spill file is visible in %s: %v", dir, entries)
	}
	op, err := q.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.check(q.Claims(), op); err != nil {
		t.Fatalf("spilled opening: %v", err)
	}

	late := f.srs.NewQueryOpener(nil, 2)
	if err := add(late, 0); err != nil {
		t.Fatal(err)
	}
	if err := late.SpillTo(dir); err == nil {
		t.Fatal("SpillTo after Add accepted")
	}

	for name, spoil := range map[string]func(q *QueryOpener){
		"the file cut short": func(q *QueryOpener) {
			if err := q.spill.f.Truncate(100); err != nil {
				t.Fatal(err)
			}
		},
		"closed before Open": func(q *QueryOpener) {
			if err := q.Close(); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			q := f.srs.NewQueryOpener(nil, 2)
			if err := q.SpillTo(dir); err != nil {
				t.Fatal(err)
			}
			for s := 0; s < 2; s++ {
				if err := add(q, s); err != nil {
					t.Fatal(err)
				}
			}
			spoil(q)
			if _, err := q.Open(); err == nil || !strings.Contains(err.Error(), "segment 0") {
				t.Fatalf("want an error naming segment 0, got %v", err)
			}
		})
	}

	if err := f.srs.NewQueryOpener(nil, 1).SpillTo(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "spill file") {
		t.Fatalf("a spill directory that does not exist: %v", err)
	}
}
