package io.pplj.infer.autoguide;

import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A guide built automatically from a model, as Pyro's autoguides: on its first call it runs the model once
 * (hidden from other handlers) to find the latent sites, their supports and plates, then creates its parameters in
 * the current parameter store under {@code <name>.<kind>.<site>} and draws every latent site on each call. Values
 * respect each site's support through {@code Transforms.bijectTo}; plates and subsampling are recreated.
 *
 * @param <A> the model's input type
 */
public abstract class AutoGuide<A> implements Model<A, Map<String, Tensor>> {

    private final Model<A, ?> model;
    private final String name;
    private final InitStrategy init;
    private Prototype prototype;

    AutoGuide(Model<A, ?> model, String name, InitStrategy init) {
        this.model = model;
        this.name = name;
        this.init = init;
    }

    /** The guide's name, the prefix of its parameters. */
    public final String name() {
        return name;
    }

    /** Draws every latent site of the model; returns the drawn (constrained) values by site. */
    @Override
    public final Map<String, Tensor> run(A input) {
        Prototype p = prototype(input);
        return guide(p, new GuidePlates(p));
    }

    /** The latent sites' names, in model order (after the first call). */
    public final List<String> latentNames() {
        List<String> names = new ArrayList<>();
        for (LatentSite s : requirePrototype().sites()) {
            names.add(s.name());
        }
        return names;
    }

    /** The guide's median of every latent site (constrained), running the model once first if needed. */
    public final Map<String, Tensor> median(A input) {
        return medianOf(prototype(input));
    }

    /** The guide's {@code q}-quantile of every latent site's marginals, elementwise (constrained). */
    public final Map<String, Tensor> quantile(double q, A input) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException(name + ": quantile level " + q + " must be in (0, 1)");
        }
        return quantileOf(prototype(input), q);
    }

    final Prototype prototype(A input) {
        if (prototype == null) {
            prototype = Prototype.of(name, model, input, init);
            checkPrototype(prototype);
        }
        return prototype;
    }

    private Prototype requirePrototype() {
        if (prototype == null) {
            throw new IllegalStateException(name + " has not seen the model yet: call it (or take an SVI step) once");
        }
        return prototype;
    }

    /** For subclasses: rejects model structures the guide cannot handle. */
    void checkPrototype(Prototype p) {
    }

    /** For subclasses: draws the latent sites inside their plates. */
    abstract Map<String, Tensor> guide(Prototype p, GuidePlates plates);

    abstract Map<String, Tensor> medianOf(Prototype p);

    abstract Map<String, Tensor> quantileOf(Prototype p, double q);

    /** The name of one of this guide's parameters: {@code <guide>.<kind>.<site>}. */
    final String paramName(String kind, String site) {
        return name + "." + kind + "." + site;
    }
}
