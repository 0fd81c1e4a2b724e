package io.pplj.infer.autoguide;

import io.pplj.dist.Delta;
import io.pplj.dist.Distribution;
import io.pplj.runtime.Frame;
import io.pplj.runtime.Model;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guides with one joint distribution over all latent sites, as Pyro's {@code AutoContinuous}: the sites'
 * unconstrained values are concatenated into a vector {@code u} of length D drawn from {@link #posterior} as an
 * auxiliary site {@code _<name>_latent}; each site is then {@code bijectTo(support)} of its slice, recorded as a
 * {@link Delta} whose log density {@code -log|det J|} completes the change of variables, so the guide's log density
 * is {@code log q(u) - sum log|det J|}. Subsampled plates are not supported (the vector covers every element).
 *
 * @param <A> the model's input type
 */
public abstract class AutoContinuous<A> extends AutoGuide<A> {

    AutoContinuous(Model<A, ?> model, String name, InitStrategy init) {
        super(model, name, init);
    }

    @Override
    void checkPrototype(Prototype p) {
        for (LatentSite s : p.sites()) {
            for (Frame f : s.frames()) {
                if (f.vectorized() && f.size() != f.fullSize()) {
                    throw new IllegalArgumentException(name() + " cannot guide site '" + s.name() + "' in the"
                            + " subsampled plate '" + f.name() + "'; use AutoNormal for mini-batched local variables");
                }
            }
        }
    }

    /** The length D of the joint unconstrained vector. */
    static int latentDim(Prototype p) {
        int d = 0;
        for (LatentSite s : p.sites()) {
            d += s.unconstrainedSize();
        }
        return d;
    }

    /** The sites' initial unconstrained values, flattened and concatenated. */
    static Tensor initialLoc(Prototype p) {
        List<Tensor> parts = new ArrayList<>();
        for (LatentSite s : p.sites()) {
            parts.add(s.transform().inverse(p.initialValue(s.name())).flatten());
        }
        return Tensor.cat(parts, 0).detach();
    }

    /** The joint distribution of the unconstrained vector (event shape {@code [D]}), from this guide's parameters. */
    abstract Distribution posterior(Prototype p);

    /** The posterior's location (its median in unconstrained space). */
    abstract Tensor loc(Prototype p);

    /** The marginal standard deviations of the unconstrained vector. */
    abstract Tensor marginalScale(Prototype p);

    @Override
    final Map<String, Tensor> guide(Prototype p, GuidePlates plates) {
        Tensor u = Ppl.sample("_" + name() + "_latent", posterior(p), Map.of("is_auxiliary", Boolean.TRUE));
        Map<String, Tensor> out = new LinkedHashMap<>();
        int offset = 0;
        for (LatentSite s : p.sites()) {
            int n = s.unconstrainedSize();
            Tensor piece = u.narrow(-1, offset, n).reshape(s.unconstrainedShape());
            offset += n;
            Tensor value = s.transform().forward(piece);
            Tensor ladj = s.transform().logAbsDetJacobian(piece, value);
            int batchDims = value.dim() - s.eventDim();
            Tensor logDensity = sumRightmost(ladj.neg(), ladj.dim() - batchDims);
            out.put(s.name(), plates.within(s, () -> Ppl.sample(s.name(), Delta.of(value, logDensity,
                    s.eventDim()))));
        }
        return out;
    }

    private static Tensor sumRightmost(Tensor t, int k) {
        if (k <= 0) {
            return t;
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = t.dim() - k + i;
        }
        return t.sum(dims, false);
    }

    /** Splits an unconstrained vector into the sites' constrained values. */
    final Map<String, Tensor> unpack(Prototype p, Tensor u) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int offset = 0;
        for (LatentSite s : p.sites()) {
            int n = s.unconstrainedSize();
            out.put(s.name(), s.transform().forward(u.narrow(-1, offset, n).reshape(s.unconstrainedShape()))
                    .detach());
            offset += n;
        }
        return out;
    }

    @Override
    final Map<String, Tensor> medianOf(Prototype p) {
        return unpack(p, loc(p));
    }

    @Override
    final Map<String, Tensor> quantileOf(Prototype p, double q) {
        double z = new org.apache.commons.math3.distribution.NormalDistribution().inverseCumulativeProbability(q);
        return unpack(p, loc(p).add(marginalScale(p).mul(z)));
    }
}
