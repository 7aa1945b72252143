#!/usr/bin/env bash
# Booted Debian machines for the packaging test: systemd as PID 1 in systemd-nspawn containers.
#
#   lab/machines/machines.sh build            debootstrap the bookworm base image (once per recipe)
#   lab/machines/machines.sh up N             boot machines m1..mN (fresh overlay each)
#   lab/machines/machines.sh down             stop them, remove bridge, overlays and mounts
#   lab/machines/machines.sh exec M CMD...    run CMD (argv) in machine M as root, with its exit code
#   lab/machines/machines.sh reboot M         power machine M off (systemd shutdown) and boot it again
#   lab/machines/machines.sh stop M | start M the two halves of reboot
#   lab/machines/machines.sh start M --booting  return once systemd answers; wait M: until booted
#   lab/machines/machines.sh copy M SRC DEST  copy a host file into machine M
#
# Each machine: the shared read-only base image under an overlayfs whose upper layer is the
# machine's own (so a reboot keeps its state, `down` forgets it), /gluster bind-mounted from its
# own directory (the brick "disk"), a veth on bridge bwm-br with 10.213.4.1K/24, /dev/fuse.
# The base image is base-KEY under BWM_CACHE, KEY a hash of what builds it (the recipe below,
# package list, suite, mirror, debootstrap's version): a changed recipe builds a new image, an
# unchanged one is reused. Its build log (seconds since start on each line) is base-KEY.log.
# One build at a time (a lock); `up` waits for a build in progress (lab/test.sh starts one in the
# background) and fails with that build's log if it failed.
# Environment: BWM_DIR (machines; default lab/machines/target, the build directory),
# BWM_CACHE (base images; default BWM_DIR), BWM_MIRROR (debootstrap mirror).
# Needs root, debootstrap, systemd-container (systemd-nspawn). Test-only names and addresses.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${BWM_DIR:-$HERE/target}
CACHE=${BWM_CACHE:-$DIR}
SUITE=bookworm
MIRROR=${BWM_MIRROR:-http://deb.debian.org/debian}
BRIDGE=bwm-br
SUBNET=10.213.4
# What a Brickwork node needs, so that `apt install ./brickwork-*.deb` resolves offline, what an
# operator's shell has there (man, bash-completion) for the CLI's man pages and completion, and
# what Ansible needs on a managed host (sshd, Python with apt's bindings) for the role's test, and
# Debian's Docker with busybox for a container image made on the machine (no registry).
PACKAGES=systemd,systemd-sysv,dbus,libpam-systemd,glusterfs-server,glusterfs-client,attr,openjdk-17-jre-headless,iproute2,iputils-ping,procps,util-linux,adduser,fuse3,ca-certificates,man-db,bash-completion,openssh-server,python3-apt,docker.io,busybox-static
# Longest wait for another build of the base image (a fresh one takes about a minute).
BUILD_WAIT_SECONDS=1200

die() { echo "machines.sh: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || die "run as root"
[[ $DIR != *[[:space:]]* && $CACHE != *[[:space:]]* ]] || die "BWM_DIR and BWM_CACHE must not contain spaces"

machine_dir() { echo "$DIR/machines/$1"; }
valid_machine() { [[ $1 =~ ^m[1-9]$ ]] || die "bad machine name '$1' (m1..m9)"; }

# The recipe: debootstrap minbase plus PACKAGES into $1, set up to boot as a test machine.
# Part of the image key: any change here builds a new image.
build_image() {
  local root=$1
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$MIRROR"
  # Networking by systemd-networkd: each machine's overlay gets its own host0.network.
  chroot "$root" systemctl enable systemd-networkd.service >/dev/null 2>&1
  chroot "$root" systemctl enable glusterd.service >/dev/null 2>&1 || true
  # Nothing to do in a test machine, and each would cost boot time.
  for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer; do
    chroot "$root" systemctl disable "$unit" >/dev/null 2>&1 || true
  done
  # Debian's dockerd, started at boot by its own units: overlay2 cannot stack on the machine's
  # overlayfs root, so vfs (a full copy per layer and container: fine for a busybox image).
  mkdir -p "$root/etc/docker"
  printf '{\n  "storage-driver": "vfs"\n}\n' >"$root/etc/docker/daemon.json"
  # The group of the spec's mounts; docker.io's postinst has made it already (-f: fine then).
  chroot "$root" groupadd -f --system docker
  echo "root:brickwork" | chroot "$root" chpasswd
  printf 'pts/0\npts/1\n' >>"$root/etc/securetty" 2>/dev/null || true
  : >"$root/etc/machine-id"   # each boot makes its own
  # apt in the machines must not try the network: the only source is what is on disk.
  : >"$root/etc/apt/sources.list"
  rm -f "$root"/etc/apt/sources.list.d/*
  chroot "$root" apt-get clean
}

image_key() {
  command -v debootstrap >/dev/null || die "debootstrap missing (apt-get install -y debootstrap)"
  {
    declare -f build_image
    echo "$PACKAGES $SUITE $MIRROR"
    dpkg-query -W -f='${Version}\n' debootstrap
    dpkg --print-architecture
  } | sha256sum | cut -c1-16
}

# Every mount below $1, deepest first, lazily: what a killed debootstrap leaves (proc, sys).
umount_below() {
  local m
  findmnt -rn -o TARGET | awk -v p="$1/" 'index($0, p) == 1' | sort -r | while read -r m; do umount -l "$m" || true; done
}

# Deletes a half-built image: never through a mount into the host (--one-file-system).
remove_tree() {
  [[ -e $1 ]] || return 0
  umount_below "$1"
  rm -rf --one-file-system "$1"
}

in_use() { findmnt -rn -t overlay -o OPTIONS | grep -qF "lowerdir=$1,"; }

# Builds base-KEY unless it is there; under the lock, so a second caller waits for the first.
# $1 = retry: a failed build is tried again; else a failed build is reported with its log.
build() {
  local retry=${1:-retry} key base log
  key=$(image_key)
  base=$CACHE/base-$key
  log=$CACHE/base-$key.log
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.build.lock"
  if ! flock -n 9; then
    echo "waiting for the base image build in progress (log: $log)"
    flock -w "$BUILD_WAIT_SECONDS" 9 || die "the base image build took over ${BUILD_WAIT_SECONDS}s; see $log"
  fi
  if [[ -f $base/.bwm-base ]]; then
    exec 9>&-
    echo "base image cached: $base"
    BASE=$base
    return
  fi
  if [[ -f $base.failed && $retry != retry ]]; then
    exec 9>&-
    die "the base image build failed; its log ($log) ends:
$(tail -n 40 "$log" 2>/dev/null || true)
(lab/machines/machines.sh build tries again)"
  fi
  rm -f "$base.failed"
  remove_tree "$base.tmp"
  # The build's processes get TERM with ours (one process group); clean up after them.
  trap 'remove_tree "$base.tmp"; exit 143' TERM INT
  echo "building base image $base ($SUITE from $MIRROR)"
  local started=$EPOCHREALTIME status attempt
  : >"$log"
  # A second attempt from scratch: a mirror's passing failure should not fail a CI run.
  for attempt in 1 2; do
    if ((attempt > 1)); then
      echo "attempt $attempt in 10 s (the first failed with exit $status)" | tee -a "$log"
      sleep 10
    fi
    # Not in an `if`/`||`: there bash would ignore set -e inside the recipe.
    set +e
    (
      set -e
      build_image "$base.tmp"
      echo "CPU time of the build (user, system), of its shell and then of its commands:"
      times
    ) 2>&1 | stamp | tee -a "$log"
    status=${PIPESTATUS[0]}
    set -e
    ((status != 0)) || break
    remove_tree "$base.tmp"
  done
  if ((status != 0)); then
    touch "$base.failed"
    die "the base image build failed twice (exit $status); see $log"
  fi
  trap - TERM INT
  touch "$base.tmp/.bwm-base"
  mv "$base.tmp" "$base"
  echo "base image built in $(elapsed "$started") s: $base ($(du -sh "$base" | cut -f1))" | tee -a "$log"
  # Images of other recipes in our own build directory: nobody will boot them again.
  if [[ -z ${BWM_CACHE:-} ]]; then
    local old
    for old in "$CACHE"/base-*; do
      case $old in "$base" | "$base".*) continue ;; esac
      if [[ -d $old ]]; then in_use "$old" || remove_tree "$old"; else rm -f "$old"; fi
    done
  fi
  exec 9>&-
  BASE=$base
}

# Seconds since $1 (an EPOCHREALTIME), one decimal; bash arithmetic on microseconds.
elapsed() {
  local us=$((${EPOCHREALTIME/./} - ${1/./}))
  printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000))
}

# Each line of stdin with the seconds since the start: what a build spends its time on.
stamp() {
  local start=$EPOCHREALTIME line
  while IFS= read -r line; do
    printf '%6s %s\n' "$(elapsed "$start")" "$line"
  done
}

bridge_ports() { ip -o link show master "$BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | tr '\n' ' '; }

bridge_up() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

prepare() {
  local m=$1 k=${1#m} dir
  dir=$(machine_dir "$m")
  mkdir -p "$dir/upper" "$dir/work" "$dir/root" "$dir/gluster"
  echo "$BASE" >"$dir/base"   # the image this machine's overlay is made on
  local up=$dir/upper
  mkdir -p "$up/etc/systemd/network"
  echo "$m" >"$up/etc/hostname"
  {
    echo "127.0.0.1 localhost"
    echo "127.0.1.1 $m"
  } >"$up/etc/hosts"
  # No boot status on the console: nobody reads it, and a full console blocks PID 1 in write().
  mkdir -p "$up/etc/systemd/system.conf.d"
  printf '[Manager]\nShowStatus=no\n' >"$up/etc/systemd/system.conf.d/10-bwm-quiet.conf"
  cat >"$up/etc/systemd/network/10-bwm-host0.network" <<NET
[Match]
Name=host0

[Network]
Address=$SUBNET.1$k/24
Gateway=$SUBNET.1
LinkLocalAddressing=no
IPv6AcceptRA=no
NET
}

mount_root() {
  local dir
  dir=$(machine_dir "$1")
  mountpoint -q "$dir/root" && return
  local base
  base=$(<"$dir/base")
  [[ -f $base/.bwm-base ]] || die "$1: its base image $base is gone (down, then up again)"
  mount -t overlay overlay -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
}

running_pid() {
  local pidfile
  pidfile=$(machine_dir "$1")/nspawn.pid
  [[ -f $pidfile ]] || return 1
  local pid
  pid=$(<"$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# PID of the machine's init (systemd), for nsenter.
leader() {
  local pid
  pid=$(running_pid "$1") || die "$1 is not running"
  local child
  child=$(pgrep -P "$pid" | head -n1) || true
  [[ -n $child ]] || die "$1 has no init yet"
  echo "$child"
}

start() {
  local m=$1 until=${2:-booted} dir
  dir=$(machine_dir "$m")
  [[ -d $dir/upper ]] || die "$m was not made (up N first)"
  if running_pid "$m" >/dev/null; then die "$m is already running"; fi
  bridge_up
  mount_root "$m"
  # Started in its own session so that the caller's signals do not reach it; stopped by `stop`.
  # Docker in the machine (runc): nspawn shows the host's cgroup v1 controllers read-only, so
  # the machine gets a cgroup v2 tree of its own (on a host whose controllers are all on v1, one
  # without controllers: no resource limits, which the tests do not use). runc gives each
  # container a session keyring (add_key, keyctl) and its device rules as a BPF program (bpf),
  # which nspawn's default system call filter refuses.
  SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 setsid systemd-nspawn --quiet --boot --register=no --keep-unit \
    --system-call-filter="add_key keyctl bpf" \
    --directory="$dir/root" --machine="bwm-$m" --hostname="$m" \
    --network-bridge="$BRIDGE" \
    --bind="$dir/gluster:/gluster" --bind=/dev/fuse \
    --property="DeviceAllow=/dev/fuse rwm" \
    --console=read-only \
    </dev/null >"$dir/console.log" 2>&1 &
  echo $! >"$dir/nspawn.pid"
  if [[ $until == booted ]]; then wait_booted "$m" 120; else wait_manager "$m" 60; fi
}

# Until systemd answers at all (the boot may go on: a node waiting for its peers).
wait_manager() {
  local m=$1 limit=$2 state=""
  for ((i = 0; i < limit * 2; i++)); do
    running_pid "$m" >/dev/null || die "$m exited while booting; see $(machine_dir "$m")/console.log"
    state=$(machine_exec "$m" systemctl is-system-running 2>/dev/null || true)
    case $state in initializing | starting | running | degraded) echo "$m: $state"; return 0 ;; esac
    sleep 0.5
  done
  die "$m: systemd did not answer in ${limit}s; see $(machine_dir "$m")/console.log"
}

wait_booted() {
  local m=$1 limit=$2 state=""
  for ((i = 0; i < limit * 2; i++)); do
    if running_pid "$m" >/dev/null; then
      state=$(machine_exec "$m" systemctl is-system-running 2>/dev/null || true)
      case $state in running | degraded) echo "$m: $state"; return 0 ;; esac
    else
      die "$m exited while booting; see $(machine_dir "$m")/console.log"
    fi
    sleep 0.5
  done
  die "$m did not finish booting in ${limit}s (state '$state'); see $(machine_dir "$m")/console.log"
}

machine_exec() {
  local m=$1
  shift
  local pid
  pid=$(leader "$m")
  # All of the machine's namespaces; its own root and environment.
  nsenter --target "$pid" --mount --uts --ipc --net --pid --cgroup --root --wd=/ \
    env -i -C / PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}

stop() {
  local m=$1 pid dir
  dir=$(machine_dir "$m")
  pid=$(running_pid "$m") || { umount "$dir/root" 2>/dev/null || true; return 0; }
  # SIGRTMIN+4 to systemd-nspawn's payload: an orderly poweroff; nspawn exits when init does.
  machine_exec "$m" systemctl poweroff --no-block >/dev/null 2>&1 || kill -s SIGRTMIN+4 "$(leader "$m")" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "machines.sh: $m did not power off in 60s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$dir/nspawn.pid"
  umount "$dir/root" 2>/dev/null || umount -l "$dir/root" 2>/dev/null || true
}

up() {
  local n=$1
  [[ $n =~ ^[1-9]$ ]] || die "up needs 1..9"
  # One machine lab per host: the bridge, the addresses and the machine names are fixed.
  if [[ -n $(bridge_ports) && ! -d $DIR/machines ]]; then
    die "bridge $BRIDGE has machines of another checkout: $(bridge_ports)"
  fi
  build report-failure
  for ((k = 1; k <= n; k++)); do
    local dir
    dir=$(machine_dir "m$k")
    running_pid "m$k" >/dev/null && die "m$k is already running (down first)"
    remove_tree "$dir"
    prepare "m$k"
  done
  for ((k = 1; k <= n; k++)); do start "m$k"; done
}

down() {
  if [[ -d $DIR/machines ]]; then
    for dir in "$DIR"/machines/m*; do
      [[ -d $dir ]] || continue
      stop "$(basename "$dir")"
      remove_tree "$dir"
    done
    rmdir "$DIR/machines" 2>/dev/null || true
  fi
  # Only when no machine is left on it (another checkout's, say).
  if ip link show "$BRIDGE" >/dev/null 2>&1 && [[ -z $(bridge_ports) ]]; then ip link del "$BRIDGE"; fi
}

cmd=${1:-}
shift || true
case $cmd in
  build) build retry ;;
  up) up "${1:?up N}" ;;
  down) down ;;
  exec) valid_machine "${1:?exec M CMD...}"; m=$1; shift; (($#)) || die "exec needs a command"; machine_exec "$m" "$@" ;;
  start) valid_machine "${1:?start M}"
         case ${2:-} in '') start "$1" ;; --booting) start "$1" booting ;; *) die "start M [--booting]" ;; esac ;;
  wait) valid_machine "${1:?wait M [SECONDS]}"; wait_booted "$1" "${2:-300}" ;;
  stop) valid_machine "${1:?stop M}"; stop "$1" ;;
  reboot) valid_machine "${1:?reboot M}"; stop "$1"; start "$1" ;;
  copy) valid_machine "${1:?copy M SRC DEST}"; src=${2:?copy M SRC DEST}; dest=${3:?copy M SRC DEST}
        install -D -m 0644 "$src" "$(machine_dir "$1")/root/${dest#/}" ;;
  *) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 2 ;;
esac
