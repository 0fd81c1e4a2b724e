package io.pplj.bench;

import io.pplj.infer.Elbo;
import io.pplj.infer.ElboEstimate;
import io.pplj.infer.optim.Optimizer;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * Splits the wall time of SVI steps into forward (the ELBO estimate: guide, model and surrogate loss), optimizer
 * (the parameter update) and backward (the rest of the step, which is the gradient computation): {@link #elbo} and
 * {@link #optimizer} wrap the pieces given to {@code SVI.of} and add up the time spent in them.
 */
final class StepClock {

    private long forwardNanos;
    private long optimizerNanos;

    /** {@code elbo}, timed. */
    Elbo elbo(Elbo elbo) {
        return new Elbo() {
            @Override
            public <A> ElboEstimate estimate(Model<A, ?> model, Model<A, ?> guide, A input) {
                long start = System.nanoTime();
                try {
                    return elbo.estimate(model, guide, input);
                } finally {
                    forwardNanos += System.nanoTime() - start;
                }
            }
        };
    }

    /** {@code optimizer}, timed. */
    Optimizer optimizer(Optimizer optimizer) {
        return (ParamStore store, Map<String, Tensor> gradients) -> {
            long start = System.nanoTime();
            try {
                optimizer.step(store, gradients);
            } finally {
                optimizerNanos += System.nanoTime() - start;
            }
        };
    }

    /** Forgets the time counted so far (after the warm-up steps). */
    void reset() {
        forwardNanos = 0;
        optimizerNanos = 0;
    }

    /** Seconds in ELBO estimates since the last reset. */
    double forwardSeconds() {
        return forwardNanos / 1e9;
    }

    /** Seconds in optimizer updates since the last reset. */
    double optimizerSeconds() {
        return optimizerNanos / 1e9;
    }
}
