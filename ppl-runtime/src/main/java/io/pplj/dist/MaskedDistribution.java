package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

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
     * Masks {@code base} with a bool tensor that broadcasts with its batch shape (as Pyro's {@code mask}): the batch
     * shape becomes the broadcast of the two, the base is {@link Distribution#expand expanded} to it if needed.
     *
     * @throws IllegalArgumentException if the mask is not bool or does not broadcast with the batch shape
     */
    public static MaskedDistribution of(Distribution base, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("mask: expected a bool tensor, got " + mask.dtype());
        }
        int[] batch;
        try {
            batch = Shapes.broadcast("mask", mask.shape(), base.batchShape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask: mask of shape " + Shapes.format(mask.shape())
                    + " does not broadcast with the batch shape " + Shapes.format(base.batchShape()) + " of "
                    + base.name(), e);
        }
        Distribution b = Arrays.equals(batch, base.batchShape()) ? base : base.expand(batch);
        return new MaskedDistribution(b, mask.expand(batch));
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
        return Tensor.where(mask, lp, Tensor.scalar(0.0, lp.dtype()));
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
