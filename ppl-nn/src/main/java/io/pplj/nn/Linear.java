package io.pplj.nn;

import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * A fully connected layer, {@code y = x W^T + b}, as PyTorch's {@code nn.Linear}: input {@code [..., in]}, output
 * {@code [..., out]}, parameters {@code weight} of shape {@code [out, in]} and (optionally) {@code bias} of shape
 * {@code [out]}. Both are initialized with {@link Init#pytorchDefault()} unless the builder says otherwise, from
 * the current {@link io.pplj.tensor.Rng}.
 *
 * <pre>{@code
 * Linear fc = Linear.of(784, 400);
 * Linear head = Linear.builder(400, 50).weightInit(Init.xavier()).biasInit(Init.zeros()).build();
 * }</pre>
 */
public final class Linear extends Module {

    private final int in;
    private final int out;

    private Linear(Builder b) {
        this.in = b.in;
        this.out = b.out;
        addParameter("weight", b.weightInit.sample(in, out, b.dtype, out, in));
        if (b.bias) {
            addParameter("bias", b.biasInit.sample(in, out, b.dtype, out));
        }
    }

    /** A layer from {@code in} to {@code out} features with a bias and PyTorch's default initialization. */
    public static Linear of(int in, int out) {
        return builder(in, out).build();
    }

    /** A builder for a layer from {@code in} to {@code out} features. */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** The number of input features. */
    public int inFeatures() {
        return in;
    }

    /** The number of output features. */
    public int outFeatures() {
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 0 || x.size(-1) != in) {
            throw new IllegalArgumentException(describe() + ": input of shape "
                    + Shapes.format(x.shape()) + " does not end in " + in + " features");
        }
        return x.linear(parameter("weight"), hasParameter("bias") ? parameter("bias") : null);
    }

    @Override
    protected String describe() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + hasParameter("bias") + ")";
    }

    /** Options of a {@link Linear} layer. */
    public static final class Builder {
        private final int in;
        private final int out;
        private boolean bias = true;
        private Init weightInit = Init.pytorchDefault();
        private Init biasInit = Init.pytorchDefault();
        private DType dtype = DType.FLOAT32;

        private Builder(int in, int out) {
            if (in <= 0 || out <= 0) {
                throw new IllegalArgumentException("Linear: feature counts must be positive, got in=" + in + ", out="
                        + out);
            }
            this.in = in;
            this.out = out;
        }

        /** Whether the layer adds a bias (default true). */
        public Builder bias(boolean on) {
            this.bias = on;
            return this;
        }

        /** The weight's initialization (default {@link Init#pytorchDefault()}). */
        public Builder weightInit(Init init) {
            this.weightInit = init;
            return this;
        }

        /** The bias's initialization, with the weight's fans (default {@link Init#pytorchDefault()}). */
        public Builder biasInit(Init init) {
            this.biasInit = init;
            return this;
        }

        /** The parameters' floating type (default float32). */
        public Builder dtype(DType type) {
            this.dtype = type;
            return this;
        }

        /** The layer. */
        public Linear build() {
            return new Linear(this);
        }
    }
}
