package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.MatmulPlan;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The Java matrix-product loops against a reference triple loop in both precisions, for every storage layout and for
 * sizes on both sides of the four-row and four-column blocking (remainder rows and columns included).
 */
class JavaGemmProperties {

    @Property(tries = 300)
    void productsMatchTheReference(@ForAll @IntRange(min = 1, max = 11) int m,
                                   @ForAll @IntRange(min = 1, max = 11) int k,
                                   @ForAll @IntRange(min = 1, max = 5) int n, @ForAll boolean transA,
                                   @ForAll boolean transB, @ForAll long seed) {
        Random r = new Random(seed);
        double[] a = new double[m * k + 3];
        double[] b = new double[k * n + 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble() * 2 - 1;
        }
        // operands start at an offset, so the loops must honour it
        MatmulPlan plan = new MatmulPlan(m, k, n, transA, transB, new int[] {0}, new int[] {0});
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) {
                    double aiq = a[3 + (transA ? q * m + i : i * k + q)];
                    double bqj = b[2 + (transB ? j * k + q : q * n + j)];
                    s += aiq * bqj;
                }
                expected[i * n + j] = s;
            }
        }
        double[] c64 = new double[m * n + 1];
        JavaGemm.f64(a, 3, b, 2, c64, 1, plan);
        float[] c32 = new float[m * n + 1];
        JavaGemm.f32(toFloat(a), 3, toFloat(b), 2, c32, 1, plan);
        String what = m + "x" + k + "x" + n + (transA ? " transA" : "") + (transB ? " transB" : "");
        assertEquals(0.0, c64[0], what + ": wrote before its output");
        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], c64[i + 1], 1e-12, what + " float64 at " + i);
            assertEquals(expected[i], c32[i + 1], 1e-5, what + " float32 at " + i);
        }
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
