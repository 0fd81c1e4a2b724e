package io.pplj.infer;

import io.pplj.runtime.Site;
import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;

/**
 * The standard ELBO estimator, Pyro's {@code Trace_ELBO}: for each particle, draw from the guide, replay the model
 * there, and estimate {@code ELBO = sum log p(sites) - sum log q(latents)}.
 *
 * <p>Gradients: reparameterized guide sites contribute pathwise gradients (the surrogate contains {@code -log q}
 * and the model's log density through the draws); every other guide site contributes a score-function term
 * {@code log q(z) * stopgrad(L)}, where L sums the log-ratio terms of the sites in the same plate elements as z and
 * of all sites outside its plates (plate-level Rao–Blackwellization, as Pyro).
 *
 * <p>Particles run one after another by default; {@link #vectorizeParticles()} runs them all at once in a particle
 * plate, for models whose sites broadcast against a leading batch dimension.
 */
public final class TraceElbo implements Elbo {

    private final Particles particles;

    /** One particle per estimate. */
    public TraceElbo() {
        this(1);
    }

    /**
     * {@code numParticles} independent particles, run one after another and averaged.
     *
     * @throws IllegalArgumentException if fewer than 1
     */
    public TraceElbo(int numParticles) {
        this(Particles.of("TraceElbo", numParticles, false));
    }

    private TraceElbo(Particles particles) {
        this.particles = particles;
    }

    /**
     * The same estimator with its particles vectorized (Pyro's {@code vectorize_particles}): the guide and the
     * model run once each inside an outer plate of size {@code numParticles} on the batch dimension
     * {@code -(maxPlateNesting + 1)}, left of all their plates ({@code maxPlateNesting} is found by tracing them
     * once), and the estimate is the mean over that dimension:
     * {@code loss = -(1/n) sum_p [log p(x, z_p) - log q(z_p)]}. Score-function costs stay per particle, as each
     * particle is one element of that plate. The model and guide must broadcast against a leading batch dimension;
     * a shape error inside the particle plate is reported with the site it happened at.
     *
     * <pre>{@code
     * Elbo elbo = new TraceElbo(16).vectorizeParticles();
     * }</pre>
     */
    public TraceElbo vectorizeParticles() {
        return new TraceElbo(particles.vectorize());
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
        return particles.estimate(model, guide, () -> ElboTraces.run(model, guide, input), TraceElbo::sum);
    }

    /** One run's ELBO and surrogate: pathwise terms, and score terms with plate-level costs. */
    private static Particles.Sum sum(ElboTraces t) {
        PathwiseTerms terms = PathwiseTerms.of(t);
        Tensor surrogate = terms.surrogate();
        if (!terms.scored().isEmpty()) {
            LogRatios logRatios = LogRatios.of(t.model(), t.guide());
            for (Site s : terms.scored()) {
                surrogate = surrogate.add(logRatios.sumTo(s.frames()).mul(s.logProb()).sum());
            }
        }
        return new Particles.Sum(terms.elbo(), surrogate);
    }
}
