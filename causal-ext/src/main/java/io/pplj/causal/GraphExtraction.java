package io.pplj.causal;

import io.pplj.dist.Distribution;
import io.pplj.dist.Validation;
import io.pplj.runtime.DependencyTracking;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Extracts a model's causal graph ({@link CausalGraph#fromModel}): tensor dependencies first, then, for sites with a
 * finite support, a change of value with everything else replayed; over several runs, since a mechanism may ignore a
 * parent in some contexts (when another parent has some value).
 */
final class GraphExtraction {

    private GraphExtraction() {
    }

    /**
     * The union of the graphs of {@code runs} runs, each drawn from its own seeded generator (so extraction is
     * reproducible and leaves the thread's generator alone).
     */
    @SuppressWarnings("try")
    static <A> CausalGraph extract(Model<A, ?> model, A input, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("CausalGraph.fromModel: runs " + runs + " must be at least 1");
        }
        CausalGraph g = CausalGraph.empty();
        for (int r = 0; r < runs; r++) {
            try (ThreadScope rng = Rng.use(Rng.of(r))) {
                g = extractOnce(g, model, input);
            }
        }
        return g;
    }

    /** {@code g} with the sites and edges one run shows. */
    @SuppressWarnings("try")
    private static <A> CausalGraph extractOnce(CausalGraph g, Model<A, ?> model, A input) {
        Trace trace;
        List<Site> sites;
        try (ThreadScope grad = Grad.enableGrad()) {
            try (Messenger tracking = DependencyTracking.ofSites().enter()) {
                trace = Handlers.trace(model).getTrace(input);
            }
            sites = variables(trace);
            for (Site s : sites) {
                g = g.withNode(s.name());
            }
            for (int i = 0; i < sites.size(); i++) {
                for (String parent : tracked(sites, i)) {
                    g = g.withEdge(parent, sites.get(i).name());
                }
            }
        }
        for (int j = 0; j < sites.size(); j++) {
            if (sites.get(j).distribution().hasEnumerateSupport()) {
                for (String child : perturbed(model, input, trace, sites, j)) {
                    g = g.withEdge(sites.get(j).name(), child);
                }
            }
        }
        return g;
    }

    /** The sample sites that are variables: not factors, not deterministic records. */
    private static List<Site> variables(Trace trace) {
        return trace.filter(s -> s.type() == Message.Type.SAMPLE && !"Factor".equals(s.distribution().name())
                && !Boolean.TRUE.equals(s.infer().get(DependencyTracking.DETERMINISTIC)));
    }

    /** The earlier sites whose tracked values the distribution of site {@code i} was computed from. */
    private static List<String> tracked(List<Site> sites, int i) {
        List<Tensor> probes = new ArrayList<>();
        Site s = sites.get(i);
        probes.add(s.unscaledLogProb());
        try {
            probes.add(s.distribution().mean());
        } catch (UnsupportedOperationException noMean) {
            // the log-probability is the only probe for families without a mean
        }
        List<Integer> candidates = new ArrayList<>();
        for (int j = 0; j < i; j++) {
            if (sites.get(j).value().requiresGrad()) {
                candidates.add(j);
            }
        }
        Tensor[] values = new Tensor[candidates.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = sites.get(candidates.get(c)).value();
        }
        boolean[] found = new boolean[values.length];
        for (Tensor p : probes) {
            if (p.requiresGrad()) {
                boolean[] reached = Grad.reaches(p, values);
                for (int c = 0; c < found.length; c++) {
                    found[c] |= reached[c];
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < found.length; c++) {
            if (found[c]) {
                out.add(sites.get(candidates.get(c)).name());
            }
        }
        return out;
    }

    /** The later sites whose distribution changes when site {@code j} takes each value of its support. */
    @SuppressWarnings("try")
    private static <A> List<String> perturbed(Model<A, ?> model, A input, Trace trace, List<Site> sites, int j) {
        Site changed = sites.get(j);
        Tensor support = changed.distribution().enumerateSupport(true);
        List<String> out = new ArrayList<>();
        try (ThreadScope noGrad = Grad.noGrad(); ThreadScope lenient = Validation.disable()) {
            for (int k = 0; k < support.size(0); k++) {
                Tensor value = support.select(0, k);
                Messenger set = new Messenger() {
                    @Override
                    protected void process(Message msg) {
                        if (msg.name().equals(changed.name())) {
                            msg.setValue(value);
                            msg.setDone(true);
                        }
                    }
                };
                Trace after = Handlers.trace(set.wrap(Handlers.replay(model, trace))).getTrace(input);
                for (int i = j + 1; i < sites.size(); i++) {
                    String name = sites.get(i).name();
                    if (!out.contains(name) && (!after.contains(name) || differs(sites.get(i), after.site(name)))) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    /** Whether a site's distribution differs: shapes, log-probability of the recorded value or of the support. */
    private static boolean differs(Site before, Site after) {
        Distribution a = before.distribution();
        Distribution b = after.distribution();
        if (!Arrays.equals(a.batchShape(), b.batchShape()) || !Arrays.equals(a.eventShape(), b.eventShape())) {
            return true;
        }
        Tensor x = before.value().detach();
        if (!same(a.logProb(x), b.logProb(x))) {
            return true;
        }
        if (a.hasEnumerateSupport() && b.hasEnumerateSupport()) {
            Tensor support = a.enumerateSupport(false);
            return !same(a.logProb(support), b.logProb(support));
        }
        return false;
    }

    private static boolean same(Tensor a, Tensor b) {
        return Arrays.equals(a.shape(), b.shape()) && a.detach().eq(b.detach()).all().item() == 1.0;
    }
}
