package io.pplj.bench;

import io.pplj.infer.Elbo;
import io.pplj.infer.SVI;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Rng;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * An SVI workload of WORKLOADS.md: data drawn once with a fixed seed, Adam with learning rate 1e-3, warm-up steps
 * (20, or as WORKLOADS.md says), then the timed steps. The printed loss is the mean over the last 10 % of the timed
 * steps. On stderr: the peak heap during the timed steps; the heap retained after a full collection before and after
 * them (with a warning if it grew: memory must not grow from step to step); the steps per second of the main
 * thread's CPU time (a figure that other load on the machine disturbs less than wall time); and the time split per
 * step into forward (ELBO estimate), backward (gradients) and optimizer ({@link StepClock}). The system property
 * {@code pplj.bench.stepScale} multiplies the timed steps (for profiling and trials; the figures of record use the
 * WORKLOADS.md counts).
 *
 * @param <A> the model's input type
 */
abstract class SviWorkload<A> implements Workload {

    static final int WARMUP = 20;

    /** Retained-heap growth over the timed steps that counts as growing memory. */
    private static final double GROWTH_TOLERANCE_MB = 8;

    private final String name;
    private final int steps;
    private final int warmup;

    SviWorkload(String name, int steps) {
        this(name, steps, WARMUP);
    }

    SviWorkload(String name, int steps, int warmup) {
        this.name = name;
        this.steps = Math.max(1, (int) Math.round(steps
                * Double.parseDouble(System.getProperty("pplj.bench.stepScale", "1"))));
        this.warmup = warmup;
    }

    /** The data, drawn with a fixed seed. */
    abstract A data();

    /** The model (built once, after the data, from the same seeded generator). */
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
            StepClock clock = new StepClock();
            SVI<A> svi = SVI.of(model, guide(model), clock.optimizer(Adam.of(1e-3)), clock.elbo(elbo()));
            for (int i = 0; i < warmup; i++) {
                svi.step(data);
            }
            double retainedBefore = retainedHeapMb();
            resetPeaks();
            clock.reset();
            double[] losses = new double[steps];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                losses[i] = svi.step(data);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double peak = peakHeapBytes() / 1048576.0;
            double retainedAfter = retainedHeapMb();
            double backward = seconds - clock.forwardSeconds() - clock.optimizerSeconds();
            System.err.printf(Locale.ROOT, "%s\tpeak_heap_mb=%.1f\tretained_heap_mb=%.1f->%.1f"
                    + "\tmain_thread_cpu_steps_per_s=%.2f\tforward_ms=%.2f\tbackward_ms=%.2f\toptimizer_ms=%.2f"
                    + " (per step; %.0f/%.0f/%.0f %%)%n", name, peak, retainedBefore, retainedAfter,
                    steps / cpuSeconds, 1e3 * clock.forwardSeconds() / steps, 1e3 * backward / steps,
                    1e3 * clock.optimizerSeconds() / steps, 100 * clock.forwardSeconds() / seconds,
                    100 * backward / seconds, 100 * clock.optimizerSeconds() / seconds);
            if (retainedAfter - retainedBefore > GROWTH_TOLERANCE_MB) {
                System.err.printf(Locale.ROOT, "%s\tWARNING: the retained heap grew by %.1f MB over %d steps%n", name,
                        retainedAfter - retainedBefore, steps);
            }
            int tail = Math.max(1, steps / 10);
            double loss = 0;
            for (int i = steps - tail; i < steps; i++) {
                loss += losses[i] / tail;
            }
            return List.of(Workloads.line(name, "steps", steps, "seconds", seconds, "steps_per_s", steps / seconds,
                    "loss", loss));
        }
    }

    /**
     * The heap in use after full collections, in MB: collects until the figure stops falling (objects that cleaners
     * keep alive through one collection, and the serial collector's first accounting after a full collection, settle
     * in later ones).
     */
    private static double retainedHeapMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now > used - used / 100) {
                return Math.min(now, used) / 1048576.0;
            }
            used = now;
        }
        return used / 1048576.0;
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
