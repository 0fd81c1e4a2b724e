package io.pplj.runtime;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.Normal;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A first end-to-end run of the runtime: trace, replay, condition, plates, params. */
@SuppressWarnings("try")
class RuntimeSmokeTest {

    static final Model<Tensor, Void> MODEL = Model.of(data -> {
        Tensor mu = sample("mu", Normal.of(0.0, 10.0));
        try (Plate p = plate("data", data.size(0))) {
            observe("obs", Normal.of(mu, 1.0), data);
        }
    });

    @Test
    void traceRecordsSitesAndLogJoint() {
        Tensor data = Tensor.of(1.0, 2.0, 3.0);
        Trace tr = Handlers.trace(MODEL).getTrace(data);
        assertEquals(java.util.List.of("mu", "obs"), tr.names());
        Site obs = tr.site("obs");
        assertArrayEquals(new int[] {3}, obs.distribution().batchShape());
        assertEquals(-1, obs.frames().get(0).dim());
        double mu = tr.site("mu").value().item();
        double expected = Normal.of(0, 10).logProb(Tensor.scalar(mu)).item()
                + Normal.of(mu, 1).logProb(data).sum().item();
        assertEquals(expected, tr.logProbSum().item(), 1e-4);
        assertTrue(tr.toString().contains("obs"));
    }

    @Test
    void replayReusesValuesAndConditionObserves() {
        Tensor data = Tensor.of(1.0, 2.0);
        Trace first = Handlers.trace(MODEL).getTrace(data);
        Trace replayed = Handlers.trace(Handlers.replay(MODEL, first)).getTrace(data);
        assertEquals(first.site("mu").value().item(), replayed.site("mu").value().item());
        Trace cond = Handlers.trace(Handlers.condition(MODEL, Map.of("mu", Tensor.scalar(0.5)))).getTrace(data);
        assertTrue(cond.site("mu").isObserved());
        assertEquals(0.5, cond.site("mu").value().item());
    }

    @Test
    void paramsLiveInTheScopedStore() {
        try (ParamStore store = ParamStore.open()) {
            Tensor s = param("scale", () -> Tensor.scalar(2.0), Constraint.positive());
            assertEquals(2.0, s.item(), 1e-6);
            assertEquals(Math.log(2.0), store.unconstrained("scale").item(), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> param("scale", () -> Tensor.scalar(1.0),
                    Constraint.real()));
        }
        assertTrue(!ParamStore.current().contains("scale"));
    }

    @Test
    void plateShapeErrorsNameSitePlateAndShapes() {
        Model<Tensor, Void> bad = Model.of(data -> {
            try (Plate p = plate("data", 10)) {
                observe("obs", Normal.of(Tensor.zeros(12), 1.0), Tensor.zeros(12));
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.run(null));
        assertTrue(e.getMessage().contains("'obs'") && e.getMessage().contains("'data'")
                && e.getMessage().contains("[12]"), e.getMessage());
    }

    @Test
    void subsampledPlateScales() {
        Model<Tensor, Void> m = Model.of(data -> {
            try (Plate p = plate("data", 100, 10)) {
                observe("obs", Normal.of(0.0, 1.0), p.subsample(data));
            }
        });
        Trace tr = Handlers.trace(m).getTrace(Tensor.zeros(DType.FLOAT32, 100));
        assertEquals(10.0, tr.site("obs").scale());
        assertEquals(100 * Normal.of(0, 1).logProb(Tensor.scalar(0.0)).item(), tr.logProbSum().item(), 1e-3);
        assertTrue(tr.contains("data"));
    }
}
