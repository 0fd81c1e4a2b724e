package io.pplj.nn;

import io.pplj.tensor.BatchStatistics;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * Batch normalization over dimension 1 (the channels) of {@code [N, C, ...]} inputs, shared by
 * {@link BatchNorm1d} and {@link BatchNorm2d}, with PyTorch's semantics.
 *
 * <p>{@code y = (x - mean) / sqrt(var + eps) * weight + bias}, per channel. In training mode {@code mean} and
 * {@code var} are the batch's statistics over every dimension but 1 ({@code var} biased), and the running statistics
 * move towards them: {@code running = (1 - momentum) running + momentum stat}, with the unbiased batch variance
 * ({@code n/(n-1)} times the biased one, {@code n} the elements per channel). In evaluation mode the running
 * statistics are used. Without running statistics ({@code trackRunningStats(false)}) batch statistics are used in
 * both modes.
 */
abstract class BatchNorm extends Module {

    private final int features;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final boolean track;

    BatchNorm(int features, BatchNormOptions o) {
        if (features <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": number of features must be positive,"
                    + " got " + features);
        }
        this.features = features;
        this.eps = o.eps();
        this.momentum = o.momentum();
        this.affine = o.affine();
        this.track = o.trackRunningStats();
        if (affine) {
            addParameter("weight", Tensor.ones(o.dtype(), features));
            addParameter("bias", Tensor.zeros(o.dtype(), features));
        }
        if (track) {
            addBuffer("running_mean", Tensor.zeros(o.dtype(), features));
            addBuffer("running_var", Tensor.ones(o.dtype(), features));
        }
    }

    /** The ranks of input this layer accepts, checked before normalizing. */
    abstract boolean acceptsRank(int rank);

    /** The accepted input shapes, for messages. */
    abstract String expectedShape();

    /** The number of channels (features). */
    public final int numFeatures() {
        return features;
    }

    /**
     * Normalizes {@code x} per channel with {@link Tensor#batchNorm}: with {@link Tensor#batchStatistics()} in
     * training mode (or without running statistics), with the running statistics otherwise.
     */
    @Override
    public final Tensor forward(Tensor x) {
        if (!acceptsRank(x.dim()) || x.size(1) != features) {
            throw new IllegalArgumentException(describe() + ": input of shape " + Shapes.format(x.shape())
                    + " does not fit (" + expectedShape() + ")");
        }
        Tensor weight = affine ? parameter("weight") : null;
        Tensor bias = affine ? parameter("bias") : null;
        if (!isTraining() && track) {
            return x.batchNorm(buffer("running_mean"), buffer("running_var"), weight, bias, eps);
        }
        BatchStatistics stats = x.batchStatistics();
        if (isTraining() && stats.count() <= 1) {
            throw new IllegalArgumentException(describe() + ": training needs more than one value per channel,"
                    + " got input of shape " + Shapes.format(x.shape()));
        }
        if (isTraining() && track) {
            Tensor mean = buffer("running_mean");
            Tensor var = buffer("running_var");
            setBuffer("running_mean", stats.runningMean(mean, momentum).asType(mean.dtype()));
            setBuffer("running_var", stats.runningVariance(var, momentum).asType(var.dtype()));
        }
        return x.batchNorm(stats.mean(), stats.variance(), weight, bias, eps);
    }

    @Override
    protected final String describe() {
        return getClass().getSimpleName() + "(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine="
                + affine + ", trackRunningStats=" + track + ")";
    }
}
