package io.pplj.nn;

import io.pplj.tensor.DType;

/**
 * Settings of {@link BatchNorm1d} and {@link BatchNorm2d}, with PyTorch's defaults: {@code eps} 1e-5,
 * {@code momentum} 0.1, affine weight and bias, running statistics tracked, float32. Immutable: each setter returns
 * a changed copy.
 *
 * <pre>{@code
 * BatchNorm2d bn = BatchNorm2d.of(64, BatchNormOptions.defaults().momentum(0.01).affine(false));
 * }</pre>
 */
public final class BatchNormOptions {

    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final boolean track;
    private final DType dtype;

    private BatchNormOptions(double eps, double momentum, boolean affine, boolean track, DType dtype) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("batch norm: eps must be positive and finite, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch norm: momentum must be in [0, 1], got " + momentum);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("batch norm: dtype must be floating, got " + dtype);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track = track;
        this.dtype = dtype;
    }

    /** PyTorch's defaults. */
    public static BatchNormOptions defaults() {
        return new BatchNormOptions(1e-5, 0.1, true, true, DType.FLOAT32);
    }

    /** The value added to the variance before the square root. */
    public double eps() {
        return eps;
    }

    /** With a different eps. */
    public BatchNormOptions eps(double value) {
        return new BatchNormOptions(value, momentum, affine, track, dtype);
    }

    /** The weight of the new batch statistic in the running average. */
    public double momentum() {
        return momentum;
    }

    /** With a different momentum (DL4J's {@code decay} is {@code 1 - momentum}). */
    public BatchNormOptions momentum(double value) {
        return new BatchNormOptions(eps, value, affine, track, dtype);
    }

    /** Whether the layer has a learnable per-channel weight and bias. */
    public boolean affine() {
        return affine;
    }

    /** With or without the learnable weight and bias. */
    public BatchNormOptions affine(boolean on) {
        return new BatchNormOptions(eps, momentum, on, track, dtype);
    }

    /** Whether running statistics are kept (and used in evaluation mode). */
    public boolean trackRunningStats() {
        return track;
    }

    /** With or without running statistics. */
    public BatchNormOptions trackRunningStats(boolean on) {
        return new BatchNormOptions(eps, momentum, affine, on, dtype);
    }

    /** The floating type of parameters and buffers. */
    public DType dtype() {
        return dtype;
    }

    /** With another floating type. */
    public BatchNormOptions dtype(DType type) {
        return new BatchNormOptions(eps, momentum, affine, track, type);
    }
}
