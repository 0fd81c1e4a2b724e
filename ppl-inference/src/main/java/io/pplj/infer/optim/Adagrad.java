package io.pplj.infer.optim;

import io.pplj.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Adagrad (Duchi, Hazan and Singer, 2011), as PyTorch's: {@code s += g^2},
 * {@code theta -= lr g / (sqrt(s) + eps)}, with eps 1e-10.
 */
public final class Adagrad extends GradientOptimizer {

    private final double eps;
    private final Map<String, Tensor> sums = new HashMap<>();

    private Adagrad(double lr, double eps) {
        super(lr);
        this.eps = eps;
    }

    /** Adagrad with eps 1e-10. */
    public static Adagrad of(double lr) {
        return new Adagrad(lr, 1e-10);
    }

    /** Adagrad with a given eps. */
    public static Adagrad of(double lr, double eps) {
        return new Adagrad(lr, eps);
    }

    @Override
    protected Tensor update(String name, Tensor value, Tensor grad, double lr) {
        Tensor s = sums.get(name);
        s = s == null ? grad.square() : s.add(grad.square());
        sums.put(name, s);
        return value.sub(grad.div(s.sqrt().add(eps)).mul(lr));
    }
}
