package io.pplj.nn.examples;

import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.nn.Mlp;
import io.pplj.nn.Sequential;
import io.pplj.nn.Softplus;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;

/**
 * A variational autoencoder for flattened binary images, as in Pyro's VAE tutorial: the model draws
 * {@code z ~ Normal(0, I)} and pixels {@code x ~ Bernoulli(logits = decoder(z))}; the guide draws
 * {@code z ~ Normal(loc, exp(logScale))} with {@code [loc, logScale] = encoder(x)}. Both networks are MLPs with one
 * softplus hidden layer, registered with {@code module} so SVI trains them.
 */
@SuppressWarnings("try")
final class MlpVae {

    final int pixels;
    final int latent;
    final Sequential encoder;
    final Sequential decoder;

    MlpVae(int pixels, int hidden, int latent) {
        this.pixels = pixels;
        this.latent = latent;
        this.encoder = Mlp.builder(pixels).hidden(hidden).activation(Softplus::of).output(2 * latent).build();
        this.decoder = Mlp.builder(latent).hidden(hidden).activation(Softplus::of).output(pixels).build();
    }

    /** p(x, z) for a minibatch {@code x} of shape {@code [batch, pixels]}. */
    Model<Tensor, Void> model() {
        return Model.of(x -> {
            module("decoder", decoder);
            try (Plate p = plate("data", x.size(0))) {
                Tensor z = sample("z", Normal.of(Tensor.zeros(x.size(0), latent), 1.0).toEvent(1));
                observe("x", Bernoulli.ofLogits(decoder.forward(z)).toEvent(1), x);
            }
        });
    }

    /** q(z | x). */
    Model<Tensor, Void> guide() {
        return Model.of(x -> {
            module("encoder", encoder);
            try (Plate p = plate("data", x.size(0))) {
                Tensor h = encoder.forward(x);
                sample("z", Normal.of(h.slice(-1, 0, latent), h.slice(-1, latent, 2 * latent).exp()).toEvent(1));
            }
        });
    }

    /** Pixel probabilities decoded from the encoder's mean code (the current parameters, no sampling). */
    Tensor reconstruct(Tensor x) {
        return decoder.forward(encoder.forward(x).slice(-1, 0, latent)).sigmoid();
    }
}
