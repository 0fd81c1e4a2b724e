package io.pplj.infer.autoguide;

import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several guides, each covering part of the model's latent sites (build each from the model with the other sites
 * hidden, e.g. {@code AutoDiagonalNormal.of(Handlers.blockHide(model, "z"))}), run in order as one guide.
 *
 * @param <A> the model's input type
 */
public final class AutoGuideList<A> implements Model<A, Map<String, Tensor>> {

    private final List<Model<A, Map<String, Tensor>>> parts = new ArrayList<>();

    /** An empty list. */
    public AutoGuideList() {
    }

    /** Appends a guide; returns this list. */
    public AutoGuideList<A> add(Model<A, Map<String, Tensor>> guide) {
        parts.add(guide);
        return this;
    }

    /** The guides, in order. */
    public List<Model<A, Map<String, Tensor>>> parts() {
        return List.copyOf(parts);
    }

    @Override
    public Map<String, Tensor> run(A input) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Model<A, Map<String, Tensor>> g : parts) {
            Map<String, Tensor> r = g.run(input);
            if (r != null) {
                out.putAll(r);
            }
        }
        return out;
    }

    /** The medians of the autoguide parts. */
    public Map<String, Tensor> median(A input) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Model<A, Map<String, Tensor>> g : parts) {
            if (g instanceof AutoGuide) {
                out.putAll(((AutoGuide<A>) g).median(input));
            }
        }
        return out;
    }
}
