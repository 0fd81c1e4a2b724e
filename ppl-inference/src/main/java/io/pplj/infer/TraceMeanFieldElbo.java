package io.pplj.infer;

import io.pplj.dist.KL;
import io.pplj.dist.KlRegistry;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.tensor.Tensor;

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
 *
 * <p>Particles run one after another by default; {@link #vectorizeParticles()} runs them all at once in a particle
 * plate.
 */
public final class TraceMeanFieldElbo implements Elbo {

    private final Particles particles;
    private final KlRegistry registry;

    /** One particle, the built-in KL registry. */
    public TraceMeanFieldElbo() {
        this(1);
    }

    /**
     * {@code numParticles} particles, run one after another and averaged, and the built-in KL registry.
     *
     * @throws IllegalArgumentException if fewer than 1
     */
    public TraceMeanFieldElbo(int numParticles) {
        this(numParticles, KL.registry());
    }

    /**
     * {@code numParticles} particles, run one after another and averaged, and a KL registry (e.g. extended with user
     * rules).
     *
     * @throws IllegalArgumentException if fewer than 1
     */
    public TraceMeanFieldElbo(int numParticles, KlRegistry registry) {
        this(Particles.of("TraceMeanFieldElbo", numParticles, false), registry);
    }

    private TraceMeanFieldElbo(Particles particles, KlRegistry registry) {
        this.particles = particles;
        this.registry = registry;
    }

    /**
     * The same estimator (same registry) with its particles vectorized in one particle plate, as
     * {@link TraceElbo#vectorizeParticles} describes; the analytic KL terms are computed per particle.
     */
    public TraceMeanFieldElbo vectorizeParticles() {
        return new TraceMeanFieldElbo(particles.vectorize(), registry);
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
        return particles.estimate(model, guide, () -> ElboTraces.run(model, guide, input), this::sum);
    }

    /** One run's ELBO and surrogate: analytic KL where registered, Monte Carlo and score terms elsewhere. */
    private Particles.Sum sum(ElboTraces t) {
        LogRatios monteCarlo = new LogRatios();
        Tensor surrogate = Tensor.scalar(0.0);
        for (Site m : t.model().sampleSites()) {
            Tensor term;
            if (m.isObserved()) {
                term = m.logProb();
            } else {
                Site q = t.guide().site(m.name());
                if (registry.has(q.distribution().getClass(), m.distribution().getClass())) {
                    Tensor kl = registry.divergence(q.distribution(), m.distribution());
                    surrogate = surrogate.sub(scaleAndMask(kl, q).sum());
                    continue;
                }
                term = m.logProb().sub(q.logProb());
            }
            monteCarlo.add(m.frames(), term);
            surrogate = surrogate.add(term.sum());
        }
        for (Site g : t.guide().stochasticSites()) {
            if (ElboTraces.auxiliary(g)) {
                surrogate = surrogate.sub(g.logProbSum());
            }
        }
        double elbo = surrogate.item();
        for (Site g : t.guide().stochasticSites()) {
            if (!g.distribution().hasRsample()) {
                surrogate = surrogate.add(monteCarlo.sumTo(g.frames()).mul(g.logProb()).sum());
            }
        }
        return new Particles.Sum(elbo, surrogate);
    }

    private static Tensor scaleAndMask(Tensor kl, Site q) {
        Tensor out = q.scale() == 1.0 ? kl : kl.mul(q.scale());
        return q.mask() == null ? out : Tensor.where(q.mask(), out, Tensor.zerosLike(out));
    }
}
