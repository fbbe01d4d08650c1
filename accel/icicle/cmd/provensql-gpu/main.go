//go:build icicle

// Command provensql-gpu is the provensql command line proving on an NVIDIA
// GPU through ICICLE: the same commands, stores, key cache and receipts as
// cmd/provensql, with proofs, column commitments and openings computed on
// CUDA device 0 (PROVENSQL_GPU_DEVICE picks another; PROVENSQL_GPU_PIN=1
// keeps proving keys in device memory between proofs).
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
	id := 0
	if s := os.Getenv("PROVENSQL_GPU_DEVICE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			fmt.Fprintf(os.Stderr, "provensql-gpu: PROVENSQL_GPU_DEVICE=%q is not a device number\n", s)
			os.Exit(2)
		}
		id = n
	}
	msm, err := icicle.NewMSM(id)
	if err != nil {
		fmt.Fprintf(os.Stderr, "provensql-gpu: %v\n", err)
		os.Exit(1)
	}
	cli.Main(cli.Accelerator{
		Device: fmt.Sprintf("icicle cuda:%d", id),
		Prover: icicle.NewProver(id, os.Getenv("PROVENSQL_GPU_PIN") == "1"),
		MSM:    msm,
	})
}
