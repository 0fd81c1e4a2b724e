package io.pplj.nn;

import io.pplj.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds multilayer perceptrons as {@link Sequential} stacks: for each hidden size a {@link Linear} layer, an optional
 * {@link BatchNorm1d}, the activation and an optional {@link Dropout}; then a final {@link Linear} layer and an
 * optional output activation. Submodules are numbered in order, as in PyTorch.
 *
 * <pre>{@code
 * // 784 → 400 (softplus) → 784 (sigmoid): Sequential(0: Linear, 1: Softplus, 2: Linear, 3: Sigmoid)
 * Sequential decoder = Mlp.builder(50).hidden(400).activation(Softplus::of).output(784)
 *         .outputActivation(Sigmoid::of).build();
 * }</pre>
 */
public final class Mlp {

    private final int in;
    private final List<Integer> hidden = new ArrayList<>();
    private Integer out;
    private Supplier<? extends Module> activation = ReLU::of;
    private Supplier<? extends Module> outputActivation;
    private double dropout;
    private boolean batchNorm;
    private Init weightInit = Init.pytorchDefault();
    private Init biasInit = Init.pytorchDefault();
    private DType dtype = DType.FLOAT32;

    private Mlp(int in) {
        if (in <= 0) {
            throw new IllegalArgumentException("Mlp: input size must be positive, got " + in);
        }
        this.in = in;
    }

    /** A builder for a perceptron with {@code in} input features. */
    public static Mlp builder(int in) {
        return new Mlp(in);
    }

    /** Appends hidden layers of the given sizes. */
    public Mlp hidden(int... sizes) {
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("Mlp: hidden sizes must be positive, got " + s);
            }
            hidden.add(s);
        }
        return this;
    }

    /** The size of the final linear layer (required). */
    public Mlp output(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Mlp: output size must be positive, got " + size);
        }
        this.out = size;
        return this;
    }

    /** The activation after each hidden layer (default {@link ReLU}); a fresh module per layer. */
    public Mlp activation(Supplier<? extends Module> factory) {
        this.activation = factory;
        return this;
    }

    /** An activation after the final layer (default none). */
    public Mlp outputActivation(Supplier<? extends Module> factory) {
        this.outputActivation = factory;
        return this;
    }

    /** Dropout with probability {@code p} after each hidden activation (default none). */
    public Mlp dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Mlp: dropout probability must be in [0, 1), got " + p);
        }
        this.dropout = p;
        return this;
    }

    /** Whether a {@link BatchNorm1d} follows each hidden linear layer, before its activation (default false). */
    public Mlp batchNorm(boolean on) {
        this.batchNorm = on;
        return this;
    }

    /** The weight initialization of every linear layer (default {@link Init#pytorchDefault()}). */
    public Mlp weightInit(Init init) {
        this.weightInit = init;
        return this;
    }

    /** The bias initialization of every linear layer (default {@link Init#pytorchDefault()}). */
    public Mlp biasInit(Init init) {
        this.biasInit = init;
        return this;
    }

    /** The parameters' floating type (default float32). */
    public Mlp dtype(DType type) {
        this.dtype = type;
        return this;
    }

    /**
     * The network, initialized from the current {@link io.pplj.tensor.Rng}.
     *
     * @throws IllegalStateException if no output size was given
     */
    public Sequential build() {
        if (out == null) {
            throw new IllegalStateException("Mlp: call output(size) before build()");
        }
        List<Module> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(linear(width, h));
            if (batchNorm) {
                layers.add(BatchNorm1d.of(h, BatchNormOptions.defaults().dtype(dtype)));
            }
            layers.add(activation.get());
            if (dropout > 0) {
                layers.add(Dropout.of(dropout));
            }
            width = h;
        }
        layers.add(linear(width, out));
        if (outputActivation != null) {
            layers.add(outputActivation.get());
        }
        return Sequential.of(layers);
    }

    private Linear linear(int from, int to) {
        return Linear.builder(from, to).weightInit(weightInit).biasInit(biasInit).dtype(dtype).build();
    }
}
