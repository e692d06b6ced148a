#!/usr/bin/env bash
# One sweep shared by a Slurm job array, then one job that merges it. Submit both at once:
#
#   array=$(sbatch --parsable --array=0-3 docs/examples/slurm-sweep.sh)
#   sbatch --dependency=afterok:$array docs/examples/slurm-sweep.sh merge
#
# The first line starts the array: task i of n runs every n-th (batch size, seed) cell and writes
# each finished run into the shared folder; --parsable makes sbatch print only the job id. The
# second line queues the merge, which starts once every task of that array has ended successfully
# (afterok) and draws curves.csv, sweep.json, the figures and the report from all the runs. A task
# that fails leaves the merge pending (reason DependencyNeverSatisfied): requeue the task
# (scontrol requeue JOBID_TASK), which keeps its finished runs and runs only the missing ones, or
# cancel the merge and run `sweep plot` on the folder yourself.
#
# Arguments after the script name replace the sweep options below, for example
#   sbatch --parsable --array=0-3 docs/examples/slurm-sweep.sh --seeds 4 --model cnn
# Give the array and the merge the same OUT (sbatch passes your environment to the job):
#   OUT=/shared/sweeps/cnn sbatch ...
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
