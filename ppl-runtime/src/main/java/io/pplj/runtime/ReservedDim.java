package io.pplj.runtime;

/**
 * A batch dimension held on the current thread for something other than a plate, left of all plates: the causal
 * extension puts counterfactual worlds there, as Pyro's enumeration puts enumerated values left of
 * {@code max_plate_nesting}. While it is held, plates skip it, and a plate that would take a dimension left of it
 * (an explicit {@code dim}, or nesting deep enough to pass it) fails with a message that ends with the holder's
 * advice, so values keep their plate dimensions where the model's data put them.
 *
 * <pre>{@code
 * try (ReservedDim worlds = ReservedDim.leftOfPlates("worlds", -1, "use firstAvailableDim")) {
 *     // worlds.dim() is left of every plate open now; plates entered now must fit right of it
 * }
 * }</pre>
 */
public final class ReservedDim implements AutoCloseable {

    private final String name;
    private final int dim;
    private boolean held = true;

    private ReservedDim(String name, int dim) {
        this.name = name;
        this.dim = dim;
    }

    /**
     * Reserves {@code min(atMost, leftmost dimension held now - 1)} on the current thread.
     *
     * @param name names the holder in plates' error messages
     * @param atMost a negative dimension; the reservation is this one or further left
     * @param advice what a user should do when a plate would pass it (ends such errors)
     * @throws IllegalArgumentException for a non-negative {@code atMost}, or a name that holds a dimension already
     */
    public static ReservedDim leftOfPlates(String name, int atMost, String advice) {
        return new ReservedDim(name, EffectStack.current().dims().reserveLeft(name, atMost, advice));
    }

    /** The holder's name. */
    public String name() {
        return name;
    }

    /** The reserved dimension (negative, from the right of the batch shape). */
    public int dim() {
        return dim;
    }

    /**
     * Frees the dimension (on the thread that reserved it); closing twice does nothing.
     *
     * @throws IllegalStateException if the current thread does not hold it
     */
    @Override
    public void close() {
        if (held) {
            EffectStack.current().dims().free(name, dim);
            held = false;
        }
    }

    @Override
    public String toString() {
        return "ReservedDim('" + name + "', dim " + dim + ")";
    }
}
