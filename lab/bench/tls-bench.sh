#!/usr/bin/env bash
# Benchmark: what gluster's TLS costs. One 3-node lab cluster with cluster.tls = true and two
# replica-3 volumes on the same bricks' disk: "sealed" (TLS on its I/O path) and "open"
# (tls = false), so the only difference is the I/O path's TLS. From node2's mounts, ROUNDS
# times (default 3) alternating between the volumes, median of the rounds:
#   write MB/s   dd of MIB MiB (default 256), 1 MiB blocks, fsync at the end
#   read MB/s    the same file read back after dropping the page cache
#   create p50/p99 ms   4 KiB files created, written and fsynced, one at a time (FILES, default 400)
#   read p50/p99 ms     the same files opened and read, after dropping the page cache
# Prints both volumes side by side and TLS's cost in percent.
# Usage (root, after mvn -B package): lab/bench/tls-bench.sh [MIB] [FILES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
mib=${1:-256}
files=${2:-400}
rounds=${3:-3}
for value in "$mib" "$files" "$rounds"; do
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "tls-bench: arguments are whole numbers: [MIB] [FILES] [ROUNDS]" >&2; exit 2; }
done
# Its own lab, unless told another (two checkouts benchmarking side by side).
export BW_LAB_PREFIX=${BW_LAB_PREFIX:-bwtls} BW_LAB_SUBNET_PREFIX=${BW_LAB_SUBNET_PREFIX:-10.213.12}
# shellcheck source=lab/bench/lib.sh
source "$repo/lab/bench/lib.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT

"$lab" down >/dev/null 2>&1 || true
"$lab" up 3 >/dev/null
start_brickwork 3
cat >"$work/spec.conf" <<SPEC
cluster { name = bench, manager = node1, nodes = [node1, node2, node3], tls = true }
volumes = [
  { name = sealed, replica = 3, brick = "/gluster/sealed", force = true, mount { path = "/mnt/sealed" } },
  { name = open, replica = 3, brick = "/gluster/open", force = true, tls = false, mount { path = "/mnt/open" } }
]
SPEC
brickwork apply -f "$work/spec.conf" >"$work/apply.txt" || { cat "$work/apply.txt" >&2; exit 1; }
"$lab" exec node1 gluster --mode=script volume info sealed | grep -q "client.ssl: on" ||
  { echo "tls-bench: volume sealed is not on TLS" >&2; exit 1; }

# One round on one volume, in node2: prints "write_MBps read_MBps create_p50 create_p99 read_p50 read_p99".
# shellcheck disable=SC2016 # expanded by the node's python
round() {
  "$lab" exec node2 python3 -c '
import os, statistics, sys, time
mount, mib, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def drop():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000
work = os.path.join(mount, "bench")
os.makedirs(work, exist_ok=True)
block = os.urandom(1 << 20)
big = os.path.join(work, "big")
t = time.perf_counter()
with open(big, "wb") as f:
    for _ in range(mib):
        f.write(block)
    f.flush()
    os.fsync(f.fileno())
write = mib / (time.perf_counter() - t)
drop()
t = time.perf_counter()
with open(big, "rb") as f:
    while f.read(1 << 20):
        pass
read = mib / (time.perf_counter() - t)
small = os.urandom(4096)
creates = []
for i in range(files):
    t = time.perf_counter()
    with open(os.path.join(work, "f%d" % i), "wb") as f:
        f.write(small)
        f.flush()
        os.fsync(f.fileno())
    creates.append(time.perf_counter() - t)
drop()
reads = []
for i in range(files):
    t = time.perf_counter()
    with open(os.path.join(work, "f%d" % i), "rb") as f:
        if f.read() != small:
            sys.exit("f%d read back differs" % i)
    reads.append(time.perf_counter() - t)
for i in range(files):
    os.unlink(os.path.join(work, "f%d" % i))
os.unlink(big)
print("%.1f %.1f %.2f %.2f %.2f %.2f" % (write, read, pct(creates, 0.5), pct(creates, 0.99), pct(reads, 0.5), pct(reads, 0.99)))
' "$1" "$mib" "$files"
}

declare -A results=()
for ((r = 1; r <= rounds; r++)); do
  for volume in sealed open; do
    results[$volume]+="$(round "/mnt/$volume")"$'\n'
  done
done

# The median of each column over the rounds (stdin: one line per round, six columns).
medians() {
  local rows c
  rows=$(cat)
  for c in 1 2 3 4 5 6; do
    printf '%s ' "$(cut -d' ' -f"$c" <<<"$rows" | sort -g | sed -n "$(((rounds + 1) / 2))p")"
  done
}
read -r sw sr sc50 sc99 sr50 sr99 <<<"$(printf '%s' "${results[sealed]}" | medians)"
read -r ow or oc50 oc99 or50 or99 <<<"$(printf '%s' "${results[open]}" | medians)"
cost() { echo "scale=1; ($1 - $2) * 100 / $2" | bc -l; }

echo "gluster TLS cost: replica 3 on 3 lab nodes, client on node2, $mib MiB sequential, $files x 4 KiB files, median of $rounds rounds"
printf '%-22s %12s %12s %10s\n' measure "TLS" "plain" "TLS vs plain"
printf '%-22s %12s %12s %9s%%\n' "write MB/s" "$sw" "$ow" "$(cost "$sw" "$ow")"
printf '%-22s %12s %12s %9s%%\n' "read MB/s" "$sr" "$or" "$(cost "$sr" "$or")"
printf '%-22s %12s %12s %9s%%\n' "create+fsync p50 ms" "$sc50" "$oc50" "$(cost "$sc50" "$oc50")"
printf '%-22s %12s %12s %9s%%\n' "create+fsync p99 ms" "$sc99" "$oc99" "$(cost "$sc99" "$oc99")"
printf '%-22s %12s %12s %9s%%\n' "open+read p50 ms" "$sr50" "$or50" "$(cost "$sr50" "$or50")"
printf '%-22s %12s %12s %9s%%\n' "open+read p99 ms" "$sr99" "$or99" "$(cost "$sr99" "$or99")"
echo "rounds (write read c50 c99 r50 r99):"
printf 'sealed\n%s' "${results[sealed]}"
printf 'open\n%s' "${results[open]}"
