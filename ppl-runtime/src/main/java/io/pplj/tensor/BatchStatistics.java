package io.pplj.tensor;

/**
 * Per-channel statistics of a batch, as batch normalization needs them: for an input {@code [N, C, ...]} (channels
 * in dimension 1), the mean and the biased variance of each channel over the {@link #count()} elements of all other
 * dimensions,
 *
 * <pre>
 * mean[c] = (1/m) sum x[n, c, ...]        variance[c] = (1/m) sum (x[n, c, ...] - mean[c])^2
 * </pre>
 *
 * both {@code [C]} and differentiable with respect to the input (the variance is computed in two passes, so it does
 * not cancel when the mean is large). {@link #runningMean} and {@link #runningVariance} give PyTorch's momentum
 * updates of running estimates, which use the unbiased variance and carry no gradient.
 *
 * <pre>{@code
 * BatchStatistics s = x.batchStatistics();                       // training mode
 * Tensor y = x.batchNorm(s.mean(), s.variance(), gamma, beta, 1e-5);
 * runningMean = s.runningMean(runningMean, 0.1);
 * runningVar = s.runningVariance(runningVar, 0.1);
 * Tensor yEval = x.batchNorm(runningMean, runningVar, gamma, beta, 1e-5);  // evaluation mode
 * }</pre>
 */
public final class BatchStatistics {

    private final Tensor mean;
    private final Tensor variance;
    private final int count;
    private final int[] inputShape;

    private BatchStatistics(Tensor mean, Tensor variance, int count, int[] inputShape) {
        this.mean = mean;
        this.variance = variance;
        this.count = count;
        this.inputShape = inputShape;
    }

    /**
     * The statistics of {@code x} of shape {@code [N, C, ...]}.
     *
     * @throws IllegalArgumentException if x has fewer than two dimensions, is not floating, or has no element per
     *     channel
     */
    public static BatchStatistics of(Tensor x) {
        if (x.dim() < 2 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("batchStatistics: input must be a floating [N, C, ...] tensor, got "
                    + x.dtype() + " " + Shapes.format(x.shape));
        }
        int channels = x.shape[1];
        int count = channels == 0 ? 0 : x.numel() / channels;
        if (count == 0) {
            throw new IllegalArgumentException("batchStatistics: input " + Shapes.format(x.shape)
                    + " has no elements per channel");
        }
        int[] dims = new int[x.dim() - 1];
        dims[0] = 0;
        for (int d = 2; d < x.dim(); d++) {
            dims[d - 1] = d;
        }
        Tensor mean = x.mean(dims, true);
        Tensor variance = x.sub(mean).square().mean(dims, false);
        return new BatchStatistics(mean.reshape(channels), variance, count, x.shape());
    }

    /** The per-channel means, {@code [C]}. */
    public Tensor mean() {
        return mean;
    }

    /** The per-channel biased variances (divided by {@link #count()}), {@code [C]}. */
    public Tensor variance() {
        return variance;
    }

    /** The number of elements per channel, {@code N·H·W...}. */
    public int count() {
        return count;
    }

    /**
     * The per-channel unbiased variances {@code variance · m / (m - 1)}.
     *
     * @throws IllegalStateException if there is only one element per channel
     */
    public Tensor unbiasedVariance() {
        if (count < 2) {
            throw new IllegalStateException("batchStatistics: the unbiased variance needs more than one value per"
                    + " channel; input shape " + Shapes.format(inputShape));
        }
        return variance.mul(count / (count - 1.0));
    }

    /**
     * PyTorch's running-mean update {@code (1 - momentum) · running + momentum · mean}, without gradient.
     *
     * @param running the previous estimate, {@code [C]}
     */
    public Tensor runningMean(Tensor running, double momentum) {
        return update("runningMean", running, mean, momentum);
    }

    /**
     * PyTorch's running-variance update {@code (1 - momentum) · running + momentum · unbiasedVariance}, without
     * gradient.
     *
     * @param running the previous estimate, {@code [C]}
     */
    public Tensor runningVariance(Tensor running, double momentum) {
        return update("runningVariance", running, unbiasedVariance(), momentum);
    }

    private Tensor update(String op, Tensor running, Tensor batch, double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": momentum " + momentum + " must be in [0, 1]");
        }
        if (running.dim() != 1 || running.shape[0] != mean.shape[0]) {
            throw new IllegalArgumentException(op + ": running estimate must have shape [" + mean.shape[0]
                    + "] for input " + Shapes.format(inputShape) + ", got " + Shapes.format(running.shape));
        }
        return running.detach().mul(1 - momentum).add(batch.detach().mul(momentum));
    }
}
