#!/usr/bin/env bash
# Runs every test: unit tests (recording fakes, in-process gRPC), the lab tests (JUnit tag "lab":
# real glusterd in network + mount namespaces) and the packaging test on booted Debian machines
# (tag "lab-machines": lab/machines/, systemd-nspawn). Run as root on Debian 12: it installs what
# the tests need first (lab/deps.sh test). Extra arguments go to Maven
# (-DexcludedGroups=lab-machines leaves the machines out).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
[[ $(id -u) == 0 ]] || { echo "test.sh: run as root (namespaces, mounts, glusterd, apt-get)" >&2; exit 1; }
lab/deps.sh test
echo "lab/test.sh: dependencies ready after $((SECONDS - started)) s"

# The machines' base image (debootstrap: about a minute, mostly download and dpkg) builds while
# Maven compiles and runs the unit tests; LabMachinesTest waits for it (machines.sh up) and fails
# with its log if it failed. Its own session, so that it can be stopped as a whole.
mkdir -p lab/machines/target
image_out=lab/machines/target/build.out
setsid lab/machines/machines.sh build >"$image_out" 2>&1 </dev/null &
image_build=$!

# Whatever happens to the JVM, leave no lab, machine or build behind.
cleanup() {
  if kill -0 "$image_build" 2>/dev/null; then
    kill -TERM -- "-$image_build" 2>/dev/null || true
    wait "$image_build" 2>/dev/null || true
  fi
  BW_LAB_PREFIX=${BW_LABTEST_PREFIX:-bwt} BW_LAB_SUBNET_PREFIX=${BW_LABTEST_SUBNET:-10.213.9} lab/lab.sh down >/dev/null 2>&1 || true
  lab/machines/machines.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The lab's own proof first (isolated nodes, a replica volume, nothing left behind): every lab
# test stands on lab.sh.
status=0
BW_LAB_PREFIX=bwts BW_LAB_SUBNET_PREFIX=10.213.10 lab/selftest.sh || status=$?
mvn -B -ntp verify -Plab "$@" || status=$?
echo "lab/test.sh: $((SECONDS - started)) s in all (exit $status); machines' base image: $(tail -n 1 "$image_out")"
exit "$status"
