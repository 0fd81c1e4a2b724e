package io.pplj.tensor;

/** Batch normalization with given per-channel statistics, as broadcast tensor operations. */
final class Normalization {

    private Normalization() {
    }

    /** {@code (x - mean) / sqrt(variance + eps) · weight + bias} per channel (dimension 1). */
    static Tensor batchNorm(Tensor x, Tensor mean, Tensor variance, Tensor weight, Tensor bias, double eps) {
        String op = "batchNorm";
        if (x.dim() < 2 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": input must be a floating [N, C, ...] tensor, got " + x.dtype()
                    + " " + Shapes.format(x.shape));
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException(op + ": eps " + eps + " must be non-negative");
        }
        int channels = x.shape[1];
        int[] perChannel = new int[x.dim()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        Tensor scale = channel(op, "variance", variance, channels, x).add(eps).pow(-0.5);
        if (weight != null) {
            scale = scale.mul(channel(op, "weight", weight, channels, x));
        }
        Tensor y = x.sub(channel(op, "mean", mean, channels, x).reshape(perChannel)).mul(scale.reshape(perChannel));
        return bias == null ? y : y.add(channel(op, "bias", bias, channels, x).reshape(perChannel));
    }

    private static Tensor channel(String op, String name, Tensor t, int channels, Tensor x) {
        if (t == null || t.dim() != 1 || t.shape[0] != channels) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + channels + "] (one per"
                    + " channel of input " + Shapes.format(x.shape) + "), got "
                    + (t == null ? "null" : Shapes.format(t.shape)));
        }
        return t;
    }
}
