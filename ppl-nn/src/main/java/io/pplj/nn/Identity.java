package io.pplj.nn;

import io.pplj.tensor.Tensor;

/** Returns its input unchanged (PyTorch's {@code nn.Identity}; Deeplearning4j's {@code IDENTITY} activation). */
public final class Identity extends Module {

    private Identity() {
    }

    /** The identity module. */
    public static Identity of() {
        return new Identity();
    }

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
