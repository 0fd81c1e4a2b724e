package io.pplj.nn.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.nn.BatchNorm2d;
import io.pplj.nn.Sequential;
import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Configurations converted to native modules compute what the DL4J network built from them computes, with the same
 * weights, in evaluation and training mode (batch statistics); the structure and names follow the documented
 * scheme; fresh conversions use the layers' weight-init schemes and bias init; unsupported layers, activations and
 * dropout kinds raise errors naming them.
 */
class Dl4jImportTest {

    /** Flat input → FeedForwardToCnn → Upsampling2D → BatchNorm (2-D) → tanh → CnnToFeedForward → Dense → Output. */
    static MultiLayerConfiguration spatialConfiguration() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new Upsampling2D.Builder(2).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.LEAKYRELU).build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(2, 3, 2))
                .build();
    }

    /** Dense(relu) → BatchNorm → Dense(softplus) with dropout → Output(sigmoid). */
    static MultiLayerConfiguration denseConfiguration() {
        return new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).biasInit(0.1).build())
                .layer(new BatchNormalization.Builder().nOut(8).decay(0.8).eps(1e-3).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(7).activation(Activation.SOFTPLUS).dropOut(0.9).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(7).nOut(2)
                        .activation(Activation.SIGMOID).build())
                .build();
    }

    /** A network whose batch-norm statistics moved away from their initial values by a few fit steps. */
    private static MultiLayerNetwork trained(MultiLayerConfiguration conf, int out, long... in) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(9);
        long[] shape = new long[in.length + 1];
        shape[0] = 16;
        System.arraycopy(in, 0, shape, 1, in.length);
        for (int i = 0; i < 5; i++) {
            net.fit(Nd4j.randn(DataType.DOUBLE, shape).muli(2).addi(1), Nd4j.rand(DataType.DOUBLE, 16, out));
        }
        return net;
    }

    private static void assertSameOutputs(MultiLayerNetwork net, Sequential native_, int... in) {
        int[] shape = new int[in.length + 1];
        shape[0] = 7;
        System.arraycopy(in, 0, shape, 1, in.length);
        Tensor x = Rng.of(5).normal(DType.FLOAT64, shape).mul(2.0).add(1.0);
        INDArray xi = x.toINDArray();
        native_.eval();
        assertArrayEquals(net.output(xi, false).data().asDouble(), native_.forward(x).toDoubleArray(), 1e-12,
                "evaluation mode");
        // training mode without dropout draws: batch statistics in the batch-norm layers
        native_.train();
        native_.modules().values().stream().filter(m -> m instanceof io.pplj.nn.Dropout).forEach(m -> m.eval());
        MultiLayerNetwork noDropout = net.clone();
        for (org.deeplearning4j.nn.api.Layer l : noDropout.getLayers()) {
            l.conf().getLayer().setIDropout(null);
        }
        assertArrayEquals(noDropout.output(xi, true).data().asDouble(), native_.forward(x).toDoubleArray(), 1e-12,
                "training mode");
    }

    @Test
    void denseNetworkConvertsToTheSameFunction() {
        MultiLayerNetwork net = trained(denseConfiguration(), 2, 6);
        Sequential s = Dl4jImport.fromNetwork(net);
        assertEquals(List.of("0", "0_activation", "1", "2_dropout", "2", "2_activation", "3", "3_activation"),
                List.copyOf(s.children().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias", "3.weight", "3.bias"),
                List.copyOf(s.parameters().keySet()));
        assertArrayEquals(new int[] {8, 6}, s.parameters().get("0.weight").shape());
        assertEquals("Dropout(p=0.09999999999999998)", s.children().get("2_dropout").toString());
        assertSameOutputs(net, s, 6);
    }

    @Test
    void spatialNetworkWithPreprocessorsConvertsToTheSameFunction() {
        MultiLayerNetwork net = trained(spatialConfiguration(), 3, 12);
        Sequential s = Dl4jImport.fromNetwork(net);
        assertEquals(List.of("0_input", "0", "1", "2_activation", "3_input", "3", "3_activation", "4_dropout", "5",
                "5_activation"), List.copyOf(s.children().keySet()));
        assertTrue(s.children().get("1") instanceof BatchNorm2d);
        assertSameOutputs(net, s, 12);
    }

    /**
     * Convolutions (Truncate with stride, padding, dilation; Same at stride 1), max pooling (Truncate and Same) and
     * average pooling (padding excluded from the divisor), batch norm, deconvolutions (Truncate and Same), then dense
     * layers; NCHW input [3, 9, 8].
     */
    static MultiLayerConfiguration convolutionalConfiguration() {
        return new NeuralNetConfiguration.Builder().seed(8).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).nOut(4)
                        .activation(Activation.RELU).biasInit(0.1).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new Deconvolution2D.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                        .activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2).padding(1, 1)
                        .avgPoolIncludePadInDivisor(false).build())
                .layer(new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same).nOut(5)
                        .activation(Activation.ELU).build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(2)
                        .activation(Activation.SIGMOID).hasBias(false).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.SOFTPLUS).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(9, 8, 3))
                .build();
    }

    @Test
    void convolutionalNetworkConvertsToTheSameFunction() {
        MultiLayerNetwork net = trained(convolutionalConfiguration(), 3, 3, 9, 8);
        Sequential s = Dl4jImport.fromNetwork(net);
        assertEquals(List.of("0", "0_activation", "1", "2", "3", "3_activation", "4", "5", "5_activation", "6",
                "6_activation", "7", "8_input", "8", "8_activation", "9"), List.copyOf(s.children().keySet()));
        assertEquals("Conv2d(in=3, out=4, kernel=(3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2))",
                s.children().get("0").toString());
        assertEquals("ConvTranspose2d(in=5, out=2, kernel=(4, 4), stride=(2, 2), padding=(1, 1), bias=false)",
                s.children().get("6").toString(), "Same mode: (k - s)/2 on both sides");
        assertEquals("Conv2d(in=3, out=5, kernel=(3, 3), padding=(1, 1))", s.children().get("5").toString());
        assertEquals("AvgPool2d(kernel=(3, 3), stride=(2, 2), padding=(1, 1), countIncludePad=false)",
                s.children().get("4").toString());
        assertEquals("MaxPool2d(kernel=(3, 3), stride=(1, 1), padding=(1, 1))", s.children().get("7").toString());
        assertArrayEquals(new int[] {4, 3, 3, 3}, s.parameters().get("3.weight").shape(), "[in, out, kH, kW]");
        assertSameOutputs(net, s, 3, 9, 8);
    }

    @Test
    void freshConvolutionsDrawWithDl4jsFans() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(32).biasInit(0.25).build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(16).build())
                .setInputType(InputType.convolutional(16, 16, 8))
                .build();
        Rng.seed(11);
        Sequential s = Dl4jImport.fromConfiguration(conf);
        // DL4J: fan-in nIn·kH·kW, fan-out nOut·kH·kW/(sH·sW); Xavier uniform bound sqrt(6/(fanIn + fanOut))
        double convBound = Math.sqrt(6.0 / (8 * 16 + 32 * 16 / 4.0)) * (1 + 1e-6);
        double deconvBound = Math.sqrt(6.0 / (32 * 16 + 16 * 16 / 4.0)) * (1 + 1e-6);
        double[] conv = s.parameters().get("0.weight").toDoubleArray();
        double[] deconv = s.parameters().get("1.weight").toDoubleArray();
        assertTrue(java.util.Arrays.stream(conv).allMatch(v -> Math.abs(v) <= convBound));
        assertTrue(java.util.Arrays.stream(conv).map(Math::abs).max().orElseThrow() > 0.99 * convBound);
        assertTrue(java.util.Arrays.stream(deconv).allMatch(v -> Math.abs(v) <= deconvBound));
        assertTrue(java.util.Arrays.stream(deconv).map(Math::abs).max().orElseThrow() > 0.99 * deconvBound);
        assertArrayEquals(new int[] {32, 8, 4, 4}, s.parameters().get("0.weight").shape());
        assertArrayEquals(new int[] {32, 16, 4, 4}, s.parameters().get("1.weight").shape());
        assertTrue(java.util.Arrays.stream(s.parameters().get("0.bias").toDoubleArray()).allMatch(v -> v == 0.25));
        assertArrayEquals(new int[] {3, 16, 16, 16}, s.forward(Tensor.randn(3, 8, 16, 16)).shape());
    }

    @Test
    void freshConversionUsesTheLayersInitSchemes() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(30).nOut(40).weightInit(WeightInit.ZERO).biasInit(0.5).build())
                .layer(new DenseLayer.Builder().nIn(40).nOut(50).weightInit(WeightInit.RELU_UNIFORM).build())
                .build();
        Rng.seed(6);
        Sequential a = Dl4jImport.fromConfiguration(conf);
        Rng.seed(6);
        Sequential b = Dl4jImport.fromConfiguration(conf);
        assertTrue(java.util.Arrays.stream(a.parameters().get("0.weight").toDoubleArray()).allMatch(v -> v == 0));
        assertTrue(java.util.Arrays.stream(a.parameters().get("0.bias").toDoubleArray()).allMatch(v -> v == 0.5));
        double bound = Math.sqrt(6.0 / 40) * (1 + 1e-6);     // float32 rounding of the bound
        double[] w = a.parameters().get("1.weight").toDoubleArray();
        assertTrue(java.util.Arrays.stream(w).allMatch(v -> Math.abs(v) <= bound));
        assertTrue(java.util.Arrays.stream(w).map(Math::abs).max().orElseThrow() > 0.9 * bound);
        assertArrayEquals(w, b.parameters().get("1.weight").toDoubleArray(), 0.0, "same seed, same weights");
        assertEquals(DType.FLOAT32, a.parameters().get("1.weight").dtype());
        assertEquals("Sequential(\n  (0): Linear(in=30, out=40, bias=true)\n  (0_activation): Sigmoid\n"
                + "  (1): Linear(in=40, out=50, bias=true)\n  (1_activation): Sigmoid\n)", a.toString());
    }

    /** The message of the error that converting a network of these layers on [2, 8, 8] input raises. */
    private static String rejection(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().list();
        for (Layer l : layers) {
            list.layer(l);
        }
        MultiLayerConfiguration conf = list.setInputType(InputType.convolutional(8, 8, 2)).build();
        return assertThrows(IllegalArgumentException.class, () -> Dl4jImport.fromConfiguration(conf)).getMessage();
    }

    @Test
    void unsupportedLayersActivationsOptionsAndDropoutAreNamed() {
        String m = rejection(new SeparableConvolution2D.Builder(2, 2).nOut(2).name("sep").build());
        assertTrue(m.contains("DL4J layer 0 (SeparableConvolution2D 'sep') is not supported"), m);
        m = rejection(new ConvolutionLayer.Builder(4, 4).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(2)
                .build());
        assertTrue(m.contains("DL4J layer 0 (ConvolutionLayer 'layer0') uses convolution mode Same with kernel [4, 4],"
                + " stride [2, 2]") && m.contains("depending on the input size"), m);
        m = rejection(new Deconvolution2D.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(2)
                .build());
        assertTrue(m.contains("uses convolution mode Same") && m.contains("(k - s)/2"), m);
        m = rejection(new SubsamplingLayer.Builder(PoolingType.PNORM).kernelSize(2, 2).pnorm(2).build());
        assertTrue(m.contains("DL4J layer 0 (SubsamplingLayer 'layer0') uses PNORM pooling"), m);
        m = rejection(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).padding(2, 2).build());
        assertTrue(m.contains("DL4J layer 0 (SubsamplingLayer 'layer0'): MaxPool2d: padding (2, 2) must be at most"
                + " half the kernel"), m);
        MultiLayerConfiguration nhwc = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 2, CNN2DFormat.NHWC)).build();
        m = assertThrows(IllegalArgumentException.class, () -> Dl4jImport.fromConfiguration(nhwc)).getMessage();
        assertTrue(m.contains("uses data format NHWC; only NCHW is supported"), m);
        m = rejection(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.SOFTMAX).build());
        assertTrue(m.contains("uses activation softmax on spatial activations"), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jImport.fromConfiguration(
                new NeuralNetConfiguration.Builder().list()
                        .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.CUBE).build()).build()));
        assertTrue(e.getMessage().contains("DL4J layer 0 (DenseLayer 'layer0') uses activation cube"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jImport.fromConfiguration(
                new NeuralNetConfiguration.Builder().list()
                        .layer(new DenseLayer.Builder().nIn(4).nOut(4).dropOut(new GaussianDropout(0.1)).build())
                        .build()));
        assertTrue(e.getMessage().contains("DL4J layer 0 (DenseLayer 'layer0') uses dropout GaussianDropout"),
                e.getMessage());
    }
}
