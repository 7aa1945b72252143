#!/usr/bin/env bash
# The packaging test on booted Debian machines (JUnit tag lab-machines, LabMachinesTest):
# builds the jars and the .deb packages, then installs them into three systemd-nspawn machines
# (lab/machines/machines.sh; the base image is debootstrapped once and cached). Root only.
# Needs: apt-get install -y systemd-container debootstrap (and the build's JDK 17 and Maven).
# Extra arguments go to Maven (e.g. -o -q).
set -euo pipefail
cd "$(dirname "$0")/../.."
trap 'lab/machines/machines.sh down >/dev/null 2>&1 || true' EXIT
# The tag filters out every other test of the reactor: this runs only LabMachinesTest.
mvn -B -ntp verify -pl "packaging,lab" -am -Dgroups=lab-machines -DexcludedGroups=none "$@"
