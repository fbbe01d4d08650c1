package prover

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"

	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/store"
)

// A segment's column commitments over BLS12-377 are kept beside the store
// once computed (DIR/commitments377/TABLE/), so that proving a one-check
// query, posting the table's digest and verifying a proof against the
// table do not commit every column of every segment again: a file per
// segment, named by the segment file's SHA-256 (segments are never
// rewritten: an append writes new files), the capacity and the SRS's
// identity, holding the compressed points and a SHA-256 of them. A file
// that does not check is recomputed and rewritten; so is one whose points
// disagree with a commitment the prover has just computed from the data.

// commitments377Magic starts a commitments file.
const commitments377Magic = "PSQL-C377\x01"

// commitments377Path is where segment si's commitments over srs are kept.
func (p *Prover) commitments377Path(m *store.Manifest, si int, srs *kzg377.SRS) string {
	g2 := srs.G2()
	tau := srs.TauG1()
	b2, b1 := g2[1].Bytes(), tau.Bytes()
	id := sha256.Sum256(append(b2[:], b1[:]...))
	seg := m.Segments[si]
	name := fmt.Sprintf("%.32s-l%d-%s.bin", seg.SHA256, m.LogCapacity, hex.EncodeToString(id[:8]))
	return filepath.Join(p.Store.Dir(), "commitments377", m.Schema.Name, name)
}

// readCommitments377 returns the kept commitments of segment si over srs,
// or an error (os.ErrNotExist where none are kept).
func (p *Prover) readCommitments377(m *store.Manifest, si int, srs *kzg377.SRS) ([]bls12377.G1Affine, error) {
	b, err := os.ReadFile(p.commitments377Path(m, si, srs))
	if err != nil {
		return nil, err
	}
	n := len(m.Schema.Columns)
	want := len(commitments377Magic) + 4 + n*bls12377.SizeOfG1AffineCompressed + sha256.Size
	if len(b) != want || !bytes.HasPrefix(b, []byte(commitments377Magic)) {
		return nil, fmt.Errorf("prover: kept BLS12-377 commitments of %s segment %d: %d bytes, want %d", m.Schema.Name, si, len(b), want)
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if h := sha256.Sum256(body); !bytes.Equal(h[:], sum) {
		return nil, fmt.Errorf("prover: kept BLS12-377 commitments of %s segment %d: SHA-256 mismatch", m.Schema.Name, si)
	}
	at := len(commitments377Magic)
	if got := binary.BigEndian.Uint32(body[at:]); int(got) != n {
		return nil, fmt.Errorf("prover: kept BLS12-377 commitments of %s segment %d: %d columns, the table has %d", m.Schema.Name, si, got, n)
	}
	at += 4
	out := make([]bls12377.G1Affine, n)
	for c := range out {
		if _, err := out[c].SetBytes(body[at : at+bls12377.SizeOfG1AffineCompressed]); err != nil {
			return nil, fmt.Errorf("prover: kept BLS12-377 commitments of %s segment %d column %d: %w", m.Schema.Name, si, c, err)
		}
		at += bls12377.SizeOfG1AffineCompressed
	}
	return out, nil
}

// writeCommitments377 keeps segment si's commitments over srs (written
// whole to a temporary file, then renamed).
func (p *Prover) writeCommitments377(m *store.Manifest, si int, srs *kzg377.SRS, cs []bls12377.G1Affine) error {
	path := p.commitments377Path(m, si, srs)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	body := []byte(commitments377Magic)
	body = binary.BigEndian.AppendUint32(body, uint32(len(cs)))
	for _, c := range cs {
		b := c.Bytes()
		body = append(body, b[:]...)
	}
	sum := sha256.Sum256(body)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(body, sum[:]...)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	pruneCommitments377(m, filepath.Dir(path))
	return nil
}

// pruneCommitments377 removes the kept files in dir of segments m no
// longer has (a last segment an append replaced): kept only to be
// recomputed if ever needed, they are never read.
func pruneCommitments377(m *store.Manifest, dir string) {
	current := map[string]bool{}
	for _, seg := range m.Segments {
		current[fmt.Sprintf("%.32s", seg.SHA256)] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if len(name) > 32 && name[32] == '-' && !current[name[:32]] {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// keptCommitments377 returns segment si's kept commitments where they
// check and agree with the ones computed already (have, by column), else
// nil; a kept file that does not check is reported as a cache event.
func (p *Prover) keptCommitments377(m *store.Manifest, si int, srs *kzg377.SRS, have map[int]bls12377.G1Affine) []bls12377.G1Affine {
	kept, err := p.readCommitments377(m, si, srs)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			p.progress(Event{Stage: "cache", Detail: fmt.Sprintf("recomputing: %v", err)})
		}
		return nil
	}
	for c, h := range have {
		if !kept[c].Equal(&h) {
			p.progress(Event{Stage: "cache", Detail: fmt.Sprintf("recomputing: the kept BLS12-377 commitment of %s segment %d column %d is not the data's", m.Schema.Name, si, c)})
			return nil
		}
	}
	return kept
}

// keptAt is column c's kept commitment, or nil where none are kept.
func keptAt(kept []bls12377.G1Affine, c int) *bls12377.G1Affine {
	if kept == nil {
		return nil
	}
	return &kept[c]
}
