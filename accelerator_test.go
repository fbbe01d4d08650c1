package provensql

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/constraint/solver"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/proofsys"
)

// seamMSM and seamProver stand in for an accelerator: the CPU's kernels,
// counted (or failing), so the test sees that the store's commitments, the
// openings and the proofs go through Options.MSM and Options.Prover.
type seamMSM struct {
	calls atomic.Int64
	fail  bool
}

func (m *seamMSM) Name() string { return "seam-msm" }

func (m *seamMSM) MultiExpG1(bases []bn254.G1Affine, scalars []fr.Element) (bn254.G1Affine, error) {
	if m.fail {
		return bn254.G1Affine{}, errors.New("device out of memory")
	}
	m.calls.Add(1)
	return commitment.CPU{}.MultiExpG1(bases, scalars)
}

type seamProver struct {
	proofsys.Groth16
	proofs, solves atomic.Int64
	fail           bool
}

func (p *seamProver) Solve(cs constraint.ConstraintSystem, k proofsys.Keys, full witness.Witness, opts ...solver.Option) error {
	p.solves.Add(1)
	return p.Groth16.Solve(cs, k, full, opts...)
}

func (p *seamProver) Prove(cs constraint.ConstraintSystem, k proofsys.Keys, full witness.Witness, opts ...solver.Option) ([]byte, error) {
	if p.fail {
		return nil, errors.New("no CUDA device")
	}
	p.proofs.Add(1)
	return p.Groth16.Prove(cs, k, full, opts...)
}

func TestAcceleratorSeam(t *testing.T) {
	dir := t.TempDir()
	msm, prv := &seamMSM{}, &seamProver{}
	db, err := Open(dir, Options{SRSSize: 64, MSM: msm, Prover: prv})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store().Append(testTable(), 4, encodeRows(testRows())); err != nil {
		t.Fatal(err)
	}
	commits := msm.calls.Load()
	if commits == 0 {
		t.Fatal("ingest did not commit through Options.MSM")
	}
	// The same rows committed on the CPU over the same SRS give the same
	// table commitment.
	cpu, err := Open(t.TempDir(), Options{SRSFile: filepath.Join(dir, "srs.bin")})
	if err != nil {
		t.Fatal(err)
	}
	onCPU, err := cpu.Store().Append(testTable(), 4, encodeRows(testRows()))
	if err != nil {
		t.Fatal(err)
	}
	viaSeam, err := db.Store().Manifest("t")
	if err != nil {
		t.Fatal(err)
	}
	if viaSeam.History[len(viaSeam.History)-1] != onCPU.History[len(onCPU.History)-1] {
		t.Fatal("commitments through the seam differ from the CPU's")
	}

	res, err := db.Prove(context.Background(), "SELECT COUNT(*), SUM(a) FROM t WHERE i > $1", "0")
	if err != nil {
		t.Fatal(err)
	}
	segments := int64(len(res.Receipt.Segments))
	if got := prv.proofs.Load(); got != segments {
		t.Fatalf("%d proofs through Options.Prover for %d segments", got, segments)
	}
	if got := prv.solves.Load(); got != segments { // the first pass: solved, not proven
		t.Fatalf("%d first-pass solves through Options.Prover for %d segments", got, segments)
	}
	if got := msm.calls.Load() - commits; got != 2 { // the query opening's W and H, for all segments
		t.Fatalf("%d opening MSMs through Options.MSM for %d segments, want 2", got, segments)
	}
	// The receipt is an ordinary one: the standalone verifier accepts it.
	if _, err := Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}

	// A failing accelerator is an error that says so, never a panic or a receipt.
	failing, err := Open(dir, Options{MSM: msm, Prover: &seamProver{fail: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := failing.Prove(context.Background(), "SELECT COUNT(*), SUM(a) FROM t WHERE i > $1", "0"); err == nil || !strings.Contains(err.Error(), "no CUDA device") {
		t.Fatalf("failing prover: %v", err)
	}
	failingMSM, err := Open(dir, Options{MSM: &seamMSM{fail: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := failingMSM.Store().Append(testTable(), 4, encodeRows(testRows()[:3])); err == nil || !strings.Contains(err.Error(), "device out of memory") {
		t.Fatalf("failing MSM at ingest: %v", err)
	}
	if _, err := Open(dir, Options{Backend: "plonk", Prover: prv}); err == nil {
		t.Fatal("a Prover of another proof system than Backend accepted")
	}
}
