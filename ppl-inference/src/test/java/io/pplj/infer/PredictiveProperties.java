package io.pplj.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Distribution;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Predictive's draws match the conjugate models' prior predictive and posterior predictive moments (generated
 * hyperparameters and data): the mean and variance of the latent z and of one observation, and the covariance of
 * two observations of the same draw (which shows that they share one z: given z they are independent, so their
 * covariance is {@code Var[E[x | z]]}). Each check is a z-test at five standard errors ({@link WeightedMoments})
 * over {@value #DRAWS} draws. The posterior predictive comes from a guide set to the exact posterior and from exact
 * posterior samples. The Gamma-Exponential model is left out: its predictive is a Lomax distribution whose fourth
 * moment, which the variance's standard error needs, is infinite for a prior shape up to 4.
 */
class PredictiveProperties implements ConjugateCases {

    static final int DRAWS = 10_000;

    @Property(tries = 5)
    void normalNormal(@ForAll("normalNormal") Conjugate c, @ForAll long seed) {
        assertPredictiveMatches(c, seed);
    }

    @Property(tries = 5)
    void betaBernoulli(@ForAll("betaBernoulli") Conjugate c, @ForAll long seed) {
        assertPredictiveMatches(c, seed);
    }

    @Property(tries = 5)
    void gammaPoisson(@ForAll("gammaPoisson") Conjugate c, @ForAll long seed) {
        assertPredictiveMatches(c, seed);
    }

    @SuppressWarnings("try")
    static void assertPredictiveMatches(Conjugate c, long seed) {
        Tensor x = c.data(seed);
        Distribution posterior = c.posterior(x);
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(seed);
            Map<String, Tensor> prior = Predictive.fromPrior(c.model(), DRAWS).run(x);
            assertEquals(Set.of(Conjugate.SITE, "obs"), prior.keySet());
            assertMoments(prior.get(Conjugate.SITE), c.prior(), c + ", prior predictive z");
            assertObservations(prior.get("obs"), c, c.prior(), c + ", prior predictive");

            c.setGuide(store, posterior.mean().item(), posterior.variance().item());
            Map<String, Tensor> fromGuide = Predictive.fromGuide(c.model(), c.guide(true), DRAWS).run(x);
            assertMoments(fromGuide.get(Conjugate.SITE), posterior, c + ", posterior predictive z (guide)");
            assertObservations(fromGuide.get("obs"), c, posterior, c + ", posterior predictive (guide)");

            Tensor samples = posterior.sample(Rng.of(seed), DRAWS);
            Map<String, Tensor> fromSamples = Predictive.fromSamples(c.model(), Map.of(Conjugate.SITE, samples))
                    .run(x);
            assertEquals(Set.of("obs"), fromSamples.keySet(), "the given sites are not returned");
            assertObservations(fromSamples.get("obs"), c, posterior, c + ", posterior predictive (samples)");

            Map<String, Tensor> onlyObs = Predictive.fromGuide(c.model(), c.guide(true), 5, "obs").run(x);
            assertEquals(Set.of("obs"), onlyObs.keySet(), "returnSites");
        }
    }

    static void assertMoments(Tensor draws, Distribution exact, String what) {
        assertArrayEquals(new int[] {DRAWS}, draws.shape(), what);
        WeightedMoments.of(draws.toDoubleArray()).assertMatches(exact.mean().item(), exact.variance().item(), what);
    }

    /** The first observation's mean and variance, and the covariance of the first two. */
    static void assertObservations(Tensor obs, Conjugate c, Distribution latent, String what) {
        assertArrayEquals(new int[] {DRAWS, c.n()}, obs.shape(), what);
        double[] exact = c.observationMoments(latent);
        double[] first = obs.select(1, 0).toDoubleArray();
        double[] second = obs.select(1, 1).toDoubleArray();
        WeightedMoments m = WeightedMoments.of(first);
        m.assertMatches(exact[0], exact[1], what + ", x[0]");
        double secondMean = WeightedMoments.of(second).mean();
        double[] products = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            products[i] = (first[i] - m.mean()) * (second[i] - secondMean);
        }
        WeightedMoments covariance = WeightedMoments.of(products);
        String message = String.format(Locale.ROOT, "%s: covariance of x[0] and x[1] %.5f (se %.5f) vs %.5f", what,
                covariance.mean(), covariance.meanSe(), exact[2]);
        assertTrue(Math.abs(covariance.mean() - exact[2]) <= WeightedMoments.Z * covariance.meanSe(), message);
        assertTrue(WeightedMoments.Z * covariance.meanSe() <= 0.2 * exact[1], "too few draws: " + message);
    }
}
