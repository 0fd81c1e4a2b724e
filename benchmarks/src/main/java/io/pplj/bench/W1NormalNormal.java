package io.pplj.bench;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.Normal;
import io.pplj.infer.Elbo;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;

/** w1: mu ~ Normal(0, 10); plate "data" of 10: obs ~ Normal(mu, 1); data = randn(10) + 3; AutoNormal; Trace ELBO. */
@SuppressWarnings("try")
final class W1NormalNormal extends SviWorkload<Tensor> {

    W1NormalNormal() {
        super("w1_normal_normal_autonormal", 2000);
    }

    @Override
    Tensor data() {
        return Tensor.randn(10).add(3.0);
    }

    @Override
    Model<Tensor, ?> model() {
        return Model.of(data -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", 10)) {
                observe("obs", Normal.of(mu, 1.0), data);
            }
        });
    }

    @Override
    Model<Tensor, ?> guide(Model<Tensor, ?> model) {
        return AutoNormal.of(model);
    }

    @Override
    Elbo elbo() {
        return new TraceElbo();
    }
}
