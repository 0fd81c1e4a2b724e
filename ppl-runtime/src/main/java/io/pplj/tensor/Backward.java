package io.pplj.tensor;

/**
 * The backward rule of one recorded operation: given the gradient of the loss with respect to the operation's
 * output, the gradients with respect to each input, in input order, written with tensor operations. An entry may be
 * {@code null} for an input that needs no gradient. Results may have the broadcast output's shape; the engine sums
 * them to each input's shape and converts them to each input's type.
 */
@FunctionalInterface
interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
