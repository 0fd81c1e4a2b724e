package io.pplj.infer.autoguide;

import io.pplj.runtime.Frame;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Ppl;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The model's plates recreated once per guide call (so one subsample is drawn per plate and shared by all sites and,
 * by replay, by the model), entered around each site in turn.
 */
final class GuidePlates {

    private final Map<String, Plate> plates = new LinkedHashMap<>();

    GuidePlates(Prototype prototype) {
        for (Frame f : prototype.plates().values()) {
            Plate p = Ppl.plate(f.name(), f.fullSize(), f.size(), f.dim());
            p.close();
            plates.put(f.name(), p);
        }
    }

    /** Runs {@code body} inside the site's vectorized plates (entered outermost first, left in reverse). */
    Tensor within(LatentSite site, Supplier<Tensor> body) {
        List<Plate> entered = new ArrayList<>();
        try {
            for (Frame f : site.frames()) {
                if (f.vectorized()) {
                    Plate p = plates.get(f.name());
                    p.enter();
                    entered.add(p);
                }
            }
            return body.get();
        } finally {
            for (int i = entered.size() - 1; i >= 0; i--) {
                entered.get(i).close();
            }
        }
    }

    /** A full-size parameter of the site restricted to the current subsample of each subsampled plate. */
    Tensor select(Tensor full, LatentSite site, boolean unconstrained) {
        Tensor t = full;
        for (Frame f : site.frames()) {
            if (f.vectorized() && f.size() != f.fullSize()) {
                int dim = unconstrained ? site.unconstrainedDimOf(f.dim()) : site.dimOf(f.dim());
                t = t.indexSelect(dim, plates.get(f.name()).indices());
            }
        }
        return t;
    }
}
