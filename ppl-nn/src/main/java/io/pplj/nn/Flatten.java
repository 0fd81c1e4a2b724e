package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * Merges dimensions {@code start..end} (inclusive) into one (PyTorch's {@code nn.Flatten}, defaults 1 and -1: every
 * dimension but the batch dimension).
 */
public final class Flatten extends Module {

    private final int start;
    private final int end;

    private Flatten(int start, int end) {
        this.start = start;
        this.end = end;
    }

    /** Flattens every dimension after the first. */
    public static Flatten of() {
        return new Flatten(1, -1);
    }

    /** Flattens dimensions {@code start..end}; negative positions count from the end. */
    public static Flatten of(int start, int end) {
        return new Flatten(start, end);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(start, end);
    }

    @Override
    protected String describe() {
        return "Flatten(start=" + start + ", end=" + end + ")";
    }
}
