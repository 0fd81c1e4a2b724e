package io.pplj.infer;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.dist.Constraint;
import io.pplj.dist.Normal;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** SVI on the Normal-Normal model reaches the analytic posterior. */
@SuppressWarnings("try")
class SviSmokeTest {

    @Test
    void normalNormalPosterior() {
        Rng.seed(0);
        Tensor data = Tensor.randn(10).add(3.0);
        Model<Tensor, Void> model = Model.of(d -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", d.size(0))) {
                observe("obs", Normal.of(mu, 1.0), d);
            }
        });
        Model<Tensor, Void> guide = Model.of(d -> {
            Tensor loc = param("loc", () -> Tensor.scalar(0.0));
            Tensor scale = param("scale", () -> Tensor.scalar(1.0), Constraint.positive());
            sample("mu", Normal.of(loc, scale));
        });
        double precision = 1.0 / 100 + 10;
        double postMean = data.sum().item() / precision;
        double postSd = Math.sqrt(1.0 / precision);
        try (ParamStore store = ParamStore.open()) {
            SVI<Tensor> svi = SVI.of(model, guide, Adam.of(0.02), new TraceElbo());
            svi.run(data, 3000);
            assertEquals(postMean, store.get("loc").item(), 0.05);
            assertEquals(postSd, store.get("scale").item(), 0.05);
        }
    }
}
