package io.pplj.nn;

/**
 * Batch normalization of {@code [N, C, H, W]} inputs over batch and space per channel, as PyTorch's
 * {@code nn.BatchNorm2d}; parameters {@code weight}, {@code bias} and buffers {@code running_mean},
 * {@code running_var}; the same statistics and updates as {@link BatchNorm1d}, over dimensions 0, 2 and 3.
 */
public final class BatchNorm2d extends BatchNorm {

    private BatchNorm2d(int features, BatchNormOptions options) {
        super(features, options);
    }

    /** Batch normalization of {@code features} channels with PyTorch's defaults. */
    public static BatchNorm2d of(int features) {
        return new BatchNorm2d(features, BatchNormOptions.defaults());
    }

    /** Batch normalization of {@code features} channels with the given settings. */
    public static BatchNorm2d of(int features, BatchNormOptions options) {
        return new BatchNorm2d(features, options);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String expectedShape() {
        return "[N, " + numFeatures() + ", H, W]";
    }
}
