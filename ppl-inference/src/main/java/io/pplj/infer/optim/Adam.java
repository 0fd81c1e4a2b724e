package io.pplj.infer.optim;

import io.pplj.tensor.AdamMoments;
import io.pplj.tensor.AdamStep;
import io.pplj.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with PyTorch's defaults: for each parameter, {@code m = b1 m + (1 - b1) g},
 * {@code v = b2 v + (1 - b2) g^2}, {@code theta -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 */
public final class Adam extends GradientOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, Moments> states = new HashMap<>();

    private Adam(double lr, double beta1, double beta2, double eps) {
        super(lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("Adam: invalid betas (" + beta1 + ", " + beta2 + ") or eps " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Adam with learning rate {@code lr}, betas (0.9, 0.999) and eps 1e-8. */
    public static Adam of(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with all hyperparameters given. */
    public static Adam of(double lr, double beta1, double beta2, double eps) {
        return new Adam(lr, beta1, beta2, eps);
    }

    @Override
    protected Tensor update(String name, Tensor value, Tensor grad, double lr) {
        Moments s = states.computeIfAbsent(name, k -> new Moments());
        return s.update(value, grad, lr, beta1, beta2, eps);
    }

    /** Adam's per-parameter moments and step count, shared with {@link ClippedAdam}. */
    static final class Moments {
        private final AdamMoments moments = new AdamMoments();
        private int t;

        /**
         * Updates the moments with {@code g} (in place, one fused pass, {@link AdamMoments#update}) and returns the
         * updated value.
         */
        Tensor update(Tensor value, Tensor g, double lr, double beta1, double beta2, double eps) {
            t++;
            return moments.update(value, g, new AdamStep(lr, beta1, beta2, eps, t));
        }
    }
}
