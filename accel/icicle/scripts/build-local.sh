#!/bin/bash
# Builds what a GPU machine without Go or network needs, on a machine with
# Go, cmake and a C++ compiler (no CUDA): ICICLE v3.2.2's front-end
# libraries (with its CPU backend) for BN254, BLS12-377 and BW6-761 (the
# one-check path's segments and aggregator prove on the device too), to
# link against, then provensql-gpu and the tagged test binary, stripped
# and xz-compressed, into OUT (default ./.gpu).
#
#   ICICLE_SRC=path/to/icicle-gnark  accel/icicle/scripts/build-local.sh
#
# ICICLE_SRC is a checkout of github.com/ingonyama-zk/icicle-gnark at v3.2.2
# (its icicle/ folder is ICICLE's C++ source, wrappers/golang the Go module).
# device-check.sh, run on the GPU machine, builds the CUDA backend from the
# same source and runs the checks.
set -euo pipefail
: "${ICICLE_SRC:?set ICICLE_SRC to an icicle-gnark v3.2.2 checkout}"
HERE=$(cd "$(dirname "$0")/.." && pwd)   # accel/icicle
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$ROOT/.gpu}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$OUT"
mkdir -p "$WORK/lib"
for curve in bn254 bls12_377 bw6_761; do # about a minute each on 2 cores
	cmake -S "$ICICLE_SRC/icicle" -B "$WORK/build-$curve" -DCURVE=$curve -DCUDA_BACKEND=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build "$WORK/build-$curve" -j"$(nproc)" >/dev/null
	cp "$WORK/build-$curve"/*.so "$WORK/lib/"
done
# a fresh copy of the module whose go.mod points at the local icicle-gnark
# source (cp into an existing folder would nest the copy and build the old one)
rm -rf "$WORK/mod"
cp -r "$HERE" "$WORK/mod"
(cd "$WORK/mod" &&
	go mod edit -replace "github.com/provensql/provensql=$ROOT" -replace "github.com/ingonyama-zk/icicle-gnark/v3=$ICICLE_SRC" &&
	export CGO_LDFLAGS="-L$WORK/lib -Wl,-rpath,\$ORIGIN/lib" GOFLAGS=-mod=mod &&
	go vet -tags icicle ./... &&
	go build -tags icicle -trimpath -ldflags="-s -w" -o "$WORK/provensql-gpu" ./cmd/provensql-gpu &&
	go test -tags icicle -trimpath -ldflags="-s -w" -c -o "$WORK/icicle.test" .)
xz -T0 -6 -f -k "$WORK/provensql-gpu" "$WORK/icicle.test"
mv "$WORK/provensql-gpu.xz" "$WORK/icicle.test.xz" "$OUT/"
tar -C "$ICICLE_SRC" -cJf "$OUT/icicle-src.tar.xz" icicle
cp "$HERE/scripts/device-check.sh" "$OUT/"
echo "built into $OUT (front-end libraries in $WORK/lib for a local check:"
echo "  PROVENSQL_GPU_DEVICE=cpu ICICLE_BACKEND_INSTALL_DIR=<an empty folder> LD_LIBRARY_PATH=$WORK/lib $WORK/icicle.test -test.v)"
echo "A local check on ICICLE v3.2.2's CPU backend needs two local fixes to it on a 2-core machine"
echo "(BENCHMARKS.md): get_nof_workers in backend/cpu/src/field/cpu_vec_ops.cpp returning at least 2"
echo "(\"Number of workers must be at least 1\"), and get_available_memory in"
echo "backend/cpu/src/cpu_device_api.cpp reporting the host's (sysinfo), without which gnark's ICICLE"
echo "provers make empty MSM chunks (\"Cannot have negative or zero size slices\")."
