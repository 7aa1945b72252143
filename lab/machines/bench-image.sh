#!/usr/bin/env bash
# What the machines' base image costs CI, measured (root; needs network to the mirror):
#   1. an uncached base image build alone: wall and CPU time, and where the time goes
#      (release and dependency resolution, download, dpkg unpack and configure, our setup);
#   2. the Maven build with the unit tests alone (what lab/test.sh runs before the lab tests);
#   3. both at once, as lab/test.sh runs them: how much the background build slows Maven down,
#      and what the overlap saves against building the image first.
# Images go to a temporary BWM_CACHE (removed at the end), never to the cached one.
#
#   lab/machines/bench-image.sh [MAVEN_ARGS...]        e.g. -o
# BENCH_LOCK=FILE: each part runs under `flock -x FILE` (a shared machine: one timing at a time).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(id -u) == 0 ]] || { echo "bench-image.sh: run as root" >&2; exit 1; }

work=$(mktemp -d /var/tmp/bwm-bench.XXXXXX)
trap 'rm -rf --one-file-system "$work"' EXIT

locked() {
  [[ -n ${BENCH_LOCK:-} ]] || { "$@"; return; }
  exec 8>>"$BENCH_LOCK"
  flock -x 8
  "$@"
  flock -u 8
  exec 8>&-
}

calc() { awk "BEGIN { printf \"%.1f\", ($1) }"; }

# Seconds between two EPOCHREALTIME values, one decimal.
seconds() {
  local us=$((${2/./} - ${1/./}))
  printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000))
}

image() { BWM_CACHE=$work/$1 BWM_DIR=$work/$1 lab/machines/machines.sh build >"$work/$1.out" 2>&1; }
# From clean, as on a fresh checkout.
maven() { mvn -B -ntp -q clean verify "$@" >"$work/maven-$run.out" 2>&1; }

# The first timestamp of a line matching $2 in build log $1.
at() { awk -v re="$2" '$0 ~ re { print $1; exit }' "$1"; }

report_image() {
  local log
  log=$(ls "$work/$1"/base-*.log)
  local resolved downloaded installed total
  resolved=$(at "$log" 'Checking component')
  downloaded=$(at "$log" 'Extracting')
  installed=$(at "$log" 'Base system installed successfully')
  total=$(awk '/^ *[0-9.]+ /{t=$1} END{print t}' "$log")
  echo "  release and dependency resolution  ${resolved} s"
  echo "  download                           $(calc "$downloaded - $resolved") s"
  echo "  dpkg unpack and configure          $(calc "$installed - $downloaded") s"
  echo "  setup (units, users, apt clean)    $(calc "$total - $installed") s"
  echo "  CPU (user, system)                 $(tail -n 2 "$log" | head -n 1 | cut -c8-)"
}

part() {
  local what=$1
  shift
  echo "== $what" >&2
  locked "$@"
}

one_image() {
  local t0=$EPOCHREALTIME
  image alone
  echo "image alone: $(seconds "$t0" "$EPOCHREALTIME") s"
}
one_maven() {
  local t0=$EPOCHREALTIME run=alone
  maven "$@"
  echo "maven alone: $(seconds "$t0" "$EPOCHREALTIME") s"
}
both() {
  local t0=$EPOCHREALTIME t_image t_maven run=both pid
  (image both; echo "$EPOCHREALTIME" >"$work/both.end") &
  pid=$!
  maven "$@"
  t_maven=$(seconds "$t0" "$EPOCHREALTIME")
  wait "$pid"
  t_image=$(seconds "$t0" "$(<"$work/both.end")")
  echo "maven with the image build beside it: $t_maven s; image: $t_image s"
}

results=$work/results
{
  part "uncached image build alone" one_image
  part "maven verify (unit tests) alone" one_maven "$@"
  part "both at once" both "$@"
} | tee "$results" >&2

image_alone=$(awk '/^image alone:/{print $3}' "$results")
maven_alone=$(awk '/^maven alone:/{print $3}' "$results")
maven_both=$(awk '/^maven with/{print $8}' "$results")
image_both=$(awk '/^maven with/{print $11}' "$results")
serial=$(calc "$image_alone + $maven_alone")
overlapped=$(calc "$maven_both > $image_both ? $maven_both : $image_both")
echo
echo "base image build, uncached, alone: $image_alone s"
report_image alone
echo "maven verify with unit tests, alone: $maven_alone s"
echo "both at once (lab/test.sh): maven $maven_both s (+$(calc "$maven_both - $maven_alone") s), image $image_both s"
echo "image first, then maven: $serial s; overlapped: $overlapped s; saved: $(calc "$serial - $overlapped") s"
