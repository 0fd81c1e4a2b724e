package io.pplj.runtime;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Categorical;
import io.pplj.dist.Normal;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The two tracking modes: draws keep their pathwise graph, or every site value is a fresh leaf. */
@SuppressWarnings("try")
class DependencyTrackingTest {

    static final Model<Void, Void> CHAIN = Model.of(in -> {
        Tensor a = sample("a", Normal.of(0.0, 1.0));
        Tensor b = sample("b", Normal.of(a, Tensor.scalar(1.0)));
        Tensor c = observe("c", Normal.of(b, Tensor.scalar(1.0)), Tensor.scalar(0.5));
        sample("d", Normal.of(c.mul(2.0), Tensor.scalar(1.0)));
        sample("k", Categorical.ofProbs(Tensor.of(0.5, 0.5)));
    });

    private static boolean[] reaches(Trace t, String site, String... inputs) {
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = t.site(inputs[i]).value();
        }
        return Grad.reaches(t.site(site).logProb(), values);
    }

    @Test
    void ofSitesCutsPathsThroughValues() {
        Trace t;
        try (Messenger m = DependencyTracking.ofSites().enter()) {
            t = Handlers.trace(CHAIN).getTrace(null);
        }
        assertArrayEquals(new boolean[] {false, true}, reaches(t, "c", "a", "b"));
        assertArrayEquals(new boolean[] {true, false, false}, reaches(t, "d", "c", "a", "b"),
                "observed values are tracked too");
        assertFalse(t.site("k").value().requiresGrad(), "integer values cannot be tracked");
    }

    @Test
    void ofSitesLetsDependenciesPassThroughDeterministicRecords() {
        Model<Void, Void> model = Model.of(in -> {
            Tensor a = sample("a", Normal.of(0.0, 1.0));
            Tensor twice = sample("twice", Normal.of(a.mul(2.0), Tensor.scalar(1.0)),
                    java.util.Map.of(DependencyTracking.DETERMINISTIC, Boolean.TRUE));
            sample("c", Normal.of(twice, Tensor.scalar(1.0)));
        });
        Trace t;
        try (Messenger m = DependencyTracking.ofSites().enter()) {
            t = Handlers.trace(model).getTrace(null);
        }
        assertArrayEquals(new boolean[] {true, true}, reaches(t, "c", "a", "twice"));
    }

    @Test
    void ofDrawsKeepsPathwiseGraphs() {
        Trace t;
        try (Messenger m = DependencyTracking.ofDraws().enter()) {
            t = Handlers.trace(CHAIN).getTrace(null);
        }
        assertTrue(reaches(t, "c", "a")[0], "c depends on a through b's reparameterized draw");
        assertFalse(t.site("c").value().requiresGrad(), "observed values are left alone");
    }
}
