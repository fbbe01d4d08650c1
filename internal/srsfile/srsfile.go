// Package srsfile guards the reading of a KZG SRS in gnark-crypto's
// encoding: its points come as a slice whose declared length the decoder
// allocates before reading a point, so a corrupt or foreign file could ask
// for gigabytes. CheckDeclared refuses a length the bytes cannot hold.
package srsfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// CheckDeclared checks that b, a gnark-crypto encoded SRS (its proving
// key's points first, as a slice with a 4-byte big-endian length), holds
// as many points as it declares: at least minPoint bytes each (a
// compressed point's size) after the length, and at least one.
func CheckDeclared(b []byte, minPoint int) error {
	if len(b) < 4 {
		return fmt.Errorf("%d bytes: too short for an SRS", len(b))
	}
	n := uint64(binary.BigEndian.Uint32(b))
	if n == 0 || n*uint64(minPoint) > uint64(len(b)-4) {
		return fmt.Errorf("it declares %d points, its %d bytes hold at most %d", n, len(b), (len(b)-4)/minPoint)
	}
	return nil
}

// Decode decodes b, a gnark-crypto encoded SRS, into k (a curve's
// kzg.SRS) once CheckDeclared accepts it.
func Decode(b []byte, minPoint int, k io.ReaderFrom) error {
	if err := CheckDeclared(b, minPoint); err != nil {
		return err
	}
	_, err := k.ReadFrom(bytes.NewReader(b))
	return err
}
