package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Products split between threads equal the product's definition exactly, in both precisions: on small integers every
 * partial sum is exact in float32, so any part computed at a wrong offset, computed twice or left out shows as a
 * changed element. Generated cases cross the split threshold with either transposition, operand offsets, padded
 * leading dimensions, {@code beta} 0 or 1, and one to three threads; elements of C outside the product's block keep
 * their values, in the native buffer and in the Java array each part copies its block to. Parts tile the split
 * dimension, and an OpenBLAS thread count raised through JavaCPP's wrapper (as ND4J raises it) is set back to one.
 */
class NativeProductsProperties {

    /** One product: shapes, layout padding, offsets, accumulation and thread count. */
    record Case(boolean transA, boolean transB, int m, int n, int k, int padA, int padB, int padC, int ao, int bo,
                int co, boolean accumulate, int threads, long seed) {
        int lda() {
            return (transA ? m : k) + padA;
        }

        int ldb() {
            return (transB ? k : n) + padB;
        }

        int ldc() {
            return n + padC;
        }

        /** Elements of A's buffer: the offset plus the stored rows. */
        int sizeA() {
            return ao + (transA ? k : m) * lda();
        }

        int sizeB() {
            return bo + (transB ? n : k) * ldb();
        }

        int sizeC() {
            return co + m * ldc();
        }

        double a(double[] buffer, int i, int p) {
            return buffer[ao + (transA ? p * lda() + i : i * lda() + p)];
        }

        double b(double[] buffer, int p, int j) {
            return buffer[bo + (transB ? j * ldb() + p : p * ldb() + j)];
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            int m = 1 + r.nextInt(300);
            int n = 1 + r.nextInt(300);
            double scale = 0.25 + 2.75 * r.nextDouble();   // a quarter to three times the split threshold
            int k = (int) Math.max(1, Math.min(4096, scale * NativeProducts.SPLIT_THRESHOLD / ((long) m * n)));
            return new Case(r.nextBoolean(), r.nextBoolean(), m, n, k, r.nextInt(4), r.nextInt(4), r.nextInt(4),
                    r.nextInt(8), r.nextInt(8), r.nextInt(8), r.nextBoolean(), 1 + r.nextInt(3), seed);
        });
    }

    private static double[] integers(int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(17) - 8;
        }
        return v;
    }

    /** C's buffer after the product by definition: the block replaced or added to, everything else unchanged. */
    private static double[] expected(Case c, double[] a, double[] b, double[] c0) {
        double[] out = c0.clone();
        for (int i = 0; i < c.m(); i++) {
            for (int j = 0; j < c.n(); j++) {
                long sum = 0;
                for (int p = 0; p < c.k(); p++) {
                    sum += (long) (c.a(a, i, p) * c.b(b, p, j));
                }
                int at = c.co() + i * c.ldc() + j;
                out[at] = (c.accumulate() ? out[at] : 0) + sum;
            }
        }
        return out;
    }

    private static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @Property(tries = 40)
    void splitProductsEqualTheDefinition(@ForAll("cases") Case c) {
        Random r = new Random(c.seed());
        double[] a = integers(c.sizeA(), r);
        double[] b = integers(c.sizeB(), r);
        double[] c0 = integers(c.sizeC(), r);
        double[] want = expected(c, a, b, c0);
        NativeProducts products = new NativeProducts(new Parallel(c.threads()));

        try (FloatPointer pa = new FloatPointer(floats(a)); FloatPointer pb = new FloatPointer(floats(b));
             FloatPointer pc = new FloatPointer(floats(c0))) {
            float[] copied = floats(c0);
            products.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), pa, c.ao(), c.lda(), pb, c.bo(), c.ldb(),
                    c.accumulate() ? 1f : 0f, pc, c.co(), c.ldc(), copied);
            float[] got = new float[c.sizeC()];
            pc.position(0).get(got);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], 0.0, "float32 " + c + ", element " + i);
                assertEquals(want[i], copied[i], 0.0, "float32 " + c + ", element " + i + " copied out");
            }
        }
        try (DoublePointer pa = new DoublePointer(a); DoublePointer pb = new DoublePointer(b);
             DoublePointer pc = new DoublePointer(c0)) {
            double[] copied = c0.clone();
            products.dgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), pa, c.ao(), c.lda(), pb, c.bo(), c.ldb(),
                    c.accumulate() ? 1.0 : 0.0, pc, c.co(), c.ldc(), copied);
            double[] got = new double[c.sizeC()];
            pc.position(0).get(got);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], 0.0, "float64 " + c + ", element " + i);
                assertEquals(want[i], copied[i], 0.0, "float64 " + c + ", element " + i + " copied out");
            }
        }
    }

    @Property
    void partsTileTheSplitDimension(@ForAll("lengths") int length, @ForAll("partCounts") int parts) {
        int previous = 0;
        assertEquals(0, NativeProducts.boundary(length, parts, 0));
        for (int i = 1; i <= parts; i++) {
            int start = NativeProducts.boundary(length, parts, i);
            assertTrue(start > previous, "part " + (i - 1) + " of " + parts + " over " + length + " is empty");
            int even = (int) ((long) length * i / parts);
            assertTrue(Math.abs(start - even) <= 8, "boundary " + start + " is far from the even split " + even);
            if (length >= 8 * 16 * parts && i < parts) {
                assertEquals(0, start % 16, "boundary " + start + " of a long split is not block-aligned");
            }
            previous = start;
        }
        assertEquals(length, previous);
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(48, 5000);
    }

    @Provide
    Arbitrary<Integer> partCounts() {
        return Arbitraries.integers().between(1, 3);
    }

    @Example
    void aRaisedOpenBlasThreadCountIsSetBackToOne() {
        NativeProducts products = new NativeProducts(new Parallel(2));
        openblas_nolapack.blas_set_num_threads(2);       // as ND4J does when it starts
        try (FloatPointer a = new FloatPointer(new float[] {2}); FloatPointer b = new FloatPointer(new float[] {3});
             FloatPointer c = new FloatPointer(1L)) {
            products.sgemm(false, false, 1, 1, 1, a, 0, 1, b, 0, 1, 0f, c, 0, 1, null);
            assertEquals(6f, c.get(0));
        }
        assertEquals(1, openblas_nolapack.blas_get_num_threads());
    }
}
