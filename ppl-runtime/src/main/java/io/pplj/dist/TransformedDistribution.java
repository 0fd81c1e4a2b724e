package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The distribution of {@code y = f_n(... f_1(x))} for {@code x} from a base distribution: draws push base draws
 * through the transforms; densities follow the change of variables,
 * {@code log p(y) = log p_base(x) - sum_i log|det J_{f_i}|}. Structural causal models write a variable as a
 * transformed exogenous noise ({@code Y = f(parents) + U} is {@code AffineTransform} of {@code U}), which is what lets
 * counterfactuals reuse the noise abducted from an observation ({@link #base()}, {@link #transforms()}).
 */
public final class TransformedDistribution extends Distribution {

    private final Distribution base;
    private final List<Transform> transforms;

    private TransformedDistribution(Distribution base, List<Transform> transforms, int[] batch, int[] event) {
        super(batch, event);
        this.base = base;
        this.transforms = transforms;
    }

    /** The distribution of {@code transforms} (applied in order) of draws from {@code base}. */
    public static TransformedDistribution of(Distribution base, Transform... transforms) {
        return of(base, List.of(transforms));
    }

    /**
     * The distribution of {@code transforms} (applied in order) of draws from {@code base}. The base is expanded
     * or reinterpreted ({@link Independent}) as the transforms' event dimensions require.
     *
     * @throws IllegalArgumentException if the base has fewer dimensions than the transforms act on
     */
    public static TransformedDistribution of(Distribution base, List<Transform> transforms) {
        ComposeTransform chain = ComposeTransform.of(transforms);
        int[] baseShape = base.extendedShape();
        int baseEventDim = base.eventDim();
        int domainEventDim = chain.domain().eventDim();
        if (baseShape.length < domainEventDim) {
            throw new IllegalArgumentException("TransformedDistribution: " + base + " has " + baseShape.length
                    + " dims, the transforms act on events of " + domainEventDim);
        }
        int[] forwardShape = chain.forwardShape(baseShape);
        int[] expandedBaseShape = chain.inverseShape(forwardShape);
        Distribution b = base;
        if (!Arrays.equals(baseShape, expandedBaseShape)) {
            b = b.expand(Arrays.copyOf(expandedBaseShape, expandedBaseShape.length - baseEventDim));
        }
        if (domainEventDim > baseEventDim) {
            b = Independent.of(b, domainEventDim - baseEventDim);
        }
        int eventDim = chain.codomain().eventDim() + Math.max(baseEventDim - domainEventDim, 0);
        int cut = forwardShape.length - eventDim;
        return new TransformedDistribution(b, List.copyOf(transforms), Arrays.copyOf(forwardShape, cut),
                Arrays.copyOfRange(forwardShape, cut, forwardShape.length));
    }

    /** The base distribution (after any expansion or reinterpretation the transforms needed). */
    public Distribution base() {
        return base;
    }

    /** The transforms, in application order. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        return apply(base.rsampleShape(rng, baseShapeFor(shape)));
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        int[] baseShape = baseShapeFor(shape);
        return apply(base.hasRsample() ? base.rsampleShape(rng, baseShape) : base.sampleShape(rng, baseShape));
    }

    private int[] baseShapeFor(int[] shape) {
        int sampleDims = shape.length - batchShape().length - eventDim();
        return base.extendedShape(Arrays.copyOf(shape, sampleDims));
    }

    private Tensor apply(Tensor x) {
        Tensor y = x;
        for (Transform t : transforms) {
            y = t.forward(y);
        }
        return y;
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        int eventDim = eventDim();
        Tensor logProb = null;
        Tensor y = value;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Transform t = transforms.get(i);
            Tensor x = t.inverse(y);
            eventDim += t.domain().eventDim() - t.codomain().eventDim();
            Tensor term = Independent.sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domain().eventDim());
            logProb = logProb == null ? term.neg() : logProb.sub(term);
            y = x;
        }
        Tensor baseLp = Independent.sumRightmost(base.logProbOf(y), eventDim - base.eventDim());
        return logProb == null ? baseLp : logProb.add(baseLp);
    }

    @Override
    public Constraint support() {
        if (transforms.isEmpty()) {
            return base.support();
        }
        Constraint c = transforms.get(transforms.size() - 1).codomain();
        return Constraint.independent(c, eventDim() - c.eventDim());
    }
}
