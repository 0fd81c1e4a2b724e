package io.pplj.runtime;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * The pseudo-distribution behind {@link Ppl#factor}: its log-probability is a given log weight whatever the value
 * (Pyro's {@code Unit}), so an observed site adds the weight to the model's log density. Its draws are zeros (the
 * value carries no information), so a factor site that {@link UnconditionMessenger} turns latent still runs and still
 * adds its weight.
 */
final class FactorDistribution extends Distribution {

    private final Tensor logWeight;

    FactorDistribution(Tensor logWeight) {
        super(logWeight.shape(), Shapes.SCALAR);
        this.logWeight = logWeight;
    }

    @Override
    public String name() {
        return "Factor";
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        return logWeight;
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return Tensor.zeros(logWeight.dtype(), shape);
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    @Override
    public Distribution expand(int... newBatchShape) {
        return new FactorDistribution(logWeight.expand(newBatchShape));
    }
}
