package io.pplj.tensor;

/**
 * A recorded operation in the autodiff graph: what it was (an op enum or a name, turned into text only for
 * messages, so recording allocates no strings), its inputs and its backward rule.
 */
final class Node {
    private final Object op;
    final Tensor[] inputs;
    final Backward backward;

    Node(Object op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    /** The operation's name for messages, such as {@code "tanh"}. */
    String name() {
        return OpNames.of(op);
    }
}
