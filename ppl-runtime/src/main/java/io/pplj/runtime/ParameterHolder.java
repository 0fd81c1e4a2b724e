package io.pplj.runtime;

import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * Something with named learnable parameters that {@link Ppl#module(String, ParameterHolder)} can register in the
 * parameter store, such as a neural-network module. The runtime never depends on the neural-network package; its
 * modules implement this.
 */
public interface ParameterHolder {

    /** The current parameters by name, in a stable order. */
    Map<String, Tensor> parameters();

    /** Replaces the parameters (same names and shapes), e.g. with the parameter store's trainable leaves. */
    void loadParameters(Map<String, Tensor> values);
}
