#!/usr/bin/env bash
# A real Docker Swarm on top of a lab made by lab/lab.sh: one dockerd per lab
# node, started inside the node's own namespaces (lab.sh spawn: nsenter into
# its mount, net and UTS namespaces, which keeps the host's /sys and so its
# cgroup hierarchies; `ip netns exec` would remount /sys and hide them).
#
# Each dockerd has its own state, all of it inside the node: --data-root under
# the node's lab dir, exec root, pid file and socket in the node's private
# /run (so node K's socket is $LAB_DIR/nodeK/root/run/docker.sock on the
# host). --iptables=false --bridge=none leave the machine's firewall alone:
# otherwise dockerd sets the FORWARD policy to DROP and cuts the lab bridge.
# Services use --network host. No registry is reachable, so the busybox image
# is built locally with `docker import` on every node.
#
# Usage: swarm.sh up | down | docker NODE ARG... | image | sock NODE
# Same environment as lab.sh (BW_LAB_PREFIX, BW_LAB_SUBNET_PREFIX, BW_LAB_DIR).
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=$HERE/../lab.sh
PREFIX=${BW_LAB_PREFIX:-bw}
default_dir=/var/tmp/brickwork-lab
[[ $PREFIX == bw ]] || default_dir+="-$PREFIX"
LAB_DIR=${BW_LAB_DIR:-$default_dir}
# Debian's docker.io; another docker client earlier on PATH may speak another API version.
DOCKER=${BW_SWARM_DOCKER:-/usr/bin/docker}
DOCKERD=${BW_SWARM_DOCKERD:-/usr/sbin/dockerd}
IMAGE=${BW_SWARM_IMAGE:-brickwork-busybox:lab}
READY_TIMEOUT=${BW_SWARM_TIMEOUT:-90}

die() {
  echo "swarm.sh [$PREFIX]: $*" >&2
  exit 1
}

nodes() { "$LAB" nodes; }

# The docker CLI of node $1, talking to that node's own daemon.
node_docker() {
  local node=$1
  shift
  "$LAB" exec "$node" "$DOCKER" --host unix:///run/docker.sock "$@"
}

start_dockerd() {
  local node=$1 dir
  dir=$LAB_DIR/$node/docker
  mkdir -p "$dir/data"
  "$LAB" spawn "$node" "$dir/dockerd.log" "$DOCKERD" \
    --data-root "$dir/data" --exec-root /run/docker --pidfile /run/docker.pid \
    --host unix:///run/docker.sock --iptables=false --ip-masq=false --bridge=none \
    --storage-driver vfs --log-level warn >/dev/null
}

wait_dockerd() {
  local node=$1 deadline=$((SECONDS + READY_TIMEOUT))
  until node_docker "$node" info >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$node: dockerd not answering after ${READY_TIMEOUT}s (see $LAB_DIR/$node/docker/dockerd.log)"
    sleep 0.5
  done
}

# A root file system holding only busybox and the applets a test needs.
build_image() {
  local rootfs node applet
  command -v busybox >/dev/null || [[ -x /bin/busybox ]] || die "missing busybox (apt-get install -y busybox-static)"
  rootfs=$(mktemp -d "$LAB_DIR/rootfs.XXXXXX")
  mkdir -p "$rootfs/bin" "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in sh cat echo sleep sha256sum ls mkdir test true head mv rm; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  for node in $(nodes); do
    tar -C "$rootfs" -c . | "$LAB" exec "$node" "$DOCKER" --host unix:///run/docker.sock import - "$IMAGE" >/dev/null
  done
  rm -rf "$rootfs"
}

cmd_up() {
  local node first addr token
  [[ -x $DOCKERD ]] || die "missing $DOCKERD (apt-get install -y docker.io)"
  for node in $(nodes); do start_dockerd "$node"; done
  for node in $(nodes); do wait_dockerd "$node"; done
  # All of the list is read: with pipefail, head leaving early would end the script with SIGPIPE (141).
  first=$(nodes | sed -n 1p)
  addr=$("$LAB" addr "$first")
  node_docker "$first" swarm init --advertise-addr "$addr" --listen-addr "$addr:2377" >/dev/null
  token=$(node_docker "$first" swarm join-token -q worker)
  for node in $(nodes | tail -n +2); do
    node_docker "$node" swarm join --token "$token" --advertise-addr "$("$LAB" addr "$node")" "$addr:2377" >/dev/null
  done
  build_image
  echo "swarm '$PREFIX' up: manager $first ($addr), image $IMAGE"
}

# Services first (their tasks would be restarted elsewhere), then each daemon;
# lab.sh down kills whatever is left in the nodes and removes their dirs.
cmd_down() {
  local node pid i
  for node in $(nodes 2>/dev/null || true); do
    pid=$(cat "$LAB_DIR/$node/root/run/docker.pid" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -e /proc/$pid ]] || break
      sleep 0.1
    done
  done
  echo "swarm '$PREFIX' down"
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    docker) (($# >= 1)) || die "docker needs NODE ARG..."; node_docker "$@" ;;
    image) build_image ;;
    sock) echo "$LAB_DIR/${1:?sock needs NODE}/root/run/docker.sock" ;;
    *) echo "usage: swarm.sh up|down|docker NODE ARG...|image|sock NODE" >&2; exit 2 ;;
  esac
}

main "$@"
