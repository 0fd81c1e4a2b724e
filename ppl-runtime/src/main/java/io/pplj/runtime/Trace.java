package io.pplj.runtime;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The record of one run of a model: its sites in execution order ({@link Handlers#trace}). Sample sites carry
 * their values, distributions, scales, masks and plates, and give log-probabilities; the trace sums them into the
 * model's log joint density {@link #logProbSum()}.
 *
 * <p>{@code toString()} prints a table of the sites: name, type, distribution, value/batch/event shapes and the
 * summed log-probability.
 */
public final class Trace {

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private Object returnValue;

    Trace() {
    }

    /**
     * Adds a site. A second site of the same name is an error, except for params (a param may be read repeatedly).
     */
    void add(Site site) {
        Site existing = sites.get(site.name());
        if (existing != null) {
            if (existing.type() == Message.Type.PARAM && site.type() == Message.Type.PARAM) {
                return;
            }
            throw new IllegalArgumentException("a model run has two sites named '" + site.name() + "' ("
                    + existing + " and " + site + "); site names must be unique in one run");
        }
        sites.put(site.name(), site);
    }

    void setReturnValue(Object value) {
        this.returnValue = value;
    }

    /** What the model returned. */
    public Object returnValue() {
        return returnValue;
    }

    /** Whether a site of this name was recorded. */
    public boolean contains(String name) {
        return sites.containsKey(name);
    }

    /**
     * The site of this name.
     *
     * @throws IllegalArgumentException listing the trace's sites if there is none
     */
    public Site site(String name) {
        Site s = sites.get(name);
        if (s == null) {
            throw new IllegalArgumentException("the trace has no site named '" + name + "'; its sites are "
                    + sites.keySet());
        }
        return s;
    }

    /** All sites in execution order. */
    public Collection<Site> sites() {
        return Collections.unmodifiableCollection(sites.values());
    }

    /** The names of all sites, in execution order. */
    public List<String> names() {
        return List.copyOf(sites.keySet());
    }

    /** Sample sites (latent and observed), in order. */
    public List<Site> sampleSites() {
        return filter(s -> s.type() == Message.Type.SAMPLE);
    }

    /** Latent sample sites: drawn, not observed. */
    public List<Site> stochasticSites() {
        return filter(Site::isStochastic);
    }

    /** Observed sample sites. */
    public List<Site> observedSites() {
        return filter(s -> s.type() == Message.Type.SAMPLE && s.isObserved());
    }

    /** Param sites. */
    public List<Site> paramSites() {
        return filter(s -> s.type() == Message.Type.PARAM);
    }

    /** Sites matching a predicate, in order. */
    public List<Site> filter(Predicate<Site> keep) {
        List<Site> out = new ArrayList<>();
        for (Site s : sites.values()) {
            if (keep.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The sum of every sample site's log-probability (scaled and masked): the log joint density of the run. */
    public Tensor logProbSum() {
        return logProbSum(s -> true);
    }

    /** The sum of the log-probabilities of the sample sites matching {@code keep}. */
    public Tensor logProbSum(Predicate<Site> keep) {
        Tensor total = null;
        for (Site s : sites.values()) {
            if (s.type() == Message.Type.SAMPLE && keep.test(s)) {
                Tensor lp = s.logProbSum();
                total = total == null ? lp : total.add(lp);
            }
        }
        return total == null ? Tensor.scalar(0.0) : total;
    }

    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "type", "distribution", "value", "batch", "event", "log prob"});
        for (Site s : sites.values()) {
            String dist = s.distribution() == null ? "" : s.distribution().name();
            String batch = s.distribution() == null ? "" : Shapes.format(s.distribution().batchShape());
            String event = s.distribution() == null ? "" : Shapes.format(s.distribution().eventShape());
            String type = s.type().name().toLowerCase(Locale.ROOT) + (s.isObserved() ? " (obs)" : "");
            String lp = s.type() == Message.Type.SAMPLE
                    ? String.format(Locale.ROOT, "%.4f", s.logProbSum().item()) : "";
            rows.add(new String[] {s.name(), type, dist, s.value() == null ? "" : Shapes.format(s.value().shape()),
                batch, event, lp});
        }
        int[] width = new int[7];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", r[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
