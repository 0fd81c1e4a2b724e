package io.pplj.nn.dl4j;

import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * The backward pass of a DL4J batch-normalization layer in evaluation mode, which DL4J's own
 * {@code backpropGradient} does not provide (it always differentiates through batch statistics). In evaluation mode
 * the layer is the per-channel affine map {@code y = gamma (x - mean) / sqrt(var + eps) + beta} with DL4J's global
 * mean and variance ({@code var = 10^(2 log10stdev)} when the layer stores log standard deviations), so
 * {@code dx = g gamma / sqrt(var + eps)}, {@code dgamma = sum(g xhat)} and {@code dbeta = sum(g)} over every
 * dimension but the channel's.
 */
final class EvalBatchNormBackward {

    /** The gradients of the layer's trainable parameters by DL4J key, and the gradient for its input. */
    record Result(Map<String, Tensor> gradients, Tensor inputGradient) {
    }

    private EvalBatchNormBackward() {
    }

    static boolean applies(Layer layer) {
        return layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization;
    }

    static Result backward(Layer layer, Tensor gradOutput) {
        BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
        Tensor x = Tensor.fromINDArray(layer.input()).asType(gradOutput.dtype());
        int channelDim = x.dim() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        int channels = x.size(channelDim);
        int[] shape = new int[x.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[channelDim] = channels;
        int[] reduce = new int[x.dim() - 1];
        for (int d = 0, k = 0; d < x.dim(); d++) {
            if (d != channelDim) {
                reduce[k++] = d;
            }
        }
        Tensor mean = param(layer, "mean", shape, x);
        Tensor var = conf.isUseLogStd()
                ? Tensor.full(10.0, x.dtype()).pow(param(layer, "log10stdev", shape, x).mul(2.0))
                : param(layer, "var", shape, x);
        Tensor std = var.add(conf.getEps()).sqrt();
        Tensor xhat = x.sub(mean).div(std);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Tensor gamma;
        if (conf.isLockGammaBeta()) {
            gamma = Tensor.full(conf.getGamma(), x.dtype());
        } else {
            gamma = param(layer, "gamma", shape, x);
            grads.put("gamma", gradOutput.mul(xhat).sum(reduce, false));
            grads.put("beta", gradOutput.sum(reduce, false));
        }
        return new Result(grads, gradOutput.mul(gamma).div(std));
    }

    private static Tensor param(Layer layer, String key, int[] shape, Tensor like) {
        return Tensor.fromINDArray(layer.getParam(key)).asType(like.dtype()).reshape(shape);
    }
}
