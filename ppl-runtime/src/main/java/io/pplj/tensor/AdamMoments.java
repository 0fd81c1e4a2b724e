package io.pplj.tensor;

import java.util.Arrays;

/**
 * Adam's two moments for one parameter, kept by one optimizer and updated in place: the state behind
 * {@link #update}, which applies {@link Fused#adam}'s formulas,
 *
 * <pre>
 * m'     = beta1 m + (1 - beta1) g
 * v'     = beta2 v + (1 - beta2) g²
 * param' = param - (lr / c1) · m' / (sqrt(v') / sqrt(c2) + eps),   c1 = 1 - beta1^t, c2 = 1 - beta2^t
 * </pre>
 *
 * starting from {@code m = v = 0}. The moments are storages that no tensor wraps, so a backend may overwrite them
 * ({@link Backend#adamInPlace}): the CPU backend does, which saves allocating and zeroing two arrays the size of the
 * parameter on every step. The parameter itself is never written: each update returns a new tensor, since traces and
 * users may still hold the old value. {@link #firstMoment()} and {@link #secondMoment()} return copies.
 *
 * <p>One instance per parameter; not safe for concurrent updates.
 */
public final class AdamMoments {

    private Storage m;
    private Storage v;
    private int[] shape;
    private DType dtype;
    private Backend backend;

    /** Moments that are zero until the first {@link #update}, which fixes their dtype, shape and backend. */
    public AdamMoments() {
    }

    /**
     * One Adam step: updates the moments with {@code grad} and returns the updated parameter (outside the autodiff
     * graph; inputs that require gradients are read through {@link Tensor#detach()}).
     *
     * @throws IllegalArgumentException if {@code grad} differs from {@code param} in dtype, shape or backend, the dtype
     *     is not floating, or {@code param} differs from the parameter of earlier updates
     */
    public Tensor update(Tensor param, Tensor grad, AdamStep step) {
        Fused.checkAdamOperands("AdamMoments.update", param, new Tensor[] {grad}, new String[] {"grad"});
        if (shape == null) {
            shape = param.shape();
            dtype = param.dtype();
            backend = param.backend();
            m = backend.zeros(dtype, param.numel());
            v = backend.zeros(dtype, param.numel());
        } else if (!Arrays.equals(shape, param.shapeRef()) || dtype != param.dtype()
                || backend != param.backend()) {
            throw new IllegalArgumentException("AdamMoments: param is " + param.dtype() + " "
                    + Shapes.format(param.shapeRef()) + " on " + param.backend().name() + ", but the moments are "
                    + dtype + " " + Shapes.format(shape) + " on " + backend.name()
                    + "; one AdamMoments serves one parameter");
        }
        Storage[] out = backend.adamInPlace(param.detach().storage(), grad.detach().storage(), m, v, step);
        m = out[1];
        v = out[2];
        return new Tensor(out[0], param.shape());
    }

    /** A copy of the first moment {@code m} (a scalar zero before the first update). */
    public Tensor firstMoment() {
        return copy(m);
    }

    /** A copy of the second moment {@code v} (a scalar zero before the first update). */
    public Tensor secondMoment() {
        return copy(v);
    }

    private Tensor copy(Storage s) {
        if (shape == null) {
            return Tensor.zeros();
        }
        return new Tensor(backend.fromDoubles(backend.toDoubles(s), dtype), shape.clone());
    }
}
