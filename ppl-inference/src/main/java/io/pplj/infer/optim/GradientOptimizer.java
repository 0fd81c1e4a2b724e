package io.pplj.infer.optim;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared machinery of the first-order optimizers: a base learning rate times a {@link LearningRateSchedule},
 * optional clipping of the gradients' total norm (as PyTorch's {@code clip_grad_norm_}: when
 * {@code sqrt(sum_p |g_p|^2) > maxNorm}, every gradient is scaled by {@code maxNorm / norm}), and the loop that
 * applies a subclass's per-parameter rule without recording gradients.
 */
public abstract class GradientOptimizer implements Optimizer {

    private final double lr;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private double maxNorm = Double.POSITIVE_INFINITY;
    private int step;

    /** For subclasses: the base learning rate. */
    protected GradientOptimizer(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate " + lr
                    + " must be positive and finite");
        }
        this.lr = lr;
    }

    /** Uses {@code schedule} to scale the learning rate by step; returns this optimizer. */
    public GradientOptimizer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /** Clips the gradients' total norm to {@code maxNorm} before each update; returns this optimizer. */
    public GradientOptimizer clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm " + maxNorm + " must be positive");
        }
        this.maxNorm = maxNorm;
        return this;
    }

    /** The base learning rate. */
    public double learningRate() {
        return lr;
    }

    /** The number of steps taken. */
    public int steps() {
        return step;
    }

    @Override
    @SuppressWarnings("try")
    public final void step(ParamStore store, Map<String, Tensor> gradients) {
        double rate = lr * schedule.factor(step);
        try (ThreadScope off = Grad.noGrad()) {
            Map<String, Tensor> grads = clip(gradients);
            for (Map.Entry<String, Tensor> e : grads.entrySet()) {
                String name = e.getKey();
                store.setUnconstrained(name, update(name, store.unconstrained(name).detach(), e.getValue(), rate));
            }
        }
        step++;
    }

    private Map<String, Tensor> clip(Map<String, Tensor> gradients) {
        if (Double.isInfinite(maxNorm)) {
            return gradients;
        }
        double squares = 0;
        for (Tensor g : gradients.values()) {
            squares += g.square().sum().item();
        }
        double norm = Math.sqrt(squares);
        if (norm <= maxNorm) {
            return gradients;
        }
        double factor = maxNorm / (norm + 1e-6);
        Map<String, Tensor> out = new LinkedHashMap<>();
        gradients.forEach((n, g) -> out.put(n, g.mul(factor)));
        return out;
    }

    /**
     * The rule: the parameter's new unconstrained value from its current value, its gradient and this step's
     * learning rate. Runs with gradient recording off; keeps per-parameter state by name.
     */
    protected abstract Tensor update(String name, Tensor value, Tensor grad, double lr);
}
