package io.pplj.infer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against the textbook (PyTorch / Pyro) update rules written out in plain doubles, on convex
 * quadratics {@code f(theta) = (theta - c)' A (theta - c) / 2} with gradient {@code A (theta - c)}; learning-rate
 * schedules and gradient-norm clipping by value.
 */
@SuppressWarnings("try")
class OptimizerTest {

    /** Float64 updates agree with the formulas to rounding; 1e-12 leaves room for a different operation order. */
    static final double EXACT = 1e-12;

    /** A 2-d quadratic bowl: symmetric positive definite {@code a} and minimum {@code c}. */
    record Quadratic(double[][] a, double[] c) {

        /** Eigenvalues {@code l1, l2} along axes rotated by {@code angle}. */
        static Quadratic of(double l1, double l2, double angle, double c1, double c2) {
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double[][] a = {
                {l1 * cos * cos + l2 * sin * sin, (l1 - l2) * cos * sin},
                {(l1 - l2) * cos * sin, l1 * sin * sin + l2 * cos * cos}};
            return new Quadratic(a, new double[] {c1, c2});
        }

        double[] gradient(double[] theta) {
            double d0 = theta[0] - c[0];
            double d1 = theta[1] - c[1];
            return new double[] {a[0][0] * d0 + a[0][1] * d1, a[1][0] * d0 + a[1][1] * d1};
        }
    }

    /** Runs {@code steps} updates of parameter "theta" (float64, from {@code start}); returns its trajectory. */
    static double[][] run(Optimizer optimizer, Quadratic f, double[] start, int steps) {
        double[][] path = new double[steps + 1][];
        try (ParamStore store = ParamStore.open()) {
            store.param("theta", () -> Tensor.of(start, DType.FLOAT64, 2), null);
            path[0] = start.clone();
            for (int t = 1; t <= steps; t++) {
                double[] theta = store.get("theta").toDoubleArray();
                Map<String, Tensor> grads = new LinkedHashMap<>();
                grads.put("theta", Tensor.of(f.gradient(theta), DType.FLOAT64, 2));
                optimizer.step(store, grads);
                path[t] = store.get("theta").toDoubleArray();
            }
        }
        return path;
    }

    static final Quadratic BOWL = Quadratic.of(3.0, 0.5, 0.4, 1.0, -2.0);
    static final double[] START = {0.3, 0.7};

    // ---- the update rules, written out --------------------------------------------------------------------------

    /** PyTorch's Adam: bias-corrected moments, {@code theta -= lr mhat / (sqrt(vhat) + eps)}. */
    static double[][] adam(Quadratic f, double[] start, int steps, double lr, double b1, double b2, double eps,
                           double clip, double lrd) {
        double[] theta = start.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        double[][] path = new double[steps + 1][];
        path[0] = theta.clone();
        double rate = lr;
        for (int t = 1; t <= steps; t++) {
            double[] g = f.gradient(theta);
            for (int i = 0; i < 2; i++) {
                double gi = Math.max(-clip, Math.min(clip, g[i]));
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] -= rate * mHat / (Math.sqrt(vHat) + eps);
            }
            rate *= lrd;
            path[t] = theta.clone();
        }
        return path;
    }

    /** PyTorch's SGD: {@code buf = g} then {@code buf = mu buf + g}; Nesterov steps along {@code g + mu buf}. */
    static double[][] sgd(Quadratic f, double[] start, int steps, double lr, double mu, boolean nesterov) {
        double[] theta = start.clone();
        double[] buf = null;
        double[][] path = new double[steps + 1][];
        path[0] = theta.clone();
        for (int t = 1; t <= steps; t++) {
            double[] g = f.gradient(theta);
            double[] direction = g.clone();
            if (mu > 0) {
                if (buf == null) {
                    buf = g.clone();
                } else {
                    for (int i = 0; i < 2; i++) {
                        buf[i] = mu * buf[i] + g[i];
                    }
                }
                for (int i = 0; i < 2; i++) {
                    direction[i] = nesterov ? g[i] + mu * buf[i] : buf[i];
                }
            }
            for (int i = 0; i < 2; i++) {
                theta[i] -= lr * direction[i];
            }
            path[t] = theta.clone();
        }
        return path;
    }

    /** PyTorch's Adagrad: {@code s += g^2}, {@code theta -= lr g / (sqrt(s) + eps)}. */
    static double[][] adagrad(Quadratic f, double[] start, int steps, double lr, double eps) {
        double[] theta = start.clone();
        double[] s = new double[2];
        double[][] path = new double[steps + 1][];
        path[0] = theta.clone();
        for (int t = 1; t <= steps; t++) {
            double[] g = f.gradient(theta);
            for (int i = 0; i < 2; i++) {
                s[i] += g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
            path[t] = theta.clone();
        }
        return path;
    }

    /** PyTorch's RMSprop: {@code v = alpha v + (1 - alpha) g^2}, {@code theta -= lr g / (sqrt(v) + eps)}. */
    static double[][] rmsProp(Quadratic f, double[] start, int steps, double lr, double alpha, double eps) {
        double[] theta = start.clone();
        double[] v = new double[2];
        double[][] path = new double[steps + 1][];
        path[0] = theta.clone();
        for (int t = 1; t <= steps; t++) {
            double[] g = f.gradient(theta);
            for (int i = 0; i < 2; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
            }
            path[t] = theta.clone();
        }
        return path;
    }

    static void assertPath(double[][] expected, double[][] actual, String what) {
        for (int t = 0; t < expected.length; t++) {
            assertArrayEquals(expected[t], actual[t], EXACT, what + ", step " + t);
        }
    }

    // ---- first steps by hand ------------------------------------------------------------------------------------

    @Test
    void adamMatchesItsUpdateRule() {
        assertPath(adam(BOWL, START, 6, 0.1, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY, 1),
                run(Adam.of(0.1), BOWL, START, 6), "Adam defaults");
        assertPath(adam(BOWL, START, 6, 0.05, 0.5, 0.9, 1e-3, Double.POSITIVE_INFINITY, 1),
                run(Adam.of(0.05, 0.5, 0.9, 1e-3), BOWL, START, 6), "Adam(0.05, 0.5, 0.9, 1e-3)");
    }

    @Test
    void clippedAdamClampsGradientsAndDecaysTheLearningRate() {
        // The gradients start near (0.59, 1.75): a clip at 1.5 changes the second coordinate's for a few steps.
        double[][] clipped = adam(BOWL, START, 6, 0.1, 0.9, 0.999, 1e-8, 1.5, 0.9);
        double[][] unclipped = adam(BOWL, START, 6, 0.1, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY, 0.9);
        assertTrue(Math.abs(clipped[6][1] - unclipped[6][1]) > 1e-4, "the clip matters in this example");
        assertPath(clipped, run(ClippedAdam.of(0.1, 0.9, 0.999, 1e-8, 1.5, 0.9), BOWL, START, 6), "ClippedAdam");
        assertPath(adam(BOWL, START, 6, 0.1, 0.9, 0.999, 1e-8, 10, 1),
                run(ClippedAdam.of(0.1), BOWL, START, 6), "ClippedAdam defaults");
    }

    @Test
    void sgdMatchesItsUpdateRules() {
        assertPath(sgd(BOWL, START, 6, 0.1, 0, false), run(Sgd.of(0.1), BOWL, START, 6), "Sgd");
        assertPath(sgd(BOWL, START, 6, 0.1, 0.9, false), run(Sgd.of(0.1, 0.9, false), BOWL, START, 6),
                "Sgd momentum");
        assertPath(sgd(BOWL, START, 6, 0.1, 0.9, true), run(Sgd.of(0.1, 0.9, true), BOWL, START, 6),
                "Sgd Nesterov");
    }

    @Test
    void adagradAndRmsPropMatchTheirUpdateRules() {
        assertPath(adagrad(BOWL, START, 6, 0.3, 1e-10), run(Adagrad.of(0.3), BOWL, START, 6), "Adagrad");
        assertPath(adagrad(BOWL, START, 6, 0.3, 0.5), run(Adagrad.of(0.3, 0.5), BOWL, START, 6), "Adagrad eps");
        assertPath(rmsProp(BOWL, START, 6, 0.01, 0.99, 1e-8), run(RmsProp.of(0.01), BOWL, START, 6), "RmsProp");
        assertPath(rmsProp(BOWL, START, 6, 0.02, 0.9, 1e-4), run(RmsProp.of(0.02, 0.9, 1e-4), BOWL, START, 6),
                "RmsProp(0.9, 1e-4)");
    }

    @Test
    void adamKeepsStatePerParameter() {
        // Two parameters with different gradients: each must follow its own moments.
        try (ParamStore store = ParamStore.open()) {
            store.param("a", () -> Tensor.scalar(1.0, DType.FLOAT64), null);
            store.param("b", () -> Tensor.scalar(1.0, DType.FLOAT64), null);
            Adam adam = Adam.of(0.1);
            double[] ga = {1.0, -2.0, 0.5};
            double[] gb = {10.0, 10.0, 10.0};
            for (int t = 0; t < 3; t++) {
                adam.step(store, Map.of("a", Tensor.scalar(ga[t], DType.FLOAT64),
                        "b", Tensor.scalar(gb[t], DType.FLOAT64)));
            }
            // b's gradient is constant, so each bias-corrected step is lr * g / (|g| + eps): 3 steps of 0.1.
            assertEquals(1.0 - 0.3, store.get("b").item(), 1e-8);
            double m = 0;
            double v = 0;
            double a = 1.0;
            for (int t = 1; t <= 3; t++) {
                m = 0.9 * m + 0.1 * ga[t - 1];
                v = 0.999 * v + 0.001 * ga[t - 1] * ga[t - 1];
                a -= 0.1 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            }
            assertEquals(a, store.get("a").item(), EXACT);
            assertEquals(3, adam.steps());
        }
    }

    // ---- schedules and clipping ---------------------------------------------------------------------------------

    @Test
    void schedulesByValue() {
        LearningRateSchedule step = LearningRateSchedule.step(3, 0.5);
        double[] stepExpected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25};
        for (int t = 0; t < stepExpected.length; t++) {
            assertEquals(stepExpected[t], step.factor(t), EXACT, "step schedule at " + t);
        }
        LearningRateSchedule exponential = LearningRateSchedule.exponential(0.9);
        assertEquals(1.0, exponential.factor(0), EXACT);
        assertEquals(0.729, exponential.factor(3), EXACT);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(10, 0.1);
        assertEquals(1.0, cosine.factor(0), EXACT);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.3)), cosine.factor(3), EXACT);
        assertEquals(0.55, cosine.factor(5), EXACT);
        assertEquals(0.1, cosine.factor(10), EXACT);
        assertEquals(0.1, cosine.factor(25), EXACT, "held after the last step");
        assertEquals(1.0, LearningRateSchedule.constant().factor(1000), EXACT);
    }

    @Test
    void optimizersApplyTheScheduleFromTheFirstStep() {
        // Sgd with a schedule: step t (from 0) moves by lr * factor(t) * g.
        LearningRateSchedule schedule = LearningRateSchedule.step(2, 0.1);
        double[][] path = run(Sgd.of(0.2).schedule(schedule), BOWL, START, 5);
        double[] theta = START.clone();
        for (int t = 0; t < 5; t++) {
            double[] g = BOWL.gradient(theta);
            for (int i = 0; i < 2; i++) {
                theta[i] -= 0.2 * schedule.factor(t) * g[i];
            }
            assertArrayEquals(theta, path[t + 1], EXACT, "step " + t);
        }
    }

    @Test
    void clippingScalesTheTotalNormAcrossParameters() {
        try (ParamStore store = ParamStore.open()) {
            store.param("u", () -> Tensor.of(new double[] {0.0, 0.0}, DType.FLOAT64, 2), null);
            store.param("w", () -> Tensor.scalar(0.0, DType.FLOAT64), null);
            GradientOptimizer sgd = Sgd.of(1.0).clipGradNorm(2.6);
            // Total norm sqrt(3^2 + 4^2 + 12^2) = 13 > 2.6: every gradient scales by 2.6 / (13 + 1e-6).
            sgd.step(store, Map.of("u", Tensor.of(new double[] {3.0, 4.0}, DType.FLOAT64, 2),
                    "w", Tensor.scalar(12.0, DType.FLOAT64)));
            double k = 2.6 / (13 + 1e-6);
            assertArrayEquals(new double[] {-3 * k, -4 * k}, store.get("u").toDoubleArray(), EXACT);
            assertEquals(-12 * k, store.get("w").item(), EXACT);
            // Below the bound the gradients pass unchanged.
            sgd.step(store, Map.of("u", Tensor.of(new double[] {0.3, 0.4}, DType.FLOAT64, 2),
                    "w", Tensor.scalar(1.2, DType.FLOAT64)));
            assertArrayEquals(new double[] {-3 * k - 0.3, -4 * k - 0.4}, store.get("u").toDoubleArray(), EXACT);
            assertEquals(-12 * k - 1.2, store.get("w").item(), EXACT);
        }
    }

    @Test
    void invalidHyperparametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Adam.of(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1, 1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1, 0.0, true));
        assertThrows(IllegalArgumentException.class, () -> RmsProp.of(0.1, 1.5, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ClippedAdam.of(0.1, 0.9, 0.999, 1e-8, 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1).clipGradNorm(0.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, 0.1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Adagrad.of(Double.NaN));
        assertTrue(nan.getMessage().contains("Adagrad"), nan.getMessage());
    }

    // ---- convergence ------------------------------------------------------------------------------------------

    /**
     * Every optimizer reaches the minimum of a generated bowl (eigenvalues in [0.5, 4], so a condition number up
     * to 8, any orientation, minimum anywhere in [-3, 3]^2) from the origin. The adaptive methods take steps of about
     * lr whatever the gradient, so they get a cosine schedule to zero to settle; SGD and Adagrad converge linearly as
     * they are. Within 1e-4 after 3000 steps: the slowest (SGD at lr 0.1 along eigenvalue 0.5) contracts by 0.95 per
     * step, reaching 1e-60; the scheduled ones end with steps below lr * 1e-6.
     */
    @Property(tries = 15)
    void everyOptimizerReachesTheMinimum(@ForAll @DoubleRange(min = 0.5, max = 4) double l1,
                                         @ForAll @DoubleRange(min = 0.5, max = 4) double l2,
                                         @ForAll @DoubleRange(min = 0, max = 3.15) double angle,
                                         @ForAll @DoubleRange(min = -3, max = 3) double c1,
                                         @ForAll @DoubleRange(min = -3, max = 3) double c2) {
        Quadratic f = Quadratic.of(l1, l2, angle, c1, c2);
        int steps = 3000;
        Map<String, Supplier<Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("Adam", () -> Adam.of(0.1).schedule(LearningRateSchedule.cosine(steps, 0)));
        optimizers.put("ClippedAdam", () -> ClippedAdam.of(0.1, 0.9, 0.999, 1e-8, 1.0, 0.997));
        optimizers.put("Sgd", () -> Sgd.of(0.1));
        optimizers.put("Sgd momentum", () -> Sgd.of(0.05, 0.9, false));
        optimizers.put("Sgd Nesterov", () -> Sgd.of(0.05, 0.9, true));
        optimizers.put("Adagrad", () -> Adagrad.of(0.5));
        optimizers.put("RmsProp", () -> RmsProp.of(0.01).schedule(LearningRateSchedule.cosine(steps, 0)));
        optimizers.forEach((name, make) -> {
            double[] end = run(make.get(), f, new double[] {0, 0}, steps)[steps];
            double distance = Math.hypot(end[0] - c1, end[1] - c2);
            assertTrue(distance < 1e-4, name + " ended at distance " + distance + " from the minimum");
        });
    }
}
