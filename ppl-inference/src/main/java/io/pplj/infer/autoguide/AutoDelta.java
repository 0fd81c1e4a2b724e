package io.pplj.infer.autoguide;

import io.pplj.dist.Delta;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A point-mass guide, as Pyro's {@code AutoDelta}: each latent site is a learnable value {@code AutoDelta.values.z}
 * constrained to the site's support; SVI with it finds a MAP estimate.
 *
 * @param <A> the model's input type
 */
public final class AutoDelta<A> extends AutoGuide<A> {

    private AutoDelta(Model<A, ?> model, InitStrategy init) {
        super(model, "AutoDelta", init);
    }

    /** An AutoDelta guide initialized at prior medians. */
    public static <A> AutoDelta<A> of(Model<A, ?> model) {
        return new AutoDelta<>(model, InitStrategy.median());
    }

    /** An AutoDelta guide with a given initialization. */
    public static <A> AutoDelta<A> of(Model<A, ?> model, InitStrategy init) {
        return new AutoDelta<>(model, init);
    }

    private Tensor value(Prototype p, LatentSite s) {
        return Ppl.param(paramName("values", s.name()), () -> p.initialValue(s.name()), s.support());
    }

    @Override
    Map<String, Tensor> guide(Prototype p, GuidePlates plates) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LatentSite s : p.sites()) {
            Tensor v = value(p, s);
            out.put(s.name(), plates.within(s, () -> Ppl.sample(s.name(),
                    Delta.of(plates.select(v, s, false), s.eventDim()))));
        }
        return out;
    }

    @Override
    Map<String, Tensor> medianOf(Prototype p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LatentSite s : p.sites()) {
            out.put(s.name(), value(p, s).detach());
        }
        return out;
    }

    @Override
    Map<String, Tensor> quantileOf(Prototype p, double q) {
        return medianOf(p);
    }
}
