#!/usr/bin/env bash
# Installs, as root on Debian 12, what the README's two commands need:
#   lab/deps.sh main   the main job (lab/provision.sh): JDK, Maven, GlusterFS, the lab's tools
#   lab/deps.sh test   every test (lab/test.sh): the above, plus Prometheus (promtool and a real
#                      server for the metrics test), Docker Engine for the lab's Swarms, and
#                      debootstrap + systemd-nspawn for the booted Debian machines, Ansible for
#                      the role's test on them
# Idempotent: when everything is there it asks dpkg once and touches nothing.
set -euo pipefail

usage() { sed -n '2,8p' "$0"; }
case ${1:-} in
  main | test) set_name=$1 ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac
[[ $(id -u) == 0 ]] || { echo "deps.sh: run as root (apt-get)" >&2; exit 1; }
command -v dpkg-query >/dev/null && command -v apt-get >/dev/null ||
  { echo "deps.sh: needs a Debian system (dpkg, apt-get); see README for what to install elsewhere" >&2; exit 1; }

main_packages=(openjdk-17-jdk-headless maven glusterfs-server glusterfs-client attr iproute2 util-linux procps psmisc)
# busybox-static: the containers of the lab Swarm test run its static binary (lab/swarm/swarm.sh).
# debian-archive-keyring: debootstrap checks the bookworm release it fetches for the machines.
# ansible-core, openssh-client: the Ansible role's test drives the machines over SSH.
# tcpdump, openssl: the gluster TLS test captures the lab bridge and makes a certificate the cluster CA never signed.
test_packages=(prometheus docker.io busybox-static debootstrap debian-archive-keyring systemd-container ansible-core openssh-client tcpdump openssl)

wanted=("${main_packages[@]}")
[[ $set_name == main ]] || wanted+=("${test_packages[@]}")

# One dpkg-query for the whole list: a package not known to dpkg at all prints nothing for it.
declare -A installed=()
while IFS=' ' read -r name status; do
  [[ $status == installed ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)
need=()
for pkg in "${wanted[@]}"; do
  [[ -n ${installed[$pkg]:-} ]] || need+=("$pkg")
done
if ((${#need[@]} == 0)); then
  exit 0
fi

echo "deps.sh: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# apt's progress goes to a log that is printed only when something fails.
log=$(mktemp /tmp/brickwork-deps.XXXXXX)
trap 'rm -f "$log"' EXIT
apt_get() { apt-get "$@" >>"$log" 2>&1 || { cat "$log" >&2; echo "deps.sh: apt-get $* failed" >&2; exit 1; }; }
apt_get update -qq
others=()
for pkg in "${need[@]}"; do [[ $pkg == docker.io ]] || others+=("$pkg"); done
((${#others[@]} == 0)) || apt_get install -y -qq --no-install-recommends "${others[@]}"

if ((${#others[@]} < ${#need[@]})); then
  # Debian's own dockerd sets the FORWARD policy to DROP and loads br_netfilter, which cuts the
  # lab bridge; the lab starts one dockerd per node itself (lab/swarm/swarm.sh). policy-rc.d keeps
  # the package from starting its daemon, and the units are disabled in case systemd runs here.
  own_policy=
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  [[ -z $own_policy ]] || trap 'rm -f "$log" /usr/sbin/policy-rc.d' EXIT
  apt_get install -y -qq --no-install-recommends docker.io
  [[ -z $own_policy ]] || rm -f /usr/sbin/policy-rc.d
  if [[ -d /run/systemd/system ]]; then
    systemctl disable --now docker.service docker.socket >/dev/null 2>&1 || true
  fi
fi
echo "deps.sh: installed ${need[*]}"
