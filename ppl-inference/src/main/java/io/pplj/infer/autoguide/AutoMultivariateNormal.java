package io.pplj.infer.autoguide;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.MultivariateNormal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;

/**
 * A full-covariance normal over the joint unconstrained latent vector, as Pyro's
 * {@code AutoMultivariateNormal}: parameters {@code AutoMultivariateNormal.loc} and a lower Cholesky factor
 * {@code AutoMultivariateNormal.scale_tril}, initially {@code initScale * I}.
 *
 * @param <A> the model's input type
 */
public final class AutoMultivariateNormal<A> extends AutoContinuous<A> {

    private final double initScale;

    private AutoMultivariateNormal(Model<A, ?> model, InitStrategy init, double initScale) {
        super(model, "AutoMultivariateNormal", init);
        this.initScale = initScale;
    }

    /** Initialized at prior medians with scale 0.1. */
    public static <A> AutoMultivariateNormal<A> of(Model<A, ?> model) {
        return new AutoMultivariateNormal<>(model, InitStrategy.median(), 0.1);
    }

    /** With a given initialization and initial scale. */
    public static <A> AutoMultivariateNormal<A> of(Model<A, ?> model, InitStrategy init, double initScale) {
        return new AutoMultivariateNormal<>(model, init, initScale);
    }

    @Override
    Tensor loc(Prototype p) {
        return Ppl.param(name() + ".loc", () -> initialLoc(p));
    }

    private Tensor scaleTril(Prototype p) {
        return Ppl.param(name() + ".scale_tril", () -> Tensor.eye(latentDim(p)).asType(initialLoc(p).dtype())
                .mul(initScale), Constraint.lowerCholesky());
    }

    @Override
    Distribution posterior(Prototype p) {
        return MultivariateNormal.ofScaleTril(loc(p), scaleTril(p));
    }

    @Override
    Tensor marginalScale(Prototype p) {
        Tensor l = scaleTril(p);
        return l.square().sum(-1).sqrt();
    }
}
