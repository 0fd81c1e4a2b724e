package io.pplj.causal;

import static io.pplj.runtime.Ppl.deterministic;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Causal.intervene alone and under the single-world handlers: values, traces, densities and errors. */
@SuppressWarnings("try")
class InterventionTest {

    /** x ~ N(0, 1) and y ~ N(x, 0.1) for 3 units; returns y. */
    static final Model<Void, Tensor> MODEL = in -> {
        try (Plate units = plate("units", 3)) {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            return sample("y", Normal.of(x, Tensor.scalar(0.1)));
        }
    };

    @Test
    void aValueReplacesTheSiteForEverythingDownstream() {
        Trace t = Handlers.trace(Handlers.seed(Causal.intervene(MODEL, Map.of("x", 5.0)), 1)).getTrace(null);
        assertArrayEquals(new double[] {5, 5, 5}, t.site("x").value().toDoubleArray(), "broadcast to the site");
        assertTrue(t.site("y").value().sub(5.0).abs().max().item() < 1.0, "y follows the intervened x");
        assertEquals(Boolean.TRUE, t.site("x").infer().get(Causal.INTERVENED));
        assertEquals(0.0, t.site("x").logProbSum().item(), "the mutilated model has no factor for x");
        assertFalse(t.site("y").infer().containsKey(Causal.INTERVENED));
    }

    @Test
    void actionsMayBeFunctionsOfTheWouldBeValue() {
        Trace plain = Handlers.trace(Handlers.seed(MODEL, 3)).getTrace(null);
        UnaryOperator<Tensor> shift = v -> v.add(10.0);
        for (Object action : new Object[] {Intervention.of(v -> v.add(10.0)), shift}) {
            Trace t = Handlers.trace(Handlers.seed(Causal.intervene(MODEL, Map.of("x", action)), 3)).getTrace(null);
            assertTrue(t.site("x").value().allClose(plain.site("x").value().add(10.0), 0, 1e-6));
            assertEquals(Normal.of(0.0, 1.0).logProb(plain.site("x").value()).sum().item(),
                    t.site("x" + Causal.WOULD_BE_SUFFIX).logProbSum().item(), 1e-5,
                    "a soft intervention keeps the factor of the would-be draw");
        }
        Trace tensor = Handlers.trace(Causal.intervene(MODEL, Map.of("x", Tensor.of(1.0, 2.0, 3.0))))
                .getTrace(null);
        assertArrayEquals(new double[] {1, 2, 3}, tensor.site("x").value().toDoubleArray());
    }

    @Test
    void softInterventionsAreEnumeratedWithTheirWouldBeFactor() {
        Model<Void, Void> coin = Model.of(in -> sample("x", Bernoulli.ofProbs(0.3)));
        ExactPosterior flipped = ExactQuery.of(Causal.intervene(coin, Map.of("x",
                Intervention.of(x -> x.rsub(1.0))))).run(null);
        assertEquals(0.7, flipped.probability(t -> t.site("x").value().item() == 1.0), 1e-6);
        ExactPosterior set = ExactQuery.of(Causal.intervene(coin, Map.of("x", 1.0))).run(null);
        assertEquals(1, set.size(), "a constant needs no enumeration");
    }

    @Test
    void theMessengerFormIsAScope() {
        Trace t;
        try (Messenger m = InterventionMessenger.of(Map.of("y", 0.0)).enter()) {
            t = Handlers.trace(MODEL).getTrace(null);
        }
        assertArrayEquals(new double[] {0, 0, 0}, t.site("y").value().toDoubleArray());
    }

    @Test
    void interveningOnAnObservedSiteAloneIsAnError() {
        Model<Void, Tensor> observed = Handlers.condition(MODEL, Map.of("x", Tensor.zeros(3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Causal.intervene(observed, Map.of("x", 1.0)).run(null));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("observed")
                && e.getMessage().contains("TwinWorldCounterfactual"), e.getMessage());
    }

    @Test
    void aSiteThatNeverRunsIsReportedAfterTheRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Causal.intervene(MODEL, Map.of("x", 1.0, "z", 2.0)).run(null));
        assertTrue(e.getMessage().contains("[z]") && e.getMessage().contains("[x, y]"), e.getMessage());
    }

    @Test
    void aWronglyShapedValueNamesTheSitePlateAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Causal.intervene(MODEL, Map.of("x", Tensor.zeros(4))).run(null));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("plate 'units'")
                && e.getMessage().contains("[4]") && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void unsupportedActionsAreRejectedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Causal.intervene(MODEL, Map.of("x", "five")));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("java.lang.String"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Causal.intervene(MODEL, Map.of("x", (UnaryOperator<Object>) v -> "no")).run(null));
        assertTrue(f.getMessage().contains("returned a java.lang.String"), f.getMessage());
    }

    @Test
    void singleWorldHandlers() {
        Model<Void, Tensor> observed = Causal.intervene(Handlers.condition(MODEL, Map.of("x", Tensor.zeros(3))),
                Map.of("x", 1.0));
        Trace cf = Handlers.trace(SingleWorldCounterfactual.of().wrap(observed)).getTrace(null);
        assertArrayEquals(new double[] {1, 1, 1}, cf.site("x").value().toDoubleArray(),
                "the counterfactual world replaces the observation");
        assertEquals(0.0, cf.site("x").logProbSum().item());
        Trace factual = Handlers.trace(SingleWorldFactual.of().wrap(observed)).getTrace(null);
        assertArrayEquals(new double[] {0, 0, 0}, factual.site("x").value().toDoubleArray(),
                "the factual world ignores the intervention");
        assertEquals(3 * Normal.of(0.0, 1.0).logProb(Tensor.scalar(0.0)).item(),
                factual.site("x").logProbSum().item(), 1e-5);
    }

    @Test
    void interventionAndConditionCommuteOnLatentSites() {
        Map<String, Tensor> data = Map.of("y", Tensor.of(0.5, 1.0, 1.5));
        Trace a = Handlers.trace(Handlers.seed(Causal.intervene(Handlers.condition(MODEL, data),
                Map.of("x", 1.0)), 4)).getTrace(null);
        Trace b = Handlers.trace(Handlers.seed(Handlers.condition(Causal.intervene(MODEL, Map.of("x", 1.0)),
                data), 4)).getTrace(null);
        assertEquals(a.logProbSum().item(), b.logProbSum().item());
        assertEquals(3 * 0.0 + Normal.of(Tensor.scalar(1.0), Tensor.scalar(0.1)).logProb(data.get("y")).sum()
                .item(), a.logProbSum().item(), 1e-4);
    }

    @Test
    void deterministicRecordsCanBeIntervenedOn() {
        Model<Void, Tensor> model = in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            Tensor c = deterministic("c", x.mul(2.0));
            return sample("y", Normal.of(c, Tensor.scalar(0.01)));
        };
        Trace t = Handlers.trace(Causal.intervene(model, Map.of("c", 5.0))).getTrace(null);
        assertEquals(5.0, t.site("c").value().item());
        assertEquals(5.0, t.site("y").value().item(), 0.1);
    }

    @Test
    void observingThroughObserveCountsAsObserved() {
        Model<Void, Void> m = Model.of(in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            observe("y", Normal.of(x, Tensor.scalar(1.0)), Tensor.scalar(2.0));
        });
        assertThrows(IllegalArgumentException.class, () -> Causal.intervene(m, Map.of("y", 0.0)).run(null));
    }
}
