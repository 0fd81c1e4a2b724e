package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;

/** Helpers for distribution factories: common floating type and broadcast batch shape of parameters. */
final class Parameters {

    private Parameters() {
    }

    /** The floating type the parameters promote to. */
    static DType floatType(Tensor... params) {
        DType t = DType.BOOL;
        for (Tensor p : params) {
            t = DType.promote(t, p.dtype());
        }
        return t.toFloating();
    }

    /** The parameters converted to their common floating type. */
    static Tensor[] promote(Tensor... params) {
        DType t = floatType(params);
        Tensor[] out = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = params[i].asType(t);
        }
        return out;
    }

    /**
     * The broadcast shape of the parameters.
     *
     * @throws IllegalArgumentException naming the distribution and the parameters' shapes
     */
    static int[] batchShape(String distribution, Tensor... params) {
        int[][] shapes = new int[params.length][];
        for (int i = 0; i < params.length; i++) {
            shapes[i] = params[i].shape();
        }
        try {
            return Shapes.broadcast(distribution, shapes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(distribution + ": parameter shapes do not broadcast: "
                    + e.getMessage(), e);
        }
    }

    /** A float32 scalar. */
    static Tensor scalar(double v) {
        return Tensor.scalar(v);
    }
}
