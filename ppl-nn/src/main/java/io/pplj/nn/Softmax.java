package io.pplj.nn;

import io.pplj.tensor.Tensor;

/** {@code e^x / sum(e^x)} along one dimension (PyTorch's {@code nn.Softmax}). */
public final class Softmax extends Module {

    private final int dim;

    private Softmax(int dim) {
        this.dim = dim;
    }

    /** Softmax over dimension {@code dim} (negative counts from the end). */
    public static Softmax of(int dim) {
        return new Softmax(dim);
    }

    /** The dimension normalized over. */
    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    @Override
    protected String describe() {
        return "Softmax(dim=" + dim + ")";
    }
}
