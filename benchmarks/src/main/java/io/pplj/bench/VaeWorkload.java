package io.pplj.bench;

import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.Distribution;
import io.pplj.dist.Normal;
import io.pplj.infer.Elbo;
import io.pplj.infer.TraceElbo;
import io.pplj.nn.Module;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;

/**
 * A variational autoencoder workload (w4, w5): the model registers the decoder, and in a plate "data" over the batch
 * draws {@code z ~ Normal(0, I)} (event dim 1) and observes {@code x ~ likelihood(decoder(z))}; the guide registers
 * the encoder, whose output holds {@code loc} and {@code log-scale} side by side, and draws
 * {@code z ~ Normal(loc, exp(logScale))} (event dim 1) in the same plate. Trace ELBO. The networks are built in
 * {@link #model()}, from the workload's seeded generator.
 */
@SuppressWarnings("try")
abstract class VaeWorkload extends SviWorkload<Tensor> {

    private final int latent;
    private Module encoder;
    private Module decoder;

    VaeWorkload(String name, int steps, int warmup, int latent) {
        super(name, steps, warmup);
        this.latent = latent;
    }

    /** {@code x -> [loc, logScale]}, {@code [batch, 2 latent]}. */
    abstract Module buildEncoder();

    /** {@code z -> } the likelihood's parameter. */
    abstract Module buildDecoder();

    /** The observation distribution given the decoder's output, with the data's dims as its event. */
    abstract Distribution likelihood(Tensor decoded);

    @Override
    Model<Tensor, ?> model() {
        encoder = buildEncoder();
        decoder = buildDecoder();
        return Model.of(x -> {
            module("decoder", decoder);
            int batch = x.size(0);
            try (Plate p = plate("data", batch)) {
                Tensor z = sample("z", Normal.of(Tensor.zeros(batch, latent), 1.0).toEvent(1));
                observe("x", likelihood(decoder.forward(z)), x);
            }
        });
    }

    @Override
    Model<Tensor, ?> guide(Model<Tensor, ?> model) {
        return Model.of(x -> {
            module("encoder", encoder);
            try (Plate p = plate("data", x.size(0))) {
                Tensor h = encoder.forward(x);
                sample("z", Normal.of(h.slice(-1, 0, latent), h.slice(-1, latent, 2 * latent).exp()).toEvent(1));
            }
        });
    }

    @Override
    Elbo elbo() {
        return new TraceElbo();
    }
}
