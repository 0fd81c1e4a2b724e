package io.pplj.nn;

import io.pplj.tensor.Tensor;

/**
 * {@code x} for {@code x > 0}, {@code slope * x} otherwise, elementwise (PyTorch's {@code nn.LeakyReLU}, default
 * slope 0.01).
 */
public final class LeakyReLU extends Module {

    private final double slope;

    private LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: negative slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** The activation with negative slope 0.01. */
    public static LeakyReLU of() {
        return new LeakyReLU(0.01);
    }

    /** The activation with the given negative slope. */
    public static LeakyReLU of(double negativeSlope) {
        return new LeakyReLU(negativeSlope);
    }

    /** The slope for negative inputs. */
    public double negativeSlope() {
        return slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Tensor.where(x.gt(0.0), x, x.mul(slope));
    }

    @Override
    protected String describe() {
        return "LeakyReLU(negativeSlope=" + slope + ")";
    }
}
