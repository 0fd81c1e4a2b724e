package io.pplj.nn;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;

/**
 * {@code log(1 + e^(beta x)) / beta}, elementwise, and {@code x} itself where {@code beta x > threshold} (PyTorch's
 * {@code nn.Softplus}, defaults beta 1 and threshold 20).
 */
public final class Softplus extends Module {

    private final double beta;
    private final double threshold;

    private Softplus(double beta, double threshold) {
        if (!(beta > 0) || !Double.isFinite(beta) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("Softplus: beta must be positive and finite and threshold a number,"
                    + " got beta " + beta + ", threshold " + threshold);
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    /** The activation with beta 1 and threshold 20. */
    public static Softplus of() {
        return new Softplus(1.0, 20.0);
    }

    /** The activation with the given beta and threshold. */
    public static Softplus of(double beta, double threshold) {
        return new Softplus(beta, threshold);
    }

    /**
     * In float32 with {@code beta · threshold >= 18} the linear branch is skipped: there {@code softplus(z) - z =
     * log1p(e^-z) < e^-18 = 1.5e-8}, under half an ulp of {@code z}, and its derivative {@code sigmoid(z)} is within
     * half an ulp of 1, so both branches agree to the float32 kernels' accuracy and the comparison and selection
     * (and their backward pass) would only cost time.
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor bx = beta == 1.0 ? x : x.mul(beta);
        Tensor soft = beta == 1.0 ? bx.softplus() : bx.softplus().div(beta);
        if (x.dtype() == DType.FLOAT32 && beta * threshold >= 18) {
            return soft;
        }
        return Tensor.where(bx.gt(threshold), x, soft);
    }

    @Override
    protected String describe() {
        return "Softplus(beta=" + beta + ", threshold=" + threshold + ")";
    }
}
