package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * The point mass at {@code v} (Pyro's {@code Delta}), with an optional extra log-density {@code logDensity} and the
 * last {@code eventDim} dimensions of {@code v} as its event:
 * {@code log p(x) = sum over the event dims of log 1[x == v] + logDensity}, that is {@code logDensity} where the whole
 * event equals {@code v} and {@code -inf} elsewhere.
 *
 * <p>Reparameterized: a draw is {@code v} itself, so gradients flow to {@code v}. The batch shape is the broadcast of
 * {@code v}'s leading (non-event) dimensions with {@code logDensity}'s shape. The {@link #support()} is all reals
 * (over the event dimensions); {@link #entropy()} is not defined for a point mass.
 */
public final class Delta extends Distribution {

    private final Tensor v;
    private final Tensor logDensity;

    private Delta(Tensor v, Tensor logDensity, int[] batchShape, int[] eventShape) {
        super(batchShape, eventShape);
        this.v = v;
        this.logDensity = logDensity;
    }

    /**
     * A point mass at {@code v} whose last {@code eventDim} dimensions form one event, adding {@code logDensity}
     * (broadcast to the batch shape) to the log-probability of {@code v}.
     *
     * @throws IllegalArgumentException if {@code eventDim} is negative or exceeds {@code v}'s dimensions, if
     *     {@code logDensity}'s shape does not broadcast with {@code v}'s batch dimensions, or (validation on) if
     *     {@code v} holds NaN
     */
    public static Delta of(Tensor v, Tensor logDensity, int eventDim) {
        if (eventDim < 0 || eventDim > v.dim()) {
            throw new IllegalArgumentException("Delta: eventDim " + eventDim + " must be between 0 and the"
                    + " dimensions of v (shape " + Shapes.format(v.shape()) + ")");
        }
        Tensor[] p = Parameters.promote(v, logDensity);
        int[] shape = p[0].shape();
        int[] vBatch = Arrays.copyOf(shape, shape.length - eventDim);
        int[] eventShape = Arrays.copyOfRange(shape, shape.length - eventDim, shape.length);
        int[] batchShape;
        try {
            batchShape = Shapes.broadcast("Delta", vBatch, p[1].shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Delta: parameter shapes do not broadcast: v's batch dimensions "
                    + Shapes.format(vBatch) + " and logDensity " + Shapes.format(p[1].shape()), e);
        }
        int[] full = Arrays.copyOf(batchShape, batchShape.length + eventDim);
        System.arraycopy(eventShape, 0, full, batchShape.length, eventDim);
        Delta d = new Delta(p[0].expand(full), p[1].expand(batchShape), batchShape, eventShape);
        d.checkParameter("v", p[0], Constraint.independent(Constraint.real(), eventDim));
        return d;
    }

    /** A point mass at {@code v} with {@code eventDim} event dimensions and a constant extra log-density. */
    public static Delta of(Tensor v, double logDensity, int eventDim) {
        return of(v, Tensor.scalar(logDensity, Parameters.floatType(v)), eventDim);
    }

    /** A point mass at {@code v} with {@code eventDim} event dimensions and log-density 0. */
    public static Delta of(Tensor v, int eventDim) {
        return of(v, 0.0, eventDim);
    }

    /** A point mass at {@code v} (every element its own event) with log-density 0. */
    public static Delta of(Tensor v) {
        return of(v, 0);
    }

    /** A scalar point mass at {@code v}. */
    public static Delta of(double v) {
        return of(Parameters.scalar(v));
    }

    /** The location of the mass, shape {@code batchShape + eventShape}. */
    public Tensor v() {
        return v;
    }

    /** The extra log-density, shape {@code batchShape}. */
    public Tensor logDensity() {
        return logDensity;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return v.expand(shape);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor hit = value.eq(v).asType(v.dtype()).log();
        return Independent.sumRightmost(hit, eventDim()).add(logDensity);
    }

    /** All reals (NaN excluded), over the event dimensions. */
    @Override
    public Constraint support() {
        return Constraint.independent(Constraint.real(), eventDim());
    }

    /** {@code v}. */
    @Override
    public Tensor mean() {
        return v;
    }

    /** Zeros. */
    @Override
    public Tensor variance() {
        return Tensor.zerosLike(v);
    }

    @Override
    public Delta expand(int... newBatchShape) {
        int[] event = eventShape();
        int[] full = Arrays.copyOf(newBatchShape, newBatchShape.length + event.length);
        System.arraycopy(event, 0, full, newBatchShape.length, event.length);
        return new Delta(v.expand(full), logDensity.expand(newBatchShape), newBatchShape.clone(), event);
    }
}
