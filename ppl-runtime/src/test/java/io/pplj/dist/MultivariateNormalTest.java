package io.pplj.dist;

import static io.pplj.dist.DistTestSupport.append;
import static io.pplj.dist.DistTestSupport.assertClose;
import static io.pplj.dist.DistTestSupport.block;
import static io.pplj.dist.DistTestSupport.broadcastOffset;
import static io.pplj.dist.DistTestSupport.broadcastableTo;
import static io.pplj.dist.DistTestSupport.matrix;
import static io.pplj.dist.DistTestSupport.numel;
import static io.pplj.dist.DistTestSupport.randomShape;
import static io.pplj.dist.DistTestSupport.spd;
import static io.pplj.dist.DistTestSupport.uniform;
import static io.pplj.dist.DistTestSupport.unravel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * MultivariateNormal and LowRankMultivariateNormal: log-densities against Commons Math over generated dimensions,
 * parameters and batch shapes; agreement of the parameterizations; sample moments; reparameterized gradients;
 * entropy; KL divergences; shapes and validation.
 *
 * <p>Statistical bounds: every Monte Carlo comparison uses a fixed seed and a 5-standard-error bound, where the
 * standard error is either exact (known variance of the estimator, stated at the test) or estimated from the draws.
 */
class MultivariateNormalTest {

    private static final double LOG_2PI_E = Math.log(2 * Math.PI) + 1.0;

    /** {@code log N(x; mu, cov)} from Commons Math (which has no logDensity: the log of its density). */
    private static double commonsLogDensity(double[] mu, double[][] cov, double[] x) {
        return Math.log(new MultivariateNormalDistribution(mu, cov).density(x));
    }

    private static double relTol(double expected) {
        return 1e-10 * Math.abs(expected) + 1e-12;
    }

    // ---- log densities ----------------------------------------------------------------------------------------

    /**
     * logProb equals Commons Math's log density within 1e-10 relative (plus 1e-12 absolute, for values near 0), in
     * float64, for loc and covariance with independently broadcasting batch shapes and two sample positions.
     */
    @Property(tries = 80)
    void logProbMatchesCommonsMath(@ForAll @IntRange(min = 1, max = 5) int k,
                                   @ForAll @IntRange(min = 0, max = 2) int batchRank, @ForAll long seed) {
        Random r = new Random(seed);
        int[] full = randomShape(r, batchRank, 3);
        int[] locBatch = broadcastableTo(r, full);
        int[] covBatch = broadcastableTo(r, full);
        Tensor loc = uniform(r, -3, 3, append(locBatch, k));
        Tensor cov = spd(r, k, 0.5, covBatch);
        MultivariateNormal d = MultivariateNormal.ofCovariance(loc, cov);
        int[] batch = Shapes.broadcast("test", locBatch, covBatch);
        assertArrayEquals(batch, d.batchShape());
        assertArrayEquals(new int[] {k}, d.eventShape());
        int[] valueShape = DistTestSupport.concat(new int[] {2}, batch, new int[] {k});
        Tensor x = uniform(r, -4, 4, valueShape);
        Tensor lp = d.logProb(x);
        assertArrayEquals(DistTestSupport.concat(new int[] {2}, batch), lp.shape());
        double[] lv = loc.toDoubleArray();
        double[] cv = cov.toDoubleArray();
        double[] xv = x.toDoubleArray();
        double[] got = lp.toDoubleArray();
        int[] lpShape = lp.shape();
        for (int i = 0; i < got.length; i++) {
            int[] idx = unravel(i, lpShape);
            int[] b = java.util.Arrays.copyOfRange(idx, 1, idx.length);
            double[] mu = block(lv, broadcastOffset(b, locBatch) * k, k);
            double[][] s = matrix(cv, broadcastOffset(b, covBatch) * k * k, k);
            double expected = commonsLogDensity(mu, s, block(xv, i * k, k));
            assertEquals(expected, got[i], relTol(expected), "logProb at " + java.util.Arrays.toString(idx));
        }
    }

    /**
     * The covariance, scale-tril and precision parameterizations describe the same distribution: L from Commons
     * Math's Cholesky, P from its LU inverse; logProb within 1e-10 relative, the matrices within 1e-9 relative,
     * variance = diag(covariance).
     */
    @Property(tries = 60)
    void parameterizationsAgree(@ForAll @IntRange(min = 1, max = 5) int k,
                                @ForAll @IntRange(min = 0, max = 2) int batchRank, @ForAll long seed) {
        Random r = new Random(seed);
        int[] batch = randomShape(r, batchRank, 3);
        Tensor loc = uniform(r, -2, 2, append(batch, k));
        Tensor cov = spd(r, k, 0.5, batch);
        int count = numel(batch);
        double[] cv = cov.toDoubleArray();
        double[] lFlat = new double[count * k * k];
        double[] pFlat = new double[count * k * k];
        for (int b = 0; b < count; b++) {
            RealMatrix m = new Array2DRowRealMatrix(matrix(cv, b * k * k, k));
            double[][] l = new CholeskyDecomposition(m).getL().getData();
            double[][] p = new LUDecomposition(m).getSolver().getInverse().getData();
            for (int i = 0; i < k; i++) {
                System.arraycopy(l[i], 0, lFlat, b * k * k + i * k, k);
                for (int j = 0; j < k; j++) {
                    pFlat[b * k * k + i * k + j] = 0.5 * (p[i][j] + p[j][i]);
                }
            }
        }
        Tensor l = Tensor.of(lFlat, DType.FLOAT64, append(batch, k, k));
        Tensor prec = Tensor.of(pFlat, DType.FLOAT64, append(batch, k, k));
        MultivariateNormal byCov = MultivariateNormal.ofCovariance(loc, cov);
        MultivariateNormal byTril = MultivariateNormal.ofScaleTril(loc, l);
        MultivariateNormal byPrec = MultivariateNormal.ofPrecision(loc, prec);
        Tensor x = uniform(r, -3, 3, DistTestSupport.concat(new int[] {3}, batch, new int[] {k}));
        Tensor ref = byCov.logProb(x);
        for (MultivariateNormal d : new MultivariateNormal[] {byTril, byPrec}) {
            double[] e = ref.toDoubleArray();
            double[] g = d.logProb(x).toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], g[i], relTol(e[i]), "logProb " + i);
            }
            assertClose(byCov.scaleTril(), d.scaleTril(), 1e-9, 1e-12, "scaleTril");
            assertClose(byCov.covarianceMatrix(), d.covarianceMatrix(), 1e-9, 1e-12, "covariance");
            assertClose(byCov.precisionMatrix(), d.precisionMatrix(), 1e-9, 1e-10, "precision");
            assertClose(byCov.entropy(), d.entropy(), 1e-10, 1e-12, "entropy");
        }
        assertClose(cov, byCov.covarianceMatrix(), 1e-12, 1e-14, "covariance round trip");
        assertClose(prec, byCov.precisionMatrix(), 1e-9, 1e-10, "precision of ofCovariance");
        assertClose(cov.diagonal(), byCov.variance(), 1e-12, 1e-14, "variance = diag(covariance)");
        assertClose(loc, byPrec.mean(), 0, 0, "mean");
    }

    /** Entropy equals {@code 1/2 log((2 pi e)^k det Sigma)} with Commons Math's determinant, within 1e-10 relative. */
    @Property(tries = 40)
    void entropyFormula(@ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor cov = spd(r, k, 0.3, 2);
        Tensor loc = uniform(r, -1, 1, 2, k);
        double[] h = MultivariateNormal.ofCovariance(loc, cov).entropy().toDoubleArray();
        double[] cv = cov.toDoubleArray();
        for (int b = 0; b < 2; b++) {
            double det = new LUDecomposition(new Array2DRowRealMatrix(matrix(cv, b * k * k, k))).getDeterminant();
            double expected = 0.5 * (k * LOG_2PI_E + Math.log(det));
            assertEquals(expected, h[b], relTol(expected));
        }
    }

    /** Entropy is -E[log p(x)]: a Monte Carlo mean over 100 000 draws within 5 estimated standard errors. */
    @Test
    void entropyMatchesMonteCarlo() {
        Random r = new Random(3);
        MultivariateNormal d = MultivariateNormal.ofCovariance(uniform(r, -1, 1, 4), spd(r, 4, 0.3));
        LowRankMultivariateNormal lr = LowRankMultivariateNormal.of(uniform(r, -1, 1, 4), uniform(r, -1, 1, 4, 2),
                uniform(r, 0.2, 1.5, 4));
        int n = 100_000;
        for (Distribution dist : new Distribution[] {d, lr}) {
            Tensor nlp = dist.logProb(dist.sample(Rng.of(11), n)).neg();
            double mc = nlp.mean().item();
            double se = Math.sqrt(nlp.sub(mc).square().mean().item() / n);
            assertEquals(dist.entropy().item(), mc, 5 * se, dist.name());
        }
    }

    /**
     * LowRankMultivariateNormal equals the MultivariateNormal of its full covariance {@code W W^T + diag(D)}: logProb
     * within 1e-10 relative (and against Commons Math), moments, entropy and matrices, with broadcasting batch shapes.
     */
    @Property(tries = 80)
    void lowRankMatchesFullCovariance(@ForAll @IntRange(min = 1, max = 5) int k,
                                      @ForAll @IntRange(min = 1, max = 3) int rank,
                                      @ForAll @IntRange(min = 0, max = 2) int batchRank, @ForAll long seed) {
        Random r = new Random(seed);
        int[] full = randomShape(r, batchRank, 3);
        int[] locBatch = broadcastableTo(r, full);
        int[] wBatch = broadcastableTo(r, full);
        int[] dBatch = broadcastableTo(r, full);
        Tensor loc = uniform(r, -2, 2, append(locBatch, k));
        Tensor w = uniform(r, -1, 1, append(wBatch, k, rank));
        Tensor diag = uniform(r, 0.2, 2, append(dBatch, k));
        LowRankMultivariateNormal lr = LowRankMultivariateNormal.of(loc, w, diag);
        int[] batch = Shapes.broadcast("test", locBatch, wBatch, dBatch);
        assertArrayEquals(batch, lr.batchShape());
        Tensor cov = w.matmul(w.mT()).add(diag.diagEmbed());
        MultivariateNormal mvn = MultivariateNormal.ofCovariance(loc, cov);
        assertArrayEquals(batch, mvn.batchShape());
        Tensor x = uniform(r, -4, 4, DistTestSupport.concat(new int[] {2}, batch, new int[] {k}));
        double[] e = mvn.logProb(x).toDoubleArray();
        double[] g = lr.logProb(x).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], g[i], relTol(e[i]), "logProb " + i);
        }
        // and directly against Commons Math for the first batch element and sample (offset 0 in every tensor)
        double expected = commonsLogDensity(block(loc.toDoubleArray(), 0, k), matrix(cov.toDoubleArray(), 0, k),
                block(x.toDoubleArray(), 0, k));
        assertEquals(expected, g[0], relTol(expected), "against Commons Math");
        assertClose(mvn.covarianceMatrix(), lr.covarianceMatrix(), 1e-12, 1e-14, "covariance");
        assertClose(mvn.precisionMatrix(), lr.precisionMatrix(), 1e-9, 1e-10, "precision (Woodbury)");
        assertClose(mvn.scaleTril(), lr.scaleTril(), 1e-9, 1e-12, "scaleTril");
        assertClose(mvn.variance(), lr.variance(), 1e-12, 1e-14, "variance");
        assertClose(mvn.mean(), lr.mean(), 0, 0, "mean");
        assertClose(mvn.entropy(), lr.entropy(), 1e-10, 1e-12, "entropy");
    }

    // ---- sampling ---------------------------------------------------------------------------------------------

    /**
     * Sample moments over n = 100 000 draws. With the true mean m, the coordinate mean has standard error
     * {@code sqrt(S_ii / n)} and the known-mean covariance estimate {@code mean((x_i - m_i)(x_j - m_j))} has
     * {@code sqrt((S_ii S_jj + S_ij^2) / n)} (the variance of a product of jointly normal centered variables): each
     * entry must lie within 5 of these exact standard errors.
     */
    @Test
    void sampleMomentsMatchParameters() {
        Random r = new Random(17);
        int k = 3;
        Tensor loc = uniform(r, -2, 2, 2, k);
        Tensor cov = spd(r, k, 0.3, 2);
        checkMoments(MultivariateNormal.ofCovariance(loc, cov), loc, cov, 100_000, 21);
        Tensor w = uniform(r, -1, 1, 2, k, 2);
        Tensor diag = uniform(r, 0.1, 1, 2, k);
        checkMoments(LowRankMultivariateNormal.of(loc, w, diag), loc, w.matmul(w.mT()).add(diag.diagEmbed()),
                100_000, 22);
    }

    private static void checkMoments(Distribution d, Tensor loc, Tensor cov, int n, long seed) {
        int k = loc.size(-1);
        int batch = loc.size(0);
        Tensor x = d.sample(Rng.of(seed), n);
        assertArrayEquals(new int[] {n, batch, k}, x.shape());
        double[] xv = x.toDoubleArray();
        double[] mv = loc.toDoubleArray();
        double[] cv = cov.toDoubleArray();
        for (int b = 0; b < batch; b++) {
            double[] mean = new double[k];
            double[][] c = new double[k][k];
            for (int s = 0; s < n; s++) {
                int off = (s * batch + b) * k;
                for (int i = 0; i < k; i++) {
                    double di = xv[off + i] - mv[b * k + i];
                    mean[i] += xv[off + i] / n;
                    for (int j = 0; j < k; j++) {
                        c[i][j] += di * (xv[off + j] - mv[b * k + j]) / n;
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                double sii = cv[b * k * k + i * k + i];
                assertEquals(mv[b * k + i], mean[i], 5 * Math.sqrt(sii / n), d.name() + " mean " + b + "," + i);
                for (int j = 0; j < k; j++) {
                    double sij = cv[b * k * k + i * k + j];
                    double sjj = cv[b * k * k + j * k + j];
                    double se = Math.sqrt((sii * sjj + sij * sij) / n);
                    assertEquals(sij, c[i][j], 5 * se, d.name() + " covariance " + b + "," + i + "," + j);
                }
            }
        }
    }

    // ---- reparameterized gradients ------------------------------------------------------------------------------

    private static final int GROUPS = 200;
    private static final int PER_GROUP = 500;

    /**
     * Checks one parameter's Monte Carlo gradient: {@code grads} has shape {@code [GROUPS, ...]}, each row the
     * gradient of a group's sample mean of f (PER_GROUP draws); their mean must be within 5 standard errors (the
     * rows' standard deviation over sqrt(GROUPS)) of {@code analytic}, or within 1e-12 where the estimator has no
     * variance (f linear in the parameter).
     */
    private static void assertGradient(String what, Tensor grads, double[] analytic) {
        double[] g = grads.toDoubleArray();
        int m = analytic.length;
        assertEquals(GROUPS * m, g.length, what + " gradient size");
        for (int e = 0; e < m; e++) {
            double mean = 0;
            for (int b = 0; b < GROUPS; b++) {
                mean += g[b * m + e] / GROUPS;
            }
            double var = 0;
            for (int b = 0; b < GROUPS; b++) {
                var += (g[b * m + e] - mean) * (g[b * m + e] - mean) / (GROUPS - 1);
            }
            double se = Math.sqrt(var / GROUPS);
            double tol = Math.max(5 * se, 1e-12);
            assertEquals(analytic[e], mean, tol, what + " entry " + e + " (standard error " + se + ")");
        }
    }

    /** Repeats a parameter GROUPS times along a new leading dimension, as a float64 leaf. */
    private static Tensor perGroup(Tensor p) {
        return p.unsqueeze(0).expand(append(new int[] {GROUPS}, p.shape())).mul(1.0).detach().requiresGrad(true);
    }

    /**
     * MVN rsample gradients, {@code x = m + A eps}, differentiated with respect to m and to every entry of A:
     * f = sum(x) has {@code dE/dm = 1}, {@code dE/dA = 0}; f = |x|^2 has {@code E = |m|^2 + tr(A A^T)},
     * {@code dE/dm = 2m}, {@code dE/dA = 2A}; f = exp(c^T x) has {@code E = exp(c^T m + |A^T c|^2 / 2)},
     * {@code dE/dm = E c}, {@code dE/dA = E c (A^T c)^T}.
     */
    @Test
    void rsampleGradientsMatchAnalyticDerivatives() {
        Random r = new Random(5);
        int k = 3;
        Tensor m0 = uniform(r, -1, 1, k);
        Tensor a0 = spd(r, k, 0.3).cholesky();
        double[] c = {0.3, -0.2, 0.25};
        Tensor ct = Tensor.of(c, DType.FLOAT64, k);
        double[] m = m0.toDoubleArray();
        double[] a = a0.toDoubleArray();
        Rng rng = Rng.of(77);
        for (int f = 0; f < 3; f++) {
            Tensor loc = perGroup(m0);
            Tensor tril = perGroup(a0);
            Tensor x = MultivariateNormal.ofScaleTril(loc, tril).rsample(rng, PER_GROUP); // [M, G, k]
            Tensor fx = f == 0 ? x.sum(-1) : f == 1 ? x.square().sum(-1) : x.matmul(ct).exp();
            Tensor[] g = Grad.of(fx.mean(0).sum(), loc, tril);
            double[] dm = new double[k];
            double[] da = new double[k * k];
            if (f == 0) {
                java.util.Arrays.fill(dm, 1.0);
            } else if (f == 1) {
                for (int i = 0; i < k; i++) {
                    dm[i] = 2 * m[i];
                }
                for (int i = 0; i < k * k; i++) {
                    da[i] = 2 * a[i];
                }
            } else {
                double[] atc = new double[k];
                double q = 0;
                double cm = 0;
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < k; i++) {
                        atc[j] += a[i * k + j] * c[i];
                    }
                    q += atc[j] * atc[j];
                    cm += c[j] * m[j];
                }
                double e = Math.exp(cm + 0.5 * q);
                for (int i = 0; i < k; i++) {
                    dm[i] = e * c[i];
                    for (int j = 0; j < k; j++) {
                        da[i * k + j] = e * c[i] * atc[j];
                    }
                }
            }
            assertGradient("f" + f + " d/dloc", g[0], dm);
            assertGradient("f" + f + " d/dscaleTril", g[1], da);
        }
    }

    /**
     * Low-rank rsample gradients, {@code x = m + W eps_r + sqrt(D) eps_k}: f = |x|^2 has
     * {@code E = |m|^2 + sum W^2 + sum D}; f = exp(c^T x) has {@code E = exp(c^T m + (|W^T c|^2 + sum c_i^2 D_i)/2)},
     * so {@code dE/dW = E c (W^T c)^T}, {@code dE/dD_i = E c_i^2 / 2}, {@code dE/dm = E c}.
     */
    @Test
    void lowRankRsampleGradientsMatchAnalyticDerivatives() {
        Random r = new Random(6);
        int k = 3;
        int rank = 2;
        Tensor m0 = uniform(r, -1, 1, k);
        Tensor w0 = uniform(r, -1, 1, k, rank);
        Tensor d0 = uniform(r, 0.2, 1, k);
        double[] c = {0.3, -0.2, 0.25};
        Tensor ct = Tensor.of(c, DType.FLOAT64, k);
        double[] m = m0.toDoubleArray();
        double[] w = w0.toDoubleArray();
        double[] dd = d0.toDoubleArray();
        Rng rng = Rng.of(78);
        for (int f = 1; f < 3; f++) {
            Tensor loc = perGroup(m0);
            Tensor wf = perGroup(w0);
            Tensor df = perGroup(d0);
            Tensor x = LowRankMultivariateNormal.of(loc, wf, df).rsample(rng, PER_GROUP);
            Tensor fx = f == 1 ? x.square().sum(-1) : x.matmul(ct).exp();
            Tensor[] g = Grad.of(fx.mean(0).sum(), loc, wf, df);
            double[] dm = new double[k];
            double[] dw = new double[k * rank];
            double[] dD = new double[k];
            if (f == 1) {
                for (int i = 0; i < k; i++) {
                    dm[i] = 2 * m[i];
                    dD[i] = 1.0;
                }
                for (int i = 0; i < k * rank; i++) {
                    dw[i] = 2 * w[i];
                }
            } else {
                double[] wtc = new double[rank];
                double q = 0;
                for (int j = 0; j < rank; j++) {
                    for (int i = 0; i < k; i++) {
                        wtc[j] += w[i * rank + j] * c[i];
                    }
                    q += wtc[j] * wtc[j];
                }
                double cm = 0;
                for (int i = 0; i < k; i++) {
                    cm += c[i] * m[i];
                    q += c[i] * c[i] * dd[i];
                }
                double e = Math.exp(cm + 0.5 * q);
                for (int i = 0; i < k; i++) {
                    dm[i] = e * c[i];
                    dD[i] = 0.5 * e * c[i] * c[i];
                    for (int j = 0; j < rank; j++) {
                        dw[i * rank + j] = e * c[i] * wtc[j];
                    }
                }
            }
            assertGradient("f" + f + " d/dloc", g[0], dm);
            assertGradient("f" + f + " d/dcovFactor", g[1], dw);
            assertGradient("f" + f + " d/dcovDiag", g[2], dD);
        }
    }

    // ---- KL ---------------------------------------------------------------------------------------------------

    /** The closed form with Commons Math inverses and determinants: 1/2 (tr(Q^-1 P) + d^T Q^-1 d - k + ln|Q|/|P|). */
    private static double klReference(double[] mp, double[][] p, double[] mq, double[][] q) {
        int k = mp.length;
        RealMatrix qm = new Array2DRowRealMatrix(q);
        RealMatrix pm = new Array2DRowRealMatrix(p);
        RealMatrix qInv = new LUDecomposition(qm).getSolver().getInverse();
        double trace = qInv.multiply(pm).getTrace();
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = mq[i] - mp[i];
        }
        double maha = 0;
        double[] qd = qInv.operate(d);
        for (int i = 0; i < k; i++) {
            maha += d[i] * qd[i];
        }
        double logDets = Math.log(new LUDecomposition(qm).getDeterminant())
                - Math.log(new LUDecomposition(pm).getDeterminant());
        return 0.5 * (trace + maha - k + logDets);
    }

    /** KL(MVN || MVN) equals the Commons Math closed form within 1e-9 relative, with broadcasting batch shapes. */
    @Property(tries = 40)
    void klMatchesClosedForm(@ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor mp = uniform(r, -2, 2, 2, 1, k);
        Tensor sp = spd(r, k, 0.3, 2, 1);
        Tensor mq = uniform(r, -2, 2, 3, k);
        Tensor sq = spd(r, k, 0.3, 3);
        MultivariateNormal p = MultivariateNormal.ofCovariance(mp, sp);
        MultivariateNormal q = MultivariateNormal.ofCovariance(mq, sq);
        Tensor kl = KL.divergence(p, q);
        assertArrayEquals(new int[] {2, 3}, kl.shape());
        double[] got = kl.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double e = klReference(block(mp.toDoubleArray(), i * k, k), matrix(sp.toDoubleArray(), i * k * k, k),
                        block(mq.toDoubleArray(), j * k, k), matrix(sq.toDoubleArray(), j * k * k, k));
                assertEquals(e, got[i * 3 + j], 1e-9 * Math.abs(e) + 1e-12, "KL " + i + "," + j);
            }
        }
        assertClose(new double[6], KL.divergence(p.expand(2, 3), p.expand(2, 3)).toDoubleArray(), 0, 1e-12,
                "KL(p || p)");
    }

    /**
     * KL divergences against Monte Carlo estimates {@code mean(log p(x) - log q(x))}, x ~ p, over 200 000 draws,
     * within 5 estimated standard errors: MVN-MVN (batched), and the low-rank pairs, which must also equal the
     * MVN-MVN value of their full covariances within 1e-9 relative.
     */
    @Test
    void klMatchesMonteCarlo() {
        Random r = new Random(9);
        int k = 3;
        MultivariateNormal p = MultivariateNormal.ofCovariance(uniform(r, -1, 1, 2, k), spd(r, k, 0.5, 2));
        MultivariateNormal q = MultivariateNormal.ofCovariance(uniform(r, -1, 1, 2, k), spd(r, k, 0.5, 2));
        LowRankMultivariateNormal lp = LowRankMultivariateNormal.of(uniform(r, -1, 1, 2, k),
                uniform(r, -1, 1, 2, k, 2), uniform(r, 0.3, 1.5, 2, k));
        LowRankMultivariateNormal lq = LowRankMultivariateNormal.of(uniform(r, -1, 1, 2, k),
                uniform(r, -1, 1, 2, k, 1), uniform(r, 0.3, 1.5, 2, k));
        Distribution[][] pairs = {{p, q}, {lp, lq}, {lp, q}, {p, lq}};
        int n = 200_000;
        for (Distribution[] pair : pairs) {
            Tensor x = pair[0].sample(Rng.of(31), n);
            Tensor diff = pair[0].logProb(x).sub(pair[1].logProb(x));
            double[] mc = diff.mean(0).toDoubleArray();
            double[] sd = diff.sub(diff.mean(0)).square().mean(0).sqrt().toDoubleArray();
            Tensor kl = KL.divergence(pair[0], pair[1]);
            assertArrayEquals(new int[] {2}, kl.shape());
            double[] exact = kl.toDoubleArray();
            for (int b = 0; b < 2; b++) {
                assertEquals(exact[b], mc[b], 5 * sd[b] / Math.sqrt(n), pair[0].name() + " || " + pair[1].name());
            }
            Tensor dense = KlRules.mvnMvn(dense(pair[0]), dense(pair[1]));
            assertClose(dense, kl, 1e-9, 1e-12, "low-rank KL equals the dense one");
        }
    }

    private static MultivariateNormal dense(Distribution d) {
        if (d instanceof MultivariateNormal) {
            return (MultivariateNormal) d;
        }
        LowRankMultivariateNormal lr = (LowRankMultivariateNormal) d;
        return MultivariateNormal.ofCovariance(lr.loc(), lr.covarianceMatrix());
    }

    // ---- shapes and validation ---------------------------------------------------------------------------------

    @Test
    void shapesFollowPyTorch() {
        Random r = new Random(1);
        MultivariateNormal d = MultivariateNormal.ofCovariance(uniform(r, -1, 1, 2, 1, 3), spd(r, 3, 0.5, 4));
        assertArrayEquals(new int[] {2, 4}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        assertArrayEquals(new int[] {5, 2, 4, 3}, d.sample(Rng.of(1), 5).shape());
        assertArrayEquals(new int[] {5, 6, 2, 4, 3}, d.rsample(Rng.of(1), 5, 6).shape());
        assertArrayEquals(new int[] {2, 4}, d.logProb(Tensor.zeros(DType.FLOAT64, 3)).shape());
        assertArrayEquals(new int[] {5, 2, 4}, d.logProb(Tensor.zeros(DType.FLOAT64, 5, 1, 1, 3)).shape());
        assertArrayEquals(new int[] {2, 4, 3}, d.mean().shape());
        assertArrayEquals(new int[] {2, 4, 3}, d.variance().shape());
        assertArrayEquals(new int[] {2, 4, 3, 3}, d.covarianceMatrix().shape());
        assertArrayEquals(new int[] {2, 4, 3, 3}, d.precisionMatrix().shape());
        assertArrayEquals(new int[] {2, 4, 3, 3}, d.scaleTril().shape());
        assertArrayEquals(new int[] {2, 4}, d.entropy().shape());
        assertEquals(Constraint.realVector(), d.support());

        Distribution e = d.expand(6, 2, 4);
        assertInstanceOf(MultivariateNormal.class, e, "expand keeps the family");
        assertArrayEquals(new int[] {6, 2, 4}, e.batchShape());
        Tensor x = d.sample(Rng.of(2));
        Tensor lpe = e.logProb(x);
        assertArrayEquals(new int[] {6, 2, 4}, lpe.shape());
        assertClose(d.logProb(x).expand(6, 2, 4), lpe, 0, 0, "expanded logProb");
        Tensor draws = e.sample(Rng.of(3));
        assertEquals(6 * 2 * 4 * 3, java.util.Arrays.stream(draws.toDoubleArray()).distinct().count(),
                "independent draws in expanded positions");
        assertThrows(IllegalArgumentException.class, () -> d.expand(3, 4));

        Distribution ind = d.toEvent(1);
        assertArrayEquals(new int[] {2}, ind.batchShape());
        assertArrayEquals(new int[] {4, 3}, ind.eventShape());
        assertClose(d.logProb(x).sum(-1), ind.logProb(x), 1e-14, 0, "toEvent sums");

        LowRankMultivariateNormal lr = LowRankMultivariateNormal.of(uniform(r, -1, 1, 3),
                uniform(r, -1, 1, 4, 1, 3, 2), uniform(r, 0.5, 1, 5, 3));
        assertArrayEquals(new int[] {4, 5}, lr.batchShape());
        assertArrayEquals(new int[] {7, 4, 5, 3}, lr.sample(Rng.of(4), 7).shape());
        assertArrayEquals(new int[] {4, 5}, lr.entropy().shape());
        assertArrayEquals(new int[] {4, 5, 3}, lr.variance().shape());
        Distribution lre = lr.expand(2, 4, 5);
        assertInstanceOf(LowRankMultivariateNormal.class, lre);
        Tensor y = lr.sample(Rng.of(5));
        assertClose(lr.logProb(y).expand(2, 4, 5), lre.logProb(y), 0, 0, "expanded low-rank logProb");
        assertClose(lr.entropy().expand(2, 4, 5), lre.entropy(), 0, 0, "expanded low-rank entropy");
    }

    @Test
    void rsampleIsDifferentiableAndSampleIsNot() {
        Tensor loc = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        MultivariateNormal d = MultivariateNormal.ofScaleTril(loc, Tensor.eye(2).asType(DType.FLOAT64));
        assertTrue(d.hasRsample());
        assertTrue(d.rsample(Rng.of(1)).requiresGrad());
        assertTrue(!d.sample(Rng.of(1)).requiresGrad());
    }

    @Test
    @SuppressWarnings("try")
    void validationNamesDistributionParameterAndShapes() {
        Tensor loc = Tensor.zeros(DType.FLOAT64, 2);
        Tensor notPd = Tensor.of(new double[] {1, 2, 2, 1}, DType.FLOAT64, 2, 2);
        IllegalArgumentException cov = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(loc, notPd));
        assertTrue(cov.getMessage().contains("MultivariateNormal") && cov.getMessage().contains("'covarianceMatrix'")
                && cov.getMessage().contains("positiveDefinite"), cov.getMessage());
        IllegalArgumentException prec = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofPrecision(loc, notPd));
        assertTrue(prec.getMessage().contains("'precisionMatrix'"), prec.getMessage());
        Tensor upper = Tensor.of(new double[] {1, 0.5, 0, 1}, DType.FLOAT64, 2, 2);
        IllegalArgumentException tril = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofScaleTril(loc, upper));
        assertTrue(tril.getMessage().contains("'scaleTril'") && tril.getMessage().contains("lowerCholesky"),
                tril.getMessage());
        Tensor negDiag = Tensor.of(new double[] {1, 0, 0.5, -1}, DType.FLOAT64, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.ofScaleTril(loc, negDiag));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(loc, Tensor.eye(3).asType(DType.FLOAT64)));
        assertTrue(size.getMessage().contains("[2]") && size.getMessage().contains("[3, 3]"), size.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(Tensor.scalar(0.0, DType.FLOAT64),
                        Tensor.eye(1).asType(DType.FLOAT64)));
        assertTrue(scalar.getMessage().contains("one-dimensional"), scalar.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(Tensor.zeros(DType.FLOAT64, 3, 2),
                        Tensor.eye(2).asType(DType.FLOAT64).expand(4, 2, 2)));
        assertTrue(batch.getMessage().contains("[3, 2]") && batch.getMessage().contains("[4, 2, 2]"),
                batch.getMessage());
        MultivariateNormal d = MultivariateNormal.ofCovariance(Tensor.zeros(DType.FLOAT64, 3, 2),
                Tensor.eye(2).asType(DType.FLOAT64));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> d.logProb(Tensor.zeros(DType.FLOAT64, 3, 3)));
        assertTrue(value.getMessage().contains("MultivariateNormal") && value.getMessage().contains("[3, 3]")
                && value.getMessage().contains("event shape [2]"), value.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> d.logProb(Tensor.of(new double[] {0, Double.NaN}, DType.FLOAT64, 2)));
        assertTrue(nan.getMessage().contains("realVector"), nan.getMessage());
        IllegalArgumentException diag = assertThrows(IllegalArgumentException.class,
                () -> LowRankMultivariateNormal.of(loc, Tensor.ones(DType.FLOAT64, 2, 1),
                        Tensor.of(new double[] {1, 0}, DType.FLOAT64, 2)));
        assertTrue(diag.getMessage().contains("LowRankMultivariateNormal") && diag.getMessage().contains("'covDiag'"),
                diag.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LowRankMultivariateNormal.of(loc,
                Tensor.ones(DType.FLOAT64, 3, 1), Tensor.ones(DType.FLOAT64, 2)));
        // validation off: a non-positive-definite covariance still fails in the Cholesky factorization
        try (var off = Validation.disable()) {
            assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.ofCovariance(loc, notPd));
        }
    }
}
