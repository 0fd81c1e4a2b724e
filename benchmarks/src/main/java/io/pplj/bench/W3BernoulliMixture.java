package io.pplj.bench;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Beta;
import io.pplj.dist.Constraint;
import io.pplj.dist.Normal;
import io.pplj.infer.Elbo;
import io.pplj.infer.TraceGraphElbo;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * w3: N = 200; p ~ Beta(1, 1); plate "data" N: z ~ Bernoulli(p), x ~ Normal(4z, 1); data from z0 ~ Bernoulli(0.3),
 * x = randn + 4 z0. Guide: p ~ Beta(a, b) with a, b > 0 (init 1), q in (0, 1)^N (init 0.5), z ~ Bernoulli(q).
 * TraceGraph ELBO (score-function gradients for z).
 */
@SuppressWarnings("try")
final class W3BernoulliMixture extends SviWorkload<Tensor> {

    static final int N = 200;

    W3BernoulliMixture() {
        super("w3_bernoulli_mixture_tracegraph", 1000);
    }

    @Override
    Tensor data() {
        Tensor z0 = Rng.current().bernoulli(Tensor.full(0.3, N));
        return Tensor.randn(N).add(z0.mul(4.0));
    }

    @Override
    Model<Tensor, ?> model() {
        return Model.of(x -> {
            Tensor p = sample("p", Beta.of(1.0, 1.0));
            try (Plate plate = plate("data", N)) {
                Tensor z = sample("z", Bernoulli.of(p));
                observe("x", Normal.of(z.mul(4.0), 1.0), x);
            }
        });
    }

    @Override
    Model<Tensor, ?> guide(Model<Tensor, ?> model) {
        return Model.of(x -> {
            Tensor a = param("a", () -> Tensor.scalar(1.0), Constraint.positive());
            Tensor b = param("b", () -> Tensor.scalar(1.0), Constraint.positive());
            sample("p", Beta.of(a, b));
            Tensor q = param("q", () -> Tensor.full(0.5, N), Constraint.unitInterval());
            try (Plate plate = plate("data", N)) {
                sample("z", Bernoulli.of(q));
            }
        });
    }

    @Override
    Elbo elbo() {
        return new TraceGraphElbo();
    }
}
