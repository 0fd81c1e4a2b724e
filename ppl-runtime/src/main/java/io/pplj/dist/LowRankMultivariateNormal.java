package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * The multivariate normal {@code N(loc, W W^T + diag(D))} on {@code R^k} with a low-rank-plus-diagonal covariance:
 * {@code covFactor W} of shape {@code [..., k, r]} and {@code covDiag D > 0} of shape {@code [..., k]}. Densities
 * cost {@code O(k r^2)} instead of {@code O(k^3)} through the capacitance matrix {@code C = I_r + W^T D^-1 W} and its
 * Cholesky factor {@code L_C}:
 *
 * <pre>
 *   log det Sigma     = log det C + sum_i log D_i = 2 sum_j log (L_C)_jj + sum_i log D_i    (matrix determinant lemma)
 *   d^T Sigma^-1 d    = d^T D^-1 d - |L_C^-1 W^T D^-1 d|^2                                   (Woodbury identity)
 *   log p(x)          = -1/2 (k log(2 pi) + log det Sigma + d^T Sigma^-1 d),  d = x - loc
 *   x                 = loc + W eps_r + sqrt(D) eps_k,  eps_r ~ N(0, I_r), eps_k ~ N(0, I_k)  (reparameterized)
 *   H                 = 1/2 (k (1 + log(2 pi)) + log det Sigma)                            (entropy)
 * </pre>
 *
 * <p>The event shape is {@code [k]}; the batch shape is the broadcast of the parameters' batch dimensions
 * ({@code loc[:-1]}, {@code covFactor[:-2]}, {@code covDiag[:-1]}).
 */
public final class LowRankMultivariateNormal extends Distribution {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** {@code batchShape + [k]}. */
    private final Tensor loc;
    /** {@code batchShape + [k, r]}. */
    private final Tensor covFactor;
    /** {@code batchShape + [k]}. */
    private final Tensor covDiag;
    /** Cholesky factor of the capacitance {@code I + W^T D^-1 W}, {@code batchShape + [r, r]}. */
    private final Tensor capacitanceTril;

    private LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag, Tensor capacitanceTril,
                                      int[] batchShape, int k) {
        super(batchShape, new int[] {k});
        this.loc = loc;
        this.covFactor = covFactor;
        this.covDiag = covDiag;
        this.capacitanceTril = capacitanceTril;
    }

    /**
     * {@code N(loc, covFactor covFactor^T + diag(covDiag))}.
     *
     * @throws IllegalArgumentException if the shapes do not fit ({@code loc [..., k]}, {@code covFactor [..., k, r]},
     *     {@code covDiag [..., k]}) or do not broadcast, or (validation on) an entry of covDiag is not positive
     */
    public static LowRankMultivariateNormal of(Tensor loc, Tensor covFactor, Tensor covDiag) {
        Tensor[] p = Parameters.promote(loc, covFactor, covDiag);
        if (p[0].dim() < 1 || p[1].dim() < 2 || p[2].dim() < 1) {
            throw new IllegalArgumentException("LowRankMultivariateNormal: loc and covDiag must be at least"
                    + " one-dimensional and covFactor two-dimensional, got shapes " + Shapes.format(p[0].shape())
                    + ", " + Shapes.format(p[1].shape()) + ", " + Shapes.format(p[2].shape()));
        }
        int k = p[0].size(-1);
        int r = p[1].size(-1);
        if (p[1].size(-2) != k || p[2].size(-1) != k) {
            throw new IllegalArgumentException("LowRankMultivariateNormal: covFactor must be [..., " + k + ", r] and"
                    + " covDiag [..., " + k + "] to match loc of shape " + Shapes.format(p[0].shape()) + ", got "
                    + Shapes.format(p[1].shape()) + " and " + Shapes.format(p[2].shape()));
        }
        int[] batch;
        try {
            batch = Shapes.broadcast("LowRankMultivariateNormal", Arrays.copyOf(p[0].shape(), p[0].dim() - 1),
                    Arrays.copyOf(p[1].shape(), p[1].dim() - 2), Arrays.copyOf(p[2].shape(), p[2].dim() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LowRankMultivariateNormal: batch shapes of loc "
                    + Shapes.format(p[0].shape()) + ", covFactor " + Shapes.format(p[1].shape()) + " and covDiag "
                    + Shapes.format(p[2].shape()) + " do not broadcast", e);
        }
        LowRankMultivariateNormal probe = new LowRankMultivariateNormal(null, null, null, null, batch, k);
        probe.checkParameter("covDiag", p[2], Constraint.independent(Constraint.positive(), 1));
        return create(p[0], p[1], p[2], batch, k, r);
    }

    private static LowRankMultivariateNormal create(Tensor loc, Tensor w, Tensor d, int[] batch, int k, int r) {
        Tensor locB = loc.expand(append(batch, k));
        Tensor wB = w.expand(append(batch, k, r));
        Tensor dB = d.expand(append(batch, k));
        Tensor wtDinv = wB.mT().div(dB.unsqueeze(-2));
        Tensor capacitance = wtDinv.matmul(wB).add(MultivariateNormal.identity(r, wB.dtype()));
        return new LowRankMultivariateNormal(locB, wB, dB, capacitance.cholesky(), batch, k);
    }

    private static int[] append(int[] shape, int... tail) {
        int[] out = Arrays.copyOf(shape, shape.length + tail.length);
        System.arraycopy(tail, 0, out, shape.length, tail.length);
        return out;
    }

    /** The mean, shape {@code batchShape + [k]}. */
    public Tensor loc() {
        return loc;
    }

    /** The factor {@code W}, shape {@code batchShape + [k, r]}. */
    public Tensor covFactor() {
        return covFactor;
    }

    /** The diagonal part {@code D}, shape {@code batchShape + [k]}. */
    public Tensor covDiag() {
        return covDiag;
    }

    /** The covariance {@code W W^T + diag(D)}, shape {@code batchShape + [k, k]}. */
    public Tensor covarianceMatrix() {
        return covFactor.matmul(covFactor.mT()).add(covDiag.diagEmbed());
    }

    /**
     * The precision by the Woodbury identity, {@code D^-1 - A^T A} with {@code A = L_C^-1 W^T D^-1}; shape
     * {@code batchShape + [k, k]}.
     */
    public Tensor precisionMatrix() {
        Tensor a = capacitanceTril.solveTriangular(covFactor.mT().div(covDiag.unsqueeze(-2)), false);
        return covDiag.reciprocal().diagEmbed().sub(a.mT().matmul(a));
    }

    /** The lower Cholesky factor of the covariance, shape {@code batchShape + [k, k]} ({@code O(k^3)}). */
    public Tensor scaleTril() {
        return covarianceMatrix().cholesky();
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code loc + W eps_r + sqrt(D) eps_k}. */
    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        int[] factorShape = shape.clone();
        factorShape[shape.length - 1] = covFactor.size(-1);
        Tensor epsW = rng.normal(loc.dtype(), factorShape);
        Tensor epsD = rng.normal(loc.dtype(), shape);
        return covFactor.matmul(epsW.unsqueeze(-1)).squeeze(-1).add(covDiag.sqrt().mul(epsD)).add(loc);
    }

    /** {@code -1/2 (k log(2 pi) + log det Sigma + d^T Sigma^-1 d)}, with the Woodbury and determinant lemmas. */
    @Override
    protected Tensor logProbOf(Tensor value) {
        int k = eventShape()[0];
        Tensor diff = value.sub(loc);
        Tensor scaled = diff.div(covDiag);
        Tensor wtx = covFactor.mT().matmul(scaled.unsqueeze(-1));
        Tensor correction = capacitanceTril.solveTriangular(wtx, false).squeeze(-1).square().sum(-1);
        Tensor mahalanobis = diff.mul(scaled).sum(-1).sub(correction);
        return mahalanobis.add(logDet()).add(k * LOG_2PI).mul(-0.5);
    }

    /** {@code log det Sigma = 2 sum log (L_C)_jj + sum log D_i}, shape {@code batchShape}. */
    Tensor logDet() {
        return MultivariateNormal.halfLogDet(capacitanceTril).mul(2.0).add(covDiag.log().sum(-1));
    }

    @Override
    public Constraint support() {
        return Constraint.realVector();
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    /** {@code sum_j W_ij^2 + D_i}, shape {@code batchShape + [k]}. */
    @Override
    public Tensor variance() {
        return covFactor.square().sum(-1).add(covDiag);
    }

    /** {@code 1/2 (k (1 + log(2 pi)) + log det Sigma)}, shape {@code batchShape}. */
    @Override
    public Tensor entropy() {
        int k = eventShape()[0];
        return logDet().add(k * (1.0 + LOG_2PI)).mul(0.5);
    }

    /** The same family with parameters broadcast to {@code newBatchShape} (no new validation). */
    @Override
    public LowRankMultivariateNormal expand(int... newBatchShape) {
        int[] batch = batchShape();
        if (!Shapes.broadcastsTo(batch, newBatchShape)) {
            throw new IllegalArgumentException("expand: batch shape " + Shapes.format(batch) + " of " + name()
                    + " does not broadcast to " + Shapes.format(newBatchShape));
        }
        int k = eventShape()[0];
        int r = covFactor.size(-1);
        return new LowRankMultivariateNormal(loc.expand(append(newBatchShape, k)),
                covFactor.expand(append(newBatchShape, k, r)), covDiag.expand(append(newBatchShape, k)),
                capacitanceTril.expand(append(newBatchShape, r, r)), newBatchShape.clone(), k);
    }
}
