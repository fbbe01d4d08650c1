//go:build icicle

package icicle

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/datagen"
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

// TestGPUProofsVerifyOnTheCPU proves Q1 on the GPU over a store committed on
// the GPU; the receipt verifies with the CPU verifier, and a CPU store over
// the same SRS holds the same commitments.
func TestGPUProofsVerifyOnTheCPU(t *testing.T) {
	m := gpuMSM(t)
	dir := t.TempDir()
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 12, Prover: NewProver(testDevice(t), false), MSM: m})
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
