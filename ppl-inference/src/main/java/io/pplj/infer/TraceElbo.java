package io.pplj.infer;

import io.pplj.runtime.Site;
import io.pplj.runtime.Model;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard ELBO estimator, Pyro's {@code Trace_ELBO}: for each particle, draw from the guide, replay the model
 * there, and estimate {@code ELBO = sum log p(sites) - sum log q(latents)}.
 *
 * <p>Gradients: reparameterized guide sites contribute pathwise gradients (the surrogate contains {@code -log q}
 * and the model's log density through the draws); every other guide site contributes a score-function term
 * {@code log q(z) * stopgrad(L)}, where L sums the log-ratio terms of the sites in the same plate elements as z and
 * of all sites outside its plates (plate-level Rao–Blackwellization, as Pyro).
 */
public final class TraceElbo implements Elbo {

    private final int numParticles;

    /** One particle per estimate. */
    public TraceElbo() {
        this(1);
    }

    /**
     * {@code numParticles} independent particles, averaged.
     *
     * @throws IllegalArgumentException if fewer than 1
     */
    public TraceElbo(int numParticles) {
        if (numParticles < 1) {
            throw new IllegalArgumentException("TraceElbo: numParticles " + numParticles + " must be at least 1");
        }
        this.numParticles = numParticles;
    }

    /** The number of particles. */
    public int numParticles() {
        return numParticles;
    }

    @Override
    public <A> ElboEstimate estimate(Model<A, ?> model, Model<A, ?> guide, A input) {
        double elbo = 0;
        Tensor surrogate = null;
        List<io.pplj.runtime.Trace> modelTraces = new ArrayList<>();
        List<io.pplj.runtime.Trace> guideTraces = new ArrayList<>();
        for (int p = 0; p < numParticles; p++) {
            ElboTraces t = ElboTraces.run(model, guide, input);
            modelTraces.add(t.model());
            guideTraces.add(t.guide());
            Tensor modelLogJoint = t.model().logProbSum();
            Tensor particleSurrogate = modelLogJoint;
            double particleElbo = modelLogJoint.item();
            LogRatios logRatios = null;
            for (Site s : t.guide().stochasticSites()) {
                Tensor lq = s.logProb();
                particleElbo -= lq.sum().item();
                if (s.distribution().hasRsample()) {
                    particleSurrogate = particleSurrogate.sub(lq.sum());
                } else {
                    if (logRatios == null) {
                        logRatios = LogRatios.of(t.model(), t.guide());
                    }
                    particleSurrogate = particleSurrogate.add(logRatios.sumTo(s.frames()).mul(lq).sum());
                }
            }
            elbo += particleElbo;
            surrogate = surrogate == null ? particleSurrogate : surrogate.add(particleSurrogate);
        }
        return new ElboEstimate(-elbo / numParticles, surrogate.div(-numParticles), modelTraces, guideTraces);
    }
}
