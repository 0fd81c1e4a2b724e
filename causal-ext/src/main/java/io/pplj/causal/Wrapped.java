package io.pplj.causal;

import io.pplj.dist.Distribution;
import io.pplj.dist.ExpandedDistribution;
import io.pplj.dist.Independent;
import io.pplj.dist.MaskedDistribution;

/** Sees through the wrappers plates and reshaping put around a site's distribution. */
final class Wrapped {

    private Wrapped() {
    }

    /**
     * The distribution under any {@link ExpandedDistribution} (plate broadcasting), {@link MaskedDistribution} and
     * {@link Independent} layers: they change shapes and which terms count, not the mechanism.
     */
    static Distribution core(Distribution d) {
        Distribution at = d;
        while (true) {
            if (at instanceof ExpandedDistribution) {
                at = ((ExpandedDistribution) at).base();
            } else if (at instanceof MaskedDistribution) {
                at = ((MaskedDistribution) at).base();
            } else if (at instanceof Independent) {
                at = ((Independent) at).base();
            } else {
                return at;
            }
        }
    }
}
