package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.cpu.CpuBackend;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam update against the textbook formula evaluated in float64, for the CPU kernel (small and large
 * tensors, so the parallel split runs) and for {@link Backend}'s composed default, in both precisions; moments kept
 * in an {@link AdamMoments} (updated in place by the CPU backend) give exactly the tensor path's values, step after
 * step, and the parameter they are given is never written.
 */
class FusedAdamProperties {

    @Property(tries = 40)
    void fusedAdamMatchesTheFormula(@ForAll @IntRange(min = 1, max = 3) int steps, @ForAll boolean large,
                                    @ForAll boolean float32, @ForAll boolean firstStepHasNoMoments,
                                    @ForAll long seed) {
        Random r = new Random(seed);
        int n = large ? 70_001 : 1 + r.nextInt(9);
        DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
        AdamStep base = new AdamStep(0.001 + r.nextDouble() * 0.1, r.nextDouble() * 0.95,
                0.9 + r.nextDouble() * 0.0999, r.nextBoolean() ? 1e-8 : 0.1, 1);
        double[] p = random(r, n);
        double[] m = firstStepHasNoMoments ? new double[n] : random(r, n);
        double[] v = firstStepHasNoMoments ? new double[n] : positive(r, n);
        Tensor tp = Tensor.of(p, dtype, n);
        Tensor tm = firstStepHasNoMoments ? null : Tensor.of(m, dtype, n);
        Tensor tv = firstStepHasNoMoments ? null : Tensor.of(v, dtype, n);
        for (int t = 1; t <= steps; t++) {
            double[] g = random(r, n);
            AdamStep step = new AdamStep(base.lr(), base.beta1(), base.beta2(), base.eps(), t);
            Tensor[] out = Fused.adam(tp, Tensor.of(g, dtype, n), tm, tv, step);
            double size = step.lr() / (1 - Math.pow(step.beta1(), t));
            double root = Math.sqrt(1 - Math.pow(step.beta2(), t));
            // the reference starts from the tensors' own (possibly rounded) values
            p = tp.toDoubleArray();
            m = tm == null ? new double[n] : tm.toDoubleArray();
            v = tv == null ? new double[n] : tv.toDoubleArray();
            g = Tensor.of(g, dtype, n).toDoubleArray();
            double tol = float32 ? 2e-5 : 1e-12;
            double[] op = out[0].toDoubleArray();
            double[] om = out[1].toDoubleArray();
            double[] ov = out[2].toDoubleArray();
            for (int i = 0; i < n; i++) {
                double mi = step.beta1() * m[i] + (1 - step.beta1()) * g[i];
                double vi = step.beta2() * v[i] + (1 - step.beta2()) * g[i] * g[i];
                double pi = p[i] - size * mi / (Math.sqrt(vi) / root + step.eps());
                assertEquals(mi, om[i], tol * (1 + Math.abs(mi)), "m at " + i + ", step " + t);
                assertEquals(vi, ov[i], tol * (1 + Math.abs(vi)), "v at " + i + ", step " + t);
                assertEquals(pi, op[i], tol * (1 + Math.abs(pi)), "param at " + i + ", step " + t);
            }
            assertEquals(dtype, out[0].dtype());
            assertFalse(out[0].requiresGrad(), "the update is outside the graph");
            tp = out[0];
            tm = out[1];
            tv = out[2];
        }
    }

    @Property(tries = 20)
    @SuppressWarnings("try")
    void composedDefaultAgreesWithTheCpuKernel(@ForAll @IntRange(min = 1, max = 20) int n, @ForAll boolean float32,
                                               @ForAll long seed) {
        Random r = new Random(seed);
        DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
        CpuBackend cpu = CpuBackend.withThreads(1);
        Backend composed = DefaultKernels.of(cpu, "adam");
        try (ThreadScope s = Backends.use(cpu)) {
            Storage[] in = new Storage[4];
            for (int i = 0; i < 4; i++) {
                in[i] = Tensor.of(i == 3 ? positive(r, n) : random(r, n), dtype, n).storage();
            }
            AdamStep step = new AdamStep(0.05, 0.9, 0.999, 1e-8, 1 + r.nextInt(5));
            Storage[] fused = cpu.adam(in[0], in[1], in[2], in[3], step);
            Storage[] slow = composed.adam(in[0], in[1], in[2], in[3], step);
            double tol = float32 ? 2e-6 : 1e-14;
            for (int k = 0; k < 3; k++) {
                double[] a = cpu.toDoubles(fused[k]);
                double[] b = cpu.toDoubles(slow[k]);
                for (int i = 0; i < n; i++) {
                    assertEquals(b[i], a[i], tol * (1 + Math.abs(b[i])), "output " + k + " at " + i);
                }
            }
        }
    }

    @Property(tries = 20)
    void momentsUpdatedInPlaceEqualTheTensorPath(@ForAll @IntRange(min = 1, max = 4) int steps,
                                                 @ForAll boolean large, @ForAll boolean float32,
                                                 @ForAll long seed) {
        Random r = new Random(seed);
        int n = large ? 70_001 : 1 + r.nextInt(9);
        DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
        AdamMoments moments = new AdamMoments();
        Tensor param = Tensor.of(random(r, n), dtype, n);
        Tensor[] reference = {param, null, null};
        for (int t = 1; t <= steps; t++) {
            Tensor g = Tensor.of(random(r, n), dtype, n);
            AdamStep step = new AdamStep(0.01 + r.nextDouble() * 0.1, 0.9, 0.999, 1e-8, t);
            double[] before = param.toDoubleArray();
            Tensor next = moments.update(param, g, step);
            assertArrayEquals(before, param.toDoubleArray(), "the parameter given was written at step " + t);
            reference = Fused.adam(reference[0], g, reference[1], reference[2], step);
            assertArrayEquals(reference[0].toDoubleArray(), next.toDoubleArray(), "param, step " + t);
            assertArrayEquals(reference[1].toDoubleArray(), moments.firstMoment().toDoubleArray(), "m, step " + t);
            assertArrayEquals(reference[2].toDoubleArray(), moments.secondMoment().toDoubleArray(), "v, step " + t);
            param = next;
        }
    }

    @Test
    void momentsServeOneParameter() {
        AdamMoments moments = new AdamMoments();
        AdamStep step = new AdamStep(0.1, 0.9, 0.999, 1e-8, 1);
        moments.update(Tensor.zeros(3), Tensor.ones(3), step);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> moments.update(Tensor.zeros(4), Tensor.ones(4), step));
        assertTrue(other.getMessage().contains("[4]") && other.getMessage().contains("[3]"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> moments.update(Tensor.zeros(3), Tensor.ones(2), step));
    }

    @Test
    void mismatchedOperandsAndBadScalarsAreRejected() {
        Tensor p = Tensor.zeros(3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Fused.adam(p, Tensor.zeros(4), null, null, new AdamStep(0.1, 0.9, 0.999, 1e-8, 1)));
        assertTrue(shape.getMessage().contains("grad") && shape.getMessage().contains("[4]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Fused.adam(p, Tensor.zeros(3).asType(DType.FLOAT64), null, null,
                        new AdamStep(0.1, 0.9, 0.999, 1e-8, 1)));
        assertThrows(IllegalArgumentException.class, () -> new AdamStep(0.1, 1.0, 0.999, 1e-8, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdamStep(0.1, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamStep(Double.NaN, 0.9, 0.999, 1e-8, 1));
    }

    private static double[] random(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static double[] positive(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2;
        }
        return x;
    }
}
