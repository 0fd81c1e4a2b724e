package io.pplj.tensor;

import java.util.Arrays;

/**
 * A differentiable operation whose forward and backward passes are computed outside the tensor library, for example
 * by Deeplearning4j or a native kernel: the extension point for functions that are not built from {@link Tensor}
 * operations (PyTorch's {@code torch.autograd.Function}).
 *
 * <pre>{@code
 * // y = x^3, with a hand-written derivative 3 x^2
 * Tensor y = CustomOp.apply("cube",
 *         in -> in[0].pow(3.0),
 *         (in, out, g) -> new Tensor[] {g.mul(in[0].square()).mul(3.0)},
 *         x);
 * }</pre>
 *
 * <p>The forward callback receives the inputs detached (no graph) and runs with recording off; its result becomes a
 * node of the graph whose inputs are the given tensors, when recording is on and an input requires a gradient. The
 * backward callback receives the detached inputs, the forward result and the gradient of the loss with respect to
 * that result, and returns one gradient per input, each of the input's shape (or broadcasting to it), or
 * {@code null} where the input needs none. Gradients it returns are treated as constants: second derivatives
 * through a custom operation are zero unless its backward itself is written with recorded tensor operations.
 */
public final class CustomOp {

    private CustomOp() {
    }

    /** The forward pass of a custom operation. */
    @FunctionalInterface
    public interface Forward {
        /** The result for the (detached) inputs. */
        Tensor apply(Tensor[] inputs);
    }

    /** The backward pass of a custom operation. */
    @FunctionalInterface
    public interface Backward {
        /**
         * The vector-Jacobian products {@code gradOutput · d output / d inputs[i]}, one per input ({@code null} for
         * an input that needs no gradient).
         *
         * @param inputs the detached inputs the forward pass saw
         * @param output the forward pass's result
         * @param gradOutput the gradient of the loss with respect to {@code output} (its shape)
         */
        Tensor[] apply(Tensor[] inputs, Tensor output, Tensor gradOutput);
    }

    /**
     * Runs {@code forward} on {@code inputs} and, when recording, attaches {@code backward} as the result's gradient
     * rule.
     *
     * @param name the operation's name, used in error messages
     * @throws IllegalArgumentException if the forward pass returns null, or (when backward runs) the backward pass
     *     returns a number of gradients other than the number of inputs
     */
    @SuppressWarnings("try")
    public static Tensor apply(String name, Forward forward, Backward backward, Tensor... inputs) {
        Tensor[] detached = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            detached[i] = inputs[i].detach();
        }
        Tensor result;
        try (ThreadScope off = Grad.noGrad()) {
            result = forward.apply(detached.clone());
        }
        if (result == null) {
            throw new IllegalArgumentException("custom op '" + name + "': the forward pass returned null");
        }
        Tensor out = Tensor.wrap(result.storage, result.shape);
        if (!Autograd.recording(inputs)) {
            return out;
        }
        Tensor value = out;
        return Autograd.attach(out, name, g -> gradients(name, backward, detached, value, g, inputs), inputs);
    }

    private static Tensor[] gradients(String name, Backward backward, Tensor[] detached, Tensor out, Tensor g,
                                      Tensor[] inputs) {
        Tensor[] grads = backward.apply(detached.clone(), out, g);
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalArgumentException("custom op '" + name + "': the backward pass returned "
                    + (grads == null ? "null" : grads.length + " gradients") + " for " + inputs.length + " inputs");
        }
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null && !Shapes.broadcastsTo(inputs[i].shapeRef(), grads[i].shapeRef())) {
                throw new IllegalArgumentException("custom op '" + name + "': the gradient for input " + i
                        + " has shape " + Shapes.format(grads[i].shapeRef()) + ", which does not fit the input's"
                        + " shape " + Shapes.format(inputs[i].shapeRef()));
            }
        }
        return Arrays.copyOf(grads, grads.length);
    }
}
