package io.pplj.bench;

import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code op} workload: {@code x = tanh(x + 0.001)} on a 10-element float32 tensor, 100,000 times, with gradient
 * recording on (x requires a gradient, so every operation builds a graph node, as PyTorch does for tensors that
 * require grad). Reports nanoseconds per tensor operation (two per iteration), three timed repetitions after a
 * warm-up.
 */
final class SmallOpWorkload implements Workload {

    static final int ITERATIONS = 100_000;
    static final int REPETITIONS = 3;

    @Override
    public List<String> run() {
        for (int i = 0; i < 10; i++) {
            loop();
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < REPETITIONS; r++) {
            long start = System.nanoTime();
            boolean recorded = loop().requiresGrad();
            long elapsed = System.nanoTime() - start;
            if (!recorded) {
                throw new IllegalStateException("op workload: the result should carry a gradient graph");
            }
            lines.add(Workloads.line("op_small_add_tanh", "ns_per_op", Math.round(elapsed / (2.0 * ITERATIONS))));
        }
        return lines;
    }

    private static Tensor loop() {
        Tensor x = Tensor.zeros(10).requiresGrad(true);
        for (int i = 0; i < ITERATIONS; i++) {
            x = x.add(0.001).tanh();
        }
        return x;
    }
}
