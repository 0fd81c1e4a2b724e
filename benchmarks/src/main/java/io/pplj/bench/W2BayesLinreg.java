package io.pplj.bench;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.HalfNormal;
import io.pplj.dist.Normal;
import io.pplj.infer.Elbo;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;

/**
 * w2: N = 1000, D = 10, X ~ randn(N, D); w ~ Normal(0, 1) with event dim 1; b ~ Normal(0, 1); sigma ~ HalfNormal(1);
 * plate "data" N: y ~ Normal(X w + b, sigma). Data from fixed true values; AutoNormal; Trace ELBO.
 */
@SuppressWarnings("try")
final class W2BayesLinreg extends SviWorkload<W2BayesLinreg.Data> {

    static final int N = 1000;
    static final int D = 10;

    /** Covariates and responses. */
    record Data(Tensor x, Tensor y) {
    }

    W2BayesLinreg() {
        super("w2_bayes_linreg_autonormal", 1000);
    }

    @Override
    Data data() {
        Tensor x = Tensor.randn(N, D);
        Tensor w = Tensor.randn(D);
        Tensor y = x.matmul(w).add(0.5).add(Tensor.randn(N).mul(0.3));
        return new Data(x, y);
    }

    @Override
    Model<Data, ?> model() {
        return Model.of(d -> {
            Tensor w = sample("w", Normal.of(Tensor.zeros(D), 1.0).toEvent(1));
            Tensor b = sample("b", Normal.of(0.0, 1.0));
            Tensor sigma = sample("sigma", HalfNormal.of(1.0));
            try (Plate p = plate("data", N)) {
                observe("y", Normal.of(d.x().matmul(w).add(b), sigma), d.y());
            }
        });
    }

    @Override
    Model<Data, ?> guide(Model<Data, ?> model) {
        return AutoNormal.of(model);
    }

    @Override
    Elbo elbo() {
        return new TraceElbo();
    }
}
