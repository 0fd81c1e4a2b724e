package io.pplj.tensor.cpu;

import io.pplj.tensor.BinaryOp;

/**
 * The float32 {@code x...y} operations on contiguous rows ({@code x log y}, {@code x log(1 + y)}, {@code x / y},
 * each 0 where {@code x == 0} and {@code y} is not NaN) without a branch on {@code x}: binary data such as 0/1 pixels
 * would mispredict it on every other element. The bulk pass computes {@code x * f(y) + 0} for every element, which is
 * already right wherever {@code f(y)} is finite ({@code 0 * finite = 0}, and adding {@code +0} turns {@code -0} into
 * {@code 0}); a second pass recomputes, one at a time, the rare elements where {@code f(y)} is infinite or NaN, a
 * branch that valid data always predicts. Logarithms come from {@link FastMath32} (float64 on the row widened
 * into the thread's {@link WideBuffers}, rounded once). The row is widened in blocks of {@link WideBuffers#BLOCK}
 * elements, not in small chunks: compiled inside a loop over 2,048-element chunks, the logarithm's passes lost their
 * vectorization after a while (two to three times slower).
 */
final class XlogyKernels {

    private XlogyKernels() {
    }

    static void f32(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n,
                    WideBuffers buffers) {
        if (op == BinaryOp.XDIVY) {
            for (int i = 0; i < n; i++) {
                o[oo + i] = a[ao + i] / b[bo + i] + 0f;
            }
            for (int i = 0; i < n; i++) {
                float y = b[bo + i];
                if (y == 0f) {
                    o[oo + i] = BinaryKernels.applyF32(op, a[ao + i], y);
                }
            }
            return;
        }
        for (int start = 0; start < n; start += WideBuffers.BLOCK) {
            int m = Math.min(WideBuffers.BLOCK, n - start);
            double[] t = buffers.get(0, m);
            double[] scratch = buffers.get(1, m);
            Widening.widen(b, bo + start, t, m);
            if (op == BinaryOp.XLOGY) {
                FastMath32.log(t, scratch, m);
            } else {
                FastMath32.log1p(t, scratch, m);
            }
            Widening.widen(a, ao + start, scratch, m);
            for (int j = 0; j < m; j++) {
                t[j] = t[j] * scratch[j] + 0.0;
            }
            Widening.narrow(t, o, oo + start, m);
        }
        float pole = op == BinaryOp.XLOGY ? 0f : -1f;
        for (int i = 0; i < n; i++) {
            float y = b[bo + i];
            if (!(y > pole && y < Float.POSITIVE_INFINITY)) {
                o[oo + i] = BinaryKernels.applyF32(op, a[ao + i], y);
            }
        }
    }
}
