package io.pplj.bench;

import io.pplj.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-operation overhead on a 10-element float32 tensor: {@code tanh(x + 0.001)} (two operations) with and without
 * gradient recording. Divide the score by two for nanoseconds per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmallOpBenchmark {

    @Param({"false", "true"})
    public boolean recording;

    private Tensor x;

    @Setup
    public void setUp() {
        x = Tensor.zeros(10).add(0.1).requiresGrad(recording);
    }

    @Benchmark
    public Tensor addTanh() {
        return x.add(0.001).tanh();
    }
}
