package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * The Poisson distribution with rate {@code lambda >= 0}:
 * {@code log P(k) = k log lambda - lambda - log Gamma(k + 1)} for {@code k = 0, 1, ...}, with {@code 0 log 0 = 0}
 * (rate 0 puts all mass on 0).
 *
 * <p>Draws are integer-valued floats of the rate's type; not reparameterizable. No closed-form entropy exists, so
 * {@link #entropy()} is not provided (as in PyTorch).
 */
public final class Poisson extends Distribution {

    private final Tensor rate;

    private Poisson(Tensor rate, int[] batchShape) {
        super(batchShape, new int[0]);
        this.rate = rate;
    }

    /**
     * A Poisson with rates {@code rate >= 0}.
     *
     * @throws IllegalArgumentException (validation on) if a rate is negative or NaN
     */
    public static Poisson of(Tensor rate) {
        Tensor r = Parameters.promote(rate)[0];
        Poisson d = new Poisson(r, r.shape());
        d.checkParameter("rate", r, Constraint.nonNegative());
        return d;
    }

    /** A scalar Poisson. */
    public static Poisson of(double rate) {
        return of(Parameters.scalar(rate));
    }

    /** The rates {@code lambda}. */
    public Tensor rate() {
        return rate;
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return rng.poisson(rate.expand(shape));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor k = Discrete.asFloating(value, rate);
        return k.xlogy(rate).sub(rate).sub(k.add(1.0).lgamma());
    }

    @Override
    public Constraint support() {
        return Constraint.nonNegativeInteger();
    }

    /** {@code lambda}. */
    @Override
    public Tensor mean() {
        return rate.expand(batchShape());
    }

    /** {@code lambda}. */
    @Override
    public Tensor variance() {
        return rate.expand(batchShape());
    }

    @Override
    public Poisson expand(int... newBatchShape) {
        return new Poisson(rate.expand(newBatchShape), newBatchShape.clone());
    }
}
