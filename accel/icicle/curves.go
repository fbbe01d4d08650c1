//go:build icicle

package icicle

import (
	"fmt"
	"sync"

	"github.com/consensys/gnark/backend"
	accel "github.com/consensys/gnark/backend/accelerated/icicle"
	icicle_bls12377 "github.com/consensys/gnark/backend/accelerated/icicle/groth16/bls12-377"
	icicle_bw6761 "github.com/consensys/gnark/backend/accelerated/icicle/groth16/bw6-761"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bls12377 "github.com/consensys/gnark/backend/groth16/bls12-377"
	groth16_bw6761 "github.com/consensys/gnark/backend/groth16/bw6-761"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bw6761 "github.com/consensys/gnark/constraint/bw6-761"

	"github.com/provensql/provensql/proofsys"
)

var _ proofsys.CurveProver = (*Prover)(nil)

// curveKeys are the device keys of the two-chain path's inner layers, by
// the CPU key they wrap: a segment's over BLS12-377 and an aggregator's
// over BW6-761, the last keptKeys of them (their bases stay on the device
// between proofs when keys are pinned).
type curveKeys struct {
	mu   sync.Mutex
	keys []curveKey
}

type curveKey struct {
	cpu    groth16.ProvingKey
	device interface{ FreeGPUResources() }
}

// of returns the device key wrapping cpu, made by wrap the first time;
// the key evicted past keptKeys frees its device memory (so a fifth inner
// key must not arrive while a proof of the oldest is in flight: the
// one-check path has two, a segment circuit's and an aggregator's).
func (c *curveKeys) of(cpu groth16.ProvingKey, wrap func() interface{ FreeGPUResources() }) interface{ FreeGPUResources() } {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, k := range c.keys {
		if k.cpu == cpu {
			c.keys = append(append(c.keys[:i:i], c.keys[i+1:]...), k)
			return k.device
		}
	}
	if len(c.keys) == keptKeys {
		c.keys[0].device.FreeGPUResources()
		c.keys = c.keys[1:]
	}
	k := curveKey{cpu: cpu, device: wrap()}
	c.keys = append(c.keys, k)
	return k.device
}

// ProveOnCurve implements proofsys.CurveProver: a BLS12-377 system (the
// two-chain path's segments) or a BW6-761 one (its aggregator) proves
// with gnark's ICICLE prover for that curve on the Prover's device, its
// proving key kept there between proofs where keys are pinned; any other
// with gnark's CPU prover (BN254's go through Prove, with this package's
// kernels), and so does every curve with HostInner. gnark's ICICLE prover
// solves on the CPU and holds the device, one proof at a time per curve,
// from its solve to its proof.
func (p *Prover) ProveOnCurve(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness, opts ...backend.ProverOption) (proof groth16.Proof, err error) {
	if p.HostInner {
		return proofsys.GnarkProver{}.ProveOnCurve(cs, pk, full, opts...)
	}
	defer recoverAs(&err, "icicle prove")
	switch r1cs := cs.(type) {
	case *cs_bls12377.R1CS:
		return proveOnDevice(p, r1cs, pk, full, opts, "BLS12-377",
			func(k *groth16_bls12377.ProvingKey) *icicle_bls12377.ProvingKey {
				return &icicle_bls12377.ProvingKey{ProvingKey: *k}
			}, icicle_bls12377.Prove)
	case *cs_bw6761.R1CS:
		return proveOnDevice(p, r1cs, pk, full, opts, "BW6-761",
			func(k *groth16_bw6761.ProvingKey) *icicle_bw6761.ProvingKey {
				return &icicle_bw6761.ProvingKey{ProvingKey: *k}
			}, icicle_bw6761.Prove)
	}
	return proofsys.GnarkProver{}.ProveOnCurve(cs, pk, full, opts...)
}

// proveOnDevice proves r1cs with gnark's ICICLE prover of its curve
// (prove), on the device key wrap makes of pk, gnark's CPU key of type K
// (kept between proofs: curveKeys).
func proveOnDevice[R any, K groth16.ProvingKey, D interface{ FreeGPUResources() }, P groth16.Proof](p *Prover, r1cs R, pk groth16.ProvingKey, full witness.Witness, opts []backend.ProverOption, curve string,
	wrap func(K) D, prove func(R, D, witness.Witness, *accel.Config) (P, error)) (groth16.Proof, error) {
	cpu, ok := pk.(K)
	if !ok {
		return nil, fmt.Errorf("icicle: a %s system's proving key of type %T", curve, pk)
	}
	dk := p.curves.of(cpu, func() interface{ FreeGPUResources() } { return wrap(cpu) }).(D)
	cfg, err := p.curveConfig(opts)
	if err != nil {
		return nil, err
	}
	proof, err := prove(r1cs, dk, full, cfg)
	if err != nil {
		return nil, fmt.Errorf("icicle prove over %s: %w", curve, err)
	}
	return proof, nil
}

// curveConfig is gnark's ICICLE configuration for the Prover's device
// with gnark's prover options opts, ICICLE's backend loaded: every call
// of one of gnark's ICICLE provers (ProveOnCurve's, and Prove's with
// gnark's BN254 prover) takes it.
func (p *Prover) curveConfig(opts []backend.ProverOption) (*accel.Config, error) {
	if err := loadBackend(); err != nil {
		return nil, err
	}
	cfg, err := accel.NewConfig(append([]accel.Option{accel.WithProverOptions(opts...)}, p.opts...)...)
	if err != nil {
		return nil, fmt.Errorf("icicle prove: %w", err)
	}
	return cfg, nil
}
