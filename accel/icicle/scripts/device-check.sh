#!/bin/bash
# Runs on the GPU machine, from the repository root, with build-local.sh's
# output in .gpu/: builds ICICLE v3.2.2 (BN254, CUDA backend for sm_90 — 8
# minutes on 16 cores; BLS12-377 and BW6-761, which the binaries link for
# the one-check path's inner layers, with their CUDA backend only where
# CUDA_CURVES names them, else their front-end libraries alone, a minute
# or two; reused when .gpu/iclibs.tar.xz or /tmp/w/lib exist),
# runs the tagged tests, then benches Q1 on the GPU (keys pinned in device
# memory; with this repository's kernels, or gnark's ICICLE prover: the
# runs named …g…) and, for the baseline, on the same machine's CPU, all
# runs sharing one key cache (one setup).
# Everything it prints also goes to $OUT/log.txt; results land in
# $OUT/*.json, each run's stderr in $OUT/*.err. BENCHES names the runs
# (default: the list at the end; the first must be gpu16, which sets up).
# With .gpu/provensql-gpu-base.xz (another version's build), each base…
# run is the gpu… run of the same name (base20one: gpu20one's) with that
# build, in the same run, as the baseline.
set -u
REPO=$(pwd)
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
T0=$(date +%s); el() { echo "[+$(( $(date +%s)-T0 ))s] $*"; }
# on_device CURVE: whether CUDA_CURVES (default bn254) names the curve
on_device() { case " ${CUDA_CURVES:-bn254} " in *" $1 "*) return 0 ;; esac; return 1; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
export PATH=/usr/local/cuda/bin:$PATH
nvcc --version | tail -1
W=/tmp/w; mkdir -p $W; cd $W
if [ ! -d $W/lib/backend ]; then
  if [ -f "$REPO/.gpu/iclibs.tar.xz" ]; then tar -xJf "$REPO/.gpu/iclibs.tar.xz" -C $W; else
    tar -xJf "$REPO/.gpu/icicle-src.tar.xz"
    mkdir -p lib/backend
    # the curves build side by side: a CUDA backend's build is a few long
    # nvcc compilations that leave most cores idle
    for c in bn254 bls12_377 bw6_761; do
      cuda=OFF; on_device $c && cuda=ON
      cmake -S icicle -B build-$c -DCURVE=$c -DCUDA_BACKEND=$cuda -DCUDA_ARCH=${CUDA_ARCH:-90} -DCMAKE_BUILD_TYPE=Release > cmake-$c.log 2>&1 || { tail -30 cmake-$c.log; exit 1; }
      (cmake --build build-$c -j"$(nproc)" > build-$c.log 2>&1; echo $? > build-$c.rc) &
    done
    wait
    for c in bn254 bls12_377 bw6_761; do
      [ "$(cat build-$c.rc)" = 0 ] || { grep -m30 -B2 -A8 "error" build-$c.log; exit 1; }
      cp build-$c/*.so lib/; find build-$c/backend -name 'libicicle_backend*.so' -exec cp {} lib/backend/ \;
    done
    el "icicle built (CUDA backends: ${CUDA_CURVES:-bn254})"
    tar -cJf "$OUT/iclibs.tar.xz" lib   # carry it back as .gpu/iclibs.tar.xz to skip the build next time
  fi
fi
export LD_LIBRARY_PATH=$W/lib ICICLE_BACKEND_INSTALL_DIR=$W/lib/backend
# without BLS12-377's and BW6-761's CUDA backends, the one-check path's
# inner layers prove on the host (the tests that need them skip)
for c in bls12_377 bw6_761; do on_device $c || export PROVENSQL_GPU_INNER=host; done
for b in icicle.test provensql-gpu; do [ -x $b ] || { xz -dc "$REPO/.gpu/$b.xz" > $b; chmod +x $b; }; done
# a baseline build (another version's provensql-gpu), for the base… runs
[ -f "$REPO/.gpu/provensql-gpu-base.xz" ] && { xz -dc "$REPO/.gpu/provensql-gpu-base.xz" > provensql-gpu-base; chmod +x provensql-gpu-base; }
el "tests"
timeout ${TEST_TIMEOUT:-240} ./icicle.test -test.v 2>&1 | grep -v '^\s*$' | tail -25
K=$W/keys; mkdir -p $K
bench() { # name, then the command with its environment
  local n=$1; shift
  el "bench $n: $*"
  timeout "${BENCH_TIMEOUT:-300}" env "$@" > "$OUT/$n.json" 2> "$OUT/$n.err"; echo "rc=$?"
  grep -m2 -A6 "what()\|panic\|CUDA Error" "$OUT/$n.err" | head -14; cat "$OUT/$n.json"
  # the kernels' per-proof split (PROVENSQL_GPU_TIMINGS=1): sums over the proofs
  awk '/icicle proof/ { n++; for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /_s$/) sum[kv[1]] += kv[2] } }
    END { if (n) { printf "proofs %d: solve %.2f s, waiting %.2f s, on the device %.2f s (%.3f s each; per proof:", n, sum["solve_s"], sum["wait_s"], sum["device_s"], sum["device_s"]/n
      for (k in sum) if (k != "solve_s" && k != "wait_s" && k != "device_s") printf " %s %.3f", k, sum[k]/n; print ")" } }' "$OUT/$n.err"
}
# the MSM windows a tuning run chose (its last "icicle msm window" line),
# and each MSM's times by window
windows() {
  grep "icicle msm window" "$OUT/$1.err" | sed 's/.*msm=\([A-Za-z0-9]*\) points=\([0-9]*\) window=\([0-9]*\) ms_by_window="\([^"]*\)".*/  \1 (\2 points): window \3; ms by window \4/' >&2
  grep -o 'windows="[^"]*"' "$OUT/$1.err" | tail -1 | cut -d'"' -f2
}
G="PROVENSQL_GPU_DEVICE=cuda:0 PROVENSQL_GPU_PIN=1 PROVENSQL_GPU_TIMINGS=1"
GN="PROVENSQL_GPU_DEVICE=cuda:0 PROVENSQL_GPU_PIN=1 PROVENSQL_GPU_PROVER=gnark" # gnark's ICICLE prover
# every segment proven (--every-segment): a full scan of the table, as the
# issue's goal counts it and as the base build (which leaves none out) does;
# Q1OUT leaves out the segments Q1's window (the middle half of the blocks)
# holds no row of, as the library does by default
Q1="./provensql-gpu bench --query Q1 --keys $K --json --every-segment"
Q1OUT="./provensql-gpu bench --query Q1 --keys $K --json"
Q1BASE="./provensql-gpu-base bench --query Q1 --keys $K --json"
S20="--rows 1048576 --segment-rows 65536"
run() { # a base… run is the gpu… run of the same name with the baseline build
  local Q1=$Q1 spec=$1
  case $1 in base*) Q1=$Q1BASE; spec=gpu${1#base} ;; esac
  case $spec in
  gpu16) bench $1 $G $Q1 --rows 65536 ;; # first: sets up (on the CPU) and fills the key cache
  gpu16b) bench $1 $G $Q1 --rows 65536 ;; # a second run, from the cache
  gpu16g) bench $1 $GN $Q1 --rows 65536 ;;
  gpu16pre4) bench $1 $G PROVENSQL_GPU_PRECOMPUTE=4 $Q1 --rows 65536 ;;
  gpu20gp2) bench $1 $GN $Q1 $S20 --parallel 2 ;;
  gpu20p3) bench $1 $G $Q1 $S20 --parallel 3 ;;
  gpu20p6) bench $1 $G $Q1 $S20 --parallel 6 ;;
  gpu20p8) bench $1 $G $Q1 $S20 --parallel 8 ;;
  gpu20p10) bench $1 $G $Q1 $S20 --parallel 10 ;;
  gpu20p6h) bench $1 $G PROVENSQL_GPU_HOST_SCALARS=1 $Q1 $S20 --parallel 6 ;; # scalars streamed from the host
  gpu20p6async) bench $1 CUDA_LAUNCH_BLOCKING=0 $G $Q1 $S20 --parallel 6 ;;
  gpu16h) bench $1 $G PROVENSQL_GPU_HOST_SCALARS=1 $Q1 --rows 65536 ;;
  gpu20pre4p4) bench $1 $G PROVENSQL_GPU_PRECOMPUTE=4 $Q1 $S20 --parallel 4 ;;
  gpu16prof) bench $1 $G ICICLE_STEP_PROFILE=1 PROVENSQL_GNARK_LOG=1 $Q1 --rows 65536 ;;
  cpu16) bench $1 PROVENSQL_GPU_DEVICE=off $Q1 --rows 65536 ;;
  # 2^20 rows in one segment, one proof (one check on chain): the first
  # run compiles and sets up its keys on the host's cores, the others load them
  gpu20one|gpu20oneb) bench $1 $G $Q1 --rows 1048576 ;;
  cpu20one) bench $1 PROVENSQL_GPU_DEVICE=off $Q1 --rows 1048576 ;;
  gpu20s19p2) bench $1 $G $Q1 --rows 1048576 --segment-rows 524288 --parallel 2 ;; # 2 segments of 2^19: sets up its own shape
  gpu20) bench $1 $G $Q1 $S20 ;;
  gpu20p2) bench $1 $G $Q1 $S20 --parallel 2 ;;
  gpu20p4) bench $1 $G $Q1 $S20 --parallel 4 ;;
  gpu20s18p2) bench $1 $G $Q1 --rows 1048576 --segment-rows 262144 --parallel 2 ;; # 4 segments of 2^18: sets up its own shape
  gpu20s18p4) bench $1 $G $Q1 --rows 1048576 --segment-rows 262144 --parallel 4 ;; # all four at once
  gpu20s17p4) bench $1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;; # 8 segments of 2^17: sets up its own shape
  gpu20s17p4out) bench $1 $G $Q1OUT --rows 1048576 --segment-rows 131072 --parallel 4 ;; # the segments outside Q1's window not proven
  gpu20s17p8) bench $1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 8 ;;
  gpu20s17p6) bench $1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 6 ;;
  # the first wave started one segment after another (--ramp-up)
  gpu20s17p4r) bench $1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 --ramp-up ;;
  gpu20s18p4r) bench $1 $G $Q1 --rows 1048576 --segment-rows 262144 --parallel 4 --ramp-up ;;
  gpu20p6r) bench $1 $G $Q1 $S20 --parallel 6 --ramp-up ;;
  # B's G2 MSM on the host's cores beside the device (PROVENSQL_GPU_HOST_G2)
  gpu16x2) bench $1 $G PROVENSQL_GPU_HOST_G2=1 $Q1 --rows 65536 ;;
  gpu20s17p4x2) bench $1 $G PROVENSQL_GPU_HOST_G2=1 $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;;
  gpu20s17p4rx2) bench $1 $G PROVENSQL_GPU_HOST_G2=1 $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 --ramp-up ;;
  gpu20s18p4x2) bench $1 $G PROVENSQL_GPU_HOST_G2=1 $Q1 --rows 1048576 --segment-rows 262144 --parallel 4 ;;
  gpu20onex2) bench $1 $G PROVENSQL_GPU_HOST_G2=1 $Q1 --rows 1048576 ;;
  # MSM windows: a …t run tunes them (PROVENSQL_GPU_MSM_TUNE=1: each MSM of
  # a key's first proof timed with every window, the times and the windows
  # chosen logged in its .err), the …w run after it proves with the windows
  # that run chose (PROVENSQL_GPU_MSM_WINDOWS)
  gpu16t) bench $1 $G PROVENSQL_GPU_MSM_TUNE=1 $Q1 --rows 65536; W16=$(windows $1) ;;
  gpu16w) bench $1 $G PROVENSQL_GPU_MSM_WINDOWS=${W16:-} $Q1 --rows 65536 ;;
  gpu20s17p4t) bench $1 $G PROVENSQL_GPU_MSM_TUNE=1 $Q1 --rows 1048576 --segment-rows 131072 --parallel 4; W17=$(windows $1) ;;
  gpu20s17p4w) bench $1 $G PROVENSQL_GPU_MSM_WINDOWS=${W17:-} $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;;
  gpu20s18p4t) bench $1 $G PROVENSQL_GPU_MSM_TUNE=1 $Q1 --rows 1048576 --segment-rows 262144 --parallel 4; W18=$(windows $1) ;;
  gpu20s18p4w) bench $1 $G PROVENSQL_GPU_MSM_WINDOWS=${W18:-} $Q1 --rows 1048576 --segment-rows 262144 --parallel 4 ;;
  gpu20onet) bench $1 $G PROVENSQL_GPU_MSM_TUNE=1 $Q1 --rows 1048576; W20=$(windows $1) ;;
  gpu20onew) bench $1 $G PROVENSQL_GPU_MSM_WINDOWS=${W20:-} $Q1 --rows 1048576 ;;
  gpu20s17p4async) bench $1 CUDA_LAUNCH_BLOCKING=0 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;;
  # unserialized launches with one host thread on the device at a time
  # (the commitments' MSMs under the proofs' device lock)
  gpu20s17p4ax) bench $1 CUDA_LAUNCH_BLOCKING=0 PROVENSQL_GPU_EXCLUSIVE=1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;;
  gpu20p6ax) bench $1 CUDA_LAUNCH_BLOCKING=0 PROVENSQL_GPU_EXCLUSIVE=1 $G $Q1 $S20 --parallel 6 ;;
  gpu20s17p4x) bench $1 PROVENSQL_GPU_EXCLUSIVE=1 $G $Q1 --rows 1048576 --segment-rows 131072 --parallel 4 ;;
  gpu20oneprof) bench $1 $G $Q1 --rows 1048576 --cpuprofile "$OUT/one.prof" ;; # keys cached: a CPU profile of the proof (one.prof.1048576)
  gpu20p2nopin) bench $1 PROVENSQL_GPU_DEVICE=cuda:0 PROVENSQL_GPU_PIN=0 $Q1 $S20 --parallel 2 ;;
  cpu20p4) bench $1 PROVENSQL_GPU_DEVICE=off $Q1 $S20 --parallel 4 ;;
  # without serialized launches (ICICLE v3.2.2 on CUDA 13 aborts so)
  gpu16async) bench $1 CUDA_LAUNCH_BLOCKING=0 $G $Q1 --rows 65536 ;;
  gpu20async) bench $1 CUDA_LAUNCH_BLOCKING=0 $G $Q1 $S20 ;;
  # the two-chain path's BN254 wrapper (5.3M constraints) over an aggregator
  # of two segment proofs proven on the host (internal/twochain): its setup
  # and two proofs on the device, verified on the CPU
  wrap)
    el "bench wrap"
    timeout "${BENCH_TIMEOUT:-300}" env $G PROVENSQL_TWOCHAIN=1 ./icicle.test -test.run 'TestTwoChainWrapper$' -test.v > "$OUT/wrap.err" 2>&1; echo "rc=$?"
    grep -E "two-chain wrapper|^(--- |ok|FAIL|PASS)|panic|CUDA Error" "$OUT/wrap.err" | head -8 ;;
  # the whole one-check path (segments over BLS12-377 on the host, four at
  # once; aggregator over BW6-761 on the host; the BN254 wrapper through the
  # device's prover), keys set up in the run: minutes of host work
  onecheck16k) bench $1 $G PROVENSQL_GPU_INNER=host $Q1 --rows 16384 --segment-rows 1024 --one-check --parallel 4 ;;
  # every layer on the device (needs CUDA_CURVES="bn254 bls12_377 bw6_761"):
  # the segments and the aggregator with gnark's ICICLE provers
  onecheck16kdev) bench $1 $G $Q1 --rows 16384 --segment-rows 1024 --one-check --parallel 4 ;;
  onecheck20s17dev) bench $1 $G $Q1 --rows 1048576 --segment-rows 131072 --one-check --parallel 4 ;;
  # the whole one-check path on the device, tested: TestOneCheckOnTheDevice
  onecheckdev)
    el "bench onecheckdev"
    timeout "${BENCH_TIMEOUT:-300}" env $G PROVENSQL_TWOCHAIN=1 ./icicle.test -test.run 'TestOneCheckOnTheDevice$' -test.v > "$OUT/onecheckdev.err" 2>&1; echo "rc=$?"
    grep -E "one check on|^(--- |ok|FAIL|PASS)|panic|CUDA Error" "$OUT/onecheckdev.err" | head -8 ;;
  # 2^20 rows in 8 segments of 2^17 (the fastest split on the 2-core CPU:
  # 281 s there), the segments four at once on the host's 16 cores, the
  # wrapper on the device; keys set up in the run (9.5 minutes on the 2
  # cores, fewer on the device host's 16: run it alone, BENCH_TIMEOUT=540)
  onecheck20s17) bench $1 $G PROVENSQL_GPU_INNER=host $Q1 --rows 1048576 --segment-rows 131072 --one-check --parallel 4 ;;
  *) echo "unknown bench $1" ;;
  esac
}
for b in ${BENCHES:-gpu16 gpu16b gpu20p2 gpu20p4 gpu20gp2 gpu16g gpu16pre4 gpu20pre4p4 cpu16}; do run "$b"; done
el "done"
# one archive of the results, so that they come back whole
(cd "$OUT" && tar -czf results.tgz ./*.json ./*.err && rm -f ./*.json ./*.err)
