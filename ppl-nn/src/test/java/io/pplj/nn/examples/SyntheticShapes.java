package io.pplj.nn.examples;

import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;

/**
 * Procedurally drawn binary images of small shapes: each image holds one filled disc, square or plus sign of random
 * size and position, drawn with tensor operations on a pixel grid (no external data). Values are 0 or 1, float32,
 * shape {@code [n, size, size]}.
 */
final class SyntheticShapes {

    private SyntheticShapes() {
    }

    /** {@code n} images of {@code size x size} pixels drawn with {@code rng}. */
    static Tensor draw(int n, int size, Rng rng) {
        Tensor grid = Tensor.arange(size).asType(DType.FLOAT32).add(0.5);
        Tensor xs = grid.reshape(1, 1, size);
        Tensor ys = grid.reshape(1, size, 1);
        Tensor kind = rng.uniform(n).mul(3.0).floor().reshape(n, 1, 1);
        Tensor r = rng.uniform(n).mul(0.15 * size).add(0.15 * size).reshape(n, 1, 1);
        Tensor room = r.mul(-2.0).add(size);
        Tensor cx = rng.uniform(n).reshape(n, 1, 1).mul(room).add(r);
        Tensor cy = rng.uniform(n).reshape(n, 1, 1).mul(room).add(r);
        Tensor dx = xs.sub(cx).abs();
        Tensor dy = ys.sub(cy).abs();
        Tensor disc = dx.square().add(dy.square()).le(r.square());
        Tensor square = dx.le(r.mul(0.85)).and(dy.le(r.mul(0.85)));
        Tensor bar = r.mul(0.35);
        Tensor plus = dx.le(bar).and(dy.le(r)).or(dy.le(bar).and(dx.le(r)));
        Tensor shape = Tensor.where(kind.eq(0.0), disc, Tensor.where(kind.eq(1.0), square, plus));
        return shape.asType(DType.FLOAT32);
    }
}
