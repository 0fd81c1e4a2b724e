package io.pplj.dist;

import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * Student's t distribution with {@code df} (nu) degrees of freedom, location {@code loc} and scale {@code scale}:
 * with {@code y = (x - loc) / scale},
 * {@code log p(x) = lgamma((nu + 1) / 2) - lgamma(nu / 2) - log(nu pi) / 2 - log scale
 * - (nu + 1) / 2 log(1 + y^2 / nu)}.
 *
 * <p>Reparameterized: {@code x = loc + scale * z / sqrt(c / nu)} with {@code z ~ N(0, 1)} and the chi-square
 * {@code c = 2 g}, {@code g ~ Gamma(nu / 2, 1)} drawn with an implicit reparameterization gradient
 * ({@link Rng#gamma}), so draws are differentiable in {@code df} too.
 */
public final class StudentT extends Distribution {

    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;

    private StudentT(Tensor df, Tensor loc, Tensor scale, int[] batchShape) {
        super(batchShape, new int[0]);
        this.df = df;
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * A Student t with broadcasting {@code df > 0}, {@code loc} and {@code scale > 0}.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast, or (validation on) {@code df} or a scale is
     *     not positive
     */
    public static StudentT of(Tensor df, Tensor loc, Tensor scale) {
        Tensor[] p = Parameters.promote(df, loc, scale);
        StudentT d = new StudentT(p[0], p[1], p[2], Parameters.batchShape("StudentT", p[0], p[1], p[2]));
        d.checkParameter("df", d.df, Constraint.positive());
        d.checkParameter("scale", d.scale, Constraint.positive());
        return d;
    }

    /** A standard Student t ({@code loc = 0}, {@code scale = 1}). */
    public static StudentT of(Tensor df) {
        return of(df, Parameters.scalar(0.0), Parameters.scalar(1.0));
    }

    /** A scalar Student t. */
    public static StudentT of(double df, double loc, double scale) {
        return of(Parameters.scalar(df), Parameters.scalar(loc), Parameters.scalar(scale));
    }

    /** A scalar standard Student t. */
    public static StudentT of(double df) {
        return of(df, 0.0, 1.0);
    }

    /** The degrees of freedom. */
    public Tensor df() {
        return df;
    }

    /** The location (the median, and the mean when {@code df > 1}). */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    protected Tensor rsampleShape(Rng rng, int[] shape) {
        Tensor z = rng.normal(df.dtype(), shape);
        Tensor chi2 = ContinuousMath.standardGamma(rng, df.mul(0.5).expand(shape)).mul(2.0);
        return z.div(chi2.div(df).sqrt()).mul(scale).add(loc);
    }

    @Override
    protected Tensor logProbOf(Tensor value) {
        Tensor y = value.sub(loc).div(scale);
        Tensor halfDf = df.mul(0.5);
        Tensor normalizer = scale.log().add(df.log().mul(0.5)).add(0.5 * ContinuousMath.LOG_PI)
                .add(halfDf.lgamma()).sub(halfDf.add(0.5).lgamma());
        return y.square().div(df).log1p().mul(halfDf.add(0.5)).neg().sub(normalizer);
    }

    @Override
    public Constraint support() {
        return Constraint.real();
    }

    /** {@code loc} where {@code df > 1}; NaN (undefined) where {@code df <= 1}, as PyTorch. */
    @Override
    public Tensor mean() {
        Tensor m = loc.expand(batchShape());
        return Tensor.where(df.gt(1.0), m, ContinuousMath.constant(Double.NaN, m)).expand(batchShape());
    }

    /**
     * {@code scale^2 df / (df - 2)} where {@code df > 2}; infinite where {@code 1 < df <= 2}; NaN (undefined) where
     * {@code df <= 1}, as PyTorch.
     */
    @Override
    public Tensor variance() {
        Tensor v = scale.square().mul(df).div(df.sub(2.0));
        Tensor inf = ContinuousMath.constant(Double.POSITIVE_INFINITY, v);
        Tensor nan = ContinuousMath.constant(Double.NaN, v);
        return Tensor.where(df.gt(2.0), v, Tensor.where(df.gt(1.0), inf, nan)).expand(batchShape());
    }

    /**
     * {@code log scale + (nu + 1) / 2 (digamma((nu + 1) / 2) - digamma(nu / 2)) + log(nu) / 2
     * + log B(nu / 2, 1 / 2)}.
     */
    @Override
    public Tensor entropy() {
        Tensor halfDf = df.mul(0.5);
        Tensor halfDfPlusHalf = halfDf.add(0.5);
        Tensor logBeta = ContinuousMath.logBeta(halfDf, ContinuousMath.constant(0.5, halfDf));
        return scale.log()
                .add(halfDfPlusHalf.mul(halfDfPlusHalf.digamma().sub(halfDf.digamma())))
                .add(df.log().mul(0.5))
                .add(logBeta)
                .expand(batchShape());
    }

    @Override
    public StudentT expand(int... newBatchShape) {
        return new StudentT(df.expand(newBatchShape), loc.expand(newBatchShape), scale.expand(newBatchShape),
                newBatchShape.clone());
    }
}
