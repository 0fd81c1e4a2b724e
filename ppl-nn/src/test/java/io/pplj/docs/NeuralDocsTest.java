package io.pplj.docs;

import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.optim.Adam;
import io.pplj.nn.AvgPool2d;
import io.pplj.nn.BatchNorm1d;
import io.pplj.nn.Conv2d;
import io.pplj.nn.ConvTranspose2d;
import io.pplj.nn.Dropout;
import io.pplj.nn.Flatten;
import io.pplj.nn.Init;
import io.pplj.nn.Linear;
import io.pplj.nn.MaxPool2d;
import io.pplj.nn.Mlp;
import io.pplj.nn.Module;
import io.pplj.nn.ReLU;
import io.pplj.nn.Sequential;
import io.pplj.nn.Sigmoid;
import io.pplj.nn.Softplus;
import io.pplj.nn.Unflatten;
import io.pplj.nn.dl4j.Dl4jImport;
import io.pplj.nn.dl4j.Dl4jModule;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.CustomOp;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The examples of docs/neural.md, run and checked; and a check that the page shows exactly this code. */
@SuppressWarnings("try")
class NeuralDocsTest {

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/neural.md", "ppl-nn/src/test/java/io/pplj/docs/NeuralDocsTest.java");
    }

    @Test
    void layers() {
        // example: layers
        Rng.seed(0);                                          // initial weights come from the runtime's generator
        Sequential net = Sequential.of(Linear.of(4, 16), ReLU.of(), Linear.of(16, 2));
        Tensor y = net.forward(Tensor.randn(8, 4));           // [8, 2]
        List<String> names = List.copyOf(net.parameters().keySet());
        // [0.weight, 0.bias, 2.weight, 2.bias]; 0.weight has PyTorch's shape [16, 4]
        Sequential decoder = Mlp.builder(50).hidden(400).activation(Softplus::of).output(784)
                .outputActivation(Sigmoid::of).build();       // 50 → 400 (softplus) → 784 (sigmoid)
        // end example
        assertArrayEquals(new int[] {8, 2}, y.shape());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), names);
        assertArrayEquals(new int[] {16, 4}, net.parameters().get("0.weight").shape());
        assertEquals(50 * 400 + 400 + 400 * 784 + 784, decoder.parameterCount());
    }

    @Test
    void convolutions() {
        // example: convolutions
        Rng.seed(1);
        Sequential encoder = Sequential.of(                   // [N, 3, 64, 64] → [N, 64]
                Conv2d.of(3, 32, 4, 2, 1), ReLU.of(),         // in, out, kernel, stride, padding: → [N, 32, 32, 32]
                Conv2d.of(32, 64, 4, 2, 1), ReLU.of(),        // → [N, 64, 16, 16]
                Conv2d.of(64, 128, 4, 2, 1), ReLU.of(),       // → [N, 128, 8, 8]
                Flatten.of(), Linear.of(128 * 8 * 8, 64));
        Sequential decoder = Sequential.of(                   // [N, 32] → [N, 3, 64, 64]
                Linear.of(32, 128 * 8 * 8), ReLU.of(), Unflatten.of(1, 128, 8, 8),
                ConvTranspose2d.of(128, 64, 4, 2, 1), ReLU.of(),   // doubles height and width: → [N, 64, 16, 16]
                ConvTranspose2d.of(64, 32, 4, 2, 1), ReLU.of(),
                ConvTranspose2d.of(32, 3, 4, 2, 1), Sigmoid.of());
        Conv2d depthwise = Conv2d.builder(32, 32, 3).padding(1).groups(32).bias(false).build();
        Sequential features = Sequential.of(Conv2d.of(1, 8, 3), MaxPool2d.of(2), AvgPool2d.of(2));
        Tensor code = encoder.forward(Tensor.rand(2, 3, 64, 64));
        Tensor image = decoder.forward(code.slice(-1, 0, 32));
        // end example
        assertArrayEquals(new int[] {2, 64}, code.shape());
        assertArrayEquals(new int[] {2, 3, 64, 64}, image.shape());
        assertArrayEquals(new int[] {32, 1, 3, 3}, depthwise.parameters().get("weight").shape());
        assertArrayEquals(new int[] {128, 64, 4, 4}, decoder.parameters().get("3.weight").shape());
        assertArrayEquals(new int[] {1, 8, 3, 3}, features.forward(Tensor.randn(1, 1, 14, 14)).shape());
    }

    // example: custom-module
    /** An encoder with a shared body and two heads: returns [loc, scale] side by side. */
    static final class Encoder extends Module {
        private final Sequential body;
        private final Linear loc;
        private final Linear logScale;

        Encoder(int in, int hidden, int latent) {
            body = addModule("body", Sequential.of(Linear.of(in, hidden), Softplus.of()));
            loc = addModule("loc", Linear.of(hidden, latent));
            logScale = addModule("log_scale", Linear.of(hidden, latent));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = body.forward(x);
            return Tensor.cat(-1, loc.forward(h), logScale.forward(h).exp());
        }
    }
    // end example

    @Test
    void customModule() {
        Encoder e = new Encoder(10, 8, 3);
        assertEquals(List.of("body.0.weight", "body.0.bias", "loc.weight", "loc.bias", "log_scale.weight",
                "log_scale.bias"), List.copyOf(e.parameters().keySet()));
        Tensor out = e.forward(Tensor.randn(5, 10));
        assertArrayEquals(new int[] {5, 6}, out.shape());
        assertTrue(out.slice(-1, 3, 6).min().item() > 0);
    }

    @Test
    void moduleInAModel() {
        Rng.seed(1);
        Tensor x = Tensor.rand(32, 6).lt(0.3).asType(DType.FLOAT32);
        // example: module-in-model
        Sequential decoder = Mlp.builder(2).hidden(16).output(6).build();
        Sequential encoder = Mlp.builder(6).hidden(16).output(4).build();
        Model<Tensor, Void> model = Model.of(data -> {
            module("decoder", decoder);                       // parameters "decoder$$$0.weight", ...
            try (Plate p = plate("data", data.size(0))) {
                Tensor z = sample("z", Normal.of(Tensor.zeros(data.size(0), 2), 1.0).toEvent(1));
                observe("x", Bernoulli.ofLogits(decoder.forward(z)).toEvent(1), data);
            }
        });
        Model<Tensor, Void> guide = Model.of(data -> {
            module("encoder", encoder);
            try (Plate p = plate("data", data.size(0))) {
                Tensor h = encoder.forward(data);
                sample("z", Normal.of(h.slice(-1, 0, 2), h.slice(-1, 2, 4).exp()).toEvent(1));
            }
        });
        try (ParamStore store = ParamStore.open()) {
            SVI<Tensor> svi = SVI.of(model, guide, Adam.of(0.01), new TraceElbo());
            svi.run(x, 200);
            module("decoder", decoder);                       // load the trained values into the module
        }
        Tensor probs = decoder.forward(Tensor.zeros(1, 2)).sigmoid();   // decode with the trained weights
        // end example
        assertArrayEquals(new int[] {1, 6}, probs.shape());
        assertTrue(probs.min().item() > 0 && probs.max().item() < 1);
        try (ParamStore store = ParamStore.open()) {
            assertEquals(0, store.size());
        }
    }

    @Test
    void modesAndFiles(@TempDir Path dir) throws IOException {
        Rng.seed(2);
        // example: modes-and-files
        Sequential net = Sequential.of(Linear.of(8, 8), BatchNorm1d.of(8), ReLU.of(), Dropout.of(0.2),
                Linear.of(8, 1));
        net.forward(Tensor.randn(32, 8));                     // training mode: batch statistics, dropout on
        net.eval();                                           // running statistics, dropout off, for every submodule
        Tensor batch = Tensor.randn(4, 8);
        Tensor y = net.forward(batch);
        net.save(dir.resolve("net.npz"));                     // parameters and buffers, written atomically
        Map<String, Tensor> buffers = net.buffers();          // 1.running_mean, 1.running_var
        net.load(dir.resolve("net.npz"));
        // end example
        assertFalse(net.isTraining());
        assertArrayEquals(y.toFloatArray(), net.forward(batch).toFloatArray());
        assertEquals(List.of("1.running_mean", "1.running_var"), List.copyOf(buffers.keySet()));
    }

    @Test
    void init() {
        // example: init
        Linear a = Linear.of(100, 50);                        // PyTorch's default: U(-1/sqrt(100), 1/sqrt(100))
        Linear b = Linear.builder(100, 50).weightInit(Init.xavier()).biasInit(Init.zeros()).build();
        Linear c = Linear.builder(100, 50).weightInit(Init.of(WeightInit.LECUN_NORMAL)).build();
        Rng.seed(42);
        Tensor w1 = Init.he().sample(100, 50, DType.FLOAT32, 50, 100);
        Rng.seed(42);
        Tensor w2 = Init.he().sample(100, 50, DType.FLOAT32, 50, 100);   // the same values as w1
        // end example
        assertTrue(a.parameters().get("weight").abs().max().item() <= 0.1);
        assertEquals(0.0, b.parameters().get("bias").abs().sum().item());
        assertArrayEquals(new int[] {50, 100}, c.parameters().get("weight").shape());
        assertArrayEquals(w1.toFloatArray(), w2.toFloatArray());
    }

    private static MultiLayerNetwork dl4jNetwork() {
        // example: dl4j-network
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(3)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // end example
        return net;
    }

    @Test
    void dl4jWrap() {
        MultiLayerNetwork net = dl4jNetwork();
        Tensor x = Tensor.randn(5, 4);
        // example: dl4j-wrap
        Dl4jModule wrapped = Dl4jModule.wrap(net);            // parameters 0_W, 0_b, 1_W, 1_b
        Tensor y = wrapped.forward(x);                        // forward through DL4J: [5, 3]
        Tensor w = wrapped.parameters().get("0_W");
        Tensor dw = Grad.of(y.sum(), w)[0];                   // backward through DL4J's backpropGradient
        // in a model or guide: module("dec", wrapped).forward(z), trained by PPL-J's optimizers
        // end example
        assertArrayEquals(new int[] {5, 3}, y.shape());
        assertArrayEquals(w.shape(), dw.shape());
        assertArrayEquals(net.output(x.toINDArray(), true).data().asFloat(), y.toFloatArray(), 1e-6f);
    }

    @Test
    void dl4jImport() {
        MultiLayerNetwork net = dl4jNetwork();
        Tensor x = Tensor.randn(5, 4);
        // example: dl4j-import
        Sequential same = Dl4jImport.fromNetwork(net);        // DL4J's weights, native layers
        // (0): Linear(in=4, out=32), (0_activation): ReLU, (1): Linear(in=32, out=3), (1_activation): Sigmoid
        Sequential fresh = Dl4jImport.fromConfiguration(net.getLayerWiseConfigurations());  // newly initialized
        // end example
        assertArrayEquals(net.output(x.toINDArray(), false).data().asFloat(), same.forward(x).toFloatArray(), 1e-6f);
        assertEquals(same.state().keySet(), fresh.state().keySet());
    }

    @Test
    void customOp() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        // example: custom-op
        Tensor y = CustomOp.apply("cube",
                in -> in[0].pow(3.0),                                       // forward: any computation
                (in, out, g) -> new Tensor[] {g.mul(in[0].square()).mul(3.0)},  // gradient for each input
                x);
        // end example
        assertArrayEquals(new double[] {3, 12}, Grad.of(y.sum(), x)[0].toDoubleArray(), 1e-6);
    }
}
