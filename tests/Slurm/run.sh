#!/usr/bin/env bash
# Shards of a sweep on a real Slurm. On a one-node cluster started here (cluster.sh), the example
# job script docs/examples/slurm-sweep.sh runs as a 4-task job array with the merge job that
# depends on it, submitted as its comments say; one task is requeued between its first and its
# second run and must keep the first. The merged curves.csv and sweep.json must be byte for byte
# those of the same sweep run unsharded, and the merge must print the same table.
#
# The last line on stdout is the outcome: "slurm: passed" (exit 0), "slurm: failed: WHY" (exit 1)
# or "slurm: skipped: WHY" (exit 77: not root, or Slurm missing with no apt-get to install it).
# Progress and, on failure, the logs go to stderr. Installs Debian's slurm-wlm and munge where
# they are missing (apt-get; about a minute), then takes about a minute. Everything else it
# writes is in one temporary folder, removed at the end with the daemons it started.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repository="$(cd "$here/../.." && pwd)"
example="$repository/docs/examples/slurm-sweep.sh"
# shellcheck source=tests/Slurm/cluster.sh
. "$here/cluster.sh"

# Eight cells, two per task, in plan order (batch sizes as given, seeds ascending); task i runs
# cells i and i + 4. Task 0's first run is short (batch 32) and its second long (batch 256: about
# eight times the work), so the requeue lands inside the second run even on a loaded machine.
sweep_options=(--hidden 512 --steps 1500 --seeds 2 --batch-sizes 32,16,256,4)
tasks=4
target=0
first_run=bs32-seed0
second_run=bs256-seed0

outcome="failed: stopped before the end"
status=1
work=""
cluster=""

note() { echo "slurm: [${SECONDS}s] $*" >&2; }
pass() { outcome="passed"; status=0; exit 0; }
skip() { outcome="skipped: $*"; status=77; exit 77; }
fail() { outcome="failed: $*"; status=1; show_logs; exit 1; }

show_logs() {
  local file
  [ -n "$work" ] || return 0
  for file in "$work"/logs/* "$cluster"/log/*.log; do
    [ -s "$file" ] || continue
    echo "----- ${file#"$work"/} (last 25 lines)" >&2
    tail -n 25 "$file" >&2
  done
}

finish() {
  trap - EXIT INT TERM
  if ! stop_cluster 2>/dev/null; then
    [ "$status" -ne 0 ] || outcome="failed: a job or daemon of the test cluster did not stop"
    status=1
  fi
  [ -z "$work" ] || rm -rf "$work"
  echo "slurm: $outcome"
  exit "$status"
}
trap finish EXIT
trap 'outcome="failed: interrupted"; status=1; exit 1' INT TERM

# The job's state (RUNNING, PENDING, COMPLETED…) as slurmctld knows it; empty when unknown.
job_state() {
  scontrol show job -o "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1
}

job_field() { # $1: job, $2: field name
  scontrol show job -o "$1" 2>/dev/null | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | head -n 1
}

is_over() {
  case "$(job_state "$1")" in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | OUT_OF_MEMORY | NODE_FAIL | BOOT_FAIL | DEADLINE | PREEMPTED) return 0 ;;
    PENDING) [ "$(job_field "$1" Reason)" = DependencyNeverSatisfied ] ;;
    *) return 1 ;;
  esac
}

# Stopped and back in the queue: no process of the task is left to write a run.
is_requeued() {
  [ "$(job_state "$1")" = PENDING ]
}

first_run_written_or_over() {
  [ -e "$work/shared/runs/$first_run.json" ] || is_over "$1"
}

run_id() { stat -c '%i %y' "$work/shared/runs/$1.json" 2>/dev/null; }

[ "$(id -u)" -eq 0 ] || skip "needs root to install Slurm and start its daemons (running as $(id -un))"
work="$(mktemp -d "${TMPDIR:-/tmp}/sweep-slurm.XXXXXX")" || fail "cannot create a temporary folder"
chmod 755 "$work" # munged, running as munge, reaches its folders through it
cluster="$work/cluster"
mkdir -p "$cluster" "$work/logs" "$work/bin"

reason="$(install_slurm "$work/apt.log")"
case $? in
  0) ;;
  2) skip "$reason" ;;
  *) tail -n 25 "$work/apt.log" >&2; fail "apt-get could not install slurm-wlm and munge" ;;
esac

note "building the CLI"
timeout 900 dotnet build "$repository/src/Cli" -c Release -nologo -v quiet </dev/null >"$work/build.log" 2>&1 ||
  { tail -n 25 "$work/build.log" >&2; fail "dotnet build src/Cli -c Release failed"; }
sweep="$repository/src/Cli/bin/Release/net10.0/linux-x64/sweep"
[ -x "$sweep" ] || fail "the built CLI is not at $sweep"
# The jobs call 'sweep', as an installed tool would be called: this one runs the build.
printf '#!/bin/sh\nexec "%s" "$@"\n' "$sweep" >"$work/bin/sweep"
chmod 755 "$work/bin/sweep"

note "running the sweep unsharded: ${sweep_options[*]}"
timeout 600 "$sweep" run "${sweep_options[@]}" --threads 1 --out "$work/whole" </dev/null >"$work/logs/whole.out" 2>"$work/logs/whole.err" ||
  fail "the unsharded sweep failed"

note "starting munged, slurmctld and slurmd"
start_cluster 2>"$work/logs/cluster-start.err" || fail "the one-node cluster did not start"

note "submitting the array of $tasks tasks and the merge"
# As the example's comments say; sbatch passes this environment (OUT, PATH) on to the jobs.
submit() { env OUT="$work/shared" PATH="$work/bin:$PATH" sbatch --parsable --chdir="$work" "$@"; }
array="$(submit --array=0-$((tasks - 1)) --output="$work/logs/task-%a.out" --open-mode=append "$example" "${sweep_options[@]}")" ||
  fail "sbatch of the array failed"
array="${array%%;*}"
merge="$(submit --dependency="afterok:$array" --output="$work/logs/merge.out" --error="$work/logs/merge.err" "$example" merge)" ||
  fail "sbatch of the merge failed"
merge="${merge%%;*}"

task="${array}_$target"
wait_until 300 first_run_written_or_over "$task" || fail "task $target wrote no run within 300 s"
[ -e "$work/shared/runs/$first_run.json" ] || fail "task $target ended ($(job_state "$task")) without writing $first_run"
kept="$(run_id "$first_run")"
scontrol requeue "$task" || fail "scontrol requeue $task failed"
note "requeued task $target after its first run ($first_run)"
wait_until 60 is_requeued "$task" || fail "task $target was not back in the queue 60 s after the requeue ($(job_state "$task"))"
[ ! -e "$work/shared/runs/$second_run.json" ] ||
  fail "task $target finished $second_run before the requeue stopped it: runs are too short here to requeue one mid-task"

note "waiting for the requeued task, the rest of the array and the merge"
wait_until 600 is_over "$merge" || fail "the merge job has not ended within 600 s ($(job_state "$merge"))"
for ((index = 0; index < tasks; index++)); do
  state="$(job_state "${array}_$index")"
  [ "$state" = COMPLETED ] || fail "array task $index ended $state"
done
[ "$(job_state "$merge")" = COMPLETED ] ||
  fail "the merge job ended $(job_state "$merge") ($(job_field "$merge" Reason))"
[ "$(job_field "$task" Restarts)" = 1 ] || fail "task $target restarted $(job_field "$task" Restarts) times, not once"
[ "$(run_id "$first_run")" = "$kept" ] || fail "the requeued task ran $first_run again instead of keeping it"
[ -e "$work/shared/runs/$second_run.json" ] || fail "the requeued task did not write $second_run"
for file in curves.csv sweep.json; do
  cmp "$work/whole/$file" "$work/shared/$file" >&2 || fail "the merged $file differs from the unsharded run's"
done
cmp "$work/logs/whole.out" "$work/logs/merge.out" >&2 || fail "the merge job printed another table than the unsharded run"
note "merged curves.csv and sweep.json are identical to the unsharded run's"
pass
