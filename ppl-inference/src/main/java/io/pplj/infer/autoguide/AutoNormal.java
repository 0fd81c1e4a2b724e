package io.pplj.infer.autoguide;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.IdentityTransform;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A mean-field normal guide in unconstrained space, as Pyro's {@code AutoNormal}: each latent site z is
 * {@code bijectTo(support)(u)} with {@code u ~ Normal(loc, scale)} elementwise, parameters {@code AutoNormal.locs.z}
 * and {@code AutoNormal.scales.z} (positive). Each site is drawn inside its plates, and subsampled plates select the
 * matching rows of the full-size parameters, so local latent variables work with mini-batches.
 *
 * @param <A> the model's input type
 */
public final class AutoNormal<A> extends AutoGuide<A> {

    private final double initScale;

    private AutoNormal(Model<A, ?> model, String name, InitStrategy init, double initScale) {
        super(model, name, init);
        if (!(initScale > 0)) {
            throw new IllegalArgumentException("AutoNormal: initScale " + initScale + " must be positive");
        }
        this.initScale = initScale;
    }

    /** An AutoNormal guide initialized at prior medians with scale 0.1, as Pyro's defaults. */
    public static <A> AutoNormal<A> of(Model<A, ?> model) {
        return new AutoNormal<>(model, "AutoNormal", InitStrategy.median(), 0.1);
    }

    /** An AutoNormal guide with a given initialization and initial scale. */
    public static <A> AutoNormal<A> of(Model<A, ?> model, InitStrategy init, double initScale) {
        return new AutoNormal<>(model, "AutoNormal", init, initScale);
    }

    private Tensor loc(Prototype p, LatentSite s) {
        return Ppl.param(paramName("locs", s.name()), () -> s.transform().inverse(p.initialValue(s.name())));
    }

    private Tensor scale(LatentSite s, Tensor like) {
        return Ppl.param(paramName("scales", s.name()), () -> Tensor.full(initScale, like.dtype(),
                s.unconstrainedShape()), Constraint.positive());
    }

    @Override
    Map<String, Tensor> guide(Prototype p, GuidePlates plates) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LatentSite s : p.sites()) {
            Tensor loc = loc(p, s);
            Tensor scale = scale(s, loc);
            out.put(s.name(), plates.within(s, () -> Ppl.sample(s.name(), posterior(s,
                    plates.select(loc, s, true), plates.select(scale, s, true)))));
        }
        return out;
    }

    private static Distribution posterior(LatentSite s, Tensor loc, Tensor scale) {
        int eventDims = s.unconstrainedShape().length - (s.shape().length - s.eventDim());
        Distribution base = Normal.of(loc, scale).toEvent(eventDims);
        return s.transform() instanceof IdentityTransform ? base : TransformedDistribution.of(base, s.transform());
    }

    @Override
    Map<String, Tensor> medianOf(Prototype p) {
        return quantiles(p, 0.0);
    }

    @Override
    Map<String, Tensor> quantileOf(Prototype p, double q) {
        return quantiles(p, new NormalDistribution().inverseCumulativeProbability(q));
    }

    /** {@code bijectTo(support)(loc + z scale)} per site, detached. */
    private Map<String, Tensor> quantiles(Prototype p, double z) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LatentSite s : p.sites()) {
            Tensor loc = loc(p, s);
            Tensor u = z == 0.0 ? loc : loc.add(scale(s, loc).mul(z));
            out.put(s.name(), s.transform().forward(u).detach());
        }
        return out;
    }
}
