package io.pplj.nn;

import io.pplj.tensor.Tensor;

/** The hyperbolic tangent, elementwise (PyTorch's {@code nn.Tanh}). */
public final class Tanh extends Module {

    private Tanh() {
    }

    /** The activation. */
    public static Tanh of() {
        return new Tanh();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
