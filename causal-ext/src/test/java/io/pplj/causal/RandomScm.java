package io.pplj.causal;

import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;

import io.pplj.dist.AffineTransform;
import io.pplj.dist.Bernoulli;
import io.pplj.dist.Distribution;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A small generated structural causal model: nodes {@code v0, v1, ...} in a units plate, each a mechanism of a linear
 * function of its parents (earlier nodes): Normal(lin, 1), Bernoulli(logits = lin), or lin + N(0, 1) written as a
 * TransformedDistribution.
 */
@SuppressWarnings("try")
record RandomScm(List<Node> nodes, int units) {

    /** Mechanism kinds. */
    enum Kind { NORMAL, BERNOULLI, TRANSFORMED }

    /**
     * One node.
     *
     * @param kind the mechanism
     * @param parents bit i set: node i is a parent
     * @param weights the weight of each possible parent
     * @param bias the constant term
     */
    record Node(Kind kind, int parents, List<Double> weights, double bias) {
    }

    /** SCMs of 2 to 5 nodes in a plate of 1 to 3 units. */
    static Arbitrary<RandomScm> arbitrary() {
        return Arbitraries.integers().between(2, 5).flatMap(n -> {
            List<Arbitrary<Node>> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Arbitrary<Double> weight = Arbitraries.doubles().between(0.5, 2.0).ofScale(2)
                        .flatMap(w -> Arbitraries.of(w, -w));
                nodes.add(Combinators.combine(Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, (1 << i) - 1), weight.list().ofSize(Math.max(i, 1)),
                        Arbitraries.doubles().between(-1, 1).ofScale(2)).as(Node::new));
            }
            return Combinators.combine(Combinators.combine(nodes).as(List::copyOf),
                    Arbitraries.integers().between(1, 3)).as(RandomScm::new);
        });
    }

    /** The name of node {@code i}. */
    static String name(int i) {
        return "v" + i;
    }

    /** The model; with {@code sink}, a last site "sink" ~ Normal(sum of all nodes, 1). */
    Model<Void, Void> model(boolean sink) {
        return Model.of(in -> {
            try (Plate p = plate("units", units)) {
                List<Tensor> values = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    Node node = nodes.get(i);
                    Tensor lin = Tensor.scalar(node.bias());
                    for (int j = 0; j < i; j++) {
                        if ((node.parents() >> j & 1) == 1) {
                            lin = lin.add(values.get(j).mul(node.weights().get(j)));
                        }
                    }
                    values.add(sample(name(i), mechanism(node.kind(), lin)));
                }
                if (sink) {
                    Tensor total = Tensor.scalar(0.0);
                    for (Tensor v : values) {
                        total = total.add(v);
                    }
                    sample("sink", Normal.of(total, Tensor.scalar(1.0)));
                }
            }
        });
    }

    private static Distribution mechanism(Kind kind, Tensor lin) {
        switch (kind) {
            case NORMAL:
                return Normal.of(lin, Tensor.scalar(1.0));
            case BERNOULLI:
                return Bernoulli.ofLogits(lin);
            default:
                return TransformedDistribution.of(Normal.of(0.0, 1.0), AffineTransform.of(lin, Tensor.scalar(1.0)));
        }
    }

    /** The DAG the model was written from. */
    CausalGraph graph() {
        CausalGraph g = CausalGraph.empty();
        for (int i = 0; i < nodes.size(); i++) {
            g = g.withNode(name(i));
            for (int j = 0; j < i; j++) {
                if ((nodes.get(i).parents() >> j & 1) == 1) {
                    g = g.withEdge(name(j), name(i));
                }
            }
        }
        return g;
    }

    /** An intervention value valid for every kind (1 is in every support). */
    static Map<String, Object> actions(List<Integer> targets) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int t : targets) {
            out.put(name(t), 1.0);
        }
        return out;
    }
}
