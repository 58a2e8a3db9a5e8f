#!/usr/bin/env bash
# Builds what a GPU machine without .NET needs to measure this project: the T_eff harness and the
# two examples, published self-contained into one folder and compressed to .gpu/bundle.txz at the
# repository root (38 MB), with measure.sh beside it. Add /.gpu/ to .git/info/exclude.
# Then, on the GPU machine (the device tool's `run`, carry [".gpu"]):
#   bash .gpu/measure.sh            (unpacks the bundle and writes every result under $OUT)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
rm -rf out/gpu
for project in tests/Stencil.Benchmarks examples/Geothermal2D examples/Diffusion3D; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -o out/gpu -v quiet -nologo
done
mkdir -p .gpu
tar c -C out gpu | xz -T2 -6 > .gpu/bundle.txz
cp tests/Stencil.Benchmarks/gpu/measure.sh .gpu/measure.sh
ls -l .gpu/bundle.txz
