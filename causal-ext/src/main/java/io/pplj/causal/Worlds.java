package io.pplj.causal;

import io.pplj.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world indices of one run under a counterfactual handler ({@link CounterfactualHandler#worlds()}): each index
 * is a batch dimension left of all plates, of size 2 (position 0: the factual value, position 1: the intervened
 * one). {@link TwinWorldCounterfactual} has one index, {@code "twin"}; {@link MultiWorldCounterfactual} has one per
 * intervened site, named after it, so k interventions give {@link #count() 2^k} worlds.
 *
 * <p>Values read here are ordinary tensors whose world dimensions are those batch dimensions: a value upstream of
 * every intervention has size 1 (or no dimension) there and is shared by all worlds.
 *
 * <pre>{@code
 * Worlds w = twin.worlds();
 * Tensor yFactual = w.factual(trace.site("y").value());          // world dims removed
 * Tensor yCounterfactual = w.counterfactual(trace.site("y").value());
 * }</pre>
 */
public final class Worlds {

    private static final Worlds NONE = new Worlds(new LinkedHashMap<>());

    /** Name to {@code {dim, size}}, in allocation order. */
    private final LinkedHashMap<String, int[]> indices;

    private Worlds(LinkedHashMap<String, int[]> indices) {
        this.indices = indices;
    }

    /** No world index (no intervention has split the worlds). */
    public static Worlds none() {
        return NONE;
    }

    /** These worlds and a new index on {@code dim}. */
    Worlds with(String name, int dim, int size) {
        LinkedHashMap<String, int[]> copy = new LinkedHashMap<>(indices);
        copy.put(name, new int[] {dim, size});
        return new Worlds(copy);
    }

    /** The world indices, in the order the interventions created them. */
    public List<String> names() {
        return List.copyOf(indices.keySet());
    }

    /** Whether {@code name} is a world index here. */
    public boolean contains(String name) {
        return indices.containsKey(name);
    }

    /** The batch dimension of a world index (negative, counted from the right of the batch shape). */
    public int dim(String name) {
        return entry(name)[0];
    }

    /** The number of positions along a world index. */
    public int size(String name) {
        return entry(name)[1];
    }

    /** The number of worlds: the product of the indices' sizes (1 when nothing was split). */
    public int count() {
        int n = 1;
        for (int[] e : indices.values()) {
            n *= e[1];
        }
        return n;
    }

    /** The factual world: position 0 along every index. */
    public IndexSet factual() {
        IndexSet out = IndexSet.empty();
        for (String name : indices.keySet()) {
            out = out.with(name, 0);
        }
        return out;
    }

    /** The world in which every intervention happened: the last position along every index. */
    public IndexSet counterfactual() {
        IndexSet out = IndexSet.empty();
        for (Map.Entry<String, int[]> e : indices.entrySet()) {
            out = out.with(e.getKey(), e.getValue()[1] - 1);
        }
        return out;
    }

    /**
     * The entries of {@code value} in the selected worlds (ChiRho's {@code gather}): along each world dimension the
     * value has (size above 1), the selected positions; other dimensions untouched, so world dimensions stay (with
     * the number of positions selected).
     */
    public Tensor gather(Tensor value, IndexSet worlds) {
        return gather(value, worlds, 0);
    }

    /**
     * {@link #gather(Tensor, IndexSet)} for a value whose last {@code eventDim} dimensions are an event (world
     * dimensions are batch dimensions, counted left of the event).
     *
     * @throws IllegalArgumentException for a position beyond an index's size
     */
    public Tensor gather(Tensor value, IndexSet worlds, int eventDim) {
        Tensor out = value;
        for (String name : worlds.names()) {
            if (!indices.containsKey(name)) {
                continue;
            }
            int at = position(out, name, eventDim);
            if (at < 0 || out.size(at) == 1) {
                continue;
            }
            long[] picked = worlds.indices(name).stream().mapToLong(Integer::longValue).toArray();
            if (picked[picked.length - 1] >= out.size(at)) {
                throw new IllegalArgumentException("gather: world index '" + name + "' has " + out.size(at)
                        + " positions, not " + (picked[picked.length - 1] + 1));
            }
            out = out.indexSelect(at, Tensor.ofLongs(picked));
        }
        return out;
    }

    /**
     * The value in the selected worlds with the world dimensions that hold one position removed: the value as the
     * model would see it in a single world, shaped as without world handlers.
     */
    public Tensor select(Tensor value, IndexSet worlds) {
        return select(value, worlds, 0);
    }

    /** {@link #select(Tensor, IndexSet)} for a value with {@code eventDim} event dimensions. */
    public Tensor select(Tensor value, IndexSet worlds, int eventDim) {
        Tensor out = gather(value, worlds, eventDim);
        int[] positions = indices.keySet().stream().mapToInt(n -> position(value, n, eventDim)).filter(p -> p >= 0)
                .sorted().toArray();
        for (int i = positions.length - 1; i >= 0; i--) {
            if (out.size(positions[i]) == 1) {
                out = out.squeeze(positions[i]);
            }
        }
        return out;
    }

    /** The value in the factual world, world dimensions removed. */
    public Tensor factual(Tensor value) {
        return select(value, factual());
    }

    /** The value in the world where every intervention happened, world dimensions removed. */
    public Tensor counterfactual(Tensor value) {
        return select(value, counterfactual());
    }

    /** The world indices along which {@code value} varies (size above 1): ChiRho's {@code indices_of}. */
    public IndexSet indicesOf(Tensor value) {
        return indicesOf(value, 0);
    }

    /** {@link #indicesOf(Tensor)} for a value with {@code eventDim} event dimensions. */
    public IndexSet indicesOf(Tensor value, int eventDim) {
        return indicesOfBatch(Arrays.copyOf(value.shape(), Math.max(value.dim() - eventDim, 0)));
    }

    /** The world indices along which a batch shape varies. */
    public IndexSet indicesOfBatch(int[] batchShape) {
        IndexSet out = IndexSet.empty();
        for (Map.Entry<String, int[]> e : indices.entrySet()) {
            int at = batchShape.length + e.getValue()[0];
            if (at >= 0 && batchShape[at] > 1) {
                int[] all = new int[batchShape[at]];
                Arrays.setAll(all, i -> i);
                out = out.with(e.getKey(), all);
            }
        }
        return out;
    }

    /**
     * A bool tensor over the world dimensions (shape {@code [.., size, .., 1]}, broadcasting against batch shapes),
     * true in the selected worlds (ChiRho's {@code indexset_as_mask}); indices not named select every position.
     */
    public Tensor mask(IndexSet worlds) {
        int rank = 0;
        for (int[] e : indices.values()) {
            rank = Math.max(rank, -e[0]);
        }
        Tensor mask = Tensor.ofBooleans(new boolean[] {true}).reshape(ones(rank));
        for (Map.Entry<String, int[]> e : indices.entrySet()) {
            if (!worlds.names().contains(e.getKey())) {
                continue;
            }
            boolean[] on = new boolean[e.getValue()[1]];
            for (int i : worlds.indices(e.getKey())) {
                if (i < on.length) {
                    on[i] = true;
                }
            }
            int[] shape = ones(rank);
            shape[rank + e.getValue()[0]] = on.length;
            mask = mask.and(Tensor.ofBooleans(on, shape));
        }
        return mask;
    }

    private static int[] ones(int rank) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        return s;
    }

    /** The position of a world dimension in {@code value}, or -1 when the value does not reach it. */
    private int position(Tensor value, String name, int eventDim) {
        int at = value.dim() - eventDim + indices.get(name)[0];
        return at >= 0 && at < value.dim() - eventDim ? at : -1;
    }

    private int[] entry(String name) {
        int[] e = indices.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no world index named '" + name + "'; the world indices are "
                    + indices.keySet());
        }
        return e;
    }

    /** For example {@code Worlds{twin: dim -2, size 2}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Worlds{");
        indices.forEach((n, e) -> sb.append(sb.length() > 7 ? ", " : "").append(n).append(": dim ").append(e[0])
                .append(", size ").append(e[1]));
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Worlds)) {
            return false;
        }
        Map<String, int[]> other = ((Worlds) o).indices;
        if (!other.keySet().equals(indices.keySet())) {
            return false;
        }
        return indices.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, int[]> e : indices.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
