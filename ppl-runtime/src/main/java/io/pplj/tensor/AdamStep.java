package io.pplj.tensor;

/**
 * The scalars of one Adam update (Kingma and Ba, 2015, in PyTorch's arrangement): learning rate, the two moment
 * decay rates, the denominator's {@code eps} and the step number {@code t >= 1}, from which the bias corrections
 * {@code c1 = 1 - beta1^t} and {@code c2 = 1 - beta2^t} follow. See {@link Fused#adam}.
 *
 * @param lr the learning rate, finite and non-negative
 * @param beta1 the first moment's decay rate, in [0, 1)
 * @param beta2 the second moment's decay rate, in [0, 1)
 * @param eps added to the denominator, non-negative
 * @param t the step number, counting from 1
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, int t) {

    /** Validates the scalars. */
    public AdamStep {
        if (!(lr >= 0) || Double.isInfinite(lr) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(eps >= 0) || t < 1) {
            throw new IllegalArgumentException("Adam step: need lr >= 0 finite, betas in [0, 1), eps >= 0 and step"
                    + " t >= 1; got lr " + lr + ", betas (" + beta1 + ", " + beta2 + "), eps " + eps + ", t " + t);
        }
    }

    /** The step size {@code lr / c1}, with the first moment's bias correction {@code c1 = 1 - beta1^t}. */
    public double stepSize() {
        return lr / (1 - Math.pow(beta1, t));
    }

    /** {@code sqrt(c2)}, the square root of the second moment's bias correction {@code c2 = 1 - beta2^t}. */
    public double sqrtBiasCorrection2() {
        return Math.sqrt(1 - Math.pow(beta2, t));
    }
}
