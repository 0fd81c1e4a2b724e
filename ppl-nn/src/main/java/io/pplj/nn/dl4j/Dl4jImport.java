package io.pplj.nn.dl4j;

import io.pplj.nn.AvgPool2d;
import io.pplj.nn.BatchNorm1d;
import io.pplj.nn.BatchNorm2d;
import io.pplj.nn.BatchNormOptions;
import io.pplj.nn.Conv2d;
import io.pplj.nn.ConvTranspose2d;
import io.pplj.nn.Dropout;
import io.pplj.nn.ELU;
import io.pplj.nn.Flatten;
import io.pplj.nn.Init;
import io.pplj.nn.LeakyReLU;
import io.pplj.nn.Linear;
import io.pplj.nn.MaxPool2d;
import io.pplj.nn.Module;
import io.pplj.nn.ReLU;
import io.pplj.nn.Sequential;
import io.pplj.nn.Sigmoid;
import io.pplj.nn.Softmax;
import io.pplj.nn.Softplus;
import io.pplj.nn.Tanh;
import io.pplj.nn.Unflatten;
import io.pplj.nn.Upsample;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds native PPL-J modules from a Deeplearning4j {@link MultiLayerConfiguration}: the result is a
 * {@link Sequential} that computes what the DL4J network computes, on PPL-J tensors, with PyTorch-style layers and
 * parameter names. {@link #fromConfiguration} initializes the weights with each layer's own DL4J weight-init scheme
 * (seeded by the current {@link io.pplj.tensor.Rng}) and bias init; {@link #fromNetwork} copies an initialized
 * network's weights and batch-norm statistics.
 *
 * <p>DL4J layer {@code i} becomes the steps {@code "i_input"} (its input preprocessor), {@code "i_dropout"} (its
 * dropout, which DL4J applies to the layer's input), {@code "i"} (the layer) and {@code "i_activation"} (its
 * activation), each present only when needed. So DL4J's {@code 0_W} (shape {@code [nIn, nOut]}) becomes
 * {@code 0.weight} (shape {@code [nOut, nIn]}, transposed, as PyTorch stores it) and {@code 0_b} becomes
 * {@code 0.bias}.
 *
 * <table>
 *   <caption>What is converted</caption>
 *   <tr><th>DL4J</th><th>PPL-J</th><th>raises an error for</th></tr>
 *   <tr><td>{@code DenseLayer}</td><td>{@link Linear} + activation</td><td>layer norm</td></tr>
 *   <tr><td>{@code OutputLayer}</td><td>{@link Linear} + activation (the loss function is dropped)</td>
 *       <td></td></tr>
 *   <tr><td>{@code LossLayer}</td><td>its activation</td><td></td></tr>
 *   <tr><td>{@code ActivationLayer}</td><td>the activation</td><td></td></tr>
 *   <tr><td>{@code DropoutLayer}, a layer's dropout</td><td>{@link Dropout} with {@code p = 1 - retain}</td>
 *       <td>schedules; Gaussian, alpha and spatial dropout</td></tr>
 *   <tr><td>{@code BatchNormalization}</td><td>{@link BatchNorm1d} (after dense layers) or {@link BatchNorm2d}
 *       (after convolutional ones), {@code momentum = 1 - decay}</td><td>locked gamma/beta other than 1/0,
 *       NHWC</td></tr>
 *   <tr><td>{@code ConvolutionLayer}</td><td>{@link Conv2d} + activation; DL4J's weight layout
 *       {@code [nOut, nIn, kH, kW]} is PyTorch's</td><td>NHWC; convolution modes other than Truncate, Strict and
 *       Same where it pads symmetrically (stride 1, odd dilated kernel); subclasses (1-D, depthwise,
 *       separable, ...)</td></tr>
 *   <tr><td>{@code Deconvolution2D}</td><td>{@link ConvTranspose2d} + activation; weight {@code [nIn, nOut, kH, kW]}
 *       as in PyTorch</td><td>NHWC; Same mode unless {@code k - s} is even and not negative (then padding
 *       {@code (k - s)/2}); Causal</td></tr>
 *   <tr><td>{@code SubsamplingLayer}</td><td>{@link MaxPool2d} (MAX), {@link AvgPool2d} (AVG, with
 *       {@code countIncludePad = avgPoolIncludePadInDivisor})</td><td>SUM and PNORM pooling; dilated AVG pooling;
 *       padding over half the kernel; the convolution modes rejected for convolutions</td></tr>
 *   <tr><td>{@code Upsampling2D}</td><td>{@link Upsample}</td><td>NHWC</td></tr>
 *   <tr><td>{@code CnnToFeedForwardPreProcessor}, {@code FeedForwardToCnnPreProcessor}</td>
 *       <td>{@link Flatten}, {@link Unflatten}</td><td>NHWC, other preprocessors</td></tr>
 *   <tr><td>activations</td><td>identity, ReLU, leaky ReLU, ELU, softplus, sigmoid, tanh, softmax (dense)</td>
 *       <td>any other activation; ReLU with a max, threshold or slope</td></tr>
 * </table>
 *
 * <p>Convolution modes: Truncate and Strict keep the configured padding (Strict only adds DL4J's check that the windows
 * fit exactly); Same pads so that the output is {@code ceil(in / stride)} (convolution, pooling) or
 * {@code in stride} (deconvolution), which is a symmetric padding independent of the input size only in the cases the
 * table names; other cases raise an error that suggests Truncate with explicit padding. Fresh convolution weights are
 * drawn with DL4J's fans: {@code nIn kH kW} in, {@code nOut kH kW / (sH sW)} out.
 *
 * <p>Any other layer (depthwise or separable convolution, recurrent, embedding, ...) raises an
 * {@link IllegalArgumentException} naming the layer's index, class and name. Weight noise is rejected; DL4J's
 * regularization, constraints and updaters are training settings and are ignored.
 */
public final class Dl4jImport {

    private Dl4jImport() {
    }

    /**
     * Native modules for {@code conf}, freshly initialized by each layer's DL4J weight-init scheme.
     *
     * @throws IllegalArgumentException naming the first unsupported layer, preprocessor, activation or option
     */
    public static Sequential fromConfiguration(MultiLayerConfiguration conf) {
        return new Converter(conf, null).convert();
    }

    /**
     * Native modules computing what {@code net} computes, with its current weights and batch-norm statistics.
     *
     * @throws IllegalArgumentException if the network is not initialized, or naming the first unsupported layer,
     *     preprocessor, activation or option
     */
    public static Sequential fromNetwork(MultiLayerNetwork net) {
        if (net.getLayers() == null) {
            throw new IllegalArgumentException("Dl4jImport.fromNetwork: the network is not initialized; call"
                    + " net.init() first");
        }
        return new Converter(net.getLayerWiseConfigurations(), net).convert();
    }

    /** One conversion: walks the layers, tracking whether activations are spatial ([N, C, H, W]) or flat. */
    private static final class Converter {
        private final MultiLayerConfiguration conf;
        private final MultiLayerNetwork net;
        private final DType dtype;
        private final Map<String, Module> steps = new LinkedHashMap<>();
        private boolean spatial;

        Converter(MultiLayerConfiguration conf, MultiLayerNetwork net) {
            this.conf = conf;
            this.net = net;
            DataType t = conf.getDataType();
            if (t != DataType.FLOAT && t != DataType.DOUBLE) {
                throw new IllegalArgumentException("Dl4jImport: networks of data type " + t + " are not supported"
                        + " (FLOAT or DOUBLE)");
            }
            this.dtype = t == DataType.DOUBLE ? DType.FLOAT64 : DType.FLOAT32;
        }

        Sequential convert() {
            for (int i = 0; i < conf.getConfs().size(); i++) {
                Layer layer = conf.getConf(i).getLayer();
                String where = "DL4J layer " + i + " (" + layer.getClass().getSimpleName()
                        + (layer.getLayerName() == null ? "" : " '" + layer.getLayerName() + "'") + ")";
                InputPreProcessor pre = conf.getInputPreProcess(i);
                if (pre != null) {
                    steps.put(i + "_input", preprocessor(pre, where));
                }
                if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer
                        && ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getWeightNoise() != null) {
                    throw new IllegalArgumentException("Dl4jImport: " + where + " uses weight noise, which is not"
                            + " supported");
                }
                if (layer.getIDropout() != null) {
                    steps.put(i + "_dropout", dropout(layer.getIDropout(), where));
                }
                layer(i, layer, where);
            }
            return Sequential.named(steps);
        }

        private void layer(int i, Layer layer, String where) {
            if (layer instanceof DenseLayer) {
                DenseLayer d = (DenseLayer) layer;
                if (d.hasLayerNorm()) {
                    throw new IllegalArgumentException("Dl4jImport: " + where + " uses layer normalization, which"
                            + " is not supported");
                }
                dense(i, d, d.hasBias(), where);
            } else if (layer instanceof OutputLayer) {
                OutputLayer o = (OutputLayer) layer;
                dense(i, o, o.hasBias(), where);
            } else if (layer instanceof LossLayer) {
                activation(i, ((LossLayer) layer).getActivationFn(), where);
            } else if (layer instanceof ActivationLayer) {
                activation(i, ((ActivationLayer) layer).getActivationFn(), where);
            } else if (layer instanceof DropoutLayer) {
                return;
            } else if (layer instanceof BatchNormalization) {
                batchNorm(i, (BatchNormalization) layer, where);
            } else if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == Deconvolution2D.class) {
                convolution(i, (ConvolutionLayer) layer, where);
            } else if (layer.getClass() == SubsamplingLayer.class) {
                subsampling(i, (SubsamplingLayer) layer, where);
            } else if (layer instanceof Upsampling2D) {
                Upsampling2D u = (Upsampling2D) layer;
                requireNchw(u.getFormat(), where);
                int[] size = u.getSize();
                steps.put(Integer.toString(i), Upsample.of(size[0], size.length > 1 ? size[1] : size[0]));
                spatial = true;
            } else {
                throw new IllegalArgumentException("Dl4jImport: " + where + " is not supported; supported layers:"
                        + " DenseLayer, OutputLayer, LossLayer, ActivationLayer, DropoutLayer, BatchNormalization,"
                        + " ConvolutionLayer, Deconvolution2D, SubsamplingLayer, Upsampling2D");
            }
        }

        private void dense(int i, org.deeplearning4j.nn.conf.layers.FeedForwardLayer d, boolean bias,
                           String where) {
            int in = Math.toIntExact(d.getNIn());
            int out = Math.toIntExact(d.getNOut());
            Linear fc = Linear.builder(in, out).bias(bias).dtype(dtype)
                    .weightInit(Init.of(d.getWeightInitFn())).biasInit(Init.constant(d.getBiasInit())).build();
            if (net != null) {
                Map<String, Tensor> state = new LinkedHashMap<>();
                state.put("weight", param(i, "W").mT());
                if (bias) {
                    state.put("bias", param(i, "b").reshape(out));
                }
                fc.loadState(state);
            }
            steps.put(Integer.toString(i), fc);
            spatial = false;
            activation(i, d.getActivationFn(), where);
        }

        /**
         * A {@link Conv2d} or {@link ConvTranspose2d} with DL4J's weights, whose layouts are PyTorch's ({@code [nOut,
         * nIn, kH, kW]} and {@code [nIn, nOut, kH, kW]}), or fresh ones drawn with DL4J's fans ({@code nIn kH kW} in,
         * {@code nOut kH kW / (sH sW)} out).
         */
        private void convolution(int i, ConvolutionLayer c, String where) {
            requireNchw(c.getCnn2dDataFormat(), where);
            boolean transposed = c instanceof Deconvolution2D;
            int in = Math.toIntExact(c.getNIn());
            int out = Math.toIntExact(c.getNOut());
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            int[] d = c.getDilation();
            int[] pad = padding(c.getConvolutionMode(), k, s, c.getPadding(), d, transposed, where);
            int[] shape = transposed ? new int[] {in, out, k[0], k[1]} : new int[] {out, in, k[0], k[1]};
            Map<String, Tensor> state = new LinkedHashMap<>();
            if (net != null) {
                state.put("weight", param(i, "W").reshape(shape));
            } else {
                state.put("weight", Init.of(c.getWeightInitFn()).sample((double) in * k[0] * k[1],
                        (double) out * k[0] * k[1] / (s[0] * s[1]), dtype, shape));
            }
            if (c.hasBias()) {
                state.put("bias", net != null ? param(i, "b").reshape(out)
                        : Tensor.full(c.getBiasInit(), dtype, out));
            }
            Module m = checked(where, () -> transposed
                    ? ConvTranspose2d.builder(in, out, k[0], k[1]).stride(s[0], s[1]).padding(pad[0], pad[1])
                            .dilation(d[0], d[1]).bias(c.hasBias()).weightInit(Init.zeros()).biasInit(Init.zeros())
                            .dtype(dtype).build()
                    : Conv2d.builder(in, out, k[0], k[1]).stride(s[0], s[1]).padding(pad[0], pad[1])
                            .dilation(d[0], d[1]).bias(c.hasBias()).weightInit(Init.zeros()).biasInit(Init.zeros())
                            .dtype(dtype).build());
            m.loadState(state);
            steps.put(Integer.toString(i), m);
            spatial = true;
            activation(i, c.getActivationFn(), where);
        }

        private void subsampling(int i, SubsamplingLayer p, String where) {
            requireNchw(p.getCnn2dDataFormat(), where);
            int[] k = p.getKernelSize();
            int[] s = p.getStride();
            int[] d = p.getDilation();
            int[] pad = padding(p.getConvolutionMode(), k, s, p.getPadding(), d, false, where);
            PoolingType type = p.getPoolingType();
            Module m;
            if (type == PoolingType.MAX) {
                m = checked(where, () -> MaxPool2d.of(k, s, pad, d));
            } else if (type == PoolingType.AVG && d[0] == 1 && d[1] == 1) {
                m = checked(where, () -> AvgPool2d.of(k, s, pad, p.isAvgPoolIncludePadInDivisor()));
            } else {
                throw new IllegalArgumentException("Dl4jImport: " + where + " uses " + type + " pooling"
                        + (type == PoolingType.AVG ? " with dilation " + Arrays.toString(d) : "") + "; supported: MAX,"
                        + " and AVG without dilation");
            }
            steps.put(Integer.toString(i), m);
            spatial = true;
        }

        /**
         * The symmetric padding that gives DL4J's convolution mode exactly: the configured one for Truncate and
         * Strict (Strict only adds a check that the windows fit exactly); for Same, the padding DL4J computes when it
         * does not depend on the input size and is the same on both sides: a convolution or pooling with stride 1 and
         * an odd dilated kernel pads {@code (k - 1)/2}; a deconvolution pads {@code (k - s)/2} when {@code k - s} is
         * even and not negative.
         */
        private static int[] padding(ConvolutionMode mode, int[] k, int[] s, int[] pad, int[] d, boolean transposed,
                                     String where) {
            if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
                return pad.clone();
            }
            if (mode != ConvolutionMode.Same) {
                throw new IllegalArgumentException("Dl4jImport: " + where + " uses convolution mode " + mode
                        + "; supported: Truncate, Strict, and Same where it pads symmetrically");
            }
            int[] same = new int[2];
            for (int axis = 0; axis < 2; axis++) {
                int dk = d[axis] * (k[axis] - 1) + 1;
                int total = transposed ? dk - s[axis] : s[axis] == 1 ? dk - 1 : -1;
                if (total < 0 || total % 2 != 0) {
                    throw new IllegalArgumentException("Dl4jImport: " + where + " uses convolution mode Same with"
                            + " kernel " + Arrays.toString(k) + ", stride " + Arrays.toString(s) + " and dilation "
                            + Arrays.toString(d) + ", where DL4J pads " + (transposed
                            ? "unevenly" : "depending on the input size or unevenly") + "; only Same padding that is"
                            + (transposed ? " (k - s)/2 on both sides" : " (k - 1)/2 on both sides (stride 1, odd"
                            + " dilated kernel)") + " is supported: use Truncate with explicit padding");
                }
                same[axis] = total / 2;
            }
            return same;
        }

        /** Rejects channels-last data, naming the layer (or its preprocessor). */
        private static void requireNchw(CNN2DFormat format, String where) {
            if (format != CNN2DFormat.NCHW) {
                throw new IllegalArgumentException("Dl4jImport: " + where + " uses data format " + format
                        + "; only NCHW is supported");
            }
        }

        /** Runs a module's factory, naming the DL4J layer in the message of a setting the module rejects. */
        private static Module checked(String where, Supplier<Module> factory) {
            try {
                return factory.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Dl4jImport: " + where + ": " + e.getMessage(), e);
            }
        }

        private void batchNorm(int i, BatchNormalization bn, String where) {
            if (spatial) {
                requireNchw(bn.getCnn2DFormat(), where);
            }
            boolean affine = !bn.isLockGammaBeta();
            if (!affine && (bn.getGamma() != 1.0 || bn.getBeta() != 0.0)) {
                throw new IllegalArgumentException("Dl4jImport: " + where + " locks gamma and beta at "
                        + bn.getGamma() + " and " + bn.getBeta() + "; only locked values 1 and 0 are supported");
            }
            int features = Math.toIntExact(bn.getNOut());
            BatchNormOptions options = BatchNormOptions.defaults().eps(bn.getEps()).momentum(1 - bn.getDecay())
                    .affine(affine).dtype(dtype);
            Module m = spatial ? BatchNorm2d.of(features, options) : BatchNorm1d.of(features, options);
            if (net != null) {
                Map<String, Tensor> state = new LinkedHashMap<>();
                if (affine) {
                    state.put("weight", param(i, "gamma").reshape(features));
                    state.put("bias", param(i, "beta").reshape(features));
                }
                state.put("running_mean", param(i, "mean").reshape(features));
                state.put("running_var", bn.isUseLogStd()
                        ? Tensor.full(10.0, dtype).pow(param(i, "log10stdev").reshape(features).mul(2.0))
                        : param(i, "var").reshape(features));
                m.loadState(state);
            }
            steps.put(Integer.toString(i), m);
        }

        private void activation(int i, IActivation a, String where) {
            Module m = activationModule(a, where);
            if (m != null) {
                steps.put(i + "_activation", m);
            }
        }

        private Module activationModule(IActivation a, String where) {
            if (a == null || a instanceof ActivationIdentity) {
                return null;
            }
            if (a instanceof ActivationReLU) {
                ActivationReLU r = (ActivationReLU) a;
                if (r.getMax() != null || (r.getThreshold() != null && r.getThreshold() != 0.0)
                        || (r.getNegativeSlope() != null && r.getNegativeSlope() != 0.0)) {
                    throw new IllegalArgumentException("Dl4jImport: " + where + " uses " + a + " with a max,"
                            + " threshold or negative slope, which is not supported");
                }
                return ReLU.of();
            }
            if (a instanceof ActivationLReLU) {
                return LeakyReLU.of(((ActivationLReLU) a).getAlpha());
            }
            if (a instanceof ActivationELU) {
                return ELU.of(((ActivationELU) a).getAlpha());
            }
            if (a instanceof ActivationSoftPlus) {
                return Softplus.of();
            }
            if (a instanceof ActivationSigmoid) {
                return Sigmoid.of();
            }
            if (a instanceof ActivationTanH) {
                return Tanh.of();
            }
            if (a instanceof ActivationSoftmax && !spatial) {
                return Softmax.of(1);
            }
            throw new IllegalArgumentException("Dl4jImport: " + where + " uses activation " + a + (spatial
                    ? " on spatial activations" : "") + ", which is not supported (supported: identity, relu,"
                    + " leakyrelu, elu, softplus, sigmoid, tanh, softmax after dense layers)");
        }

        private Module dropout(IDropout d, String where) {
            if (d.getClass() != org.deeplearning4j.nn.conf.dropout.Dropout.class
                    || ((org.deeplearning4j.nn.conf.dropout.Dropout) d).getPSchedule() != null) {
                throw new IllegalArgumentException("Dl4jImport: " + where + " uses dropout " + d + "; only"
                        + " org.deeplearning4j.nn.conf.dropout.Dropout with a fixed retain probability is supported");
            }
            return Dropout.of(1 - ((org.deeplearning4j.nn.conf.dropout.Dropout) d).getP());
        }

        private Module preprocessor(InputPreProcessor pre, String where) {
            if (pre instanceof CnnToFeedForwardPreProcessor) {
                CnnToFeedForwardPreProcessor p = (CnnToFeedForwardPreProcessor) pre;
                requireNchw(p.getFormat(), "the input preprocessor of " + where);
                spatial = false;
                return Flatten.of();
            }
            if (pre instanceof FeedForwardToCnnPreProcessor) {
                FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
                spatial = true;
                return Unflatten.of(1, Math.toIntExact(p.getNumChannels()), Math.toIntExact(p.getInputHeight()),
                        Math.toIntExact(p.getInputWidth()));
            }
            throw new IllegalArgumentException("Dl4jImport: the input preprocessor of " + where + " ("
                    + pre.getClass().getSimpleName() + ") is not supported (supported: CnnToFeedForwardPreProcessor,"
                    + " FeedForwardToCnnPreProcessor)");
        }

        private Tensor param(int layer, String key) {
            INDArray p = net.getLayer(layer).getParam(key);
            return Tensor.fromINDArray(p).asType(dtype);
        }
    }
}
