package io.pplj.bench;

import io.pplj.dist.Distribution;
import io.pplj.dist.Normal;
import io.pplj.nn.Conv2d;
import io.pplj.nn.ConvTranspose2d;
import io.pplj.nn.Flatten;
import io.pplj.nn.Linear;
import io.pplj.nn.Module;
import io.pplj.nn.ReLU;
import io.pplj.nn.Sequential;
import io.pplj.nn.Sigmoid;
import io.pplj.nn.Unflatten;
import io.pplj.tensor.Tensor;

/**
 * w5: x is 64 x 3 x 64 x 64 uniform; Z = 32; decoder Linear(32 → 128·8·8), ReLU, ConvTranspose(128 → 64, k4, s2,
 * p1), ReLU, ConvTranspose(64 → 32, k4, s2, p1), ReLU, ConvTranspose(32 → 3, k4, s2, p1), Sigmoid; plate 64:
 * z ~ Normal(0, I) (event 1), x ~ Normal(decoder(z), 0.1) (event dim 3). Guide: encoder Conv(3 → 32, k4, s2, p1),
 * ReLU, Conv(32 → 64, k4, s2, p1), ReLU, Conv(64 → 128, k4, s2, p1), ReLU, Flatten, Linear(8192 → 64): the first
 * 32 outputs are loc, the last 32 log-scale; z ~ Normal(loc, exp(logScale)) (event 1). Trace ELBO; on the CPU 3
 * warm-up and 20 timed steps.
 */
final class W5ConvVae extends VaeWorkload {

    static final int BATCH = 64;
    static final int LATENT = 32;

    W5ConvVae() {
        super("w5_conv_vae_64px_b64", 20, 3, LATENT);
    }

    @Override
    Tensor data() {
        return Tensor.rand(BATCH, 3, 64, 64);
    }

    @Override
    Module buildEncoder() {
        return Sequential.of(Conv2d.of(3, 32, 4, 2, 1), ReLU.of(), Conv2d.of(32, 64, 4, 2, 1), ReLU.of(),
                Conv2d.of(64, 128, 4, 2, 1), ReLU.of(), Flatten.of(), Linear.of(128 * 8 * 8, 2 * LATENT));
    }

    @Override
    Module buildDecoder() {
        return Sequential.of(Linear.of(LATENT, 128 * 8 * 8), ReLU.of(), Unflatten.of(1, 128, 8, 8),
                ConvTranspose2d.of(128, 64, 4, 2, 1), ReLU.of(), ConvTranspose2d.of(64, 32, 4, 2, 1), ReLU.of(),
                ConvTranspose2d.of(32, 3, 4, 2, 1), Sigmoid.of());
    }

    @Override
    Distribution likelihood(Tensor mean) {
        return Normal.of(mean, 0.1).toEvent(3);
    }
}
