#!/usr/bin/env bash
# Benchmark: a dead node replaced by a new one (docs/replace-a-node.md) with `brickwork apply`
# against a bare script of the same gluster commands, on the same data, in one run. Timed from
# the start of the replacement until the volume is whole again: for Brickwork until
# `brickwork status` says HEALTHY after the apply; for the script until heal info shows 0 on
# every brick and the rest (detach, auth.allow, node4's mount) is done. Target: <= 1.15x bare.
# Usage (root, after mvn -B package): lab/bench/replace-bench.sh [FILES]  (of 100 KiB; default 2000)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export BW_LAB_PREFIX=${BW_LAB_PREFIX:-bwrb} BW_LAB_SUBNET_PREFIX=${BW_LAB_SUBNET_PREFIX:-10.213.44}
# shellcheck source=lab/bench/lib.sh
source "$repo/lab/bench/lib.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT
files=${1:-2000}
subnet=$BW_LAB_SUBNET_PREFIX

write_files() {
  "$lab" exec node1 sh -c "cd /mnt && for i in \$(seq 1 $files); do head -c 102400 /dev/urandom > f\$i; done"
}
# Every process of node3 (glusterd, bricks, clients, its agent), found by the node's own network
# namespace, never by name across the host; then its link: dead for good.
kill_node3() {
  "$lab" exec node3 sh -c 'me=$(readlink /proc/self/ns/net); for p in /proc/[0-9]*; do
    pid=${p#/proc/}; [ "$pid" = $$ ] && continue
    [ "$(readlink $p/ns/net 2>/dev/null)" = "$me" ] && kill -9 "$pid" 2>/dev/null; done; true'
  "$lab" link node3 down
}
healed() {
  (($("$lab" exec node1 gluster --mode=script --xml volume heal bench-gfs info summary |
    grep -c '<numberOfEntriesInHealPending>0<') == 3))
}
healthy() { brickwork status --output json 2>/dev/null | grep -q '"health":"HEALTH_HEALTHY"'; }

# The bare script: what an operator types, with no check beyond what the commands need.
"$lab" down >/dev/null 2>&1 || true
"$lab" up 4 >/dev/null
"$repo/lab/bench/bare-provision.sh" 3
write_files
kill_node3
t0=$(now)
for k in 1 2 4; do
  "$lab" exec "node$k" sh -c "printf '$subnet.11 node1\n$subnet.12 node2\n$subnet.14 node4\n' >> /etc/hosts; mkdir -p /gluster/brick"
done
"$lab" exec node1 gluster --mode=script peer probe node4 >/dev/null
until "$lab" exec node1 gluster --mode=script peer status | grep -A2 'Hostname: node4' | grep -q 'Peer in Cluster (Connected)'; do
  sleep 0.1
done
"$lab" exec node1 gluster --mode=script volume replace-brick bench-gfs node3:/gluster/brick node4:/gluster/brick commit force >/dev/null
until healed; do sleep 1; done
"$lab" exec node1 gluster --mode=script peer detach node3 >/dev/null
"$lab" exec node1 gluster --mode=script volume set bench-gfs auth.allow "$subnet.11,$subnet.12,$subnet.14" >/dev/null
"$lab" exec node4 sh -c "echo 'localhost:/bench-gfs /mnt glusterfs defaults,_netdev,x-systemd.requires=glusterd.service,backup-volfile-servers=node1:node2 0 0' >> /etc/fstab && mount /mnt"
t1=$(now)
bare=$(elapsed "$t0" "$t1")
"$lab" down >/dev/null

# Brickwork: the same cluster provisioned by apply, the same data, the same death.
"$lab" up 4 >/dev/null
start_brickwork 4
spec 3 >"$work/spec.conf"
brickwork apply -f "$work/spec.conf" >/dev/null
write_files
until healthy; do sleep 1; done
kill_node3
sed 's/node3\]/node4]/' "$work/spec.conf" >"$work/replaced.conf"
t0=$(now)
brickwork apply -f "$work/replaced.conf" >"$work/replace.txt"
t_apply=$(now)
until healthy; do sleep 0.5; done
t1=$(now)
apply=$(elapsed "$t0" "$t_apply")
brickwork_s=$(elapsed "$t0" "$t1")
"$lab" down >/dev/null

printf '%-6s %8s %8s %12s %14s\n' files bare_s apply_s to_healthy_s brickwork/bare
printf '%-6s %8.1f %8.1f %12.1f %14.2f\n' "$files" "$bare" "$apply" "$brickwork_s" "$(echo "$brickwork_s / $bare" | bc -l)"
