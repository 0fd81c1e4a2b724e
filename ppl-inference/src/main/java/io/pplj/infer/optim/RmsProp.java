package io.pplj.infer.optim;

import io.pplj.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * RMSprop (Tieleman and Hinton, 2012), as PyTorch's: {@code v = alpha v + (1 - alpha) g^2},
 * {@code theta -= lr g / (sqrt(v) + eps)}, with alpha 0.99 and eps 1e-8.
 */
public final class RmsProp extends GradientOptimizer {

    private final double alpha;
    private final double eps;
    private final Map<String, Tensor> averages = new HashMap<>();

    private RmsProp(double lr, double alpha, double eps) {
        super(lr);
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("RmsProp: alpha " + alpha + " must be in [0, 1)");
        }
        this.alpha = alpha;
        this.eps = eps;
    }

    /** RMSprop with alpha 0.99 and eps 1e-8. */
    public static RmsProp of(double lr) {
        return new RmsProp(lr, 0.99, 1e-8);
    }

    /** RMSprop with given alpha and eps. */
    public static RmsProp of(double lr, double alpha, double eps) {
        return new RmsProp(lr, alpha, eps);
    }

    @Override
    protected Tensor update(String name, Tensor value, Tensor grad, double lr) {
        Tensor v = averages.get(name);
        v = v == null ? grad.square().mul(1 - alpha) : v.mul(alpha).add(grad.square().mul(1 - alpha));
        averages.put(name, v);
        return value.sub(grad.div(v.sqrt().add(eps)).mul(lr));
    }
}
