#!/usr/bin/env bash
# End-to-end proof that lab.sh gives real, isolated GlusterFS nodes: 3 nodes,
# Brickwork-style /etc/hosts, peer probe, a replica-3 volume mounted in every
# node, data written on node1 and read on node3, mounts invisible on the host,
# spawn/link working, and nothing left behind after `down` (always run, from
# an EXIT trap). Prints timings. Usage: lab/selftest.sh (root; same env vars
# as lab.sh, e.g. BW_LAB_PREFIX=st BW_LAB_SUBNET_PREFIX=10.213.7).
set -euo pipefail
shopt -s inherit_errexit

LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lab.sh"
PREFIX=${BW_LAB_PREFIX:-bw}
default_dir=/var/tmp/brickwork-lab
[[ $PREFIX == bw ]] || default_dir+="-$PREFIX"
LAB_DIR=${BW_LAB_DIR:-$default_dir}
N=3
VOL=labvol
lab_up=0
net_ids=()
mnt_ids=()

# Steps print as they go so a failure's context is the last line shown.
step() { printf '== %s\n' "$*"; }
fail() {
  echo "SELFTEST FAIL: $*" >&2
  exit 1
}

# Sub-second wall clock, for the timings the report asks for.
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Retries a check until it passes: cluster state converges asynchronously.
wait_for() {
  local what=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "timed out waiting for $what"
    sleep 0.5
  done
}

# Probing is asynchronous: a peer is usable only once it shows as Connected.
peers_connected() {
  [[ $("$LAB" exec "$1" gluster --mode=script peer status | grep -c 'Peer in Cluster (Connected)') == $((N - 1)) ]]
}

# From inside node1, can we open glusterd's port on node $1?
tcp_reaches() {
  "$LAB" exec node1 timeout 3 bash -c "exec 3<>/dev/tcp/$("$LAB" addr "$1")/24007"
}

# The namespaces of the lab, captured while it is up, so the leak check after
# `down` looks only at this lab's processes even if other labs are running.
remember_namespaces() {
  local n
  for n in $("$LAB" nodes); do
    net_ids+=("$(sed -n 's/^net=//p' "$LAB_DIR/$n/ns")")
    mnt_ids+=("$(sed -n 's/^mnt=//p' "$LAB_DIR/$n/ns")")
  done
}

# Runs on every exit: tear down, then prove nothing of this lab survived.
finish() {
  local rc=$? t leftovers id
  trap - EXIT
  ((lab_up)) || exit "$rc"
  step "down"
  t=$(now)
  "$LAB" down || rc=1
  echo "TIMING down: $(elapsed "$t") s"
  step "leak check"
  leftovers=""
  for id in "${net_ids[@]}" "${mnt_ids[@]}"; do
    leftovers+=$({ stat -L -c '%i %n' /proc/[0-9]*/ns/net /proc/[0-9]*/ns/mnt 2>/dev/null || true; } |
      awk -v id="$id" '$1 == id { print $2 }')
  done
  [[ -z $leftovers ]] || { echo "processes still in lab namespaces: $leftovers" >&2; rc=1; }
  if ip netns list | grep -q "^${PREFIX}-node"; then echo "netns left" >&2; rc=1; fi
  if ip -o link show | grep -qE ": (${PREFIX}lab0|${PREFIX}-n[0-9]+)[@:]"; then echo "links left" >&2; rc=1; fi
  if findmnt -rn | grep -qiE 'gluster|brickwork-lab'; then echo "host mounts left" >&2; rc=1; fi
  echo "gluster processes on this host now (other labs may own some):"
  pgrep -a gluster | cut -c1-100 || echo "  none"
  if ((rc == 0)); then echo "SELFTEST PASS"; else echo "SELFTEST FAIL (rc=$rc)"; fi
  exit "$rc"
}

main() {
  local n t token lines=() hosts_before
  if "$LAB" nodes >/dev/null 2>&1; then fail "a lab with prefix '$PREFIX' is already up; run lab.sh down"; fi
  trap finish EXIT
  lab_up=1

  step "up $N"
  t=$(now)
  "$LAB" up "$N"
  echo "TIMING up $N: $(elapsed "$t") s"
  remember_namespaces
  "$LAB" status

  step "Brickwork-style /etc/hosts in every node"
  for n in $("$LAB" nodes); do lines+=("$("$LAB" addr "$n") $n"); done
  for n in $("$LAB" nodes); do
    # shellcheck disable=SC2016 # expanded by the node's sh
    "$LAB" exec "$n" sh -c 'printf "%s\n" "$@" >>/etc/hosts' sh "${lines[@]}"
  done
  "$LAB" exec node1 cat /etc/hosts
  # Brickwork relies on this: /etc/hosts is a bind mount, so rename() onto it fails.
  if "$LAB" exec node1 sh -c 'cp /etc/hosts /etc/hosts.bw && mv /etc/hosts.bw /etc/hosts' 2>/dev/null; then
    fail "rename onto /etc/hosts unexpectedly succeeded"
  fi
  [[ ! -e /etc/hosts.bw ]] || fail "node1's temp file appeared in the host's /etc"
  "$LAB" exec node1 rm -f /etc/hosts.bw
  [[ $("$LAB" exec node2 hostname) == node2 && $("$LAB" exec node2 cat /etc/hostname) == node2 ]] ||
    fail "node2 does not call itself node2"
  # glusterd writes fixed names in /tmp during a commit: nodes sharing it break each other.
  "$LAB" exec node1 touch /tmp/selftest-own-tmp
  if "$LAB" exec node2 test -e /tmp/selftest-own-tmp || [[ -e /tmp/selftest-own-tmp ]]; then
    fail "node1's /tmp is shared with node2 or the host"
  fi
  [[ $("$LAB" exec node2 stat -c %a /tmp) == 1777 ]] || fail "node2's /tmp is not mode 1777"

  step "peer probe from node1"
  for n in node2 node3; do "$LAB" exec node1 gluster --mode=script peer probe "$n"; done
  for n in $("$LAB" nodes); do wait_for "$n peers connected" 60 peers_connected "$n"; done
  "$LAB" exec node1 gluster --mode=script pool list

  step "create + start replica $N volume"
  "$LAB" exec node1 gluster --mode=script volume create "$VOL" replica "$N" \
    node1:/gluster/brick node2:/gluster/brick node3:/gluster/brick force
  "$LAB" exec node1 gluster --mode=script volume start "$VOL"

  step "mount in every node"
  hosts_before=$(findmnt -rn | sort)
  for n in $("$LAB" nodes); do
    "$LAB" exec "$n" mount -t glusterfs "localhost:/$VOL" /mnt
    [[ $("$LAB" exec "$n" findmnt -n -o FSTYPE /mnt) == fuse.glusterfs ]] || fail "$n: /mnt is not fuse.glusterfs"
  done
  [[ $(findmnt -rn | sort) == "$hosts_before" ]] || fail "host mount table changed"
  [[ $(findmnt -n -o FSTYPE /mnt || true) != fuse.glusterfs ]] || fail "host /mnt is a gluster mount"

  step "write on node1, read on node3"
  token="brickwork-$RANDOM-$$"
  # shellcheck disable=SC2016 # expanded by the node's sh
  "$LAB" exec node1 sh -c 'echo "$1" >/mnt/selftest.txt' sh "$token"
  [[ $("$LAB" exec node3 cat /mnt/selftest.txt) == "$token" ]] || fail "node3 did not read node1's data"
  [[ ! -e /mnt/selftest.txt ]] || fail "file visible on the host's /mnt"

  step "spawn is killed by down; link cut is seen"
  "$LAB" spawn node2 "/var/tmp/selftest-spawn-$$.log" sleep 600
  "$LAB" status
  tcp_reaches node3 || fail "node1 cannot reach node3"
  "$LAB" link node3 down
  if tcp_reaches node3; then fail "node3 still reachable with its link down"; fi
  "$LAB" link node3 up
  wait_for "node3 reachable again" 30 tcp_reaches node3
  rm -f "/var/tmp/selftest-spawn-$$.log"
}

main "$@"
