package io.pplj.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Assigns batch dimensions to vectorized plates, per thread, as Pyro does: dimensions are counted from the right of
 * the batch shape ({@code -1} is the rightmost); a plate without an explicit dimension takes the rightmost free one,
 * so nested plates take {@code -1, -2, ...} from the inside out of allocation order; an explicit dimension must be
 * free.
 */
final class DimAllocator {

    /** Entry {@code i} names the plate holding dim {@code -1 - i}, or is null. */
    private final List<String> slots = new ArrayList<>();

    /**
     * Allocates a dimension.
     *
     * @param dim a negative dimension, or {@code null} for the rightmost free one
     * @throws IllegalArgumentException for a duplicate plate name, a non-negative dim or a dim another plate holds
     */
    int allocate(String name, Integer dim) {
        if (slots.contains(name)) {
            throw new IllegalArgumentException("plate '" + name + "' is already active (duplicate plate name)");
        }
        int d;
        if (dim == null) {
            d = -1;
            while (-d <= slots.size() && slots.get(-1 - d) != null) {
                d--;
            }
        } else {
            if (dim >= 0) {
                throw new IllegalArgumentException("plate '" + name + "': dim " + dim + " must be negative, counting"
                        + " from the right of the batch shape");
            }
            d = dim;
        }
        while (-d > slots.size()) {
            slots.add(null);
        }
        String holder = slots.get(-1 - d);
        if (holder != null) {
            throw new IllegalArgumentException("plates '" + name + "' and '" + holder + "' collide at dim " + d
                    + "; move one of them left, e.g. dim " + (d - 1));
        }
        slots.set(-1 - d, name);
        return d;
    }

    /** Frees a dimension a plate holds. */
    void free(String name, int dim) {
        int i = -1 - dim;
        if (i >= slots.size() || !name.equals(slots.get(i))) {
            throw new IllegalStateException("plate '" + name + "' does not hold dim " + dim);
        }
        slots.set(i, null);
        while (!slots.isEmpty() && slots.get(slots.size() - 1) == null) {
            slots.remove(slots.size() - 1);
        }
    }
}
