package io.pplj.bench;

import io.pplj.infer.Elbo;
import io.pplj.infer.SVI;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Rng;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * An SVI workload of WORKLOADS.md: data drawn once with a fixed seed, Adam with learning rate 1e-3, 20 warm-up
 * steps, then the timed steps. The printed loss is the mean over the last 10 % of the timed steps; the peak heap
 * during the timed steps and the steps per second of the main thread's CPU time (a figure that other load on the
 * machine disturbs less than wall time) go to stderr. The system property {@code pplj.bench.stepScale} multiplies the timed steps
 * (for profiling; the figures of record use the WORKLOADS.md counts).
 *
 * @param <A> the model's input type
 */
abstract class SviWorkload<A> implements Workload {

    static final int WARMUP = 20;

    private final String name;
    private final int steps;

    SviWorkload(String name, int steps) {
        this.name = name;
        this.steps = (int) Math.round(steps * Double.parseDouble(System.getProperty("pplj.bench.stepScale", "1")));
    }

    /** The data, drawn with a fixed seed. */
    abstract A data();

    abstract Model<A, ?> model();

    /** The guide (built once; autoguides keep their structure). */
    abstract Model<A, ?> guide(Model<A, ?> model);

    abstract Elbo elbo();

    @Override
    @SuppressWarnings("try")
    public List<String> run() {
        Rng.seed(20261122L);
        A data = data();
        try (ParamStore store = ParamStore.open()) {
            Model<A, ?> model = model();
            SVI<A> svi = SVI.of(model, guide(model), Adam.of(1e-3), elbo());
            for (int i = 0; i < WARMUP; i++) {
                svi.step(data);
            }
            System.gc();
            resetPeaks();
            double[] losses = new double[steps];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                losses[i] = svi.step(data);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.err.printf(Locale.ROOT, "%s\tpeak_heap_mb=%.1f\tmain_thread_cpu_steps_per_s=%.1f%n", name,
                    peakHeapBytes() / 1048576.0, steps / cpuSeconds);
            int tail = Math.max(1, steps / 10);
            double loss = 0;
            for (int i = steps - tail; i < steps; i++) {
                loss += losses[i] / tail;
            }
            return List.of(Workloads.line(name, "steps", steps, "seconds", seconds, "steps_per_s", steps / seconds,
                    "loss", loss));
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
