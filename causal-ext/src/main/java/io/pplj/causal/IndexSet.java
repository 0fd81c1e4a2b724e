package io.pplj.causal;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of counterfactual worlds, by index (ChiRho's {@code IndexSet}): for each world index (one per intervention
 * under {@link MultiWorldCounterfactual}, one shared index under {@link TwinWorldCounterfactual}) the positions
 * selected along it, {@code 0} being the factual world of that index. Indices not named are unconstrained.
 *
 * <p>Immutable; names with no positions are dropped, so {@code IndexSet.of("x")} is empty.
 *
 * <pre>{@code
 * IndexSet.of("x", 1).with("z", 0)      // worlds where x was intervened on and z was not
 * }</pre>
 */
public final class IndexSet {

    private static final IndexSet EMPTY = new IndexSet(new TreeMap<>());

    private final TreeMap<String, SortedSet<Integer>> entries;

    private IndexSet(TreeMap<String, SortedSet<Integer>> entries) {
        this.entries = entries;
    }

    /** The set constraining nothing. */
    public static IndexSet empty() {
        return EMPTY;
    }

    /**
     * The positions {@code indices} along the world index {@code name}.
     *
     * @throws IllegalArgumentException for a negative position
     */
    public static IndexSet of(String name, int... indices) {
        return EMPTY.with(name, indices);
    }

    /** The given positions per world index. */
    public static IndexSet of(Map<String, ? extends Collection<Integer>> entries) {
        IndexSet out = EMPTY;
        for (Map.Entry<String, ? extends Collection<Integer>> e : entries.entrySet()) {
            out = out.with(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * This set with the positions along {@code name} replaced by {@code indices}.
     *
     * @throws IllegalArgumentException for a negative position
     */
    public IndexSet with(String name, int... indices) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("IndexSet: world index '" + name + "' position " + i
                        + " is negative");
            }
            set.add(i);
        }
        TreeMap<String, SortedSet<Integer>> copy = new TreeMap<>(entries);
        if (set.isEmpty()) {
            copy.remove(name);
        } else {
            copy.put(name, Collections.unmodifiableSortedSet(set));
        }
        return new IndexSet(copy);
    }

    /**
     * The union: for each name in any of the sets, the union of its positions (ChiRho's {@code union}; associative,
     * commutative and idempotent).
     */
    public static IndexSet union(IndexSet... sets) {
        TreeMap<String, SortedSet<Integer>> out = new TreeMap<>();
        for (IndexSet s : sets) {
            for (Map.Entry<String, SortedSet<Integer>> e : s.entries.entrySet()) {
                TreeSet<Integer> merged = new TreeSet<>(out.getOrDefault(e.getKey(), Collections.emptySortedSet()));
                merged.addAll(e.getValue());
                out.put(e.getKey(), Collections.unmodifiableSortedSet(merged));
            }
        }
        return new IndexSet(out);
    }

    /** The world indices named, in alphabetical order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The positions along {@code name}, empty when it is not named. */
    public SortedSet<Integer> indices(String name) {
        return entries.getOrDefault(name, Collections.emptySortedSet());
    }

    /** Whether no index is named. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexSet && ((IndexSet) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** For example {@code IndexSet{x=[0, 1], z=[1]}}. */
    @Override
    public String toString() {
        return "IndexSet" + entries;
    }
}
