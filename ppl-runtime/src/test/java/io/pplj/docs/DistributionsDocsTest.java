package io.pplj.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.ExpTransform;
import io.pplj.dist.Exponential;
import io.pplj.dist.Gamma;
import io.pplj.dist.KL;
import io.pplj.dist.Normal;
import io.pplj.dist.Transform;
import io.pplj.dist.TransformedDistribution;
import io.pplj.dist.Transforms;
import io.pplj.dist.Validation;
import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import org.junit.jupiter.api.Test;

/** The examples of docs/distributions.md, run and checked; and a check that the page shows exactly this code. */
@SuppressWarnings("try")
class DistributionsDocsTest {

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/distributions.md",
                "ppl-runtime/src/test/java/io/pplj/docs/DistributionsDocsTest.java");
    }

    @Test
    void shapes() {
        // example: shapes
        Normal d = Normal.of(Tensor.zeros(3, 1), Tensor.ones(4));    // batch [3, 4], event []
        Tensor x = d.sample(5);                                      // [5, 3, 4]
        Tensor lp = d.logProb(Tensor.zeros(4));                      // [3, 4]
        Distribution diag = d.toEvent(1);                            // batch [3], event [4]
        Tensor lpDiag = diag.logProb(Tensor.zeros(3, 4));            // [3]: summed over the event
        Distribution wide = Normal.of(0.0, 1.0).expand(2, 3);        // batch [2, 3], independent draws
        // end example
        assertArrayEquals(new int[] {5, 3, 4}, x.shape());
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        assertArrayEquals(new int[] {3}, lpDiag.shape());
        assertEquals(4 * lp.toDoubleArray()[0], lpDiag.toDoubleArray()[0], 1e-5);
        assertArrayEquals(new int[] {2, 3}, wide.batchShape());
    }

    @Test
    void rsample() {
        // example: rsample
        Tensor alpha = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
        Tensor draws = Gamma.of(alpha, Tensor.scalar(1.0, DType.FLOAT64)).rsample(Rng.of(3), 20_000);
        Tensor dMean = Grad.of(draws.mean(), alpha)[0];              // d E[x] / d alpha = 1 / rate = 1
        // end example
        // The per-draw derivative has standard deviation below 1, so 20,000 draws give a standard error < 0.01.
        assertEquals(1.0, dMean.item(), 0.05);
    }

    @Test
    void validation() {
        // example: validation
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Normal.of(Tensor.zeros(3), Tensor.of(1.0, -0.5, 2.0)));
        // "Normal: parameter 'scale' must be positive; got shape [3] with 1 of 3 values invalid (e.g. -0.5)"
        try (ThreadScope off = Validation.disable()) {
            Tensor lpOutside = Exponential.of(1.0).logProb(Tensor.scalar(-1.0));  // no check
        }
        // end example
        assertTrue(bad.getMessage().contains("'scale'") && bad.getMessage().contains("-0.5"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exponential.of(1.0).logProb(Tensor.scalar(-1.0)));
    }

    @Test
    void transforms() {
        // example: transforms
        Transform toSimplex = Transforms.bijectTo(Constraint.simplex());
        Tensor y = toSimplex.forward(Tensor.of(0.3, -1.2, 2.0));                // 4 probabilities
        boolean onSimplex = Constraint.simplex().check(y).item() != 0.0;
        Distribution logNormal = TransformedDistribution.of(Normal.of(0.0, 1.0), ExpTransform.of());
        Tensor lpy = logNormal.logProb(Tensor.scalar(2.0));                    // log N(log 2) - log 2
        // end example
        assertArrayEquals(new int[] {4}, y.shape());
        assertTrue(onSimplex);
        double l2 = Math.log(2.0);
        assertEquals(-0.5 * l2 * l2 - 0.5 * Math.log(2 * Math.PI) - l2, lpy.item(), 1e-5);
    }

    @Test
    void kl() {
        // example: kl
        Tensor kl = KL.divergence(Normal.of(0.0, 1.0), Normal.of(1.0, 2.0));
        Tensor klDiag = KL.divergence(Normal.of(Tensor.zeros(3), 1.0).toEvent(1),
                Normal.of(Tensor.ones(3), 1.0).toEvent(1));                  // sums over the event: 1.5
        // end example
        assertEquals(Math.log(2) + (1 + 1) / 8.0 - 0.5, kl.item(), 1e-6);
        assertEquals(1.5, klDiag.item(), 1e-6);
    }
}
