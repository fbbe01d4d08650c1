//go:build icicle

package icicle

import (
	"errors"
	"fmt"
	"runtime"

	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	fp377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fp"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	icicle_core "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/core"
	icicle_bls12377 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bls12377"
	icicle_msm377 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bls12377/msm"
	icicle_bn254 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254"
	icicle_msm "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/msm"
	icicle_runtime "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/runtime"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
)

// MSM is commitment.MSM on a CUDA device through ICICLE: the store's column
// commitments and the KZG openings' quotients. Bases and scalars go to the
// device in gnark's Montgomery form, as gnark's own ICICLE prover sends its
// commitment keys.
type MSM struct {
	device icicle_runtime.Device
	dev    Device
	state  *deviceState
	// Exclusive runs each MSM holding the device's lock, the one a Prover's
	// kernels hold for a proof, so that one host thread at a time runs
	// ICICLE work on the device. ICICLE v3.2.2's MSM aborted with "illegal
	// memory access" without serialized launches (SerializeLaunches) while
	// these MSMs ran beside a proof's; Exclusive is the candidate cure
	// that would let launches run unserialized (not yet measured on a GPU).
	// Set it before the first MSM.
	Exclusive bool
}

var _ commitment.MSM = (*MSM)(nil)

// NewMSM loads ICICLE's backend (ICICLE_BACKEND_INSTALL_DIR, or its default
// place) and returns an MSM on dev.
func NewMSM(dev Device) (*MSM, error) {
	if err := loadBackend(); err != nil {
		return nil, err
	}
	m := newMSM(dev)
	if !icicle_runtime.IsDeviceAvailable(&m.device) {
		return nil, fmt.Errorf("icicle: device %s is not available (is ICICLE_BACKEND_INSTALL_DIR the CUDA backend's folder?)", dev)
	}
	return m, nil
}

// newMSM returns an MSM on dev, without loading the backend or checking
// the device.
func newMSM(dev Device) *MSM {
	return &MSM{device: icicle_runtime.CreateDevice(string(dev.Type), dev.ID), dev: dev, state: stateOf(dev)}
}

// Name implements commitment.MSM.
func (m *MSM) Name() string { return "icicle " + m.dev.String() }

// MultiExpG1 implements commitment.MSM.
func (m *MSM) MultiExpG1(bases []bn254.G1Affine, scalars []fr.Element) (bn254.G1Affine, error) {
	res, err := deviceMSM(m, bases, scalars, icicle_msm.GetDefaultMSMConfig(), icicle_msm.Msm, icicle_bn254.Projective{})
	if err != nil || len(bases) == 0 {
		return bn254.G1Affine{}, err
	}
	return toAffine(res), nil
}

// deviceMSM runs one curve's ICICLE MSM (msm, configured from cfg) of
// scalars over bases, both in gnark's Montgomery form, on m's device and
// returns its projective result (zero, the type of its last argument,
// for none).
func deviceMSM[B, S, P any](m *MSM, bases []B, scalars []S, cfg icicle_core.MSMConfig,
	msm func(scalars, points icicle_core.HostOrDeviceSlice, cfg *icicle_core.MSMConfig, results icicle_core.HostOrDeviceSlice) icicle_runtime.EIcicleError, zero P) (P, error) {
	out := zero
	if len(bases) != len(scalars) {
		return out, fmt.Errorf("icicle: MSM of %d bases and %d scalars", len(bases), len(scalars))
	}
	if len(bases) == 0 {
		return out, nil
	}
	if m.Exclusive {
		m.state.mu.Lock()
		defer m.state.mu.Unlock()
	}
	var err error
	done := make(chan struct{})
	icicle_runtime.RunOnDevice(&m.device, func(...any) {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("icicle MSM: %v", r)
			}
		}()
		var b, s icicle_core.DeviceSlice
		icicle_core.HostSliceFromElements(bases).CopyToDevice(&b, true)
		defer b.Free()
		icicle_core.HostSliceFromElements(scalars).CopyToDevice(&s, true)
		defer s.Free()
		cfg.AreBasesMontgomeryForm = true
		cfg.AreScalarsMontgomeryForm = true
		res := make(icicle_core.HostSlice[P], 1)
		if e := msm(s, b, &cfg, res); e != icicle_runtime.Success {
			err = fmt.Errorf("icicle MSM of %d points: %s", len(bases), e.AsString())
			return
		}
		out = res[0]
	})
	<-done
	runtime.KeepAlive(bases)
	runtime.KeepAlive(scalars)
	return out, err
}

// MSM377 is kzg377.MSM on an MSM's device: the one-check path's column
// commitments and openings over BLS12-377 (BLS12377 returns it).
type MSM377 struct{ m *MSM }

var _ kzg377.MSM = MSM377{}

// BLS12377 returns the MSM over BLS12-377's G1 on m's device, sharing its
// Exclusive setting.
func (m *MSM) BLS12377() MSM377 { return MSM377{m} }

// Name implements kzg377.MSM.
func (m MSM377) Name() string { return m.m.Name() }

// MultiExpG1 implements kzg377.MSM.
func (m MSM377) MultiExpG1(bases []bls12377.G1Affine, scalars []fr377.Element) (bls12377.G1Affine, error) {
	res, err := deviceMSM(m.m, bases, scalars, icicle_msm377.GetDefaultMSMConfig(), icicle_msm377.Msm, icicle_bls12377.Projective{})
	if err != nil || len(bases) == 0 {
		return bls12377.G1Affine{}, err
	}
	a := res.ToAffine() // (0, 0): the point at infinity, as gnark's
	var out bls12377.G1Affine
	x, errX := fp377.LittleEndian.Element((*[fp377.Bytes]byte)(a.X.ToBytesLittleEndian()))
	y, errY := fp377.LittleEndian.Element((*[fp377.Bytes]byte)(a.Y.ToBytesLittleEndian()))
	if err := errors.Join(errX, errY); err != nil {
		return out, fmt.Errorf("icicle MSM over BLS12-377: its result: %w", err)
	}
	out.X, out.Y = x, y
	return out, nil
}

// toAffine converts ICICLE's projective point (X/Z, Y/Z, coordinates in
// standard form) to gnark's affine point; Z = 0 gives the point at infinity.
func toAffine(p icicle_bn254.Projective) bn254.G1Affine {
	x, _ := fp.LittleEndian.Element((*[fp.Bytes]byte)(p.X.ToBytesLittleEndian()))
	y, _ := fp.LittleEndian.Element((*[fp.Bytes]byte)(p.Y.ToBytesLittleEndian()))
	z, _ := fp.LittleEndian.Element((*[fp.Bytes]byte)(p.Z.ToBytesLittleEndian()))
	if z.IsZero() {
		return bn254.G1Affine{}
	}
	var zInv fp.Element
	zInv.Inverse(&z)
	var a bn254.G1Affine
	a.X.Mul(&x, &zInv)
	a.Y.Mul(&y, &zInv)
	return a
}
