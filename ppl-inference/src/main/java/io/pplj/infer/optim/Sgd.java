package io.pplj.infer.optim;

import io.pplj.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, as PyTorch's {@code SGD}:
 * {@code b = mu b + g} (b = g at the first step), then {@code theta -= lr (g + mu b)} with Nesterov or
 * {@code theta -= lr b} without; plain {@code theta -= lr g} when {@code mu = 0}.
 */
public final class Sgd extends GradientOptimizer {

    private final double momentum;
    private final boolean nesterov;
    private final Map<String, Tensor> buffers = new HashMap<>();

    private Sgd(double lr, double momentum, boolean nesterov) {
        super(lr);
        if (!(momentum >= 0 && momentum < 1) || (nesterov && momentum == 0)) {
            throw new IllegalArgumentException("Sgd: momentum " + momentum + " must be in [0, 1) (and positive"
                    + " for Nesterov)");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /** Plain gradient descent. */
    public static Sgd of(double lr) {
        return new Sgd(lr, 0.0, false);
    }

    /** Gradient descent with momentum, optionally Nesterov's. */
    public static Sgd of(double lr, double momentum, boolean nesterov) {
        return new Sgd(lr, momentum, nesterov);
    }

    @Override
    protected Tensor update(String name, Tensor value, Tensor grad, double lr) {
        if (momentum == 0) {
            return value.sub(grad.mul(lr));
        }
        Tensor b = buffers.get(name);
        b = b == null ? grad : b.mul(momentum).add(grad);
        buffers.put(name, b);
        Tensor direction = nesterov ? grad.add(b.mul(momentum)) : b;
        return value.sub(direction.mul(lr));
    }
}
