package io.pplj.causal;

import io.pplj.runtime.Model;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A causal DAG over named variables: written down ({@link #of(String...)}, {@link #withEdge}) or extracted from a
 * model ({@link #fromModel}). It answers the graphical questions of causal inference: parents, children, ancestors
 * and descendants, a topological order, the mutilated graph of an intervention ({@link #mutilate}), d-separation
 * ({@link #isDSeparated}), backdoor adjustment sets ({@link #backdoorAdjustmentSets}), and prints as Graphviz DOT.
 *
 * <p>Immutable: {@code with...} and {@link #mutilate} return new graphs. Nodes keep the order they were added in;
 * two graphs are equal when they have the same nodes and edges.
 *
 * <pre>{@code
 * CausalGraph g = CausalGraph.of("z -> x", "z -> y", "x -> y");
 * g.backdoorAdjustmentSets("x", "y");      // [[z]]: P(y | do(x)) = sum_z P(y | x, z) P(z)
 * }</pre>
 */
public final class CausalGraph {

    /**
     * A directed edge: {@code from} is a direct cause of {@code to}.
     *
     * @param from the parent
     * @param to the child
     */
    public record Edge(String from, String to) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private final LinkedHashMap<String, LinkedHashSet<String>> parents;

    private CausalGraph(LinkedHashMap<String, LinkedHashSet<String>> parents) {
        this.parents = parents;
    }

    /** The graph with no nodes. */
    public static CausalGraph empty() {
        return new CausalGraph(new LinkedHashMap<>());
    }

    /**
     * A graph from edges written as {@code "a -> b"} (chains {@code "a -> b -> c"} too) and lone nodes {@code "a"}.
     *
     * @throws IllegalArgumentException for an empty name or an edge that closes a cycle
     */
    public static CausalGraph of(String... edges) {
        CausalGraph g = empty();
        for (String e : edges) {
            String[] names = e.split("->", -1);
            String previous = null;
            for (String raw : names) {
                String name = raw.strip();
                g = previous == null ? g.withNode(name) : g.withEdge(previous, name);
                previous = name;
            }
        }
        return g;
    }

    /** A graph from edges. */
    public static CausalGraph of(Collection<Edge> edges) {
        CausalGraph g = empty();
        for (Edge e : edges) {
            g = g.withEdge(e.from(), e.to());
        }
        return g;
    }

    /** The number of runs {@link #fromModel(Model, Object)} takes. */
    public static final int DEFAULT_RUNS = 8;

    /**
     * The causal graph of a model's sample sites: a site's parents are the earlier sample sites whose values its
     * distribution was computed from. Each run tracks every value through the autodiff graph
     * ({@link io.pplj.runtime.DependencyTracking#ofSites()}); sites with a finite support (discrete ones, whose values
     * cannot carry gradients when they are integers, or may be used through comparisons) are also set to each value
     * of their support with every other site replayed, and a later site whose distribution changes is their child.
     * A mechanism may ignore a parent in some contexts ({@code wet = rain or sprinkler} ignores the sprinkler when it
     * rains), so the graph joins {@link #DEFAULT_RUNS} runs, each with its own seeded generator (extraction is
     * reproducible and leaves the thread's generator alone). Values used only through operations that record no
     * gradient (comparisons, rounding) stay invisible for continuous sites: write such mechanisms arithmetically, or
     * state the graph. Factor sites and deterministic records are not variables of the graph.
     */
    public static <A> CausalGraph fromModel(Model<A, ?> model, A input) {
        return GraphExtraction.extract(model, input, DEFAULT_RUNS);
    }

    /**
     * {@link #fromModel(Model, Object)} joining {@code runs} runs.
     *
     * @throws IllegalArgumentException if {@code runs} is below 1
     */
    public static <A> CausalGraph fromModel(Model<A, ?> model, A input, int runs) {
        return GraphExtraction.extract(model, input, runs);
    }

    /**
     * This graph with {@code name} added (as a node without edges) if it is new.
     *
     * @throws IllegalArgumentException for a null or empty name
     */
    public CausalGraph withNode(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("CausalGraph: node names must be non-empty");
        }
        if (parents.containsKey(name)) {
            return this;
        }
        LinkedHashMap<String, LinkedHashSet<String>> copy = copy();
        copy.put(name, new LinkedHashSet<>());
        return new CausalGraph(copy);
    }

    /**
     * This graph with the edge {@code from -> to} (adding the nodes as needed).
     *
     * @throws IllegalArgumentException for a self-loop or an edge that closes a cycle, naming it
     */
    public CausalGraph withEdge(String from, String to) {
        CausalGraph g = withNode(from).withNode(to);
        if (from.equals(to) || g.ancestors(from).contains(to)) {
            throw new IllegalArgumentException("CausalGraph: the edge " + from + " -> " + to + " closes a cycle ("
                    + to + " is " + (from.equals(to) ? "the same node" : "an ancestor of " + from) + ")");
        }
        LinkedHashMap<String, LinkedHashSet<String>> copy = g.copy();
        copy.get(to).add(from);
        return new CausalGraph(copy);
    }

    /** The nodes, in the order they were added. */
    public List<String> nodes() {
        return List.copyOf(parents.keySet());
    }

    /** The edges, grouped by child in node order. */
    public List<Edge> edges() {
        List<Edge> out = new ArrayList<>();
        parents.forEach((child, ps) -> ps.forEach(p -> out.add(new Edge(p, child))));
        return out;
    }

    /** Whether {@code name} is a node. */
    public boolean contains(String name) {
        return parents.containsKey(name);
    }

    /** The direct causes of a node. */
    public Set<String> parents(String node) {
        return Collections.unmodifiableSet(check(node));
    }

    /** The direct effects of a node, in node order. */
    public Set<String> children(String node) {
        check(node);
        Set<String> out = new LinkedHashSet<>();
        parents.forEach((child, ps) -> {
            if (ps.contains(node)) {
                out.add(child);
            }
        });
        return out;
    }

    /** The nodes with a directed path to {@code node} (not the node itself). */
    public Set<String> ancestors(String node) {
        return reach(node, true);
    }

    /** The nodes reachable from {@code node} along edges (not the node itself). */
    public Set<String> descendants(String node) {
        return reach(node, false);
    }

    /** The ancestors of a set of nodes, the nodes included. */
    Set<String> ancestorsOf(Collection<String> nodes) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : nodes) {
            out.add(n);
            out.addAll(ancestors(n));
        }
        return out;
    }

    /** The nodes ordered so that every edge points forward; among the nodes ready at once, the earliest added first. */
    public List<String> topologicalOrder() {
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < parents.size()) {
            for (Map.Entry<String, LinkedHashSet<String>> e : parents.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    placed.add(e.getKey());
                    order.add(e.getKey());
                    break;
                }
            }
        }
        return order;
    }

    /**
     * The graph of the intervention {@code do(targets)}: every edge into a target removed, the rest kept (Pearl's
     * mutilated graph).
     *
     * @throws IllegalArgumentException for an unknown node
     */
    public CausalGraph mutilate(Collection<String> targets) {
        LinkedHashMap<String, LinkedHashSet<String>> copy = copy();
        for (String t : targets) {
            check(t);
            copy.get(t).clear();
        }
        return new CausalGraph(copy);
    }

    /** {@link #mutilate(Collection)} of the given targets. */
    public CausalGraph mutilate(String... targets) {
        return mutilate(List.of(targets));
    }

    /**
     * Whether every path between {@code xs} and {@code ys} is blocked by {@code given} (d-separation): then
     * {@code xs} and {@code ys} are independent given {@code given} in every distribution the graph describes.
     *
     * @throws IllegalArgumentException for unknown nodes, or sets that overlap
     */
    public boolean isDSeparated(Set<String> xs, Set<String> ys, Set<String> given) {
        return DSeparation.separated(this, xs, ys, given);
    }

    /** {@link #isDSeparated(Set, Set, Set)} for single nodes. */
    public boolean isDSeparated(String x, String y, Set<String> given) {
        return isDSeparated(Set.of(x), Set.of(y), given);
    }

    /**
     * Whether {@code adjustment} satisfies the backdoor criterion relative to the treatment {@code x} and outcome
     * {@code y}: no node of it descends from {@code x}, and it blocks every path between them that starts with an
     * edge into {@code x}. Then {@code P(y | do(x)) = sum_z P(y | x, z) P(z)}.
     *
     * @throws IllegalArgumentException for unknown nodes
     */
    public boolean isBackdoorAdjustmentSet(String x, String y, Set<String> adjustment) {
        return Backdoor.satisfies(this, Set.of(x), Set.of(y), adjustment);
    }

    /**
     * The minimal backdoor adjustment sets for the effect of {@code x} on {@code y}: the sets satisfying the backdoor
     * criterion none of whose proper subsets does, smallest first (then by node order). Empty if there is none. The
     * search runs over the subsets of the candidates (ancestors of {@code x} and {@code y} that do not descend from
     * {@code x}).
     *
     * @throws IllegalArgumentException for unknown nodes, {@code x} equal to {@code y}, or more than
     *     {@value Backdoor#MAX_CANDIDATES} candidates
     */
    public List<Set<String>> backdoorAdjustmentSets(String x, String y) {
        return Backdoor.minimalSets(this, x, y);
    }

    /**
     * The graph in Graphviz DOT: {@code digraph { "z"; "z" -> "x"; }} (every node listed, then the edges), for
     * {@code dot -Tpng}.
     */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph {\n");
        for (String n : parents.keySet()) {
            sb.append("  ").append(quote(n)).append(";\n");
        }
        for (Edge e : edges()) {
            sb.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to())).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CausalGraph)) {
            return false;
        }
        CausalGraph g = (CausalGraph) o;
        return g.parents.keySet().equals(parents.keySet()) && new LinkedHashSet<>(g.edges()).equals(
                new LinkedHashSet<>(edges()));
    }

    @Override
    public int hashCode() {
        return parents.keySet().hashCode() + new LinkedHashSet<>(edges()).hashCode();
    }

    /** For example {@code CausalGraph[nodes [z, x, y], edges [z -> x, z -> y, x -> y]]}. */
    @Override
    public String toString() {
        return "CausalGraph[nodes " + parents.keySet() + ", edges " + edges() + "]";
    }

    private LinkedHashSet<String> check(String node) {
        LinkedHashSet<String> ps = parents.get(node);
        if (ps == null) {
            throw new IllegalArgumentException("CausalGraph: no node named '" + node + "'; the nodes are "
                    + parents.keySet());
        }
        return ps;
    }

    private Set<String> reach(String node, boolean up) {
        check(node);
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            for (String next : up ? parents.get(n) : children(n)) {
                if (out.add(next)) {
                    todo.push(next);
                }
            }
        }
        out.remove(node);
        return out;
    }

    private LinkedHashMap<String, LinkedHashSet<String>> copy() {
        LinkedHashMap<String, LinkedHashSet<String>> c = new LinkedHashMap<>();
        parents.forEach((k, v) -> c.put(k, new LinkedHashSet<>(v)));
        return c;
    }
}
