package io.pplj.bench;

import io.pplj.tensor.Backends;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import io.pplj.tensor.cpu.CpuBackend;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A unary operation on 1M float32 elements through the Tensor API, on a 2-thread CPU backend. Bytes moved per call:
 * 4 MB read + 4 MB written, so GB/s = 8e6 / (score in ns) · 1e9 / 1e9 = 8000 / score(µs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnaryBenchmark {

    @Param({"neg", "exp", "tanh", "sigmoid"})
    public String op;

    private Tensor x;
    private ThreadScope scope;

    @Setup
    public void setUp() {
        scope = Backends.use(CpuBackend.withThreads(2));
        x = Tensor.rand(1 << 20).sub(0.5).mul(4.0);
    }

    @TearDown
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public Tensor unary() {
        switch (op) {
            case "neg": return x.neg();
            case "exp": return x.exp();
            case "tanh": return x.tanh();
            default: return x.sigmoid();
        }
    }
}
