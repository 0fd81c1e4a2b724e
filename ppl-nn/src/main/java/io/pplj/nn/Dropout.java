package io.pplj.nn;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * Randomly zeroes elements with probability {@code p} in training mode and scales the survivors by
 * {@code 1/(1-p)}, so the expected output equals the input; the identity in evaluation mode (PyTorch's
 * {@code nn.Dropout}, default p 0.5). The mask is drawn from the thread's current {@link Rng}, so a seeded run
 * ({@link Rng#seed(long)}, {@code Handlers.seed}) drops the same elements.
 */
public final class Dropout extends Module {

    private final double p;

    private Dropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    /** Dropout with probability 0.5. */
    public static Dropout of() {
        return new Dropout(0.5);
    }

    /** Dropout with probability {@code p} of zeroing each element. */
    public static Dropout of(double p) {
        return new Dropout(p);
    }

    /** The probability of zeroing an element. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0.0);
        }
        Tensor keep = Rng.current().uniform(x.dtype(), x.shape()).ge(p).asType(x.dtype());
        return x.mul(keep.mul(1.0 / (1.0 - p)));
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
