package io.pplj.nn.dl4j;

import static io.pplj.runtime.Ppl.module;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.infer.optim.Adam;
import io.pplj.nn.ModuleGradCheck;
import io.pplj.runtime.ParamStore;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DL4J network wrapped as a module: the same forward output as DL4J; input and parameter gradients equal to
 * central finite differences (float64) in evaluation and training mode, for dense and convolutional networks
 * (convolution, pooling, batch norm, deconvolution), through an output layer and a loss layer;
 * gradients stay right when another forward pass ran in between; batch-norm statistics move as DL4J's fit moves
 * them; dropout follows the seed; PPL-J's optimizer trains it through the parameter store; unsupported networks are
 * rejected by name.
 */
@SuppressWarnings("try")
class Dl4jModuleTest {

    /** Dense(tanh) → BatchNorm → Dense(elu) → Output(sigmoid), float64. */
    static MultiLayerNetwork network(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(5).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Tensor input(long seed, int n, int d) {
        return Rng.of(seed).normal(DType.FLOAT64, n, d);
    }

    @Test
    void forwardEqualsDl4jOutput() {
        MultiLayerNetwork net = network(1);
        Dl4jModule m = Dl4jModule.wrap(net);
        assertEquals(List.of("0_W", "0_b", "1_gamma", "1_beta", "2_W", "2_b", "3_W", "3_b"),
                List.copyOf(m.parameters().keySet()));
        assertEquals(List.of("1_mean", "1_log10stdev"), List.copyOf(m.buffers().keySet()));
        Tensor x = input(2, 6, 3);
        INDArray expected = net.output(x.toINDArray(), false);
        m.eval();
        Tensor y = m.forward(x);
        assertArrayEquals(expected.shape().length == 2 ? new int[] {6, 2} : null, y.shape());
        assertArrayEquals(expected.data().asDouble(), y.toDoubleArray(), 0.0);
        m.train();
        assertArrayEquals(net.output(x.toINDArray(), true).data().asDouble(), m.forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void inputAndParameterGradientsMatchFiniteDifferences() {
        for (boolean training : new boolean[] {true, false}) {
            Dl4jModule m = Dl4jModule.wrap(network(3));
            m.train(training);
            ModuleGradCheck.check(m, input(4, 5, 3));
        }
    }

    /**
     * Conv(1→2, 3x3, padding 1, tanh) → max pool 2x2 → batch norm → deconv(2→2, 2x2, stride 2, softplus) → average
     * pool 2x2 (stride 1) → output(identity), float64, on [1, 4, 4] input.
     */
    static MultiLayerNetwork convolutionalNetwork(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(2).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2).activation(Activation.SOFTPLUS)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(4, 4, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void convolutionalNetworkMatchesDl4jAndFiniteDifferences() {
        MultiLayerNetwork net = convolutionalNetwork(16);
        Dl4jModule m = Dl4jModule.wrap(net);
        assertEquals(List.of("0_b", "0_W", "2_gamma", "2_beta", "3_b", "3_W", "5_W", "5_b"),
                List.copyOf(m.parameters().keySet()));
        Tensor x = Rng.of(17).normal(DType.FLOAT64, 2, 1, 4, 4);
        m.eval();
        assertArrayEquals(net.output(x.toINDArray(), false).data().asDouble(), m.forward(x).toDoubleArray(), 0.0);
        m.train();
        assertArrayEquals(net.output(x.toINDArray(), true).data().asDouble(), m.forward(x).toDoubleArray(), 0.0);
        for (boolean training : new boolean[] {true, false}) {
            Dl4jModule fresh = Dl4jModule.wrap(convolutionalNetwork(16));
            fresh.train(training);
            ModuleGradCheck.check(fresh, x);
        }
    }

    @Test
    void lossLayerGradientsMatchFiniteDifferences() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jModule m = Dl4jModule.wrap(net);
        m.eval();
        Tensor x = input(6, 3, 4);
        assertArrayEquals(net.output(x.toINDArray(), false).data().asDouble(), m.forward(x).toDoubleArray(), 0.0);
        ModuleGradCheck.check(m, x);
    }

    @Test
    void gradientsStayRightWhenAnotherForwardPassRanInBetween() {
        Dl4jModule m = Dl4jModule.wrap(network(7));
        Tensor x1 = input(8, 4, 3).requiresGrad(true);
        Tensor x2 = input(9, 4, 3).requiresGrad(true);
        Tensor alone = Grad.of(m.forward(x1).sum(), x1)[0];
        Tensor y1 = m.forward(x1);
        m.forward(x2);                      // DL4J's layers now hold x2's activations
        Tensor replayed = Grad.of(y1.sum(), x1)[0];
        assertArrayEquals(alone.toDoubleArray(), replayed.toDoubleArray(), 1e-14);
    }

    @Test
    void batchNormStatisticsMoveAsInDl4jFit() {
        MultiLayerNetwork net = network(10);
        MultiLayerNetwork reference = net.clone();
        Dl4jModule m = Dl4jModule.wrap(net);
        Tensor x = input(11, 8, 3);
        Tensor y = m.forward(x.requiresGrad(true));
        Grad.of(y.sum(), m.parameters().get("0_W"));
        reference.fit(x.toINDArray(), Nd4j.zeros(DataType.DOUBLE, 8, 2));
        for (String b : List.of("1_mean", "1_log10stdev")) {
            double[] expected = reference.getParam(b).data().asDouble();
            assertArrayEquals(expected, m.buffers().get(b).toDoubleArray(), 1e-14, b);
            assertTrue(java.util.Arrays.stream(expected).anyMatch(v -> v != 0), b + " moved");
        }
        // evaluation-mode gradients leave the statistics alone
        Tensor mean = m.buffers().get("1_mean");
        m.eval();
        Grad.of(m.forward(x.requiresGrad(true)).sum(), m.parameters().get("0_W"));
        assertArrayEquals(mean.toDoubleArray(), m.buffers().get("1_mean").toDoubleArray(), 0.0);
    }

    @Test
    void dropoutFollowsTheSeedAndTheMode() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(20).activation(Activation.IDENTITY).dropOut(0.5)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jModule m = Dl4jModule.wrap(net);
        Tensor x = input(13, 10, 20);
        Rng.seed(1);
        double[] a = m.forward(x).toDoubleArray();
        Rng.seed(1);
        double[] b = m.forward(x).toDoubleArray();
        Rng.seed(2);
        double[] c = m.forward(x).toDoubleArray();
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
        m.eval();
        assertArrayEquals(net.output(x.toINDArray(), false).data().asDouble(), m.forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void adamTrainsTheWrappedNetworkThroughTheParameterStore() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(14).dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(16).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jModule m = Dl4jModule.wrap(net);
        Rng.seed(15);
        Tensor x = Tensor.randn(64, 2);
        Tensor target = x.select(1, 0).mul(x.select(1, 1)).unsqueeze(1);
        Adam adam = Adam.of(0.02);
        double first = 0;
        double last = 0;
        try (ParamStore store = ParamStore.open()) {
            for (int step = 0; step < 300; step++) {
                module("net", m);
                Tensor loss = m.forward(x).sub(target).square().mean();
                List<String> names = new ArrayList<>(store.names());
                Tensor[] leaves = names.stream().map(store::unconstrained).toArray(Tensor[]::new);
                Tensor[] grads = Grad.of(loss, leaves);
                Map<String, Tensor> byName = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    byName.put(names.get(i), grads[i]);
                }
                adam.step(store, byName);
                if (step == 0) {
                    first = loss.item();
                }
                last = loss.item();
            }
            assertEquals(List.of("net$$$0_W", "net$$$0_b", "net$$$1_W", "net$$$1_b"), List.copyOf(store.names()));
            // x0·x1 has variance 1; a 16-unit tanh layer fits it far better than the initial guess
            assertTrue(last < 0.25 * first && last < 0.2, "loss " + first + " -> " + last);
            module("net", m);
            m.writeToNetwork();
            assertArrayEquals(m.eval().forward(x).toFloatArray(), net.output(x.toINDArray(), false).data().asFloat(),
                    1e-6f, "the network holds the trained weights");
        }
    }

    @Test
    void unsupportedNetworksAreRejectedByName() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new LSTM.Builder().nIn(4).nOut(4).name("memory").build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jModule.wrap(net));
        assertTrue(e.getMessage().contains("net.init()"), e.getMessage());
        net.init();
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jModule.wrap(net));
        assertTrue(e.getMessage().contains("DL4J layer 1 (LSTM 'memory') is recurrent"), e.getMessage());
        MultiLayerNetwork half = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT16)
                .list().layer(new DenseLayer.Builder().nIn(3).nOut(4).build()).build());
        half.init();
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jModule.wrap(half));
        assertTrue(e.getMessage().contains("HALF"), e.getMessage());
    }
}
