package io.pplj.causal;

import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Delta;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pearl's firing squad (Causality, ch. 7): a court order U makes the captain C signal, riflemen A and B shoot on the
 * signal, and the prisoner D dies if either shoots. Mechanisms are point masses; the exogenous noise is explicit.
 */
class FiringSquadTest {

    static final Tensor ONE = Tensor.scalar(1.0);
    static final Tensor ZERO = Tensor.scalar(0.0);

    /** The deterministic squad: U ~ Bernoulli(p), C = U, A = C, B = C, D = A or B. */
    static Model<Void, Void> squad(double pOrder) {
        return Model.of(in -> {
            Tensor u = sample("order", Bernoulli.ofProbs(pOrder));
            Tensor c = sample("captain", Delta.of(u));
            Tensor a = sample("a", Delta.of(c));
            Tensor b = sample("b", Delta.of(c));
            sample("dead", Delta.of(a.maximum(b)));
        });
    }

    /**
     * The noisy squad: A also fires when nervous (W ~ Bernoulli(q)), and A's shot is lethal only when L ~
     * Bernoulli(r): A = C or W, B = C, D = (A and L) or B.
     */
    static Model<Void, Void> noisySquad(double p, double q, double r) {
        return Model.of(in -> {
            Tensor u = sample("order", Bernoulli.ofProbs(p));
            Tensor w = sample("nervous", Bernoulli.ofProbs(q));
            Tensor lethal = sample("lethal", Bernoulli.ofProbs(r));
            Tensor c = sample("captain", Delta.of(u));
            Tensor a = sample("a", Delta.of(c.maximum(w)));
            Tensor b = sample("b", Delta.of(c));
            sample("dead", Delta.of(a.mul(lethal).maximum(b)));
        });
    }

    /** P(dead in the counterfactual world = {@code outcome}) under a twin world with A set to {@code aCf}. */
    static double counterfactual(Model<Void, Void> model, Map<String, Tensor> evidence, double aCf, double outcome) {
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        ExactPosterior post = ExactQuery.of(twin.wrap(Causal.intervene(Handlers.condition(model, evidence),
                Map.of("a", aCf)))).run(null);
        return post.probability(t -> twin.worlds().counterfactual(t.site("dead").value()).item() == outcome);
    }

    @Test
    void hadANotFiredThePrisonerWouldStillBeDead() {
        assertEquals(1.0, counterfactual(squad(0.7), Map.of("dead", ONE), 0.0, 1.0), 1e-12);
    }

    @Test
    void probabilityOfNecessityOnTheNoisySquad() {
        double p = 0.6;
        double q = 0.3;
        double r = 0.8;
        // D_{A=0} = B = U; given A = 1 and D = 1, U = 1 has weight p and (U = 0, W = 1, L = 1) has (1-p) q r.
        double pn = (1 - p) * q * r / (p + (1 - p) * q * r);
        assertEquals(pn, counterfactual(noisySquad(p, q, r), Map.of("a", ONE, "dead", ONE), 0.0, 0.0), 1e-6);
    }

    @Test
    void probabilityOfSufficiencyOnTheNoisySquad() {
        double p = 0.6;
        double q = 0.3;
        double r = 0.8;
        // A = 0 and D = 0 force U = W = 0, so D_{A=1} = L, which the evidence leaves at its prior r.
        assertEquals(r, counterfactual(noisySquad(p, q, r), Map.of("a", ZERO, "dead", ZERO), 1.0, 1.0), 1e-6);
    }

    @Test
    void associationAndInterventionOnTheSquad() {
        ExactPosterior seen = ExactQuery.of(Handlers.condition(squad(0.7), Map.of("a", ZERO))).run(null);
        assertEquals(0.0, seen.probability(t -> t.site("b").value().item() == 1.0), 1e-12,
                "seeing A hold fire means B held fire too");
        ExactPosterior done = ExactQuery.of(Causal.intervene(squad(0.7), Map.of("a", 0.0))).run(null);
        assertEquals(0.7, done.probability(t -> t.site("dead").value().item() == 1.0), 1e-6,
                "stopping A leaves B to the court order");
    }
}
