package bench

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	poseidon2hash "github.com/consensys/gnark/std/hash/poseidon2"
	"github.com/consensys/gnark/std/multicommit"

	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/prover"
)

// These benchmarks measure each layer of the two-chain path to one on-chain
// check (package internal/twochain); nothing here is wired into the prover.

// BenchmarkTwoChainCost compiles each layer of the two-chain path and
// reports its constraints: the BW6-761 aggregator over 1, 2 and 4 segment
// proofs without and with the segments' KZG folds and the pairing check
// (twochain.CompileAggregator: no BSB22 commitment), and the BN254 wrapper
// over one aggregator proof (its public inputs as the aggregator's), over
// that aggregator and over the one gnark's R1CS builder compiles (one
// commitment). No proving; BenchmarkTwoChainProve measures it.
//
//	go test -run '^$' -bench TwoChainCost -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainCost(b *testing.B) {
	inner, vk, _, _, err := twochain.InnerProof(ecc.BLS12_377, ecc.BW6_761)
	if err != nil {
		b.Fatal(err)
	}
	shape := func(b *testing.B, k int, folds bool) *twochain.Aggregator {
		c, err := twochain.AggregatorShape(inner, vk, k, folds)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	for _, k := range []int{1, 2, 4} {
		for _, folds := range []bool{false, true} {
			b.Run(fmt.Sprintf("aggregator/proofs=%d/folds=%v", k, folds), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					cs, err := twochain.CompileAggregator(shape(b, k, folds))
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
					b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/proof")
					b.ReportMetric(time.Since(t0).Seconds(), "compile_s")
				}
			})
		}
	}
	// the batch aggregator (one pairing check for all proofs): measured, not
	// chosen
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("batch-aggregator/proofs=%d", k), func(b *testing.B) {
			c, err := twochain.BatchAggregatorShape(inner, vk, k)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < b.N; i++ {
				cs, err := twochain.CompileAggregator(c)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/proof")
			}
		})
	}
	// the wrapper over the aggregator as CompileAggregator compiles it, and
	// over the same aggregator compiled with gnark's R1CS builder, whose
	// range checks commit (one BSB22 commitment)
	for _, committed := range []bool{false, true} {
		b.Run(fmt.Sprintf("wrapper/aggregator-committed=%v", committed), func(b *testing.B) {
			agg, err := twochain.CompileAggregator(shape(b, 1, true))
			if committed {
				agg, err = frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, shape(b, 1, true))
			}
			if err != nil {
				b.Fatal(err)
			}
			_, avk, err := proofsys.SetupGroth16(agg)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				w, err := twochain.WrapperShape(agg, avk)
				if err != nil {
					b.Fatal(err)
				}
				cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, w)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(agg.GetNbPublicVariables()-1), "aggregator_public_inputs")
				b.ReportMetric(float64(len(agg.GetCommitments().CommitmentIndexes())), "aggregator_commitments")
				b.ReportMetric(time.Since(t0).Seconds(), "compile_s")
				b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
			}
		})
	}
}

// innerShape stands in for a segment circuit with n public inputs, with or
// without a BSB22 commitment (twochain.Inner has ten and one).
type innerShape struct {
	Pub    []frontend.Variable `gnark:",public"`
	Sec    [10]frontend.Variable
	commit bool
}

func (c *innerShape) Define(api frontend.API) error {
	for i := range c.Sec {
		api.AssertIsEqual(api.Mul(c.Sec[i], 2), c.Pub[i%len(c.Pub)])
	}
	if c.commit {
		multicommit.WithCommitment(api, func(api frontend.API, ch frontend.Variable) error {
			api.AssertIsDifferent(ch, 0)
			return nil
		}, c.Sec[:]...)
	}
	return nil
}

// BenchmarkTwoChainInnerShape compiles the aggregator over one proof of
// segment circuits with 1, 2 and 10 public inputs, with and without a
// BSB22 commitment: what a segment's statement costs the aggregator.
//
//	go test -run '^$' -bench TwoChainInnerShape -benchtime 1x ./bench
func BenchmarkTwoChainInnerShape(b *testing.B) {
	for _, commit := range []bool{true, false} {
		for _, n := range []int{1, 2, 10} {
			b.Run(fmt.Sprintf("commitment=%v/publics=%d", commit, n), func(b *testing.B) {
				inner, err := frontend.Compile(ecc.BLS12_377.ScalarField(), r1cs.NewBuilder, &innerShape{Pub: make([]frontend.Variable, n), commit: commit})
				if err != nil {
					b.Fatal(err)
				}
				_, vk, err := proofsys.SetupGroth16(inner)
				if err != nil {
					b.Fatal(err)
				}
				shape, err := twochain.AggregatorShape(inner, vk, 1, false)
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < b.N; i++ {
					cs, err := twochain.CompileAggregator(shape)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(cs.GetNbConstraints()), "aggregator_constraints")
				}
			})
		}
	}
}

// segmentTranscript is what the aggregator hashes of one Q1 segment to
// recompute its challenges: every column commitment (ten columns, two
// coordinates each: BLS12-377's base field is BW6-761's scalar field, so a
// coordinate is one native element), z, the two opened values and the
// window's six values.
type segmentTranscript struct {
	Points [20]frontend.Variable
	Z      frontend.Variable
	Y      [2]frontend.Variable
	Window [6]frontend.Variable
}

// transcript377 recomputes k segments' challenges with Poseidon2 over
// BW6-761's scalar field, as stage 2 of the two-chain plan would: per
// segment γ = H(points, z, Y) and its seed μ = H(z, γ, the window column's
// point, the window), then λ = H(every seed) and ζ = H(λ, W). Each
// challenge is decomposed into bits once, as the scalar multiplications
// that use it need it reduced to a BLS12-377 scalar.
type transcript377 struct {
	Segments []segmentTranscript
	W        [2]frontend.Variable
	Zeta     frontend.Variable `gnark:",public"`
}

func (c *transcript377) Define(api frontend.API) error {
	hash := func(in ...frontend.Variable) (frontend.Variable, error) {
		h, err := poseidon2hash.New(api)
		if err != nil {
			return nil, err
		}
		h.Write(in...)
		out := h.Sum()
		api.ToBinary(out)
		return out, nil
	}
	seeds := make([]frontend.Variable, len(c.Segments))
	for i := range c.Segments {
		s := &c.Segments[i]
		in := append(append(append([]frontend.Variable{}, s.Points[:]...), s.Z), s.Y[:]...)
		gamma, err := hash(in...)
		if err != nil {
			return err
		}
		if seeds[i], err = hash(append([]frontend.Variable{s.Z, gamma, s.Points[0], s.Points[1]}, s.Window[:]...)...); err != nil {
			return err
		}
	}
	lambda, err := hash(seeds...)
	if err != nil {
		return err
	}
	zeta, err := hash(lambda, c.W[0], c.W[1])
	if err != nil {
		return err
	}
	api.AssertIsEqual(zeta, c.Zeta)
	return nil
}

// BenchmarkTwoChainTranscript compiles transcript377 for 1, 4 and 16
// segments: the constraints a segment's challenges add to the aggregator.
//
//	go test -run '^$' -bench TwoChainTranscript -benchtime 1x ./bench
func BenchmarkTwoChainTranscript(b *testing.B) {
	for _, k := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("segments=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cs, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, &transcript377{Segments: make([]segmentTranscript, k)})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				b.ReportMetric(float64(cs.GetNbConstraints())/float64(k), "constraints/segment")
			}
		})
	}
}

// proveAggregation is twochain.ProveAggregation over k segments, its
// figures added to b's.
func proveAggregation(b *testing.B, k int) *twochain.Aggregation {
	a, err := twochain.ProveAggregation(k)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(a.CS.GetNbConstraints()), "aggregator_constraints")
	b.ReportMetric(float64(a.CS.GetNbConstraints())/float64(k), "aggregator_constraints/segment")
	b.ReportMetric(a.CompileS, "aggregator_compile_s")
	b.ReportMetric(a.SetupS, "aggregator_setup_s")
	b.ReportMetric(a.ProveS, "aggregator_prove_s")
	return a
}

// BenchmarkTwoChainAggregate proves the BW6-761 aggregator alone over 1, 4
// and 8 segment proofs: how its proving grows with the segments.
//
//	go test -run '^$' -bench TwoChainAggregate -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainAggregate(b *testing.B) {
	for _, k := range []int{1, 4, 8} {
		b.Run(fmt.Sprintf("proofs=%d", k), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				proveAggregation(b, k)
				b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
			}
		})
	}
}

// BenchmarkTwoChainSetup sets the BW6-761 aggregator up (with its folds)
// over 1, 4 and 8 segment proofs twice, with proofsys.SetupGroth16 (comb
// tables, BW6-761's G1 and G2) and with gnark's own setup: what stage 5 of
// the two-chain plan asked. Each key is checked by a proof of the
// aggregator in ProveAggregation's tests; here only the time counts.
//
//	go test -run '^$' -bench TwoChainSetup -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainSetup(b *testing.B) {
	inner, vk, _, _, err := twochain.InnerProof(ecc.BLS12_377, ecc.BW6_761)
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{1, 4, 8} {
		shape, err := twochain.AggregatorShape(inner, vk, k, true)
		if err != nil {
			b.Fatal(err)
		}
		cs, err := twochain.CompileAggregator(shape)
		if err != nil {
			b.Fatal(err)
		}
		for _, setup := range []struct {
			name string
			run  func(constraint.ConstraintSystem) (groth16.ProvingKey, groth16.VerifyingKey, error)
		}{{"ours", proofsys.SetupGroth16}, {"gnark", groth16.Setup}} {
			b.Run(fmt.Sprintf("proofs=%d/%s", k, setup.name), func(b *testing.B) {
				b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
				for i := 0; i < b.N; i++ {
					ResetPeakRSS()
					t0 := time.Now()
					if _, _, err := setup.run(cs); err != nil {
						b.Fatal(err)
					}
					s := time.Since(t0).Seconds()
					b.ReportMetric(s, "setup_s")
					b.ReportMetric(float64(cs.GetNbConstraints())/s, "constraints/s")
					b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
				}
			})
		}
	}
}

// BenchmarkTwoChainProve runs the two-chain path end to end for two segment
// proofs: the aggregator (twochain.ProveAggregation), then the BN254
// wrapper's compile (its products oriented), setup (proofsys.SetupBN254),
// proof and verification (twochain.ProveWrapper): the one proof the chain
// would check, proved by
// gnark's prover (wrapper_prove_s) and by the module's own
// (wrapper_own_prove_s), one after the other.
//
//	go test -run '^$' -bench TwoChainProve -benchtime 1x -timeout 60m ./bench
func BenchmarkTwoChainProve(b *testing.B) {
	const k = 2
	for i := 0; i < b.N; i++ {
		a := proveAggregation(b, k)
		field := ecc.BN254.ScalarField()
		shape, err := twochain.WrapperShape(a.CS, a.VK)
		if err != nil {
			b.Fatal(err)
		}
		assign, err := twochain.WrapperAssignment(a)
		if err != nil {
			b.Fatal(err)
		}
		// the commitment hashed to the field as the exported Solidity
		// verifier does (keccak256)
		wr, err := twochain.ProveWrapper(shape, assign)
		if err != nil {
			b.Fatal(err)
		}
		cs, pk, vk := wr.CS, wr.PK, wr.VK
		w, err := frontend.NewWitness(assign, field)
		if err != nil {
			b.Fatal(err)
		}
		// the same proof by the module's own prover (proofsys.Groth16: the
		// solve, then the CPU's kernels), checked by its verifier
		own := proofsys.NewGroth16()
		keys := proofsys.Keys{PK: pk, VK: vk}
		t0 := time.Now()
		ownProof, err := own.Prove(cs, keys, w)
		if err != nil {
			b.Fatal(err)
		}
		ownProveS := time.Since(t0).Seconds()
		vkb, err := own.VerifyingKeyBytes(keys)
		if err != nil {
			b.Fatal(err)
		}
		var outs [twochain.Outputs]*big.Int
		for j := range outs {
			outs[j] = big.NewInt(int64(j + 1))
		}
		if err := own.Verify(vkb, ownProof, outs[:]); err != nil {
			b.Fatalf("the module's prover's wrapper proof: %v", err)
		}
		b.ReportMetric(wr.VerifyMS, "wrapper_verify_ms")
		b.ReportMetric(ownProveS, "wrapper_own_prove_s")
		// the wrapper binds its outputs to the aggregator's: another value
		// for one of them leaves the circuit unsolved
		assign.Out[0] = 99
		bad, err := frontend.NewWitness(assign, field)
		if err != nil {
			b.Fatal(err)
		}
		if cs.IsSolved(bad) == nil {
			b.Fatal("the wrapper accepted an output the aggregator did not prove")
		}
		b.ReportMetric(float64(cs.GetNbConstraints()), "wrapper_constraints")
		b.ReportMetric(float64(wr.Public.Vector().(fr_bn254.Vector).Len()), "wrapper_public_inputs")
		b.ReportMetric(float64(wrapperGas(b, vk, wr.Proof, outs)), "wrapper_verify_gas")
		b.ReportMetric(wr.CompileS, "wrapper_compile_s")
		b.ReportMetric(wr.SetupS, "wrapper_setup_s")
		b.ReportMetric(wr.ProveS, "wrapper_prove_s")
		b.ReportMetric(PeakRSSMB(), "peak_rss_mb")
	}
}

// BenchmarkTwoChainMSM times gnark-crypto's G1 multi-scalar
// multiplications over BN254 and BLS12-377 at one size, in one process and
// one after the other: what moving segment proofs and column commitments to
// BLS12-377 (the two-chain path) would cost the prover, whose time is mostly
// these MSMs (BLS12-377's base field is 377 bits against BN254's 254).
//
//	go test -run '^$' -bench TwoChainMSM -benchtime 3x ./bench
func BenchmarkTwoChainMSM(b *testing.B) {
	const n = 1 << 18
	b.Run("bn254/G1", func(b *testing.B) {
		_, _, g1, _ := bn254.Generators()
		points, scalars := msmInput[bn254.G1Jac, bn254.G1Affine, fr_bn254.Element](&g1, n, bn254.BatchJacobianToAffineG1)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var r bn254.G1Jac
			if _, err := r.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bls12-377/G1", func(b *testing.B) {
		_, _, g1, _ := bls12377.Generators()
		points, scalars := msmInput[bls12377.G1Jac, bls12377.G1Affine, fr_bls12377.Element](&g1, n, bls12377.BatchJacobianToAffineG1)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var r bls12377.G1Jac
			if _, err := r.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// msmInput is n distinct G1 points (multiples of g, in one batch to
// affine) and n random scalars, on whichever curve's types it is given.
func msmInput[J, A, S any, PJ interface {
	*J
	FromAffine(*A) *J
	AddMixed(*A) *J
}, PS interface {
	*S
	MustSetRandom() *S
}](g *A, n int, toAffine func([]J) []A) ([]A, []S) {
	scalars := make([]S, n)
	for i := range scalars {
		PS(&scalars[i]).MustSetRandom()
	}
	jac := make([]J, n)
	var acc J
	PJ(&acc).FromAffine(g)
	for i := range jac {
		jac[i] = acc
		PJ(&acc).AddMixed(g)
	}
	return toAffine(jac), scalars
}

// wrapperGas exports the wrapper's verifier with gnark's Solidity template,
// deploys it on a simulated chain and returns the gas of one verifyProof
// transaction with the digest of the wrapper's outputs (its one public
// input); the same proof with one output changed must revert.
func wrapperGas(b *testing.B, vk groth16.VerifyingKey, proof groth16.Proof, outs [twochain.Outputs]*big.Int) uint64 {
	bad := slices.Clone(outs[:])
	bad[0] = big.NewInt(99)
	digest, err := twochain.OutputDigest(outs[:])
	if err != nil {
		b.Fatal(err)
	}
	badDigest, err := twochain.OutputDigest(bad)
	if err != nil {
		b.Fatal(err)
	}
	gas, err := contracts.Groth16VerifierGas("../contracts", vk, proof, []*big.Int{digest}, []*big.Int{badDigest})
	if err != nil {
		b.Fatal(err)
	}
	return gas
}

// chainCircuit is n chained multiplications over committed values, a
// stand-in of a segment circuit's size for BenchmarkTwoChainSegmentCurve.
type chainCircuit struct {
	X   [8]frontend.Variable
	Out frontend.Variable `gnark:",public"`
	n   int
}

func (c *chainCircuit) Define(api frontend.API) error {
	acc := c.X[0]
	for i := 0; i < c.n; i++ {
		acc = api.Add(api.Mul(acc, c.X[i%len(c.X)]), i)
	}
	multicommit.WithCommitment(api, func(api frontend.API, ch frontend.Variable) error {
		api.AssertIsDifferent(api.Add(ch, acc), 0)
		return nil
	}, c.X[:]...)
	api.AssertIsEqual(acc, c.Out)
	return nil
}

// BenchmarkTwoChainSegmentCurve sets up (proofsys.SetupGroth16) and proves
// one circuit of 2^18 constraints with gnark's Groth16 prover over BN254 and
// over BLS12-377, in one process: what
// a segment proof would cost on the two-chain path's curve, as a ratio to
// today's (the CPU prover of segments is gnark's, split in two steps, so the
// ratio carries over).
//
//	go test -run '^$' -bench TwoChainSegmentCurve -benchtime 3x -timeout 30m ./bench
func BenchmarkTwoChainSegmentCurve(b *testing.B) {
	const n = 1<<18 - 16
	for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
		b.Run(curve.String(), func(b *testing.B) {
			field := curve.ScalarField()
			cs, err := frontend.Compile(field, r1cs.NewBuilder, &chainCircuit{n: n})
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			pk, _, err := proofsys.SetupGroth16(cs)
			if err != nil {
				b.Fatal(err)
			}
			setupS := time.Since(t0).Seconds()
			assign := &chainCircuit{n: n}
			x := make([]*big.Int, len(assign.X))
			for i := range assign.X {
				x[i] = big.NewInt(int64(i + 2))
				assign.X[i] = x[i]
			}
			acc := new(big.Int).Set(x[0])
			for i := 0; i < n; i++ {
				acc.Mul(acc, x[i%len(x)]).Add(acc, big.NewInt(int64(i))).Mod(acc, field)
			}
			assign.Out = acc
			w, err := frontend.NewWitness(assign, field)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer() // (which also drops metrics reported before it)
			for i := 0; i < b.N; i++ {
				if _, err := groth16.Prove(cs, pk, w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cs.GetNbConstraints()), "constraints")
			b.ReportMetric(setupS, "setup_s")
		})
	}
}

// compileAndSetupBN254 compiles a circuit over BN254, orients its products
// (proofsys.OrientFactors) and sets it up (proofsys.SetupBN254), with the
// seconds compiling and orienting, and setting up, took.
func compileAndSetupBN254(b *testing.B, c frontend.Circuit) (cs constraint.ConstraintSystem, pk *groth16_bn254.ProvingKey, vk *groth16_bn254.VerifyingKey, compileS, setupS float64) {
	t0 := time.Now()
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		b.Fatal(err)
	}
	// fewer wires on the products' B side, as the prover's circuits
	if _, err := proofsys.OrientFactors(cs); err != nil {
		b.Fatal(err)
	}
	compileS = time.Since(t0).Seconds()
	t0 = time.Now()
	if pk, vk, err = proofsys.SetupBN254(cs.(*cs_bn254.R1CS)); err != nil {
		b.Fatal(err)
	}
	return cs, pk, vk, compileS, time.Since(t0).Seconds()
}

// BenchmarkTwoChainQ1Segment compiles Q1's own segment circuit over BN254
// and over BLS12-377 (prover.CompileOver: oriented, scheduled) and sets it
// up (proofsys.SetupGroth16), at 2^16 and 2^18 rows: what a segment shape
// costs before its first proof on each curve. It reports the constraints,
// compile_s, setup_s and the proving key's size (pk_MB, gnark's raw
// encoding).
func BenchmarkTwoChainQ1Segment(b *testing.B) {
	for _, logN := range []int{16, 18} {
		for _, curve := range []ecc.ID{ecc.BN254, ecc.BLS12_377} {
			b.Run(fmt.Sprintf("%s/rows=%d", curve, 1<<logN), func(b *testing.B) {
				p, size := benchmarkPlan(b, "Q1", logN)
				var compileS, setupS, pkMB float64
				var constraints int
				for b.Loop() {
					t0 := time.Now()
					cs, err := prover.CompileOver(curve, p, size)
					if err != nil {
						b.Fatal(err)
					}
					compileS = time.Since(t0).Seconds()
					t0 = time.Now()
					pk, _, err := proofsys.SetupGroth16(cs)
					if err != nil {
						b.Fatal(err)
					}
					setupS = time.Since(t0).Seconds()
					var n countingWriter
					if _, err := pk.WriteRawTo(&n); err != nil {
						b.Fatal(err)
					}
					pkMB, constraints = float64(n)/(1<<20), cs.GetNbConstraints()
				}
				b.ReportMetric(float64(constraints), "constraints")
				b.ReportMetric(compileS, "compile_s")
				b.ReportMetric(setupS, "setup_s")
				b.ReportMetric(pkMB, "pk_MB")
			})
		}
	}
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
