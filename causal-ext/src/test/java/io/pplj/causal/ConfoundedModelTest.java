package io.pplj.causal;

import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Z -> X, Z -> Y, X -> Y: intervening is not conditioning, and the backdoor formula over Z recovers do(X). */
class ConfoundedModelTest {

    static final Model<Void, Void> MODEL = Model.of(in -> {
        Tensor z = sample("z", Bernoulli.ofProbs(0.3));
        Tensor x = sample("x", Bernoulli.ofProbs(z.mul(0.6).add(0.2)));
        sample("y", Bernoulli.ofProbs(x.mul(0.3).add(z.mul(0.5)).add(0.1)));
    });

    static double pY1(ExactPosterior p) {
        return p.probability(t -> t.site("y").value().item() == 1.0);
    }

    @Test
    void interventionEqualsBackdoorAdjustmentAndDiffersFromConditioning() {
        CausalGraph graph = CausalGraph.fromModel(MODEL, null);
        assertEquals(CausalGraph.of("z -> x", "z -> y", "x -> y"), graph);
        List<Set<String>> sets = graph.backdoorAdjustmentSets("x", "y");
        assertEquals(List.of(Set.of("z")), sets);

        for (double x : new double[] {0.0, 1.0}) {
            double doX = pY1(ExactQuery.of(Causal.intervene(MODEL, Map.of("x", x))).run(null));
            ExactPosterior prior = ExactQuery.of(MODEL).run(null);
            double adjusted = 0;
            for (double z : new double[] {0.0, 1.0}) {
                double pz = prior.probability(t -> t.site("z").value().item() == z);
                double pyGivenXz = pY1(ExactQuery.of(Handlers.condition(MODEL, Map.of("x", Tensor.scalar(x), "z",
                        Tensor.scalar(z)))).run(null));
                adjusted += pyGivenXz * pz;
            }
            assertEquals(adjusted, doX, 1e-6, "backdoor adjustment over " + sets.get(0));
            assertEquals(0.1 + 0.3 * x + 0.5 * 0.3, doX, 1e-6, "by hand: sum_z P(y | x, z) P(z)");
            double seen = pY1(ExactQuery.of(Handlers.condition(MODEL, Map.of("x", Tensor.scalar(x)))).run(null));
            double pz1 = x == 1.0 ? 0.3 * 0.8 / (0.3 * 0.8 + 0.7 * 0.2) : 0.3 * 0.2 / (0.3 * 0.2 + 0.7 * 0.8);
            assertEquals(0.1 + 0.3 * x + 0.5 * pz1, seen, 1e-6, "P(y | x) weighs z by its posterior");
            assertTrue(Math.abs(seen - doX) > 0.05, "conditioning on x is not intervening on it");
        }
    }
}
