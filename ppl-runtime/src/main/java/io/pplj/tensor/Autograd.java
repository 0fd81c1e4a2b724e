package io.pplj.tensor;

/**
 * Records operations into the define-by-run graph. An operation is recorded when gradient mode is on and at least
 * one input requires a gradient; its output then requires a gradient and points at a {@link Node}.
 */
final class Autograd {

    private Autograd() {
    }

    /** Whether an operation on this input would be recorded. */
    static boolean recording(Tensor a) {
        return a.requiresGrad && Grad.isEnabled();
    }

    /** Whether an operation on these inputs would be recorded. */
    static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && Grad.isEnabled();
    }

    /** Whether an operation on these inputs would be recorded. */
    static boolean recording(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.requiresGrad) {
                return Grad.isEnabled();
            }
        }
        return false;
    }

    /**
     * Makes {@code out} the recorded result of {@code op} (an op enum or a name) applied to {@code inputs}. Returns
     * {@code out}.
     */
    static Tensor attach(Tensor out, Object op, Backward backward, Tensor... inputs) {
        out.node = new Node(op, inputs, backward);
        out.requiresGrad = true;
        return out;
    }
}
