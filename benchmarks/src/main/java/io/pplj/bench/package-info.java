/**
 * Benchmarks: the end-to-end workloads of WORKLOADS.md ({@link io.pplj.bench.Workloads}, run by
 * {@code benchmarks/run.sh}) and JMH micro benchmarks of the tensor core.
 */
package io.pplj.bench;
