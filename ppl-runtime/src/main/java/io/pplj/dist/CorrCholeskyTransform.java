package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/**
 * Unconstrained vectors of length {@code n(n-1)/2} to Cholesky factors of {@code n × n} correlation matrices (lower
 * triangular, positive diagonal, unit-norm rows), as in LKJ constructions: {@code t = tanh(x)} fills the strictly
 * lower triangle row by row; each row is rescaled by stick breaking on squares,
 * {@code y_ij = t_ij sqrt(1 - sum_{k<j} y_ik^2)}, and the diagonal takes the remainder
 * {@code y_ii = sqrt(1 - sum_{k<i} y_ik^2)}.
 *
 * <p>{@code log|det J| = sum (log(1 - tanh^2 x)) + 1/2 sum_{i, j<i-1} log(1 - sum_{k<=j} y_ik^2)} over the free
 * entries.
 */
public final class CorrCholeskyTransform extends Transform {

    private static final CorrCholeskyTransform INSTANCE = new CorrCholeskyTransform();
    private static final double LOG_2 = Math.log(2.0);

    private CorrCholeskyTransform() {
    }

    /** The correlation-Cholesky transform. */
    public static CorrCholeskyTransform of() {
        return INSTANCE;
    }

    /** The matrix order n for a vector length {@code n(n-1)/2}. */
    static int order(int length) {
        int n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * length)) / 2);
        if (n * (n - 1) / 2 != length) {
            throw new IllegalArgumentException("CorrCholeskyTransform: vector length " + length
                    + " is not n(n-1)/2 for any n");
        }
        return n;
    }

    /** Lower-triangular row-major positions {@code (i, j)} with {@code j <= i + offset} of an n × n matrix. */
    private static long[] trilPositions(int n, int offset) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += Math.max(0, Math.min(n, i + offset + 1));
        }
        long[] pos = new long[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Math.min(n, i + offset + 1); j++) {
                pos[k++] = (long) i * n + j;
            }
        }
        return pos;
    }

    /** The entries of the lower triangle (diagonal offset {@code offset}) of [..., n, n] as [..., count]. */
    static Tensor trilToVec(Tensor m, int offset) {
        int n = m.size(-1);
        int[] flat = m.shape();
        flat = java.util.Arrays.copyOf(flat, flat.length - 1);
        flat[flat.length - 1] = n * n;
        return m.reshape(flat).indexSelect(-1, Tensor.ofLongs(trilPositions(n, offset)));
    }

    /** A [..., n, n] matrix with the strictly lower triangle filled row by row from [..., n(n-1)/2], zero elsewhere. */
    static Tensor vecToStrictTril(Tensor v, int n) {
        int length = v.size(-1);
        long[] source = new long[n * n];
        java.util.Arrays.fill(source, length);
        long[] pos = trilPositions(n, -1);
        for (int k = 0; k < pos.length; k++) {
            source[(int) pos[k]] = k;
        }
        Tensor padded = Tensor.cat(-1, v, Tensor.zeros(v.dtype(), padShape(v)));
        int[] shape = java.util.Arrays.copyOf(v.shape(), v.dim() + 1);
        shape[shape.length - 2] = n;
        shape[shape.length - 1] = n;
        return padded.indexSelect(-1, Tensor.ofLongs(source)).reshape(shape);
    }

    private static int[] padShape(Tensor v) {
        int[] s = v.shape();
        s[s.length - 1] = 1;
        return s;
    }

    /** {@code [..., n]} to {@code [1, 1 - ..., ...]}: x shifted right by one along the last dim, 1 entering. */
    private static Tensor shiftRightWithOne(Tensor x) {
        int n = x.size(-1);
        Tensor ones = Tensor.onesLike(x.narrow(-1, 0, 1));
        return Tensor.cat(-1, ones, x.narrow(-1, 0, n - 1));
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = order(x.size(-1));
        double eps = x.dtype() == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        Tensor t = x.tanh().clamp(-1 + eps, 1 - eps);
        Tensor r = vecToStrictTril(t, n);
        Tensor remaining = r.square().neg().log1p().mul(0.5).cumsum(-1).exp();
        Tensor eye = Tensor.eye(n).asType(x.dtype());
        return r.add(eye).mul(shiftRightWithOne(remaining));
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor left = y.square().cumsum(-1).rsub(1.0);
        Tensor leftBefore = shiftRightWithOne(left);
        Tensor t = trilToVec(y, -1).div(trilToVec(leftBefore, -1).sqrt());
        return t.log1p().sub(t.neg().log1p()).mul(0.5);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor left = y.square().cumsum(-1).rsub(1.0);
        Tensor stick = trilToVec(left, -2).log().sum(-1).mul(0.5);
        Tensor tanh = x.add(x.mul(-2.0).softplus()).sub(LOG_2).sum(-1).mul(-2.0);
        return stick.add(tanh);
    }

    @Override
    public Constraint domain() {
        return Constraint.realVector();
    }

    @Override
    public Constraint codomain() {
        return Constraint.corrCholesky();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        if (shape.length < 1) {
            throw new IllegalArgumentException("CorrCholeskyTransform: needs vectors, got shape "
                    + Shapes.format(shape));
        }
        int n = order(shape[shape.length - 1]);
        int[] out = java.util.Arrays.copyOf(shape, shape.length + 1);
        out[out.length - 2] = n;
        out[out.length - 1] = n;
        return out;
    }

    @Override
    public int[] inverseShape(int[] shape) {
        if (shape.length < 2 || shape[shape.length - 1] != shape[shape.length - 2]) {
            throw new IllegalArgumentException("CorrCholeskyTransform: needs square matrices, got shape "
                    + Shapes.format(shape));
        }
        int n = shape[shape.length - 1];
        int[] out = java.util.Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = n * (n - 1) / 2;
        return out;
    }
}
