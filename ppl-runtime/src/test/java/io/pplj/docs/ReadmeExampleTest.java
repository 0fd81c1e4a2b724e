package io.pplj.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The README's model example, run and checked; and a check that the README shows exactly this code. */
class ReadmeExampleTest {

    @Test
    void readmeShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("README.md",
                "ppl-runtime/src/test/java/io/pplj/docs/ReadmeExampleTest.java");
    }

    @Test
    void modelRecoversTheCoefficients() {
        // example: readme-model
        Rng.seed(1);
        Tensor x = Tensor.randn(500, 2);
        Tensor y = Rng.current().bernoulli(x.matmul(Tensor.of(2.0, -1.0)).sigmoid());
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        for (int step = 0; step < 300; step++) {
            Tensor logits = x.matmul(w);
            Tensor logLik = y.mul(logits).sub(logits.softplus()).sum();   // sum log Bernoulli(y | sigmoid(l))
            Tensor logPrior = w.square().sum().mul(-0.5);                  // log Normal(w | 0, 1) + const
            Tensor loss = logLik.add(logPrior).neg();
            Tensor grad = Grad.of(loss, w)[0];
            w = w.sub(grad.mul(0.002)).detach().requiresGrad(true);
        }
        System.out.println("posterior mode: " + w);                       // close to [2, -1]
        // end example
        double[] mode = w.toDoubleArray();
        // With 500 points the posterior sd of each coefficient is about 0.1-0.15: 0.5 is over 3 sd.
        assertEquals(2.0, mode[0], 0.5);
        assertEquals(-1.0, mode[1], 0.5);
        // At the mode the gradient vanishes.
        Tensor wl = w.detach().requiresGrad(true);
        Tensor logits = x.matmul(wl);
        Tensor loss = y.mul(logits).sub(logits.softplus()).sum().add(wl.square().sum().mul(-0.5)).neg();
        double[] g = Grad.of(loss, wl)[0].toDoubleArray();
        assertEquals(0.0, g[0], 1e-2);
        assertEquals(0.0, g[1], 1e-2);
    }
}
