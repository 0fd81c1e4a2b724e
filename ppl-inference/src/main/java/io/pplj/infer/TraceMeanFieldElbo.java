package io.pplj.infer;

import io.pplj.dist.KL;
import io.pplj.dist.KlRegistry;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELBO estimator for mean-field guides, Pyro's {@code TraceMeanField_ELBO}: for each latent site whose guide and
 * prior distributions have a registered analytic KL divergence ({@link KL}), the Monte Carlo term
 * {@code log p(z) - log q(z)} is replaced by {@code -KL(q || p)} (scaled and masked like the site), which lowers the
 * variance. It assumes the guide is mean-field and the prior of z does not depend on other latent sites in a way the
 * guide's draws would change (true for the usual global priors).
 *
 * <p>Sites without an analytic KL fall back to Monte Carlo as in {@link TraceElbo}; guide sites without
 * reparameterization get score-function terms whose cost is the Monte Carlo part (observed log-likelihoods and the
 * fallback terms), plate-level Rao–Blackwellized.
 */
public final class TraceMeanFieldElbo implements Elbo {

    private final int numParticles;
    private final KlRegistry registry;

    /** One particle, the built-in KL registry. */
    public TraceMeanFieldElbo() {
        this(1, KL.registry());
    }

    /** {@code numParticles} particles and a KL registry (e.g. extended with user rules). */
    public TraceMeanFieldElbo(int numParticles, KlRegistry registry) {
        if (numParticles < 1) {
            throw new IllegalArgumentException("TraceMeanFieldElbo: numParticles " + numParticles
                    + " must be at least 1");
        }
        this.numParticles = numParticles;
        this.registry = registry;
    }

    @Override
    public <A> ElboEstimate estimate(Model<A, ?> model, Model<A, ?> guide, A input) {
        double elbo = 0;
        Tensor surrogate = null;
        List<Trace> modelTraces = new ArrayList<>();
        List<Trace> guideTraces = new ArrayList<>();
        for (int p = 0; p < numParticles; p++) {
            ElboTraces t = ElboTraces.run(model, guide, input);
            modelTraces.add(t.model());
            guideTraces.add(t.guide());
            LogRatios monteCarlo = new LogRatios();
            Tensor particle = Tensor.scalar(0.0);
            for (Site m : t.model().sampleSites()) {
                Tensor term;
                if (m.isObserved()) {
                    term = m.logProb();
                } else {
                    Site q = t.guide().site(m.name());
                    if (registry.has(q.distribution().getClass(), m.distribution().getClass())) {
                        Tensor kl = registry.divergence(q.distribution(), m.distribution());
                        particle = particle.sub(scaleAndMask(kl, q).sum());
                        continue;
                    }
                    term = m.logProb().sub(q.logProb());
                }
                monteCarlo.add(m.frames(), term);
                particle = particle.add(term.sum());
            }
            for (Site g : t.guide().stochasticSites()) {
                if (ElboTraces.auxiliary(g)) {
                    particle = particle.sub(g.logProbSum());
                }
            }
            double value = particle.item();
            for (Site g : t.guide().stochasticSites()) {
                if (!g.distribution().hasRsample()) {
                    particle = particle.add(monteCarlo.sumTo(g.frames()).mul(g.logProb()).sum());
                }
            }
            elbo += value;
            surrogate = surrogate == null ? particle : surrogate.add(particle);
        }
        return new ElboEstimate(-elbo / numParticles, surrogate.div(-numParticles), modelTraces, guideTraces);
    }

    private static Tensor scaleAndMask(Tensor kl, Site q) {
        Tensor out = q.scale() == 1.0 ? kl : kl.mul(q.scale());
        return q.mask() == null ? out : Tensor.where(q.mask(), out, Tensor.zerosLike(out));
    }
}
