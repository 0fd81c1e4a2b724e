package io.pplj.causal;

import io.pplj.dist.Distribution;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact answers for small models whose latent sites are all discrete with finite support (or point masses): every
 * joint assignment of the latent sites is run, weighted by the joint probability of the run (its trace's
 * {@code logProbSum}, observations included), and the weights normalized, so
 * {@code P(assignment | evidence) = p(assignment, evidence) / sum over assignments}. Against these numbers SVI and
 * importance sampling can be checked.
 *
 * <p>The model is any model: conditioned ({@code Handlers.condition}) for {@code P(Y | evidence)}, intervened
 * ({@link Causal#intervene}) for {@code P(Y | do(X = x))}, under a counterfactual handler for counterfactual
 * queries (the worlds' values are enumerated jointly). Enumeration is depth-first in the order sites run, so
 * control flow may depend on earlier values. A site in a plate is assigned jointly over its elements, so its
 * support size is raised to the number of elements: keep plates small.
 *
 * <pre>{@code
 * ExactPosterior p = ExactQuery.of(Causal.intervene(model, Map.of("x", 1.0))).run(null);
 * double pY = p.probability(t -> t.site("y").value().item() == 1.0);      // P(Y = 1 | do(X = 1))
 * }</pre>
 */
public final class ExactQuery<A> {

    /** The default bound on the number of complete assignments. */
    public static final int DEFAULT_MAX_ASSIGNMENTS = 1 << 20;

    private final Model<A, ?> model;
    private final int maxAssignments;

    private ExactQuery(Model<A, ?> model, int maxAssignments) {
        this.model = model;
        this.maxAssignments = maxAssignments;
    }

    /** Exact queries on {@code model}, enumerating at most {@link #DEFAULT_MAX_ASSIGNMENTS} assignments. */
    public static <A> ExactQuery<A> of(Model<A, ?> model) {
        return new ExactQuery<>(model, DEFAULT_MAX_ASSIGNMENTS);
    }

    /**
     * The same queries with another bound on the number of complete assignments enumerated.
     *
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public ExactQuery<A> maxAssignments(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("ExactQuery: maxAssignments " + max + " must be positive");
        }
        return new ExactQuery<>(model, max);
    }

    /**
     * Enumerates the model's latent assignments on {@code input}.
     *
     * @throws IllegalArgumentException if a latent site has no finite support, the assignments exceed the bound,
     *     a run's log-probability is NaN, or the evidence has probability zero
     */
    @SuppressWarnings("try")
    public ExactPosterior run(A input) {
        List<Trace> traces = new ArrayList<>();
        List<Double> logWeights = new ArrayList<>();
        Deque<Map<String, Tensor>> pending = new ArrayDeque<>();
        pending.push(Map.of());
        long complete = 0;
        while (!pending.isEmpty()) {
            Map<String, Tensor> assignment = pending.pop();
            EnumerationMessenger enumeration = new EnumerationMessenger(assignment);
            Trace t;
            try (ThreadScope rng = Rng.use(Rng.of(0)); ThreadScope noGrad = Grad.noGrad()) {
                t = Handlers.trace(enumeration.wrap(model)).getTrace(input);
            }
            if (enumeration.branch() == null) {
                if (++complete > maxAssignments) {
                    throw new IllegalArgumentException("ExactQuery: more than " + maxAssignments + " assignments"
                            + " of the latent sites; raise maxAssignments or shrink the model");
                }
                double lw = t.logProbSum().item();
                if (Double.isNaN(lw)) {
                    throw new IllegalArgumentException("ExactQuery: the log-probability of the assignment "
                            + describe(assignment) + " is NaN");
                }
                if (lw > Double.NEGATIVE_INFINITY) {
                    traces.add(t);
                    logWeights.add(lw);
                }
                continue;
            }
            List<Tensor> values = jointValues(enumeration.branch(), enumeration.branchDistribution());
            for (int i = values.size() - 1; i >= 0; i--) {
                Map<String, Tensor> next = new HashMap<>(assignment);
                next.put(enumeration.branch(), values.get(i));
                pending.push(next);
            }
        }
        return ExactPosterior.of(traces, logWeights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Every joint value of a site: each batch element ranges over the support independently. */
    private List<Tensor> jointValues(String site, Distribution d) {
        Tensor support = d.enumerateSupport(true);
        int k = support.size(0);
        int[] batch = d.batchShape();
        int n = Shapes.numel(batch);
        int e = Shapes.numel(d.eventShape());
        double combos = Math.pow(k, n);
        if (combos > maxAssignments) {
            throw new IllegalArgumentException("ExactQuery: site '" + site + "' has " + k + " values for each of"
                    + " its " + n + " elements (batch shape " + Shapes.format(batch) + "): " + k + "^" + n
                    + " joint values exceed maxAssignments " + maxAssignments);
        }
        Tensor flat = support.reshape(k, n, e);
        int[] shape = d.extendedShape();
        List<Tensor> out = new ArrayList<>();
        long[] index = new long[n * e];
        for (long c = 0; c < (long) combos; c++) {
            long rest = c;
            for (int i = n - 1; i >= 0; i--) {
                java.util.Arrays.fill(index, i * e, (i + 1) * e, rest % k);
                rest /= k;
            }
            out.add(flat.gather(0, Tensor.ofLongs(index, 1, n, e)).reshape(shape));
        }
        return out;
    }

    private static String describe(Map<String, Tensor> assignment) {
        StringBuilder sb = new StringBuilder("{");
        assignment.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}
