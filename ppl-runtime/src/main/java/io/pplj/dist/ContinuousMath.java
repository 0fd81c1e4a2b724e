package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * Helpers shared by the continuous families: floating-point limits of a type, a clamp that keeps gradients,
 * {@code x log y} with the {@code 0 log 0 = 0} convention, and reparameterized gamma-based draws.
 */
final class ContinuousMath {

    /** {@code log(pi)}. */
    static final double LOG_PI = Math.log(Math.PI);
    /** {@code log(2 pi) / 2}. */
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** The Euler-Mascheroni constant. */
    static final double EULER_GAMMA = 0.57721566490153286060651209;

    private ContinuousMath() {
    }

    /** The smallest positive normal number of a floating type ({@code torch.finfo(dtype).tiny}). */
    static double tiny(DType dtype) {
        return dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /** The machine epsilon of a floating type: the gap between 1 and the next larger number. */
    static double eps(DType dtype) {
        return dtype == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /** A scalar constant in {@code like}'s type, so that combining it with {@code like} does not promote. */
    static Tensor constant(double value, Tensor like) {
        return Tensor.scalar(value, like.dtype());
    }

    /**
     * {@code x} with its values clamped to {@code [min, max]} but its gradient unchanged (PyTorch clamps its draws in
     * place on a detached view): {@code x + (clamp(x) - x)} with the correction detached.
     */
    static Tensor clampValues(Tensor x, double min, double max) {
        Tensor d = x.detach();
        Tensor clamped = Double.isInfinite(max) ? d.clampMin(min) : d.clamp(min, max);
        return x.requiresGrad() ? x.add(clamped.sub(d)) : clamped;
    }

    /** {@code c * log(1 - x)} by {@code log1p}, taken as 0 where {@code c} is 0 ({@link Tensor#xlog1py}). */
    static Tensor xlog1my(Tensor c, Tensor x) {
        return c.xlog1py(x.neg());
    }

    /**
     * Standard gamma draws {@code Gamma(alpha, 1)}, one per element of {@code alpha} (already of the draw shape),
     * differentiable in alpha ({@link Rng#gamma}) and clamped below to the smallest normal number of alpha's type so
     * that a draw is never exactly 0.
     */
    static Tensor standardGamma(Rng rng, Tensor alpha) {
        return clampValues(rng.gamma(alpha), tiny(alpha.dtype()), Double.POSITIVE_INFINITY);
    }

    /**
     * Dirichlet draws: independent standard gammas with the concentrations {@code alpha} (already of the draw shape,
     * categories last) normalized to sum 1 over the last dimension. The gammas are drawn and normalized in float64
     * (shapes far below 1 make float32 gammas underflow), then cast to alpha's type and clamped to
     * {@code [tiny, 1 - eps]} of that type with gradients kept, as PyTorch clamps its Dirichlet draws.
     */
    static Tensor dirichlet(Rng rng, Tensor alpha) {
        DType t = alpha.dtype();
        Tensor g = standardGamma(rng, alpha.asType(DType.FLOAT64));
        Tensor x = g.div(g.sum(-1, true)).asType(t);
        return clampValues(x, tiny(t), 1.0 - eps(t));
    }

    /** {@code log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b)}. */
    static Tensor logBeta(Tensor a, Tensor b) {
        return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
    }
}
