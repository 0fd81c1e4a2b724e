package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * A distribution broadcast to a larger batch shape. New leading dimensions and dimensions where the base has size 1
 * hold independent draws: they are drawn as extra sample dimensions of the base and moved into place.
 */
public final class ExpandedDistribution extends Distribution {

    private final Distribution base;
    /** For each new batch dimension: whether it is drawn as an extra sample dimension. */
    private final boolean[] expanded;

    private ExpandedDistribution(Distribution base, int[] batchShape, boolean[] expanded) {
        super(batchShape, base.eventShape());
        this.base = base;
        this.expanded = expanded;
    }

    /**
     * Expands {@code base} to {@code batchShape}, which its batch shape must broadcast to.
     *
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    public static ExpandedDistribution of(Distribution base, int[] batchShape) {
        int[] from = base.batchShape();
        if (!Shapes.broadcastsTo(from, batchShape)) {
            throw new IllegalArgumentException("expand: batch shape " + Shapes.format(from) + " of " + base.name()
                    + " does not broadcast to " + Shapes.format(batchShape));
        }
        int lead = batchShape.length - from.length;
        boolean[] expanded = new boolean[batchShape.length];
        for (int j = 0; j < batchShape.length; j++) {
            expanded[j] = j < lead || (from[j - lead] == 1 && batchShape[j] != 1);
        }
        return new ExpandedDistribution(base, batchShape, expanded);
    }

    /** The wrapped distribution. */
    public Distribution base() {
        return base;
    }

    @Override
    public String name() {
        return "Expanded(" + base.name() + ")";
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return draw(rng, shape, true);
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return draw(rng, shape, base.hasRsample());
    }

    /** Draws the base with the expanded sizes as extra sample dimensions, then moves them into place. */
    private Tensor draw(Rng rng, int[] shape, boolean reparameterized) {
        int[] batch = batchShape();
        int event = eventDim();
        int sampleDims = shape.length - batch.length - event;
        int lead = batch.length - base.batchShape().length;
        int expandedCount = 0;
        for (boolean e : expanded) {
            expandedCount += e ? 1 : 0;
        }
        int[] baseSampleShape = Arrays.copyOf(shape, sampleDims + expandedCount);
        int k = sampleDims;
        for (int j = 0; j < batch.length; j++) {
            if (expanded[j]) {
                baseSampleShape[k++] = batch[j];
            }
        }
        int[] baseShape = base.extendedShape(baseSampleShape);
        Tensor x = reparameterized ? base.rsampleShape(rng, baseShape) : base.sampleShape(rng, baseShape);
        // Drop the base's size-1 dims that were expanded: [sample, expanded..., kept..., event].
        int[] kept = new int[sampleDims + expandedCount + batch.length - expandedCount + event];
        System.arraycopy(baseSampleShape, 0, kept, 0, baseSampleShape.length);
        int w = baseSampleShape.length;
        for (int j = lead; j < batch.length; j++) {
            if (!expanded[j]) {
                kept[w++] = batch[j];
            }
        }
        System.arraycopy(shape, shape.length - event, kept, w, event);
        x = x.reshape(kept);
        int[] perm = new int[shape.length];
        for (int i = 0; i < sampleDims; i++) {
            perm[i] = i;
        }
        int nextExpanded = sampleDims;
        int nextKept = sampleDims + expandedCount;
        for (int j = 0; j < batch.length; j++) {
            perm[sampleDims + j] = expanded[j] ? nextExpanded++ : nextKept++;
        }
        for (int i = 0; i < event; i++) {
            perm[sampleDims + batch.length + i] = sampleDims + batch.length + i;
        }
        return x.permute(perm);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor lp = base.logProbOf(value);
        return lp.expand(Shapes.broadcast("logProb", lp.shape(), batchShape()));
    }

    @Override
    public Constraint support() {
        return base.support();
    }

    @Override
    public Tensor mean() {
        return base.mean().expand(extendedShape());
    }

    @Override
    public Tensor variance() {
        return base.variance().expand(extendedShape());
    }

    @Override
    public Tensor entropy() {
        return base.entropy().expand(batchShape());
    }
}
