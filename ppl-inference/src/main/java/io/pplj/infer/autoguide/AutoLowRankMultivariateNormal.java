package io.pplj.infer.autoguide;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.LowRankMultivariateNormal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * A low-rank-plus-diagonal normal over the joint unconstrained latent vector, as Pyro's
 * {@code AutoLowRankMultivariateNormal}: covariance {@code diag(s) (I + F F^T) diag(s)} with a factor F of the given
 * rank ({@code .cov_factor}, initially random with entries of variance 1/rank) and a positive scale s ({@code .scale},
 * initially {@code initScale / sqrt 2}).
 *
 * @param <A> the model's input type
 */
public final class AutoLowRankMultivariateNormal<A> extends AutoContinuous<A> {

    private final double initScale;
    private final int rank;

    private AutoLowRankMultivariateNormal(Model<A, ?> model, InitStrategy init, double initScale, int rank) {
        super(model, "AutoLowRankMultivariateNormal", init);
        if (rank < 1) {
            throw new IllegalArgumentException("AutoLowRankMultivariateNormal: rank " + rank + " must be >= 1");
        }
        this.initScale = initScale;
        this.rank = rank;
    }

    /** Rank 1, initialized at prior medians with scale 0.1. */
    public static <A> AutoLowRankMultivariateNormal<A> of(Model<A, ?> model) {
        return new AutoLowRankMultivariateNormal<>(model, InitStrategy.median(), 0.1, 1);
    }

    /** With a given rank, initialization and initial scale. */
    public static <A> AutoLowRankMultivariateNormal<A> of(Model<A, ?> model, int rank, InitStrategy init,
                                                          double initScale) {
        return new AutoLowRankMultivariateNormal<>(model, init, initScale, rank);
    }

    @Override
    Tensor loc(Prototype p) {
        return Ppl.param(name() + ".loc", () -> initialLoc(p));
    }

    private Tensor scale(Prototype p) {
        return Ppl.param(name() + ".scale", () -> Tensor.full(initScale / Math.sqrt(2.0), initialLoc(p).dtype(),
                latentDim(p)), Constraint.positive());
    }

    private Tensor factor(Prototype p) {
        return Ppl.param(name() + ".cov_factor", () -> Rng.current().normal(initialLoc(p).dtype(), latentDim(p),
                rank).div(Math.sqrt(rank)));
    }

    @Override
    Distribution posterior(Prototype p) {
        Tensor s = scale(p);
        return LowRankMultivariateNormal.of(loc(p), factor(p).mul(s.unsqueeze(-1)), s.square());
    }

    @Override
    Tensor marginalScale(Prototype p) {
        Tensor s = scale(p);
        return factor(p).mul(s.unsqueeze(-1)).square().sum(-1).add(s.square()).sqrt();
    }
}
