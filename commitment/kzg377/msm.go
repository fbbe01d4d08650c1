package kzg377

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
)

// MSM computes multi-scalar multiplications in BLS12-377's G1: the kernel
// of a column's commitment and of an opening's quotient, Σ
// scalars[i]·bases[i]. It is the seam where an accelerator (the icicle
// module's, on a GPU) replaces the CPU, as commitment.MSM is for BN254's
// commitments.
//
// An implementation must return exactly the CPU's result: commitments are
// compared with the ones the table's owner posted.
type MSM interface {
	// Name says where the MSM runs, for logs and benchmark tables.
	Name() string
	// MultiExpG1 returns Σ scalars[i]·bases[i]; len(bases) == len(scalars).
	MultiExpG1(bases []bls12377.G1Affine, scalars []fr.Element) (bls12377.G1Affine, error)
}

// CPU is gnark-crypto's multi-exponentiation on all of the machine's cores:
// the default MSM.
type CPU struct{}

// Name implements MSM.
func (CPU) Name() string { return "cpu" }

// MultiExpG1 implements MSM.
func (CPU) MultiExpG1(bases []bls12377.G1Affine, scalars []fr.Element) (bls12377.G1Affine, error) {
	var d bls12377.G1Affine
	if len(bases) != len(scalars) {
		return d, fmt.Errorf("kzg377: MSM of %d bases and %d scalars", len(bases), len(scalars))
	}
	if _, err := d.MultiExp(bases, scalars, ecc.MultiExpConfig{}); err != nil {
		return d, fmt.Errorf("kzg377: MSM: %w", err)
	}
	return d, nil
}

// SetMSM makes the SRS commit columns and quotients with m (nil: CPU).
// Set it before the SRS's first commitment.
func (s *SRS) SetMSM(m MSM) {
	s.msmMu.Lock()
	defer s.msmMu.Unlock()
	s.msm = m
}

// commit is Σ v_i·basis_i with the SRS's MSM, what (a column, a quotient)
// naming v in an error.
func (s *SRS) commit(basis []bls12377.G1Affine, v []fr.Element, what string) (bls12377.G1Affine, error) {
	s.msmMu.Lock()
	m := s.msm
	s.msmMu.Unlock()
	if m == nil {
		m = CPU{}
	}
	c, err := m.MultiExpG1(basis, v)
	if err != nil {
		return c, fmt.Errorf("kzg377: committing %s of %d rows on %s: %w", what, len(v), m.Name(), err)
	}
	return c, nil
}
