package io.pplj.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the recorded graph: orders the graph topologically (iteratively, so graphs of any
 * depth work), then walks it from the output back, summing the gradients that reach each tensor, fitting them to each
 * input's shape (undoing broadcasting) and type.
 */
final class BackwardPass {

    private static final Tensor[] NO_INPUTS = new Tensor[0];

    private BackwardPass() {
    }

    /**
     * Backpropagates from {@code root}. With {@code targets == null} gradients accumulate into the leaves'
     * {@code grad}; otherwise the gradients of the targets are returned and leaves are untouched.
     */
    @SuppressWarnings("try")
    static Tensor[] run(Tensor root, Tensor seed, boolean createGraph, Tensor[] targets) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward: the tensor (shape " + Shapes.format(root.shapeRef())
                    + ") does not require a gradient: no input of its computation requires one (mark leaves with"
                    + " requiresGrad(true)), or it was computed under Grad.noGrad() or detached");
        }
        Tensor start = seedFor(root, seed);
        Map<Tensor, Integer> targetIndex = new IdentityHashMap<>();
        if (targets != null) {
            for (int i = 0; i < targets.length; i++) {
                targetIndex.putIfAbsent(targets[i], i);
            }
        }
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> relevant = topologicalOrder(root, targets == null ? null : targetIndex, order);
        Tensor[] results = targets == null ? null : new Tensor[targets.length];
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, start);
        try (ThreadScope scope = createGraph ? Grad.enableGrad() : Grad.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (targets != null) {
                    Integer idx = targetIndex.get(t);
                    if (idx != null) {
                        results[idx] = g;
                    }
                } else if (t.node == null) {
                    t.accumulateGrad(g);
                }
                if (t.node != null && relevant.get(t)) {
                    propagate(t, g, grads, relevant);
                }
            }
        }
        if (results != null) {
            for (int i = 0; i < results.length; i++) {
                Integer first = targetIndex.get(targets[i]);
                Tensor r = results[first];
                results[i] = r != null ? r : Tensor.zerosLike(targets[i]);
            }
        }
        return results;
    }

    /** Which targets are {@code root} or its ancestors through recorded nodes (iterative search). */
    static boolean[] reaches(Tensor root, Tensor[] targets) {
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < targets.length; i++) {
            index.putIfAbsent(targets[i], i);
        }
        boolean[] found = new boolean[targets.length];
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Tensor> stack = new ArrayList<>();
        stack.add(root);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.remove(stack.size() - 1);
            Integer i = index.get(t);
            if (i != null) {
                found[i] = true;
            }
            if (t.node != null) {
                for (Tensor in : t.node.inputs) {
                    if (seen.put(in, Boolean.TRUE) == null) {
                        stack.add(in);
                    }
                }
            }
        }
        for (int i = 0; i < targets.length; i++) {
            found[i] = found[index.get(targets[i])];
        }
        return found;
    }

    private static Tensor seedFor(Tensor root, Tensor seed) {
        if (seed == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: the tensor has shape " + Shapes.format(root.shapeRef())
                        + "; a gradient can be created implicitly only for a single-element (scalar) output. Reduce"
                        + " it (sum, mean) or pass a seed gradient of that shape to backward(seed)");
            }
            return Tensor.onesLike(root);
        }
        if (!Arrays.equals(seed.shapeRef(), root.shapeRef())) {
            throw new IllegalArgumentException("backward: seed gradient shape " + Shapes.format(seed.shapeRef())
                    + " does not match the output shape " + Shapes.format(root.shapeRef()));
        }
        return seed.dtype() == root.dtype() ? seed : seed.asType(root.dtype());
    }

    private static void propagate(Tensor t, Tensor g, Map<Tensor, Tensor> grads, Map<Tensor, Boolean> relevant) {
        Node node = t.node;
        Tensor[] inputGrads = node.backward.apply(g);
        for (int j = 0; j < node.inputs.length; j++) {
            Tensor input = node.inputs[j];
            Tensor gj = inputGrads[j];
            if (gj == null || !input.requiresGrad || !relevant.getOrDefault(input, false)) {
                continue;
            }
            Tensor fitted = fit(gj, input, node.name());
            grads.merge(input, fitted, Tensor::add);
        }
    }

    /** Sums a gradient over broadcast dimensions down to the input's shape and converts it to the input's type. */
    private static Tensor fit(Tensor g, Tensor input, String op) {
        Tensor out = g;
        if (!Arrays.equals(g.shapeRef(), input.shapeRef())) {
            if (!Shapes.broadcastsTo(input.shapeRef(), g.shapeRef())) {
                throw new IllegalStateException("backward of " + op + ": gradient shape " + Shapes.format(g.shapeRef())
                        + " does not fit input shape " + Shapes.format(input.shapeRef()));
            }
            out = Reductions.sumTo(g, input.shapeRef());
        }
        return out.dtype() == input.dtype() ? out : out.asType(input.dtype());
    }

    /**
     * Post-order of the tensors reachable from root through recorded nodes (inputs before outputs). Returns, for
     * every visited tensor, whether gradients flowing into it can reach a target (every tensor, without targets).
     */
    private static Map<Tensor, Boolean> topologicalOrder(Tensor root, Map<Tensor, Integer> targets,
                                                         List<Tensor> order) {
        Map<Tensor, Boolean> relevant = new IdentityHashMap<>();
        List<Tensor> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(root);
        next.add(0);
        relevant.put(root, Boolean.FALSE);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int i = next.get(top);
            Tensor[] inputs = t.node == null ? NO_INPUTS : t.node.inputs;
            if (i < inputs.length) {
                next.set(top, i + 1);
                Tensor in = inputs[i];
                if (in.requiresGrad && !relevant.containsKey(in)) {
                    relevant.put(in, Boolean.FALSE);
                    stack.add(in);
                    next.add(0);
                }
                continue;
            }
            stack.remove(top);
            next.remove(top);
            boolean r = targets == null || targets.containsKey(t);
            for (Tensor in : inputs) {
                r |= in.requiresGrad && relevant.get(in);
            }
            relevant.put(t, r);
            order.add(t);
        }
        return relevant;
    }
}
