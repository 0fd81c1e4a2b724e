package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * A distribution whose rightmost {@code n} batch dimensions are reinterpreted as event dimensions: the
 * log-probability sums over them, so {@code Independent.of(Normal.of(loc, scale), 1)} with loc of shape
 * {@code [3, 4]} is a batch of 3 diagonal normals on {@code R^4}.
 */
public final class Independent extends Distribution {

    private final Distribution base;
    private final int reinterpreted;

    private Independent(Distribution base, int reinterpreted, int[] batch, int[] event) {
        super(batch, event);
        this.base = base;
        this.reinterpreted = reinterpreted;
    }

    /**
     * Reinterprets the rightmost {@code n} of {@code base}'s batch dimensions as event dimensions.
     *
     * @throws IllegalArgumentException if base has fewer than n batch dimensions
     */
    public static Independent of(Distribution base, int n) {
        int[] batch = base.batchShape();
        if (n < 0 || n > batch.length) {
            throw new IllegalArgumentException("Independent: cannot reinterpret " + n + " batch dims of "
                    + base + ", which has " + batch.length);
        }
        int[] event = new int[n + base.eventDim()];
        System.arraycopy(batch, batch.length - n, event, 0, n);
        System.arraycopy(base.eventShape(), 0, event, n, base.eventDim());
        return new Independent(base, n, Arrays.copyOf(batch, batch.length - n), event);
    }

    /** The wrapped distribution. */
    public Distribution base() {
        return base;
    }

    /** How many batch dimensions became event dimensions. */
    public int reinterpretedBatchDims() {
        return reinterpreted;
    }

    @Override
    public String name() {
        return "Independent(" + base.name() + ", " + reinterpreted + ")";
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
        return sumRightmost(base.logProbOf(value), reinterpreted);
    }

    @Override
    public Constraint support() {
        return Constraint.independent(base.support(), reinterpreted);
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
        return sumRightmost(base.entropy(), reinterpreted);
    }

    /** Sums the rightmost {@code k} dimensions of {@code t}. */
    static Tensor sumRightmost(Tensor t, int k) {
        if (k <= 0) {
            return t;
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = t.dim() - k + i;
        }
        return t.sum(dims, false);
    }
}
