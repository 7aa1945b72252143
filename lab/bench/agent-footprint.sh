#!/usr/bin/env bash
# agent-footprint.sh [--idle SECONDS] [--settle SECONDS] [--java-opts 'FLAGS'] [--cds]
#
# The agent's footprint with the systemd unit's JVM flags (read from
# systemd/brickwork-agent.service unless --java-opts is given): a real coordinator (the packaged
# jar) on 127.0.0.1, a join token, `brickwork-agent join --no-run`, then a timed start of the
# agent. Prints start-to-registered time (exec to the coordinator's Welcome on the stream, from
# the agent's log), CPU over SECONDS of idle (default 60; JVM alone and with the commands it
# ran) and RSS (steady = at the end of the idle window; max over the window), against the
# targets: <= 48 MiB RSS, <= 0.2 % of one core, <= 1 s. The idle window starts --settle seconds
# after registration (default 10): in the first minutes C1 still compiles the report path,
# which a long-running agent pays once. Also prints where the idle CPU went (per thread) and
# what the RSS is (anonymous memory vs mapped files). Exit 0 all met, 3 a target missed,
# 1 the run failed, 2 bad arguments.
# --cds: first a training start that writes an AppCDS archive (-XX:ArchiveClassesAtExit), then
# the measured start with -XX:SharedArchiveFile, to see whether an archive pays.
# Runs as root on the host (the agent only runs what a coordinator asks; this one asks nothing).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

idle=60
settle=10
opts=
cds=no
while (($#)); do
  case $1 in
    --idle) idle=${2:?--idle needs seconds}; shift 2 ;;
    --settle) settle=${2:?--settle needs seconds}; shift 2 ;;
    --java-opts) opts=${2:?--java-opts needs flags}; shift 2 ;;
    --cds) cds=yes; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "agent-footprint: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $idle =~ ^[1-9][0-9]*$ ]] || { echo "agent-footprint: --idle must be whole seconds" >&2; exit 2; }
[[ $settle =~ ^[0-9]+$ ]] || { echo "agent-footprint: --settle must be whole seconds" >&2; exit 2; }
if [[ -z $opts ]]; then
  opts=$(sed -n 's/^Environment="BRICKWORK_AGENT_JAVA_OPTS=\(.*\)"$/\1/p' systemd/brickwork-agent.service)
  [[ -n $opts ]] || { echo "agent-footprint: no BRICKWORK_AGENT_JAVA_OPTS in the unit" >&2; exit 1; }
fi
agent_jar=agent/target/brickwork-agent.jar
coordinator_jar=coordinator/target/brickwork-coordinator.jar
if [[ ! -f $agent_jar || ! -f $coordinator_jar ]]; then
  echo "agent-footprint: building (mvn -B -q package -DskipTests)..." >&2
  mvn -B -q -ntp package -DskipTests -pl agent,coordinator -am
fi

work=$(mktemp -d /var/tmp/brickwork-agent-footprint.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port=27443
socket=$work/run/coordinator.sock
cat >"$work/coordinator.conf" <<CONF
brickwork.coordinator {
  listen = "127.0.0.1:$port"
  admin-socket = "$socket"
  state-dir = "$work/coordinator"
  audit-log = "$work/coordinator-audit.log"
  metrics-listen = ""
}
CONF
java -Xmx256m -XX:+UseSerialGC -jar "$coordinator_jar" serve --config "$work/coordinator.conf" \
  >"$work/coordinator.log" 2>&1 &
pids+=($!)
cli() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$coordinator_jar" "$@" --coordinator "unix:$socket"; }
for ((i = 0; i < 120; i++)); do
  cli token list >/dev/null 2>&1 && break
  sleep 0.5
done
token=$(cli token create --uses 1) || { echo "agent-footprint: coordinator did not start; see:" >&2; cat "$work/coordinator.log" >&2; exit 1; }

export MALLOC_ARENA_MAX=2   # as the unit sets it
agent_props=(-Dbrickwork.agent.state-dir="$work/agent" -Dbrickwork.agent.audit-log="$work/agent-audit.log")
# shellcheck disable=SC2086 # opts is a list of JVM flags
java $opts "${agent_props[@]}" -jar "$agent_jar" join --no-run --token "$token" \
  --coordinator "127.0.0.1:$port" --node-name bench1 >"$work/join.log" 2>&1 \
  || { echo "agent-footprint: join failed:" >&2; cat "$work/join.log" >&2; exit 1; }

run_opts=$opts
if [[ $cds == yes ]]; then
  # Training run: start, register, stop cleanly; the JVM writes the archive on exit.
  # shellcheck disable=SC2086
  java $opts -XX:ArchiveClassesAtExit="$work/agent.jsa" -Xlog:cds*=off "${agent_props[@]}" -jar "$agent_jar" \
    >"$work/train.log" 2>&1 &
  train=$!
  for ((i = 0; i < 100; i++)); do grep -q "connected to coordinator" "$work/train.log" && break; sleep 0.1; done
  sleep 2
  kill "$train"; wait "$train" || true
  [[ -s $work/agent.jsa ]] || { echo "agent-footprint: no CDS archive written" >&2; exit 1; }
  run_opts="$opts -XX:SharedArchiveFile=$work/agent.jsa"
fi

start_ms=$(date +%s%3N)
# shellcheck disable=SC2086
java $run_opts "${agent_props[@]}" -jar "$agent_jar" >"$work/agent.log" 2>&1 &
agent=$!
pids+=("$agent")
line=
for ((i = 0; i < 300; i++)); do
  line=$(grep -m1 "connected to coordinator" "$work/agent.log" || true)
  [[ -n $line ]] && break
  kill -0 "$agent" 2>/dev/null || break
  sleep 0.05
done
[[ -n $line ]] || { echo "agent-footprint: the agent did not register in 15 s:" >&2; cat "$work/agent.log" >&2; exit 1; }
registered_ms=$(date -d "$(cut -d' ' -f1 <<<"$line")" +%s%3N)
start_to_registered=$((registered_ms - start_ms))

ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15, $16 + $17 }' "/proc/$agent/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$agent/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$agent/status"; }
# CPU ticks per thread: "TID TICKS NAME" (the fields after the name, which may hold spaces).
thread_ticks() {
  local task
  for task in /proc/"$agent"/task/*; do
    printf '%s %s %s\n' "${task##*/}" "$(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')" \
      "$(tr ' ' _ <"$task/comm")"
  done 2>/dev/null | sort
}
# Let start-up work (class loading, C1 compiles, the first reports) settle before measuring idle.
sleep "$settle"
thread_ticks >"$work/threads0"
read -r own0 children0 < <(cpu)
max_rss=0
for ((t = 0; t < idle; t += 5)); do
  step=$((idle - t < 5 ? idle - t : 5))
  sleep "$step"
  rss=$(rss_kib)
  ((rss > max_rss)) && max_rss=$rss
done
read -r own1 children1 < <(cpu)
steady_rss=$(rss_kib)
thread_ticks >"$work/threads1"
# Threads that started during the window count from zero; threads of one name are summed.
busiest=$(join -a2 -e0 -o 2.3,1.2,2.2 "$work/threads0" "$work/threads1" \
  | awk '{ ticks[$1] += $3 - $2 } END { for (n in ticks) if (ticks[n] > 0) print ticks[n], n }' \
  | sort -rn | head -8 | awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }')
rss_parts=$(awk '/^Anonymous:/ { anon = $2 } /^Rss:/ { rss = $2 }
  END { printf "anonymous %.1f MiB, mapped files %.1f MiB", anon / 1024, (rss - anon) / 1024 }' \
  "/proc/$agent/smaps_rollup")

awk -v own=$((own1 - own0)) -v children=$((children1 - children0)) -v hz="$ticks" -v idle="$idle" \
    -v steady="$steady_rss" -v max="$max_rss" -v start="$start_to_registered" -v threads="$(threads)" \
    -v opts="$run_opts" -v settle="$settle" -v busiest="$busiest" -v parts="$rss_parts" 'BEGIN {
  cpu = own / hz / idle * 100; cpu_all = (own + children) / hz / idle * 100
  rss = steady / 1024; rss_max = max / 1024; secs = start / 1000
  printf "agent footprint (flags: %s)\n", opts
  printf "  start to registered  %6.2f s      target <= 1 s     %s\n", secs, secs <= 1 ? "met" : "MISSED"
  printf "  idle CPU (JVM)       %6.3f %%      target <= 0.2 %%   %s   over %d s, from %d s after registering\n", cpu, cpu <= 0.2 ? "met" : "MISSED", idle, settle
  printf "    by thread (ticks of 1/%d s): %s\n", hz, busiest == "" ? "none" : busiest
  printf "  idle CPU (+commands) %6.3f %%      (gluster and other commands the reports ran)\n", cpu_all
  printf "  steady RSS           %6.1f MiB    target <= 48 MiB  %s   (max over the window %.1f MiB)\n", rss, rss <= 48 ? "met" : "MISSED", rss_max
  printf "    %s\n", parts
  printf "  threads              %6d\n", threads
  exit (secs <= 1 && cpu <= 0.2 && rss <= 48) ? 0 : 3
}'
