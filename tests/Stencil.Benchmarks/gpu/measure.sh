#!/usr/bin/env bash
# Runs, on a machine without .NET, every GPU measurement docs/performance.md records, from the
# bundle bundle.sh makes: the device, the T_eff harness, the geothermal PT iteration at four grids,
# the geothermal inversion with adaptive and with fixed checks, and Diffusion3D at 256^3. Each
# writes its log (and JSON where it has one) under $OUT (default ./gpu-results). Each step has a
# time limit, so one that hangs leaves the others' results.
#   BACKEND=cpu HARNESS="--n 64 --n2d 512 --reps 3" bash measure.sh   tries the script without a GPU.
#   STEPS=weak bash measure.sh   runs only the weak scaling of the distributed forward solve on the
#   machine's cores (1 to 16 processes of one thread, blocks of 1023 x 511 cells, the exchange plain
#   and hidden), where the machine has an MPICH-ABI mpiexec; a separate call, for its own time limit.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$PWD/gpu-results}"
backend="${BACKEND:-cuda}"
harness_args="${HARNESS:-}"
mkdir -p "$out"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

bin="$here/gpu"
if [ ! -x "$bin/Stencil.Benchmarks" ]; then            # not unpacked by an earlier call on this machine
  if [ ! -f "$here/bundle.txz" ]; then
    echo "No bundle.txz beside $0: run tests/Stencil.Benchmarks/gpu/bundle.sh first and carry .gpu." >&2
    exit 2
  fi
  tar xJf "$here/bundle.txz" -C "$here"
fi

step() {   # step NAME SECONDS COMMAND...: runs it, logs to $out/NAME.log, records its exit code
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  local rc=$?
  echo "$name: exit $rc, $((SECONDS - start)) s" | tee -a "$out/steps.txt"
}

if [ "${STEPS:-all}" = weak ]; then
  if ! command -v mpiexec >/dev/null 2>&1; then
    echo "weak: no mpiexec on this machine" | tee -a "$out/steps.txt"
    exit 0
  fi
  # Processes and their MPI_Dims_create topology; the global grid keeps every block at 1023 x 511.
  for spec in "1 1 1" "2 2 1" "4 2 2" "8 4 2" "16 4 4"; do
    read -r n px py <<< "$spec"
    [ "$n" -le "$(nproc)" ] || continue
    for mode in plain hidden; do
      step "weak-$n-$mode" 50 mpiexec -n "$n" "$bin/Stencil.Benchmarks" --geothermal-forward --threads 1 --pt-iterations 2000 \
        --grid "$((px * 1021 + 2))x$((py * 509 + 2))" --exchange "$mode" --out "$out/weak-$n-$mode"
    done
  done
  exit 0
fi

{ date -u; uname -a; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1; nproc; } > "$out/device.txt"
step harness 240 "$bin/Stencil.Benchmarks" --backend "$backend" --json "$out/harness.json" $harness_args
step scaling 90 "$bin/Stencil.Benchmarks" --geothermal-scaling --backend "$backend" --out "$out/scaling"
step inversion-adaptive 90 "$bin/Geothermal2D" --backend "$backend" --out "$out/inversion-adaptive"
step inversion-fixed 90 "$bin/Geothermal2D" --backend "$backend" --fixed-checks --out "$out/inversion-fixed"
step diffusion3d 45 "$bin/Diffusion3D" --backend "$backend" --n 256 --steps 100
# The figures and ParaView files are large and not needed for the numbers.
find "$out" \( -name '*.png' -o -name '*.vti' -o -name 'inversion.state' \) -delete
