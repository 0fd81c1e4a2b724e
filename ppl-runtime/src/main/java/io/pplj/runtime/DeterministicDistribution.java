package io.pplj.runtime;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * The pseudo-distribution behind {@link Ppl#deterministic}: a point mass at a value whose log-probability is zero
 * everywhere (Pyro's {@code Delta(value).mask(False)}), so the site records the value without changing the model's
 * density. Its last {@code eventDim} dimensions are the event.
 */
final class DeterministicDistribution extends Distribution {

    private final Tensor value;

    DeterministicDistribution(Tensor value, int eventDim) {
        super(Arrays.copyOf(value.shape(), value.dim() - eventDim),
                Arrays.copyOfRange(value.shape(), value.dim() - eventDim, value.dim()));
        this.value = value;
    }

    @Override
    public String name() {
        return "Deterministic";
    }

    @Override
    protected Tensor logProbOf(Tensor x) {
        int[] lead = Arrays.copyOf(x.shape(), x.dim() - eventDim());
        return Tensor.zeros(value.dtype().isFloating() ? value.dtype() : io.pplj.tensor.DType.DEFAULT_FLOAT,
                Shapes.broadcast("deterministic", lead, batchShape()));
    }

    @Override
    protected Tensor sampleShape(Rng rng, int[] shape) {
        return value.detach().expand(shape);
    }

    @Override
    public Constraint support() {
        return Constraint.independent(Constraint.real(), eventDim());
    }

    @Override
    public Distribution expand(int... newBatchShape) {
        int[] shape = Arrays.copyOf(newBatchShape, newBatchShape.length + eventDim());
        System.arraycopy(eventShape(), 0, shape, newBatchShape.length, eventDim());
        return new DeterministicDistribution(value.expand(shape), eventDim());
    }
}
