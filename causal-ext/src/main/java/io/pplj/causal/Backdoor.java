package io.pplj.causal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pearl's backdoor criterion and the search for minimal adjustment sets. A set Z is a backdoor set for (X, Y) when
 * no node of Z descends from X and Z d-separates X from Y once the edges out of X are removed. Minimal sets lie
 * among the ancestors of X and Y (Tian, Paz and Pearl 1998), so the search enumerates subsets of those, smallest
 * first, keeping the valid ones that contain no valid set already found.
 */
final class Backdoor {

    /** The largest candidate set searched exhaustively (2^20 subsets). */
    static final int MAX_CANDIDATES = 20;

    private Backdoor() {
    }

    static boolean satisfies(CausalGraph g, Set<String> xs, Set<String> ys, Set<String> adjustment) {
        for (String z : adjustment) {
            g.parents(z);
            if (xs.contains(z) || ys.contains(z)) {
                return false;
            }
            for (String x : xs) {
                if (g.descendants(x).contains(z)) {
                    return false;
                }
            }
        }
        CausalGraph cut = CausalGraph.empty();
        for (String n : g.nodes()) {
            cut = cut.withNode(n);
        }
        for (CausalGraph.Edge e : g.edges()) {
            if (!xs.contains(e.from())) {
                cut = cut.withEdge(e.from(), e.to());
            }
        }
        return DSeparation.separated(cut, xs, ys, adjustment);
    }

    static List<Set<String>> minimalSets(CausalGraph g, String x, String y) {
        if (x.equals(y)) {
            throw new IllegalArgumentException("backdoor: the treatment and the outcome are the same node '" + x + "'");
        }
        List<String> candidates = new ArrayList<>();
        Set<String> relevant = g.ancestorsOf(List.of(x, y));
        Set<String> after = g.descendants(x);
        for (String n : g.nodes()) {
            if (relevant.contains(n) && !after.contains(n) && !n.equals(x) && !n.equals(y)) {
                candidates.add(n);
            }
        }
        if (candidates.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("backdoor: " + candidates.size() + " candidate nodes for the effect of"
                    + " '" + x + "' on '" + y + "'; the exhaustive search handles at most " + MAX_CANDIDATES
                    + "; test specific sets with isBackdoorAdjustmentSet");
        }
        List<Set<String>> found = new ArrayList<>();
        for (int size = 0; size <= candidates.size(); size++) {
            collect(g, x, y, candidates, size, 0, new ArrayList<>(), found);
        }
        return found;
    }

    /** Adds the valid sets of {@code size} extending {@code chosen} with candidates from {@code from} on. */
    private static void collect(CausalGraph g, String x, String y, List<String> candidates, int size, int from,
                                List<String> chosen, List<Set<String>> found) {
        if (chosen.size() == size) {
            Set<String> set = new LinkedHashSet<>(chosen);
            if (found.stream().noneMatch(set::containsAll) && satisfies(g, Set.of(x), Set.of(y), set)) {
                found.add(Collections.unmodifiableSet(set));
            }
            return;
        }
        for (int i = from; i <= candidates.size() - (size - chosen.size()); i++) {
            chosen.add(candidates.get(i));
            collect(g, x, y, candidates, size, i + 1, chosen, found);
            chosen.remove(chosen.size() - 1);
        }
    }
}
