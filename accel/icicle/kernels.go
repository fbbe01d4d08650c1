//go:build icicle

package icicle

import (
	"fmt"
	"log/slog"
	"maps"
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	icicle_core "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/core"
	icicle_bn254 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254"
	icicle_g2 "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/g2"
	icicle_msm "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/msm"
	icicle_ntt "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/ntt"
	icicle_vecops "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/curves/bn254/vecOps"
	icicle_runtime "github.com/ingonyama-zk/icicle-gnark/v3/wrappers/golang/runtime"

	"github.com/provensql/provensql/proofsys"
)

// deviceState is what one ICICLE device holds for every prover in the
// process: its NTT domain, which ICICLE keeps per device, and the lock
// that gives one proof at a time the device (the domain, and the memory a
// proof's arithmetic takes). A device is process-wide, hence the registry.
type deviceState struct {
	mu sync.Mutex
	// domainSize is the order of the root of unity the device's NTT domain
	// was initialised with (0: none yet)
	domainSize uint64
}

var (
	devicesMu sync.Mutex
	devices   = map[Device]*deviceState{}
)

func stateOf(d Device) *deviceState {
	devicesMu.Lock()
	defer devicesMu.Unlock()
	s, ok := devices[d]
	if !ok {
		s = &deviceState{}
		devices[d] = s
	}
	return s
}

// kernels are proofsys.Kernels on an ICICLE device for one proving key:
// the quotient's NTTs and the MSMs run there, over the key's bases, which
// are converted from Montgomery form once and, pinned, stay in device
// memory. Their methods are called with the device's lock held.
type kernels struct {
	device icicle_runtime.Device
	state  *deviceState
	pk     *groth16_bn254.ProvingKey
	pin    bool
	// precompute is ICICLE's MSM precompute factor for pinned bases: each
	// base is kept with precompute−1 multiples 2^(k·c·⌈windows/precompute⌉),
	// which cuts the MSM's bucket rounds by that factor for that much
	// device memory (1: none)
	precompute int32
	// hostScalars leaves MSM scalars in host memory for ICICLE to stream
	// (in chunks) instead of copying them to the device first
	hostScalars bool
	// hostG2: the proofs take B's G2 MSM from the CPU, so warm leaves the
	// G2 basis off the device (MultiExpG2 still loads it if asked)
	hostG2 bool
	// windows are ICICLE's MSM window sizes (its c) by MSM name (A, B, K,
	// Z, PoK, G2; 0 is ICICLE's own choice); an MSM not named gets
	// defaultWindow's. They apply only without precomputed bases, whose
	// layout depends on c.
	windows map[string]int32
	// tune: each MSM's next call also times the MSM with each candidate
	// window (tuneWindow) and keeps the fastest in windows
	tune  bool
	tuned map[string]bool
	// steps accumulates each kernel's time for the proof in progress
	steps []step

	g1  map[proofsys.Basis]icicle_core.DeviceSlice
	g2  icicle_core.DeviceSlice
	den icicle_core.DeviceSlice // 1/(gⁿ − 1), n times, standard form
	// in holds the quotient's a, b and c on the device (n elements each):
	// each proof copies its evaluations there from wherever the solver left
	// them, and the rest stays zero from allocation on (written[j] is how
	// far part j was written last); the NTTs read in and write work, so in
	// keeps its zeros; h is the quotient's coefficients on the host, which
	// Quotient returns and its next call overwrites. The buffers are the
	// key's, allocated once, so a proof neither allocates nor page-faults
	// them, nor gathers a, b and c on the host, while it holds the device.
	in, work icicle_core.DeviceSlice
	written  [3]int
	h        []fr.Element
	// cosetGen is g = ω₂ₙ, the coset the quotient is computed on, as
	// ICICLE's limbs
	cosetGen [fr.Limbs * 2]uint32
}

var _ proofsys.Kernels = (*kernels)(nil)

func newKernels(dev Device, state *deviceState, pk *groth16_bn254.ProvingKey, pin bool, precompute int) *kernels {
	if !pin || precompute < 1 {
		precompute = 1
	}
	return &kernels{
		device: icicle_runtime.CreateDevice(string(dev.Type), dev.ID),
		state:  state, pk: pk, pin: pin, precompute: int32(precompute),
		g1:      map[proofsys.Basis]icicle_core.DeviceSlice{},
		windows: map[string]int32{}, tuned: map[string]bool{},
	}
}

// step is one kernel call's name and duration.
type step struct {
	what string
	took time.Duration
}

// run runs f on the device's thread and waits, turning an ICICLE panic
// into an error, and records its time.
func (k *kernels) run(what string, f func() error) (err error) {
	defer func(t time.Time) { k.steps = append(k.steps, step{what, time.Since(t)}) }(time.Now())
	done := make(chan struct{})
	icicle_runtime.RunOnDevice(&k.device, func(...any) {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("icicle: %s: %v", what, r)
			}
		}()
		err = f()
	})
	<-done
	return err
}

func check(e icicle_runtime.EIcicleError, what string) error {
	if e != icicle_runtime.Success {
		return fmt.Errorf("icicle: %s: %s", what, e.AsString())
	}
	return nil
}

// prepare readies the device's NTT domain for the key (on the device's
// thread, the lock held) and the quotient's constants.
func (k *kernels) prepare() error {
	n := k.pk.Domain.Cardinality
	if k.den.AsUnsafePointer() != nil {
		return nil
	}
	g, err := fft.Generator(2 * n)
	if err != nil {
		return fmt.Errorf("icicle: no root of unity of order %d: %w", 2*n, err)
	}
	bits := g.Bits()
	copy(k.cosetGen[:], icicle_core.ConvertUint64ArrToUint32Arr(bits[:]))
	var den, one fr.Element
	one.SetOne()
	den.Exp(g, new(big.Int).SetUint64(n)).Sub(&den, &one).Inverse(&den)
	dens := make([]fr.Element, n)
	for i := range dens {
		dens[i] = den
	}
	return k.run("quotient constants", func() error {
		// gnark-crypto's roots are powers of one root of order 2²⁸, so the
		// domain's ω_m are gnark's for every m up to its order
		if k.state.domainSize < 2*n {
			if k.state.domainSize != 0 {
				if e := icicle_ntt.ReleaseDomain(); e != icicle_runtime.Success && e != icicle_runtime.ApiNotImplemented {
					return check(e, "releasing the NTT domain")
				}
			}
			var root icicle_bn254.ScalarField
			root.FromLimbs(k.cosetGen[:])
			if err := check(icicle_ntt.InitDomain(root, icicle_core.GetDefaultNTTInitDomainConfig()), "initialising the NTT domain"); err != nil {
				return err
			}
			k.state.domainSize = 2 * n
		}
		icicle_core.HostSliceFromElements(dens).CopyToDevice(&k.den, true)
		if err := check(icicle_bn254.FromMontgomery(k.den), "quotient constants"); err != nil {
			return err
		}
		icicle_core.HostSliceFromElements(make([]fr.Element, 3*n)).CopyToDevice(&k.in, true)
		if _, e := k.work.Malloc(fr.Bytes, int(3*n)); e != icicle_runtime.Success {
			return check(e, "allocating the quotient's buffer")
		}
		k.written, k.h = [3]int{}, make([]fr.Element, n)
		touchPages(k.h)
		return nil
	})
}

// touchPages writes one element of every 4 KiB page of h, so that the
// pages are mapped when the key is pinned rather than in its first proof,
// which copies H's coefficients there from the device: on the H100 host a
// one-segment 2^20-row proof's quotient took 0.32–0.40 s with keys read
// from the cache (a process that had touched little memory) against
// 0.14–0.15 s right after setting them up (a heap full of freed pages).
func touchPages(h []fr.Element) {
	const perPage = 4096 / fr.Bytes
	for i := 0; i < len(h); i += perPage {
		h[i] = fr.Element{}
	}
}

// Quotient implements proofsys.Kernels: the three inverse NTTs and coset
// NTTs in one batch, then (a·b − c)/(gⁿ − 1) and the inverse coset NTT,
// bit-reversed as G1.Z is. Values stay in Montgomery form, which the NTTs
// (linear) keep: only a leaves it before the product. The coefficients it
// returns are the key's buffer, valid until its next call (SolvedBN254.Prove
// consumes them before it returns, the device's lock held).
func (k *kernels) Quotient(a, b, c []fr.Element) ([]fr.Element, error) {
	if err := k.prepare(); err != nil {
		return nil, err
	}
	n := int(k.pk.Domain.Cardinality)
	if len(a) > n || len(b) > n || len(c) > n {
		return nil, fmt.Errorf("icicle: %d, %d, %d evaluations for a domain of %d", len(a), len(b), len(c), n)
	}
	err := k.run("quotient_s", func() error {
		for j, v := range [][]fr.Element{a, b, c} {
			if len(v) > 0 {
				part := k.in.Range(j*n, j*n+len(v), false)
				icicle_core.HostSliceFromElements(v).CopyToDevice(&part, false)
			}
			if stale := k.written[j] - len(v); stale > 0 { // shorter than the last: zero the rest
				part := k.in.Range(j*n+len(v), j*n+k.written[j], false)
				icicle_core.HostSliceFromElements(make([]fr.Element, stale)).CopyToDevice(&part, false)
			}
			k.written[j] = len(v)
		}
		d := k.work
		cfg := icicle_ntt.GetDefaultNttConfig()
		cfg.BatchSize = 3
		cfg.Ordering = icicle_core.KNM
		if err := check(icicle_ntt.Ntt(k.in, icicle_core.KInverse, &cfg, d), "inverse NTT"); err != nil {
			return err
		}
		cfg.Ordering = icicle_core.KMN
		cfg.CosetGen = k.cosetGen
		if err := check(icicle_ntt.Ntt(d, icicle_core.KForward, &cfg, d), "coset NTT"); err != nil {
			return err
		}
		da, db, dc := d.Range(0, n, false), d.Range(n, 2*n, false), d.Range(2*n, 3*n, false)
		if err := check(icicle_bn254.FromMontgomery(da), "from Montgomery"); err != nil {
			return err
		}
		vc := icicle_core.DefaultVecOpsConfig()
		for _, op := range []struct {
			b    icicle_core.DeviceSlice
			op   icicle_core.VecOps
			what string
		}{{db, icicle_core.Mul, "a·b"}, {dc, icicle_core.Sub, "a·b − c"}, {k.den, icicle_core.Mul, "division by the vanishing polynomial"}} {
			if err := check(icicle_vecops.VecOp(da, op.b, da, vc, op.op), op.what); err != nil {
				return err
			}
		}
		cfg = icicle_ntt.GetDefaultNttConfig()
		cfg.CosetGen = k.cosetGen
		cfg.Ordering = icicle_core.KNR
		if err := check(icicle_ntt.Ntt(da, icicle_core.KInverse, &cfg, da), "inverse coset NTT"); err != nil {
			return err
		}
		icicle_core.HostSliceFromElements(k.h).CopyFromDevice(&da)
		return nil
	})
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	runtime.KeepAlive(c)
	return k.h, err
}

// warm loads every basis of the key and the quotient's constants onto the
// device (the device's lock held), so that the key's first proof does not
// pay for their transfer and conversion.
func (k *kernels) warm() error {
	if err := k.prepare(); err != nil {
		return err
	}
	kinds := []proofsys.Basis{{Kind: proofsys.BasisA}, {Kind: proofsys.BasisB}, {Kind: proofsys.BasisK}, {Kind: proofsys.BasisZ}}
	for i := range k.pk.CommitmentKeys {
		kinds = append(kinds, proofsys.Basis{Kind: proofsys.BasisPoK, Commitment: i})
	}
	return k.run("pin_s", func() error {
		for _, b := range kinds {
			if _, err := k.bases(b); err != nil {
				return err
			}
		}
		if k.hostG2 {
			return nil
		}
		_, err := k.g2Bases()
		return err
	})
}

// bases returns the device copy of a G1 basis (on the device's thread),
// loading it if it is not there. Unpinned, the caller frees it.
func (k *kernels) bases(b proofsys.Basis) (icicle_core.DeviceSlice, error) {
	if d, ok := k.g1[b]; ok {
		return d, nil
	}
	pts, err := proofsys.Bases(k.pk, b)
	if err != nil {
		return icicle_core.DeviceSlice{}, err
	}
	d, err := loadBases(k, pts, icicle_bn254.AffineFromMontgomery, icicle_msm.PrecomputeBases)
	if err == nil && k.pin {
		k.g1[b] = d
	}
	return d, err
}

// g2Bases is bases for G2.B.
func (k *kernels) g2Bases() (icicle_core.DeviceSlice, error) {
	if k.g2.AsUnsafePointer() != nil {
		return k.g2, nil
	}
	d, err := loadBases(k, k.pk.G2.B, icicle_g2.G2AffineFromMontgomery, icicle_g2.G2PrecomputeBases)
	if err == nil && k.pin {
		k.g2 = d
	}
	return d, err
}

// loadBases copies points (G1 or G2, gnark's Montgomery form) to the
// device, converts them to ICICLE's standard form and, with a precompute
// factor, replaces them by ICICLE's precomputed bases (on the device's
// thread).
func loadBases[P any](k *kernels, pts []P,
	fromMontgomery func(icicle_core.HostOrDeviceSlice) icicle_runtime.EIcicleError,
	precompute func(icicle_core.HostOrDeviceSlice, *icicle_core.MSMConfig, icicle_core.DeviceSlice) icicle_runtime.EIcicleError,
) (icicle_core.DeviceSlice, error) {
	var d icicle_core.DeviceSlice
	icicle_core.HostSliceFromElements(pts).CopyToDevice(&d, true)
	runtime.KeepAlive(pts)
	if err := check(fromMontgomery(d), "bases from Montgomery"); err != nil {
		d.Free()
		return icicle_core.DeviceSlice{}, err
	}
	if k.precompute <= 1 {
		return d, nil
	}
	var out icicle_core.DeviceSlice
	if _, e := out.Malloc(d.SizeOfElement(), d.Len()*int(k.precompute)); e != icicle_runtime.Success {
		d.Free()
		return icicle_core.DeviceSlice{}, check(e, "allocating precomputed bases")
	}
	cfg := k.msmConfig("", 0)
	e := precompute(d, &cfg, out)
	d.Free()
	if e != icicle_runtime.Success {
		out.Free()
		return icicle_core.DeviceSlice{}, check(e, "precomputing bases")
	}
	return out, nil
}

// msmConfig is the MSM configuration of the kernels' bases for the MSM
// named name over n points: its window from windows, or defaultWindow's.
func (k *kernels) msmConfig(name string, n int) icicle_core.MSMConfig {
	cfg := icicle_msm.GetDefaultMSMConfig()
	cfg.AreScalarsMontgomeryForm = true
	cfg.PrecomputeFactor = k.precompute
	if k.precompute <= 1 {
		c, ok := k.windows[name]
		if !ok {
			c = defaultWindow(name, n)
		}
		cfg.C = c
	}
	return cfg
}

// defaultWindow is the MSM window for n points when none is set: ICICLE
// takes ⌈log₂ n⌉ − 4 (up to 20), which is near the best up to 2^20 points
// and too large above. Timing every window of every MSM of Q1's proofs
// at 2^16 to 2^20 rows on an H100 (BENCHMARKS.md) gave the best at
// ⌈log₂ n⌉ − 4 capped at 16 for G1 and ⌈log₂ n⌉ − 5 capped at 15 for G2:
// at 2^20 rows in one segment, 201 ms of MSMs a proof instead of 280.
func defaultWindow(name string, n int) int32 {
	if n < 2 {
		return 0 // ICICLE's own
	}
	lg := int32(bits.Len(uint(n - 1)))
	if name == "G2" {
		return max(1, min(lg-5, 15))
	}
	return max(1, min(lg-4, 16))
}

// MultiExpG1 implements proofsys.Kernels.
func (k *kernels) MultiExpG1(b proofsys.Basis, scalars []fr.Element) (bn254.G1Jac, error) {
	var out bn254.G1Jac
	p, err := multiExp[icicle_bn254.Projective](k, msmNames[b.Kind], func() (icicle_core.DeviceSlice, error) { return k.bases(b) }, icicle_msm.Msm, scalars)
	if err == nil {
		a := toAffine(p)
		out.FromAffine(&a)
	}
	return out, err
}

// MultiExpG2 implements proofsys.Kernels.
func (k *kernels) MultiExpG2(scalars []fr.Element) (bn254.G2Jac, error) {
	var out bn254.G2Jac
	p, err := multiExp[icicle_g2.G2Projective](k, "msmG2_s", k.g2Bases, icicle_g2.G2Msm, scalars)
	if err != nil {
		return out, err
	}
	a, err := g2Affine(p)
	if err == nil {
		out.FromAffine(&a)
	}
	return out, err
}

// multiExp runs one MSM over a G1 or G2 basis (loaded by bases) on the
// device's thread and returns ICICLE's projective result; no scalars give
// the zero value (the point at infinity).
func multiExp[R any](k *kernels, what string, bases func() (icicle_core.DeviceSlice, error),
	msm func(icicle_core.HostOrDeviceSlice, icicle_core.HostOrDeviceSlice, *icicle_core.MSMConfig, icicle_core.HostOrDeviceSlice) icicle_runtime.EIcicleError,
	scalars []fr.Element,
) (R, error) {
	var out R
	if len(scalars) == 0 {
		return out, nil
	}
	name := strings.TrimPrefix(strings.TrimSuffix(what, "_s"), "msm")
	tune := k.tune && k.precompute <= 1 && !k.tuned[name]
	err := k.run(what, func() error {
		d, err := bases()
		if err != nil {
			return err
		}
		if !k.pin {
			defer d.Free()
		}
		if d.Len() != len(scalars)*int(k.precompute) {
			return fmt.Errorf("icicle: MSM of %d points and %d scalars", d.Len()/int(k.precompute), len(scalars))
		}
		cfg := k.msmConfig(name, len(scalars))
		s, free := k.scalarSlice(scalars)
		defer free()
		res := make(icicle_core.HostSlice[R], 1)
		if err := check(msm(s, d, &cfg, res), "MSM "+name); err != nil {
			return err
		}
		out = res[0]
		return nil
	})
	if err == nil && tune {
		err = k.run("tune_s", func() error { return tuneWindow[R](k, name, bases, msm, scalars) })
	}
	runtime.KeepAlive(scalars)
	return out, err
}

// tuneWindow times the MSM named name over scalars with each candidate
// window c, from ⌈log₂ n⌉ − 10 to ⌈log₂ n⌉ − 1 (at least 4, at most 20,
// ICICLE's bounds for its own choice) and ICICLE's own, the best of two
// runs each, keeps the fastest in k.windows and logs the times (on the
// device's thread). Every c gives the same sum, so tuning changes only the
// time; it needs the bases on the device, unpinned ones freed after it.
func tuneWindow[R any](k *kernels, name string, bases func() (icicle_core.DeviceSlice, error),
	msm func(icicle_core.HostOrDeviceSlice, icicle_core.HostOrDeviceSlice, *icicle_core.MSMConfig, icicle_core.HostOrDeviceSlice) icicle_runtime.EIcicleError,
	scalars []fr.Element,
) error {
	d, err := bases()
	if err != nil {
		return err
	}
	if !k.pin {
		defer d.Free()
	}
	s, free := k.scalarSlice(scalars)
	defer free()
	lg := int32(bits.Len(uint(len(scalars) - 1)))
	candidates := []int32{0}
	for c := max(4, lg-10); c <= min(20, lg-1); c++ {
		candidates = append(candidates, c)
	}
	res := make(icicle_core.HostSlice[R], 1)
	best, bestTook := int32(0), time.Duration(math.MaxInt64)
	took := make([]string, 0, len(candidates))
	for _, c := range candidates {
		cfg := k.msmConfig(name, len(scalars))
		cfg.C = c
		fastest := time.Duration(math.MaxInt64)
		for range 2 {
			t := time.Now()
			if err := check(msm(s, d, &cfg, res), fmt.Sprintf("MSM %s with window %d", name, c)); err != nil {
				return err
			}
			fastest = min(fastest, time.Since(t))
		}
		took = append(took, fmt.Sprintf("%d:%.1f", c, fastest.Seconds()*1e3))
		if fastest < bestTook {
			best, bestTook = c, fastest
		}
	}
	k.windows[name], k.tuned[name] = best, true
	slog.Info("icicle msm window", "msm", name, "points", len(scalars), "window", best, "ms_by_window", strings.Join(took, " "), "windows", k.windowsString())
	return nil
}

// windowsString is k.windows as PROVENSQL_GPU_MSM_WINDOWS takes them
// ("A=11,G2=9"; 0 is ICICLE's own choice), names in order.
func (k *kernels) windowsString() string {
	names := slices.Sorted(maps.Keys(k.windows))
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%d", n, k.windows[n])
	}
	return strings.Join(parts, ",")
}

// msmNames name the MSMs over each basis in the step timings.
var msmNames = map[proofsys.BasisKind]string{
	proofsys.BasisA: "msmA_s", proofsys.BasisB: "msmB_s", proofsys.BasisK: "msmK_s",
	proofsys.BasisZ: "msmZ_s", proofsys.BasisPoK: "msmPoK_s",
}

// scalarSlice returns scalars as an MSM takes them (on the device's
// thread): copied to the device in one transfer, so that ICICLE runs the
// MSM in one piece (it cuts an MSM of host scalars into four, to overlap
// their transfer), or left on the host with hostScalars; free releases the
// copy.
func (k *kernels) scalarSlice(scalars []fr.Element) (icicle_core.HostOrDeviceSlice, func()) {
	h := icicle_core.HostSliceFromElements(scalars)
	if k.hostScalars {
		return h, func() {}
	}
	var d icicle_core.DeviceSlice
	h.CopyToDevice(&d, true)
	return d, func() { d.Free() }
}

// free releases the key's device memory (on the device's thread).
func (k *kernels) free() {
	_ = k.run("free", func() error {
		for b, d := range k.g1 {
			d.Free()
			delete(k.g1, b)
		}
		for _, d := range []*icicle_core.DeviceSlice{&k.g2, &k.den, &k.in, &k.work} {
			if d.AsUnsafePointer() != nil {
				d.Free()
				*d = icicle_core.DeviceSlice{}
			}
		}
		return nil
	})
}

// g2Affine converts ICICLE's projective G2 point (X/Z, Y/Z, coordinates in
// standard form) to gnark's affine point; Z = 0 is the point at infinity.
func g2Affine(p icicle_g2.G2Projective) (bn254.G2Affine, error) {
	var a bn254.G2Affine
	e2 := func(f icicle_g2.G2BaseField) (bn254.E2, error) {
		b := f.ToBytesLittleEndian()
		var e bn254.E2
		var err error
		if e.A0, err = fp.LittleEndian.Element((*[fp.Bytes]byte)(b[:fp.Bytes])); err != nil {
			return e, err
		}
		e.A1, err = fp.LittleEndian.Element((*[fp.Bytes]byte)(b[fp.Bytes:]))
		return e, err
	}
	x, err := e2(p.X)
	if err != nil {
		return a, fmt.Errorf("icicle: G2 MSM result: %w", err)
	}
	y, err := e2(p.Y)
	if err != nil {
		return a, fmt.Errorf("icicle: G2 MSM result: %w", err)
	}
	z, err := e2(p.Z)
	if err != nil {
		return a, fmt.Errorf("icicle: G2 MSM result: %w", err)
	}
	if z.IsZero() {
		return a, nil
	}
	var zInv bn254.E2
	zInv.Inverse(&z)
	a.X.Mul(&x, &zInv)
	a.Y.Mul(&y, &zInv)
	return a, nil
}
