package io.pplj.infer.autoguide;

import io.pplj.dist.Distribution;
import io.pplj.dist.Transforms;
import io.pplj.runtime.Site;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * How an autoguide initializes a latent site: a constrained value for the site, given the site as the model's
 * prototype run recorded it (its distribution and drawn value).
 */
@FunctionalInterface
public interface InitStrategy {

    /** A constrained initial value with the shape of {@code site.value()}. */
    Tensor init(Site site);

    /** The elementwise median of 15 draws from the site's prior (Pyro's default {@code init_to_median}). */
    static InitStrategy median() {
        return site -> {
            Distribution d = site.distribution();
            return d.sample(Rng.current(), 15).median(0);
        };
    }

    /** The prior mean where it is finite, the median otherwise. */
    static InitStrategy mean() {
        return site -> {
            try {
                Tensor m = site.distribution().mean();
                if (m.isFinite().all().item() != 0.0) {
                    return m.expand(site.value().shape());
                }
            } catch (UnsupportedOperationException noMean) {
                // fall through to the median
            }
            return median().init(site);
        };
    }

    /** The image of zero under {@code bijectTo(support)}: a feasible point (e.g. 1 for positive values). */
    static InitStrategy feasible() {
        return site -> {
            var transform = Transforms.bijectTo(site.distribution().support());
            int[] unconstrained = transform.inverseShape(site.value().shape());
            return transform.forward(Tensor.zeros(site.value().dtype(), unconstrained));
        };
    }

    /** The value the prototype run drew. */
    static InitStrategy sample() {
        return Site::value;
    }

    /** Given values for the named sites, {@code fallback} for the others. */
    static InitStrategy values(Map<String, Tensor> values, InitStrategy fallback) {
        Map<String, Tensor> copy = Map.copyOf(values);
        return site -> copy.containsKey(site.name()) ? copy.get(site.name()) : fallback.init(site);
    }
}
