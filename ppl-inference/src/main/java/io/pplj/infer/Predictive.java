package io.pplj.infer;

import io.pplj.runtime.Handlers;
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
import java.util.Set;

/**
 * Predictive sampling (Pyro's {@code Predictive}): runs the model many times with its latent sites drawn from a
 * guide, or taken from given posterior samples, and its observed sites drawn afresh (the model is unconditioned), so
 * the results are draws from the posterior predictive distribution. Without a guide or samples it gives the prior
 * predictive.
 *
 * <pre>{@code
 * Map<String, Tensor> draws = Predictive.fromGuide(model, guide, 1000).run(data);
 * Tensor obs = draws.get("obs");          // shape [1000, ...]
 * }</pre>
 *
 * @param <A> the model's input type
 */
public final class Predictive<A> {

    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final Map<String, Tensor> samples;
    private final int numSamples;
    private final Set<String> returnSites;

    private Predictive(Model<A, ?> model, Model<A, ?> guide, Map<String, Tensor> samples, int numSamples,
                       Set<String> returnSites) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("Predictive: numSamples " + numSamples + " must be at least 1");
        }
        this.model = model;
        this.guide = guide;
        this.samples = samples;
        this.numSamples = numSamples;
        this.returnSites = returnSites;
    }

    /** Latent sites drawn from the guide; returns every sample site (or only {@code returnSites}). */
    public static <A> Predictive<A> fromGuide(Model<A, ?> model, Model<A, ?> guide, int numSamples,
                                              String... returnSites) {
        return new Predictive<>(model, guide, Map.of(), numSamples, Set.of(returnSites));
    }

    /**
     * Latent sites taken from posterior samples (each with a leading sample dimension of the same size); returns the
     * sample sites not given (or only {@code returnSites}).
     *
     * @throws IllegalArgumentException if the samples are empty or their leading sizes differ
     */
    public static <A> Predictive<A> fromSamples(Model<A, ?> model, Map<String, Tensor> posteriorSamples,
                                                String... returnSites) {
        int n = -1;
        for (Map.Entry<String, Tensor> e : posteriorSamples.entrySet()) {
            int size = e.getValue().size(0);
            if (n >= 0 && size != n) {
                throw new IllegalArgumentException("Predictive: sample '" + e.getKey() + "' has " + size
                        + " draws, others have " + n);
            }
            n = size;
        }
        if (n < 1) {
            throw new IllegalArgumentException("Predictive: no posterior samples given");
        }
        return new Predictive<>(model, null, Map.copyOf(posteriorSamples), n, Set.of(returnSites));
    }

    /** Draws from the model's prior predictive distribution. */
    public static <A> Predictive<A> fromPrior(Model<A, ?> model, int numSamples, String... returnSites) {
        return new Predictive<>(model, null, Map.of(), numSamples, Set.of(returnSites));
    }

    /** Runs the draws (without recording gradients); each site's values are stacked along a new leading dim. */
    @SuppressWarnings("try")
    public Map<String, Tensor> run(A input) {
        Map<String, List<Tensor>> collected = new LinkedHashMap<>();
        Model<A, ?> free = Handlers.uncondition(model);
        try (ThreadScope off = Grad.noGrad()) {
            for (int i = 0; i < numSamples; i++) {
                Model<A, ?> m = free;
                if (guide != null) {
                    m = Handlers.replay(free, Handlers.trace(guide).getTrace(input));
                } else if (!samples.isEmpty()) {
                    Map<String, Tensor> draw = new LinkedHashMap<>();
                    int index = i;
                    samples.forEach((k, v) -> draw.put(k, v.select(0, index)));
                    m = Handlers.condition(free, draw);
                }
                Trace t = Handlers.trace(m).getTrace(input);
                for (Site s : t.sampleSites()) {
                    if (keep(s.name())) {
                        collected.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.value());
                    }
                }
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        collected.forEach((k, v) -> out.put(k, Tensor.stack(v, 0)));
        return out;
    }

    private boolean keep(String name) {
        if (!returnSites.isEmpty()) {
            return returnSites.contains(name);
        }
        return !samples.containsKey(name);
    }
}
