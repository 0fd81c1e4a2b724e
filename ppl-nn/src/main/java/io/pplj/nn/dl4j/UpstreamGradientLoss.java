package io.pplj.nn.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The linear "loss" {@code L = sum(labels * activation(preOutput))} whose labels are the gradient of the real loss
 * with respect to an output layer's activations. Its gradient with respect to the pre-activations is that upstream
 * gradient pushed back through the layer's activation, which is how a wrapped network's output layer (whose
 * {@code backpropGradient} otherwise differentiates its own loss against labels) propagates an arbitrary gradient.
 * A mask multiplies the per-element terms.
 */
final class UpstreamGradientLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray upstream = mask == null ? labels.dup() : labels.mul(mask);
        return activationFn.backprop(preOutput.dup(), upstream).getFirst();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray terms = activationFn.getActivation(preOutput.dup(), true).muli(labels);
        if (mask != null) {
            terms.muli(mask);
        }
        return terms.sum(1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double total = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? total / labels.size(0) : total;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                         IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "UpstreamGradientLoss";
    }

    @Override
    public String toString() {
        return name();
    }
}
