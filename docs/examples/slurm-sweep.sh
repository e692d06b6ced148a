#!/usr/bin/env bash
# One sweep shared by a Slurm job array, then one job that merges it. Submit both at once:
#
#   array=$(sbatch --parsable --array=0-3 docs/examples/slurm-sweep.sh)
#   sbatch --dependency=afterok:$array docs/examples/slurm-sweep.sh merge
#
# The first line starts the array: task i of n runs every n-th (batch size, seed) cell and writes
# each finished run into the shared folder; --parsable makes sbatch print only the job id. The
# second line queues the merge, which starts once every task of that array has ended successfully
# (afterok) and draws curves.csv, sweep.json, the figures and the report from all the runs. A
# task requeued while it runs (scontrol requeue JOBID_TASK) keeps its finished runs and the merge
# still waits for it. A task that fails leaves the merge pending for good (reason
# DependencyNeverSatisfied; Slurm keeps the array marked as failed even after a rerun, so a new
# afterok on it never starts either): cancel the merge, requeue the task, and once it has ended
# run `sweep plot "$OUT"` yourself.
#
# Arguments after the script name are `sweep run` options for every task (default: --seeds 8):
#   sbatch --parsable --array=0-3 docs/examples/slurm-sweep.sh --seeds 4 --model cnn
# Both jobs write to and read from OUT; sbatch passes your environment on, so set it once:
#   export OUT=/shared/sweeps/cnn
# `sweep` is the installed .NET tool (see the README).
#
#SBATCH --job-name=sweep
#SBATCH --cpus-per-task=1
#SBATCH --time=00:30:00
set -euo pipefail

OUT=${OUT:-$HOME/sweeps/fashion-mnist-mlp}    # a folder every task can reach (shared file system)

if [ "${1:-}" = merge ]; then
  sweep plot "$OUT"
  exit
fi

[ "$#" -gt 0 ] || set -- --seeds 8
TASKS=${SLURM_ARRAY_TASK_COUNT:-1}
INDEX=${SLURM_ARRAY_TASK_ID:-0}
sweep run --out "$OUT" --shard "$INDEX/$TASKS" --threads "${SLURM_CPUS_PER_TASK:-1}" "$@"
