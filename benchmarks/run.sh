#!/usr/bin/env bash
# Runs the WORKLOADS.md workloads: benchmarks/run.sh [--device cpu|cuda] [--threads N] WORKLOAD...
# Builds what it needs (quietly, logs on stderr), then prints one line per workload on stdout.
#
# JVM options: PPLJ_JAVA_OPTS (default: a pre-touched 3 GB heap with a 2 GB young generation, so that timings
# measure the library rather than the VM's first-touch page faults and early heap resizing; see docs/benchmarks.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ -z "${PPLJ_SKIP_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl benchmarks -am package) >&2
fi
threads=2
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--threads" ]; then threads="${args[$((i + 1))]}"; fi
done
opts="${PPLJ_JAVA_OPTS:--Xms3g -Xmn2g -XX:+AlwaysPreTouch}"
# shellcheck disable=SC2086
exec java $opts -XX:ActiveProcessorCount="$threads" -Xss16m -cp "$jar" io.pplj.bench.Workloads "$@"
