package io.pplj.infer;

import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Importance sampling: draws latent values from a proposal (a guide, or the model's prior) and weights each draw by
 * {@code w = p(x, z) / q(z)}. The weighted draws approximate the posterior; the mean weight estimates the evidence
 * {@code p(x)}.
 *
 * <pre>{@code
 * Importance.Result r = Importance.of(model, guide, 5000).run(data);
 * double mean = r.mean("mu").item();
 * double ess = r.effectiveSampleSize();
 * }</pre>
 *
 * @param <A> the model's input type
 */
public final class Importance<A> {

    private final Model<A, ?> model;
    private final Model<A, ?> guide;
    private final int numSamples;

    private Importance(Model<A, ?> model, Model<A, ?> guide, int numSamples) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("Importance: numSamples " + numSamples + " must be at least 1");
        }
        this.model = model;
        this.guide = guide;
        this.numSamples = numSamples;
    }

    /** Importance sampling with {@code guide} as the proposal. */
    public static <A> Importance<A> of(Model<A, ?> model, Model<A, ?> guide, int numSamples) {
        return new Importance<>(model, guide, numSamples);
    }

    /** Importance sampling with the model's prior as the proposal: weights are the likelihoods. */
    public static <A> Importance<A> fromPrior(Model<A, ?> model, int numSamples) {
        return new Importance<>(model, null, numSamples);
    }

    /** Draws and weights {@code numSamples} traces (without recording gradients). */
    @SuppressWarnings("try")
    public Result run(A input) {
        List<Trace> traces = new ArrayList<>();
        double[] logWeights = new double[numSamples];
        try (ThreadScope off = Grad.noGrad()) {
            for (int i = 0; i < numSamples; i++) {
                Trace m;
                double logQ;
                if (guide != null) {
                    Trace g = Handlers.trace(guide).getTrace(input);
                    m = Handlers.trace(Handlers.replay(model, g)).getTrace(input);
                    logQ = g.logProbSum(Site::isStochastic).item();
                } else {
                    m = Handlers.trace(model).getTrace(input);
                    logQ = m.logProbSum(Site::isStochastic).item();
                }
                traces.add(m);
                logWeights[i] = m.logProbSum().item() - logQ;
            }
        }
        return new Result(traces, Tensor.of(logWeights, DType.FLOAT64, numSamples));
    }

    /** Weighted draws from an importance-sampling run. */
    public static final class Result {
        private final List<Trace> traces;
        private final Tensor logWeights;
        private final Tensor normalized;

        Result(List<Trace> traces, Tensor logWeights) {
            this.traces = List.copyOf(traces);
            this.logWeights = logWeights;
            this.normalized = logWeights.sub(logWeights.logsumexp()).exp();
        }

        /** The model traces, one per draw. */
        public List<Trace> traces() {
            return traces;
        }

        /** The log weights {@code log p(x, z) - log q(z)}, float64 of shape {@code [numSamples]}. */
        public Tensor logWeights() {
            return logWeights;
        }

        /** The normalized weights (summing to 1). */
        public Tensor normalizedWeights() {
            return normalized;
        }

        /** The effective sample size {@code (sum w)^2 / sum w^2}. */
        public double effectiveSampleSize() {
            return 1.0 / normalized.square().sum().item();
        }

        /** The estimate of the log evidence {@code log mean(w)}. */
        public double logEvidence() {
            return logWeights.logsumexp().item() - Math.log(logWeights.numel());
        }

        /** The values of a site across draws, stacked along a new leading dimension. */
        public Tensor values(String site) {
            List<Tensor> vs = new ArrayList<>();
            for (Trace t : traces) {
                vs.add(t.site(site).value().asType(DType.FLOAT64));
            }
            return Tensor.stack(vs, 0);
        }

        /** The weighted posterior mean of a site. */
        public Tensor mean(String site) {
            return weightedSum(values(site));
        }

        /** The weighted posterior variance of a site. */
        public Tensor variance(String site) {
            Tensor v = values(site);
            Tensor mean = weightedSum(v);
            return weightedSum(v.sub(mean).square());
        }

        private Tensor weightedSum(Tensor v) {
            int[] shape = new int[v.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[0] = v.size(0);
            return v.mul(normalized.reshape(shape)).sum(0);
        }
    }
}
