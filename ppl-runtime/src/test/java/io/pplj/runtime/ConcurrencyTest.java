package io.pplj.runtime;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static io.pplj.runtime.TraceAssertions.assertSameTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.ExpTransform;
import io.pplj.dist.Normal;
import io.pplj.dist.Poisson;
import io.pplj.dist.TransformedDistribution;
import io.pplj.tensor.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No static mutable state outside the per-thread stack and default store: models with different plates and params
 * run concurrently in two threads without interference, one wrapped model can be shared by threads, and the
 * package's classes hold no other static state.
 */
@SuppressWarnings("try")
class ConcurrencyTest {

    private static final int RUNS = 150;

    /** Rows on an explicit dim -2, subsampled, with a positive param. */
    static final Model<Void, Void> ROWS = Model.of(x -> {
        Tensor scale = param("rowScale", () -> Tensor.scalar(0.7), Constraint.positive());
        Tensor mu = sample("mu", Normal.of(0.0, 1.0));
        try (Plate rows = plate("rows", 6, 4, -2)) {
            Tensor z = sample("z", Normal.of(mu, scale));
            observe("x", Normal.of(z, 1.0), rows.subsample(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 6, 1)));
        }
    });

    /** Items on dim -1 with a nested plate on dim -2, and a param of another name. */
    static final Model<Void, Void> ITEMS = Model.of(x -> {
        Tensor rate = param("rate", () -> Tensor.of(1.0, 2.0, 3.0), Constraint.positive());
        try (Plate items = plate("items", 3); Plate reps = plate("reps", 2)) {
            Tensor k = sample("k", Poisson.of(rate));
            observe("y", Normal.of(k, 1.0), Tensor.zeros(2, 3));
        }
    });

    /** Each thread runs its model under seeds 0..RUNS-1 in its own store, checking each trace against a reference. */
    @Test
    void twoModelsInTwoThreadsDoNotInterfere() throws Exception {
        List<Model<Void, Void>> models = List.of(ROWS, ITEMS);
        List<Set<String>> params = List.of(Set.of("rowScale"), Set.of("rate"));
        List<List<Trace>> reference = new ArrayList<>();
        for (Model<Void, Void> m : models) {
            try (ParamStore store = ParamStore.open()) {
                reference.add(traces(m, RUNS));
            }
        }
        runConcurrently(2, t -> () -> {
            try (ParamStore store = ParamStore.open()) {
                for (int i = 0; i < RUNS; i++) {
                    Trace tr = Handlers.trace(Handlers.seed(models.get(t), i)).getTrace(null);
                    assertSameTrace(reference.get(t).get(i), tr, "thread " + t + " run " + i);
                    assertEquals(params.get(t), store.names());
                    assertTrue(EffectStack.current().isEmpty());
                }
            }
        });
    }

    private static List<Trace> traces(Model<Void, Void> m, int n) {
        List<Trace> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Handlers.trace(Handlers.seed(m, i)).getTrace(null));
        }
        return out;
    }

    /** One model object wrapped in stateful handlers (seed, lift, scale, block), run by two threads at once. */
    @Test
    void oneWrappedModelIsSafeToShareBetweenThreads() throws Exception {
        Model<Void, Void> shared = Handlers.seed(Handlers.scale(Handlers.lift(Handlers.blockHide(ROWS, "x"),
                Map.of("rowScale", TransformedDistribution.of(Normal.of(0.0, 0.2), ExpTransform.of()))), 2.0), 42);
        Trace reference = Handlers.trace(shared).getTrace(null);
        assertEquals(List.of("rowScale", "mu", "rows", "z"), reference.names());
        runConcurrently(2, t -> () -> {
            for (int i = 0; i < RUNS; i++) {
                assertSameTrace(reference, Handlers.trace(shared).getTrace(null), "thread " + t + " run " + i);
                assertTrue(EffectStack.current().isEmpty());
            }
        });
    }

    /** Starts {@code n} threads together on {@code body.apply(threadIndex)} and rethrows the first failure. */
    private static void runConcurrently(int n, IntFunction<Runnable> body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Runnable r = body.apply(t);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    r.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread failed: " + failure.get(), failure.get());
        }
    }

    /** The only static fields of io.pplj.runtime are constants, and the per-thread holders. */
    @Test
    void theRuntimeHasNoOtherStaticMutableState() throws ClassNotFoundException, URISyntaxException,
            java.io.IOException {
        Path root = Path.of(Ppl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = root.resolve("io/pplj/runtime");
        List<String> offending = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString();
                Class<?> c = Class.forName("io.pplj.runtime." + name.substring(0, name.length() - 6));
                classes++;
                for (Field field : c.getDeclaredFields()) {
                    int mod = field.getModifiers();
                    if (!Modifier.isStatic(mod) || field.isSynthetic() || field.isEnumConstant()) {
                        continue;
                    }
                    Class<?> type = field.getType();
                    boolean constant = Modifier.isFinal(mod) && (type.isPrimitive() || type == String.class
                            || type == Pattern.class || type == io.pplj.tensor.PerThread.class
                            // read-only after construction, and thread-safe
                            || type == com.fasterxml.jackson.databind.ObjectMapper.class
                            // ParamFile.MAGIC: private, never written
                            || (type == byte[].class && Modifier.isPrivate(mod)));
                    if (!constant) {
                        offending.add(c.getName() + "." + field.getName() + " (" + type.getSimpleName() + ")");
                    }
                }
            }
        }
        assertTrue(classes > 20, "found the package's classes: " + classes);
        assertEquals(List.of(), offending);
    }
}
