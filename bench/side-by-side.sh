#!/usr/bin/env bash
# Side-by-side, end to end: `sweep run` against the same range tests in plain PyTorch
# (bench/lr_sweep.py), each a fresh process writing into a fresh folder, alternating, for several
# rounds; prints every time, the min and median of each, and the ratio of the medians.
#
# Usage: bench/side-by-side.sh [--rounds N] [--work default|wide|cnn]
#   default: batch sizes 64,32,16,8 x 5 seeds (what `sweep run` does with no options)
#   wide:    batch sizes 256,128,64,32,16,8 x 20 seeds
#   cnn:     the small CNN (--model cnn), batch sizes 64,32,16,8 x 3 seeds
# `sweep run` uses its default --jobs (the machine's cores, one torch thread each); Python runs one
# process on one thread, as pytorch-lr-finder does.
#
# PyTorch is Debian's python3-torch (installed when missing; needs root). Debian links it against
# the reference BLAS, about 30x slower than OpenBLAS, which would flatter Sweep: the script
# unpacks Debian's libopenblas0-pthread into a cache folder and runs Python with that BLAS on one
# thread (Sweep's default is one torch thread too). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
# unset for the Python command alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=3 work=default model=mlp
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "side-by-side: unknown argument '$1'; use --rounds N or --work default|wide|cnn" >&2; exit 2 ;;
  esac
done
case "$work" in
  default) sizes=64,32,16,8 seeds=5 ;;
  wide) sizes=256,128,64,32,16,8 seeds=20 ;;
  cnn) sizes=64,32,16,8 seeds=3 model=cnn ;;
  *) echo "side-by-side: unknown --work '$work'; use default, wide or cnn" >&2; exit 2 ;;
esac

if ! /usr/bin/python3 -c 'import torch, matplotlib' 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "side-by-side: python3-torch is missing; install it: apt-get install python3-torch python3-matplotlib" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch python3-matplotlib >/dev/null
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/sweep-bench"
openblas="$cache/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ ! -e "$openblas/libblas.so.3" ]; then
  mkdir -p "$cache/download" && chmod 777 "$cache/download"  # apt-get download fetches as the _apt user
  (cd "$cache/download" && apt-get download libopenblas0-pthread >/dev/null)
  dpkg-deb -x "$cache"/download/libopenblas0-pthread_*.deb "$cache/openblas"
fi

dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
sweep=src/Cli/bin/Release/net10.0/linux-x64/sweep
scratch="$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

python_run() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$openblas" OPENBLAS_NUM_THREADS=1 \
    /usr/bin/python3 bench/lr_sweep.py data/fashion-mnist "$1" --batch-sizes "$sizes" --seeds "$seeds" --model "$model" >/dev/null
}
sweep_run() { "$sweep" run --batch-sizes "$sizes" --seeds "$seeds" --model "$model" --out "$1" >/dev/null 2>&1; }
seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); echo "$end - $start" | bc -l; }

# Which BLAS Python really runs with, so a result cannot silently flatter either side.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$openblas" /usr/bin/python3 -c \
  'import torch; torch.ones(64, 64) @ torch.ones(64, 64); blas = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l}); print("python: torch", torch.__version__, "BLAS", blas)'

sweep_times=() python_times=()
for round in $(seq 1 "$rounds"); do
  s=$(seconds sweep_run "$scratch/sweep-$round")
  p=$(seconds python_run "$scratch/python-$round")
  printf 'round %d: sweep %.2f s, python %.2f s (load %s)\n' "$round" "$s" "$p" "$(cut -d' ' -f1 /proc/loadavg)"
  sweep_times+=("$s") python_times+=("$p")
done

summary() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f\n", v[1], m }'; }
read -r sweep_min sweep_median <<<"$(summary "${sweep_times[@]}")"
read -r python_min python_median <<<"$(summary "${python_times[@]}")"
echo "work: $work (model $model, batch sizes $sizes x $seeds seeds), $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sweep:  min $sweep_min s, median $sweep_median s"
echo "python: min $python_min s, median $python_median s"
echo "ratio of medians (sweep / python): $(echo "$sweep_median / $python_median" | bc -l | xargs printf '%.2f\n')"
echo "ratio of mins (sweep / python): $(echo "$sweep_min / $python_min" | bc -l | xargs printf '%.2f\n')"
