package io.pplj.dist;

import static io.pplj.dist.DistTestSupport.append;
import static io.pplj.dist.DistTestSupport.assertClose;
import static io.pplj.dist.DistTestSupport.broadcastOffset;
import static io.pplj.dist.DistTestSupport.broadcastableTo;
import static io.pplj.dist.DistTestSupport.concat;
import static io.pplj.dist.DistTestSupport.numel;
import static io.pplj.dist.DistTestSupport.randomShape;
import static io.pplj.dist.DistTestSupport.spd;
import static io.pplj.dist.DistTestSupport.uniform;
import static io.pplj.dist.DistTestSupport.unravel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The wrapper distributions (Independent, ExpandedDistribution, MaskedDistribution, TransformedDistribution) and the
 * shape semantics every distribution shares ({@code sample(sampleShape)}, {@code expand}, {@code toEvent},
 * broadcasting of {@code logProb} values, validation messages), as properties over generated shapes, with Normal and
 * MultivariateNormal bases. Values are float64; sums and broadcasts are compared within 1e-12 relative.
 */
class WrapperProperties {

    private static Normal normal(Random r, int... batch) {
        return Normal.of(uniform(r, -2, 2, batch), uniform(r, 0.5, 2, batch));
    }

    private static MultivariateNormal mvn(Random r, int k, int... batch) {
        return MultivariateNormal.ofCovariance(uniform(r, -2, 2, append(batch, k)), spd(r, k, 0.5, batch));
    }

    // ---- Independent ------------------------------------------------------------------------------------------

    /**
     * {@code Independent(base, n)} moves the rightmost n batch dims into the event: shapes, logProb = base logProb
     * summed over them (values with extra sample dims included), support, entropy, mean, variance, rsample.
     */
    @Property(tries = 40)
    void independentReinterpretsBatchDims(@ForAll @IntRange(min = 1, max = 3) int rank,
                                          @ForAll @IntRange(min = 0, max = 3) int nRaw,
                                          @ForAll boolean multivariate, @ForAll long seed) {
        Random r = new Random(seed);
        int n = Math.min(nRaw, rank);
        int[] batch = randomShape(r, rank, 3);
        Distribution base = multivariate ? mvn(r, 2, batch) : normal(r, batch);
        Distribution d = Independent.of(base, n);
        int[] outer = Arrays.copyOf(batch, rank - n);
        int[] event = concat(Arrays.copyOfRange(batch, rank - n, rank), base.eventShape());
        assertArrayEquals(outer, d.batchShape());
        assertArrayEquals(event, d.eventShape());
        assertEquals(base.eventDim() + n, d.support().eventDim());
        assertEquals(base.hasRsample(), d.hasRsample());
        Tensor x = base.sample(Rng.of(seed), 2);
        Tensor lp = d.logProb(x);
        assertArrayEquals(append(new int[] {2}, outer), lp.shape());
        assertClose(Independent.sumRightmost(base.logProb(x), n), lp, 1e-12, 1e-12, "logProb sums the dims");
        assertClose(Independent.sumRightmost(base.entropy(), n), d.entropy(), 1e-12, 1e-12, "entropy sums");
        assertClose(base.mean(), d.mean(), 0, 0, "mean");
        assertClose(base.variance(), d.variance(), 0, 0, "variance");
        assertArrayEquals(concat(new int[] {3}, outer, event), d.rsample(Rng.of(1), 3).shape());
        assertTrue(d.support().check(x).all().item() != 0);
        assertClose(d.logProb(x), base.toEvent(n).logProb(x), 0, 0, "toEvent(n) is Independent(n)");
        if (n == 0) {
            assertSame(base, base.toEvent(0));
        }
        assertArrayEquals(append(new int[] {4}, outer), d.expand(append(new int[] {4}, outer)).batchShape());
    }

    @Test
    void independentRejectsBadDims() {
        Normal base = Normal.of(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.ones(DType.FLOAT64, 2, 3));
        for (int n : new int[] {-1, 3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Independent.of(base, n));
            assertTrue(e.getMessage().contains("Independent") && e.getMessage().contains("[2, 3]"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> base.toEvent(3));
    }

    @Test
    void independentSupportIsValidated() {
        Distribution positive = TransformedDistribution.of(Normal.of(Tensor.zeros(DType.FLOAT64, 3),
                Tensor.ones(DType.FLOAT64, 3)), ExpTransform.of());
        Distribution d = Independent.of(positive, 1);
        assertEquals("independent(positive, 1)", d.support().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.logProb(Tensor.of(new double[] {1, -1, 2}, DType.FLOAT64, 3)));
        assertTrue(e.getMessage().contains("Independent") && e.getMessage().contains("1 of 1 events"),
                e.getMessage());
    }

    @Test
    void klOfIndependentPairsSumsTheBaseDivergence() {
        Random r = new Random(4);
        Normal p = normal(r, 2, 3);
        Normal q = normal(r, 2, 3);
        assertClose(KL.divergence(p, q).sum(-1), KL.divergence(p.toEvent(1), q.toEvent(1)), 1e-12, 1e-14,
                "KL of Independent");
        assertThrows(IllegalArgumentException.class, () -> KL.divergence(p.toEvent(1), q.toEvent(2)));
    }

    // ---- ExpandedDistribution ---------------------------------------------------------------------------------

    /**
     * The generic expansion: draws in expanded positions come from the right base parameters and are independent.
     * The base has distinct locations and a scale of 1e-9, so every draw must equal the location of the base
     * element it broadcasts from within 1e-7, and draws in expanded positions must all differ. logProb broadcasts
     * the base's; mean/variance/entropy expand.
     */
    @Property(tries = 40)
    void expandedDrawsMapToTheirBaseElements(@ForAll @IntRange(min = 0, max = 3) int rank,
                                             @ForAll @IntRange(min = 0, max = 2) int extra,
                                             @ForAll boolean multivariate, @ForAll long seed) {
        Random r = new Random(seed);
        int[] target = randomShape(r, rank + extra, 3);
        int[] baseBatch = broadcastableTo(r, target);
        int k = multivariate ? 2 : 0;
        int[] locShape = multivariate ? append(baseBatch, k) : baseBatch;
        double[] locs = new double[numel(locShape)];
        for (int i = 0; i < locs.length; i++) {
            locs[i] = i + 1;
        }
        Tensor loc = Tensor.of(locs, DType.FLOAT64, locShape);
        Distribution base = multivariate
                ? MultivariateNormal.ofScaleTril(loc, Tensor.eye(k).asType(DType.FLOAT64).mul(1e-9))
                : Normal.of(loc, Tensor.scalar(1e-9, DType.FLOAT64));
        Distribution d = ExpandedDistribution.of(base, target);
        assertArrayEquals(target, d.batchShape());
        assertArrayEquals(base.eventShape(), d.eventShape());
        int[] sampleShape = randomShape(r, r.nextInt(2), 2);
        Tensor x = d.sample(Rng.of(seed), sampleShape);
        int[] full = d.extendedShape(sampleShape);
        assertArrayEquals(full, x.shape());
        double[] xv = x.toDoubleArray();
        int ev = multivariate ? k : 1;
        for (int i = 0; i < xv.length / ev; i++) {
            int[] idx = unravel(i, Arrays.copyOf(full, full.length - base.eventDim()));
            int from = broadcastOffset(idx, baseBatch);
            for (int e = 0; e < ev; e++) {
                assertEquals(locs[from * ev + e], xv[i * ev + e], 1e-7, "draw " + Arrays.toString(idx));
            }
        }
        assertEquals(xv.length, Arrays.stream(xv).distinct().count(), "independent draws everywhere");
        Tensor lp = d.logProb(x);
        assertArrayEquals(Arrays.copyOf(full, full.length - base.eventDim()), lp.shape());
        assertClose(base.logProb(x), lp, 0, 0, "logProb broadcasts the base's");
        assertArrayEquals(target, d.logProb(base.sample(Rng.of(3))).shape(), "logProb expands to the batch shape");
        assertArrayEquals(d.extendedShape(), d.mean().shape());
        assertArrayEquals(d.extendedShape(), d.variance().shape());
        assertArrayEquals(target, d.entropy().shape());
        assertClose(base.entropy().expand(target), d.entropy(), 0, 0, "entropy expands");
    }

    @Test
    void expandedRsampleCarriesGradientsToTheBase() {
        Tensor loc = Tensor.of(new double[] {1, 2, 3}, DType.FLOAT64, 3, 1).requiresGrad(true);
        Distribution d = ExpandedDistribution.of(Normal.of(loc, Tensor.scalar(1.0, DType.FLOAT64)),
                new int[] {2, 3, 4});
        Tensor x = d.rsample(Rng.of(2), 5);
        assertArrayEquals(new int[] {5, 2, 3, 4}, x.shape());
        Tensor g = Grad.of(x.sum(), loc)[0];
        assertClose(Tensor.full(40.0, DType.FLOAT64, 3, 1), g, 0, 0, "each base element feeds 5 * 2 * 4 draws");
    }

    @Test
    void expandRejectsIncompatibleShapes() {
        Normal base = Normal.of(Tensor.zeros(DType.FLOAT64, 3), Tensor.ones(DType.FLOAT64, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExpandedDistribution.of(base, new int[] {4}));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base.expand(2));
        Distribution ind = base.toEvent(1);
        assertSame(ind, ind.expand(), "expanding to the same batch shape is the identity");
        Distribution nested = ExpandedDistribution.of(ExpandedDistribution.of(base, new int[] {2, 3}),
                new int[] {4, 2, 3});
        assertArrayEquals(new int[] {6, 4, 2, 3}, nested.sample(Rng.of(1), 6).shape());
    }

    // ---- MaskedDistribution -----------------------------------------------------------------------------------

    /** Masked log-probs are 0 where the mask is false and the base's elsewhere; sampling is the base's. */
    @Property(tries = 40)
    void maskedLogProbsAreZeroWhereMasked(@ForAll @IntRange(min = 0, max = 3) int rank,
                                          @ForAll boolean multivariate, @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, rank, 3);
        Distribution base = multivariate ? mvn(r, 2, batch) : normal(r, batch);
        int[] maskShape = broadcastableTo(r, batch);
        boolean[] mv = new boolean[numel(maskShape)];
        for (int i = 0; i < mv.length; i++) {
            mv[i] = r.nextBoolean();
        }
        Tensor mask = Tensor.ofBooleans(mv, maskShape);
        Distribution d = base.mask(mask);
        assertInstanceOf(MaskedDistribution.class, d);
        assertArrayEquals(base.batchShape(), d.batchShape());
        assertArrayEquals(base.eventShape(), d.eventShape());
        Tensor x = base.sample(Rng.of(seed), 2);
        Tensor lp = d.logProb(x);
        Tensor full = base.logProb(x);
        assertArrayEquals(full.shape(), lp.shape());
        double[] got = lp.toDoubleArray();
        double[] ref = full.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            int[] idx = unravel(i, full.shape());
            boolean keep = mv[broadcastOffset(idx, maskShape)];
            assertEquals(keep ? ref[i] : 0.0, got[i], 0.0, "position " + Arrays.toString(idx) + " mask " + keep);
        }
        assertClose(base.sample(Rng.of(9), 3), d.sample(Rng.of(9), 3), 0, 0, "sampling is unchanged");
        assertEquals(base.hasRsample(), d.hasRsample());
    }

    @Test
    @SuppressWarnings("try")
    void maskedOutNonFiniteLogProbsBecomeZero() {
        Distribution positive = TransformedDistribution.of(Normal.of(Tensor.zeros(DType.FLOAT64, 2),
                Tensor.ones(DType.FLOAT64, 2)), ExpTransform.of());
        Distribution d = positive.mask(Tensor.ofBooleans(new boolean[] {true, false}, 2));
        Tensor value = Tensor.of(new double[] {1.0, -1.0}, DType.FLOAT64, 2);
        assertThrows(IllegalArgumentException.class, () -> d.logProb(value), "validation still sees the value");
        try (ThreadScope off = Validation.disable()) {
            double[] lp = d.logProb(value).toDoubleArray();
            assertEquals(positive.logProb(Tensor.of(new double[] {1.0, 1.0}, DType.FLOAT64, 2)).toDoubleArray()[0],
                    lp[0], 1e-15);
            assertEquals(0.0, lp[1], "NaN base log-prob masked to 0");
        }
    }

    @Test
    void maskShapeErrorsAreNamed() {
        Normal base = Normal.of(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.ones(DType.FLOAT64, 2, 3));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> base.mask(Tensor.ones(DType.FLOAT64, 3)));
        assertTrue(type.getMessage().contains("bool"), type.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> base.mask(Tensor.ofBooleans(new boolean[] {true, false}, 2)));
        assertTrue(shape.getMessage().contains("[2]") && shape.getMessage().contains("[2, 3]")
                && shape.getMessage().contains("Normal"), shape.getMessage());
    }

    /** As Pyro: a mask with more (or larger) batch dims broadcasts the distribution to the joint batch shape. */
    @Test
    void maskBroadcastsTheBatchShape() {
        Normal base = Normal.of(Tensor.of(new double[] {0, 1, 2}, DType.FLOAT64, 3), Tensor.scalar(1.0,
                DType.FLOAT64));
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, false}, 2, 1);
        Distribution d = base.mask(mask);
        assertArrayEquals(new int[] {2, 3}, d.batchShape());
        assertArrayEquals(new int[] {4, 2, 3}, d.sample(Rng.of(1), 4).shape());
        Tensor x = Tensor.of(new double[] {0.5, 0.5, 0.5}, DType.FLOAT64, 3);
        double[] lp = d.logProb(x).toDoubleArray();
        double[] ref = base.logProb(x).toDoubleArray();
        assertArrayEquals(new double[] {ref[0], ref[1], ref[2], 0, 0, 0}, lp);
        Distribution scalar = Normal.of(0, 1).mask(Tensor.ofBooleans(new boolean[] {false, true}, 2));
        assertArrayEquals(new int[] {2}, scalar.batchShape());
    }

    // ---- TransformedDistribution ------------------------------------------------------------------------------

    /**
     * StickBreaking on a Normal of batch shape [2, 3] is a distribution on the 4-simplex with batch [2]. Its logProb
     * is checked against the change of variables worked out by hand in plain Java: the inverse {@code x} by stick
     * breaking backwards, {@code log p_base(x)} from Commons Math, and the Jacobian of {@code x -> y_{0..K-2}},
     * which is lower triangular (y_i depends on x_0..x_i), so {@code log|det J| = sum_i log(dy_i / dx_i) =
     * sum_i [log z_i + log(1 - z_i) + sum_{j<i} log(1 - z_j)]} with {@code z_i = sigmoid(x_i - log(K - 1 - i))}.
     */
    @Test
    void stickBreakingOnANormalChangesTheEventShape() {
        Random r = new Random(12);
        Tensor locs = uniform(r, -1, 1, 2, 3);
        Tensor scales = uniform(r, 0.5, 1.5, 2, 3);
        Distribution d = TransformedDistribution.of(Normal.of(locs, scales), StickBreakingTransform.of());
        assertArrayEquals(new int[] {2}, d.batchShape());
        assertArrayEquals(new int[] {4}, d.eventShape());
        assertEquals(Constraint.simplex(), d.support());
        Tensor y = d.sample(Rng.of(3), 5);
        assertArrayEquals(new int[] {5, 2, 4}, y.shape());
        assertTrue(Constraint.simplex().check(y).all().item() != 0);
        assertArrayEquals(new int[] {7, 2, 4}, d.rsample(Rng.of(4), 7).shape());
        Tensor lp = d.logProb(y);
        assertArrayEquals(new int[] {5, 2}, lp.shape());
        double[] yv = y.toDoubleArray();
        double[] mu = locs.toDoubleArray();
        double[] sd = scales.toDoubleArray();
        double[] got = lp.toDoubleArray();
        int k = 4;
        for (int e = 0; e < 10; e++) {
            int b = e % 2;
            double remaining = 1;
            double logBase = 0;
            double logDet = 0;
            double logRemaining = 0;
            for (int i = 0; i < k - 1; i++) {
                double z = yv[e * k + i] / remaining;
                double x = Math.log(z / (1 - z)) + Math.log(k - 1 - i);
                logBase += new NormalDistribution(mu[b * 3 + i], sd[b * 3 + i]).logDensity(x);
                logDet += Math.log(z) + Math.log(1 - z) + logRemaining;
                logRemaining += Math.log(1 - z);
                remaining -= yv[e * k + i];
            }
            assertEquals(logBase - logDet, got[e], 1e-9 * (1 + Math.abs(logBase - logDet)), "event " + e);
        }
        IllegalArgumentException scalarBase = assertThrows(IllegalArgumentException.class,
                () -> TransformedDistribution.of(Normal.of(0, 1), StickBreakingTransform.of()));
        assertTrue(scalarBase.getMessage().contains("TransformedDistribution"), scalarBase.getMessage());
    }

    /**
     * Event-shape bookkeeping over generated shapes: transforms that keep, raise (CorrCholesky: vector to matrix)
     * or change (StickBreaking) event dims on Normal and MVN bases; logProb equals the change of variables
     * {@code log p_base(f^-1(y)) - log|det J_f(f^-1(y))|} with the base's extra batch dims summed.
     */
    @Property(tries = 30)
    void transformedShapesAndChangeOfVariables(@ForAll @IntRange(min = 1, max = 3) int rank,
                                               @ForAll @IntRange(min = 0, max = 3) int which, @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, rank, 3);
        int last = batch[rank - 1];
        Distribution base;
        Transform t;
        int[] expectBatch;
        int[] expectEvent;
        int reinterpreted;
        switch (which) {
            case 0 -> { // elementwise on a scalar family: nothing changes
                base = normal(r, batch);
                t = SigmoidTransform.of();
                expectBatch = batch;
                expectEvent = new int[0];
                reinterpreted = 0;
            }
            case 1 -> { // vector transform on a scalar family: the last batch dim joins the event and grows by 1
                base = normal(r, batch);
                t = ComposeTransform.of(AffineTransform.of(0.5, 2.0), StickBreakingTransform.of());
                expectBatch = Arrays.copyOf(batch, rank - 1);
                expectEvent = new int[] {last + 1};
                reinterpreted = 1;
            }
            case 2 -> { // elementwise on a vector family: the event stays [k]
                base = mvn(r, 3, batch);
                t = ExpTransform.of();
                expectBatch = batch;
                expectEvent = new int[] {3};
                reinterpreted = 0;
            }
            default -> { // vector to matrix on a vector family: event [3] becomes [3, 3]
                base = mvn(r, 3, batch);
                t = CorrCholeskyTransform.of();
                expectBatch = batch;
                expectEvent = new int[] {3, 3};
                reinterpreted = 0;
            }
        }
        Distribution d = TransformedDistribution.of(base, t);
        String what = t + " on " + base;
        assertArrayEquals(expectBatch, d.batchShape(), what + ": batch");
        assertArrayEquals(expectEvent, d.eventShape(), what + ": event");
        Tensor y = d.rsample(Rng.of(seed), 2);
        assertArrayEquals(concat(new int[] {2}, expectBatch, expectEvent), y.shape(), what + ": rsample");
        assertTrue(d.support().check(y).all().item() != 0, what + ": draws in the support " + d.support());
        assertEquals(expectEvent.length, d.support().eventDim(), what + ": support event dims");
        Tensor x = t.inverse(y);
        // the log-det is per event of t; an elementwise t on a vector family sums it over the family's event dims
        Tensor expected = Independent.sumRightmost(base.logProb(x), reinterpreted)
                .sub(Independent.sumRightmost(t.logAbsDetJacobian(x, y), d.eventDim() - t.codomain().eventDim()));
        assertClose(expected, d.logProb(y), 1e-12, 1e-12, what + ": change of variables");
    }

    /** An affine map whose parameters have more dims than the base: the batch shape grows (PyTorch forward_shape). */
    @Test
    void affineParametersBroadcastTheBatchShape() {
        Tensor loc = Tensor.of(new double[] {-1, 0, 2}, DType.FLOAT64, 3);
        Tensor scale = Tensor.of(new double[] {0.5, 1, 3}, DType.FLOAT64, 3);
        Distribution d = TransformedDistribution.of(Normal.of(Tensor.scalar(0.0, DType.FLOAT64),
                Tensor.scalar(1.0, DType.FLOAT64)), AffineTransform.of(loc, scale));
        assertArrayEquals(new int[] {3}, d.batchShape());
        Tensor y = d.sample(Rng.of(1), 4);
        assertArrayEquals(new int[] {4, 3}, y.shape());
        assertClose(Normal.of(loc, scale).logProb(y), d.logProb(y), 1e-12, 1e-12, "an affine normal is normal");
    }

    // ---- shared shape semantics and validation ----------------------------------------------------------------

    /**
     * PyTorch shape rules over generated shapes: {@code sample(s)} has {@code s + batch + event}; logProb of a value
     * whose leading dims broadcast with the batch shape has the broadcast shape; expand and toEvent reshape as
     * documented.
     */
    @Property(tries = 60)
    void logProbBroadcastsValuesAgainstTheBatchShape(@ForAll @IntRange(min = 0, max = 3) int rank,
                                                     @ForAll boolean multivariate, @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, rank, 3);
        Distribution d = multivariate ? mvn(r, 2, batch) : normal(r, batch);
        int[] sampleShape = randomShape(r, r.nextInt(3), 3);
        assertArrayEquals(d.extendedShape(sampleShape), d.sample(Rng.of(1), sampleShape).shape());
        int[] lead = broadcastableTo(r, concat(randomShape(r, r.nextInt(2), 2), batch));
        Tensor value = uniform(r, -1, 1, concat(lead, d.eventShape()));
        Tensor lp = d.logProb(value);
        assertArrayEquals(Shapes.broadcast("test", lead, batch), lp.shape(), "logProb of " + Arrays.toString(
                value.shape()) + " on batch " + Arrays.toString(batch));
        // each element equals the logProb of the same value against the matching single-element distribution
        Tensor expanded = value.expand(concat(Shapes.broadcast("test", lead, batch), d.eventShape()));
        assertClose(d.logProb(expanded), lp, 1e-12, 1e-12, "broadcast value");
        int[] bigger = concat(new int[] {2}, batch);
        Distribution e = d.expand(bigger);
        assertArrayEquals(bigger, e.batchShape());
        assertArrayEquals(d.eventShape(), e.eventShape());
        assertClose(d.logProb(value).expand(Shapes.broadcast("test", lp.shape(), bigger)), e.logProb(value), 0,
                0, "expanded logProb");
        if (rank > 0) {
            Distribution ind = d.toEvent(rank);
            assertArrayEquals(new int[0], ind.batchShape());
            assertArrayEquals(concat(batch, d.eventShape()), ind.eventShape());
        }
    }

    @Test
    void logProbValidationMessages() {
        Normal d = Normal.of(Tensor.zeros(DType.FLOAT64, 3, 1), Tensor.ones(DType.FLOAT64, 4));
        IllegalArgumentException broadcast = assertThrows(IllegalArgumentException.class,
                () -> d.logProb(Tensor.zeros(DType.FLOAT64, 5)));
        assertTrue(broadcast.getMessage().contains("Normal") && broadcast.getMessage().contains("[5]")
                && broadcast.getMessage().contains("batch shape [3, 4]")
                && broadcast.getMessage().contains("event shape []"), broadcast.getMessage());
        MultivariateNormal m = MultivariateNormal.ofScaleTril(Tensor.zeros(DType.FLOAT64, 3),
                Tensor.eye(3).asType(DType.FLOAT64));
        IllegalArgumentException event = assertThrows(IllegalArgumentException.class,
                () -> m.logProb(Tensor.zeros(DType.FLOAT64, 2, 2)));
        assertTrue(event.getMessage().contains("[2, 2]") && event.getMessage().contains("event shape [3]"),
                event.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> m.logProb(Tensor.scalar(0.0, DType.FLOAT64)));
        assertTrue(scalar.getMessage().contains("event shape [3]"), scalar.getMessage());
        IllegalArgumentException wrapped = assertThrows(IllegalArgumentException.class,
                () -> m.expand(2).toEvent(1).logProb(Tensor.zeros(DType.FLOAT64, 3, 3)));
        assertTrue(wrapped.getMessage().contains("Independent") && wrapped.getMessage().contains("[3, 3]")
                && wrapped.getMessage().contains("event shape [2, 3]"), wrapped.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.sample(Rng.of(1), -1));
    }
}
