#!/usr/bin/env bash
# The main job, end to end on one fresh Debian machine (as root):
#   install what is missing, build, bring up an N-node lab (default 3), start the
#   coordinator in node1 and an agent in every node, `brickwork apply` the seed's layout,
#   then print `brickwork status` and the replication check.
# The lab is torn down at the end unless --keep is given (then: lab/lab.sh down).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

nodes=3
keep=no
while (($#)); do
  case $1 in
    --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "provision.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $nodes =~ ^[1-9][0-9]?$ ]] || { echo "provision.sh: --nodes must be 1..99" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "provision.sh: run as root (namespaces, mounts, glusterd)" >&2; exit 1; }

"$repo/lab/deps.sh" main

echo "== building"
mvn -B -q -ntp package -DskipTests

subnet=${BW_LAB_SUBNET_PREFIX:-10.213.0}
export BW_LAB_SUBNET_PREFIX=$subnet
lab=$repo/lab/lab.sh
prefix=${BW_LAB_PREFIX:-bw}
lab_dir=/var/tmp/brickwork-lab
[[ $prefix == bw ]] || lab_dir+="-$prefix"
# Inside the lab's own state dir, so that lab.sh down removes it too.
work=${BW_LAB_DIR:-$lab_dir}/work
[[ $keep == yes ]] || trap '"$lab" down >/dev/null 2>&1 || true' EXIT

echo "== lab: $nodes nodes"
"$lab" up "$nodes"
mkdir -p "$work"
cat >"$work/coordinator.conf" <<CONF
brickwork.coordinator {
  listen = "0.0.0.0:7443"
  state-dir = "$work/coordinator-state"
  audit-log = "$work/coordinator-audit.log"
}
CONF
coordinator=$subnet.11:7443
"$lab" spawn node1 "$work/coordinator.log" \
  java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$repo/coordinator/target/brickwork-coordinator.jar" \
  serve --config "$work/coordinator.conf" >/dev/null

# The operator's seat: root on the manager node, talking to the coordinator over its local socket.
brickwork() { "$lab" exec node1 "$repo/packaging/bin/brickwork" "$@"; }

echo "== waiting for the coordinator"
for ((i = 0; i < 120; i++)); do
  brickwork token list >/dev/null 2>&1 && break
  sleep 0.5
done
# One single-use token per node, bound to its name, handed over in a file (never on a command line).
(umask 077; for ((k = 1; k <= nodes; k++)); do
  brickwork token create --node "node$k" --uses 1 --ttl 10m >"$work/node$k.token"
done)

echo "== joining $nodes agents, each with its own join token"
node_list=()
for ((k = 1; k <= nodes; k++)); do
  node_list+=("node$k")
  "$lab" spawn "node$k" "$work/node$k-agent.log" \
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dbrickwork.agent.state-dir="$work/node$k-agent" -Dbrickwork.agent.audit-log="$work/node$k-audit.log" \
    -jar "$repo/agent/target/brickwork-agent.jar" \
    join --token-file "$work/node$k.token" --coordinator "$coordinator" --node-name "node$k" >/dev/null
done

for ((i = 0; i < 120; i++)); do
  connected=$(brickwork nodes --output json 2>/dev/null | grep -o '"state":"NODE_STATE_CONNECTED"' | wc -l || true)
  ((connected == nodes)) && break
  sleep 0.5
done
((connected == nodes)) || { echo "only $connected of $nodes agents connected; see $work/*.log" >&2; exit 1; }

replica=$nodes  # the seed's layout: replica N across all N nodes
cat >"$work/cluster.conf" <<SPEC
cluster {
  name = staging
  manager = node1
  nodes = [$(IFS=,; echo "${node_list[*]}")]
}
volumes = [{
  name = staging-gfs
  replica = $replica
  brick = "/gluster/brick"
  force = true
  mount { path = "/mnt", owner = root, group = docker }
}]
SPEC

echo "== brickwork plan"
brickwork plan -f "$work/cluster.conf"
echo "== brickwork apply"
brickwork apply -f "$work/cluster.conf"
echo "== brickwork apply (again: nothing to do)"
brickwork apply -f "$work/cluster.conf"
echo "== brickwork status"
brickwork status || true
echo "== replication check"
brickwork verify staging-gfs
"$lab" exec node1 sh -c 'echo "written on node1 at $(date)" > /mnt/hello.txt'
echo "node$nodes reads: $("$lab" exec "node$nodes" cat /mnt/hello.txt)"
if [[ $keep == yes ]]; then
  echo "== lab left running: lab/lab.sh exec node1 packaging/bin/brickwork status; lab/lab.sh down to stop"
fi
