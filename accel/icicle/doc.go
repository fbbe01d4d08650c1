// Package icicle proves ProvenSQL queries on an NVIDIA GPU through ICICLE:
// a Groth16 prover whose quotient NTTs, MSMs and BSB22 commitments run on
// the device (proofsys.Kernels; the solve stays on the CPU and does not
// hold the device), gnark's backend/accelerated/icicle prover for
// comparison, and ICICLE's MSM for the store's column commitments and the
// KZG openings. The one-check path's inner layers prove on the device too:
// its segments over BLS12-377 and its aggregator over BW6-761 with gnark's
// ICICLE provers for those curves (Prover.ProveOnCurve, a
// proofsys.CurveProver), its commitments and openings over BLS12-377 with
// ICICLE's MSM for that curve (MSM.BLS12377, a kzg377.MSM).
//
// Everything that touches ICICLE is behind the `icicle` build tag and lives
// in this module of its own, so ProvenSQL's main module builds and tests
// without CUDA or the ICICLE module. Without the tag this package is empty.
//
// The proofs are ordinary Groth16 proofs over BN254 with the same keys
// (the key cache is shared with the CPU prover, in gnark's dump format) and
// the same commitments as the CPU's: any ProvenSQL verifier, and the
// contracts, accept them. See README.md ("GPU proving") for how to build
// cmd/provensql-gpu with CUDA.
//
// A Device names where ICICLE runs: a CUDA GPU, or ICICLE's CPU backend,
// which runs the same code path without a GPU (slowly) to check a build.
// Measured (BENCHMARKS.md): with circuit Version 67 on an H200, Q1's
// 2^16-row segment proves in 0.64 s and 2^20 rows in 16 segments in 3.0 s
// (3.2–3.5 s for Version 66 in the same run); with Version 66 on an H100,
// 2^20 rows in one segment, one proof, in 10.6 s (24.9 s on the same
// machine's 16 CPU cores).
package icicle
