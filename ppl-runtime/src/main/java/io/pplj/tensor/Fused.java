package io.pplj.tensor;

import java.util.Arrays;

/**
 * Fused update kernels for optimizers: one pass over the elements where the same update written with tensor
 * operations would make a dozen, each allocating a tensor. Results are values outside the autodiff graph (an
 * optimizer's update is never differentiated); inputs that require gradients are read through {@link
 * Tensor#detach()}.
 */
public final class Fused {

    private Fused() {
    }

    /**
     * One Adam update, elementwise over equal-shaped floating tensors of one dtype:
     *
     * <pre>
     * m'     = beta1 m + (1 - beta1) g
     * v'     = beta2 v + (1 - beta2) g²
     * param' = param - (lr / c1) · m' / (sqrt(v') / sqrt(c2) + eps),   c1 = 1 - beta1^t, c2 = 1 - beta2^t
     * </pre>
     *
     * (PyTorch's arrangement of Adam). Null moments stand for zeros (the first step).
     *
     * @return {@code {param', m', v'}}
     * @throws IllegalArgumentException if the shapes or dtypes differ, the dtype is not floating, or the tensors live
     *     on different backends
     */
    public static Tensor[] adam(Tensor param, Tensor grad, Tensor m, Tensor v, AdamStep step) {
        Tensor first = m == null ? Tensor.zerosLike(param) : m;
        Tensor second = v == null ? Tensor.zerosLike(param) : v;
        checkAdamOperands("Fused.adam", param, new Tensor[] {grad, first, second}, new String[] {"grad", "m", "v"});
        Storage[] out = param.backend().adam(param.detach().storage(), grad.detach().storage(),
                first.detach().storage(), second.detach().storage(), step);
        int[] shape = param.shape();
        return new Tensor[] {new Tensor(out[0], shape), new Tensor(out[1], shape), new Tensor(out[2], shape)};
    }

    /**
     * Checks that {@code param} is floating and that each other operand has its dtype, shape and backend; errors
     * name {@code site}.
     *
     * @throws IllegalArgumentException naming the first operand that differs
     */
    static void checkAdamOperands(String site, Tensor param, Tensor[] others, String[] names) {
        for (int i = -1; i < others.length; i++) {
            Tensor t = i < 0 ? param : others[i];
            if (!Arrays.equals(t.shapeRef(), param.shapeRef()) || t.dtype() != param.dtype()
                    || !param.dtype().isFloating() || t.backend() != param.backend()) {
                throw new IllegalArgumentException(site + ": " + (i < 0 ? "param" : names[i]) + " is " + t.dtype()
                        + " " + Shapes.format(t.shapeRef()) + " on " + t.backend().name() + ", param is "
                        + param.dtype() + " " + Shapes.format(param.shapeRef()) + " on " + param.backend().name()
                        + "; all must be floating tensors of one dtype, shape and backend");
            }
        }
    }
}
