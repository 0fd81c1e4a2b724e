package io.pplj.infer.optim;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * Updates parameters from their gradients. Parameters are the unconstrained values of a {@link ParamStore}; an
 * optimizer keeps its per-parameter state (moments, step counts) by parameter name and writes each update back with
 * {@link ParamStore#setUnconstrained}.
 */
public interface Optimizer {

    /**
     * Applies one update to each named parameter of {@code store} given the gradient of the loss with respect to
     * its unconstrained value.
     */
    void step(ParamStore store, Map<String, Tensor> gradients);
}
