package io.pplj.nn;

import io.pplj.tensor.DType;
import io.pplj.tensor.Grad;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;

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

    @Override
    public final Tensor forward(Tensor x) {
        if (!acceptsRank(x.dim()) || x.size(1) != features) {
            throw new IllegalArgumentException(describe() + ": input of shape " + Shapes.format(x.shape())
                    + " does not fit (" + expectedShape() + ")");
        }
        int[] dims = reducedDims(x.dim());
        int[] channelShape = channelShape(x.dim());
        Tensor mean;
        Tensor var;
        if (isTraining() || !track) {
            int n = x.numel() / features;
            if (isTraining() && n <= 1) {
                throw new IllegalArgumentException(describe() + ": training needs more than one value per channel,"
                        + " got input of shape " + Shapes.format(x.shape()));
            }
            mean = x.mean(dims, true);
            var = x.sub(mean).square().mean(dims, true);
            if (isTraining() && track) {
                updateRunningStats(mean, var, n);
            }
        } else {
            mean = buffer("running_mean").reshape(channelShape);
            var = buffer("running_var").reshape(channelShape);
        }
        Tensor y = x.sub(mean).div(var.add(eps).sqrt());
        if (affine) {
            y = y.mul(parameter("weight").reshape(channelShape)).add(parameter("bias").reshape(channelShape));
        }
        return y;
    }

    @SuppressWarnings("try")
    private void updateRunningStats(Tensor mean, Tensor var, int n) {
        try (ThreadScope off = Grad.noGrad()) {
            Tensor rm = buffer("running_mean");
            Tensor rv = buffer("running_var");
            DType t = rm.dtype();
            Tensor batchMean = mean.detach().reshape(features).asType(t);
            Tensor unbiased = var.detach().reshape(features).mul((double) n / (n - 1)).asType(t);
            setBuffer("running_mean", rm.mul(1 - momentum).add(batchMean.mul(momentum)));
            setBuffer("running_var", rv.mul(1 - momentum).add(unbiased.mul(momentum)));
        }
    }

    private static int[] reducedDims(int rank) {
        int[] dims = new int[rank - 1];
        dims[0] = 0;
        for (int d = 2; d < rank; d++) {
            dims[d - 1] = d;
        }
        return dims;
    }

    private int[] channelShape(int rank) {
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        shape[1] = features;
        return shape;
    }

    @Override
    protected final String describe() {
        return getClass().getSimpleName() + "(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine="
                + affine + ", trackRunningStats=" + track + ")";
    }
}
