#!/usr/bin/env bash
# One sweep shared by a Slurm job array: task i of n runs every n-th (batch size, seed) cell and
# writes its finished runs into the shared folder; the last step merges them.
#
#   sbatch --array=0-3 docs/examples/slurm-sweep.sh
#
#SBATCH --job-name=sweep
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
set -euo pipefail

OUT=${OUT:-$HOME/sweeps/fashion-mnist-mlp}    # a folder every task can reach (shared file system)
TASKS=${SLURM_ARRAY_TASK_COUNT:-4}
INDEX=${SLURM_ARRAY_TASK_ID:-0}

sweep run --out "$OUT" --seeds 8 --shard "$INDEX/$TASKS" --threads "${SLURM_CPUS_PER_TASK:-1}"

# Any task may redraw; once the last shard has finished, the figures include every run.
sweep plot "$OUT"
