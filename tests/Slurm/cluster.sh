# A one-node Slurm cluster on this machine, private to one folder: sourced by run.sh.
#
# Everything the cluster writes lives under $cluster (a temporary folder): its own munge key,
# munged socket, slurm.conf, state, spool, pid files and logs, and ports that nothing else is
# listening on. The client commands find it through SLURM_CONF, so an existing Slurm or munge
# installation on the machine is neither read nor changed. The daemons are stopped by the pids
# this file started, never by name.
#
# Needs: root, munge and slurm-wlm (installed by install_slurm where missing, with apt-get).

cluster_pids=()          # slurmctld and slurmd, started in the foreground as children
munged_pid=""

# Installs Debian's slurm-wlm and munge unless their commands are already there.
# Returns 2 (and says why) where they are missing and apt-get is not available.
install_slurm() { # $1: log file
  local command missing=0
  for command in slurmctld slurmd sbatch scontrol squeue sinfo munge; do
    command -v "$command" >/dev/null 2>&1 || missing=1
  done
  [ -x /usr/sbin/munged ] || missing=1
  [ "$missing" -eq 1 ] || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Slurm and munge are not installed and there is no apt-get to install them"
    return 2
  fi
  note "installing slurm-wlm and munge with apt-get"
  # Another installation on the machine may hold dpkg's lock for a while: wait for it.
  timeout 600 apt-get -o DPkg::Lock::Timeout=300 update -qq >"$1" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get -o DPkg::Lock::Timeout=300 \
      install -y -qq --no-install-recommends slurm-wlm munge >>"$1" 2>&1
}

# True when nothing answers on 127.0.0.1:$1.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the first of two consecutive free ports from 6917 on (Slurm's defaults are 6817/6818).
free_port_pair() {
  local port
  for ((port = 6917; port < 7917; port += 2)); do
    if port_is_free "$port" && port_is_free "$((port + 1))"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Waits up to $1 seconds for the command $2... to succeed.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# Starts munged as the munge user with a fresh 1024-byte key, private to $cluster.
start_munge() {
  local keys="$cluster/munge-key" run="$cluster/munge-run"
  # munged refuses a key or socket folder that others may write to, and needs the socket's
  # folder searchable by everyone; the key folder stays closed.
  mkdir -p "$keys" "$run"
  chown munge:munge "$keys" "$run"
  chmod 700 "$keys"
  chmod 755 "$run"
  head -c 1024 /dev/urandom >"$keys/munge.key"
  chown munge:munge "$keys/munge.key"
  chmod 400 "$keys/munge.key"
  munge_socket="$run/munge.socket"
  # munged forks and returns once it is ready (or has failed); its pid file names the daemon.
  runuser -u munge -- /usr/sbin/munged --key-file="$keys/munge.key" --socket="$munge_socket" \
    --pid-file="$run/munged.pid" --log-file="$keys/munged.log" --seed-file="$keys/munged.seed" \
    </dev/null >"$cluster/munged.out" 2>&1 || { cat "$cluster/munged.out" >&2; return 1; }
  wait_until 10 test -s "$run/munged.pid" || return 1
  munged_pid="$(cat "$run/munged.pid")"
  munge -n -S "$munge_socket" | unmunge -S "$munge_socket" >/dev/null
}

# Writes $cluster/etc/slurm.conf for one node named $host with every CPU of this machine.
write_slurm_conf() {
  local port memory
  port="$(free_port_pair)" || { echo "no two free ports between 6917 and 7917" >&2; return 1; }
  # RealMemory must not exceed what slurmd finds, or the node is drained: half of what is free.
  memory="$(awk '/^MemAvailable:/ { m = int($2 / 1024 / 2); print (m > 0 ? m : 1) }' /proc/meminfo)"
  mkdir -p "$cluster/etc" "$cluster/state" "$cluster/spool" "$cluster/log"
  cat >"$cluster/etc/slurm.conf" <<EOF
# A throwaway one-node cluster for tests/Slurm/run.sh.
ClusterName=sweeptest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
# A requeued job waits cred_expire + 1 seconds before it starts again (default 120).
AuthInfo=socket=$munge_socket,cred_expire=10
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
ReturnToService=2
# Starts a requeued job as soon as its begin time has come, not at the next 60-second pass.
SchedulerParameters=sched_interval=2
KillWait=5
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

queue_is_empty() {
  [ -z "$(squeue -h -o %i 2>/dev/null)" ]
}

node_is_idle() {
  [ "$(sinfo -h -n "$host" -o %T 2>/dev/null)" = idle ]
}

# Starts munged, slurmctld and slurmd and waits until the node is idle.
start_cluster() {
  host="$(hostname -s)"
  getent hosts "$host" >/dev/null || { echo "the host name '$host' does not resolve" >&2; return 1; }
  start_munge || { echo "munged did not start" >&2; return 1; }
  write_slurm_conf || return 1
  export SLURM_CONF="$cluster/etc/slurm.conf"
  # In the foreground (-D) as children, so that $! is the daemon itself.
  slurmctld -D -f "$SLURM_CONF" </dev/null >"$cluster/log/slurmctld.out" 2>&1 &
  cluster_pids+=("$!")
  slurmd -D -f "$SLURM_CONF" </dev/null >"$cluster/log/slurmd.out" 2>&1 &
  cluster_pids+=("$!")
  wait_until 60 node_is_idle || { echo "the node did not become idle within 60 s" >&2; return 1; }
}

# True while pid $1 runs (a child that has exited but is not yet waited for does not count).
is_running() {
  [ -r "/proc/$1/stat" ] && [ "$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

is_stopped() { ! is_running "$1"; }

# Sends TERM to pid $1, waits up to $2 seconds, then KILL. Returns 1 if it still runs after that.
stop_pid() {
  is_running "$1" || return 0
  kill -TERM "$1" 2>/dev/null
  wait_until "$2" is_stopped "$1" && return 0
  kill -KILL "$1" 2>/dev/null
  wait_until 5 is_stopped "$1"
}

# Cancels every job of this cluster, waits for them to end, then stops the daemons it started.
stop_cluster() {
  local index stuck=0
  if [ "${#cluster_pids[@]}" -gt 0 ] && is_running "${cluster_pids[0]}"; then
    scancel --user=root >/dev/null 2>&1
    # A job's processes outlive slurmd, so the jobs must be gone before it stops.
    wait_until 30 queue_is_empty || stuck=1
  fi
  for ((index = ${#cluster_pids[@]} - 1; index >= 0; index--)); do
    stop_pid "${cluster_pids[index]}" 15 || stuck=1
    wait "${cluster_pids[index]}" 2>/dev/null
  done
  cluster_pids=()
  if [ -n "$munged_pid" ]; then
    stop_pid "$munged_pid" 10 || stuck=1
    munged_pid=""
  fi
  return "$stuck"
}
