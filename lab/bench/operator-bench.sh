#!/usr/bin/env bash
# Benchmark: what Brickwork's agents cost an operator who shares the cluster with them. On an
# N-node lab with the volume applied and every agent reporting every 5 s:
#  - node1 runs TRIES `volume set` commands, each a cluster-wide transaction as an operator's
#    would be, without retrying, and counts those glusterd refused because another transaction
#    held its lock ("Another transaction is in progress", "Locking failed");
#  - then, idle for 30 s, the CPU used by gluster's processes (glusterd, bricks, self-heal
#    daemons, FUSE clients) and by the agents (their gluster commands included).
# Prints the refusals and the CPU in seconds per 10 s.
# Usage (root, after mvn -B package): lab/bench/operator-bench.sh [N] [TRIES]
# BW_BENCH_AGENT_JAR=path/to/brickwork-agent.jar measures another agent build, to compare.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export BW_LAB_PREFIX=bwo BW_LAB_SUBNET_PREFIX=10.213.7
# shellcheck source=lab/bench/lib.sh
source "$repo/lab/bench/lib.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT
n=${1:-8}
tries=${2:-100}
[[ $n =~ ^[1-9][0-9]?$ && $tries =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N] [TRIES]" >&2; exit 2; }
idle_s=30

# CPU seconds used so far by this lab's processes of one kind: gluster (glusterd, glusterfsd,
# glusterfs) or agent (the agent JVMs, with the commands they ran and waited for).
ticks=$(getconf CLK_TCK)
cpu() {
  local kind=$1 pid comm total=0 f
  for pid in $(pgrep -x 'glusterd|glusterfsd|glusterfs|java'); do
    [[ $(ip netns identify "$pid" 2>/dev/null) == "$BW_LAB_PREFIX"-node* ]] || continue
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
    if [[ $kind == gluster && $comm == gluster* ]] ||
       { [[ $kind == agent && $comm == java ]] && grep -qaF "$agent_jar" "/proc/$pid/cmdline"; }; then
      # utime stime cutime cstime: fields 14-17, after the parenthesised name.
      read -r -a f < <(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
      total=$((total + f[11] + f[12] + f[13] + f[14]))
    fi
  done
  echo "$total / $ticks" | bc -l
}

"$lab" down >/dev/null 2>&1 || true
"$lab" up "$n" >/dev/null
start_brickwork "$n"
spec "$n" >"$work/spec.conf"
brickwork apply -f "$work/spec.conf" >"$work/apply.txt"
sleep 10   # every agent past its first reports

refused=0 failed=0
for ((i = 0; i < tries; i++)); do
  if out=$("$lab" exec node1 gluster --mode=script volume set bench-gfs cluster.heal-timeout $((600 + i % 2)) 2>&1); then
    continue
  elif grep -q 'Another transaction is in progress\|Locking failed' <<<"$out"; then
    refused=$((refused + 1))
  else
    failed=$((failed + 1))
    echo "volume set failed otherwise: $out" >&2
  fi
done

g0=$(cpu gluster) a0=$(cpu agent)
sleep "$idle_s"
g1=$(cpu gluster) a1=$(cpu agent)
printf '%-6s %8s %8s %9s %22s %20s\n' nodes tries refused refused% gluster_cpu_s_per_10s agent_cpu_s_per_10s
printf '%-6s %8d %8d %8.1f%% %22.2f %20.2f\n' "$n" "$tries" "$refused" "$(echo "100 * $refused / $tries" | bc -l)" \
  "$(echo "($g1 - $g0) * 10 / $idle_s" | bc -l)" "$(echo "($a1 - $a0) * 10 / $idle_s" | bc -l)"
((failed == 0)) || { echo "$failed commands failed for another reason" >&2; exit 1; }
