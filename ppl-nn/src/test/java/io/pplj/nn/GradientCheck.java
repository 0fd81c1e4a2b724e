package io.pplj.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks reverse-mode gradients against central finite differences in float64: the function's output is reduced
 * with fixed random weights, so every output element's gradient is tested.
 */
public final class GradientCheck {

    private static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /** Asserts that the gradients of {@code f} at the float64 {@code inputs} match central differences. */
    public static void check(Function<Tensor[], Tensor> f, double rtol, double atol, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(DType.FLOAT64, inputs[i].dtype(), "gradient checks run in float64");
            leaves[i] = inputs[i].detach().requiresGrad(true);
        }
        Tensor out = f.apply(leaves);
        Tensor w = weightsFor(out);
        Tensor[] analytic = Grad.of(out.mul(w).sum(), leaves);
        for (int i = 0; i < inputs.length; i++) {
            assertArrayEquals(inputs[i].shape(), analytic[i].shape(), "gradient " + i + " shape");
            double[] got = analytic[i].toDoubleArray();
            double[] numeric = numeric(f, inputs, i, w);
            for (int k = 0; k < numeric.length; k++) {
                double tol = atol + rtol * Math.abs(numeric[k]);
                assertTrue(Math.abs(got[k] - numeric[k]) <= tol, "d/d input" + i + "[" + k + "]: autodiff " + got[k]
                        + " vs finite differences " + numeric[k]);
            }
        }
    }

    private static Tensor weightsFor(Tensor out) {
        Random r = new Random(out.numel() * 31L + 7);
        double[] w = new double[out.numel()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.5 + r.nextDouble();
        }
        return Tensor.of(w, DType.FLOAT64, out.shape());
    }

    private static double[] numeric(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, Tensor w) {
        double[] x = inputs[which].toDoubleArray();
        double[] g = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double saved = x[k];
            x[k] = saved + STEP;
            double plus = value(f, inputs, which, x, w);
            x[k] = saved - STEP;
            double minus = value(f, inputs, which, x, w);
            x[k] = saved;
            g[k] = (plus - minus) / (2 * STEP);
        }
        return g;
    }

    private static double value(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, double[] x, Tensor w) {
        Tensor[] args = inputs.clone();
        args[which] = Tensor.of(x.clone(), DType.FLOAT64, inputs[which].shape());
        return f.apply(args).mul(w).sum().item();
    }
}
