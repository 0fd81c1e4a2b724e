package io.pplj.docs;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Normal;
import io.pplj.infer.SVI;
import io.pplj.infer.TraceElbo;
import io.pplj.infer.autoguide.AutoNormal;
import io.pplj.infer.optim.Adam;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The README's model example, run and checked; and a check that the README shows exactly this code. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("README.md",
                "ppl-inference/src/test/java/io/pplj/docs/ReadmeExampleTest.java");
    }

    @Test
    @SuppressWarnings("try")
    void logisticRegressionRecoversTheCoefficients() {
        // example: readme-model
        Rng.seed(1);
        Tensor x = Tensor.randn(500, 2);
        Tensor y = Rng.current().bernoulli(x.matmul(Tensor.of(2.0, -1.0)).sigmoid());
        Model<Tensor, Void> model = Model.of(labels -> {
            Tensor w = sample("w", Normal.of(Tensor.zeros(2), Tensor.ones(2)).toEvent(1));
            try (Plate data = plate("data", 500)) {
                observe("y", Bernoulli.ofLogits(x.matmul(w)), labels);
            }
        });
        AutoNormal<Tensor> guide = AutoNormal.of(model);
        Tensor median;
        Tensor upper;
        try (ParamStore store = ParamStore.open()) {
            SVI.of(model, guide, Adam.of(0.05), new TraceElbo()).run(y, 1500);
            median = guide.median(y).get("w");
            upper = guide.quantile(0.975, y).get("w");
        }
        System.out.println("posterior median of w: " + median);      // close to [2, -1]
        System.out.println("97.5% quantile:        " + upper);
        // end example
        double[] w = median.toDoubleArray();
        // With 500 points the posterior sd of each coefficient is about 0.1-0.15: 0.5 is over 3 sd.
        assertEquals(2.0, w[0], 0.5);
        assertEquals(-1.0, w[1], 0.5);
        double[] hi = upper.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double halfWidth = hi[i] - w[i];
            assertTrue(halfWidth > 0.1 && halfWidth < 0.6, "95% half-width " + halfWidth + " of w[" + i + "]");
        }
    }
}
