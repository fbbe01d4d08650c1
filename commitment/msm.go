package commitment

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// MSM computes multi-scalar multiplications in BN254's G1: the one kernel of
// a column commitment, Σ scalars[i]·bases[i]. It is the seam where an
// accelerator (a GPU under the icicle build tag, in module
// github.com/provensql/provensql/accel/icicle) replaces the CPU.
//
// An implementation must return exactly the CPU's result: commitments are
// compared byte for byte with the ones recorded in the store and on chain.
type MSM interface {
	// Name says where the MSM runs, for logs and benchmark tables.
	Name() string
	// MultiExpG1 returns Σ scalars[i]·bases[i]; len(bases) == len(scalars).
	MultiExpG1(bases []bn254.G1Affine, scalars []fr.Element) (bn254.G1Affine, error)
}

// CPU is gnark-crypto's multi-exponentiation on all of the machine's cores:
// the default MSM.
type CPU struct{}

// Name implements MSM.
func (CPU) Name() string { return "cpu" }

// MultiExpG1 implements MSM.
func (CPU) MultiExpG1(bases []bn254.G1Affine, scalars []fr.Element) (bn254.G1Affine, error) {
	var d bn254.G1Affine
	if len(bases) != len(scalars) {
		return d, fmt.Errorf("commitment: MSM of %d bases and %d scalars", len(bases), len(scalars))
	}
	if _, err := d.MultiExp(bases, scalars, ecc.MultiExpConfig{}); err != nil {
		return d, fmt.Errorf("commitment: MSM: %w", err)
	}
	return d, nil
}
