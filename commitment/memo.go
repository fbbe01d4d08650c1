package commitment

import (
	"crypto/sha256"
	"encoding/binary"
	"sync"
	"unsafe"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/provensql/provensql/internal/batchmul"
)

// Memo is an MSM that remembers its last results: a prover's segment
// commits to the same values twice (its first pass, which derives the
// commitment challenge, and its proof's solve, the BSB22 commitment of the
// committed wires), so the second costs a hash of the values instead of an
// MSM. Safe for concurrent use.
type Memo struct {
	msm          MSM
	mu           sync.Mutex
	memo         []memoized // newest last
	hits, misses int
}

// Stats returns how many results were remembered and how many computed.
func (m *Memo) Stats() (hits, misses int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits, m.misses
}

// NewMemo returns msm remembering its last results.
func NewMemo(msm MSM) *Memo { return &Memo{msm: msm} }

type memoized struct {
	key [sha256.Size]byte
	c   bn254.G1Affine
}

// memoSize is how many commitments are remembered: two per segment in
// flight is plenty.
const memoSize = 16

var _ MSM = (*Memo)(nil)

// Name implements MSM.
func (m *Memo) Name() string { return m.msm.Name() + ", remembered" }

// MultiExpG1 implements MSM: the remembered result, or the MSM's.
func (m *Memo) MultiExpG1(basis []bn254.G1Affine, values []fr.Element) (bn254.G1Affine, error) {
	key := memoKey(basis, values)
	m.mu.Lock()
	for _, e := range m.memo {
		if e.key == key {
			m.hits++
			m.mu.Unlock()
			return e.c, nil
		}
	}
	m.misses++
	m.mu.Unlock()
	c, err := m.msm.MultiExpG1(basis, values)
	if err != nil {
		return c, err
	}
	m.mu.Lock()
	if len(m.memo) == memoSize {
		m.memo = m.memo[1:]
	}
	m.memo = append(m.memo, memoized{key, c})
	m.mu.Unlock()
	return c, nil
}

// memoKey identifies a commitment: SHA-256 of the basis (its length, first
// and last points) and of the SHA-256 of each block of memoBlock values,
// hashed on every core (a 2^20-row segment commits to millions).
func memoKey(basis []bn254.G1Affine, values []fr.Element) [sha256.Size]byte {
	blocks := make([][sha256.Size]byte, (len(values)+memoBlock-1)/memoBlock)
	batchmul.Parallel(len(blocks), func(lo, hi int) {
		for b := lo; b < hi; b++ {
			v := values[b*memoBlock : min((b+1)*memoBlock, len(values))]
			blocks[b] = sha256.Sum256(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*fr.Bytes))
		}
	})
	h := sha256.New()
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(basis)))
	h.Write(n[:])
	if len(basis) > 0 {
		h.Write(basis[0].Marshal())
		h.Write(basis[len(basis)-1].Marshal())
	}
	binary.LittleEndian.PutUint64(n[:], uint64(len(values)))
	h.Write(n[:])
	for _, b := range blocks {
		h.Write(b[:])
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// memoBlock is how many values memoKey hashes in one block (2 MiB).
const memoBlock = 1 << 16
