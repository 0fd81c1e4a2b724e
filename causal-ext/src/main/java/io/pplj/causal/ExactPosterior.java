package io.pplj.causal;

import io.pplj.runtime.Trace;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The result of an {@link ExactQuery}: every assignment of the latent sites with positive probability, as the trace
 * of its run, with its normalized probability {@code p(assignment | evidence)}; queries are exact sums over them.
 */
public final class ExactPosterior {

    private final List<Trace> traces;
    private final double[] probabilities;
    private final double logEvidence;

    private ExactPosterior(List<Trace> traces, double[] probabilities, double logEvidence) {
        this.traces = traces;
        this.probabilities = probabilities;
        this.logEvidence = logEvidence;
    }

    /**
     * Normalizes {@code logWeights} (log joint probabilities) stably: {@code p_i = exp(l_i - m) / sum exp(l_j - m)}.
     *
     * @throws IllegalArgumentException if there is no assignment with positive probability
     */
    static ExactPosterior of(List<Trace> traces, double[] logWeights) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("ExactQuery: the evidence has probability zero: every assignment of"
                    + " the latent sites contradicts it");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logWeights) {
            max = Math.max(max, l);
        }
        double total = 0;
        double[] p = new double[logWeights.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logWeights[i] - max);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return new ExactPosterior(List.copyOf(traces), p, max + Math.log(total));
    }

    /** The number of assignments with positive probability. */
    public int size() {
        return traces.size();
    }

    /** The traces of the assignments with positive probability. */
    public List<Trace> traces() {
        return Collections.unmodifiableList(traces);
    }

    /** The probability of the {@code i}-th assignment given the evidence. */
    public double probability(int i) {
        return probabilities[i];
    }

    /**
     * {@code log sum_assignments p(assignment, evidence)}: the log probability (or density, for continuous
     * observations) of the evidence; 0 without observations.
     */
    public double logEvidence() {
        return logEvidence;
    }

    /** The probability of an event, a predicate on a run's trace. */
    public double probability(Predicate<Trace> event) {
        double p = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (event.test(traces.get(i))) {
                p += probabilities[i];
            }
        }
        return p;
    }

    /** The expectation of a function of a run's trace. */
    public double expectation(ToDoubleFunction<Trace> f) {
        double e = 0;
        for (int i = 0; i < probabilities.length; i++) {
            e += probabilities[i] * f.applyAsDouble(traces.get(i));
        }
        return e;
    }

    /** The distribution of a function of a run's trace: each value it takes, with its probability, ascending. */
    public SortedMap<Double, Double> distribution(ToDoubleFunction<Trace> f) {
        SortedMap<Double, Double> out = new TreeMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            out.merge(f.applyAsDouble(traces.get(i)), probabilities[i], Double::sum);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * The marginal distribution of a site whose value is a single element.
     *
     * @throws IllegalArgumentException if the site's value has several elements (a plate or world dimensions:
     *     use {@link #distribution} with the element or world wanted)
     */
    public SortedMap<Double, Double> marginal(String site) {
        return distribution(t -> {
            Tensor v = t.site(site).value();
            if (v.numel() != 1) {
                throw new IllegalArgumentException("marginal: site '" + site + "' has a value of shape "
                        + Shapes.format(v.shape()) + "; pick one element or world with"
                        + " distribution(t -> ...), e.g. worlds.counterfactual(t.site(\"" + site + "\").value())");
            }
            return v.item();
        });
    }
}
