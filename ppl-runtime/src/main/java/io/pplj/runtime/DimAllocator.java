package io.pplj.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns batch dimensions to vectorized plates, per thread, as Pyro does: dimensions are counted from the right of
 * the batch shape ({@code -1} is the rightmost); a plate without an explicit dimension takes the rightmost free one,
 * so nested plates take {@code -1, -2, ...} from the inside out of allocation order; an explicit dimension must be
 * free.
 *
 * <p>Dimensions can also be {@linkplain #reserveLeft reserved left of all plates} ({@link ReservedDim}): while such
 * a reservation is held, no plate may take a dimension left of it.
 */
final class DimAllocator {

    /** Entry {@code i} names the plate holding dim {@code -1 - i}, or is null. */
    private final List<String> slots = new ArrayList<>();
    /** The reservations left of all plates: dim to the advice their errors give. */
    private final Map<Integer, String> reserved = new HashMap<>();

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
        if (holder != null && reserved.containsKey(d)) {
            throw new IllegalArgumentException("plate '" + name + "' cannot take dim " + d + ": '" + holder
                    + "' holds it, left of all plates. " + reserved.get(d));
        }
        if (holder != null) {
            throw new IllegalArgumentException("plates '" + name + "' and '" + holder + "' collide at dim " + d
                    + "; move one of them left, e.g. dim " + (d - 1));
        }
        for (Map.Entry<Integer, String> r : reserved.entrySet()) {
            if (r.getKey() > d) {
                throw new IllegalArgumentException("plate '" + name + "' would take dim " + d + ", left of '"
                        + slots.get(-1 - r.getKey()) + "' at dim " + r.getKey() + ", which must stay left of all"
                        + " plates. " + r.getValue());
            }
        }
        slots.set(-1 - d, name);
        return d;
    }

    /**
     * Reserves a dimension left of every dimension held now: {@code min(atMost, leftmost held - 1)}. While it is
     * held, a plate that would take a dimension left of it fails with {@code advice} in its message.
     *
     * @param atMost a negative dimension: the reservation is this dimension or further left
     * @throws IllegalArgumentException for a non-negative {@code atMost} or a name already holding a dimension
     */
    int reserveLeft(String name, int atMost, String advice) {
        if (atMost >= 0) {
            throw new IllegalArgumentException("'" + name + "': dim " + atMost + " must be negative, counting from"
                    + " the right of the batch shape");
        }
        if (slots.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' already holds a batch dimension");
        }
        int d = Math.min(atMost, -slots.size() - 1);
        while (-d > slots.size()) {
            slots.add(null);
        }
        slots.set(-1 - d, name);
        reserved.put(d, advice);
        return d;
    }

    /** Frees a dimension a plate or reservation holds. */
    void free(String name, int dim) {
        int i = -1 - dim;
        if (i >= slots.size() || !name.equals(slots.get(i))) {
            throw new IllegalStateException("plate '" + name + "' does not hold dim " + dim);
        }
        slots.set(i, null);
        reserved.remove(dim);
        while (!slots.isEmpty() && slots.get(slots.size() - 1) == null) {
            slots.remove(slots.size() - 1);
        }
    }
}
