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
        Map<Tensor, Slot> slots = new IdentityHashMap<>();
        if (targets != null) {
            for (int i = 0; i < targets.length; i++) {
                Slot target = new Slot(targets[i]);
                target.targetIndex = i;
                slots.putIfAbsent(targets[i], target);
            }
        }
        List<Slot> order = topologicalOrder(root, slots, targets != null);
        Tensor[] results = targets == null ? null : new Tensor[targets.length];
        order.get(order.size() - 1).grad = start;
        try (ThreadScope scope = createGraph ? Grad.enableGrad() : Grad.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Slot slot = order.get(i);
                Tensor g = slot.grad;
                if (g == null) {
                    continue;
                }
                slot.grad = null;
                if (slot.targetIndex >= 0) {
                    results[slot.targetIndex] = g;
                } else if (targets == null && slot.tensor.node == null) {
                    slot.tensor.accumulateGrad(g);
                }
                if (slot.tensor.node != null && slot.relevant) {
                    propagate(slot, g);
                }
            }
        }
        if (results != null) {
            for (int i = 0; i < results.length; i++) {
                Tensor r = results[slots.get(targets[i]).targetIndex];
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

    private static void propagate(Slot slot, Tensor g) {
        Node node = slot.tensor.node;
        Tensor[] inputGrads = node.backward.apply(g);
        for (int j = 0; j < node.inputs.length; j++) {
            Slot input = slot.inputs[j];
            Tensor gj = inputGrads[j];
            if (gj == null || input == null || !input.relevant) {
                continue;
            }
            Tensor fitted = fit(gj, input.tensor, node);
            input.grad = input.grad == null ? fitted : input.grad.add(fitted);
        }
    }

    /** Sums a gradient over broadcast dimensions down to the input's shape and converts it to the input's type. */
    private static Tensor fit(Tensor g, Tensor input, Node op) {
        Tensor out = g;
        if (!Arrays.equals(g.shapeRef(), input.shapeRef())) {
            if (!Shapes.broadcastsTo(input.shapeRef(), g.shapeRef())) {
                throw new IllegalStateException("backward of " + op.name() + ": gradient shape " + Shapes.format(g.shapeRef())
                        + " does not fit input shape " + Shapes.format(input.shapeRef()));
            }
            out = Reductions.sumTo(g, input.shapeRef());
        }
        return out.dtype() == input.dtype() ? out : out.asType(input.dtype());
    }

    /**
     * Post-order of the tensors reachable from root through recorded nodes that require gradients (inputs before
     * outputs; root last), as slots that link to their inputs' slots and know whether gradients flowing into them
     * can reach a target (every tensor is relevant without targets). {@code slots} holds the targets' slots on entry
     * and every visited tensor's slot on return.
     */
    private static List<Slot> topologicalOrder(Tensor root, Map<Tensor, Slot> slots, boolean hasTargets) {
        List<Slot> order = new ArrayList<>();
        List<Slot> stack = new ArrayList<>();
        Slot rootSlot = slots.computeIfAbsent(root, Slot::new);
        rootSlot.visited = true;
        stack.add(rootSlot);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Slot slot = stack.get(top);
            Tensor[] inputs = slot.tensor.node == null ? NO_INPUTS : slot.tensor.node.inputs;
            if (slot.inputs == null) {
                slot.inputs = new Slot[inputs.length];
            }
            int i = slot.nextInput;
            if (i < inputs.length) {
                slot.nextInput = i + 1;
                Tensor in = inputs[i];
                if (in.requiresGrad) {
                    Slot inSlot = slots.computeIfAbsent(in, Slot::new);
                    slot.inputs[i] = inSlot;
                    if (!inSlot.visited) {
                        inSlot.visited = true;
                        stack.add(inSlot);
                    }
                }
                continue;
            }
            stack.remove(top);
            boolean relevant = !hasTargets || slot.targetIndex >= 0;
            for (Slot in : slot.inputs) {
                relevant |= in != null && in.relevant;
            }
            slot.relevant = relevant;
            order.add(slot);
        }
        return order;
    }

    /** One tensor's bookkeeping during a pass. */
    private static final class Slot {
        final Tensor tensor;
        /** The slots of the node's inputs that require gradients (null entries for the others). */
        Slot[] inputs;
        int nextInput;
        boolean visited;
        boolean relevant;
        /** The position of this tensor among the targets (its first occurrence), or -1. */
        int targetIndex = -1;
        /** The gradient summed so far. */
        Tensor grad;

        Slot(Tensor tensor) {
            this.tensor = tensor;
        }
    }
}
