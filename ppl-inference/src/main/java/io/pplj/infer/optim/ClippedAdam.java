package io.pplj.infer.optim;

import io.pplj.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Pyro's {@code ClippedAdam}: Adam whose gradient entries are clamped to {@code [-clipNorm, clipNorm]} and whose
 * learning rate decays by {@code lrd} per step ({@code lr_t = lr * lrd^t}).
 */
public final class ClippedAdam extends GradientOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double clip;
    private final Map<String, Adam.Moments> states = new HashMap<>();

    private ClippedAdam(double lr, double beta1, double beta2, double eps, double clip, double lrd) {
        super(lr);
        if (!(clip > 0) || !(lrd > 0 && lrd <= 1)) {
            throw new IllegalArgumentException("ClippedAdam: clipNorm " + clip + " must be positive and lrd " + lrd
                    + " in (0, 1]");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.clip = clip;
        schedule(LearningRateSchedule.exponential(lrd));
    }

    /** Pyro's defaults: betas (0.9, 0.999), eps 1e-8, clipNorm 10, lrd 1. */
    public static ClippedAdam of(double lr) {
        return new ClippedAdam(lr, 0.9, 0.999, 1e-8, 10.0, 1.0);
    }

    /** All hyperparameters. */
    public static ClippedAdam of(double lr, double beta1, double beta2, double eps, double clipNorm, double lrd) {
        return new ClippedAdam(lr, beta1, beta2, eps, clipNorm, lrd);
    }

    @Override
    protected Tensor update(String name, Tensor value, Tensor grad, double lr) {
        Adam.Moments s = states.computeIfAbsent(name, k -> new Adam.Moments());
        return s.update(value, grad.clamp(-clip, clip), lr, beta1, beta2, eps);
    }
}
