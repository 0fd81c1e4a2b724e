package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks reverse-mode gradients against central finite differences in float64. The function's output is reduced to
 * a scalar with fixed random weights, so every output element's gradient is tested, not only their sum.
 *
 * <p>Tolerance per component: {@code ATOL + RTOL |numeric| + roundoff}. The last term is the rounding error of the
 * central difference itself: each evaluation of {@code s = sum_k w_k y_k} carries an absolute error of a few ulps
 * of {@code S = sum_k |w_k y_k|} (elementwise functions within 2 ulps, the weighted sum within about 2 more), so
 * {@code (s+ - s-) / 2h} is off by up to {@code 8 eps S / 2h = 4 eps S / h}. It matters only for large outputs (a
 * power {@code x^9} near 3 sums to about 10^5, giving 9e-5), and is below {@code ATOL} for outputs of ordinary size.
 */
public final class GradCheck {

    static final double STEP = 1e-6;
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    private GradCheck() {
    }

    /**
     * Asserts that {@code Grad.of} of {@code f} at {@code inputs} (float64 tensors) matches central differences.
     *
     * @param f the function under test; it must be differentiable at the inputs
     */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(DType.FLOAT64, inputs[i].dtype(), "gradient checks run in float64");
            leaves[i] = inputs[i].requiresGrad(true);
        }
        Tensor out = f.apply(leaves);
        double[] weights = weightsFor(out);
        Tensor w = Tensor.of(weights, DType.FLOAT64, out.shape());
        Tensor objective = out.mul(w).sum();
        Tensor[] analytic = Grad.of(objective, leaves);
        double roundoff = 4 * Math.ulp(1.0) * out.detach().mul(w).abs().sum().item() / STEP;
        for (int i = 0; i < inputs.length; i++) {
            double[] numeric = numericGradient(f, inputs, i, weights);
            double[] got = analytic[i].toDoubleArray();
            assertTrue(Arrays.equals(analytic[i].shape(), inputs[i].shape()), "gradient " + i + " has shape "
                    + Arrays.toString(analytic[i].shape()) + ", input has " + Arrays.toString(inputs[i].shape()));
            for (int k = 0; k < numeric.length; k++) {
                double tol = ATOL + RTOL * Math.abs(numeric[k]) + roundoff;
                assertTrue(Math.abs(got[k] - numeric[k]) <= tol, "d/d input" + i + "[" + k + "]: autodiff "
                        + got[k] + " vs finite differences " + numeric[k] + " (input shape "
                        + Arrays.toString(inputs[i].shape()) + ")");
            }
        }
    }

    private static double[] weightsFor(Tensor out) {
        Random r = new Random(out.numel() * 31L + out.dim());
        double[] w = new double[out.numel()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.5 + r.nextDouble();
        }
        return w;
    }

    private static double[] numericGradient(Function<Tensor[], Tensor> f, Tensor[] inputs, int which,
                                            double[] weights) {
        double[] x = inputs[which].toDoubleArray();
        double[] g = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double saved = x[k];
            x[k] = saved + STEP;
            double plus = weighted(f, inputs, which, x, weights);
            x[k] = saved - STEP;
            double minus = weighted(f, inputs, which, x, weights);
            x[k] = saved;
            g[k] = (plus - minus) / (2 * STEP);
        }
        return g;
    }

    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, double[] x,
                                   double[] weights) {
        Tensor[] args = inputs.clone();
        args[which] = Tensor.of(x.clone(), DType.FLOAT64, inputs[which].shape());
        double[] y = f.apply(args).toDoubleArray();
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += weights[k] * y[k];
        }
        return s;
    }
}
