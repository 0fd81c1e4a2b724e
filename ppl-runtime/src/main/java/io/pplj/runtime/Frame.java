package io.pplj.runtime;

/**
 * One plate a site sits in (Pyro's {@code CondIndepStackFrame}): the plate's name, the batch dimension it indexes
 * (negative, counted from the right of the batch shape; {@code null} for a sequential plate), its size at this site
 * (the subsample size when subsampling), the iteration counter of a sequential plate, and the full size before
 * subsampling.
 *
 * @param name the plate's name
 * @param dim the batch dimension, or {@code null} for a sequential plate
 * @param size the plate's size at this site
 * @param counter the iteration of a sequential plate (0 for vectorized plates)
 * @param fullSize the size before subsampling
 */
public record Frame(String name, Integer dim, int size, int counter, int fullSize) {

    /** Whether the plate is vectorized (has a batch dimension). */
    public boolean vectorized() {
        return dim != null;
    }

    @Override
    public String toString() {
        return "plate '" + name + "' (size " + size + (fullSize != size ? " of " + fullSize : "")
                + (dim != null ? ", dim " + dim : ", sequential #" + counter) + ")";
    }
}
