package io.pplj.nn.dl4j;

import io.pplj.nn.Module;
import io.pplj.tensor.CustomOp;
import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.LossLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A Deeplearning4j {@link MultiLayerNetwork} as a differentiable PPL-J module on the CPU: the forward pass runs
 * through DL4J's layers (and input preprocessors) and the backward pass through their {@code backpropGradient}, as
 * one {@link CustomOp} node of the autodiff graph, so gradients reach both the input and the network's parameters.
 * The parameters are ordinary module parameters, so {@link io.pplj.runtime.Ppl#module} registers them in the
 * parameter store and PPL-J's optimizers train them.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * Dl4jModule decoder = Dl4jModule.wrap(net);
 * // in a model: module("dec", decoder).forward(z)
 * }</pre>
 *
 * <p><b>Names.</b> Parameters and buffers keep DL4J's keys, {@code layer_param}: {@code "0_W"}, {@code "0_b"},
 * {@code "1_gamma"}, ... Parameters whose DL4J updater is {@code NoOp} (batch normalization's global mean and
 * variance or log-standard-deviation) are buffers: saved and loaded, not trained.
 *
 * <p><b>Semantics.</b> Before each forward pass the module's current parameter and buffer values are copied into the
 * network (only those that changed); {@link #writeToNetwork()} does the same on demand, e.g. to use
 * {@code net.output(...)} after training. Training mode ({@link #train()}, the default) runs DL4J's layers in
 * training mode: dropout drops, batch normalization uses batch statistics. ND4J's generator is seeded from the
 * current {@link Rng} on each forward pass, so dropout masks are reproducible under a seed. As in DL4J's
 * {@code fit}, the running statistics of batch normalization move when gradients are propagated through the network
 * in training mode (DL4J computes their update in the backward pass; this module applies it to its buffers,
 * {@code buffer -= update}, exactly as DL4J's {@code NoOp} updater does). If the network ran another forward pass
 * since the one being differentiated, the backward pass first replays that forward pass with the same input,
 * parameters and dropout seed. DL4J's regularization (l1, l2, weight decay), gradient normalization and updaters in
 * the configuration are not applied: the PPL-J optimizer decides the update.
 *
 * <p><b>Supported networks.</b> Initialized {@link MultiLayerNetwork}s of float32 or float64 data type whose layers
 * are feed-forward (dense, convolution, subsampling, upsampling, deconvolution, batch normalization, activation,
 * dropout, ...: each runs as DL4J runs it). The last layer may be an {@code OutputLayer} or {@code LossLayer}: its
 * loss function is bypassed (the module's output is the layer's activation, and its backward pass propagates the
 * incoming gradient through the layer's activation). DL4J differentiates batch normalization only through batch
 * statistics, so in evaluation mode this module differentiates those layers itself, as the per-channel affine map
 * they then are. Rejected with an {@link IllegalArgumentException} naming the
 * layer: recurrent layers, other output layers (RNN, CNN, center-loss, YOLO), and networks of other data types.
 */
public final class Dl4jModule extends Module {

    private final MultiLayerNetwork net;
    private final DType dtype;
    private final DataType dataType;
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<String, Tensor> pushed = new LinkedHashMap<>();
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private long forwardCount;
    private long activeForward = -1;

    /** One DL4J parameter: its name here, its layer and key in DL4J, and whether it is trained. */
    private record Binding(String name, int layer, String key, boolean trainable) {
    }

    private Dl4jModule(MultiLayerNetwork net) {
        this.net = net;
        this.dataType = net.getLayerWiseConfigurations().getDataType();
        this.dtype = typeOf(dataType);
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            checkSupported(i, layer, layers.length);
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                String name = i + "_" + p.getKey();
                boolean trainable = !(layer.conf().getLayer().getUpdaterByParam(p.getKey()) instanceof NoOp);
                Tensor value = Tensor.fromINDArray(p.getValue());
                Tensor registered = trainable ? addParameter(name, value) : addBuffer(name, value);
                pushed.put(name, registered);
                bindings.add(new Binding(name, i, p.getKey(), trainable));
            }
        }
        if (net.getGradientsViewArray() == null && net.numParams() > 0) {
            net.initGradientsView();
        }
    }

    /**
     * Wraps an initialized network; the module starts with copies of its current parameters.
     *
     * @throws IllegalArgumentException if the network is not initialized, has an unsupported data type, or contains
     *     an unsupported layer (named in the message)
     */
    public static Dl4jModule wrap(MultiLayerNetwork net) {
        if (net.getLayers() == null) {
            throw new IllegalArgumentException("Dl4jModule.wrap: the network is not initialized; call net.init()"
                    + " first");
        }
        return new Dl4jModule(net);
    }

    private static DType typeOf(DataType t) {
        if (t == DataType.FLOAT) {
            return DType.FLOAT32;
        }
        if (t == DataType.DOUBLE) {
            return DType.FLOAT64;
        }
        throw new IllegalArgumentException("Dl4jModule: networks of data type " + t + " are not supported; use"
                + " FLOAT or DOUBLE (NeuralNetConfiguration.Builder().dataType(...), or net.convertDataType(...))");
    }

    private static void checkSupported(int index, Layer layer, int count) {
        String what = "DL4J layer " + index + " (" + layer.getClass().getSimpleName()
                + nameOf(layer) + ")";
        if (layer instanceof RecurrentLayer) {
            throw new IllegalArgumentException("Dl4jModule: " + what + " is recurrent; only feed-forward layers are"
                    + " supported");
        }
        if (layer instanceof IOutputLayer) {
            if (!(layer instanceof OutputLayer || layer instanceof LossLayer)) {
                throw new IllegalArgumentException("Dl4jModule: " + what + " is an output layer of a kind that is not"
                        + " supported (only OutputLayer and LossLayer, as the last layer)");
            }
            if (index != count - 1) {
                throw new IllegalArgumentException("Dl4jModule: " + what + " is an output layer but not the last");
            }
        }
    }

    private static String nameOf(Layer layer) {
        String n = layer.conf().getLayer().getLayerName();
        return n == null ? "" : " '" + n + "'";
    }

    /** The wrapped network. */
    public MultiLayerNetwork network() {
        return net;
    }

    /** The floating type the network computes in (its inputs are converted to it). */
    public DType dtype() {
        return dtype;
    }

    /**
     * The network's output for {@code input} (converted to the network's type), differentiable with respect to the
     * input and every trainable parameter.
     */
    @Override
    public Tensor forward(Tensor input) {
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException("Dl4jModule: input must be floating, got " + input.dtype() + " of"
                    + " shape " + Shapes.format(input.shape()));
        }
        List<Binding> trained = trainable();
        Tensor[] inputs = new Tensor[trained.size() + 1];
        inputs[0] = input;
        for (int j = 0; j < trained.size(); j++) {
            inputs[j + 1] = parameter(trained.get(j).name());
        }
        long seed = Rng.current().nextLong();
        boolean training = isTraining();
        long[] token = new long[1];
        return CustomOp.apply("dl4j", in -> {
            Tensor out = run(in, seed, training);
            token[0] = activeForward;
            return out;
        }, (in, out, g) -> backward(in, seed, training, token[0], g), inputs);
    }

    private List<Binding> trainable() {
        List<Binding> out = new ArrayList<>();
        for (Binding b : bindings) {
            if (b.trainable()) {
                out.add(b);
            }
        }
        return out;
    }

    /** The forward pass through DL4J with the given input and trainable parameter values. */
    private Tensor run(Tensor[] in, long seed, boolean training) {
        List<Binding> trained = trainable();
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (int j = 0; j < trained.size(); j++) {
            values.put(trained.get(j).name(), in[j + 1]);
        }
        push(values);
        Nd4j.getRandom().setSeed(seed);
        INDArray a = toNd4j(in[0]);
        int batch = (int) a.size(0);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                a = pre.preProcess(a, batch, workspaces);
            }
            layers[i].setInputMiniBatchSize(batch);
            a = layers[i].activate(a, training, workspaces);
        }
        activeForward = ++forwardCount;
        return Tensor.fromINDArray(a);
    }

    /** The backward pass through DL4J: gradients for the input and the trainable parameters. */
    private Tensor[] backward(Tensor[] in, long seed, boolean training, long token, Tensor gradOutput) {
        if (activeForward != token) {
            run(in, seed, training);
        }
        int batch = in[0].size(0);
        INDArray eps = toNd4j(gradOutput);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer[] layers = net.getLayers();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (int i = layers.length - 1; i >= 0; i--) {
            if (!training && EvalBatchNormBackward.applies(layers[i])) {
                EvalBatchNormBackward.Result r = EvalBatchNormBackward.backward(layers[i],
                        Tensor.fromINDArray(eps).asType(dtype));
                for (Map.Entry<String, Tensor> e : r.gradients().entrySet()) {
                    grads.put(i + "_" + e.getKey(), e.getValue());
                }
                eps = toNd4j(r.inputGradient());
            } else {
                Pair<Gradient, INDArray> p = backpropLayer(layers[i], eps);
                if (p.getFirst() != null) {
                    for (Map.Entry<String, INDArray> e : p.getFirst().gradientForVariable().entrySet()) {
                        grads.put(i + "_" + e.getKey(), Tensor.fromINDArray(e.getValue()));
                    }
                }
                eps = p.getSecond();
            }
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null && eps != null) {
                eps = pre.backprop(eps, batch, workspaces);
            }
        }
        List<Binding> trained = trainable();
        Tensor[] out = new Tensor[trained.size() + 1];
        out[0] = eps == null ? null : Tensor.fromINDArray(eps).reshape(in[0].shape());
        for (int j = 0; j < trained.size(); j++) {
            Tensor g = grads.get(trained.get(j).name());
            out[j + 1] = g == null ? null : g.reshape(in[j + 1].shape());
        }
        if (training) {
            applyBufferUpdates(grads);
        }
        return out;
    }

    private Pair<Gradient, INDArray> backpropLayer(Layer layer, INDArray eps) {
        if (!(layer instanceof IOutputLayer)) {
            return layer.backpropGradient(eps, workspaces);
        }
        IOutputLayer output = (IOutputLayer) layer;
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        ILossFunction saved = lossOf(conf);
        setLoss(conf, new UpstreamGradientLoss());
        try {
            output.setLabels(eps);
            return layer.backpropGradient(eps, workspaces);
        } finally {
            output.setLabels(null);
            setLoss(conf, saved);
        }
    }

    private static ILossFunction lossOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer
                ? ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) conf).getLossFn()
                : ((org.deeplearning4j.nn.conf.layers.LossLayer) conf).getLossFn();
    }

    private static void setLoss(org.deeplearning4j.nn.conf.layers.Layer conf, ILossFunction loss) {
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer) {
            ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) conf).setLossFn(loss);
        } else {
            ((org.deeplearning4j.nn.conf.layers.LossLayer) conf).setLossFn(loss);
        }
    }

    /** DL4J's NoOp-updater step for non-trained parameters (batch-norm statistics): {@code value -= update}. */
    private void applyBufferUpdates(Map<String, Tensor> grads) {
        for (Binding b : bindings) {
            Tensor update = grads.get(b.name());
            if (!b.trainable() && update != null) {
                Tensor old = buffer(b.name());
                setBuffer(b.name(), old.sub(update.reshape(old.shape())));
            }
        }
    }

    /** Copies the module's current parameters and buffers into the network (those that changed since last time). */
    public void writeToNetwork() {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (b.trainable()) {
                values.put(b.name(), parameter(b.name()));
            }
        }
        push(values);
    }

    /** Copies the given trainable values and the current buffers into the network, skipping unchanged ones. */
    private void push(Map<String, Tensor> trainableValues) {
        for (Binding b : bindings) {
            Tensor value = b.trainable() ? trainableValues.get(b.name()) : buffer(b.name());
            if (pushed.get(b.name()) != value) {
                INDArray target = net.getLayer(b.layer()).getParam(b.key());
                target.assign(toNd4j(value).reshape(target.shape()));
                pushed.put(b.name(), value);
            }
        }
    }

    private INDArray toNd4j(Tensor t) {
        return t.asType(dtype).toINDArray().castTo(dataType);
    }

    @Override
    protected String describe() {
        return "Dl4jModule(" + net.getLayers().length + " layers, " + net.numParams() + " DL4J parameters, "
                + dataType + ")";
    }
}
