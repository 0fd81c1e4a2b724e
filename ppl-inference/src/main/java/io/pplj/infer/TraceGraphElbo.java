package io.pplj.infer;

import io.pplj.runtime.DependencyTracking;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELBO estimator with lower-variance score-function gradients, Pyro's {@code TraceGraph_ELBO}: the score of a
 * non-reparameterized guide site z multiplies only its <em>downstream cost</em> — the log-ratio terms of the sites
 * whose log-probability depends on z's value, in z's plate elements — minus an optional {@link Baseline}.
 *
 * <p>Dependencies are tracked through the tensors themselves: draws become trackable leaves
 * ({@link DependencyTracking}) and a site counts as downstream of z when its log-probability's recorded
 * computation reaches z's value ({@link Grad#reaches}). Integer-valued draws cannot be tracked that way; every site
 * after them counts as downstream (conservative, still unbiased). Reparameterized sites are handled as in
 * {@link TraceElbo}.
 *
 * <p>Baselines come from each guide site's {@code infer().get("baseline")}; neural baselines add their squared error
 * {@code (cost - b)^2} to the loss.
 *
 * <p>Particles run one after another by default; {@link #vectorizeParticles()} runs them all at once in a particle
 * plate.
 */
public final class TraceGraphElbo implements Elbo {

    private static final String AVG_PREFIX = "__baseline_avg_downstream_cost_";

    private final Particles particles;

    /** One particle per estimate. */
    public TraceGraphElbo() {
        this(1);
    }

    /**
     * {@code numParticles} independent particles, run one after another and averaged.
     *
     * @throws IllegalArgumentException if fewer than 1
     */
    public TraceGraphElbo(int numParticles) {
        this(Particles.of("TraceGraphElbo", numParticles, false));
    }

    private TraceGraphElbo(Particles particles) {
        this.particles = particles;
    }

    /**
     * The same estimator with its particles vectorized in one particle plate, as {@link TraceElbo#vectorizeParticles}
     * describes; each particle's downstream costs (and decaying-average baselines) stay per particle.
     */
    public TraceGraphElbo vectorizeParticles() {
        return new TraceGraphElbo(particles.vectorize());
    }

    /** The number of particles. */
    public int numParticles() {
        return particles.count();
    }

    /** Whether the particles run vectorized in one particle plate (else one after another). */
    public boolean particlesVectorized() {
        return particles.vectorized();
    }

    @Override
    public <A> ElboEstimate estimate(Model<A, ?> model, Model<A, ?> guide, A input) {
        return particles.estimate(model, guide, () -> trackedRun(model, guide, input), TraceGraphElbo::sum);
    }

    /** Traces guide and model with their draws' dependencies tracked. */
    @SuppressWarnings("try")
    private static <A> ElboTraces trackedRun(Model<A, ?> model, Model<A, ?> guide, A input) {
        Trace g;
        Trace m;
        try (Messenger tracking = DependencyTracking.ofDraws().enter()) {
            g = Handlers.trace(guide).getTrace(input);
            m = Handlers.trace(Handlers.replay(model, g)).getTrace(input);
        }
        ElboTraces.checkMatch(m, g);
        return new ElboTraces(m, g);
    }

    /** One run's ELBO and surrogate: pathwise terms, and score terms with downstream costs. */
    private static Particles.Sum sum(ElboTraces t) {
        PathwiseTerms terms = PathwiseTerms.of(t);
        Tensor surrogate = terms.surrogate();
        if (!terms.scored().isEmpty()) {
            surrogate = surrogate.add(scoreTerms(t.model(), t.guide(), terms.scored()));
        }
        return new Particles.Sum(terms.elbo(), surrogate);
    }

    /**
     * {@code sum_z [(cost_z - b_z) log q(z) - (cost_z - b_z)^2 for neural baselines]}, as surrogate-ELBO terms.
     */
    private static Tensor scoreTerms(Trace model, Trace guide, List<Site> scored) {
        Tensor[] values = new Tensor[scored.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = scored.get(i).value();
        }
        List<Site> costSites = new ArrayList<>();
        List<Tensor> costTerms = new ArrayList<>();
        List<boolean[]> dependsOn = new ArrayList<>();
        List<String> order = model.names();
        for (Site s : model.sampleSites()) {
            costSites.add(s);
            costTerms.add(s.logProb());
            dependsOn.add(dependencies(s, s.logProb(), values, scored, order));
        }
        for (Site s : guide.stochasticSites()) {
            costSites.add(s);
            costTerms.add(s.logProb().neg());
            dependsOn.add(dependencies(s, s.logProb(), values, scored, guide.names()));
        }
        Tensor total = null;
        for (int i = 0; i < scored.size(); i++) {
            Site z = scored.get(i);
            LogRatios downstream = new LogRatios();
            for (int k = 0; k < costSites.size(); k++) {
                if (dependsOn.get(k)[i]) {
                    downstream.add(costSites.get(k).frames(), costTerms.get(k));
                }
            }
            Tensor cost = downstream.sumTo(z.frames());
            Tensor term = scoreTerm(z, cost);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Which scored sites' values {@code logProb} was computed from; integer draws count for later sites. */
    private static boolean[] dependencies(Site site, Tensor logProb, Tensor[] values, List<Site> scored,
                                          List<String> order) {
        boolean[] d = Grad.reaches(logProb, values);
        int at = order.indexOf(site.name());
        for (int i = 0; i < values.length; i++) {
            boolean untracked = !values[i].dtype().isFloating();
            if (untracked && at >= order.indexOf(scored.get(i).name())) {
                d[i] = true;
            }
            if (site.name().equals(scored.get(i).name())) {
                d[i] = true;
            }
        }
        return d;
    }

    private static Tensor scoreTerm(Site z, Tensor cost) {
        Tensor lq = z.logProb();
        Object config = z.infer().get("baseline");
        if (config == null) {
            return cost.mul(lq).sum();
        }
        if (config instanceof Baseline.Fixed) {
            return cost.sub(((Baseline.Fixed) config).value).mul(lq).sum();
        }
        if (config instanceof Baseline.DecayingAverage) {
            double beta = ((Baseline.DecayingAverage) config).beta;
            ParamStore store = ParamStore.current();
            String key = AVG_PREFIX + z.name();
            Tensor avg = store.contains(key) ? store.get(key).detach() : null;
            if (avg == null || !java.util.Arrays.equals(avg.shape(), cost.shape())) {
                store.set(key, cost.detach(), null);
                return cost.mul(lq).sum();
            }
            store.set(key, avg.mul(beta).add(cost.mul(1 - beta)).detach(), null);
            return cost.sub(avg).mul(lq).sum();
        }
        if (config instanceof Baseline.Neural) {
            Tensor b = ((Baseline.Neural) config).predictor.get();
            Tensor advantage = cost.sub(b.detach());
            return advantage.mul(lq).sum().sub(cost.sub(b).square().sum());
        }
        throw new IllegalArgumentException("site '" + z.name() + "': infer 'baseline' must be a Baseline, got "
                + config.getClass().getSimpleName());
    }
}
