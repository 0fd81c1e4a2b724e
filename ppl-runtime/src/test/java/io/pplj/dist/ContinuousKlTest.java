package io.pplj.dist;

import static io.pplj.dist.ContinuousChecks.assertMonteCarlo;
import static io.pplj.dist.ContinuousChecks.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The continuous families' analytic KL rules against Monte Carlo estimates {@code mean(log p(x) - log q(x))},
 * {@code x ~ p}, n = 100000 draws, within 5 standard errors for every batch element; KL(p || p) = 0; and results
 * broadcast over the two batch shapes.
 */
class ContinuousKlTest {

    private static final int N = 100_000;

    private static Tensor vec(double... v) {
        return f64(v, v.length);
    }

    /** Compares {@code KL.divergence(p, q)} (batch [k]) with the Monte Carlo estimate, element by element. */
    private static void assertKlMatchesMonteCarlo(String what, Distribution p, Distribution q, long seed) {
        Tensor x = p.sample(Rng.of(seed), N);
        Tensor diff = p.logProb(x).sub(q.logProb(x)).reshape(N, -1);
        double[] exact = KL.divergence(p, q).reshape(-1).toDoubleArray();
        int k = exact.length;
        double[] all = diff.toDoubleArray();
        for (int c = 0; c < k; c++) {
            double[] terms = new double[N];
            for (int i = 0; i < N; i++) {
                terms[i] = all[i * k + c];
            }
            assertMonteCarlo(what + " KL, batch element " + c, terms, exact[c]);
        }
        assertArrayEquals(new double[k], KL.divergence(p, p).reshape(-1).toDoubleArray(), 1e-12,
                what + ": KL(p || p) = 0");
    }

    @Test
    void gammaGamma() {
        assertKlMatchesMonteCarlo("Gamma", Gamma.of(vec(0.4, 2.0, 9.0), vec(1.0, 0.5, 3.0)),
                Gamma.of(vec(1.5, 2.5, 4.0), vec(2.0, 0.7, 1.0)), 1);
    }

    @Test
    void betaBeta() {
        assertKlMatchesMonteCarlo("Beta", Beta.of(vec(0.5, 2.0, 20.0), vec(0.8, 5.0, 3.0)),
                Beta.of(vec(1.0, 1.5, 12.0), vec(1.0, 6.0, 4.0)), 2);
    }

    @Test
    void dirichletDirichlet() {
        Dirichlet p = Dirichlet.of(f64(new double[] {0.5, 1.0, 2.0, 4.0, 3.0, 0.7}, 2, 3));
        Dirichlet q = Dirichlet.of(f64(new double[] {1.0, 1.0, 1.0, 2.0, 5.0, 1.5}, 2, 3));
        assertKlMatchesMonteCarlo("Dirichlet", p, q, 3);
    }

    @Test
    void exponentialExponential() {
        assertKlMatchesMonteCarlo("Exponential", Exponential.of(vec(0.5, 3.0)), Exponential.of(vec(2.0, 2.5)), 4);
    }

    @Test
    void logNormalLogNormal() {
        assertKlMatchesMonteCarlo("LogNormal", LogNormal.of(vec(0.3, -1.0), vec(1.2, 0.4)),
                LogNormal.of(vec(-0.5, 0.0), vec(0.8, 1.0)), 5);
    }

    @Test
    void laplaceLaplace() {
        assertKlMatchesMonteCarlo("Laplace", Laplace.of(vec(0.3, -1.0), vec(1.2, 0.4)),
                Laplace.of(vec(-0.5, 0.0), vec(0.8, 1.0)), 6);
    }

    @Test
    void uniformUniform() {
        Uniform p = Uniform.of(vec(0.0, -1.0), vec(1.0, 0.5));
        Uniform q = Uniform.of(vec(-1.0, -2.0), vec(2.0, 0.5));
        assertKlMatchesMonteCarlo("Uniform", p, q, 7);
        assertArrayEquals(new double[] {Math.log(3), Math.log(2.5 / 1.5)}, KL.divergence(p, q).toDoubleArray(),
                1e-15);
        assertEquals(Double.POSITIVE_INFINITY, KL.divergence(Uniform.of(f64(0.0), f64(2.0)),
                Uniform.of(f64(0.0), f64(1.0))).item(), "p's support not inside q's");
    }

    @Test
    void rulesBroadcastTheBatchShapes() {
        Gamma p = Gamma.of(f64(new double[] {1, 2}, 2, 1), f64(1.0));
        Gamma q = Gamma.of(vec(1, 2, 3), f64(2.0));
        Tensor kl = KL.divergence(p, q);
        assertArrayEquals(new int[] {2, 3}, kl.shape());
        assertEquals(KL.divergence(Gamma.of(f64(2.0), f64(1.0)), Gamma.of(f64(3.0), f64(2.0))).item(),
                kl.toDoubleArray()[5], 1e-12);
        Tensor dir = KL.divergence(Dirichlet.of(f64(new double[] {1, 2, 3, 4}, 2, 1, 2)),
                Dirichlet.of(f64(new double[] {1, 1, 2, 2, 3, 3}, 3, 2)));
        assertArrayEquals(new int[] {2, 3}, dir.shape());
        Tensor ind = KL.divergence(Independent.of(Beta.of(vec(1, 2), vec(3, 4)), 1),
                Independent.of(Beta.of(vec(2, 2), vec(2, 2)), 1));
        assertEquals(KL.divergence(Beta.of(vec(1, 2), vec(3, 4)), Beta.of(vec(2, 2), vec(2, 2))).sum().item(),
                ind.item(), 1e-12);
    }
}
