package io.pplj.bench;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Distribution;
import io.pplj.nn.Linear;
import io.pplj.nn.Module;
import io.pplj.nn.Sequential;
import io.pplj.nn.Sigmoid;
import io.pplj.nn.Softplus;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;

/**
 * w4: x is 256 x 784 binary; decoder 50 → 400 (softplus) → 784 (sigmoid); plate "data" 256: z ~ Normal(0, I)
 * (event dim 1, 50), x ~ Bernoulli(decoder(z)) (event dim 1). Guide: encoder 784 → 400 (softplus) with two heads
 * 400 → 50 for loc and log-scale; z ~ Normal(loc, exp(logScale)). Trace ELBO, 200 timed steps.
 */
final class W4MlpVae extends VaeWorkload {

    static final int BATCH = 256;
    static final int PIXELS = 784;
    static final int HIDDEN = 400;
    static final int LATENT = 50;

    W4MlpVae() {
        super("w4_mlp_vae_784_b256", 200, WARMUP, LATENT);
    }

    /** Pyro's VAE encoder: a softplus hidden layer and two linear heads, returned side by side. */
    static final class Encoder extends Module {
        private final Linear hidden;
        private final Linear loc;
        private final Linear logScale;

        Encoder() {
            hidden = addModule("fc1", Linear.of(PIXELS, HIDDEN));
            loc = addModule("fc21", Linear.of(HIDDEN, LATENT));
            logScale = addModule("fc22", Linear.of(HIDDEN, LATENT));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = hidden.forward(x).softplus();
            return Tensor.cat(-1, loc.forward(h), logScale.forward(h));
        }
    }

    @Override
    Tensor data() {
        return Tensor.rand(BATCH, PIXELS).lt(0.5).asType(DType.FLOAT32);
    }

    @Override
    Module buildEncoder() {
        return new Encoder();
    }

    @Override
    Module buildDecoder() {
        return Sequential.of(Linear.of(LATENT, HIDDEN), Softplus.of(), Linear.of(HIDDEN, PIXELS), Sigmoid.of());
    }

    @Override
    Distribution likelihood(Tensor probs) {
        return Bernoulli.ofProbs(probs).toEvent(1);
    }
}
