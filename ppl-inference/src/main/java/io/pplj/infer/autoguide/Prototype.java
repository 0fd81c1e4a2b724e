package io.pplj.infer.autoguide;

import io.pplj.dist.Transforms;
import io.pplj.runtime.Frame;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.BlockMessenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's structure as an autoguide sees it: one run of the model, hidden from outer handlers, giving the latent
 * sites in order with their supports, plates and initial values (expanded to full plate sizes by repeating the
 * subsample periodically, as Pyro does).
 */
final class Prototype {

    private final List<LatentSite> sites;
    private final Map<String, Tensor> initialValues;
    private final Map<String, Frame> plates;

    private Prototype(List<LatentSite> sites, Map<String, Tensor> initialValues, Map<String, Frame> plates) {
        this.sites = sites;
        this.initialValues = initialValues;
        this.plates = plates;
    }

    @SuppressWarnings("try")
    static <A> Prototype of(String guideName, Model<A, ?> model, A input, InitStrategy init) {
        Trace trace;
        try (ThreadScope noGrad = Grad.noGrad(); Messenger hidden = BlockMessenger.all().enter()) {
            trace = Handlers.trace(model).getTrace(input);
        }
        List<LatentSite> sites = new ArrayList<>();
        Map<String, Tensor> initial = new LinkedHashMap<>();
        Map<String, Frame> plates = new LinkedHashMap<>();
        for (Site s : trace.stochasticSites()) {
            if (s.distribution().support().isDiscrete()) {
                throw new IllegalArgumentException(guideName + " cannot guide the discrete site '" + s.name()
                        + "' (support " + s.distribution().support() + "); enumerate it or write a guide for it");
            }
            var transform = Transforms.bijectTo(s.distribution().support());
            int eventDim = s.distribution().eventDim();
            int[] shape = s.value().shape();
            Tensor value;
            try (ThreadScope noGrad = Grad.noGrad()) {
                value = init.init(s).detach();
            }
            for (Frame f : s.frames()) {
                if (f.vectorized()) {
                    plates.put(f.name(), f);
                    int dim = shape.length - eventDim + f.dim();
                    if (dim >= 0 && f.size() != f.fullSize()) {
                        shape[dim] = f.fullSize();
                        value = periodic(value, dim, f.fullSize());
                    }
                }
            }
            sites.add(new LatentSite(s.name(), s.distribution().support(), transform, eventDim, s.frames(), shape,
                    transform.inverseShape(shape)));
            initial.put(s.name(), value);
        }
        return new Prototype(sites, initial, plates);
    }

    /** {@code x} extended along {@code dim} to {@code size} by repeating it: entry i is entry {@code i mod n}. */
    private static Tensor periodic(Tensor x, int dim, int size) {
        int n = x.size(dim);
        long[] idx = new long[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i % n;
        }
        return x.indexSelect(dim, Tensor.ofLongs(idx));
    }

    List<LatentSite> sites() {
        return sites;
    }

    /** The constrained initial value of a site at full plate sizes. */
    Tensor initialValue(String name) {
        return initialValues.get(name);
    }

    /** The vectorized plates of the model, by name (their full size, subsample size and dim). */
    Map<String, Frame> plates() {
        return plates;
    }
}
