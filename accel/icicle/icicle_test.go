//go:build icicle

package icicle

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/store"
)

func gpuMSM(t *testing.T) *MSM {
	t.Helper()
	m, err := NewMSM(0)
	if err != nil {
		t.Fatalf("no GPU for the icicle build: %v", err)
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
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 1 << 12, Prover: NewProver(0, false), MSM: m})
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
