//go:build icicle

package icicle

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"time"

	accel "github.com/consensys/gnark/backend/accelerated/icicle"
	icicle_bn254 "github.com/consensys/gnark/backend/accelerated/icicle/groth16/bn254"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/proofsys"
)

// Prover is proofsys.Groth16 proving on a GPU: the same proof system (same
// Name, keys, proofs and verification), with Prove and Solve computing
// their MSMs and NTTs on an ICICLE device (or, chosen at NewProver, with
// gnark's ICICLE prover for BN254, called directly rather than through
// gnark's curve-generic entry point, which would link ICICLE's libraries
// of every curve).
type Prover struct {
	proofsys.Groth16
	dev   Device
	pin   bool
	state *deviceState
	// gnark proves with gnark's ICICLE prover instead of proofsys's
	// kernels (for comparison)
	gnark bool
	opts  []accel.Option
	// Timings logs each proof's solve, wait for the device and time on it.
	Timings bool
	// Precompute is ICICLE's MSM precompute factor for pinned keys' bases
	// (0 or 1: none); set it before the first proof.
	Precompute int
	// HostScalars leaves the MSMs' scalars in host memory for ICICLE to
	// stream instead of copying them to the device first; set it before
	// the first proof.
	HostScalars bool
	// HostG2 computes B's G2 MSM on the CPU (every core) instead of the
	// device: it starts as soon as a segment is solved and runs while the
	// proof waits for the device and while the device computes the rest
	// (proofsys.SolvedBN254.StartHostG2); the device then holds no G2
	// basis. Set it before the first proof.
	HostG2 bool
	// Windows are ICICLE's MSM window sizes (its c) by MSM name (A, B, K,
	// Z, PoK, G2; ParseWindows reads them; 0 is ICICLE's own choice,
	// ⌈log₂ size⌉ − 4); an MSM not named gets ⌈log₂ size⌉ − 4 capped at 16
	// (G1) or ⌈log₂ size⌉ − 5 capped at 15 (G2), measured best on an
	// H100. Ignored with Precompute, whose bases depend on the window. Set
	// them before the first proof.
	Windows map[string]int
	// TuneWindows times each MSM of a key's first proof with every window
	// from ⌈log₂ size⌉ − 10 to ⌈log₂ size⌉ − 1 and ICICLE's own, and keeps
	// the fastest for the key's later proofs; it logs the times and the
	// windows chosen, as PROVENSQL_GPU_MSM_WINDOWS takes them. The first
	// proof takes that much longer (a second or two). Set it before the
	// first proof.
	TuneWindows bool
	// HostInner proves the two-chain path's inner layers (its segments
	// over BLS12-377, its aggregator over BW6-761) with gnark's CPU prover
	// instead of on the device (ProveOnCurve): for an ICICLE build whose
	// device backend has BN254's curve alone. Set it before the first
	// proof.
	HostInner bool

	kernels []*kernels // the last keys' device copies, newest last (the device's lock held)
	// restored holds, for gnark's prover, copies of the last systems whose
	// commitment calls take every committed wire again
	// (proofsys.WithCommitmentInputs), newest last
	restoredMu sync.Mutex
	restored   [][2]*cs_bn254.R1CS
	commits    *commitment.Memo
	commitMSM  *MSM // the MSM under commits
	// curves are the device keys of ProveOnCurve's proofs (BLS12-377,
	// BW6-761)
	curves curveKeys
}

// keptKeys is how many proving keys' bases a Prover keeps on the device.
const keptKeys = 4

// NewProver returns a prover on dev (a CUDA GPU, or ICICLE's CPU backend for
// checking this path without one). pin keeps proving keys in device memory
// between proofs (faster, at the cost of device memory).
//
// It proves in two steps (proofsys.SolveBN254, then SolvedBN254.Prove with
// this package's kernels), holding the device only for the second, so
// segments proven side by side solve on the CPU while another's arithmetic
// runs on the device. gnark's ICICLE prover holds the device from its
// solve to its proof; withGnark selects it instead.
func NewProver(dev Device, pin, withGnark bool) *Prover {
	b := accel.CUDA
	if dev.Type == CPU {
		b = accel.CPU
	}
	m := newMSM(dev)
	return &Prover{
		dev: dev, pin: pin, state: stateOf(dev), gnark: withGnark,
		commits: commitment.NewMemo(m), commitMSM: m,
		opts: []accel.Option{accel.WithDeviceID(dev.ID), accel.WithBackend(b), accel.WithPinKeysToGPU(pin)},
	}
}

var _ proofsys.Backend = (*Prover)(nil)

// SetExclusive makes the prover's BSB22 commitment MSMs hold the device's
// lock, as its proofs' kernels do (MSM.Exclusive). Call it before the
// first proof.
func (p *Prover) SetExclusive(on bool) { p.commitMSM.Exclusive = on }

// Setup implements proofsys.Backend: the CPU's setup (proofsys.SetupBN254),
// returning a proving key that carries device pointers.
func (p *Prover) Setup(cs constraint.ConstraintSystem) (k proofsys.Keys, err error) {
	r1cs, err := bn254R1CS(cs)
	if err != nil {
		return proofsys.Keys{}, err
	}
	pk, vk, err := proofsys.SetupBN254(r1cs)
	if err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle setup: %w", err)
	}
	dk := &icicle_bn254.ProvingKey{ProvingKey: *pk}
	if err := p.pinKey(&dk.ProvingKey); err != nil {
		return proofsys.Keys{}, err
	}
	return proofsys.Keys{PK: dk, VK: vk}, nil
}

// pinKey puts a key this prover will prove with in device memory as soon
// as it is set up or read, when keys are pinned (this repository's
// kernels; gnark's ICICLE prover pins its own at its first proof): the
// transfer is part of loading the key, once per process, and not of the
// first proof's time.
func (p *Prover) pinKey(pk *groth16_bn254.ProvingKey) (err error) {
	if !p.pin || p.gnark {
		return nil
	}
	defer recoverAs(&err, "icicle: pinning the proving key")
	if err := loadBackend(); err != nil {
		return err
	}
	p.state.mu.Lock()
	defer p.state.mu.Unlock()
	if err := p.kernelsFor(pk).warm(); err != nil {
		return fmt.Errorf("icicle: pinning the proving key: %w", err)
	}
	return nil
}

// Prove implements proofsys.Backend on the GPU, with the CPU prover's
// options: the solver's hints and the Keccak-based commitment hash the
// exported Solidity verifier expects.
func (p *Prover) Prove(cs constraint.ConstraintSystem, k proofsys.Keys, full witness.Witness, opts ...solver.Option) (out []byte, err error) {
	defer recoverAs(&err, "icicle prove")
	r1cs, err := bn254R1CS(cs)
	if err != nil {
		return nil, err
	}
	if !p.gnark {
		return p.proveSolved(r1cs, k, full, opts...)
	}
	pk, err := deviceKey(k.PK)
	if err != nil {
		return nil, err
	}
	cfg, err := p.curveConfig(proofsys.ProverOptions(opts...))
	if err != nil {
		return nil, err
	}
	proof, err := icicle_bn254.Prove(p.withCommitmentInputs(r1cs), pk, full, cfg)
	if err != nil {
		return nil, fmt.Errorf("icicle prove: %w", err)
	}
	return proofsys.ProofBytes(proof)
}

// proveSolved is Prove in two steps: the solve on the CPU, then the
// quotient and MSMs on the device, holding it for those alone.
func (p *Prover) proveSolved(r1cs *cs_bn254.R1CS, k proofsys.Keys, full witness.Witness, opts ...solver.Option) ([]byte, error) {
	pk, err := cpuKey(k.PK)
	if err != nil {
		return nil, err
	}
	if err := loadBackend(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	solved, err := proofsys.SolveBN254(r1cs, pk, full, p.commits, opts...)
	if err != nil {
		return nil, err
	}
	if p.HostG2 {
		solved.StartHostG2()
	}
	t1 := time.Now()
	p.state.mu.Lock()
	t2 := time.Now()
	kern := p.kernelsFor(pk)
	kern.steps = kern.steps[:0]
	proof, err := solved.Prove(kern)
	t3 := time.Now()
	steps := slices.Clone(kern.steps)
	p.state.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("icicle prove: %w", err)
	}
	if p.Timings {
		attrs := []any{"solve_s", t1.Sub(t0).Seconds(), "wait_s", t2.Sub(t1).Seconds(), "device_s", t3.Sub(t2).Seconds()}
		for _, s := range steps {
			attrs = append(attrs, s.what, s.took.Seconds())
		}
		slog.Info("icicle proof", attrs...)
	}
	return proofsys.ProofBytes(proof)
}

// withCommitmentInputs returns r1cs as gnark's prover can solve it
// (proofsys.WithCommitmentInputs), keeping the copies of the last keptKeys
// systems.
func (p *Prover) withCommitmentInputs(r1cs *cs_bn254.R1CS) *cs_bn254.R1CS {
	p.restoredMu.Lock()
	defer p.restoredMu.Unlock()
	for _, r := range p.restored {
		if r[0] == r1cs {
			return r[1]
		}
	}
	c := proofsys.WithCommitmentInputs(r1cs)
	if len(p.restored) == keptKeys {
		p.restored = p.restored[1:]
	}
	p.restored = append(p.restored, [2]*cs_bn254.R1CS{r1cs, c})
	return c
}

// kernelsFor returns the device kernels of pk, keeping the last keptKeys
// keys' (the device's lock held).
func (p *Prover) kernelsFor(pk *groth16_bn254.ProvingKey) *kernels {
	for i, k := range p.kernels {
		if k.pk == pk {
			p.kernels = append(append(p.kernels[:i:i], p.kernels[i+1:]...), k)
			return k
		}
	}
	if len(p.kernels) == keptKeys {
		p.kernels[0].free()
		p.kernels = p.kernels[1:]
	}
	k := newKernels(p.dev, p.state, pk, p.pin, p.Precompute)
	k.hostScalars = p.HostScalars
	k.hostG2 = p.HostG2
	k.tune = p.TuneWindows
	for name, c := range p.Windows {
		k.windows[name] = int32(c)
	}
	p.kernels = append(p.kernels, k)
	return k
}

// Solve implements proofsys.Backend: the CPU's solver, over the CPU part of
// the device key, without waiting for the device's lock. A prover's first
// pass (solving for the commitment challenge) runs here. Its commitment is
// an MSM on the device, remembered for the proof's solve, which commits to
// the same values (with gnark's prover: the CPU's, since gnark's prover
// computes its own).
func (p *Prover) Solve(cs constraint.ConstraintSystem, k proofsys.Keys, full witness.Witness, opts ...solver.Option) error {
	r1cs, err := bn254R1CS(cs)
	if err != nil {
		return err
	}
	pk, err := cpuKey(k.PK)
	if err != nil {
		return err
	}
	if p.gnark {
		return proofsys.SolveChallenge(r1cs, pk, full, nil, opts...)
	}
	if err := loadBackend(); err != nil {
		return err
	}
	return proofsys.SolveChallenge(r1cs, pk, full, p.commits, opts...)
}

// ReadProvingKey implements proofsys.Backend: the CPU prover's dump, read
// into a key the GPU prover can carry to the device.
func (p *Prover) ReadProvingKey(r io.Reader) (any, error) {
	pk := &icicle_bn254.ProvingKey{}
	if err := pk.ReadDump(r); err != nil {
		return nil, fmt.Errorf("icicle: reading proving key: %w", err)
	}
	if err := p.pinKey(&pk.ProvingKey); err != nil {
		return nil, err
	}
	return pk, nil
}

// ReadKeys implements proofsys.Backend for a ceremony's keys.
func (p *Prover) ReadKeys(pkr, vkr io.Reader) (proofsys.Keys, error) {
	pk := &icicle_bn254.ProvingKey{}
	if _, err := pk.ReadFrom(pkr); err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle: reading proving key: %w", err)
	}
	vk := &groth16_bn254.VerifyingKey{}
	if _, err := vk.ReadFrom(vkr); err != nil {
		return proofsys.Keys{}, fmt.Errorf("icicle: reading verifying key: %w", err)
	}
	if err := p.pinKey(&pk.ProvingKey); err != nil {
		return proofsys.Keys{}, err
	}
	return proofsys.Keys{PK: pk, VK: vk}, nil
}

// bn254R1CS is cs as the BN254 R1CS the ICICLE prover takes.
func bn254R1CS(cs constraint.ConstraintSystem) (*cs_bn254.R1CS, error) {
	r, ok := cs.(*cs_bn254.R1CS)
	if !ok {
		return nil, fmt.Errorf("icicle: constraint system of type %T is not a BN254 R1CS", cs)
	}
	return r, nil
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

// cpuKey returns pk as gnark's BN254 proving key (the one inside a device
// key).
func cpuKey(pk any) (*groth16_bn254.ProvingKey, error) {
	switch k := pk.(type) {
	case *icicle_bn254.ProvingKey:
		return &k.ProvingKey, nil
	case *groth16_bn254.ProvingKey:
		return k, nil
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
