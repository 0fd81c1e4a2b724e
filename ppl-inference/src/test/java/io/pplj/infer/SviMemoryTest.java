package io.pplj.infer;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Normal;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * SVI keeps nothing of a step once it returns: the step's autodiff graph becomes garbage, and a long run's live heap
 * stays flat. The workload is w1 of the benchmarks (WORKLOADS.md): {@code mu ~ Normal(0, 10)}, plate "data" of 10
 * with {@code obs ~ Normal(mu, 1)}, data {@code randn(10) + 3}, AutoNormal, TraceElbo, Adam at lr 1e-3.
 *
 * <p>The heap bound is calibrated in the same JVM: the live heap that {@value #PROBE} retained scalar tensors take,
 * divided by {@value #PROBE}, is the smallest leak a step could have (one scalar tensor with its storage and shape).
 * A run's growth from its first {@value #BASELINE_STEPS} steps to its end must stay below half of what that leak
 * would add over the remaining steps, so a leak of one scalar tensor per step fails the test, and so does any larger
 * one (a leaked graph node, trace or site holds several tensors). Measured: a scalar tensor takes about 100 bytes,
 * so the bound for 20,000 steps is about 1 MB, and the growth is a few kilobytes (3.6 kB in one run: allocation
 * noise after a full collection); a model that leaks one scalar tensor per step grew by 189 kB in 2,000 steps, twice
 * its bound of 92 kB.
 */
@SuppressWarnings("try")
class SviMemoryTest {

    static final int BASELINE_STEPS = 1000;
    static final int PROBE = 20_000;

    /** w1's model. */
    static Model<Tensor, Void> w1Model() {
        return Model.of(data -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", 10)) {
                observe("obs", Normal.of(mu, 1.0), data);
            }
        });
    }

    /**
     * Records weak references to every value (except the observed data, which the caller holds) and distribution
     * that passes through the effect stack.
     */
    static final class Witness extends Messenger {
        final List<WeakReference<Object>> seen = new ArrayList<>();

        @Override
        protected void postprocess(Message msg) {
            if (!msg.isObserved()) {
                seen.add(new WeakReference<>(msg.value()));
            }
            if (msg.distribution() != null) {
                seen.add(new WeakReference<>(msg.distribution()));
            }
        }
    }

    @Test
    void aStepLeavesNoReachableGraph() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(1);
            Tensor data = Tensor.randn(10).add(3.0);
            Model<Tensor, Void> model = w1Model();
            SVI<Tensor> svi = SVI.of(model, AutoNormal.of(model), Adam.of(1e-3), new TraceElbo());
            svi.step(data); // the autoguide sets itself up on its first step
            Witness witness = new Witness();
            try (Messenger active = witness.enter()) {
                svi.step(data);
            }
            // guide: params loc and scale, sample mu (value, distribution); model: sample mu (value, distribution),
            // observe obs (distribution)
            assertTrue(witness.seen.size() >= 7, "the witness saw " + witness.seen.size() + " objects");
            assertTrue(witness.seen.stream().map(WeakReference::get)
                    .anyMatch(o -> o instanceof Tensor t && t.requiresGrad()), "the step recorded a graph");
            assertEquals(List.of(), stillReachable(witness.seen), "objects of the finished step still reachable");
        }
    }

    /** The referents left after collecting (a few rounds, as System.gc is only a request), described. */
    static List<String> stillReachable(List<WeakReference<Object>> refs) {
        List<String> alive = List.of("?");
        for (int round = 0; round < 10 && !alive.isEmpty(); round++) {
            System.gc();
            alive = refs.stream().map(WeakReference::get).filter(o -> o != null).map(String::valueOf).toList();
        }
        return alive;
    }

    /** The live heap after full collections, in bytes. */
    static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** The live heap per retained scalar tensor, in bytes. */
    static double bytesPerScalarTensor() {
        long before = liveHeap();
        List<Tensor> kept = new ArrayList<>(PROBE);
        for (int i = 0; i < PROBE; i++) {
            kept.add(Tensor.scalar(i));
        }
        long after = liveHeap();
        assertEquals(PROBE, kept.size());
        return (double) (after - before) / PROBE;
    }

    /**
     * Runs {@code steps} steps of {@code model} (w1's shape: one latent "mu", data of 10) with AutoNormal and checks
     * the heap's growth after the first {@value #BASELINE_STEPS}.
     */
    static void assertFlatHeap(Model<Tensor, Void> model, int steps) {
        double perTensor = bytesPerScalarTensor();
        assertTrue(perTensor >= 32, "a scalar tensor measured " + perTensor + " bytes");
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(2);
            Tensor data = Tensor.randn(10).add(3.0);
            SVI<Tensor> svi = SVI.of(model, AutoNormal.of(model), Adam.of(1e-3), new TraceElbo());
            for (int i = 0; i < BASELINE_STEPS; i++) {
                svi.step(data);
            }
            long baseline = liveHeap();
            for (int i = BASELINE_STEPS; i < steps; i++) {
                svi.step(data);
            }
            long end = liveHeap();
            double bound = 0.5 * perTensor * (steps - BASELINE_STEPS);
            String report = String.format(Locale.ROOT, "live heap %d B after %d steps, %d B after %d (growth %d B,"
                    + " bound %.0f B = half of one %.0f-byte scalar tensor per step)", baseline, BASELINE_STEPS,
                    end, steps, end - baseline, bound, perTensor);
            assertTrue(end - baseline < bound, report);
            assertEquals(steps, svi.steps());
        }
    }

    /** About 2 seconds on the project's 2-core machine. */
    @Test
    void twentyThousandStepsKeepTheHeapFlat() {
        assertFlatHeap(w1Model(), 20_000);
    }
}
