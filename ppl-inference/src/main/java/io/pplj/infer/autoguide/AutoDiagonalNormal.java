package io.pplj.infer.autoguide;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.Normal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;

/**
 * A diagonal normal over the joint unconstrained latent vector, as Pyro's {@code AutoDiagonalNormal}: parameters
 * {@code AutoDiagonalNormal.loc} and {@code AutoDiagonalNormal.scale} (positive, initially {@code initScale}).
 *
 * @param <A> the model's input type
 */
public final class AutoDiagonalNormal<A> extends AutoContinuous<A> {

    private final double initScale;

    private AutoDiagonalNormal(Model<A, ?> model, InitStrategy init, double initScale) {
        super(model, "AutoDiagonalNormal", init);
        this.initScale = initScale;
    }

    /** Initialized at prior medians with scale 0.1. */
    public static <A> AutoDiagonalNormal<A> of(Model<A, ?> model) {
        return new AutoDiagonalNormal<>(model, InitStrategy.median(), 0.1);
    }

    /** With a given initialization and initial scale. */
    public static <A> AutoDiagonalNormal<A> of(Model<A, ?> model, InitStrategy init, double initScale) {
        return new AutoDiagonalNormal<>(model, init, initScale);
    }

    @Override
    Tensor loc(Prototype p) {
        return Ppl.param(name() + ".loc", () -> initialLoc(p));
    }

    private Tensor scale(Prototype p) {
        return Ppl.param(name() + ".scale", () -> Tensor.full(initScale, initialLoc(p).dtype(), latentDim(p)),
                Constraint.positive());
    }

    @Override
    Distribution posterior(Prototype p) {
        return Normal.of(loc(p), scale(p)).toEvent(1);
    }

    @Override
    Tensor marginalScale(Prototype p) {
        return scale(p);
    }
}
