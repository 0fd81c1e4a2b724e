package io.pplj.infer.optim;

/**
 * A multiplier of an optimizer's base learning rate as a function of the step number (0 for the first step).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The factor for step {@code step}. */
    double factor(int step);

    /** Always 1. */
    static LearningRateSchedule constant() {
        return step -> 1.0;
    }

    /** {@code gamma^floor(step / stepSize)}: multiplied by gamma every {@code stepSize} steps. */
    static LearningRateSchedule step(int stepSize, double gamma) {
        if (stepSize < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("step schedule: stepSize " + stepSize + " must be >= 1 and gamma "
                    + gamma + " positive");
        }
        return step -> Math.pow(gamma, step / stepSize);
    }

    /** {@code gamma^step}. */
    static LearningRateSchedule exponential(double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("exponential schedule: gamma " + gamma + " must be positive");
        }
        return step -> Math.pow(gamma, step);
    }

    /**
     * Cosine annealing from 1 down to {@code minFactor} over {@code totalSteps}, then held:
     * {@code min + (1 - min) (1 + cos(pi t / T)) / 2}.
     */
    static LearningRateSchedule cosine(int totalSteps, double minFactor) {
        if (totalSteps < 1 || !(minFactor >= 0 && minFactor <= 1)) {
            throw new IllegalArgumentException("cosine schedule: totalSteps " + totalSteps + " must be >= 1 and"
                    + " minFactor " + minFactor + " in [0, 1]");
        }
        return step -> {
            double t = Math.min(step, totalSteps);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t / totalSteps));
        };
    }
}
