#!/usr/bin/env bash
# Benchmark: a 1 x 3 volume grown to 2 x 3 (add-brick and a rebalance waited for) and shrunk back
# (remove-brick start, the migration waited for, commit) with `brickwork apply`, against a bare
# script of the same gluster commands, on the same data, in one run (docs/layout.md). Each side
# is timed from the command to the end of its work: the bare grow until the rebalance reports
# completed and node4..6 mount the volume (hosts, probe, add-brick, rebalance, auth.allow, fstab,
# mount); the bare shrink until the commit. Brickwork: each apply until it returns (its
# replication check included). Target: <= 1.15x bare.
# Usage (root, after mvn -B package): lab/bench/grow-bench.sh [FILES]  (of 4 KiB; default 2000)
# BENCH_ROUNDS=N runs N rounds, bare first in odd rounds and Brickwork first in even ones, so
# that a load from outside which rises or falls during the run weighs on both sides alike; the
# ratio is then of the sums.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export BW_LAB_PREFIX=${BW_LAB_PREFIX:-bwgb} BW_LAB_SUBNET_PREFIX=${BW_LAB_SUBNET_PREFIX:-10.213.45}
# shellcheck source=lab/bench/lib.sh
source "$repo/lab/bench/lib.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT
files=${1:-2000}
rounds=${BENCH_ROUNDS:-1}
subnet=$BW_LAB_SUBNET_PREFIX
new_bricks=(node4:/gluster/brick node5:/gluster/brick node6:/gluster/brick)

write_files() {
  "$lab" exec node1 sh -c "mkdir -p /mnt/d1 /mnt/d2 && cd /mnt && for i in \$(seq 1 $files); do
    head -c 4096 /dev/urandom > d\$((i % 2 + 1))/f\$i; done"
}
sums() { "$lab" exec "$1" sh -c 'cd /mnt && sha256sum d1/f* d2/f* | sha256sum'; }
# Until `rebalance status` (or remove-brick status) aggregates to completed; anything else that
# is not in progress ends the benchmark, as it would an operator's script.
await_completed() {
  local status
  while :; do
    status=$("$lab" exec node1 gluster --mode=script --xml volume "$@" status |
      sed -n '/<aggregate>/,/<\/aggregate>/s:.*<statusStr>\(.*\)</statusStr>.*:\1:p')
    case $status in
      completed) return ;;
      "in progress" | "not started" | "") sleep 1 ;;
      *) echo "$* ended $status" >&2; exit 1 ;;
    esac
  done
}

bare_round() {
  # The bare script: what an operator types, with no check beyond what the commands need.
  local all_hosts="" new_hosts="" line add k t0 t1 t2 before
  "$lab" down >/dev/null 2>&1 || true
  "$lab" up 6 >/dev/null
  "$repo/lab/bench/bare-provision.sh" 3
  write_files
  before=$(sums node1)
  t0=$(now)
  # node1..3 have their own three names from bare-provision.sh; node4..6 get all six.
  for ((k = 1; k <= 6; k++)); do
    line="$subnet.$((10 + k)) node$k"$'\n'
    ((k > 3)) && new_hosts+=$line
    all_hosts+=$line
  done
  for ((k = 1; k <= 6; k++)); do
    add=$new_hosts; ((k > 3)) && add=$all_hosts
    "$lab" exec "node$k" sh -c "printf '%s' \"\$1\" >> /etc/hosts && mkdir -p /gluster/brick" sh "$add" &
  done
  wait
  for k in 4 5 6; do "$lab" exec node1 gluster --mode=script peer probe "node$k" >/dev/null; done
  until [[ $("$lab" exec node1 gluster --mode=script peer status | grep -c 'Peer in Cluster (Connected)') == 5 ]]; do
    sleep 0.1
  done
  "$lab" exec node1 gluster --mode=script volume add-brick bench-gfs replica 3 "${new_bricks[@]}" force >/dev/null
  "$lab" exec node1 gluster --mode=script volume rebalance bench-gfs start >/dev/null
  await_completed rebalance bench-gfs
  "$lab" exec node1 gluster --mode=script volume set bench-gfs auth.allow \
    "$subnet.11,$subnet.12,$subnet.13,$subnet.14,$subnet.15,$subnet.16" >/dev/null
  for k in 4 5 6; do
    "$lab" exec "node$k" sh -c "echo 'localhost:/bench-gfs /mnt glusterfs defaults,_netdev,x-systemd.requires=glusterd.service,backup-volfile-servers=node1:node2:node3 0 0' >> /etc/fstab && mount /mnt && chown root:docker /mnt" &
  done
  wait
  t1=$(now)
  "$lab" exec node1 gluster --mode=script volume remove-brick bench-gfs "${new_bricks[@]}" start >/dev/null
  await_completed remove-brick bench-gfs "${new_bricks[@]}"
  "$lab" exec node1 gluster --mode=script volume remove-brick bench-gfs "${new_bricks[@]}" commit >/dev/null
  t2=$(now)
  bare_grow=$(elapsed "$t0" "$t1")
  bare_shrink=$(elapsed "$t1" "$t2")
  [[ $(sums node4) == "$before" && $(sums node1) == "$before" ]] || { echo "bare: files differ" >&2; exit 1; }
  "$lab" down >/dev/null
}

brickwork_round() {
  # Brickwork: the same volume provisioned by apply, the same data, the same two changes.
  local t0 t1 t2 before
  "$lab" up 6 >/dev/null
  start_brickwork 6
  spec 3 >"$work/spec.conf"
  brickwork apply -f "$work/spec.conf" >/dev/null
  write_files
  before=$(sums node1)
  sed 's/nodes = \[node1,node2,node3\]/nodes = [node1,node2,node3,node4,node5,node6]/; s/replica = 3,/replica = 3, nodes = [node1,node2,node3,node4,node5,node6],/' \
    "$work/spec.conf" >"$work/grown.conf"
  sed 's/replica = 3, nodes = \[[^]]*\],/replica = 3, nodes = [node1,node2,node3],/' "$work/grown.conf" >"$work/shrunk.conf"
  t0=$(now)
  brickwork apply -f "$work/grown.conf" >"$work/grow.txt"
  t1=$(now)
  brickwork apply -f "$work/shrunk.conf" >"$work/shrink.txt"
  t2=$(now)
  grow=$(elapsed "$t0" "$t1")
  shrink=$(elapsed "$t1" "$t2")
  [[ $(sums node4) == "$before" && $(sums node1) == "$before" ]] || { echo "brickwork: files differ" >&2; exit 1; }
  "$lab" down >/dev/null
}

header() { printf '%-6s %-5s %-7s %8s %12s %14s\n' files round change bare_s brickwork_s brickwork/bare; }
row() { printf '%-6s %-5s %-7s %8.1f %12.1f %14.2f\n' "$files" "$1" "$2" "$3" "$4" "$(echo "$4 / $3" | bc -l)"; }
sum_bare_grow=0 sum_bare_shrink=0 sum_grow=0 sum_shrink=0 rows=()
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then bare_round; brickwork_round; else brickwork_round; bare_round; fi
  rows+=("$(row "$round" grow "$bare_grow" "$grow")" "$(row "$round" shrink "$bare_shrink" "$shrink")")
  sum_bare_grow=$(echo "$sum_bare_grow + $bare_grow" | bc -l) sum_grow=$(echo "$sum_grow + $grow" | bc -l)
  sum_bare_shrink=$(echo "$sum_bare_shrink + $bare_shrink" | bc -l) sum_shrink=$(echo "$sum_shrink + $shrink" | bc -l)
done
header
printf '%s\n' "${rows[@]}"
if ((rounds > 1)); then
  row all grow "$sum_bare_grow" "$sum_grow"
  row all shrink "$sum_bare_shrink" "$sum_shrink"
fi
