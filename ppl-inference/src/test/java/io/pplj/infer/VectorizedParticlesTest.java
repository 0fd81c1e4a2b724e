package io.pplj.infer;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Distribution;
import io.pplj.dist.KL;
import io.pplj.dist.Normal;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Trace;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Vectorized particles ({@code vectorizeParticles()}) against the sequential estimators and the analytic gradient of
 * {@link GradientEstimatorTest}'s two-site Gaussian model, SVI on Normal–Normal, and the error for models that do not
 * broadcast against a particle dimension. Statistical checks use {@link GradientEstimatorTest}'s {@code Z = 5}
 * standard errors (fixed seeds).
 */
@SuppressWarnings("try")
class VectorizedParticlesTest {

    private static final int PARTICLES = 4;

    @Test
    void theLossIsTheMeanOfThePerParticleElbos() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(5);
            Model<Tensor, Void> model = GradientEstimatorTest.model(1.0);
            ElboEstimate e = new TraceElbo(PARTICLES).vectorizeParticles()
                    .estimate(model, GradientEstimatorTest.guide(true), GradientEstimatorTest.DATA);
            assertEquals(1, e.guideTraces().size());
            Trace guide = e.guideTraces().get(0);
            // The data plate takes dim -1, so the particle plate is at dim -2 and global sites have shape [4, 1].
            assertArrayEquals(new int[] {PARTICLES, 1}, guide.site("z1").value().shape());
            double[] z1 = guide.site("z1").value().toDoubleArray();
            double[] z2 = guide.site("z2").value().toDoubleArray();
            double m1 = store.get("m1").item();
            double m2 = store.get("m2").item();
            double s1 = store.get("s1").item();
            double s2 = store.get("s2").item();
            double mean = 0;
            for (int p = 0; p < PARTICLES; p++) {
                double elbo = logNormal(z1[p], 0, 1) + logNormal(z2[p], z1[p], 1)
                        - logNormal(z1[p], m1, s1) - logNormal(z2[p], m2, s2);
                for (double x : GradientEstimatorTest.DATA.toDoubleArray()) {
                    elbo += logNormal(x, z2[p], GradientEstimatorTest.SIGMA);
                }
                mean += elbo / PARTICLES;
            }
            assertEquals(-mean, e.loss(), 1e-9);
            assertEquals(-mean, e.surrogateLoss().item(), 1e-9);
        }
    }

    private static double logNormal(double x, double loc, double scale) {
        double u = (x - loc) / scale;
        return -0.5 * u * u - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }

    @Test
    void vectorizedAndSequentialEstimatorsHaveTheSameExpectation() {
        Conjugate c = Conjugate.normalNormal(0.5, 2.0, 1.0, 5);
        Tensor x = c.data(3);
        Model<Tensor, Void> guide = c.guide(true);
        LossAndGradient sequential = LossAndGradient.of(new TraceElbo(PARTICLES), c.model(), guide, x, 1000, 31);
        LossAndGradient vectorized = LossAndGradient.of(new TraceElbo(PARTICLES).vectorizeParticles(), c.model(),
                guide, x, 1000, 32);
        for (int i = 0; i < sequential.mean.length; i++) {
            double se = Math.hypot(sequential.standardError(i), vectorized.standardError(i));
            String message = String.format(Locale.ROOT, "coordinate %d (loss, d/dq.first, d/dq.second): sequential"
                    + " %.4f, vectorized %.4f, se %.4f", i, sequential.mean[i], vectorized.mean[i], se);
            assertTrue(Math.abs(sequential.mean[i] - vectorized.mean[i]) <= GradientEstimatorTest.Z * se, message);
            assertTrue(se < 0.05 * Math.max(1, Math.abs(sequential.mean[i])), "too few draws: " + message);
        }
    }

    /** Means and standard deviations of the loss and of the loss's gradient in (q.first, q.second). */
    private record LossAndGradient(double[] mean, double[] sd, int n) {

        double standardError(int i) {
            return sd[i] / Math.sqrt(n);
        }

        static LossAndGradient of(Elbo elbo, Model<Tensor, Void> model, Model<Tensor, Void> guide, Tensor x, int n,
                                  long seed) {
            double[] sum = new double[3];
            double[] sumSq = new double[3];
            try (ParamStore store = ParamStore.open()) {
                Rng.seed(seed);
                for (int k = 0; k < n; k++) {
                    ElboEstimate e = elbo.estimate(model, guide, x);
                    Tensor[] g = Grad.of(e.surrogateLoss(), store.unconstrained("q.first"),
                            store.unconstrained("q.second"));
                    double[] v = {e.loss(), g[0].item(), g[1].item()};
                    for (int i = 0; i < v.length; i++) {
                        sum[i] += v[i];
                        sumSq[i] += v[i] * v[i];
                    }
                }
            }
            double[] mean = new double[3];
            double[] sd = new double[3];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = sum[i] / n;
                sd[i] = Math.sqrt(Math.max(0, sumSq[i] / n - mean[i] * mean[i]) * n / (n - 1));
            }
            return new LossAndGradient(mean, sd, n);
        }
    }

    @Test
    void vectorizedPathwiseEstimatesAverageToTheAnalyticGradient() {
        double[] expected = GradientEstimatorTest.analyticGradient(1.0);
        Model<Tensor, Void> model = GradientEstimatorTest.model(1.0);
        Model<Tensor, Void> guide = GradientEstimatorTest.guide(true);
        GradientEstimatorTest.assertUnbiased(GradientEstimatorTest.estimates(
                new TraceElbo(PARTICLES).vectorizeParticles(), model, guide, 500, 41), expected, "TraceElbo");
        GradientEstimatorTest.assertUnbiased(GradientEstimatorTest.estimates(
                new TraceMeanFieldElbo(PARTICLES).vectorizeParticles(), model, guide, 500, 42), expected,
                "TraceMeanFieldElbo");
    }

    @Test
    void vectorizedScoreFunctionEstimatesInADataPlateAverageToTheAnalyticGradient() {
        double[] expected = GradientEstimatorTest.analyticGradient(1.0);
        Model<Tensor, Void> model = GradientEstimatorTest.model(1.0);
        Model<Tensor, Void> guide = GradientEstimatorTest.guide(false);
        GradientEstimatorTest.assertUnbiased(GradientEstimatorTest.estimates(
                new TraceElbo(PARTICLES).vectorizeParticles(), model, guide, 8000, 51), expected, "TraceElbo");
        GradientEstimatorTest.assertUnbiased(GradientEstimatorTest.estimates(
                new TraceGraphElbo(PARTICLES).vectorizeParticles(), model, guide, 8000, 52), expected,
                "TraceGraphElbo");
        GradientEstimatorTest.assertUnbiased(GradientEstimatorTest.estimates(
                new TraceMeanFieldElbo(PARTICLES, ScoreOnly.klRules(KL.registry())).vectorizeParticles(),
                GradientEstimatorTest.model(0.0), guide, 8000, 53), GradientEstimatorTest.analyticGradient(0.0),
                "TraceMeanFieldElbo");
    }

    @Test
    void sviWithVectorizedParticlesReachesTheNormalNormalPosterior() {
        Conjugate c = Conjugate.normalNormal(-1.0, 2.0, 1.5, 6);
        long seed = 61;
        Tensor x = c.data(seed);
        Distribution posterior = c.posterior(x);
        Model<Tensor, Void> model = c.model();
        Function<ParamStore, Distribution> autoNormal = store -> Normal.of(
                store.get("AutoNormal.locs.z").detach(), store.get("AutoNormal.scales.z").detach());
        ConjugatePosteriorProperties.assertClose(SviFit.fit(model, AutoNormal.of(model), autoNormal,
                new TraceElbo(PARTICLES).vectorizeParticles(), x, seed, ConjugatePosteriorProperties.STEPS),
                posterior, ConjugatePosteriorProperties.PATHWISE, c + ", AutoNormal, vectorized TraceElbo");
        ConjugatePosteriorProperties.assertClose(SviFit.fit(c.model(), c.guide(true), c::fitted,
                new TraceGraphElbo(PARTICLES).vectorizeParticles(), x, seed, ConjugatePosteriorProperties.STEPS),
                posterior, ConjugatePosteriorProperties.PATHWISE, c + ", hand guide, vectorized TraceGraphElbo");
        Conjugate small = Conjugate.normalNormal(0.5, 1.0, 1.0, 3);
        Tensor xs = small.data(seed);
        int particles = ConjugatePosteriorProperties.PARTICLES;
        ConjugatePosteriorProperties.assertClose(SviFit.fit(small.model(), small.guide(false), small::fitted,
                new TraceElbo(particles).vectorizeParticles(), xs, seed, ConjugatePosteriorProperties.STEPS),
                small.posterior(xs), ConjugatePosteriorProperties.SCORE,
                small + ", score function, vectorized TraceElbo(" + particles + ")");
    }

    /** {@code z ~ N(0, 1)}, {@code x ~ N(z * ones(3), 1)} as one event: scalar code that cannot take a batch of z. */
    private static final Model<Tensor, Void> SCALAR_ONLY = Model.of(x -> {
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        Tensor loc = z.mul(Tensor.ones(DType.FLOAT32, 3));
        observe("x", Normal.of(loc, Tensor.scalar(1.0)).toEvent(1), x);
    });

    @Test
    void aModelThatDoesNotBroadcastIsReportedWithItsSiteAndTheSequentialForm() {
        Tensor x = Tensor.of(new double[] {0.1, -0.4, 1.2}, DType.FLOAT32, 3);
        Model<Tensor, Void> guide = Model.of(data -> sample("z", Normal.of(0.0, 1.0)));
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(71);
            double sequential = new TraceElbo(PARTICLES).estimate(SCALAR_ONLY, guide, x).loss();
            assertTrue(Double.isFinite(sequential));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TraceElbo(PARTICLES).vectorizeParticles().estimate(SCALAR_ONLY, guide, x));
            assertTrue(e.getMessage().contains("site 'z'"), e.getMessage());
            assertTrue(e.getMessage().contains("particle plate '__particles' (size 4, dim -1)"), e.getMessage());
            assertTrue(e.getMessage().contains("new TraceElbo(4)"), e.getMessage());
        }
    }

    @Test
    void vectorizationIsOptInAndKeepsTheSettings() {
        assertFalse(new TraceElbo(3).particlesVectorized());
        assertFalse(new TraceGraphElbo(3).particlesVectorized());
        assertFalse(new TraceMeanFieldElbo(3).particlesVectorized());
        TraceMeanFieldElbo v = new TraceMeanFieldElbo(3).vectorizeParticles();
        assertTrue(v.particlesVectorized());
        assertEquals(3, v.numParticles());
        assertEquals(3, new TraceGraphElbo(3).vectorizeParticles().numParticles());
        assertThrows(IllegalArgumentException.class, () -> new TraceGraphElbo(0));
    }
}
