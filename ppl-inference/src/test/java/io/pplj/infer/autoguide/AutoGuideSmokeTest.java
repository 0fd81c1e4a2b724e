package io.pplj.infer.autoguide;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.dist.Gamma;
import io.pplj.dist.Normal;
import io.pplj.dist.Poisson;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.optim.Adam;
import io.pplj.infer.optim.LearningRateSchedule;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoguides fit conjugate posteriors: Normal-Normal, and Gamma-Poisson through the positivity bijection. */
@SuppressWarnings("try")
class AutoGuideSmokeTest {

    static final Model<Tensor, Void> NORMAL = Model.of(d -> {
        Tensor mu = sample("mu", Normal.of(0.0, 10.0));
        try (Plate p = plate("data", d.size(0))) {
            observe("obs", Normal.of(mu, 1.0), d);
        }
    });

    static final Model<Tensor, Void> POISSON = Model.of(d -> {
        Tensor rate = sample("rate", Gamma.of(2.0, 1.0));
        try (Plate p = plate("data", d.size(0))) {
            observe("obs", Poisson.of(rate), d);
        }
    });

    /** Adam from 0.05 decaying to about 0.004 over 2500 steps, so the stochastic iterates settle. */
    static io.pplj.infer.optim.Optimizer decaying() {
        return Adam.of(0.05).schedule(LearningRateSchedule.exponential(0.999));
    }

    @Test
    void autoguidesFitTheNormalPosterior() {
        Rng.seed(1);
        Tensor data = Tensor.randn(10).add(3.0);
        double precision = 1.0 / 100 + 10;
        double mean = data.sum().item() / precision;
        for (String kind : new String[] {"normal", "diag", "mvn", "lowrank", "delta"}) {
            try (ParamStore store = ParamStore.open()) {
                AutoGuide<Tensor> guide = kind.equals("normal") ? AutoNormal.of(NORMAL)
                        : kind.equals("diag") ? AutoDiagonalNormal.of(NORMAL)
                        : kind.equals("mvn") ? AutoMultivariateNormal.of(NORMAL)
                        : kind.equals("lowrank") ? AutoLowRankMultivariateNormal.of(NORMAL)
                        : AutoDelta.of(NORMAL);
                SVI<Tensor> svi = SVI.of(NORMAL, guide, decaying(), new TraceElbo());
                svi.run(data, 2500);
                Map<String, Tensor> median = guide.median(data);
                assertEquals(mean, median.get("mu").item(), 0.08, kind);
                if (!kind.equals("delta")) {
                    double q84 = guide.quantile(0.8413, data).get("mu").item();
                    assertEquals(Math.sqrt(1 / precision), q84 - median.get("mu").item(), 0.08, kind);
                }
            }
        }
    }

    @Test
    void autoNormalFitsGammaPoissonThroughExp() {
        Rng.seed(2);
        Tensor data = Tensor.of(3, 5, 4, 6, 2, 4, 5, 3);
        double a = 2 + data.sum().item();
        double b = 1 + data.numel();
        try (ParamStore store = ParamStore.open()) {
            AutoNormal<Tensor> guide = AutoNormal.of(POISSON);
            SVI.of(POISSON, guide, decaying(), new TraceElbo()).run(data, 3000);
            // The log-normal fit's median is close to the gamma posterior's median (a - 1/3) / b for large a.
            assertEquals((a - 1.0 / 3) / b, guide.median(data).get("rate").item(), 0.12);
        }
    }
}
