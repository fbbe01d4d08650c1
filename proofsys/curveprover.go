package proofsys

import (
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
)

// CurveProver proves Groth16 over whichever curve a constraint system is
// over, with gnark's keys, proofs and prover options: the two-chain path
// proves its segments over BLS12-377 and its aggregator over BW6-761 with
// one. GnarkProver is gnark's, on the CPU; a Backend may be one too (the
// GPU prover of the icicle module is), and CurveProverOf picks it then.
type CurveProver interface {
	// ProveOnCurve proves the full witness of cs with pk and gnark's prover
	// options (the commitment's hash to field, the solver's hints): the
	// proof gnark's groth16.Prove would return, and that gnark's
	// groth16.Verify accepts.
	ProveOnCurve(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness, opts ...backend.ProverOption) (groth16.Proof, error)
}

// GnarkProver is gnark's Groth16 prover on the CPU, for every curve.
type GnarkProver struct{}

// ProveOnCurve implements CurveProver with groth16.Prove.
func (GnarkProver) ProveOnCurve(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness, opts ...backend.ProverOption) (groth16.Proof, error) {
	return groth16.Prove(cs, pk, full, opts...)
}

// CurveProverOf returns b where it is a CurveProver, else GnarkProver (b
// nil included).
func CurveProverOf(b Backend) CurveProver {
	if cp, ok := b.(CurveProver); ok {
		return cp
	}
	return GnarkProver{}
}
