#!/usr/bin/env bash
# Runs the WORKLOADS.md workloads: benchmarks/run.sh [--device cpu|cuda] [--threads N] WORKLOAD...
# Builds what it needs (quietly, logs on stderr), then prints one line per workload on stdout. Each workload runs in
# a JVM of its own, so one workload's JIT profile and heap never colour the next one's figures.
#
# JVM options (see docs/benchmarks.md for the measurements behind both defaults):
#   PPLJ_JAVA_OPTS        every workload (default: a pre-touched 3 GB heap with a 2 GB young generation, so that
#                         timings measure the library rather than first-touch page faults and early heap resizing).
#   PPLJ_SMALL_STEP_OPTS  added for the small-step SVI workloads w1-w3, whose 1000-2000 timed steps last about a
#                         second right after 20 warm-up steps (default: C1-compiled code without profiling and the
#                         serial collector; set it empty to time them on the JVM's default tiered compilation).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ -z "${PPLJ_SKIP_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl benchmarks -am package) >&2
fi
threads=2
options=()
workloads=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; options+=("$1" "$2"); shift 2 ;;
    --device) options+=("$1" "$2"); shift 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
if [ ${#workloads[@]} -eq 0 ]; then
  # no workload named: let the program print its usage line
  workloads=("")
fi
opts="${PPLJ_JAVA_OPTS:--Xms3g -Xmn2g -XX:+AlwaysPreTouch}"
small_step="${PPLJ_SMALL_STEP_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
for workload in "${workloads[@]}"; do
  case "$workload" in
    w1|w1_*|w2|w2_*|w3|w3_*) extra="$small_step" ;;
    *) extra="" ;;
  esac
  # shellcheck disable=SC2086
  java $opts $extra -XX:ActiveProcessorCount="$threads" -Xss16m -cp "$jar" io.pplj.bench.Workloads \
    "${options[@]}" ${workload:+"$workload"}
done
