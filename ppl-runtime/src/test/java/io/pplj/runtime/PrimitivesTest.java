package io.pplj.runtime;

import static io.pplj.runtime.Ppl.deterministic;
import static io.pplj.runtime.Ppl.factor;
import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.Normal;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The primitives of {@link Ppl} with and without handlers: sample, observe, param, factor, deterministic, module. */
@SuppressWarnings("try")
class PrimitivesTest {

    @Test
    void sampleDrawsFromTheThreadsGeneratorAndKeepsGradients() {
        Tensor loc = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor a;
        Tensor b;
        try (ThreadScope s = Rng.use(Rng.of(3))) {
            a = sample("z", Normal.of(loc, 0.5));
        }
        try (ThreadScope s = Rng.use(Rng.of(3))) {
            b = sample("z", Normal.of(loc, 0.5));
        }
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
        assertTrue(a.requiresGrad(), "a reparameterized draw depends on its parameters");
        a.sum().backward();
        assertArrayEquals(new double[] {1, 1}, loc.grad().toDoubleArray());
    }

    @Test
    void observeReturnsItsData() {
        Tensor data = Tensor.of(1.0, 2.0);
        assertSame(data, observe("x", Normal.of(0.0, 1.0), data));
    }

    @Test
    void paramInitializesLazilyOnceAndStoresTheUnconstrainedValue() {
        AtomicInteger calls = new AtomicInteger();
        try (ParamStore store = ParamStore.open()) {
            for (int i = 0; i < 3; i++) {
                Tensor s = param("s", () -> {
                    calls.incrementAndGet();
                    return Tensor.of(2.0, 0.5);
                }, Constraint.positive());
                assertArrayEquals(new double[] {2.0, 0.5}, s.toDoubleArray(), 1e-6);
            }
            assertEquals(1, calls.get(), "the initializer runs once");
            assertArrayEquals(new double[] {Math.log(2.0), Math.log(0.5)},
                    store.unconstrained("s").toDoubleArray(), 1e-6);
            param("s").sum().backward();
            assertArrayEquals(new double[] {2.0, 0.5}, store.unconstrained("s").grad().toDoubleArray(), 1e-6,
                    "d exp(u) / du flows to the unconstrained leaf");
        }
    }

    @Test
    void factorAddsItsWeightBroadcastOverThePlates() {
        Model<Void, Void> m = Model.of(x -> {
            factor("global", Tensor.scalar(-1.5));
            try (Plate p = plate("data", 3)) {
                factor("each", Tensor.scalar(-0.5));
                factor("own", Tensor.of(-1.0, -2.0, -3.0));
            }
        });
        Trace t = Handlers.trace(m).getTrace(null);
        assertEquals(-1.5 - 3 * 0.5 - 6.0, t.logProbSum().item(), 1e-6);
        assertTrue(t.site("each").isObserved());
        assertArrayEquals(new int[] {3}, t.site("each").logProb().shape());
    }

    @Test
    void deterministicRecordsAValueWithoutChangingTheDensity() {
        Model<Void, Void> m = Model.of(x -> {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            assertSame(z, deterministic("z2", z));
            try (Plate p = plate("data", 3)) {
                Tensor w = sample("w", Normal.of(0.0, 1.0));
                deterministic("w2", w.mul(2.0), 0);
                deterministic("pair", Tensor.of(1.0, 2.0));
            }
        });
        Trace t = Handlers.trace(Handlers.seed(m, 1)).getTrace(null);
        for (String name : List.of("z2", "w2", "pair")) {
            Site d = t.site(name);
            assertTrue(d.isObserved(), name);
            assertEquals(Boolean.TRUE, d.infer().get("_deterministic"), name);
            assertEquals(0.0, d.logProb().abs().sum().item(), name);
        }
        assertArrayEquals(new int[] {3}, t.site("w2").distribution().batchShape());
        assertArrayEquals(new int[] {3}, t.site("pair").distribution().batchShape(), "plates broadcast the batch");
        assertArrayEquals(new int[] {2}, t.site("pair").distribution().eventShape());
        double withoutDeterministic = t.site("z").logProbSum().item() + t.site("w").logProbSum().item();
        assertEquals(withoutDeterministic, t.logProbSum().item(), 1e-6);
        Trace free = Handlers.trace(Handlers.uncondition(Handlers.seed(m, 1))).getTrace(null);
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, free.site("pair").value().toDoubleArray(),
                "unconditioned, the point mass draws its value");
    }

    /** A module with two named parameters. */
    private static final class TwoWeights implements ParameterHolder {
        Map<String, Tensor> params = new LinkedHashMap<>();

        TwoWeights(double w, double b) {
            params.put("weight", Tensor.of(w, w));
            params.put("bias", Tensor.scalar(b));
        }

        @Override
        public Map<String, Tensor> parameters() {
            return params;
        }

        @Override
        public void loadParameters(Map<String, Tensor> values) {
            params = new LinkedHashMap<>(values);
        }
    }

    @Test
    void moduleRegistersItsParametersUnderItsName() {
        try (ParamStore store = ParamStore.open()) {
            TwoWeights first = module("enc", new TwoWeights(1.0, 2.0));
            assertEquals(List.of("enc$$$weight", "enc$$$bias"), List.copyOf(store.names()));
            assertArrayEquals(new double[] {1, 1}, first.params.get("weight").toDoubleArray());
            // a second module of the same name takes the trained values from the store
            store.setUnconstrained("enc$$$bias", Tensor.scalar(7.0));
            TwoWeights second = module("enc", new TwoWeights(0.0, 0.0));
            assertEquals(7.0, second.params.get("bias").item());
            assertArrayEquals(new double[] {1, 1}, second.params.get("weight").toDoubleArray());
            second.params.get("bias").mul(3.0).backward();
            assertNotNull(store.unconstrained("enc$$$bias").grad(), "the module's parameter is the store's leaf");
            Trace t = Handlers.trace(Model.of(x -> module("enc", new TwoWeights(0.0, 0.0)))).getTrace(null);
            assertEquals(List.of("enc$$$weight", "enc$$$bias"), t.names());
            assertTrue(t.paramSites().size() == 2);
        }
    }

    @Test
    void modelOfReturnsNothing() {
        assertNull(Model.<String>of(s -> { }).run("x"));
    }
}
