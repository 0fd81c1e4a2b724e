package io.pplj.infer.optim;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with PyTorch's defaults: for each parameter, {@code m = b1 m + (1 - b1) g},
 * {@code v = b2 v + (1 - b2) g^2}, {@code theta -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}.
 */
public final class Adam implements Optimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        Tensor m;
        Tensor v;
        int t;
    }

    private Adam(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("Adam: invalid hyperparameters lr=" + lr + ", betas=(" + beta1 + ", "
                    + beta2 + "), eps=" + eps);
        }
        this.lr = lr;
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
    @SuppressWarnings("try")
    public void step(ParamStore store, Map<String, Tensor> gradients) {
        try (ThreadScope off = Grad.noGrad()) {
            for (Map.Entry<String, Tensor> e : gradients.entrySet()) {
                String name = e.getKey();
                Tensor g = e.getValue();
                State s = states.computeIfAbsent(name, k -> new State());
                s.t++;
                s.m = s.m == null ? g.mul(1 - beta1) : s.m.mul(beta1).add(g.mul(1 - beta1));
                s.v = s.v == null ? g.square().mul(1 - beta2) : s.v.mul(beta2).add(g.square().mul(1 - beta2));
                double c1 = 1 - Math.pow(beta1, s.t);
                double c2 = 1 - Math.pow(beta2, s.t);
                Tensor update = s.m.div(c1).div(s.v.div(c2).sqrt().add(eps)).mul(lr);
                store.setUnconstrained(name, store.unconstrained(name).sub(update));
            }
        }
    }
}
