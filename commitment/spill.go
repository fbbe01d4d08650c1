package commitment

import (
	"errors"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// spillFile holds a query opener's segment polynomials on disk until its
// Open: field elements as this process keeps them in memory (Montgomery
// form), read back by the process that wrote them. The file is unlinked
// as soon as it is created where the system allows it, so that a crash
// leaves nothing behind.
type spillFile struct {
	f    *os.File
	path string // "" once unlinked
	end  int64
}

func newSpillFile(dir string) (*spillFile, error) {
	f, err := os.CreateTemp(dir, ".provensql-opening-*")
	if err != nil {
		return nil, fmt.Errorf("commitment: a spill file for the query opening: %w", err)
	}
	s := &spillFile{f: f, path: f.Name()}
	if os.Remove(f.Name()) == nil {
		s.path = ""
	}
	return s, nil
}

// vectorLen is len(v), or −1 for nil (no such polynomial).
func vectorLen(v []fr.Element) int {
	if v == nil {
		return -1
	}
	return len(v)
}

// elementBytes is v's memory as bytes.
func elementBytes(v []fr.Element) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*fr.Bytes)
}

// store appends a part's w, p and f to the file and drops them from
// memory (part.lens already set).
func (s *spillFile) store(part *segmentPart) error {
	part.off = s.end
	for _, v := range [][]fr.Element{part.w, part.p, part.f} {
		b := elementBytes(v)
		if _, err := s.f.WriteAt(b, s.end); err != nil {
			return fmt.Errorf("spilling to %s: %w", s.f.Name(), err)
		}
		s.end += int64(len(b))
	}
	part.w, part.p, part.f, part.spilled = nil, nil, nil, true
	return nil
}

// load reads back those of a part's w, p and f that want asks for.
func (s *spillFile) load(part *segmentPart, want [3]bool) ([3][]fr.Element, error) {
	var vs [3][]fr.Element
	off := part.off
	for k, n := range part.lens {
		if n < 0 {
			continue
		}
		if want[k] {
			vs[k] = make([]fr.Element, n)
			if _, err := s.f.ReadAt(elementBytes(vs[k]), off); err != nil {
				if errors.Is(err, io.EOF) {
					err = io.ErrUnexpectedEOF
				}
				return vs, fmt.Errorf("reading back %s: %w", s.f.Name(), err)
			}
		}
		off += int64(n) * fr.Bytes
	}
	return vs, nil
}

func (s *spillFile) close() error {
	err := s.f.Close()
	if s.path != "" {
		if rerr := os.Remove(s.path); err == nil {
			err = rerr
		}
	}
	return err
}
