#!/usr/bin/env bash
# Brickwork lab: N GlusterFS "nodes" on one machine. Each node is a network
# namespace on a private bridge plus a private mount/UTS namespace with its own
# /etc (hosts and fstab bind-mounted, as in a container), /run, /tmp, /mnt, /gluster,
# /var/lib/glusterd, /var/log/glusterfs, /usr/lib/ssl and a real glusterd; everything else is
# the host's. Run `lab.sh help` for the interface.
set -euo pipefail
shopt -s inherit_errexit

PREFIX=${BW_LAB_PREFIX:-bw}
SUBNET=${BW_LAB_SUBNET_PREFIX:-10.213.0}
default_dir=/var/tmp/brickwork-lab
[[ $PREFIX == bw ]] || default_dir+="-$PREFIX"
LAB_DIR=${BW_LAB_DIR:-$default_dir}
BRIDGE="${PREFIX}lab0"
READY_TIMEOUT=${BW_LAB_TIMEOUT:-60}
MARKER=.brickwork-lab
CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
MAX_NODES=50
KILLED=()

# Printed for `help` and on any usage error, so the interface lives in one place.
usage() {
  cat <<EOF
Usage: lab.sh COMMAND [ARGS]

  up N                     create N nodes (node1..nodeN), each running glusterd
  down                     kill everything in the nodes, remove netns/links/state
  exec NODE CMD [ARG...]   run CMD inside NODE (net+mount+uts ns), exit code kept
  spawn NODE LOG CMD...    start CMD detached inside NODE, output appended to LOG
                           (a host path); prints its PID; \`down\` kills it
  addr NODE                print NODE's IPv4 address
  nodes                    list node names
  status                   nodes, PIDs, glusterd alive or not, link state
  link NODE down|up        cut/restore NODE's network (host side of its veth)

NODE is "nodeK" or "K". Environment:
  BW_LAB_PREFIX         name prefix (default bw): netns PREFIX-nodeK,
                        bridge PREFIXlab0, host veth PREFIX-nK
  BW_LAB_SUBNET_PREFIX  first three octets (default 10.213.0): bridge .1,
                        nodeK .(10+K)
  BW_LAB_DIR            state dir (default /var/tmp/brickwork-lab[-PREFIX])
  BW_LAB_TIMEOUT        seconds to wait for glusterd in \`up\` (default 60)

Per node on the host: DIR/nodeK/root is the node's / (its own etc, run, tmp,
mnt, gluster; the rest is the host's), DIR/nodeK/glusterd its /var/lib/glusterd,
DIR/nodeK/log its /var/log/glusterfs, DIR/nodeK/ssl its /usr/lib/ssl (gluster's
TLS files). \`down\` deletes DIR, logs there too.
EOF
}

# One place for fatal errors so every failure names the lab it concerns.
die() {
  echo "lab.sh [$PREFIX]: $*" >&2
  exit 1
}

# Names end up in 15-char interface names and in rm -rf; reject anything odd
# before it can do damage.
check_config() {
  [[ $PREFIX =~ ^[a-z][a-z0-9]{0,7}$ ]] || die "BW_LAB_PREFIX must match [a-z][a-z0-9]{0,7}"
  [[ $SUBNET =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "BW_LAB_SUBNET_PREFIX must look like 10.213.0"
  [[ $READY_TIMEOUT =~ ^[0-9]+$ ]] || die "BW_LAB_TIMEOUT must be whole seconds"
  [[ $LAB_DIR == /?*/?* ]] || die "BW_LAB_DIR must be an absolute path below a top-level directory"
  # Inside a node these paths are the node's own, so state there would be invisible.
  [[ $LAB_DIR/ != @(/etc|/run|/var/run|/mnt|/gluster|/var/lib/glusterd|/var/log/glusterfs)/* ]] ||
    die "BW_LAB_DIR must not live under a path the nodes replace"
  [[ $(id -u) == 0 ]] || die "must run as root (namespaces, mounts, glusterd)"
}

# Every name derives from the prefix so two labs never touch each other's parts.
netns_name() { echo "${PREFIX}-node$1"; }
host_veth() { echo "${PREFIX}-n$1"; }
node_dir() { echo "$LAB_DIR/node$1"; }

# Accepts both spellings users and Java tests naturally write, and refuses
# nodes that were never created so typos do not silently hit nothing.
node_index() {
  local k=${1#node}
  [[ $k =~ ^[1-9][0-9]*$ ]] || die "bad node '$1' (want nodeK or K)"
  [[ -f $(node_dir "$k")/ns ]] || die "node$k does not exist in $LAB_DIR (run lab.sh up N)"
  echo "$k"
}

# Namespace identity is the nsfs inode; comparing inodes is how we find every
# process that belongs to a node without trusting PID files.
ns_inode() { stat -L -c %i "$1" 2>/dev/null || true; }

# Field 22 of /proc/PID/stat (after the comm, which may hold spaces): with
# the PID it identifies a process, so `down` never kills a recycled PID.
start_time() { sed -E 's/.*\) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20 || true; }

# Namespace inode (mnt or net) recorded for node $1 when it was created.
recorded_ns() { sed -n "s/^$2=//p" "$(node_dir "$1")/ns" 2>/dev/null || true; }

# The holder PID is only trusted while it still sits in the mount namespace
# recorded at `up`; otherwise the PID may have been recycled.
holder_pid() {
  local pid mnt
  pid=$(cat "$(node_dir "$1")/holder.pid" 2>/dev/null || true)
  mnt=$(recorded_ns "$1" mnt)
  [[ -n $pid && -n $mnt && $(ns_inode "/proc/$pid/ns/mnt") == "$mnt" ]] ||
    die "node$1 is not running (its namespace holder is gone); run lab.sh down"
  echo "$pid"
}

# Every lab action inside a node goes through here so all of them see the
# node's own mounts, network and hostname.
in_node() {
  local pid
  pid=$(holder_pid "$1")
  shift
  nsenter -t "$pid" -m -n -u -- "$@"
}

# Gluster bricks and fuse mounts need root, fuse, and a docker group to chown
# volumes to; check all of it before creating anything.
preflight() {
  local cmd
  for cmd in ip nsenter unshare setsid pivot_root glusterd gluster mount.glusterfs findmnt; do
    command -v "$cmd" >/dev/null || die "missing $cmd (apt-get install -y glusterfs-server glusterfs-client attr iproute2 util-linux)"
  done
  if [[ ! -c /dev/fuse ]]; then
    modprobe fuse 2>/dev/null || true
    [[ -c /dev/fuse ]] || mknod -m 0666 /dev/fuse c 10 229 || die "no /dev/fuse and cannot create it"
  fi
  getent group docker >/dev/null || groupadd --system docker
  if [[ -e $LAB_DIR ]] || ip link show "$BRIDGE" >/dev/null 2>&1 || [[ -n $(known_nodes) ]]; then
    die "a lab with prefix '$PREFIX' already exists ($LAB_DIR / $BRIDGE); run lab.sh down first"
  fi
}

# The node's root starts as a blank machine's: its own copy of /etc (so temp
# files, backups and groupadd from Brickwork stay in the node), hosts without
# the cluster (writing it is Brickwork's job), fstab without mounts, an empty
# /run, /mnt and /gluster, and a /tmp of its own: glusterd writes fixed names
# there (/tmp/VOLUME.tcp-fuse.vol in an add-brick), and two nodes sharing the
# host's /tmp break each other's commit. A checkout under /tmp is bound back in
# (mount_node_fs). glusterd.vol stays the package's: Debian's 10.3
# build already listens on IPv4 only.
make_node_dir() {
  local dir=$1
  mkdir -p "$dir"/{glusterd,log,root/mnt,root/gluster,root/run/gluster,root/run/lock,root/tmp}
  chmod 1777 "$dir/root/tmp"
  cp -a /etc "$dir/root/etc"
  # gluster reads its TLS key and certificates only from /usr/lib/ssl/glusterfs.* (management):
  # each node needs its own, so it gets its own copy of the host's directory.
  cp -a /usr/lib/ssl "$dir/ssl"
  chown --reference=/run/gluster "$dir/root/run/gluster" 2>/dev/null || true
  chmod 1777 "$dir/root/run/lock"
  cp -a /var/lib/glusterd/hooks /var/lib/glusterd/groups "$dir/glusterd/" 2>/dev/null || true
  printf '# Brickwork lab node: cluster entries are written by Brickwork\n127.0.0.1 localhost\n::1 localhost\n' >"$dir/root/etc/hosts"
  printf '# Brickwork lab node fstab\n' >"$dir/root/etc/fstab"
  echo "${dir##*/}" >"$dir/root/etc/hostname"
}

# The bridge is the lab's switch; the host gets .1 so a coordinator running
# on the host can reach every node.
make_bridge() {
  ip link add "$BRIDGE" type bridge
  ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

# A node's network: netns + veth whose node end is eth0, no default route, so
# nothing a node sends can leave the lab subnet.
make_node_net() {
  local k=$1 ns veth
  ns=$(netns_name "$k")
  veth=$(host_veth "$k")
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$SUBNET.$((10 + k))/24" dev eth0
  ip -n "$ns" link set eth0 up
}

# A sleeping process pins the node's mount+UTS namespace (joined to its
# netns); every later command enters through its PID. Its namespace inodes are
# recorded so `down` can find the node's processes even if it died.
start_holder() {
  local k=$1 dir pid host_mnt i
  dir=$(node_dir "$k")
  host_mnt=$(ns_inode /proc/self/ns/mnt)
  setsid nsenter --net="/run/netns/$(netns_name "$k")" -- \
    unshare --mount --uts --propagation private -- sleep infinity </dev/null >/dev/null 2>&1 &
  pid=$!
  for ((i = 0; i < 100; i++)); do
    [[ $(ns_inode "/proc/$pid/ns/mnt") != "$host_mnt" && $(cat "/proc/$pid/comm" 2>/dev/null) == sleep ]] && break
    sleep 0.05
  done
  ((i < 100)) || die "node$k: namespace holder did not start"
  echo "$pid" >"$dir/holder.pid"
  printf 'mnt=%s\nnet=%s\n' "$(ns_inode "/proc/$pid/ns/mnt")" "$(ns_inode "/proc/$pid/ns/net")" >"$dir/ns"
}

# Builds the node's root in its mount namespace and pivots into it. Host
# top-level dirs are rbind-mounted; /etc, /run, /mnt and /gluster are plain
# dirs of the node's root (a bind mount on /mnt would make `findmnt /mnt` list
# two filesystems once a volume is mounted there, unlike a real machine); the
# node's glusterd state and logs are bound on top; hosts and fstab are bound
# onto themselves so rename() onto them gets EBUSY, as in a container. The
# top dir holding the state dir goes first so later mounts under the root are
# not copied into it recursively.
mount_node_fs() {
  local k=$1 dir root pid top e src dst
  dir=$(node_dir "$k")
  root=$dir/root
  pid=$(holder_pid "$k")
  top=${LAB_DIR#/}
  top=/${top%%/*}
  for e in "$top" /*; do
    [[ $e == "$top" && ( -e $root$e || -L $root$e ) ]] && continue
    case $e in /etc | /mnt | /gluster | /run | /tmp | /lost+found) continue ;; esac
    if [[ -L $e ]]; then
      ln -s "$(readlink "$e")" "$root$e"
    elif [[ -d $e ]]; then
      mkdir -p "$root$e"
      nsenter -t "$pid" -m -- mount --rbind "$e" "$root$e"
    fi
  done
  nsenter -t "$pid" -m -- mount --rbind "$root" "$root"
  while read -r src dst; do
    nsenter -t "$pid" -m -- mount --bind "$dir/$src" "$root$dst"
  done <<EOF
glusterd /var/lib/glusterd
log /var/log/glusterfs
ssl /usr/lib/ssl
root/etc/hosts /etc/hosts
root/etc/fstab /etc/fstab
EOF
  # A checkout under /tmp (a CI clone) stays visible at its own path: the jars and the working
  # directory that exec and spawn keep must mean the same inside the node.
  if [[ $CHECKOUT == /tmp/* ]]; then
    mkdir -p "$root$CHECKOUT"
    nsenter -t "$pid" -m -- mount --rbind "$CHECKOUT" "$root$CHECKOUT"
  fi
  # pivot_root(2) documents ". ." plus a lazy umount to drop the old root.
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  nsenter -t "$pid" -m -- sh -c 'cd "$1" && pivot_root . . && umount -l -c .' sh "$root"
  nsenter -t "$pid" -u -- hostname "node$k"
  [[ $(findmnt -rn -o TARGET) != *"$LAB_DIR/"* ]] || die "node$k: mounts leaked into the host namespace"
}

# glusterd daemonizes; its pid file lands in the node's /run, which is
# $LAB_DIR/nodeK/root/run on the host, so status can read it from outside.
start_glusterd() {
  local k=$1
  in_node "$k" glusterd -p /run/glusterd.pid -l /var/log/glusterfs/glusterd.log \
    </dev/null >>"$(node_dir "$k")/log/glusterd.stdout" 2>&1
}

# `up` only returns once the CLI can talk to glusterd, so callers can issue
# gluster commands immediately.
wait_glusterd() {
  local k=$1 deadline=$((SECONDS + READY_TIMEOUT))
  until in_node "$k" timeout 10 gluster --mode=script pool list >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "node$k: glusterd not answering after ${READY_TIMEOUT}s (see $(node_dir "$k")/log/glusterd.log)"
    sleep 0.2
  done
}

# Creates the whole lab. Nodes are built one by one (cheap), but glusterd,
# whose start-up is the slow part (~1.5 s of CPU each), starts in parallel.
cmd_up() {
  local n=${1:-} k starts=()
  if ! [[ $n =~ ^[1-9][0-9]*$ ]] || ((n > MAX_NODES)); then
    die "up needs a node count 1..$MAX_NODES"
  fi
  preflight
  trap '(($? == 0)) || echo "lab.sh: up failed; inspect $LAB_DIR, then run lab.sh down" >&2' EXIT
  mkdir -p "$LAB_DIR"
  touch "$LAB_DIR/$MARKER"
  echo "$n" >"$LAB_DIR/size"
  make_bridge
  for ((k = 1; k <= n; k++)); do
    make_node_dir "$(node_dir "$k")"
    make_node_net "$k"
    start_holder "$k"
    mount_node_fs "$k"
    start_glusterd "$k" &
    starts+=($!)
  done
  for k in "${starts[@]}"; do wait "$k" || die "glusterd failed to start (see $LAB_DIR/node*/log/glusterd.log)"; done
  for ((k = 1; k <= n; k++)); do wait_glusterd "$k"; done
  echo "lab '$PREFIX' up: $n nodes on $BRIDGE ($SUBNET.0/24), state in $LAB_DIR"
}

# Node numbers from every trace a (possibly half-built) lab can leave: state
# dirs, netns names and host veths; `down` must clean all of them.
known_nodes() {
  local d
  {
    for d in "$LAB_DIR"/node[0-9]*; do
      if [[ -d $d ]]; then echo "${d##*node}"; fi
    done
    ip netns list 2>/dev/null | sed -n "s/^${PREFIX}-node\([0-9]\+\)\( .*\)\?$/\1/p"
    ip -o link show 2>/dev/null | sed -n "s/^[0-9]*: ${PREFIX}-n\([0-9]\+\)[@:].*/\1/p"
  } | sort -un
}

# PIDs whose mount or net namespace is the node's. Host namespaces are
# excluded explicitly so a bad record can never select host processes.
ns_members() {
  local mnt=$1 net=$2
  [[ $mnt != "$(ns_inode /proc/self/ns/mnt)" ]] || mnt=none
  [[ $net != "$(ns_inode /proc/self/ns/net)" ]] || net=none
  { stat -L -c '%n %i' /proc/[0-9]*/ns/mnt /proc/[0-9]*/ns/net 2>/dev/null || true; } |
    awk -v m="${mnt:-none}" -v n="${net:-none}" '
      { split($1, p, "/") }
      (p[5] == "mnt" && $2 == m) || (p[5] == "net" && $2 == n) { print p[3] }' | sort -un
}

# Spawned PIDs still alive and still the same process (start time matches).
recorded_spawns() {
  local pid st _cmd
  [[ -f $1/spawned ]] || return 0
  while read -r pid st _cmd; do
    if [[ -n $pid && $(start_time "$pid") == "$st" ]]; then echo "$pid"; fi
  done <"$1/spawned"
}

# TERM first so glusterd, bricks and Java agents can exit cleanly, KILL after
# 3 s; rescans every round because a dying glusterd may still fork a brick.
# Victims are remembered in KILLED so `down` can wait until they are reaped.
kill_node_processes() {
  local k=$1 dir mnt net pids i sig=TERM
  dir=$(node_dir "$k")
  mnt=$(recorded_ns "$k" mnt)
  net=$(recorded_ns "$k" net)
  [[ -n $net ]] || net=$(ns_inode "/run/netns/$(netns_name "$k")")
  for ((i = 0; i < 60; i++)); do
    mapfile -t pids < <({ ns_members "$mnt" "$net"; recorded_spawns "$dir"; } | sort -un)
    ((${#pids[@]})) || return 0
    KILLED+=("${pids[@]}")
    ((i < 30)) || sig=KILL
    kill "-$sig" "${pids[@]}" 2>/dev/null || true
    sleep 0.1
  done
  echo "lab.sh: node$k: processes survived SIGKILL: ${pids[*]}" >&2
}

# Fuse clients are detached lazily before killing so no process blocks in
# uninterruptible I/O on a mount whose glusterfs client is already gone.
unmount_fuse() {
  local pid mp
  pid=$(holder_pid "$1" 2>/dev/null) || return 0
  nsenter -t "$pid" -m -- findmnt -rn -t fuse.glusterfs,fuse -o TARGET 2>/dev/null |
    while read -r mp; do nsenter -t "$pid" -m -- umount -l "$mp" 2>/dev/null || true; done || true
}

# True while any given PID still has a /proc entry (zombies included).
any_exists() {
  local p
  for p in "$@"; do [[ -e /proc/$p ]] && return 0; done
  return 1
}

# Idempotent teardown; every step tolerates the piece being absent. Killed
# daemons were reparented to PID 1, so we wait (briefly) until it has reaped
# them: a `pgrep gluster` right after `down` should show nothing of this lab.
# The state dir is only deleted if it carries our marker and no host mount
# points into it (rm would otherwise walk into bound host directories).
cmd_down() {
  local k i
  for k in $(known_nodes); do
    unmount_fuse "$k"
    kill_node_processes "$k"
    ip netns del "$(netns_name "$k")" 2>/dev/null || true
    ip link del "$(host_veth "$k")" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    any_exists "${KILLED[@]}" || break
    sleep 0.1
  done
  if [[ -d $LAB_DIR ]]; then
    [[ -f $LAB_DIR/$MARKER ]] || die "$LAB_DIR has no $MARKER file; not deleting it"
    [[ $(findmnt -rn -o TARGET) != *"$LAB_DIR/"* ]] || die "host mounts point into $LAB_DIR; not deleting it"
    rm -rf --one-file-system "$LAB_DIR"
  fi
  echo "lab '$PREFIX' down"
}

# exec keeps the caller's working directory (resolved inside the node, via
# env, since nsenter --wd would reuse the host's directory) so relative
# paths to jars and configs mean the same thing inside the node.
cmd_exec() {
  (($# >= 2)) || die "exec needs NODE CMD [ARG...]"
  local k pid
  k=$(node_index "$1")
  shift
  pid=$(holder_pid "$k")
  exec nsenter -t "$pid" -m -n -u -- env --chdir="$PWD" -- "$@"
}

# The child reports its own PID through fd 3 after entering the namespaces,
# so the recorded PID is the real command (after exec), not a wrapper.
cmd_spawn() {
  (($# >= 3)) || die "spawn needs NODE LOGFILE CMD [ARG...]"
  local k dir hp pid log=$2 pidfile i
  k=$(node_index "$1")
  shift 2
  dir=$(node_dir "$k")
  hp=$(holder_pid "$k")
  pidfile=$(mktemp "$dir/spawn.XXXXXX")
  setsid -f nohup nsenter -t "$hp" -m -n -u -- env --chdir="$PWD" -- \
    /bin/sh -c 'echo $$ >&3; exec 3>&- "$@"' sh "$@" </dev/null >>"$log" 2>&1 3>"$pidfile"
  for ((i = 0; i < 100; i++)); do
    pid=$(cat "$pidfile")
    [[ -n $pid ]] && break
    sleep 0.05
  done
  rm -f "$pidfile"
  [[ -n $pid ]] || die "node$k: spawned command did not report its PID (see $log)"
  echo "$pid $(start_time "$pid") $*" >>"$dir/spawned"
  echo "$pid"
}

# Tests build Brickwork's inventory from this instead of hard-coding the subnet.
cmd_addr() {
  local k
  k=$(node_index "${1:-}")
  echo "$SUBNET.$((10 + k))"
}

# Read from the state dir, not netns names, so it answers "what did up create".
cmd_nodes() {
  local n k
  n=$(cat "$LAB_DIR/size" 2>/dev/null) || die "no lab in $LAB_DIR"
  for ((k = 1; k <= n; k++)); do echo "node$k"; done
}

# A zombie (killed, not yet reaped by PID 1) still has /proc/PID but no
# namespaces, so namespace presence is the honest "is it running" test.
running() { [[ $1 =~ ^[0-9]+$ && -n $(ns_inode "/proc/$1/ns/mnt") ]]; }

# One line per node: what a person debugging a failed lab test needs first.
cmd_status() {
  local names name k dir hp gp link spawned
  names=$(cmd_nodes)
  for name in $names; do
    k=${name#node}
    dir=$(node_dir "$k")
    hp=$(cat "$dir/holder.pid" 2>/dev/null || true)
    running "$hp" || hp="${hp:--}(dead)"
    gp=$(cat "$dir/root/run/glusterd.pid" 2>/dev/null || true)
    if running "$gp"; then gp="$gp(alive)"; else gp="${gp:--}(dead)"; fi
    link=$(ip -o link show "$(host_veth "$k")" 2>/dev/null | grep -o 'state [A-Z]*' || echo 'state missing')
    spawned=$(recorded_spawns "$dir" | paste -sd, -)
    printf '%-7s %-15s holder=%-12s glusterd=%-14s link=%-8s spawned=%s\n' \
      "$name" "$SUBNET.$((10 + k))" "$hp" "$gp" "${link#state }" "${spawned:--}"
  done
}

# Downing the host end takes the node's carrier away too, which looks to
# glusterd like a pulled cable rather than a clean shutdown.
cmd_link() {
  local k
  k=$(node_index "${1:-}")
  [[ ${2:-} == up || ${2:-} == down ]] || die "link needs NODE down|up"
  ip link set "$(host_veth "$k")" "$2"
}

# Config is checked for every command (not for help) before anything runs.
main() {
  local cmd=${1:-}
  (($#)) && shift
  [[ $cmd == @(help|-h|--help) ]] && { usage; return 0; }
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  check_config
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    exec) cmd_exec "$@" ;;
    spawn) cmd_spawn "$@" ;;
    addr) cmd_addr "$@" ;;
    nodes) cmd_nodes ;;
    status) cmd_status ;;
    link) cmd_link "$@" ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
