package io.pplj.infer;

import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.List;

/**
 * One ELBO estimate: {@code loss = -ELBO} averaged over particles, a surrogate loss whose gradient with respect to
 * the parameters is the gradient estimator (pathwise for reparameterized sites, score-function terms for the others),
 * and the traces it came from (for diagnosing non-finite losses).
 *
 * @param loss the negative ELBO estimate
 * @param surrogateLoss the differentiable surrogate (same expectation as the loss's gradient)
 * @param modelTraces the model traces, one per particle (one holding all particles when they are vectorized)
 * @param guideTraces the guide traces, one per particle (one holding all particles when they are vectorized)
 */
public record ElboEstimate(double loss, Tensor surrogateLoss, List<Trace> modelTraces, List<Trace> guideTraces) {
}
