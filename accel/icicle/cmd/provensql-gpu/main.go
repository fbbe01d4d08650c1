//go:build icicle

// Command provensql-gpu is the provensql command line proving on an NVIDIA
// GPU through ICICLE: the same commands, stores, key cache and receipts as
// cmd/provensql, with proofs, column commitments and openings computed on
// CUDA device 0. PROVENSQL_GPU_DEVICE picks another ("cuda:1"), or ICICLE's
// CPU backend ("cpu") to check this build without a GPU. Proving keys stay
// in device memory between proofs (a 16-segment run of 2^16-row segments
// proves 10 % faster so on an H200); PROVENSQL_GPU_PIN=0 loads them for
// each proof instead, for machines short of device memory.
// PROVENSQL_GPU_DEVICE=off runs the stock CPU prover, for a baseline from
// the same binary; PROVENSQL_GPU_PROVER=gnark proves with gnark's ICICLE
// prover instead of this repository's kernels; PROVENSQL_GPU_PRECOMPUTE=k
// keeps ICICLE's precomputed multiples of the pinned bases (k times the
// memory); PROVENSQL_GPU_TIMINGS=1 logs each proof's solve, wait for the
// device and time on it; PROVENSQL_GPU_HOST_SCALARS=1 leaves MSM scalars
// in host memory for ICICLE to stream; PROVENSQL_GPU_HOST_G2=1 computes
// each proof's G2 MSM on the CPU, beside the device's work, instead of on
// the device (measured slower on an H100: the host's cores are busy
// with the solves); PROVENSQL_GPU_MSM_WINDOWS="A=11,G2=9" sets ICICLE's
// MSM window for the MSMs named (A, B, K, Z, PoK, G2), and
// PROVENSQL_GPU_MSM_TUNE=1 times each MSM of a key's first proof with
// every window and keeps the fastest, logging them in that form;
// PROVENSQL_GPU_EXCLUSIVE=1 runs the commitments' MSMs under the device
// lock a proof's kernels hold (icicle.MSM.Exclusive), one host thread on
// the device at a time. A one-check proof (--one-check) proves its
// segments over BLS12-377 and its aggregator over BW6-761 on the device
// too, with gnark's ICICLE provers: ICICLE's device backend must then
// have those curves besides BN254, or PROVENSQL_GPU_INNER=host proves
// them on the CPU. query and bench prove eight segments at once
// unless --parallel says otherwise.
//
// Unless CUDA_LAUNCH_BLOCKING is set, it is set to 1: ICICLE v3.2.2's CUDA
// MSM frees stream-ordered memory before its kernels finish on CUDA 13, and
// runs without it abort with "illegal memory access" (see
// icicle.SerializeLaunches).
//
//	go build -tags icicle -o provensql-gpu ./cmd/provensql-gpu
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/provensql/provensql/accel/icicle"
	"github.com/provensql/provensql/cli"
)

func main() {
	icicle.SerializeLaunches()
	if os.Getenv("PROVENSQL_GPU_DEVICE") == "off" {
		cli.Main(cli.Accelerator{})
		return
	}
	dev, err := icicle.ParseDevice(os.Getenv("PROVENSQL_GPU_DEVICE"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "provensql-gpu: PROVENSQL_GPU_DEVICE: %v\n", err)
		os.Exit(2)
	}
	msm, err := icicle.NewMSM(dev)
	if err != nil {
		fmt.Fprintf(os.Stderr, "provensql-gpu: %v\n", err)
		os.Exit(1)
	}
	prover := icicle.NewProver(dev, os.Getenv("PROVENSQL_GPU_PIN") != "0", os.Getenv("PROVENSQL_GPU_PROVER") == "gnark")
	prover.Timings = os.Getenv("PROVENSQL_GPU_TIMINGS") == "1"
	prover.HostScalars = os.Getenv("PROVENSQL_GPU_HOST_SCALARS") == "1"
	prover.HostG2 = os.Getenv("PROVENSQL_GPU_HOST_G2") == "1"
	if v := os.Getenv("PROVENSQL_GPU_PRECOMPUTE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "provensql-gpu: PROVENSQL_GPU_PRECOMPUTE=%q: want a factor of at least 1\n", v)
			os.Exit(2)
		}
		prover.Precompute = n
	}
	if prover.Windows, err = icicle.ParseWindows(os.Getenv("PROVENSQL_GPU_MSM_WINDOWS")); err != nil {
		fmt.Fprintf(os.Stderr, "provensql-gpu: PROVENSQL_GPU_MSM_WINDOWS: %v\n", err)
		os.Exit(2)
	}
	prover.TuneWindows = os.Getenv("PROVENSQL_GPU_MSM_TUNE") == "1"
	prover.HostInner = os.Getenv("PROVENSQL_GPU_INNER") == "host"
	if os.Getenv("PROVENSQL_GPU_EXCLUSIVE") == "1" {
		msm.Exclusive = true
		prover.SetExclusive(true)
	}
	cli.Main(cli.Accelerator{
		Device: "icicle " + dev.String(),
		Prover: prover,
		MSM:    msm,
		MSM377: msm.BLS12377(),
		// the device does one proof's arithmetic at a time; the other
		// segments' loading, witness and solves (on the CPU) overlap it:
		// 2^20 rows in 16 segments on an H200, 6.45 s six at a time, 5.47 s
		// eight, 5.44 s ten (19.1 s two at a time before the solves left
		// the device's lock)
		Parallel: 8,
	})
}
