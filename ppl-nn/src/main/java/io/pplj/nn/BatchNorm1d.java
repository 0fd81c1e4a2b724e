package io.pplj.nn;

/**
 * Batch normalization of {@code [N, C]} or {@code [N, C, L]} inputs per channel, as PyTorch's
 * {@code nn.BatchNorm1d}: parameters {@code weight} (ones) and {@code bias} (zeros), buffers {@code running_mean}
 * (zeros) and {@code running_var} (ones), settings in {@link BatchNormOptions}.
 *
 * <p>{@code y = (x - mean) / sqrt(var + eps) * weight + bias}, per channel. In training mode {@code mean} and
 * {@code var} are the batch's statistics over every dimension but 1 ({@code var} biased), and the running statistics
 * move towards them: {@code running = (1 - momentum) running + momentum stat}, with the unbiased batch variance
 * ({@code n/(n-1)} times the biased one, {@code n} the elements per channel). In evaluation mode the running
 * statistics are used. Without running statistics batch statistics are used in both modes.
 */
public final class BatchNorm1d extends BatchNorm {

    private BatchNorm1d(int features, BatchNormOptions options) {
        super(features, options);
    }

    /** Batch normalization of {@code features} channels with PyTorch's defaults. */
    public static BatchNorm1d of(int features) {
        return new BatchNorm1d(features, BatchNormOptions.defaults());
    }

    /** Batch normalization of {@code features} channels with the given settings. */
    public static BatchNorm1d of(int features, BatchNormOptions options) {
        return new BatchNorm1d(features, options);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String expectedShape() {
        return "[N, " + numFeatures() + "] or [N, " + numFeatures() + ", L]";
    }
}
