#!/usr/bin/env bash
# Runs the WORKLOADS.md workloads: benchmarks/run.sh [--device cpu|cuda] [--threads N] WORKLOAD...
# Builds what it needs (quietly, logs on stderr), then prints one line per workload on stdout.
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
exec java -XX:ActiveProcessorCount="$threads" -Xss16m -cp "$jar" io.pplj.bench.Workloads "$@"
