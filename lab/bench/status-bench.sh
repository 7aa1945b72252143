#!/bin/sh
# status-bench.sh [SECONDS] [--agents N] [--warmup SECONDS] [--status-rate PER_SECOND]
#                 [--coordinator-java-opts 'FLAGS']
#
# 1,000 simulated agents on real mutual-TLS gRPC streams to a real coordinator (the packaged
# jar, in its own JVM) on 127.0.0.1, GetStatus called over the admin socket meanwhile; prints
# the coordinator's CPU, heap and RSS and the GetStatus latencies against the targets.
# Exit code: 0 all targets met, 3 a target missed, 1 the run failed, 2 bad arguments.
#
# Builds first when the jars, the test classes or the classpath are missing or older than any
# source or pom. Not part of `mvn verify`: the harness is a main class, not a test.
# BENCH_JAVA_OPTS: flags for the harness JVM (default -Xmx1g).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

classpath_file=lab/target/bench-classpath.txt
stale() {
  for f in coordinator/target/brickwork-coordinator.jar \
           lab/target/test-classes/io/brickwork/lab/bench/StatusBenchmark.class "$classpath_file"; do
    [ -f "$f" ] || return 0
  done
  [ -n "$(find . -path ./.git -prune -o -path '*/target' -prune -o \
            \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$classpath_file" -print | head -n 1)" ]
}

if stale; then
  echo "status-bench: building (mvn -B -q package -DskipTests)..." >&2
  # The classpath in the same run: outside a reactor build the sibling modules would have to be
  # installed. A relative outputFile is per module, so lab writes lab/target/bench-classpath.txt.
  mvn -B -q package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -DincludeScope=test \
      -DexcludeArtifactIds=brickwork-agent,brickwork-coordinator
  # The plugin leaves an unchanged file alone; its time stamp marks this build.
  touch "$classpath_file"
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM flags
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -Dbrickwork.repo="$repo" \
    -cp "lab/target/test-classes:$(cat "$classpath_file")" io.brickwork.lab.bench.StatusBenchmark "$@"
