package io.pplj.dist;

import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * Unconstrained vectors in {@code R^(K-1)} to the probability simplex in {@code R^K} by stick breaking: with
 * offsets {@code o_i = K - 1 - i}, {@code z_i = sigmoid(x_i - log o_i)}, {@code y_i = z_i prod_{j<i} (1 - z_j)} and
 * {@code y_{K-1} = prod_j (1 - z_j)}. The offsets map x = 0 to the uniform vector. Over the first K-1 coordinates
 * of y, {@code log|det J| = sum_i (log sigmoid(x_i - log o_i) - (x_i - log o_i) + log y_i)}.
 */
public final class StickBreakingTransform extends Transform {

    private static final StickBreakingTransform INSTANCE = new StickBreakingTransform();

    private StickBreakingTransform() {
    }

    /** The stick-breaking transform. */
    public static StickBreakingTransform of() {
        return INSTANCE;
    }

    /** {@code log o_i = log(K - 1 - i)} for {@code i < K - 1}, as a vector of x's type. */
    private static Tensor logOffsets(Tensor like, int km1) {
        return Tensor.arange(km1).asType(like.dtype()).rsub(km1).log();
    }

    @Override
    public Tensor forward(Tensor x) {
        int km1 = x.size(-1);
        Tensor shifted = x.sub(logOffsets(x, km1));
        Tensor z = shifted.sigmoid();
        Tensor logRemaining = shifted.neg().logsigmoid().cumsum(-1);
        Tensor remaining = logRemaining.exp();
        Tensor ones = Tensor.onesLike(x.narrow(-1, 0, 1));
        Tensor before = Tensor.cat(-1, ones, remaining.narrow(-1, 0, km1 - 1));
        Tensor head = z.mul(before);
        return Tensor.cat(-1, head, remaining.narrow(-1, km1 - 1, 1));
    }

    @Override
    public Tensor inverse(Tensor y) {
        int k = y.size(-1);
        Tensor crop = y.narrow(-1, 0, k - 1);
        double tiny = y.dtype() == io.pplj.tensor.DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        Tensor survival = crop.cumsum(-1).rsub(1.0).clampMin(tiny);
        return crop.log().sub(survival.log()).add(logOffsets(y, k - 1));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int km1 = x.size(-1);
        Tensor shifted = x.sub(logOffsets(x, km1));
        return shifted.logsigmoid().sub(shifted).add(y.narrow(-1, 0, km1).log()).sum(-1);
    }

    @Override
    public Constraint domain() {
        return Constraint.realVector();
    }

    @Override
    public Constraint codomain() {
        return Constraint.simplex();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        requireVector(shape);
        int[] out = shape.clone();
        out[out.length - 1] += 1;
        return out;
    }

    @Override
    public int[] inverseShape(int[] shape) {
        requireVector(shape);
        int[] out = shape.clone();
        out[out.length - 1] -= 1;
        return out;
    }

    private static void requireVector(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("StickBreakingTransform: needs vectors, got shape "
                    + Shapes.format(shape));
        }
    }
}
