package io.pplj.causal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.infer.Importance;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counterfactual models run under ppl-inference: importance sampling agrees with the exact answer. */
@SuppressWarnings("try")
class ImportanceAgreementTest {

    @Test
    void importanceSamplingEstimatesTheProbabilityOfNecessity() {
        double p = 0.6;
        double q = 0.3;
        double r = 0.8;
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Model<Void, Void> cf = twin.wrap(Causal.intervene(Handlers.condition(FiringSquadTest.noisySquad(p, q, r),
                Map.of("a", FiringSquadTest.ONE, "dead", FiringSquadTest.ONE)), Map.of("a", 0.0)));
        double exact = ExactQuery.of(cf).run(null).probability(
                t -> twin.worlds().counterfactual(t.site("dead").value()).item() == 0.0);
        int n = 3000;
        Importance.Result result;
        try (ThreadScope seeded = Rng.use(Rng.of(12))) {
            result = Importance.fromPrior(cf, n).run(null);
        }
        double[] w = result.normalizedWeights().toDoubleArray();
        List<Trace> traces = result.traces();
        double estimate = 0;
        for (int i = 0; i < n; i++) {
            Tensor dead = twin.worlds().counterfactual(traces.get(i).site("dead").value());
            estimate += dead.item() == 0.0 ? w[i] : 0.0;
        }
        // About 70% of the draws agree with the evidence; the estimate's standard error is below 0.008, so 0.05
        // is more than six of them.
        assertTrue(result.effectiveSampleSize() > 0.6 * n, "ESS " + result.effectiveSampleSize());
        assertEquals(exact, estimate, 0.05);
        assertEquals(Math.log(p + (1 - p) * q * r), result.logEvidence(), 0.06,
                "log P(A fired, prisoner dead), within 5 standard errors");
    }
}
