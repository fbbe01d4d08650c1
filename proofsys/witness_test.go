package proofsys

import (
	"bytes"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"
)

type witnessInner struct {
	P []frontend.Variable `gnark:",public"`
	S frontend.Variable
}

type WitnessEmbedded struct {
	E []frontend.Variable
}

// witnessShapes has every shape NewWitness reads, public and secret
// leaves interleaved, so a walk in another order shows.
type witnessShapes struct {
	A     frontend.Variable
	Pub   frontend.Variable     `gnark:"pub,public"`
	Rows  [][]frontend.Variable // secret
	PubS  []frontend.Variable   `gnark:",public"`
	Pair  [2][]frontend.Variable
	Arr   [3]frontend.Variable `gnark:",secret"`
	Inner witnessInner
	Ptr   *witnessInner
	Nil   *witnessInner
	Empty []frontend.Variable
	WitnessEmbedded
	Skip   []frontend.Variable `gnark:"-"`
	Count  int
	hidden int `gnark:"-"`
}

func (*witnessShapes) Define(frontend.API) error { return nil }

func TestNewWitnessIsGnarks(t *testing.T) {
	var e fr.Element
	e.SetUint64(7)
	e.Neg(&e) // p − 7: not a small value
	big5 := big.NewInt(5)
	w := &witnessShapes{
		A:               e,
		Pub:             big.NewInt(-3),
		Rows:            [][]frontend.Variable{{1, 2, 3}, {uint64(4), "5", big5}},
		PubS:            []frontend.Variable{6, e, *big5},
		Pair:            [2][]frontend.Variable{{8}, {9, 10}},
		Arr:             [3]frontend.Variable{11, 12, &e},
		Inner:           witnessInner{P: []frontend.Variable{13, 14}, S: 15},
		Ptr:             &witnessInner{P: []frontend.Variable{16}, S: 17},
		WitnessEmbedded: WitnessEmbedded{E: []frontend.Variable{18, 19}},
		Skip:            []frontend.Variable{nil}, // skipped: never read
		Count:           20,
	}
	want, err := frontend.NewWitness(w, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	got, err := NewWitness(w)
	if err != nil {
		t.Fatal(err)
	}
	wb, _ := want.MarshalBinary()
	gb, _ := got.MarshalBinary()
	if !slices.Equal(wb, gb) {
		t.Fatalf("witness differs from gnark's:\n got %v\nwant %v", got.Vector(), want.Vector())
	}
	wantPub, err := want.Public()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := PublicValues(w)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pub, wantPub.Vector().(fr.Vector)) || len(pub) != 7 {
		t.Fatalf("public values %v, gnark's %v", pub, wantPub.Vector())
	}
	gotPub, err := got.Public()
	if err != nil {
		t.Fatal(err)
	}
	wpb, _ := wantPub.MarshalBinary()
	gpb, _ := gotPub.MarshalBinary()
	if !slices.Equal(wpb, gpb) {
		t.Fatal("public witness differs from gnark's")
	}
	// the rest of witness.Witness: gnark's encodings, both ways (JSON
	// over a struct gnark's schema reads)
	small := &challengeCircuit{C: 3, W: e}
	s, err := frontend.NewSchema(ecc.BN254.ScalarField(), small)
	if err != nil {
		t.Fatal(err)
	}
	smallWant, err := frontend.NewWitness(small, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	smallGot, err := NewWitness(small)
	if err != nil {
		t.Fatal(err)
	}
	wj, err := smallWant.ToJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if gj, err := smallGot.ToJSON(s); err != nil || !slices.Equal(gj, wj) {
		t.Fatalf("JSON differs from gnark's: %v", err)
	}
	sb, _ := smallWant.MarshalBinary()
	back := &vectorWitness{}
	if err := back.FromJSON(s, wj); err != nil {
		t.Fatal(err)
	}
	if bb, _ := back.MarshalBinary(); !slices.Equal(bb, sb) {
		t.Fatal("FromJSON: the witness read back differs")
	}
	filled := &vectorWitness{}
	values := make(chan any, 2)
	values <- 3
	values <- e
	close(values)
	if err := filled.Fill(1, 1, values); err != nil {
		t.Fatal(err)
	}
	if fb, _ := filled.MarshalBinary(); !slices.Equal(fb, sb) {
		t.Fatal("Fill: the witness differs")
	}
	for _, tc := range []struct {
		name string
		fill func(w witness.Witness) error
	}{
		{"UnmarshalBinary", func(w witness.Witness) error { return w.UnmarshalBinary(wb) }},
		{"ReadFrom", func(w witness.Witness) error { _, err := w.ReadFrom(bytes.NewReader(wb)); return err }},
	} {
		back := &vectorWitness{}
		if err := tc.fill(back); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if bb, _ := back.MarshalBinary(); !slices.Equal(bb, wb) {
			t.Fatalf("%s: the witness read back differs", tc.name)
		}
	}
}

type witnessWithMap struct {
	M map[string]frontend.Variable
}

func (*witnessWithMap) Define(frontend.API) error { return nil }

type witnessHidden struct {
	A      frontend.Variable
	hidden []frontend.Variable
}

func (*witnessHidden) Define(frontend.API) error { return nil }

type witnessConflict struct {
	In witnessInnerSecret `gnark:",public"`
}

type witnessInnerSecret struct {
	S frontend.Variable `gnark:",secret"`
}

func (*witnessConflict) Define(frontend.API) error { return nil }

func TestNewWitnessRefusesWhatItCannotRead(t *testing.T) {
	for _, tc := range []struct {
		name       string
		assignment frontend.Circuit
		want       string
	}{
		{"unassigned leaf", &witnessShapes{Rows: [][]frontend.Variable{{1, nil}}}, "A: no value assigned"},
		{"unassigned slice element", &witnessShapes{A: 1, Pub: 1, Rows: [][]frontend.Variable{{1, 2}, {3, nil}}}, "Rows.1[1]: no value assigned"},
		{"value of no field type", &witnessShapes{A: struct{}{}}, "A:"},
		{"map", &witnessWithMap{M: map[string]frontend.Variable{"a": 1}}, "M: a map"},
		{"unexported variables", &witnessHidden{A: 1}, "hidden: unexported field"},
		{"conflicting visibility", &witnessConflict{In: witnessInnerSecret{S: 1}}, "In.S: visibility differs"},
		{"not a pointer", witnessValue{}, "not a pointer to a struct"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewWitness(tc.assignment)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

type witnessValue struct{ A frontend.Variable }

func (witnessValue) Define(frontend.API) error { return nil }
