//go:build icicle

package icicle

import (
	"context"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	fr_bw6761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	fcs "github.com/consensys/gnark/frontend/cs"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/internal/testcircuits"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/store"
)

func TestMain(m *testing.M) {
	SerializeLaunches()
	os.Exit(m.Run())
}

func TestParseDevice(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Device
		ok   bool
	}{
		{"", Device{CUDA, 0}, true},
		{"cuda", Device{CUDA, 0}, true},
		{"CUDA:2", Device{CUDA, 2}, true},
		{"cpu", Device{CPU, 0}, true},
		{"cpu:1", Device{CPU, 1}, true},
		{"metal", Device{}, false},
		{"cuda:-1", Device{}, false},
		{"cuda:x", Device{}, false},
	} {
		got, err := ParseDevice(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseDevice(%q) = %v, %v; want %v (ok %v)", c.in, got, err, c.want, c.ok)
		}
		if c.ok {
			if back, _ := ParseDevice(got.String()); back != got {
				t.Errorf("%v does not read back", got)
			}
		}
	}
}

func TestParseWindows(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]int
		ok   bool
	}{
		{"", map[string]int{}, true},
		{"A=11", map[string]int{"A": 11}, true},
		{"A=11, G2=9,PoK=0", map[string]int{"A": 11, "G2": 9, "PoK": 0}, true},
		{"A=11,B=10,K=12,Z=13,PoK=8,G2=9", map[string]int{"A": 11, "B": 10, "K": 12, "Z": 13, "PoK": 8, "G2": 9}, true},
		{"X=11", nil, false},
		{"A", nil, false},
		{"A=", nil, false},
		{"A=-1", nil, false},
		{"A=31", nil, false},
		{"A=11,A=12", nil, false},
		{"g2=9", nil, false},
	} {
		got, err := ParseWindows(c.in)
		if (err == nil) != c.ok || (c.ok && !maps.Equal(got, c.want)) {
			t.Errorf("ParseWindows(%q) = %v, %v; want %v (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestDefaultWindow(t *testing.T) {
	// the best windows of the H100 sweeps in BENCHMARKS.md, and the edges
	for _, c := range []struct {
		name string
		n    int
		want int32
	}{
		{"A", 0, 0}, {"A", 1, 0}, {"A", 2, 1}, {"G2", 2, 1},
		{"PoK", 131_220, 14}, {"A", 393_404, 15}, {"Z", 1_048_575, 16},
		{"A", 1_573_054, 16}, {"A", 6_291_651, 16}, {"Z", 8_388_607, 16},
		{"G2", 196_770, 13}, {"G2", 393_379, 14}, {"G2", 786_596, 15}, {"G2", 3_145_897, 15},
	} {
		if got := defaultWindow(c.name, c.n); got != c.want {
			t.Errorf("defaultWindow(%s, %d) = %d, want %d", c.name, c.n, got, c.want)
		}
	}
}

// testDevice is the device the tests run on: PROVENSQL_GPU_DEVICE, cuda:0
// by default ("cpu" checks this path with ICICLE's CPU backend).
func testDevice(t *testing.T) Device {
	t.Helper()
	d, err := ParseDevice(os.Getenv("PROVENSQL_GPU_DEVICE"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func gpuMSM(t *testing.T) *MSM {
	t.Helper()
	m, err := NewMSM(testDevice(t))
	if err != nil {
		t.Fatalf("no device for the icicle build: %v", err)
	}
	return m
}

// TestMSMMatchesCPU: the device's MSM equals gnark-crypto's, bit for bit,
// over the SRS's Lagrange points (what commitments use), at several sizes.
func TestMSMMatchesCPU(t *testing.T) {
	m := gpuMSM(t)
	srs, err := commitment.NewUnsafeSRS(1 << 14)
	if err != nil {
		t.Fatal(err)
	}
	bases, err := srs.Lagrange(1 << 14)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 1000, 1 << 14} {
		scalars := make([]fr.Element, n)
		for i := range scalars {
			if _, err := scalars[i].SetRandom(); err != nil {
				t.Fatal(err)
			}
		}
		scalars[0].SetZero() // a zero and a small scalar, as in real columns
		if n > 1 {
			scalars[1].SetUint64(7)
		}
		got, err := m.MultiExpG1(bases[:n], scalars)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := commitment.CPU{}.MultiExpG1(bases[:n], scalars)
		if !got.Equal(&want) {
			t.Fatalf("MSM of %d points differs from the CPU's", n)
		}
	}
	zero := make([]fr.Element, 8)
	if got, err := m.MultiExpG1(bases[:8], zero); err != nil || !got.IsInfinity() {
		t.Fatalf("MSM of zero scalars: %v, infinity %v", err, got.IsInfinity())
	}
}

// TestMSM377MatchesCPU: the device's MSM over BLS12-377 (the one-check
// path's commitments and openings) equals gnark-crypto's, bit for bit,
// over the BLS12-377 SRS's Lagrange points, and an SRS given it commits
// and opens as on the CPU.
func TestMSM377MatchesCPU(t *testing.T) {
	m := gpuMSM(t).BLS12377()
	srs, err := kzg377.NewUnsafeSRS(1 << 12)
	if err != nil {
		t.Fatal(err)
	}
	bases, err := srs.Lagrange(1 << 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 1000, 1 << 12} {
		scalars := make([]fr377.Element, n)
		for i := range scalars {
			if _, err := scalars[i].SetRandom(); err != nil {
				t.Fatal(err)
			}
		}
		scalars[0].SetZero()
		got, err := m.MultiExpG1(bases[:n], scalars)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := kzg377.CPU{}.MultiExpG1(bases[:n], scalars)
		if !got.Equal(&want) {
			t.Fatalf("MSM of %d points over BLS12-377 differs from the CPU's", n)
		}
	}
	if got, err := m.MultiExpG1(bases[:8], make([]fr377.Element, 8)); err != nil || !got.IsInfinity() {
		t.Fatalf("MSM of zero scalars: %v, infinity %v", err, got.IsInfinity())
	}
	col := make([]fr377.Element, 1<<12)
	for i := range col {
		col[i].SetInt64(int64(3*i - 500))
	}
	var z fr377.Element
	z.SetUint64(123456789)
	want, err := srs.Open(col, z)
	if err != nil {
		t.Fatal(err)
	}
	srs.SetMSM(m)
	got, err := srs.Open(col, z)
	if err != nil || got != want {
		t.Fatalf("an opening with the device's MSM differs from the CPU's (%v)", err)
	}
}

// TestExclusiveMSMWaitsForTheDevice: an Exclusive MSM starts only once the
// device's lock (a proof's) is released, and its sum is still right.
func TestExclusiveMSMWaitsForTheDevice(t *testing.T) {
	m := gpuMSM(t)
	m.Exclusive = true
	srs, err := commitment.NewUnsafeSRS(64)
	if err != nil {
		t.Fatal(err)
	}
	bases, err := srs.Lagrange(64)
	if err != nil {
		t.Fatal(err)
	}
	scalars := randomScalars(t, 64)
	m.state.mu.Lock()
	done := make(chan bn254.G1Affine)
	go func() {
		got, err := m.MultiExpG1(bases, scalars)
		if err != nil {
			t.Error(err)
		}
		done <- got
	}()
	select {
	case <-done:
		m.state.mu.Unlock()
		t.Fatal("an exclusive MSM ran while the device's lock was held")
	case <-time.After(300 * time.Millisecond):
	}
	m.state.mu.Unlock()
	got := <-done
	want, _ := commitment.CPU{}.MultiExpG1(bases, scalars)
	if !got.Equal(&want) {
		t.Fatal("the exclusive MSM differs from the CPU's")
	}
}

// TestGPUProofsVerifyOnTheCPU proves Q1 on the GPU over a store committed on
// the GPU; the receipt verifies with the CPU verifier, and a CPU store over
// the same SRS holds the same commitments.
// It runs with this package's kernels and with gnark's ICICLE prover, and
// with the kernels and the G2 MSM on the host (keys pinned, so without the
// G2 basis on the device).
func TestGPUProofsVerifyOnTheCPU(t *testing.T) {
	for _, withGnark := range []bool{false, true} {
		t.Run(map[bool]string{false: "kernels", true: "gnark"}[withGnark], func(t *testing.T) {
			proveOnGPU(t, NewProver(testDevice(t), false, withGnark))
		})
	}
	t.Run("kernels, G2 on the host", func(t *testing.T) {
		p := NewProver(testDevice(t), true, false)
		p.HostG2 = true
		proveOnGPU(t, p)
	})
}

func proveOnGPU(t *testing.T, p *Prover) {
	m := gpuMSM(t)
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 12, Prover: p, MSM: m})
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(3000, 1)
	onGPU, err := db.Store().Append(data.Table, 10, data.Cols)
	if err != nil {
		t.Fatal(err)
	}
	cpu, err := store.Open(t.TempDir(), store.Options{SRSFile: filepath.Join(dir, "srs.bin")})
	if err != nil {
		t.Fatal(err)
	}
	onCPU, err := cpu.Append(data.Table, 10, data.Cols)
	if err != nil {
		t.Fatal(err)
	}
	if onGPU.History[len(onGPU.History)-1] != onCPU.History[len(onCPU.History)-1] {
		t.Fatal("the GPU's commitments differ from the CPU's")
	}
	res, err := db.Prove(context.Background(), datagen.Q1, data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provensql.Verify(res.Receipt); err != nil {
		t.Fatalf("GPU receipt rejected by the CPU verifier: %v", err)
	}
	// A changed result is still refused.
	bad := *res.Receipt
	bad.Rows = [][]string{{"1", "1"}}
	if _, err := provensql.Verify(&bad); err == nil {
		t.Fatal("changed result accepted")
	}
}

// chainLength makes the test circuit a few thousand constraints.
const chainLength = 3000

// TestKernelsMatchCPU: the device's quotient and MSMs over a proving key
// equal the CPU kernels' bit for bit (bases pinned or not, precomputed or
// not, scalars copied or streamed; twice each so pinned bases are reused),
// and a proof from them verifies.
func TestKernelsMatchCPU(t *testing.T) {
	if err := loadBackend(); err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, testcircuits.NewChain(chainLength))
	if err != nil {
		t.Fatal(err)
	}
	g := proofsys.Groth16{}
	keys, err := g.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	pk := keys.PK.(*groth16_bn254.ProvingKey)
	assignment, y := testcircuits.ChainWitness(chainLength, 5, 3)
	full, err := frontend.NewWitness(assignment, ecc.BN254.ScalarField())
	if err != nil {
		t.Fatal(err)
	}
	r1 := ccs.(*cs_bn254.R1CS)
	// any commitment value solves the chain (its A, B, C are what the
	// quotient takes)
	anyCommitment := solver.OverrideHint(solver.GetHintID(fcs.Bsb22CommitmentComputePlaceholder), func(_ *big.Int, _, out []*big.Int) error {
		out[0].SetInt64(12345)
		return nil
	})
	sol, err := r1.Solve(full, anyCommitment)
	if err != nil {
		t.Fatal(err)
	}
	cpu := proofsys.CPUKernels{PK: pk}
	dev := testDevice(t)
	for _, c := range []struct {
		pin         bool
		precompute  int
		hostScalars bool
		// tune: windows tuned in round 0, used in rounds 1 and 2;
		// window: every MSM's window set to it
		tune   bool
		window int32
	}{{true, 1, false, false, 0}, {false, 1, false, false, 0}, {true, 4, false, false, 0}, {true, 1, true, false, 0},
		{true, 1, false, true, 0}, {false, 1, false, true, 0}, {true, 1, false, false, 5}} {
		k := newKernels(dev, stateOf(dev), pk, c.pin, c.precompute)
		k.hostScalars = c.hostScalars
		k.tune = c.tune
		if c.window != 0 {
			for _, name := range msmNamesInWindows {
				k.windows[name] = c.window
			}
		}
		for round := range 3 {
			s := sol.(*cs_bn254.R1CSSolution)
			a, b, c := slices.Clone(s.A), slices.Clone(s.B), slices.Clone(s.C)
			switch round {
			case 1:
				// other values through the kernels' reused buffers: a
				// and c doubled still satisfy a·b = c, so H doubles (on
				// values that do not, the device's coset and the CPU's
				// differ, and so do their quotients)
				for _, v := range [][]fr.Element{a, c} {
					for i := range v {
						v[i].Double(&v[i])
					}
				}
			case 2:
				// a and c one shorter than before (0·b = 0 on the last
				// constraint): what the last round wrote there must not
				// stay
				a, c = a[:len(a)-1], c[:len(c)-1]
			}
			want, err := cpu.Quotient(slices.Clone(a), slices.Clone(b), slices.Clone(c))
			if err != nil {
				t.Fatal(err)
			}
			got, err := k.Quotient(a, b, c)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%+v round %d: the device's quotient differs from the CPU's", c, round)
			}
			for _, basis := range []proofsys.Basis{{Kind: proofsys.BasisA}, {Kind: proofsys.BasisB}, {Kind: proofsys.BasisK}, {Kind: proofsys.BasisZ}, {Kind: proofsys.BasisPoK}} {
				pts, err := proofsys.Bases(pk, basis)
				if err != nil {
					t.Fatal(err)
				}
				scalars := randomScalars(t, len(pts))
				got, err := k.MultiExpG1(basis, scalars)
				if err != nil {
					t.Fatal(err)
				}
				want, _ := cpu.MultiExpG1(basis, scalars)
				if !got.Equal(&want) {
					t.Fatalf("%+v round %d: the device's MSM over basis %d differs from the CPU's", c, round, basis.Kind)
				}
			}
			scalars := randomScalars(t, len(pk.G2.B))
			got2, err := k.MultiExpG2(scalars)
			if err != nil {
				t.Fatal(err)
			}
			want2, _ := cpu.MultiExpG2(scalars)
			if !got2.Equal(&want2) {
				t.Fatalf("%+v round %d: the device's G2 MSM differs from the CPU's", c, round)
			}
		}
		if c.tune && len(k.tuned) != len(msmNamesInWindows) {
			t.Fatalf("%+v: tuned %v, want every MSM (%v)", c, k.tuned, msmNamesInWindows)
		}
		solved, err := proofsys.SolveBN254(r1, pk, full, commitment.NewMemo(gpuMSM(t)))
		if err != nil {
			t.Fatal(err)
		}
		proof, err := solved.Prove(k)
		if err != nil {
			t.Fatal(err)
		}
		k.free()
		pb, err := proofsys.ProofBytes(proof)
		if err != nil {
			t.Fatal(err)
		}
		vk, err := g.VerifyingKeyBytes(keys)
		if err != nil {
			t.Fatal(err)
		}
		if err := g.Verify(vk, pb, []*big.Int{big.NewInt(5), y}); err != nil {
			t.Fatalf("%+v: a proof from the device's kernels was refused: %v", c, err)
		}
	}
}

func randomScalars(t *testing.T, n int) []fr.Element {
	t.Helper()
	s := make([]fr.Element, n)
	for i := range s {
		if _, err := s[i].SetRandom(); err != nil {
			t.Fatal(err)
		}
	}
	if n > 1 {
		s[0].SetZero()
		s[1].SetUint64(7)
	}
	return s
}

// TestTwoChainWrapper proves the two-chain path's fixed cost on the device:
// the BN254 wrapper (5.3M constraints) over one BW6-761 aggregator proof of
// two segment proofs (internal/twochain; the aggregator proves on the
// host's cores). The proof verifies on the CPU with the wrapper's outputs,
// and not with one of them changed. Minutes on a CPU: it runs only with
// PROVENSQL_TWOCHAIN=1 (device-check.sh's run "wrap").
func TestTwoChainWrapper(t *testing.T) {
	if os.Getenv("PROVENSQL_TWOCHAIN") == "" {
		t.Skip("set PROVENSQL_TWOCHAIN=1 to prove the two-chain wrapper (5.3M constraints)")
	}
	a, err := twochain.ProveAggregation(2)
	if err != nil {
		t.Fatal(err)
	}
	shape, err := twochain.WrapperShape(a.CS, a.VK)
	if err != nil {
		t.Fatal(err)
	}
	field := ecc.BN254.ScalarField()
	t0 := time.Now()
	cs, err := frontend.Compile(field, r1cs.NewBuilder, shape)
	if err != nil {
		t.Fatal(err)
	}
	compileS := time.Since(t0).Seconds()
	p := NewProver(testDevice(t), true, false)
	t0 = time.Now()
	keys, err := p.Setup(cs)
	if err != nil {
		t.Fatal(err)
	}
	setupS := time.Since(t0).Seconds()
	assign, err := twochain.WrapperAssignment(a)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(assign, field)
	if err != nil {
		t.Fatal(err)
	}
	vk, err := proofsys.NewGroth16().VerifyingKeyBytes(keys)
	if err != nil {
		t.Fatal(err)
	}
	outs := make([]*big.Int, twochain.Outputs)
	for j := range outs {
		outs[j] = big.NewInt(int64(j + 1))
	}
	var proveS []float64
	var proof []byte
	for range 2 { // the second with the key's bases already on the device
		t0 = time.Now()
		if proof, err = p.Prove(cs, keys, w); err != nil {
			t.Fatal(err)
		}
		proveS = append(proveS, time.Since(t0).Seconds())
	}
	digest := func() []*big.Int { // the wrapper's one public input
		d, err := twochain.OutputDigest(outs)
		if err != nil {
			t.Fatal(err)
		}
		return []*big.Int{d}
	}
	if err := proofsys.NewGroth16().Verify(vk, proof, digest()); err != nil {
		t.Fatalf("the device's wrapper proof refused on the CPU: %v", err)
	}
	outs[0] = big.NewInt(99)
	if proofsys.NewGroth16().Verify(vk, proof, digest()) == nil {
		t.Fatal("the wrapper proof verified with another output")
	}
	t.Logf("two-chain wrapper on %v: %d constraints, compile %.1f s, setup %.1f s, prove %.2f s then %.2f s; aggregator over 2 segments (host) %d constraints, setup %.1f s, prove %.2f s",
		testDevice(t), cs.GetNbConstraints(), compileS, setupS, proveS[0], proveS[1], a.CS.GetNbConstraints(), a.SetupS, a.ProveS)
}

// TestInnerLayersOnTheDevice proves the one-check path's inner layers on
// the device: Q1's segments over BLS12-377 (ProveTwoChain, through
// ProveOnCurve), their openings with the device's MSM over BLS12-377, and
// the BW6-761 aggregator over them (AggregatorKeys.ProveWith), whose proof
// gnark's CPU verifier accepts (ProveWith checks it) with the direct
// path's COUNT and SUM as outputs, and refuses with another COUNT. Both
// inner keys stay on the device.
func TestInnerLayersOnTheDevice(t *testing.T) {
	if os.Getenv("PROVENSQL_GPU_INNER") == "host" {
		t.Skip("PROVENSQL_GPU_INNER=host: this ICICLE build's device backend has BN254's curve alone")
	}
	p := NewProver(testDevice(t), true, false)
	m := gpuMSM(t)
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 10, Prover: p, MSM: m, MSM377: m.BLS12377()})
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(400, 1)
	if _, err := db.Store().Append(data.Table, 8, data.Cols); err != nil { // two segments of 2^8 rows
		t.Fatal(err)
	}
	params := data.Q1Params()
	plan, err := db.Plan(datagen.Q1, params...)
	if err != nil {
		t.Fatal(err)
	}
	srs, err := db.Store().SRS377()
	if err != nil {
		t.Fatal(err)
	}
	pr := &prover.Prover{Store: db.Store(), Keys: prover.NewKeyStore(filepath.Join(dir, "inner-keys"), p, nil), Backend: p}
	ctx := context.Background()
	segs, err := pr.ProveTwoChain(ctx, plan, params, srs)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := db.Prove(ctx, datagen.Q1, params...)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(segs.Rows, direct.Receipt.Rows, slices.Equal) {
		t.Fatalf("the device's segments say %v, the direct path %v", segs.Rows, direct.Receipt.Rows)
	}
	shape, err := twochain.QueryAggregatorShape(segs.CS, segs.VK, 2, segs.Layout, prover.KZGKey(srs))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := twochain.SetupAggregator(shape)
	if err != nil {
		t.Fatal(err)
	}
	assign, err := segs.AssignmentIn(2)
	if err != nil {
		t.Fatal(err)
	}
	agg, err := keys.ProveWith(assign, p) // verified on the CPU inside
	if err != nil {
		t.Fatalf("the aggregator on the device: %v", err)
	}
	if got := assign.Sums[0].(*big.Int).String(); got != direct.Receipt.Rows[0][0] {
		t.Fatalf("the aggregated COUNT is %s, the direct path's %s", got, direct.Receipt.Rows[0][0])
	}
	p.curves.mu.Lock()
	onDevice := len(p.curves.keys)
	p.curves.mu.Unlock()
	if onDevice != 2 {
		t.Fatalf("%d device keys for the inner layers, want the segments' and the aggregator's", onDevice)
	}
	public, err := agg.Public.Public()
	if err != nil {
		t.Fatal(err)
	}
	public.Vector().(fr_bw6761.Vector)[0].SetUint64(99) // another COUNT
	opts := stdgroth16.GetNativeVerifierOptions(ecc.BN254.ScalarField(), ecc.BW6_761.ScalarField())
	if err := groth16.Verify(agg.Proof, agg.VK, public, opts); err == nil {
		t.Fatal("the device's aggregator proof verified with another COUNT")
	}
	t.Logf("inner layers on %v: 2 segments of %d constraints in %v, aggregator of %d constraints in %.2f s",
		testDevice(t), segs.CS.GetNbConstraints(), segs.Prove, keys.CS.GetNbConstraints(), agg.ProveS)
}

// TestOneCheckOnTheDevice proves Q1 for one on-chain check with every
// layer on the device: the segments over BLS12-377 and the aggregator over
// BW6-761 with gnark's ICICLE provers (ProveOnCurve), the BN254 wrapper
// with this package's kernels, the BLS12-377 commitments and openings with
// the device's MSM (MSM377). The proof verifies on the CPU against the
// store's table, and not with its result changed. Minutes on a CPU (the
// wrapper's setup: 5.9M constraints): it runs only with
// PROVENSQL_TWOCHAIN=1 (device-check.sh's run "onecheckdev").
func TestOneCheckOnTheDevice(t *testing.T) {
	if os.Getenv("PROVENSQL_TWOCHAIN") == "" || os.Getenv("PROVENSQL_GPU_INNER") == "host" {
		t.Skip("set PROVENSQL_TWOCHAIN=1, on a device backend with BLS12-377 and BW6-761, to prove a query for one check on the device (minutes of setup)")
	}
	p := NewProver(testDevice(t), true, false)
	dir := t.TempDir()
	m := gpuMSM(t)
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 10, Prover: p, MSM: m, MSM377: m.BLS12377(), Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(700, 1)
	if _, err := db.Store().Append(data.Table, 8, data.Cols); err != nil { // three segments of 2^8 rows
		t.Fatal(err)
	}
	t0 := time.Now()
	oc, _, err := db.ProveOneCheck(context.Background(), datagen.Q1, data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(t0)
	p.curves.mu.Lock()
	onDevice := len(p.curves.keys)
	p.curves.mu.Unlock()
	if onDevice != 2 {
		t.Fatalf("%d device keys for the inner layers, want the segments' and the aggregator's", onDevice)
	}
	rows, err := db.VerifyOneCheck(oc)
	if err != nil {
		t.Fatalf("the device's one-check proof refused on the CPU: %v", err)
	}
	bad := *oc
	bad.Sums = slices.Clone(oc.Sums)
	bad.Sums[0] = new(big.Int).Add(oc.Sums[0], big.NewInt(1))
	if _, err := db.VerifyOneCheck(&bad); err == nil {
		t.Fatal("a one-check proof verified with its COUNT changed")
	}
	tm := oc.Timings
	t.Logf("one check on %v: %d segments (%d constraints each) in %d slots, rows %v; segments %v, aggregator (%d constraints) %v, wrapper (%d constraints) %v; the whole call %v with setups",
		testDevice(t), oc.Segments, tm.SegmentConstraints, oc.Slots, rows, tm.Segments, tm.AggregatorConstraints, tm.AggregatorProve, tm.WrapperConstraints, tm.WrapperProve, took)
}
