# Sourced by the lab benchmarks: a lab with a coordinator on node1 and an agent on every node,
# run from the packaged jars as an operator would install them (not through lab tests).
# The caller sets BW_LAB_PREFIX and BW_LAB_SUBNET_PREFIX first, and `repo` to the checkout.
# BW_BENCH_AGENT_JAR: another agent jar to run (an older build, to compare against).
lab=$repo/lab/lab.sh
work=/var/tmp/brickwork-bench-$BW_LAB_PREFIX
coordinator=$BW_LAB_SUBNET_PREFIX.11:7443
settle=${BW_BENCH_SETTLE_S:-5}   # seconds between the last agent connecting and the first timing
agent_jar=${BW_BENCH_AGENT_JAR:-$repo/agent/target/brickwork-agent.jar}
[[ -f $repo/coordinator/target/brickwork-coordinator.jar && -f $agent_jar ]] ||
  { echo "build first: mvn -B package" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
# As root on the manager node: the local socket, no certificates needed.
brickwork() { "$lab" exec node1 "$repo/packaging/bin/brickwork" "$@"; }

start_brickwork() {
  local n=$1 k token
  rm -rf "$work"; mkdir -p "$work"
  printf 'brickwork.coordinator { listen = "0.0.0.0:7443", state-dir = "%s/state", audit-log = "%s/audit.log" }\n' \
    "$work" "$work" >"$work/c.conf"
  "$lab" spawn node1 "$work/coordinator.log" java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$repo/coordinator/target/brickwork-coordinator.jar" serve --config "$work/c.conf" >/dev/null
  for ((k = 0; k < 120; k++)); do
    brickwork token list >/dev/null 2>&1 && break
    sleep 0.5
  done
  token=$(brickwork token create --uses "$n")
  # No systemd in a lab node: as in the lab tests, the agent may restart glusterd itself (cluster.tls).
  for ((k = 1; k <= n; k++)); do
    "$lab" spawn "node$k" "$work/agent$k.log" java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dbrickwork.agent.state-dir="$work/agent$k" -Dbrickwork.agent.audit-log="$work/audit$k.log" \
      -Dbrickwork.agent.restart-unmanaged-glusterd=true \
      -jar "$agent_jar" join --token "$token" --coordinator "$coordinator" \
      --node-name "node$k" >/dev/null
  done
  for ((k = 0; k < 120; k++)); do
    if (($(brickwork nodes --output json 2>/dev/null | grep -o '"state":"NODE_STATE_CONNECTED"' | wc -l) == n)); then
      # An operator runs apply on agents that were installed before, not in their first
      # seconds: let each finish its start (JIT warm-up, first report's gluster reads) so the
      # timing is of the apply, not of 8 JVMs starting on 2 cores.
      sleep "$settle"
      return
    fi
    sleep 0.5
  done
  echo "agents did not connect" >&2; exit 1
}

spec() {
  local n=$1 k nodes=()
  for ((k = 1; k <= n; k++)); do nodes+=("node$k"); done
  cat <<SPEC
cluster { name = bench, manager = node1, nodes = [$(IFS=,; echo "${nodes[*]}")] }
volumes = [{ name = bench-gfs, replica = $n, brick = "/gluster/brick", force = true,
             mount { path = "/mnt", owner = root, group = docker } }]
SPEC
}
