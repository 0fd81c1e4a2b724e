package io.pplj.causal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * d-separation by the moralized ancestral graph (Lauritzen et al. 1990): {@code X} and {@code Y} are d-separated by
 * {@code Z} exactly when, in the subgraph of the ancestors of {@code X ∪ Y ∪ Z}, with co-parents married and
 * directions dropped, every path from {@code X} to {@code Y} passes through {@code Z}.
 */
final class DSeparation {

    private DSeparation() {
    }

    static boolean separated(CausalGraph g, Set<String> xs, Set<String> ys, Set<String> given) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> s : List.of(xs, ys, given)) {
            for (String n : s) {
                g.parents(n);
                if (!all.add(n)) {
                    throw new IllegalArgumentException("d-separation: node '" + n + "' is in more than one of "
                            + xs + ", " + ys + " and the conditioning set " + given);
                }
            }
        }
        Set<String> relevant = g.ancestorsOf(all);
        Map<String, Set<String>> adjacent = new HashMap<>();
        for (String n : relevant) {
            List<String> ps = List.copyOf(g.parents(n));
            for (int i = 0; i < ps.size(); i++) {
                link(adjacent, ps.get(i), n);
                for (int j = i + 1; j < ps.size(); j++) {
                    link(adjacent, ps.get(i), ps.get(j));
                }
            }
        }
        Set<String> seen = new HashSet<>(xs);
        Deque<String> todo = new ArrayDeque<>(xs);
        while (!todo.isEmpty()) {
            for (String next : adjacent.getOrDefault(todo.pop(), Set.of())) {
                if (ys.contains(next)) {
                    return false;
                }
                if (!given.contains(next) && seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return true;
    }

    private static void link(Map<String, Set<String>> adjacent, String a, String b) {
        adjacent.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        adjacent.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    }
}
