package io.pplj.dist;

import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.Arrays;

/**
 * A probability distribution over tensors, with PyTorch/Pyro shape semantics.
 *
 * <p><b>Shapes.</b> A draw has shape {@code sampleShape + batchShape + eventShape}: the batch shape indexes
 * independent, differently parameterized distributions (it comes from broadcasting the parameters); the event shape
 * is the shape of one draw (empty for scalar families, {@code [k]} for a k-variate one). {@link #logProb(Tensor)}
 * returns one value per batch element, summed over event dimensions, broadcasting the value against
 * {@code batchShape + eventShape}.
 *
 * <p><b>Sampling.</b> {@link #sample()} draws without gradients; {@link #rsample()} draws by reparameterization, so
 * gradients flow from the draw back to the parameters ({@link #hasRsample()} tells which families can). Both take
 * the thread's {@link Rng#current() generator} unless an {@code Rng} is passed.
 *
 * <p><b>Validation.</b> While {@link Validation} is enabled (the default), factories reject parameters outside their
 * constraints and {@code logProb} rejects values outside the {@link #support()}, naming the distribution, the
 * argument and the offending values.
 */
public abstract class Distribution {

    private final int[] batchShape;
    private final int[] eventShape;

    /** For subclasses: the distribution's batch and event shapes. */
    protected Distribution(int[] batchShape, int[] eventShape) {
        this.batchShape = batchShape.clone();
        this.eventShape = eventShape.clone();
    }

    /** The shape of the batch of independent distributions. */
    public final int[] batchShape() {
        return batchShape.clone();
    }

    /** The shape of one draw. */
    public final int[] eventShape() {
        return eventShape.clone();
    }

    /** The number of event dimensions. */
    public final int eventDim() {
        return eventShape.length;
    }

    /** {@code sampleShape + batchShape + eventShape}: the shape of {@code sample(sampleShape)}. */
    public final int[] extendedShape(int... sampleShape) {
        int[] out = new int[sampleShape.length + batchShape.length + eventShape.length];
        System.arraycopy(sampleShape, 0, out, 0, sampleShape.length);
        System.arraycopy(batchShape, 0, out, sampleShape.length, batchShape.length);
        System.arraycopy(eventShape, 0, out, sampleShape.length + batchShape.length, eventShape.length);
        return out;
    }

    /** The distribution's name in messages (its class name by default). */
    public String name() {
        return getClass().getSimpleName();
    }

    // ---- sampling -------------------------------------------------------------------------------------------

    /** Whether {@link #rsample()} is available: draws that are differentiable functions of the parameters. */
    public boolean hasRsample() {
        return false;
    }

    /** One draw of shape {@code batchShape + eventShape} from the current generator, without gradients. */
    public final Tensor sample() {
        return sample(Rng.current());
    }

    /** Draws of shape {@code sampleShape + batchShape + eventShape} from the current generator. */
    public final Tensor sample(int... sampleShape) {
        return sample(Rng.current(), sampleShape);
    }

    /** Draws of shape {@code sampleShape + batchShape + eventShape} from {@code rng}, without gradients. */
    @SuppressWarnings("try")
    public final Tensor sample(Rng rng, int... sampleShape) {
        int[] shape = extendedShape(Shapes.checked("sample", sampleShape));
        try (ThreadScope noGrad = Grad.noGrad()) {
            return hasRsample() ? rsampleShape(rng, shape) : sampleShape(rng, shape);
        }
    }

    /** One reparameterized draw from the current generator. */
    public final Tensor rsample() {
        return rsample(Rng.current());
    }

    /** Reparameterized draws of shape {@code sampleShape + batchShape + eventShape} from the current generator. */
    public final Tensor rsample(int... sampleShape) {
        return rsample(Rng.current(), sampleShape);
    }

    /**
     * Reparameterized draws from {@code rng}: differentiable with respect to the parameters.
     *
     * @throws UnsupportedOperationException if the family has none ({@link #hasRsample()} is false)
     */
    public final Tensor rsample(Rng rng, int... sampleShape) {
        if (!hasRsample()) {
            throw new UnsupportedOperationException(name() + " has no reparameterized sampler (hasRsample() is"
                    + " false); use sample(), or score-function gradients");
        }
        return rsampleShape(rng, extendedShape(Shapes.checked("rsample", sampleShape)));
    }

    /**
     * For subclasses with {@link #hasRsample()}: differentiable draws of exactly {@code shape}
     * ({@code sampleShape + batchShape + eventShape}).
     */
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        throw new UnsupportedOperationException(name() + " has no reparameterized sampler");
    }

    /** For subclasses without rsample: draws of exactly {@code shape}; called with gradient recording off. */
    protected Tensor sampleShape(Rng rng, int[] shape) {
        throw new UnsupportedOperationException(name() + " has no sampler");
    }

    // ---- densities and moments --------------------------------------------------------------------------------

    /**
     * The log density (or log mass) of {@code value}, one per batch element: shape
     * {@code broadcast(value.shape minus event dims, batchShape)}.
     *
     * @throws IllegalArgumentException when validation is on and the value's shape does not fit the distribution's
     *     or a value lies outside the support
     */
    public final Tensor logProb(Tensor value) {
        if (Validation.isEnabled()) {
            validateSample(value);
        }
        return logProbOf(value);
    }

    /** For subclasses: the log density of a value already validated. */
    protected abstract Tensor logProbOf(Tensor value);

    /** The set of values with positive density. */
    public abstract Constraint support();

    /** The mean, shape {@code batchShape + eventShape}. */
    public Tensor mean() {
        throw unsupported("mean");
    }

    /** The variance (per coordinate for multivariate families), shape {@code batchShape + eventShape}. */
    public Tensor variance() {
        throw unsupported("variance");
    }

    /** The standard deviation, {@code sqrt(variance())}. */
    public Tensor stddev() {
        return variance().sqrt();
    }

    /** The entropy {@code -E[log p(x)]}, shape {@code batchShape}. */
    public Tensor entropy() {
        throw unsupported("entropy");
    }

    /** The cumulative distribution function (scalar continuous families). */
    public Tensor cdf(Tensor value) {
        throw unsupported("cdf");
    }

    /** Whether the support is finite and can be enumerated ({@link #enumerateSupport(boolean)}). */
    public boolean hasEnumerateSupport() {
        return false;
    }

    /**
     * All values of a finite support along a new leading dimension: shape {@code [n] + [1, ...] + eventShape}, or
     * with the batch dimensions filled in when {@code expand}.
     */
    public Tensor enumerateSupport(boolean expand) {
        throw unsupported("enumerateSupport");
    }

    /** An exception saying this family does not provide {@code what}. */
    protected final UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(name() + " has no " + what);
    }

    // ---- reshaping ------------------------------------------------------------------------------------------

    /**
     * The same distribution broadcast to a larger batch shape (size-1 and missing leading dimensions repeat), with
     * independent draws in the new positions.
     */
    public Distribution expand(int... newBatchShape) {
        if (Arrays.equals(newBatchShape, batchShape)) {
            return this;
        }
        return ExpandedDistribution.of(this, newBatchShape);
    }

    /** Reinterprets the rightmost {@code n} batch dimensions as event dimensions ({@link Independent}). */
    public Distribution toEvent(int n) {
        return n == 0 ? this : Independent.of(this, n);
    }

    /** The same distribution whose log-probabilities are zero where {@code mask} (bool, broadcasting) is false. */
    public Distribution mask(Tensor mask) {
        return MaskedDistribution.of(this, mask);
    }

    // ---- validation helpers for subclasses --------------------------------------------------------------------

    /**
     * Checks a parameter against its constraint when validation is on.
     *
     * @throws IllegalArgumentException naming this distribution, the parameter, its shape, how many values are
     *     invalid and an example
     */
    protected final void checkParameter(String argument, Tensor value, Constraint constraint) {
        if (!Validation.isEnabled()) {
            return;
        }
        Tensor detached = value.detach();
        if (!constraint.isSatisfiedBy(detached)) {
            Tensor ok = constraint.check(detached);
            throw new IllegalArgumentException(name() + ": parameter '" + argument + "' must be " + constraint
                    + "; " + Validator.describeInvalid(value, ok, constraint.eventDim()));
        }
    }

    private void validateSample(Tensor value) {
        Validator.checkShape(this, value, batchShape, eventShape);
        Tensor detached = value.detach();
        if (!support().isSatisfiedBy(detached)) {
            Tensor ok = support().check(detached);
            throw new IllegalArgumentException(name() + ": value outside the support " + support() + "; "
                    + Validator.describeInvalid(value, ok, support().eventDim()));
        }
    }

    @Override
    public String toString() {
        return name() + "(batchShape=" + Shapes.format(batchShape) + ", eventShape=" + Shapes.format(eventShape)
                + ")";
    }
}
