#!/usr/bin/env bash
# Runs, on a machine without .NET, every GPU measurement docs/performance.md records, from the
# bundle bundle.sh makes: the device, the T_eff harness, the geothermal PT iteration at four grids,
# the geothermal inversion with adaptive and with fixed checks, and Diffusion3D at 256^3. Each
# writes its log (and JSON where it has one) under $OUT (default ./gpu-results). Each step has a
# time limit, so one that hangs leaves the others' results.
#   BACKEND=cpu HARNESS="--n 64 --n2d 512 --reps 3" bash measure.sh   tries the script without a GPU.
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

{ date -u; uname -a; nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1; nproc; } > "$out/device.txt"
step harness 240 "$bin/Stencil.Benchmarks" --backend "$backend" --json "$out/harness.json" $harness_args
step scaling 90 "$bin/Geothermal2D" --backend "$backend" --scaling --out "$out/scaling"
step inversion-adaptive 90 "$bin/Geothermal2D" --backend "$backend" --out "$out/inversion-adaptive"
step inversion-fixed 90 "$bin/Geothermal2D" --backend "$backend" --fixed-checks --out "$out/inversion-fixed"
step diffusion3d 45 "$bin/Diffusion3D" --backend "$backend" --n 256 --steps 100
# The figures and ParaView files are large and not needed for the numbers.
find "$out" \( -name '*.png' -o -name '*.vti' -o -name 'inversion.state' \) -delete
