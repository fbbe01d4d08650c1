//go:build icicle

package icicle

import (
	"fmt"
	"io"

	"github.com/consensys/gnark-crypto/ecc"
	accel "github.com/consensys/gnark/backend/accelerated/icicle"
	icicle_groth16 "github.com/consensys/gnark/backend/accelerated/icicle/groth16"
	icicle_bn254 "github.com/consensys/gnark/backend/accelerated/icicle/groth16/bn254"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/proofsys"
)

// Prover is proofsys.Groth16 proving on a GPU: the same proof system (same
// Name, keys, proofs and verification), with Setup, Prove and the proving
// key's reading replaced by gnark's ICICLE backend.
type Prover struct {
	proofsys.Groth16
	opts []accel.Option
}

// NewProver returns a GPU prover on CUDA device deviceID. pin keeps proving
// keys in GPU memory between proofs (faster, at the cost of device memory).
func NewProver(deviceID int, pin bool) *Prover {
	return &Prover{opts: []accel.Option{accel.WithDeviceID(deviceID), accel.WithBackend(accel.CUDA), accel.WithPinKeysToGPU(pin)}}
}

var _ proofsys.Backend = (*Prover)(nil)

// Setup implements proofsys.Backend: gnark's setup (on the CPU), returning a
// proving key that carries device pointers.
func (p *Prover) Setup(cs constraint.ConstraintSystem) (k proofsys.Keys, err error) {
	defer recoverAs(&err, "icicle setup")
	pk, vk, err := icicle_groth16.Setup(cs)
	if err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle setup: %w", err)
	}
	return proofsys.Keys{PK: pk, VK: vk}, nil
}

// Prove implements proofsys.Backend on the GPU, with the CPU prover's
// options: the solver's hints and the Keccak-based commitment hash the
// exported Solidity verifier expects.
func (p *Prover) Prove(cs constraint.ConstraintSystem, k proofsys.Keys, full witness.Witness, opts ...solver.Option) (out []byte, err error) {
	defer recoverAs(&err, "icicle prove")
	pk, err := deviceKey(k.PK)
	if err != nil {
		return nil, err
	}
	o := append([]accel.Option{accel.WithProverOptions(proofsys.ProverOptions(opts...)...)}, p.opts...)
	proof, err := icicle_groth16.Prove(cs, pk, full, o...)
	if err != nil {
		return nil, err
	}
	return proofsys.ProofBytes(proof)
}

// ReadProvingKey implements proofsys.Backend: the CPU prover's dump, read
// into a key the GPU prover can carry to the device.
func (p *Prover) ReadProvingKey(r io.Reader) (any, error) {
	pk := &icicle_bn254.ProvingKey{}
	if err := pk.ReadDump(r); err != nil {
		return nil, fmt.Errorf("icicle: reading proving key: %w", err)
	}
	return pk, nil
}

// ReadKeys implements proofsys.Backend for a ceremony's keys.
func (p *Prover) ReadKeys(pkr, vkr io.Reader) (proofsys.Keys, error) {
	pk := icicle_groth16.NewProvingKey(ecc.BN254)
	if _, err := pk.ReadFrom(pkr); err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle: reading proving key: %w", err)
	}
	vk := groth16.NewVerifyingKey(ecc.BN254)
	if _, err := vk.ReadFrom(vkr); err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle: reading verifying key: %w", err)
	}
	return proofsys.Keys{PK: pk, VK: vk}, nil
}

// deviceKey returns pk as the ICICLE backend's key, wrapping a CPU key
// (one set up before this prover was plugged in).
func deviceKey(pk any) (*icicle_bn254.ProvingKey, error) {
	switch k := pk.(type) {
	case *icicle_bn254.ProvingKey:
		return k, nil
	case *groth16_bn254.ProvingKey:
		return &icicle_bn254.ProvingKey{ProvingKey: *k}, nil
	}
	return nil, fmt.Errorf("icicle: proving key of type %T is not a BN254 Groth16 key", pk)
}

// recoverAs turns a panic of the ICICLE backend (it panics when no device or
// backend library is found) into an error naming what failed.
func recoverAs(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %v (is CUDA installed and ICICLE_BACKEND_INSTALL_DIR set?)", what, r)
	}
}
