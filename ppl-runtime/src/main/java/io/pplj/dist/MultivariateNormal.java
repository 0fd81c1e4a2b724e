package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * The multivariate normal distribution {@code N(loc, Sigma)} on {@code R^k}, parameterized by its covariance, its
 * lower Cholesky factor {@code L} ({@code Sigma = L L^T}) or its precision {@code Sigma^-1}; all three keep
 * {@code L}, which every computation uses:
 *
 * <pre>
 *   log p(x) = -1/2 |L^-1 (x - loc)|^2 - sum_i log L_ii - k/2 log(2 pi)
 *   x = loc + L eps,  eps ~ N(0, I_k)                         (reparameterized)
 *   H = k/2 (1 + log(2 pi)) + sum_i log L_ii                   (entropy)
 * </pre>
 *
 * <p>Shapes follow PyTorch: the event shape is {@code [k]}; the batch shape is the broadcast of {@code loc}'s leading
 * dimensions and the matrix's dimensions before its last two.
 */
public final class MultivariateNormal extends Distribution {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Shape {@code batchShape + [k]}. */
    private final Tensor loc;
    /** Shape {@code matrixBatch + [k, k]}: not broadcast to the batch shape, so batched solves stay small. */
    private final Tensor scaleTril;

    private MultivariateNormal(Tensor loc, Tensor scaleTril, int[] batchShape, int[] eventShape) {
        super(batchShape, eventShape);
        this.loc = loc;
        this.scaleTril = scaleTril;
    }

    /**
     * {@code N(loc, covariance)}: the covariance {@code [..., k, k]} must be symmetric positive definite; its Cholesky
     * factor is computed once.
     *
     * @throws IllegalArgumentException if the shapes do not fit ({@code loc [..., k]}) or do not broadcast, or
     *     (validation on) the covariance is not positive definite
     */
    public static MultivariateNormal ofCovariance(Tensor loc, Tensor covariance) {
        Tensor[] p = Parameters.promote(loc, covariance);
        int[][] shapes = shapes("covarianceMatrix", p[0], p[1]);
        checkMatrix("covarianceMatrix", p[1], Constraint.positiveDefinite());
        return create(p[0], p[1].cholesky(), shapes);
    }

    /**
     * {@code N(loc, L L^T)} for a lower-triangular {@code scaleTril} {@code [..., k, k]} with a positive diagonal.
     *
     * @throws IllegalArgumentException if the shapes do not fit or do not broadcast, or (validation on) scaleTril is
     *     not a lower Cholesky factor
     */
    public static MultivariateNormal ofScaleTril(Tensor loc, Tensor scaleTril) {
        Tensor[] p = Parameters.promote(loc, scaleTril);
        int[][] shapes = shapes("scaleTril", p[0], p[1]);
        checkMatrix("scaleTril", p[1], Constraint.lowerCholesky());
        return create(p[0], p[1], shapes);
    }

    /**
     * {@code N(loc, precision^-1)} for a symmetric positive-definite {@code precision} {@code [..., k, k]}. With
     * {@code J} the order-reversing permutation, {@code J P J = L_f L_f^T} gives {@code P = U U^T} for the upper
     * triangular {@code U = J L_f J}, so {@code Sigma = U^-T U^-1} and {@code L = U^-T}, a lower-triangular solve.
     *
     * @throws IllegalArgumentException if the shapes do not fit or do not broadcast, or (validation on) the precision
     *     is not positive definite
     */
    public static MultivariateNormal ofPrecision(Tensor loc, Tensor precision) {
        Tensor[] p = Parameters.promote(loc, precision);
        int[][] shapes = shapes("precisionMatrix", p[0], p[1]);
        checkMatrix("precisionMatrix", p[1], Constraint.positiveDefinite());
        return create(p[0], precisionToScaleTril(p[1]), shapes);
    }

    /** {@code shapes[0]} = batch shape, {@code shapes[1]} = event shape {@code [k]}. */
    private static int[][] shapes(String matrixName, Tensor loc, Tensor matrix) {
        if (loc.dim() < 1) {
            throw new IllegalArgumentException("MultivariateNormal: loc must be at least one-dimensional, got shape "
                    + Shapes.format(loc.shape()));
        }
        int k = loc.size(-1);
        if (matrix.dim() < 2 || matrix.size(-1) != k || matrix.size(-2) != k) {
            throw new IllegalArgumentException("MultivariateNormal: " + matrixName + " must have shape [..., " + k
                    + ", " + k + "] to match loc of shape " + Shapes.format(loc.shape()) + ", got "
                    + Shapes.format(matrix.shape()));
        }
        int[] locBatch = Arrays.copyOf(loc.shape(), loc.dim() - 1);
        int[] matrixBatch = Arrays.copyOf(matrix.shape(), matrix.dim() - 2);
        int[] batch;
        try {
            batch = Shapes.broadcast("MultivariateNormal", locBatch, matrixBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MultivariateNormal: batch shapes of loc " + Shapes.format(loc.shape())
                    + " and " + matrixName + " " + Shapes.format(matrix.shape()) + " do not broadcast", e);
        }
        return new int[][] {batch, {k}};
    }

    /** Validates a matrix parameter (a throwaway instance gives the message its distribution name). */
    private static void checkMatrix(String name, Tensor matrix, Constraint constraint) {
        if (Validation.isEnabled()) {
            int k = matrix.size(-1);
            MultivariateNormal probe = new MultivariateNormal(null, null, new int[0], new int[] {k});
            probe.checkParameter(name, matrix, constraint);
        }
    }

    private static MultivariateNormal create(Tensor loc, Tensor scaleTril, int[][] shapes) {
        int[] batch = shapes[0];
        int[] locShape = Arrays.copyOf(batch, batch.length + 1);
        locShape[batch.length] = shapes[1][0];
        return new MultivariateNormal(loc.expand(locShape), scaleTril, batch, shapes[1]);
    }

    /** The lower Cholesky factor of {@code P^-1} (see {@link #ofPrecision}). */
    static Tensor precisionToScaleTril(Tensor precision) {
        int k = precision.size(-1);
        long[] reversed = new long[k];
        for (int i = 0; i < k; i++) {
            reversed[i] = k - 1 - i;
        }
        Tensor j = Tensor.ofLongs(reversed);
        Tensor flipped = precision.indexSelect(-1, j).indexSelect(-2, j);
        Tensor lf = flipped.cholesky();
        Tensor lInv = lf.indexSelect(-1, j).indexSelect(-2, j).mT(); // U^T: lower triangular
        return lInv.solveTriangular(identity(k, precision.dtype()), false);
    }

    static Tensor identity(int k, DType dtype) {
        return Tensor.eye(k).asType(dtype);
    }

    /** The mean, shape {@code batchShape + [k]}. */
    public Tensor loc() {
        return loc;
    }

    /** The lower Cholesky factor {@code L} of the covariance, shape {@code batchShape + [k, k]}. */
    public Tensor scaleTril() {
        return scaleTril.expand(matrixShape());
    }

    /** The covariance {@code L L^T}, shape {@code batchShape + [k, k]}. */
    public Tensor covarianceMatrix() {
        return scaleTril.matmul(scaleTril.mT()).expand(matrixShape());
    }

    /** The precision {@code Sigma^-1 = L^-T L^-1}, shape {@code batchShape + [k, k]}. */
    public Tensor precisionMatrix() {
        int k = eventShape()[0];
        Tensor lInv = scaleTril.solveTriangular(identity(k, scaleTril.dtype()), false);
        return lInv.mT().matmul(lInv).expand(matrixShape());
    }

    private int[] matrixShape() {
        int[] batch = batchShape();
        int k = eventShape()[0];
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = k;
        shape[batch.length + 1] = k;
        return shape;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code loc + L eps} with {@code eps ~ N(0, I)} of the requested shape. */
    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor eps = rng.normal(loc.dtype(), shape);
        return scaleTril.matmul(eps.unsqueeze(-1)).squeeze(-1).add(loc);
    }

    /** {@code -1/2 |L^-1 (x - loc)|^2 - sum log L_ii - k/2 log(2 pi)}, by a triangular solve. */
    @Override
    protected Tensor logProbOf(Tensor value) {
        int k = eventShape()[0];
        Tensor diff = value.sub(loc);
        Tensor mahalanobis = mahalanobis(scaleTril, diff);
        return mahalanobis.add(k * LOG_2PI).mul(-0.5).sub(halfLogDet(scaleTril));
    }

    /** {@code |L^-1 d|^2} over the last dimension of {@code d}, batch dimensions broadcasting. */
    static Tensor mahalanobis(Tensor l, Tensor d) {
        return l.solveTriangular(d.unsqueeze(-1), false).squeeze(-1).square().sum(-1);
    }

    /** {@code sum_i log L_ii = 1/2 log det(L L^T)}. */
    static Tensor halfLogDet(Tensor l) {
        return l.diagonal().log().sum(-1);
    }

    @Override
    public Constraint support() {
        return Constraint.realVector();
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    /** The marginal variances {@code diag(L L^T)_i = sum_j L_ij^2}, shape {@code batchShape + [k]}. */
    @Override
    public Tensor variance() {
        return scaleTril.square().sum(-1).expand(extendedShape());
    }

    /** {@code k/2 (1 + log 2 pi) + sum_i log L_ii}, shape {@code batchShape}. */
    @Override
    public Tensor entropy() {
        int k = eventShape()[0];
        return halfLogDet(scaleTril).add(0.5 * k * (1.0 + LOG_2PI)).expand(batchShape());
    }

    /** The same family with parameters broadcast to {@code newBatchShape} (no new validation). */
    @Override
    public MultivariateNormal expand(int... newBatchShape) {
        int[] batch = batchShape();
        if (!Shapes.broadcastsTo(batch, newBatchShape)) {
            throw new IllegalArgumentException("expand: batch shape " + Shapes.format(batch) + " of " + name()
                    + " does not broadcast to " + Shapes.format(newBatchShape));
        }
        int k = eventShape()[0];
        int[] locShape = Arrays.copyOf(newBatchShape, newBatchShape.length + 1);
        locShape[newBatchShape.length] = k;
        int[] matrix = Arrays.copyOf(newBatchShape, newBatchShape.length + 2);
        matrix[newBatchShape.length] = k;
        matrix[newBatchShape.length + 1] = k;
        return new MultivariateNormal(loc.expand(locShape), scaleTril.expand(matrix), newBatchShape.clone(),
                eventShape());
    }
}
