//go:build icicle

package icicle

import (
	"fmt"
	"runtime"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	icicle_core "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/core"
	icicle_bn254 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254"
	icicle_msm "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/msm"
	icicle_runtime "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/runtime"

	"github.com/provensql/provensql/commitment"
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
	var out bn254.G1Affine
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
		cfg := icicle_msm.GetDefaultMSMConfig()
		cfg.AreBasesMontgomeryForm = true
		cfg.AreScalarsMontgomeryForm = true
		res := make(icicle_core.HostSlice[icicle_bn254.Projective], 1)
		if e := icicle_msm.Msm(s, b, &cfg, res); e != icicle_runtime.Success {
			err = fmt.Errorf("icicle MSM of %d points: %s", len(bases), e.AsString())
			return
		}
		out = toAffine(res[0])
	})
	<-done
	runtime.KeepAlive(bases)
	runtime.KeepAlive(scalars)
	return out, err
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
