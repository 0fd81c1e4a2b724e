package io.pplj.nn;

import io.pplj.tensor.Tensor;

/** The rectifier {@code max(x, 0)}, elementwise (PyTorch's {@code nn.ReLU}). */
public final class ReLU extends Module {

    private ReLU() {
    }

    /** The activation. */
    public static ReLU of() {
        return new ReLU();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
