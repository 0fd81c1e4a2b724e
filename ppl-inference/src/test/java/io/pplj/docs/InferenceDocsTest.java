package io.pplj.docs;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Beta;
import io.pplj.dist.Constraint;
import io.pplj.dist.HalfNormal;
import io.pplj.dist.KL;
import io.pplj.dist.Normal;
import io.pplj.infer.Baseline;
import io.pplj.infer.Elbo;
import io.pplj.infer.Importance;
import io.pplj.infer.Predictive;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.TraceGraphElbo;
import io.pplj.infer.TraceMeanFieldElbo;
import io.pplj.infer.autoguide.AutoDelta;
import io.pplj.infer.autoguide.AutoGuideList;
import io.pplj.infer.autoguide.AutoMultivariateNormal;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.infer.autoguide.InitStrategy;
import io.pplj.infer.optim.Adam;
import io.pplj.infer.optim.ClippedAdam;
import io.pplj.infer.optim.LearningRateSchedule;
import io.pplj.infer.optim.Optimizer;
import io.pplj.infer.optim.RmsProp;
import io.pplj.infer.optim.Sgd;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Trace;
import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of docs/inference.md, run and checked; and a check that the page shows exactly this code. */
@SuppressWarnings("try")
class InferenceDocsTest {

    /** The Normal-Normal model of docs/runtime.md: {@code mu ~ Normal(0, 10)}, {@code obs_i ~ Normal(mu, 1)}. */
    static final Model<Tensor, Void> MODEL = RuntimeDocsTest.MODEL;
    /** Its guide {@code mu ~ Normal(loc, scale)}. */
    static final Model<Tensor, Void> GUIDE = RuntimeDocsTest.GUIDE;

    static final Tensor DATA = Tensor.of(2.9, 3.4, 2.2, 3.8, 3.1);
    /** The posterior of mu: precision 1/100 + 5, mean sum(x) / precision. */
    static final double PRECISION = 0.01 + 5;
    static final double POSTERIOR_MEAN = 15.4 / PRECISION;
    static final double POSTERIOR_SD = Math.sqrt(1 / PRECISION);

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/inference.md",
                "ppl-inference/src/test/java/io/pplj/docs/InferenceDocsTest.java");
    }

    @Test
    void sviLoop() {
        Rng.seed(0);
        // example: svi-loop
        Model<Tensor, Void> model = Model.of(data -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", data.size(0))) {
                observe("obs", Normal.of(mu, 1.0), data);
            }
        });
        Model<Tensor, Void> guide = Model.of(data -> {
            Tensor loc = param("loc", () -> Tensor.scalar(0.0));
            Tensor scale = param("scale", () -> Tensor.scalar(1.0), Constraint.positive());
            sample("mu", Normal.of(loc, scale));
        });
        Tensor data = Tensor.of(2.9, 3.4, 2.2, 3.8, 3.1);
        double loc;
        double scale;
        try (ParamStore store = ParamStore.open()) {
            Optimizer adam = Adam.of(0.05).schedule(LearningRateSchedule.exponential(0.999));
            SVI<Tensor> svi = SVI.of(model, guide, adam, new TraceElbo());
            for (int step = 0; step < 3000; step++) {
                double loss = svi.step(data);       // the -ELBO estimate before this step's update
            }
            loc = store.get("loc").item();          // about 15.4 / 5.01 = 3.074, the posterior mean
            scale = store.get("scale").item();      // about 1 / sqrt(5.01) = 0.447, the posterior sd
        }
        // end example
        // the last iterate, not an average: it jitters by a few hundredths at the final learning rate
        assertEquals(POSTERIOR_MEAN, loc, 0.1);
        assertEquals(POSTERIOR_SD, scale, 0.1);
    }

    @Test
    void elbos() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(1);
            Model<Tensor, Void> model = MODEL;
            Model<Tensor, Void> guide = GUIDE;
            Tensor data = DATA;
            // example: elbos
            Elbo plain = new TraceElbo();                  // one particle
            Elbo averaged = new TraceElbo(10);             // ten particles, averaged: less noise, ten times the work
            Elbo graph = new TraceGraphElbo();             // score functions see only their downstream costs
            Elbo meanField = new TraceMeanFieldElbo();     // -KL(q || p) in closed form where the registry has it
            Elbo custom = new TraceMeanFieldElbo(1, KL.registry());   // a registry extended with .with(...) rules
            double loss = SVI.of(model, guide, Adam.of(0.01), averaged).evaluateLoss(data);
            // end example
            double exactLoss = exactNegativeElbo(0.0, 1.0);
            assertEquals(exactLoss, loss, 25, "one 10-particle estimate (sd about 5)");
            for (Elbo elbo : new Elbo[] {plain, averaged, graph, meanField, custom}) {
                assertUnbiased(elbo, model, guide, data, exactLoss);
            }
        }
    }

    @Test
    void particles() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(2);
            Model<Tensor, Void> model = MODEL;
            Model<Tensor, Void> guide = GUIDE;
            Tensor data = DATA;
            // example: particles
            Elbo sequential = new TraceElbo(8);                         // eight runs of guide and model
            Elbo vectorized = new TraceElbo(8).vectorizeParticles();    // one run, every site gets a leading dim of 8
            Trace draws = vectorized.estimate(model, guide, data).guideTraces().get(0);
            // mu's value has shape [8, 1]: the particle dim -2, left of the data plate at dim -1
            // end example
            assertArrayEquals(new int[] {8, 1}, draws.site("mu").value().shape());
            double exactLoss = exactNegativeElbo(0.0, 1.0);
            assertUnbiased(sequential, model, guide, data, exactLoss);
            assertUnbiased(vectorized, model, guide, data, exactLoss);
        }
    }

    /** The mean of 1000 loss estimates within five standard errors of the exact {@code -ELBO}. */
    static void assertUnbiased(Elbo elbo, Model<Tensor, Void> model, Model<Tensor, Void> guide, Tensor data,
                               double exact) {
        int n = 1000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double loss = elbo.estimate(model, guide, data).loss();
            sum += loss;
            sumSq += loss * loss;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertEquals(exact, mean, 5 * se, elbo.getClass().getSimpleName() + " (se " + se + ")");
    }

    /**
     * {@code -ELBO} of the guide {@code Normal(m, s)}: {@code -E[log p(mu) + sum log p(x_i | mu)] - entropy}, where
     * {@code E[(x - mu)^2] = (x - m)^2 + s^2}.
     */
    static double exactNegativeElbo(double m, double s) {
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        double prior = -halfLog2Pi - Math.log(10) - (m * m + s * s) / 200;
        double likelihood = 0;
        for (double x : DATA.toDoubleArray()) {
            likelihood += -halfLog2Pi - ((x - m) * (x - m) + s * s) / 2;
        }
        double entropy = halfLog2Pi + 0.5 + Math.log(s);
        return -(prior + likelihood + entropy);
    }

    @Test
    void mismatchedGuide() {
        try (ParamStore store = ParamStore.open()) {
            Model<Tensor, Void> model = MODEL;
            Tensor data = DATA;
            // example: mismatch
            Model<Tensor, Void> wrong = Model.of(d -> sample("m", Normal.of(0.0, 1.0)));
            SVI<Tensor> svi = SVI.of(model, wrong, Adam.of(0.01), new TraceElbo());
            // svi.step(data) throws IllegalArgumentException: model and guide do not match: the model's latent
            // sites [mu] are not drawn by the guide; the guide draws [m], which are not latent sites of the model
            // end example
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> svi.step(data));
            assertEquals("model and guide do not match: the model's latent sites [mu] are not drawn by the guide;"
                    + " the guide draws [m], which are not latent sites of the model", e.getMessage());
        }
    }

    @Test
    void autoguides() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(3);
            Model<Tensor, Void> model = MODEL;
            Tensor data = DATA;
            // example: autoguides
            AutoNormal<Tensor> guide = AutoNormal.of(model);     // starts at prior medians, scale 0.1
            SVI.of(model, guide, Adam.of(0.05).schedule(LearningRateSchedule.exponential(0.999)), new TraceElbo())
                    .run(data, 3000);
            Tensor median = guide.median(data).get("mu");             // the posterior median, about 3.074
            Tensor upper = guide.quantile(0.975, data).get("mu");     // about 3.074 + 1.96 * 0.447
            AutoNormal<Tensor> fromMean = AutoNormal.of(model, InitStrategy.mean(), 0.5);
            AutoDelta<Tensor> mapEstimate = AutoDelta.of(model);      // a point mass: MAP estimation
            // end example
            assertEquals(POSTERIOR_MEAN, median.item(), 0.04);
            assertEquals(POSTERIOR_MEAN + 1.96 * POSTERIOR_SD, upper.item(), 0.08);
            assertEquals("AutoNormal", fromMean.name());
            assertEquals("AutoDelta", mapEstimate.name());
        }
    }

    @Test
    void autoGuideList() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(4);
            // example: autoguide-list
            Model<Tensor, Void> model = Model.of(y -> {
                Tensor loc = sample("loc", Normal.of(0.0, 10.0));
                Tensor noise = sample("noise", HalfNormal.of(5.0));
                try (Plate p = plate("data", y.size(0))) {
                    observe("y", Normal.of(loc, noise), y);
                }
            });
            AutoGuideList<Tensor> guide = new AutoGuideList<Tensor>()
                    .add(AutoNormal.of(Handlers.blockHide(model, "noise")))      // loc: a normal posterior
                    .add(AutoDelta.of(Handlers.blockHide(model, "loc")));        // noise: a point estimate
            // end example
            Tensor y = Tensor.of(4.1, 3.2, 5.0, 4.4, 3.8, 4.6, 4.0, 3.5);
            SVI.of(model, guide, Adam.of(0.05).schedule(LearningRateSchedule.exponential(0.999)), new TraceElbo())
                    .run(y, 3000);
            Map<String, Tensor> median = guide.median(y);
            assertEquals(y.mean().item(), median.get("loc").item(), 0.1);
            assertTrue(median.get("noise").item() > 0.3 && median.get("noise").item() < 1.0,
                    "noise " + median.get("noise"));
        }
    }

    @Test
    void optimizers() {
        // example: optimizers
        Optimizer adam = Adam.of(0.01);                                    // betas (0.9, 0.999), eps 1e-8
        Optimizer clipped = ClippedAdam.of(0.01, 0.9, 0.999, 1e-8, 10.0, 0.999);   // clamp 10, lr * 0.999^t
        Optimizer momentum = Sgd.of(0.01, 0.9, true);                      // Nesterov momentum
        Optimizer rms = RmsProp.of(0.001);
        Optimizer cosine = Adam.of(0.05).schedule(LearningRateSchedule.cosine(5000, 0.01));
        Optimizer steps = Sgd.of(0.1).schedule(LearningRateSchedule.step(1000, 0.5)).clipGradNorm(5.0);
        // end example
        try (ParamStore store = ParamStore.open()) {
            for (Optimizer o : new Optimizer[] {adam, clipped, momentum, rms, cosine, steps}) {
                store.set("theta", Tensor.scalar(1.0, DType.FLOAT64), null);
                o.step(store, Map.of("theta", Tensor.scalar(2.0, DType.FLOAT64)));
                assertTrue(store.get("theta").item() < 1.0, o.getClass().getSimpleName());
            }
        }
    }

    @Test
    void importance() {
        Rng.seed(5);
        Model<Tensor, Void> model = MODEL;
        Tensor data = DATA;
        // example: importance
        Importance.Result r = Importance.fromPrior(model, 20_000).run(data);
        double mean = r.mean("mu").item();                  // about 3.074
        double sd = Math.sqrt(r.variance("mu").item());     // about 0.447
        double ess = r.effectiveSampleSize();               // about 900 of 20,000: the prior is wide
        double logEvidence = r.logEvidence();               // log p(data), about -8.46
        // end example
        assertEquals(POSTERIOR_MEAN, mean, 5 * POSTERIOR_SD / Math.sqrt(ess));
        assertEquals(POSTERIOR_SD, sd, 5 * POSTERIOR_SD / Math.sqrt(2 * ess));
        assertTrue(ess > 500 && ess < 2000, "ESS " + ess);
        Tensor atMean = Tensor.scalar(POSTERIOR_MEAN);
        double exact = Normal.of(0.0, 10.0).logProb(atMean).item()
                + Normal.of(atMean, 1.0).logProb(DATA).sum().item()
                - Normal.of(POSTERIOR_MEAN, POSTERIOR_SD).logProb(atMean).item();
        assertEquals(exact, logEvidence, 5 / Math.sqrt(ess));
        assertEquals(-8.46, exact, 0.01);
    }

    @Test
    void predictive() {
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(6);
            Model<Tensor, Void> model = MODEL;
            Model<Tensor, Void> guide = GUIDE;
            Tensor data = DATA;
            store.set("loc", Tensor.scalar(POSTERIOR_MEAN), null);
            store.set("scale", Tensor.scalar(POSTERIOR_SD), Constraint.positive());
            // example: predictive
            Map<String, Tensor> posterior = Predictive.fromGuide(model, guide, 2000).run(data);
            Tensor mu = posterior.get("mu");          // shape [2000]: the guide's draws
            Tensor replicated = posterior.get("obs");  // shape [2000, 5]: new data sets, one per draw
            Map<String, Tensor> prior = Predictive.fromPrior(model, 2000, "obs").run(data);   // only "obs"
            Map<String, Tensor> fromDraws = Predictive.fromSamples(model, Map.of("mu", mu)).run(data);
            // end example
            assertArrayEquals(new int[] {2000}, mu.shape());
            assertArrayEquals(new int[] {2000, 5}, replicated.shape());
            assertEquals(POSTERIOR_MEAN, replicated.mean().item(), 0.05);
            double predictiveVar = replicated.select(1, 0).sub(POSTERIOR_MEAN).square().mean().item();
            assertEquals(1 + POSTERIOR_SD * POSTERIOR_SD, predictiveVar, 0.15);
            assertEquals(java.util.Set.of("obs"), prior.keySet());
            assertEquals(0.0, prior.get("obs").mean().item(), 1.0);
            assertEquals(java.util.Set.of("obs"), fromDraws.keySet());
            assertEquals(POSTERIOR_MEAN, fromDraws.get("obs").mean().item(), 0.05);
        }
    }

    @Test
    void linearRegression() {
        Rng.seed(7);
        try (ParamStore store = ParamStore.open()) {
            // example: linear-regression
            record Data(Tensor x, Tensor y) {
            }
            Model<Data, Void> model = Model.of(d -> {
                Tensor w = sample("w", Normal.of(Tensor.zeros(3), 1.0).toEvent(1));
                Tensor b = sample("b", Normal.of(0.0, 1.0));
                Tensor sigma = sample("sigma", HalfNormal.of(1.0));
                try (Plate p = plate("data", d.x().size(0))) {
                    Normal likelihood = Normal.of(d.x().matmul(w).add(b), sigma);
                    if (d.y() == null) {
                        sample("y", likelihood);          // no data: predict
                    } else {
                        observe("y", likelihood, d.y());
                    }
                }
            });
            Tensor x = Tensor.randn(100, 3);
            Tensor y = x.matmul(Tensor.of(1.5, -2.0, 0.5)).add(1.0).add(Tensor.randn(100).mul(0.5));
            Data train = new Data(x, y);
            AutoMultivariateNormal<Data> guide = AutoMultivariateNormal.of(model);
            Optimizer adam = Adam.of(0.03).schedule(LearningRateSchedule.exponential(0.999));
            SVI.of(model, guide, adam, new TraceElbo()).run(train, 3000);
            Map<String, Tensor> median = guide.median(train);     // w near (1.5, -2, 0.5), b near 1, sigma near 0.5
            Tensor lower = guide.quantile(0.05, train).get("w");  // a 90% credible interval for w ...
            Tensor upper = guide.quantile(0.95, train).get("w");  // ... from the guide's marginals
            Data query = new Data(Tensor.of(new double[] {1, 0, 0, 0, 1, 0}, 2, 3), null);
            Tensor predicted = Predictive.fromGuide(model, guide, 1000, "y").run(query).get("y");   // [1000, 2]
            // end example
            double[] ols = leastSquares(x, y);
            double[] w = median.get("w").toDoubleArray();
            for (int j = 0; j < 3; j++) {
                assertEquals(ols[j], w[j], 0.05, "w[" + j + "]");
                assertTrue(lower.toDoubleArray()[j] < ols[j] && ols[j] < upper.toDoubleArray()[j], "w[" + j + "]");
            }
            assertEquals(ols[3], median.get("b").item(), 0.05);
            assertEquals(ols[4], median.get("sigma").item(), 0.05);
            assertArrayEquals(new int[] {1000, 2}, predicted.shape());
            double[] first = predicted.select(1, 0).toDoubleArray();
            double mean = 0;
            for (double v : first) {
                mean += v / first.length;
            }
            assertEquals(ols[0] + ols[3], mean, 0.1);
        }
    }

    /**
     * The least-squares fit of {@code y = x w + b} by the normal equations (plain doubles), and the residual sd:
     * {@code {w0, w1, w2, b, sd}}. With 100 points and a N(0, 1) prior on each coefficient the posterior medians lie
     * within a few hundredths of it.
     */
    static double[] leastSquares(Tensor x, Tensor y) {
        double[] xs = x.toDoubleArray();
        double[] ys = y.toDoubleArray();
        int n = ys.length;
        double[][] a = new double[4][5];
        for (int i = 0; i < n; i++) {
            double[] row = {xs[3 * i], xs[3 * i + 1], xs[3 * i + 2], 1};
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][4] += row[r] * ys[i];
            }
        }
        for (int col = 0; col < 4; col++) {
            for (int r = 0; r < 4; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c < 5; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] beta = new double[5];
        for (int r = 0; r < 4; r++) {
            beta[r] = a[r][4] / a[r][r];
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fit = beta[0] * xs[3 * i] + beta[1] * xs[3 * i + 1] + beta[2] * xs[3 * i + 2] + beta[3];
            rss += (ys[i] - fit) * (ys[i] - fit);
        }
        beta[4] = Math.sqrt(rss / n);
        return beta;
    }

    @Test
    void discreteLatent() {
        Rng.seed(8);
        try (ParamStore store = ParamStore.open()) {
            // example: discrete-latent
            Model<Tensor, Void> model = Model.of(x -> {
                Tensor p = sample("p", Beta.of(1.0, 1.0));
                try (Plate plate = plate("data", x.size(0))) {
                    Tensor z = sample("z", Bernoulli.of(p));            // which cluster x_i comes from: 0 or 1
                    observe("x", Normal.of(z.mul(4.0), 1.0), x);
                }
            });
            Model<Tensor, Void> guide = Model.of(x -> {
                Tensor a = param("a", () -> Tensor.scalar(1.0), Constraint.positive());
                Tensor b = param("b", () -> Tensor.scalar(1.0), Constraint.positive());
                sample("p", Beta.of(a, b));                              // reparameterized: pathwise gradients
                Tensor q = param("q", () -> Tensor.full(0.5, x.size(0)), Constraint.unitInterval());
                try (Plate plate = plate("data", x.size(0))) {
                    Map<String, Object> hints = Map.of("baseline", Baseline.decayingAverage(0.9));
                    sample("z", Bernoulli.of(q), hints);                 // discrete: score-function gradients
                }
            });
            Tensor x = Tensor.of(-0.3, 4.2, 0.8, 3.6, -1.1, 0.2, 5.1, 2.1, 0.4, -0.6, 1.7, 3.0);
            Optimizer adam = Adam.of(0.1).schedule(LearningRateSchedule.exponential(0.999));
            SVI.of(model, guide, adam, new TraceGraphElbo()).run(x, 4000);
            Tensor q = param("q");                 // P(z_i = 1): near 1 for x_i near 4, near 0 for x_i near 0
            double a = param("a").item();
            double b = param("b").item();          // p ~ Beta(a, b), about Beta(1 + sum(q), 1 + n - sum(q))
            // end example
            double[][] optimum = meanFieldOptimum(x.toDoubleArray());
            double[] qs = q.toDoubleArray();
            for (int i = 0; i < qs.length; i++) {
                assertEquals(optimum[0][i], qs[i], 0.03, "q[" + i + "]");
            }
            // The mean of q(p) settles fast; its concentration a + b creeps along the ridge of constant mean, where
            // the gradient's signal is about 1/70 of its noise per draw (measured at 6% below the optimum): after
            // 4000 steps it is 2-5% short.
            double[] ab = optimum[1];
            assertEquals(ab[0] / (ab[0] + ab[1]), a / (a + b), 0.01, "mean of q(p)");
            assertEquals(ab[0] + ab[1], a + b, 0.1 * (ab[0] + ab[1]), "concentration of q(p)");
        }
    }

    /**
     * The mean-field optimum of the mixture by coordinate ascent: {@code q(p) = Beta(1 + sum q, 1 + n - sum q)} and
     * {@code logit q_i = E[log p] - E[log(1 - p)] + log N(x_i; 4, 1) - log N(x_i; 0, 1)}, with
     * {@code E[log p] = digamma(alpha) - digamma(alpha + beta)}. Returns {@code {q, {alpha, beta}}}.
     */
    static double[][] meanFieldOptimum(double[] x) {
        int n = x.length;
        double[] q = new double[n];
        java.util.Arrays.fill(q, 0.5);
        double alpha = 1;
        double beta = 1;
        for (int iteration = 0; iteration < 500; iteration++) {
            double sum = 0;
            for (double qi : q) {
                sum += qi;
            }
            alpha = 1 + sum;
            beta = 1 + n - sum;
            double logOdds = digamma(alpha) - digamma(beta);
            for (int i = 0; i < n; i++) {
                double logLikelihoodRatio = 4 * x[i] - 8;    // log N(x; 4, 1) - log N(x; 0, 1)
                q[i] = 1 / (1 + Math.exp(-(logOdds + logLikelihoodRatio)));
            }
        }
        return new double[][] {q, {alpha, beta}};
    }

    static double digamma(double v) {
        return Tensor.scalar(v, DType.FLOAT64).digamma().item();
    }
}
