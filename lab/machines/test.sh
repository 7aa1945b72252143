#!/usr/bin/env bash
# The packaging test on booted Debian machines alone (JUnit tag lab-machines, LabMachinesTest;
# lab/test.sh runs it with every other test): builds the jars and the .deb packages, then installs
# them into three systemd-nspawn machines (lab/machines/machines.sh; the base image builds in the
# background meanwhile, once per recipe, under lab/machines/target). Root only.
# Needs: apt-get install -y systemd-container debootstrap (and the build's JDK 17 and Maven).
# Extra arguments go to Maven (e.g. -o -q).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p lab/machines/target
setsid lab/machines/machines.sh build >lab/machines/target/build.out 2>&1 </dev/null &
image_build=$!
cleanup() {
  if kill -0 "$image_build" 2>/dev/null; then
    kill -TERM -- "-$image_build" 2>/dev/null || true
    wait "$image_build" 2>/dev/null || true
  fi
  lab/machines/machines.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT
# The tag filters out every other test of the reactor: this runs only LabMachinesTest.
mvn -B -ntp verify -pl "packaging,lab" -am -Dgroups=lab-machines -DexcludedGroups=none "$@"
