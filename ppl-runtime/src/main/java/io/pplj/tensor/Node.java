package io.pplj.tensor;

/** A recorded operation in the autodiff graph: its name (for error messages), its inputs and its backward rule. */
final class Node {
    final String op;
    final Tensor[] inputs;
    final Backward backward;

    Node(String op, Tensor[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }
}
