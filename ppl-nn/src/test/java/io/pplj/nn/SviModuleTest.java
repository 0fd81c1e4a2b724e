package io.pplj.nn;

import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end: an MLP decoder in the model and an MLP encoder in the guide, registered with {@code module}, trained
 * by SVI with Adam. The store holds the modules' parameters under their prefixes, the modules compute with the
 * trained values, and the loss falls well below its starting level.
 */
@SuppressWarnings("try")
class SviModuleTest {

    @Test
    void sviTrainsModuleParametersAndLowersTheLoss() {
        Rng.seed(31);
        int n = 64;
        int d = 12;
        // two prototype bit patterns, each pixel flipped with probability 0.05
        Tensor proto = Tensor.rand(2, d).lt(0.5).asType(io.pplj.tensor.DType.FLOAT32);
        Tensor which = Tensor.rand(n).lt(0.5).asType(io.pplj.tensor.DType.INT64);
        Tensor clean = proto.indexSelect(0, which);
        Tensor flip = Tensor.rand(n, d).lt(0.05).asType(io.pplj.tensor.DType.FLOAT32);
        Tensor data = clean.add(flip).sub(clean.mul(flip).mul(2.0));

        Sequential decoder = Mlp.builder(2).hidden(16).activation(Softplus::of).output(d).build();
        Sequential encoder = Mlp.builder(d).hidden(16).activation(Softplus::of).output(4).build();
        Model<Tensor, Void> model = Model.of(x -> {
            module("dec", decoder);
            try (Plate p = plate("data", x.size(0))) {
                Tensor z = sample("z", Normal.of(Tensor.zeros(x.size(0), 2), 1.0).toEvent(1));
                observe("x", Bernoulli.ofLogits(decoder.forward(z)).toEvent(1), x);
            }
        });
        Model<Tensor, Void> guide = Model.of(x -> {
            module("enc", encoder);
            try (Plate p = plate("data", x.size(0))) {
                Tensor h = encoder.forward(x);
                sample("z", Normal.of(h.slice(-1, 0, 2), h.slice(-1, 2, 4).exp()).toEvent(1));
            }
        });
        Map<String, Tensor> before = decoder.parameters();
        try (ParamStore store = ParamStore.open()) {
            SVI<Tensor> svi = SVI.of(model, guide, Adam.of(0.02), new TraceElbo());
            double[] losses = svi.run(data, 600);
            assertTrue(store.names().containsAll(java.util.List.of("dec$$$0.weight", "dec$$$2.bias",
                    "enc$$$0.weight", "enc$$$2.bias")), store.names().toString());
            // the module holds the leaves of its last registration, taken before the last update; registering it
            // again (outside a model, with the store current) loads the trained values
            module("dec", decoder);
            for (Map.Entry<String, Tensor> e : decoder.parameters().entrySet()) {
                assertFalse(Arrays.equals(before.get(e.getKey()).toFloatArray(), e.getValue().toFloatArray()),
                        e.getKey() + " was trained");
                assertSame(store.unconstrained("dec$$$" + e.getKey()), e.getValue());
            }
            double first = Arrays.stream(losses, 0, 5).average().orElseThrow();
            double last = Arrays.stream(losses, losses.length - 50, losses.length).average().orElseThrow();
            // 12 bits per point start near 12 log 2 = 8.3 nats; the two clean patterns plus 5 % noise cost ~2.4 nats
            assertTrue(first / n > 6.5, "initial loss per point " + first / n);
            assertTrue(last / n < 4.5, "final loss per point " + last / n + " (initial " + first / n + ")");
        }
    }
}
