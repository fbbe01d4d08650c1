//go:build icicle

package icicle

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	icicle_runtime "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/runtime"
)

// DeviceType names an ICICLE backend.
type DeviceType string

const (
	// CUDA is an NVIDIA GPU (ICICLE's CUDA backend, loaded from
	// ICICLE_BACKEND_INSTALL_DIR).
	CUDA DeviceType = "CUDA"
	// CPU is ICICLE's CPU backend, built into its libraries: the same code
	// path without a GPU, to check it on any machine (not fast).
	CPU DeviceType = "CPU"
)

// Device is one ICICLE device: a backend and a device number.
type Device struct {
	Type DeviceType
	ID   int
}

// String gives the device as ParseDevice reads it, lower case ("cuda:0").
func (d Device) String() string { return fmt.Sprintf("%s:%d", strings.ToLower(string(d.Type)), d.ID) }

// ParseDevice reads "cuda", "cuda:N", "cpu" or "cpu:N" (any case); "" is
// cuda:0.
func ParseDevice(s string) (Device, error) {
	if s == "" {
		return Device{Type: CUDA}, nil
	}
	name, num, hasNum := strings.Cut(s, ":")
	var d Device
	switch strings.ToUpper(name) {
	case string(CUDA):
		d.Type = CUDA
	case string(CPU):
		d.Type = CPU
	default:
		return Device{}, fmt.Errorf("icicle: device %q: want cuda, cuda:N, cpu or cpu:N", s)
	}
	if hasNum {
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 {
			return Device{}, fmt.Errorf("icicle: device %q: %q is not a device number", s, num)
		}
		d.ID = n
	}
	return d, nil
}

// SerializeLaunches sets CUDA_LAUNCH_BLOCKING=1 for this process unless it
// is set already; call it before the first ICICLE call. ICICLE v3.2.2's
// CUDA MSM has a stream-ordering race under CUDA 13 (memory freed with
// cudaFreeAsync while kernels of another stream may still read it): on an
// H200 with CUDA 13.0, 4 of 6 bench runs of 2^16 rows or more aborted with
// "an illegal memory access was encountered" in the BSB22 commitment's MSM.
// Blocking launches is the known workaround, and it held on the same H200:
// 11 bench runs with it (89 proofs of 2^16- and 2^18-row segments, up to 4
// at once) passed, while without it a 16-segment run aborted again; a
// 2^16-row proof took 1.27–1.38 s with it, 1.39 s without.
// CUDA_LAUNCH_BLOCKING=0 turns it off (for CUDA 12 builds, where the race
// was not reported).
func SerializeLaunches() {
	if _, set := os.LookupEnv("CUDA_LAUNCH_BLOCKING"); !set {
		os.Setenv("CUDA_LAUNCH_BLOCKING", "1")
	}
}

var (
	loadOnce sync.Once
	loadErr  error
)

// loadBackend loads ICICLE's device backends once per process, from
// ICICLE_BACKEND_INSTALL_DIR or ICICLE's default folder, as gnark's ICICLE
// prover does: the CPU backend needs no loading, CUDA does.
func loadBackend() error {
	loadOnce.Do(func() {
		if e := icicle_runtime.LoadBackendFromEnvOrDefault(); e != icicle_runtime.Success {
			loadErr = fmt.Errorf("icicle: loading the backend: %s (set ICICLE_BACKEND_INSTALL_DIR to the folder of ICICLE's backend libraries)", e.AsString())
		}
	})
	return loadErr
}

// msmNamesInWindows are the MSM names Prover.Windows takes.
var msmNamesInWindows = []string{"A", "B", "K", "Z", "PoK", "G2"}

// ParseWindows reads MSM window sizes as Prover.Windows takes them:
// "A=11,B=11,G2=9", each name one of A, B, K, Z, PoK and G2 at most once,
// each window from 1 to 30, or 0 for ICICLE's own choice. "" is none.
func ParseWindows(s string) (map[string]int, error) {
	out := map[string]int{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("icicle: MSM window %q: want name=window", part)
		}
		if !slices.Contains(msmNamesInWindows, name) {
			return nil, fmt.Errorf("icicle: MSM window %q: %q is not an MSM (want one of %s)", part, name, strings.Join(msmNamesInWindows, ", "))
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("icicle: MSM window %q: %s named twice", part, name)
		}
		c, err := strconv.Atoi(value)
		if err != nil || c < 0 || c > 30 {
			return nil, fmt.Errorf("icicle: MSM window %q: want a window from 0 (ICICLE's choice) to 30", part)
		}
		out[name] = c
	}
	return out, nil
}
