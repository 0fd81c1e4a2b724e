package io.pplj.nn;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * Splits dimension {@code dim} into the given sizes (PyTorch's {@code nn.Unflatten}): with {@code dim = 1} and
 * sizes {@code (128, 8, 8)} an input {@code [N, 8192]} becomes {@code [N, 128, 8, 8]}.
 */
public final class Unflatten extends Module {

    private final int dim;
    private final int[] sizes;

    private Unflatten(int dim, int[] sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("Unflatten: need at least one size");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("Unflatten: sizes " + Shapes.format(sizes) + " must be positive");
            }
        }
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    /** Splits dimension {@code dim} (negative counts from the end) into {@code sizes}. */
    public static Unflatten of(int dim, int... sizes) {
        return new Unflatten(dim, sizes);
    }

    @Override
    public Tensor forward(Tensor x) {
        int d = dim < 0 ? dim + x.dim() : dim;
        if (d < 0 || d >= x.dim()) {
            throw new IllegalArgumentException(describe() + ": input of shape " + Shapes.format(x.shape())
                    + " has no dimension " + dim);
        }
        int product = 1;
        for (int s : sizes) {
            product *= s;
        }
        int[] shape = x.shape();
        if (shape[d] != product) {
            throw new IllegalArgumentException(describe() + ": dimension " + dim + " of input shape "
                    + Shapes.format(shape) + " has size " + shape[d] + ", not " + product);
        }
        int[] out = new int[shape.length - 1 + sizes.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(sizes, 0, out, d, sizes.length);
        System.arraycopy(shape, d + 1, out, d + sizes.length, shape.length - d - 1);
        return x.reshape(out);
    }

    @Override
    protected String describe() {
        return "Unflatten(dim=" + dim + ", sizes=" + Shapes.format(sizes) + ")";
    }
}
