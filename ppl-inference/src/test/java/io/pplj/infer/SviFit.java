package io.pplj.infer;

import io.pplj.dist.Distribution;
import io.pplj.infer.optim.Adam;
import io.pplj.infer.optim.LearningRateSchedule;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.function.Function;

/**
 * The SVI recipe of the conjugate-posterior properties: Adam with betas (0.9, 0.99) and a learning rate decaying
 * geometrically from 0.2 to 0.002, the guide's mean and standard deviation averaged over the last half of the steps
 * (Polyak-Ruppert averaging, which cancels most of the iterates' stochastic jitter). The second-moment decay 0.99
 * (PyTorch's default is 0.999) lets Adam forget within about a hundred steps the large gradients of the first steps,
 * where the guide starts at the prior far from the posterior; 0.2 lets it cross the distance in a few hundred steps.
 */
final class SviFit {

    /** The guide's mean and standard deviation, averaged over the last half of the steps. */
    record Moments(double mean, double sd) {

        /** The error of the mean in posterior standard deviations. */
        double meanError(Distribution posterior) {
            return (mean - posterior.mean().item()) / posterior.stddev().item();
        }

        /** The relative error of the standard deviation. */
        double sdError(Distribution posterior) {
            return sd / posterior.stddev().item() - 1;
        }
    }

    private SviFit() {
    }

    /**
     * Fits {@code guide} to {@code model} on {@code x} in a fresh parameter store, seeding the runtime with
     * {@code seed}; {@code fitted} reads the guide's distribution of the latent site from the store.
     */
    @SuppressWarnings("try")
    static Moments fit(Model<Tensor, ?> model, Model<Tensor, ?> guide, Function<ParamStore, Distribution> fitted,
                       Elbo elbo, Tensor x, long seed, int steps) {
        double ratio = 0.002 / 0.2;
        LearningRateSchedule decay = LearningRateSchedule.exponential(Math.pow(ratio, 1.0 / steps));
        try (ParamStore store = ParamStore.open()) {
            Rng.seed(seed);
            SVI<Tensor> svi = SVI.of(model, guide, Adam.of(0.2, 0.9, 0.99, 1e-8).schedule(decay), elbo);
            double mean = 0;
            double sd = 0;
            int tail = steps / 2;
            for (int i = 0; i < steps; i++) {
                svi.step(x);
                if (i >= steps - tail) {
                    Distribution q = fitted.apply(store);
                    mean += q.mean().item();
                    sd += q.stddev().item();
                }
            }
            return new Moments(mean / tail, sd / tail);
        }
    }
}
