package proofsys

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/schema"
)

// NewWitness returns the full BN254 witness of a circuit assignment: the
// vector frontend.NewWitness builds (public values, then secret ones, each
// in the order of the struct's fields and their elements), read in one
// reflective pass over fields and slices instead of three passes that hand
// gnark's witness every value through a channel — at 2^20 rows that was
// most of a proof's witness time, on one core — and its Vector() is the
// vector as built, not decoded again from gnark's encoding. Its encodings
// (WriteTo, MarshalBinary, ToJSON) are gnark's.
//
// The assignment is a pointer to a struct whose leaves are
// frontend.Variable fields, slices and arrays of them (nested any depth),
// and exported structs of those; fields tagged `gnark:"-"` are skipped and
// `gnark:",public"` / `gnark:",secret"` set a field's visibility (secret
// when unset), as gnark reads them. Anything else that could hold a
// Variable (a map, an unexported field) is an error, as is a value that is
// not a field element, naming the leaf.
func NewWitness(assignment frontend.Circuit) (witness.Witness, error) {
	vec, nbPublic, err := assignmentValues(assignment, false)
	if err != nil {
		return nil, err
	}
	return &vectorWitness{vec: vec, nbPublic: nbPublic}, nil
}

// vectorWitness is a BN254 witness.Witness over a vector built in place:
// the solver reads Vector(), which hands it the vector itself (gnark's
// own witness would decode it element by element from its binary
// encoding); the encodings and the rest go through gnark's witness.
type vectorWitness struct {
	vec      fr.Vector
	nbPublic int
}

var _ witness.Witness = (*vectorWitness)(nil)

// Vector implements witness.Witness: the fr.Vector, public values first.
func (w *vectorWitness) Vector() any { return w.vec }

// Public implements witness.Witness.
func (w *vectorWitness) Public() (witness.Witness, error) {
	return &vectorWitness{vec: append(fr.Vector(nil), w.vec[:w.nbPublic]...), nbPublic: w.nbPublic}, nil
}

// WriteTo implements io.WriterTo with gnark's binary encoding.
func (w *vectorWitness) WriteTo(wr io.Writer) (int64, error) {
	return io.Copy(wr, w.encoding())
}

// MarshalBinary implements encoding.BinaryMarshaler (gnark's encoding).
func (w *vectorWitness) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	_, err := w.WriteTo(&b)
	return b.Bytes(), err
}

// gnark returns the witness as gnark's own.
func (w *vectorWitness) gnark() (witness.Witness, error) {
	g, err := witness.New(ecc.BN254.ScalarField())
	if err != nil {
		return nil, err
	}
	if _, err := g.ReadFrom(w.encoding()); err != nil {
		return nil, err
	}
	return g, nil
}

// from takes the vector and public count of g, a gnark witness that fn fills.
func (w *vectorWitness) from(fn func(g witness.Witness) error) error {
	g, err := witness.New(ecc.BN254.ScalarField())
	if err != nil {
		return err
	}
	if err := fn(g); err != nil {
		return err
	}
	pub, err := g.Public()
	if err != nil {
		return err
	}
	vec, ok := g.Vector().(fr.Vector)
	pv, ok2 := pub.Vector().(fr.Vector)
	if !ok || !ok2 {
		return fmt.Errorf("proofsys: witness of a field other than BN254's")
	}
	w.vec, w.nbPublic = vec, len(pv)
	return nil
}

// ReadFrom implements io.ReaderFrom (gnark's encoding).
func (w *vectorWitness) ReadFrom(r io.Reader) (n int64, err error) {
	err = w.from(func(g witness.Witness) error { n, err = g.ReadFrom(r); return err })
	return n, err
}

// UnmarshalBinary implements encoding.BinaryUnmarshaler (gnark's encoding).
func (w *vectorWitness) UnmarshalBinary(b []byte) error {
	return w.from(func(g witness.Witness) error { return g.UnmarshalBinary(b) })
}

// ToJSON implements witness.Witness through gnark's witness.
func (w *vectorWitness) ToJSON(s *schema.Schema) ([]byte, error) {
	g, err := w.gnark()
	if err != nil {
		return nil, err
	}
	return g.ToJSON(s)
}

// FromJSON implements witness.Witness through gnark's witness.
func (w *vectorWitness) FromJSON(s *schema.Schema, data []byte) error {
	return w.from(func(g witness.Witness) error { return g.FromJSON(s, data) })
}

// Fill implements witness.Witness through gnark's witness.
func (w *vectorWitness) Fill(nbPublic, nbSecret int, values <-chan any) error {
	return w.from(func(g witness.Witness) error { return g.Fill(nbPublic, nbSecret, values) })
}

// PublicValues returns an assignment's public values in witness order
// (what frontend.NewWitness with frontend.PublicOnly holds), without
// reading a secret leaf.
func PublicValues(assignment frontend.Circuit) (fr.Vector, error) {
	pub, _, err := assignmentValues(assignment, true)
	return pub, err
}

// encoding streams w as gnark's binary witness encoding: the public and
// secret counts and the vector's length (big-endian uint32s), then each
// element in 32 big-endian bytes, encoded as it is read (no copy of the
// encoding is held).
func (w *vectorWitness) encoding() io.Reader {
	h := make([]byte, 12)
	binary.BigEndian.PutUint32(h[0:], uint32(w.nbPublic))
	binary.BigEndian.PutUint32(h[4:], uint32(len(w.vec)-w.nbPublic))
	binary.BigEndian.PutUint32(h[8:], uint32(len(w.vec)))
	return &vectorReader{header: h, vec: w.vec}
}

// vectorReader reads a header, then a vector's elements encoded.
type vectorReader struct {
	header []byte
	vec    fr.Vector
	next   int    // the next element
	rest   []byte // the encoded element being read, what is left of it
	buf    [fr.Bytes]byte
}

// Read implements io.Reader.
func (r *vectorReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case len(r.header) > 0:
			k := copy(p[n:], r.header)
			r.header = r.header[k:]
			n += k
		case len(r.rest) > 0:
			k := copy(p[n:], r.rest)
			r.rest = r.rest[k:]
			n += k
		case r.next < len(r.vec):
			e := &r.vec[r.next]
			r.next++
			if len(p)-n >= fr.Bytes { // straight into p
				fr.BigEndian.PutElement((*[fr.Bytes]byte)(p[n:n+fr.Bytes]), *e)
				n += fr.Bytes
				continue
			}
			fr.BigEndian.PutElement(&r.buf, *e)
			r.rest = r.buf[:]
		default:
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
	}
	return n, nil
}

type visibility int

const (
	unset visibility = iota
	secret
	public
)

// assignmentValues walks assignment as gnark's schema does and returns
// its values in one vector, the nbPublic public ones first (and only
// those when publicOnly).
func assignmentValues(assignment frontend.Circuit, publicOnly bool) (vec fr.Vector, nbPublic int, err error) {
	v := reflect.ValueOf(assignment)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, 0, fmt.Errorf("proofsys: witness: assignment of type %T, not a pointer to a struct", assignment)
	}
	// count first (a slice's length at a time), so the vector is allocated once
	c := collector{publicOnly: publicOnly, counting: true}
	if err := c.walk(v.Elem(), unset, nil); err != nil {
		return nil, 0, fmt.Errorf("proofsys: witness: %w", err)
	}
	c.counting = false
	n := c.nbPublic
	if !publicOnly {
		n += c.nbSecret
	}
	vec = make(fr.Vector, n)
	// the public values fill vec[:nbPublic], the secret ones the rest (a
	// full slice expression: neither can append past its part)
	c.pub, c.sec = vec[:0:c.nbPublic], vec[c.nbPublic:c.nbPublic]
	if err := c.walk(v.Elem(), unset, nil); err != nil {
		return nil, 0, fmt.Errorf("proofsys: witness: %w", err)
	}
	if len(c.pub) != c.nbPublic || len(c.pub)+len(c.sec) != n {
		return nil, 0, fmt.Errorf("proofsys: witness: %d public and %d secret values for %d and %d leaves", len(c.pub), len(c.sec), c.nbPublic, c.nbSecret)
	}
	return vec, c.nbPublic, nil
}

var variableType = reflect.TypeFor[frontend.Variable]()

type collector struct {
	publicOnly         bool
	counting           bool
	nbPublic, nbSecret int
	pub, sec           fr.Vector
}

// walk visits v, a value of visibility vis at path, in gnark's order:
// struct fields as declared, elements in index order.
func (c *collector) walk(v reflect.Value, vis visibility, path []string) error {
	t := v.Type()
	switch {
	case t == variableType:
		return c.leaves(v, false, vis, path)
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t.Elem() == variableType:
		return c.leaves(v, true, vis, path)
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return c.walk(v.Elem(), vis, path)
	case reflect.Struct:
		for i := range t.NumField() {
			sf := t.Field(i)
			tag, tagged := sf.Tag.Lookup("gnark")
			if tagged && tag == "-" {
				continue
			}
			fv := vis // a field's visibility: its tag's ("name,opts"; secret first, as gnark), else its parent's
			_, opts, _ := strings.Cut(tag, ",")
			switch {
			case hasOption(opts, "secret"):
				fv = secret
			case hasOption(opts, "public"):
				fv = public
			}
			if vis != unset && fv != vis {
				return fmt.Errorf("%s: visibility differs from its parent's", strings.Join(append(path, sf.Name), "."))
			}
			if !sf.IsExported() {
				if mayHoldVariables(sf.Type) {
					return fmt.Errorf("%s: unexported field without gnark:\"-\"", strings.Join(append(path, sf.Name), "."))
				}
				continue
			}
			if err := c.walk(v.Field(i), fv, append(path, sf.Name)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := c.walk(v.Index(i), vis, append(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	case reflect.Map, reflect.Interface:
		if mayHoldVariables(t) {
			return fmt.Errorf("%s: a %s is not supported in an assignment", strings.Join(path, "."), t)
		}
	}
	return nil
}

// hasOption tells whether a gnark tag's comma-separated options include o.
func hasOption(opts, o string) bool {
	for _, x := range strings.Split(opts, ",") {
		if strings.TrimSpace(x) == o {
			return true
		}
	}
	return false
}

// mayHoldVariables tells whether a value of type t can contain a
// frontend.Variable.
func mayHoldVariables(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return mayHoldVariables(t.Elem()) || t.Kind() == reflect.Map && mayHoldVariables(t.Key())
	case reflect.Struct:
		for i := range t.NumField() {
			if mayHoldVariables(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// leaves records one Variable (block false) or a slice or array of them.
func (c *collector) leaves(v reflect.Value, block bool, vis visibility, path []string) error {
	n := 1
	if block {
		n = v.Len()
	}
	if vis == unset {
		vis = secret
	}
	if c.counting {
		if vis == public {
			c.nbPublic += n
		} else {
			c.nbSecret += n
		}
		return nil
	}
	if vis == secret && c.publicOnly {
		return nil
	}
	dst := &c.sec
	if vis == public {
		dst = &c.pub
	}
	if !block {
		return appendValue(dst, v.Interface(), path, -1)
	}
	if s, ok := v.Interface().([]frontend.Variable); ok { // no reflection per element
		for i, x := range s {
			if err := appendValue(dst, x, path, i); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range n {
		if err := appendValue(dst, v.Index(i).Interface(), path, i); err != nil {
			return err
		}
	}
	return nil
}

// appendValue converts a leaf's value as gnark's witness does
// (fr.Element.SetInterface) and appends it.
func appendValue(dst *fr.Vector, x any, path []string, i int) error {
	var e fr.Element
	switch x := x.(type) {
	case fr.Element:
		e = x
	case int:
		e.SetInt64(int64(x))
	default:
		if x == nil {
			return fmt.Errorf("%s: no value assigned", leafName(path, i))
		}
		if _, err := e.SetInterface(x); err != nil {
			return fmt.Errorf("%s: %w", leafName(path, i), err)
		}
	}
	*dst = append(*dst, e)
	return nil
}

func leafName(path []string, i int) string {
	name := strings.Join(path, ".")
	if i >= 0 {
		name += "[" + strconv.Itoa(i) + "]"
	}
	return name
}
