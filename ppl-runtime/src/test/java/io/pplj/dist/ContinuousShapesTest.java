package io.pplj.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Shapes of every continuous family, as in PyTorch: parameters broadcast to the batch shape; {@code sample} and
 * {@code rsample} give {@code sampleShape + batchShape + eventShape}; {@code logProb} broadcasts its value;
 * moments have the batch (and event) shape; {@code expand} keeps the family, so KL lookups still work; and the
 * location-scale draws have their exact pathwise derivatives.
 */
class ContinuousShapesTest {

    /** How each family is built from two broadcasting tensors a and b with values in (0.5, 1.5). */
    enum Family {
        LOG_NORMAL(LogNormal::of),
        UNIFORM((a, b) -> Uniform.of(a.neg(), b)),
        EXPONENTIAL((a, b) -> Exponential.of(a.mul(b))),
        GAMMA(Gamma::of),
        BETA(Beta::of),
        DIRICHLET((a, b) -> {
            Tensor c = a.mul(b).unsqueeze(-1);
            return Dirichlet.of(Tensor.cat(-1, c, c.add(1.0), c.mul(0.5)));
        }),
        STUDENT_T((a, b) -> StudentT.of(a.add(2.0), b, a)),
        CAUCHY(Cauchy::of),
        HALF_CAUCHY((a, b) -> HalfCauchy.of(a.mul(b))),
        HALF_NORMAL((a, b) -> HalfNormal.of(a.mul(b))),
        LAPLACE(Laplace::of),
        GUMBEL(Gumbel::of),
        DELTA((a, b) -> Delta.of(a.mul(b)));

        final BiFunction<Tensor, Tensor, Distribution> make;

        Family(BiFunction<Tensor, Tensor, Distribution> make) {
            this.make = make;
        }

        int[] event() {
            return this == DIRICHLET ? new int[] {3} : new int[0];
        }
    }

    private static Tensor params(long seed, int... shape) {
        return Rng.of(seed).uniform(DType.FLOAT64, shape).add(0.5);
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void batchedParametersBroadcastAsInPyTorch() {
        for (Family f : Family.values()) {
            Tensor a = params(1, 3, 1).requiresGrad(true);
            Tensor b = params(2, 4).requiresGrad(true);
            Distribution d = f.make.apply(a, b);
            String what = f.name();
            int[] ev = f.event();
            assertArrayEquals(new int[] {3, 4}, d.batchShape(), what);
            assertArrayEquals(ev, d.eventShape(), what);
            Tensor x = d.sample(Rng.of(3), 5, 2);
            assertArrayEquals(concat(new int[] {5, 2, 3, 4}, ev), x.shape(), what);
            assertFalse(x.requiresGrad(), what + ": sample() carries no gradient");
            Tensor r = d.rsample(Rng.of(3), 5, 2);
            assertArrayEquals(x.toDoubleArray(), r.detach().toDoubleArray(), what + ": same draws from one seed");
            assertTrue(r.requiresGrad(), what + ": rsample() carries gradients");
            Tensor[] g = Grad.of(r.sum(), a, b);
            for (Tensor gi : g) {
                assertTrue(gi.isFinite().all().item() != 0.0, what + ": finite gradients");
            }
            assertArrayEquals(new int[] {5, 2, 3, 4}, d.logProb(x).shape(), what);
            Tensor one = x.select(0, 0).select(0, 0);
            Tensor row = one.select(0, 1);
            assertArrayEquals(new int[] {3, 4}, d.logProb(row).shape(), what + ": value broadcasts over the batch");
            assertArrayEquals(concat(new int[] {3, 4}, ev), d.mean().shape(), what);
            assertArrayEquals(concat(new int[] {3, 4}, ev), d.variance().shape(), what);
            if (f != Family.DELTA) {
                assertArrayEquals(new int[] {3, 4}, d.entropy().shape(), what);
            }
        }
    }

    @Test
    void expandKeepsTheFamilyAndDrawsIndependently() {
        for (Family f : Family.values()) {
            Distribution d = f.make.apply(params(4, 3, 1), params(5, 4));
            String what = f.name();
            int[] ev = f.event();
            Distribution e = d.expand(2, 3, 4);
            assertSame(d.getClass(), e.getClass(), what + ": expand keeps the family");
            assertArrayEquals(new int[] {2, 3, 4}, e.batchShape(), what);
            assertArrayEquals(ev, e.eventShape(), what);
            Tensor x = e.sample(Rng.of(6), 5);
            assertArrayEquals(concat(new int[] {5, 2, 3, 4}, ev), x.shape(), what);
            Tensor lp = e.logProb(x);
            assertArrayEquals(new int[] {5, 2, 3, 4}, lp.shape(), what);
            assertArrayEquals(d.logProb(x).toDoubleArray(), lp.toDoubleArray(), 1e-12, what + ": same densities");
            assertArrayEquals(d.mean().expand(concat(new int[] {2, 3, 4}, ev)).toDoubleArray(),
                    e.mean().toDoubleArray(), 1e-12, what);
            if (f != Family.DELTA) {
                long distinct = Arrays.stream(x.toDoubleArray()).distinct().count();
                assertEquals(x.numel(), distinct, what + ": independent draws in the expanded positions");
            }
        }
    }

    @Property(tries = 60)
    void shapesOverGeneratedBatchAndSampleShapes(@ForAll Family family,
                                                 @ForAll @Size(max = 3) List<@IntRange(min = 1, max = 3) Integer> batch,
                                                 @ForAll @Size(max = 2) List<@IntRange(min = 1, max = 3) Integer> sample,
                                                 @ForAll @IntRange(min = 0, max = 2) int extraLead) {
        int[] bs = batch.stream().mapToInt(Integer::intValue).toArray();
        int[] ss = sample.stream().mapToInt(Integer::intValue).toArray();
        // a has the full batch shape; b only its last dimension (or is a scalar)
        int[] bShape = bs.length == 0 ? new int[0] : new int[] {bs[bs.length - 1]};
        Distribution d = family.make.apply(params(7, bs), params(8, bShape));
        int[] ev = family.event();
        assertArrayEquals(bs, d.batchShape());
        Tensor x = d.sample(Rng.of(9), ss);
        assertArrayEquals(concat(ss, bs, ev), x.shape());
        assertArrayEquals(concat(ss, bs), d.logProb(x).shape());
        int[] lead = IntStream.range(0, extraLead).map(i -> 2).toArray();
        int[] wider = concat(lead, bs);
        Distribution e = d.expand(wider);
        assertSame(d.getClass(), e.getClass());
        assertArrayEquals(concat(ss, wider, ev), e.rsample(Rng.of(10), ss).shape());
        assertArrayEquals(concat(wider, ev), e.mean().shape());
    }

    @Test
    void klLookupsSurviveExpand() {
        Gamma p = Gamma.of(params(11, 3), params(12, 3));
        Gamma q = Gamma.of(params(13, 3), params(14, 3));
        Tensor kl = KL.divergence(p.expand(2, 3), q.expand(2, 3));
        assertArrayEquals(new int[] {2, 3}, kl.shape());
        assertArrayEquals(KL.divergence(p, q).expand(2, 3).toDoubleArray(), kl.toDoubleArray(), 1e-12);
    }

    /**
     * Location-scale draws {@code x = loc + scale * eps}: {@code dx/dloc = 1} and {@code dx/dscale = (x - loc) /
     * scale} exactly, draw by draw.
     */
    @Test
    void locationScaleDrawsHaveExactPathwiseDerivatives() {
        List<BiFunction<Tensor, Tensor, Distribution>> families = List.of(Normal::of, Cauchy::of, Laplace::of,
                Gumbel::of, (l, s) -> StudentT.of(Tensor.scalar(3.5, DType.FLOAT64), l, s),
                (l, s) -> Uniform.of(l, l.add(s)));
        for (BiFunction<Tensor, Tensor, Distribution> f : families) {
            Tensor loc = Tensor.scalar(0.7, DType.FLOAT64).requiresGrad(true);
            Tensor scale = Tensor.scalar(1.9, DType.FLOAT64).requiresGrad(true);
            Distribution d = f.apply(loc, scale);
            Tensor x = d.rsample(Rng.of(15), 8);
            Tensor[] g = Grad.of(x.sum(), loc, scale);
            assertEquals(8.0, g[0].item(), 1e-12, d.name() + ": sum of dx/dloc");
            assertEquals(x.detach().sub(0.7).div(1.9).sum().item(), g[1].item(), 1e-12,
                    d.name() + ": sum of dx/dscale");
        }
        for (BiFunction<Tensor, Tensor, Distribution> half : List.<BiFunction<Tensor, Tensor, Distribution>>of(
                (l, s) -> HalfNormal.of(s), (l, s) -> HalfCauchy.of(s))) {
            Tensor scale = Tensor.scalar(1.9, DType.FLOAT64).requiresGrad(true);
            Tensor x = half.apply(null, scale).rsample(Rng.of(17), 8);
            assertEquals(x.sum().item() / 1.9, Grad.of(x.sum(), scale)[0].item(), 1e-12, "dx/dscale = x / scale");
        }
    }
}
