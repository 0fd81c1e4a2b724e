package io.pplj.runtime;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static io.pplj.runtime.Ppl.sequentialPlate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Independent;
import io.pplj.dist.Normal;
import io.pplj.dist.OneHotCategorical;
import io.pplj.dist.Poisson;
import io.pplj.runtime.RandomModels.Spec;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Plates: Pyro's dim allocation (automatic in entering order, explicit, freed on close, event dims to the right),
 * broadcasting, vectorized vs sequential log-probabilities, unbiased subsampling, and subsample indices shared through
 * replay.
 */
@SuppressWarnings("try")
class PlateProperties {

    @Provide
    Arbitrary<Spec> models() {
        return RandomModels.specs();
    }

    /** A generated plate's name without the iteration suffixes of the sequential plates around it. */
    private static String baseName(String name) {
        int cut = name.indexOf('_');
        return cut < 0 ? name : name.substring(0, cut);
    }

    @Property(tries = 200)
    void generatedPlatesGetPyrosDimsAndSitesTheirShapes(@ForAll("models") Spec spec, @ForAll long seed) {
        try (ParamStore store = ParamStore.open()) {
            Trace t = Handlers.trace(Handlers.seed(spec.model(), seed)).getTrace(null);
            for (Site s : t.sites()) {
                int rank = 0;
                for (Frame f : s.frames()) {
                    if (f.vectorized()) {
                        assertEquals(spec.expectedDims.get(baseName(f.name())), f.dim(), s + " " + spec);
                        rank = Math.max(rank, -f.dim());
                    }
                }
                if (s.type() != Message.Type.SAMPLE) {
                    continue;
                }
                int[] batch = s.distribution().batchShape();
                int[] expected = new int[rank];
                Arrays.fill(expected, 1);
                for (Frame f : s.frames()) {
                    if (f.vectorized()) {
                        expected[rank + f.dim()] = f.size();
                    }
                }
                assertArrayEquals(expected, batch, "batch shape of " + s + " " + spec);
                assertArrayEquals(batch, s.logProb().shape(), "log-prob shape of " + s);
                if (!s.isObserved()) {
                    assertArrayEquals(s.distribution().extendedShape(), s.value().shape(), "value of " + s);
                }
            }
        }
    }

    @Test
    void automaticDimsAreTakenInEnteringOrderAndFreedOnClose() {
        try (Plate a = plate("a", 3)) {
            assertEquals(-1, a.dim());
            try (Plate b = plate("b", 2)) {
                assertEquals(-2, b.dim());
                Trace t = Handlers.trace(Model.of(x -> sample("z", Normal.of(0.0, 1.0)))).getTrace(null);
                Site z = t.site("z");
                assertArrayEquals(new int[] {2, 3}, z.value().shape());
                assertEquals(List.of(new Frame("a", -1, 3, 0, 3), new Frame("b", -2, 2, 0, 2)), z.frames(),
                        "frames outermost first");
            }
            try (Plate c = plate("c", 4)) {
                assertEquals(-2, c.dim(), "b's dim is free again");
            }
        }
        try (Plate d = plate("d", 5)) {
            assertEquals(-1, d.dim(), "every dim is free again");
        }
    }

    @Test
    void explicitDimsAreKeptAndAutomaticOnesFillTheGaps() {
        try (Plate a = plate("a", 3, 3, -2); Plate b = plate("b", 4); Plate c = plate("c", 5)) {
            assertEquals(-2, a.dim());
            assertEquals(-1, b.dim());
            assertEquals(-3, c.dim());
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            assertArrayEquals(new int[] {5, 3, 4}, z.shape());
        }
        try (Plate far = plate("far", 2, 2, -3)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            assertArrayEquals(new int[] {2, 1, 1}, z.shape(), "dims left of a plate's dim are 1");
        }
    }

    @Test
    void eventDimsStayToTheRightOfThePlates() {
        try (Plate a = plate("a", 3); Plate b = plate("b", 2)) {
            TraceMessenger tracer = new TraceMessenger();
            try (Messenger active = tracer.enter()) {
                sample("mv", Independent.of(Normal.of(Tensor.zeros(4), 1.0), 1));
                sample("cat", OneHotCategorical.of(0.2, 0.3, 0.5));
                observe("obs", Independent.of(Normal.of(Tensor.zeros(4), 1.0), 1), Tensor.zeros(3, 4));
            }
            Trace t = tracer.trace();
            assertArrayEquals(new int[] {2, 3, 4}, t.site("mv").value().shape());
            assertArrayEquals(new int[] {2, 3}, t.site("mv").logProb().shape());
            assertArrayEquals(new int[] {2, 3, 3}, t.site("cat").value().shape());
            assertArrayEquals(new int[] {2, 3}, t.site("cat").logProb().shape());
            assertArrayEquals(new int[] {2, 3}, t.site("obs").logProb().shape(), "data broadcast over plate b");
        }
    }

    @Test
    void distributionsBroadcastAgainstThePlateSizes() {
        try (Plate a = plate("a", 3)) {
            assertArrayEquals(new int[] {3}, sample("same", Normal.of(Tensor.zeros(3), 1.0)).shape());
            try (Plate b = plate("b", 2)) {
                assertArrayEquals(new int[] {2, 3}, sample("row", Normal.of(Tensor.zeros(3), 1.0)).shape());
                assertArrayEquals(new int[] {2, 3}, sample("col", Normal.of(Tensor.zeros(2, 1), 1.0)).shape());
                assertArrayEquals(new int[] {2, 3}, sample("both", Normal.of(Tensor.zeros(2, 3), 1.0)).shape());
            }
        }
    }

    /** The vectorized form of a two-level model: rows (optionally subsampled) holding a latent, an observation and cols. */
    private static Model<Void, Void> vectorized(int rows, int sub, int cols, Tensor x, Tensor y) {
        return Model.of(ignored -> {
            Tensor mu = sample("mu", Normal.of(0.0, 1.0));
            try (Plate r = plate("rows", rows, sub)) {
                Tensor z = sample("z", Normal.of(mu, 1.0));
                observe("x", Normal.of(z, 0.5), r.subsample(x));
                try (Plate c = plate("cols", cols)) {
                    observe("y", Poisson.of(z.mul(0.3).exp()), r.subsample(y, 1));
                }
            }
        });
    }

    /** The same model with both plates sequential: sites named after their indices. */
    private static Model<Void, Void> sequential(int rows, int sub, int cols, Tensor x, Tensor y) {
        return Model.of(ignored -> {
            Tensor mu = sample("mu", Normal.of(0.0, 1.0));
            sequentialPlate("rows", rows, sub, i -> {
                Tensor z = sample("z_" + i, Normal.of(mu, 1.0));
                observe("x_" + i, Normal.of(z, 0.5), x.select(0, i));
                sequentialPlate("cols", cols, j -> observe("y_" + i + "_" + j, Poisson.of(z.mul(0.3).exp()),
                        y.select(0, j).select(0, i)));
            });
        });
    }

    @Property(tries = 100)
    void vectorizedAndSequentialPlatesGiveTheSameLogProbSum(@ForAll @IntRange(min = 1, max = 6) int rows,
                                                           @ForAll @IntRange(min = 1, max = 6) int subsample,
                                                           @ForAll @IntRange(min = 1, max = 4) int cols,
                                                           @ForAll long seed) {
        int sub = Math.min(subsample, rows);
        Random r = new Random(seed);
        double[] xs = new double[rows];
        double[] ys = new double[cols * rows];
        for (int i = 0; i < rows; i++) {
            xs[i] = r.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = r.nextInt(6);
        }
        Tensor x = Tensor.of(xs, rows);
        Tensor y = Tensor.of(ys, cols, rows);
        Trace v = Handlers.trace(Handlers.seed(vectorized(rows, sub, cols, x, y), seed)).getTrace(null);
        // the sequential run takes the vectorized run's latent values (conditioned) and subsample (replayed)
        long[] idx = v.contains("rows") ? v.site("rows").value().toLongArray() : null;
        Map<String, Tensor> values = new HashMap<>();
        values.put("mu", v.site("mu").value());
        for (int k = 0; k < sub; k++) {
            values.put("z_" + (idx == null ? k : idx[k]), v.site("z").value().select(0, k));
        }
        Trace s = Handlers.trace(Handlers.replay(Handlers.condition(sequential(rows, sub, cols, x, y), values), v))
                .getTrace(null);
        assertEquals(1 + sub * (2 + cols) + (sub < rows ? 1 : 0), s.names().size(), s.names().toString());
        double sumAbs = 0;
        int terms = 0;
        for (Site site : v.sampleSites()) {
            for (double lp : site.logProb().toDoubleArray()) {
                sumAbs += Math.abs(lp);
                terms++;
            }
        }
        // The same float32 terms (per-element kernels are the same) added in different orders: each of the `terms`
        // additions rounds by at most 2^-24 of the running magnitude, <= sumAbs, in each sum.
        double tolerance = 2 * terms * Math.pow(2, -24) * sumAbs;
        assertEquals(v.logProbSum().item(), s.logProbSum().item(), tolerance, "rows " + rows + " sub " + sub
                + " cols " + cols);
        if (sub < rows) {
            assertEquals(rows / (double) sub, s.site("x_" + idx[0]).scale(), 1e-15);
        }
    }

    /** Mean and sample variance of {@code k} subsampled log-probabilities, each from the model with one seed. */
    private static double[] estimates(int k, IntFunction<Double> estimate) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < k; i++) {
            double e = estimate.apply(i);
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / k;
        return new double[] {mean, (sumSq - k * mean * mean) / (k - 1)};
    }

    @Test
    void subsampledLogProbsAreUnbiasedWithTheSamplingVariance() {
        int n = 20;
        int m = 5;
        int k = 2000;
        double[] data = new double[n];
        Random r = new Random(11);
        double[] lp = new double[n];
        double full = 0;
        for (int i = 0; i < n; i++) {
            data[i] = 2 * r.nextGaussian() + 0.5;
            lp[i] = -0.5 * data[i] * data[i] - 0.5 * Math.log(2 * Math.PI);
            full += lp[i];
        }
        Tensor x = Tensor.of(data, DType.FLOAT64, n);
        Model<Void, Void> vectorized = Model.of(ignored -> {
            try (Plate p = plate("data", n, m)) {
                observe("x", Normal.of(Tensor.scalar(0.0, DType.FLOAT64), 1.0), p.subsample(x));
            }
        });
        Model<Void, Void> seq = Model.of(ignored -> sequentialPlate("data", n, m,
                i -> observe("x_" + i, Normal.of(Tensor.scalar(0.0, DType.FLOAT64), 1.0), x.select(0, i))));
        // Sampling m of n without replacement: Var[(n/m) sum_S lp] = n^2 (1 - m/n) s^2 / m, s^2 the population
        // variance of lp with divisor n - 1.
        double mean = full / n;
        double s2 = 0;
        for (double v : lp) {
            s2 += (v - mean) * (v - mean);
        }
        s2 /= n - 1;
        double variance = n * (double) n * (1 - m / (double) n) * s2 / m;
        for (Model<Void, Void> model : List.of(vectorized, seq)) {
            double[] e = estimates(k, i -> Handlers.trace(Handlers.seed(model, 1000 + i)).getTrace(null)
                    .logProbSum().item());
            // the average of k independent estimates is within 5 of its standard deviations of the full value
            assertEquals(full, e[0], 5 * Math.sqrt(variance / k));
            // the sample variance of k draws has relative standard deviation about sqrt(2 / k) = 0.032 (plus a
            // kurtosis term of the same order); 0.75 .. 1.33 is more than 5 of them
            double ratio = e[1] / variance;
            assertTrue(ratio > 0.75 && ratio < 1.33, "sample variance / theory = " + ratio);
        }
    }

    @Test
    void nestedSubsampledPlatesAreUnbiased() {
        int rows = 8;
        int cols = 6;
        int k = 1500;
        Random r = new Random(5);
        double[] data = new double[rows * cols];
        double full = 0;
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian() * 1.5;
            full += -0.5 * data[i] * data[i] - 0.5 * Math.log(2 * Math.PI);
        }
        Tensor x = Tensor.of(data, DType.FLOAT64, cols, rows);
        Model<Void, Void> model = Model.of(ignored -> {
            try (Plate rp = plate("rows", rows, 3); Plate cp = plate("cols", cols, 2)) {
                observe("x", Normal.of(Tensor.scalar(0.0, DType.FLOAT64), 1.0),
                        cp.subsample(rp.subsample(x, 1), 0));
            }
        });
        Trace one = Handlers.trace(model).getTrace(null);
        assertEquals(rows / 3.0 * cols / 2.0, one.site("x").scale(), 1e-12);
        double[] e = estimates(k, i -> Handlers.trace(Handlers.seed(model, 7000 + i)).getTrace(null)
                .logProbSum().item());
        // bound from the estimated variance of the average
        assertEquals(full, e[0], 5 * Math.sqrt(e[1] / k));
    }

    @Test
    void subsampleIndicesAreSharedBetweenGuideAndModelThroughReplay() {
        Tensor data = Tensor.arange(100).asType(DType.FLOAT32);
        Model<Tensor, Void> guide = Model.of(d -> {
            try (Plate p = plate("data", 100, 10)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        Model<Tensor, Void> model = Model.of(d -> {
            try (Plate p = plate("data", 100, 10)) {
                Tensor z = sample("z", Normal.of(0.0, 1.0));
                observe("x", Normal.of(z, 1.0), p.subsample(d));
            }
        });
        Trace g = Handlers.trace(guide).getTrace(data);
        Trace m = Handlers.trace(Handlers.replay(model, g)).getTrace(data);
        Tensor indices = g.site("data").value();
        assertSame(indices, m.site("data").value());
        assertArrayEquals(indices.asType(DType.FLOAT32).toDoubleArray(), m.site("x").value().toDoubleArray(),
                "the model observes the rows the guide chose");
        assertArrayEquals(g.site("z").value().toDoubleArray(), m.site("z").value().toDoubleArray());
        assertEquals(10.0, m.site("x").scale());
        assertEquals(new Frame("data", -1, 10, 0, 100), m.site("x").frames().get(0));
    }

    @Test
    void subsampleSelectsTheChosenEntriesAlongADim() {
        Tensor data = Tensor.of(new double[] {0, 1, 2, 3, 4, 10, 11, 12, 13, 14}, 2, 5);
        try (Plate p = plate("data", 5, Tensor.ofLongs(4, 1))) {
            assertArrayEquals(new long[] {4, 1}, p.indices().toLongArray());
            assertEquals(2, p.subsampleSize());
            assertArrayEquals(new double[] {4, 1, 14, 11}, p.subsample(data, 1).toDoubleArray());
            assertArrayEquals(new int[] {2, 2}, p.subsample(data, 1).shape());
            Trace t = Handlers.trace(Model.of(x -> observe("x", Normal.of(0.0, 1.0), p.subsample(data, 1))))
                    .getTrace(null);
            assertEquals(2.5, t.site("x").scale());
        }
        try (Plate whole = plate("whole", 4)) {
            assertArrayEquals(new long[] {0, 1, 2, 3}, whole.indices().toLongArray());
            assertSame(data, whole.subsample(data), "no subsample: the data itself");
        }
        try (Plate rows = plate("rows", 5, 3)) {
            Tensor picked = rows.subsample(Tensor.arange(5).asType(DType.FLOAT32));
            assertArrayEquals(rows.indices().asType(DType.FLOAT32).toDoubleArray(), picked.toDoubleArray());
            long[] idx = rows.indices().toLongArray();
            assertEquals(3, Arrays.stream(idx).distinct().count(), "a subsample has no repeated index");
        }
    }

    @Test
    void sequentialPlatesHaveNoDimAndCountIterations() {
        Trace t = Handlers.trace(Model.of(x -> {
            try (Plate outer = plate("outer", 2)) {
                sequentialPlate("seq", 3, i -> sample("z_" + i, Normal.of(0.0, 1.0)));
            }
        })).getTrace(null);
        for (int i = 0; i < 3; i++) {
            Site z = t.site("z_" + i);
            assertEquals(2, z.frames().size());
            Frame seq = z.frames().get(1);
            assertNull(seq.dim());
            assertEquals(i, seq.counter());
            assertArrayEquals(new int[] {2}, z.value().shape(), "only the vectorized plate adds a dim");
        }
    }
}
