package io.pplj.infer;

import io.pplj.dist.Beta;
import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.Gamma;
import io.pplj.dist.KlRegistry;
import io.pplj.dist.Normal;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * A test wrapper that hides a distribution's reparameterized sampler: {@link #hasRsample()} is false and draws come
 * from the base's {@code sample} (no gradient), so inference must fall back to score-function gradients. Densities
 * and moments are the base's.
 */
final class ScoreOnly extends Distribution {

    private final Distribution base;

    private ScoreOnly(Distribution base) {
        super(base.batchShape(), base.eventShape());
        this.base = base;
    }

    static ScoreOnly of(Distribution base) {
        return new ScoreOnly(base);
    }

    /**
     * {@code registry} extended so that {@code KL(ScoreOnly(q) || p) = KL(q || p)} for the conjugate priors of these
     * tests (Normal, Beta, Gamma): TraceMeanFieldElbo then uses the analytic KL with score-function guides.
     */
    static KlRegistry klRules(KlRegistry registry) {
        return registry
                .with(ScoreOnly.class, Normal.class, (q, p) -> registry.divergence(q.base, p))
                .with(ScoreOnly.class, Beta.class, (q, p) -> registry.divergence(q.base, p))
                .with(ScoreOnly.class, Gamma.class, (q, p) -> registry.divergence(q.base, p));
    }

    Distribution base() {
        return base;
    }

    @Override
    public String name() {
        return "ScoreOnly(" + base.name() + ")";
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        int sampleDims = shape.length - batchShape().length - eventDim();
        return base.sample(rng, Arrays.copyOf(shape, sampleDims));
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return base.logProb(value);
    }

    @Override
    public Constraint support() {
        return base.support();
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public Tensor entropy() {
        return base.entropy();
    }

    @Override
    public Distribution expand(int... newBatchShape) {
        return new ScoreOnly(base.expand(newBatchShape));
    }
}
