package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * A distribution whose log-probability is zero wherever a mask is false (Pyro's {@code mask}): masked-out elements
 * contribute nothing to a model's log joint. Sampling is unchanged.
 */
public final class MaskedDistribution extends Distribution {

    private final Distribution base;
    private final Tensor mask;

    private MaskedDistribution(Distribution base, Tensor mask) {
        super(base.batchShape(), base.eventShape());
        this.base = base;
        this.mask = mask;
    }

    /**
     * Masks {@code base} with a bool tensor that broadcasts to its batch shape.
     *
     * @throws IllegalArgumentException if the mask is not bool or does not broadcast to the batch shape
     */
    public static MaskedDistribution of(Distribution base, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("mask: expected a bool tensor, got " + mask.dtype());
        }
        if (!Shapes.broadcastsTo(mask.shape(), base.batchShape())) {
            throw new IllegalArgumentException("mask: mask of shape " + Shapes.format(mask.shape())
                    + " does not broadcast to the batch shape " + Shapes.format(base.batchShape()) + " of "
                    + base.name());
        }
        return new MaskedDistribution(base, mask);
    }

    /** The wrapped distribution. */
    public Distribution base() {
        return base;
    }

    /** The mask. */
    public Tensor maskTensor() {
        return mask;
    }

    @Override
    public String name() {
        return "Masked(" + base.name() + ")";
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return base.rsampleShape(rng, shape);
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return base.hasRsample() ? base.rsampleShape(rng, shape) : base.sampleShape(rng, shape);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor lp = base.logProbOf(value);
        return Tensor.where(mask, lp, Tensor.zerosLike(lp));
    }

    @Override
    public Constraint support() {
        return base.support();
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public Tensor entropy() {
        return base.entropy();
    }
}
