package io.pplj.tensor;

/**
 * Gradients without touching leaves, and the per-thread switch that turns graph recording on and off.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
 * Tensor y = x.square().sum();
 * Tensor dx = Grad.of(y, x)[0];                // [2, 4]; x.grad() stays null
 * try (ThreadScope off = Grad.noGrad()) {
 *     Tensor z = x.mul(3.0);                   // not recorded: z.requiresGrad() is false
 * }
 * }</pre>
 *
 * <p>Recording is on by default in every thread. Scopes nest and restore the previous state on close.
 */
public final class Grad {

    private static final PerThread<Boolean> ENABLED = new PerThread<>(() -> Boolean.TRUE);

    private Grad() {
    }

    /** Whether operations on this thread are recorded for autodiff. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off on this thread until the returned scope is closed. */
    public static ThreadScope noGrad() {
        return ENABLED.scoped(Boolean.FALSE);
    }

    /** Turns recording on on this thread until the returned scope is closed (inside a {@link #noGrad()} scope). */
    public static ThreadScope enableGrad() {
        return ENABLED.scoped(Boolean.TRUE);
    }

    /**
     * Which of {@code inputs} the recorded computation of {@code output} used, directly or through other
     * operations: {@code result[i]} is true when {@code inputs[i]} is {@code output} itself or an ancestor of it in
     * the autodiff graph. Only recorded operations count, so inputs should require gradients. Used to track how
     * random choices flow into later ones (downstream costs, causal graphs).
     */
    public static boolean[] reaches(Tensor output, Tensor... inputs) {
        return BackwardPass.reaches(output, inputs);
    }

    /**
     * The gradients of a scalar {@code output} with respect to {@code inputs}, which may be leaves or intermediate
     * results. Leaves' {@link Tensor#grad()} are not touched. An input the output does not depend on gets zeros.
     *
     * @throws IllegalArgumentException if the output is not a scalar or does not require a gradient, or an input does
     *     not require a gradient
     */
    public static Tensor[] of(Tensor output, Tensor... inputs) {
        return of(output, null, false, inputs);
    }

    /**
     * The vector-Jacobian products {@code seed · d output / d input} for each input.
     *
     * @param seed the gradient of some loss with respect to {@code output} (output's shape), or {@code null} for a
     *     scalar output
     * @param createGraph record the backward computation itself, so the returned gradients can be differentiated
     *     again (Hessian-vector products, gradient penalties)
     */
    public static Tensor[] of(Tensor output, Tensor seed, boolean createGraph, Tensor... inputs) {
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("Grad.of: the output (shape " + Shapes.format(output.shapeRef())
                    + ") does not require a gradient: no input of its computation requires one, or it was"
                    + " computed under Grad.noGrad() or detached");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                throw new IllegalArgumentException("Grad.of: input " + i + " (shape "
                        + Shapes.format(inputs[i].shapeRef()) + ") does not require a gradient");
            }
        }
        return BackwardPass.run(output, seed, createGraph, inputs);
    }
}
