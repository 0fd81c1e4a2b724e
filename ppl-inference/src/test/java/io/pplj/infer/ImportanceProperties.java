package io.pplj.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Distribution;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Locale;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Importance sampling reaches the analytic posterior and evidence of the conjugate models (generated
 * hyperparameters and data), with three proposals:
 * <ul>
 *   <li>the exact posterior (the guide of {@link Conjugate} set to it): every log weight is {@code log p(x)}, so the
 *       weights are equal and the effective sample size is the number of draws (to float32 rounding);</li>
 *   <li>an overdispersed guide (the posterior's family with the mean shifted by a quarter of a posterior sd and the
 *       sd 25% wider), {@value #GUIDE_DRAWS} draws;</li>
 *   <li>the prior, {@value #PRIOR_DRAWS} draws, for data sets where these give an effective sample size of at least
 *       {@value #MIN_PRIOR_ESS} (the prior proposal is only as good as its ESS: data from the prior's far tail leave
 *       a handful of useful draws, which is what the ESS reports).</li>
 * </ul>
 * Mean and variance must lie within five delta-method standard errors ({@link WeightedMoments}), and the log
 * evidence within five of {@code sqrt(1/ESS - 1/N)} (the delta-method error of {@code log mean(w)}) plus float32
 * rounding of the log densities.
 */
class ImportanceProperties implements ConjugateCases {

    static final int GUIDE_DRAWS = 4000;
    static final int PRIOR_DRAWS = 20_000;
    static final double MIN_PRIOR_ESS = 400;
    /** Float32 log densities of up to 21 sites: the log weights carry absolute rounding errors near 1e-5. */
    static final double LOG_DENSITY_ROUNDING = 2e-4;

    @Property(tries = 3)
    void normalNormal(@ForAll("normalNormal") Conjugate c, @ForAll long seed) {
        assertProposalsReachThePosterior(c, seed);
    }

    @Property(tries = 3)
    void betaBernoulli(@ForAll("betaBernoulli") Conjugate c, @ForAll long seed) {
        assertProposalsReachThePosterior(c, seed);
    }

    @Property(tries = 3)
    void gammaPoisson(@ForAll("gammaPoisson") Conjugate c, @ForAll long seed) {
        assertProposalsReachThePosterior(c, seed);
    }

    @Property(tries = 3)
    void gammaExponential(@ForAll("gammaExponential") Conjugate c, @ForAll long seed) {
        assertProposalsReachThePosterior(c, seed);
    }

    @SuppressWarnings("try")
    static void assertProposalsReachThePosterior(Conjugate c, long seed) {
        Tensor x = c.data(seed);
        Distribution posterior = c.posterior(x);
        double logEvidence = c.logEvidence(x);
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(seed);
            c.setGuide(store, posterior.mean().item(), posterior.variance().item());
            Importance.Result exact = Importance.of(c.model(), c.guide(true), 200).run(x);
            double[] logWeights = exact.logWeights().toDoubleArray();
            for (double lw : logWeights) {
                assertEquals(logEvidence, lw, LOG_DENSITY_ROUNDING, c + ": log weight of an exact proposal");
            }
            assertEquals(200, exact.effectiveSampleSize(), 0.01, c + ": ESS of an exact proposal");
            assertEquals(logEvidence, exact.logEvidence(), LOG_DENSITY_ROUNDING, c + ": log evidence");

            double sd = posterior.stddev().item();
            c.setGuide(store, posterior.mean().item() + 0.25 * sd, 1.5625 * sd * sd);
            assertMatches(Importance.of(c.model(), c.guide(true), GUIDE_DRAWS).run(x), posterior, logEvidence,
                    c + ", overdispersed guide");
        }
    }

    @Property(tries = 3)
    void normalNormalFromThePrior(@ForAll("normalNormal") Conjugate c, @ForAll long seed) {
        assertThePriorProposalReachesThePosterior(c, seed);
    }

    @Property(tries = 3)
    void betaBernoulliFromThePrior(@ForAll("betaBernoulli") Conjugate c, @ForAll long seed) {
        assertThePriorProposalReachesThePosterior(c, seed);
    }

    @Property(tries = 3)
    void gammaPoissonFromThePrior(@ForAll("gammaPoisson") Conjugate c, @ForAll long seed) {
        assertThePriorProposalReachesThePosterior(c, seed);
    }

    @Property(tries = 3)
    void gammaExponentialFromThePrior(@ForAll("gammaExponential") Conjugate c, @ForAll long seed) {
        assertThePriorProposalReachesThePosterior(c, seed);
    }

    static void assertThePriorProposalReachesThePosterior(Conjugate c, long seed) {
        Tensor x = c.data(seed);
        Rng.seed(seed);
        Importance.Result r = Importance.fromPrior(c.model(), PRIOR_DRAWS).run(x);
        Assume.that(r.effectiveSampleSize() >= MIN_PRIOR_ESS);
        assertMatches(r, c.posterior(x), c.logEvidence(x), c + ", prior proposal");
    }

    static void assertMatches(Importance.Result r, Distribution posterior, double logEvidence, String what) {
        double ess = r.effectiveSampleSize();
        double[] weights = r.normalizedWeights().toDoubleArray();
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        assertEquals(1.0, sum, 1e-9, what + ": normalized weights");
        WeightedMoments m = WeightedMoments.of(r.values(Conjugate.SITE).toDoubleArray(), weights);
        m.assertMatches(posterior.mean().item(), posterior.variance().item(),
                String.format(Locale.ROOT, "%s (ESS %.0f of %d)", what, ess, weights.length));
        double se = Math.sqrt(Math.max(0, 1 / ess - 1.0 / weights.length));
        String message = String.format(Locale.ROOT, "%s: log evidence %.5f (se %.5f) vs %.5f", what,
                r.logEvidence(), se, logEvidence);
        assertTrue(Math.abs(r.logEvidence() - logEvidence) <= WeightedMoments.Z * se + LOG_DENSITY_ROUNDING,
                message);
        assertTrue(WeightedMoments.Z * se <= 0.5, "too few effective draws: " + message);
    }
}
