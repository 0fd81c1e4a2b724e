package io.pplj.infer;

import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;

/**
 * Makes the drawn values of latent sites trackable through the autodiff graph: a floating value that does not
 * already require a gradient is replaced by a leaf that does (same values), so later sites' log-probabilities record
 * which draws they were computed from ({@link io.pplj.tensor.Grad#reaches}). Active outside the trace it feeds, so
 * the trace and the model see the tracked value.
 */
final class DependencyTracking extends Messenger {

    @Override
    protected void postprocess(Message msg) {
        if (msg.type() == Message.Type.SAMPLE && !msg.isObserved() && msg.value() != null
                && msg.value().dtype().isFloating() && !msg.value().requiresGrad()) {
            msg.setValue(msg.value().requiresGrad(true));
        }
    }
}
