package io.pplj.nn;

import io.pplj.tensor.Tensor;

/** The logistic function {@code 1 / (1 + e^-x)}, elementwise (PyTorch's {@code nn.Sigmoid}). */
public final class Sigmoid extends Module {

    private Sigmoid() {
    }

    /** The activation. */
    public static Sigmoid of() {
        return new Sigmoid();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
