package io.pplj.infer;

import io.pplj.tensor.Tensor;
import java.util.function.Supplier;

/**
 * A variance-reducing baseline for the score-function gradient of one guide site under {@link TraceGraphElbo}:
 * the estimator {@code (cost - b) * grad log q(z)} stays unbiased for any b that does not depend on z, and has less
 * variance when b predicts the downstream cost. Attach one to a guide site through its inference hints:
 *
 * <pre>{@code
 * sample("z", Bernoulli.ofProbs(q), Map.of("baseline", Baseline.decayingAverage(0.9)));
 * }</pre>
 */
public abstract class Baseline {

    private Baseline() {
    }

    /**
     * The running average of the site's downstream cost, per element, updated as
     * {@code avg = beta avg + (1 - beta) cost} after each step (the step uses the previous average). Kept in the
     * current parameter store under {@code __baseline_avg_downstream_cost_<site>}.
     *
     * <p>The average starts at the first step's cost, and that step runs without a baseline (as does a step after
     * the cost's shape changed). Pyro starts it at zero instead; with costs far from zero (a log-likelihood of -6,
     * say) every {@code cost - b} of the first dozens of steps is then negative, Adam follows the typical sign of the
     * skewed score {@code grad log q(z)} rather than its zero mean, and the guide can widen and collapse into a
     * corner of its support before the average catches up.
     */
    public static Baseline decayingAverage(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("decayingAverage: beta " + beta + " must be in [0, 1)");
        }
        return new DecayingAverage(beta);
    }

    /** A constant baseline. */
    public static Baseline fixed(double value) {
        return new Fixed(value);
    }

    /**
     * A learned baseline: {@code predictor} computes the baseline (broadcasting to the site's shape) from parameters
     * registered in the parameter store (for example a module registered with {@code Ppl.module} in the guide). It is
     * trained by adding {@code (cost - b)^2} to the loss.
     */
    public static Baseline neural(Supplier<Tensor> predictor) {
        return new Neural(predictor);
    }

    /** The decaying-average baseline. */
    static final class DecayingAverage extends Baseline {
        final double beta;

        DecayingAverage(double beta) {
            this.beta = beta;
        }
    }

    /** The constant baseline. */
    static final class Fixed extends Baseline {
        final double value;

        Fixed(double value) {
            this.value = value;
        }
    }

    /** The learned baseline. */
    static final class Neural extends Baseline {
        final Supplier<Tensor> predictor;

        Neural(Supplier<Tensor> predictor) {
            this.predictor = predictor;
        }
    }
}
