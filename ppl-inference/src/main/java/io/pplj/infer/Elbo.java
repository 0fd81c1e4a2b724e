package io.pplj.infer;

import io.pplj.runtime.Model;

/**
 * An estimator of the evidence lower bound {@code ELBO = E_q[log p(x, z) - log q(z)]} of a model and a guide,
 * with a differentiable surrogate whose gradient estimates the ELBO's gradient.
 */
public interface Elbo {

    /** Runs the guide and the model (replayed at the guide's draws) and estimates the ELBO. */
    <A> ElboEstimate estimate(Model<A, ?> model, Model<A, ?> guide, A input);
}
