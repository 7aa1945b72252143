#!/usr/bin/env bash
# Benchmark: `brickwork apply` vs the bare shell script of the same commands, and the
# converged re-apply, each on a fresh lab, for 3 and 8 nodes (or the counts given).
# Prints seconds and the ratios. Targets (issue #2): apply <= 1.25x bare; re-apply <= 0.5 s at 8.
# Usage (root, after mvn -B package): lab/bench/apply-bench.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export BW_LAB_PREFIX=bwb BW_LAB_SUBNET_PREFIX=10.213.8
# shellcheck source=lab/bench/lib.sh
source "$repo/lab/bench/lib.sh"
trap '"$lab" down >/dev/null 2>&1 || true' EXIT

# apply_s, reapply_s: the whole `brickwork apply` command as an operator runs it (CLI JVM start
# included); reapply is the median of 3 runs. reapply_srv_s: the coordinator's own time for the
# converged re-apply (the Apply call in its audit log: check round plus replication check).
# cli_s: `brickwork nodes`, i.e. the CLI's fixed cost per command.
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
last_apply_ms() { grep '"method":"brickwork.coordinator.v1.Coordinator/Apply"' "$work/audit.log" | tail -1 |
  sed -n 's/.*"duration_ms":\([0-9]*\).*/\1/p'; }
printf '%-6s %8s %8s %11s %10s %10s %13s %7s\n' nodes bare_s apply_s apply_srv_s apply/bare reapply_s reapply_srv_s cli_s
for n in ${@:-3 8}; do
  "$lab" down >/dev/null 2>&1 || true
  "$lab" up "$n" >/dev/null
  t0=$(now); "$repo/lab/bench/bare-provision.sh" "$n"; t1=$(now)
  bare=$(elapsed "$t0" "$t1")
  "$lab" down >/dev/null

  "$lab" up "$n" >/dev/null
  start_brickwork "$n"
  spec "$n" >"$work/spec.conf"
  t0=$(now); brickwork apply -f "$work/spec.conf" >"$work/apply1.txt"; t1=$(now)
  apply=$(elapsed "$t0" "$t1")
  apply_srv=$(echo "$(last_apply_ms) / 1000" | bc -l)
  walls=() servers=()
  for k in 1 2 3; do
    t0=$(now); brickwork apply -f "$work/spec.conf" >"$work/apply2.txt"; t1=$(now)
    grep -q "nothing to do" "$work/apply2.txt" || { echo "re-apply changed something:" >&2; cat "$work/apply2.txt" >&2; exit 1; }
    walls+=("$(elapsed "$t0" "$t1")") servers+=("$(last_apply_ms)")
  done
  reapply=$(median3 "${walls[@]}")
  reapply_srv=$(echo "$(median3 "${servers[@]}") / 1000" | bc -l)
  t0=$(now); brickwork nodes >/dev/null; t1=$(now)
  cli=$(elapsed "$t0" "$t1")
  "$lab" down >/dev/null
  printf '%-6s %8.2f %8.2f %11.2f %10.2f %10.2f %13.2f %7.2f\n' "$n" "$bare" "$apply" "$apply_srv" \
    "$(echo "$apply / $bare" | bc -l)" "$reapply" "$reapply_srv" "$cli"
done
