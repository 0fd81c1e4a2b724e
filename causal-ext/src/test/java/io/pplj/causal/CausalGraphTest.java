package io.pplj.causal;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Bernoulli;
import io.pplj.dist.Categorical;
import io.pplj.dist.Delta;
import io.pplj.dist.Normal;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.tensor.Tensor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CausalGraph: structure queries, d-separation, backdoor sets, DOT, and extraction from models. */
@SuppressWarnings("try")
class CausalGraphTest {

    /** Pearl's (Causality, fig. 3.4-like) graph with two minimal backdoor sets for x on y. */
    static final CausalGraph PEARL = CausalGraph.of("z1 -> z3", "z2 -> z3", "z1 -> x", "z3 -> x", "z3 -> y",
            "z2 -> y", "x -> w -> y");

    @Test
    void structureQueries() {
        assertEquals(List.of("z1", "z3", "z2", "x", "y", "w"), PEARL.nodes());
        assertEquals(Set.of("z1", "z3"), PEARL.parents("x"));
        assertEquals(Set.of("x", "y"), PEARL.children("z3"));
        assertEquals(Set.of("z1", "z2", "z3", "x", "w"), PEARL.ancestors("y"));
        assertEquals(Set.of("w", "y"), PEARL.descendants("x"));
        List<String> order = PEARL.topologicalOrder();
        for (CausalGraph.Edge e : PEARL.edges()) {
            assertTrue(order.indexOf(e.from()) < order.indexOf(e.to()), e.toString());
        }
        assertEquals(List.of("z1", "z2", "z3", "x", "w", "y"), order);
        CausalGraph cut = PEARL.mutilate("x");
        assertEquals(Set.of(), cut.parents("x"));
        assertEquals(PEARL.edges().size() - 2, cut.edges().size());
        assertEquals(CausalGraph.of("a -> b", "c"), CausalGraph.empty().withNode("c").withEdge("a", "b"));
    }

    @Test
    void dSeparation() {
        CausalGraph chain = CausalGraph.of("a -> b -> c");
        assertFalse(chain.isDSeparated("a", "c", Set.of()));
        assertTrue(chain.isDSeparated("a", "c", Set.of("b")));
        CausalGraph collider = CausalGraph.of("a -> c", "b -> c", "c -> d");
        assertTrue(collider.isDSeparated("a", "b", Set.of()));
        assertFalse(collider.isDSeparated("a", "b", Set.of("c")));
        assertFalse(collider.isDSeparated("a", "b", Set.of("d")), "a collider's descendant opens it too");
        assertFalse(PEARL.isDSeparated("x", "z2", Set.of()));
        assertTrue(PEARL.isDSeparated("x", "z2", Set.of("z1", "z3")));
        assertThrows(IllegalArgumentException.class, () -> chain.isDSeparated("a", "a", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> chain.isDSeparated("a", "q", Set.of()));
    }

    @Test
    void minimalBackdoorSets() {
        assertEquals(List.of(Set.of("z1", "z3"), Set.of("z3", "z2")), PEARL.backdoorAdjustmentSets("x", "y"));
        assertFalse(PEARL.isBackdoorAdjustmentSet("x", "y", Set.of("z3")), "z3 alone opens z1 -> z3 <- z2");
        assertFalse(PEARL.isBackdoorAdjustmentSet("x", "y", Set.of("z1", "z3", "w")), "w descends from x");
        CausalGraph mBias = CausalGraph.of("a -> x", "a -> m", "b -> m", "b -> y", "x -> y");
        assertEquals(List.of(Set.of()), mBias.backdoorAdjustmentSets("x", "y"), "nothing to adjust for");
        assertFalse(mBias.isBackdoorAdjustmentSet("x", "y", Set.of("m")), "adjusting for the collider m is bias");
        CausalGraph unblockable = CausalGraph.of("x -> y", "x -> m", "m -> y");
        assertEquals(List.of(Set.of()), unblockable.backdoorAdjustmentSets("x", "y"));
        assertThrows(IllegalArgumentException.class, () -> PEARL.backdoorAdjustmentSets("x", "x"));
    }

    @Test
    void dotAndErrors() {
        assertEquals("digraph {\n  \"a\";\n  \"b\";\n  \"a\" -> \"b\";\n}\n", CausalGraph.of("a -> b").toDot());
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
                () -> CausalGraph.of("a -> b -> c", "c -> a"));
        assertTrue(cycle.getMessage().contains("c -> a"), cycle.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> PEARL.parents("q"));
        assertTrue(unknown.getMessage().contains("'q'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CausalGraph.of("a -> "));
    }

    @Test
    void extractsContinuousModelsWithPlatesAndObservations() {
        Model<Tensor, Void> model = Model.of(data -> {
            Tensor mu = sample("mu", Normal.of(0.0, 1.0));
            Tensor tau = sample("tau", Normal.of(0.0, 1.0));
            try (Plate units = plate("units", data.size(0))) {
                Tensor h = sample("h", Normal.of(mu, tau.exp()));
                Tensor d = sample("d", Delta.of(h.mul(2.0)));
                observe("obs", Normal.of(d, Tensor.scalar(1.0)), data);
            }
        });
        assertEquals(CausalGraph.of("mu -> h", "tau -> h", "h -> d -> obs"), CausalGraph.fromModel(model,
                Tensor.of(1.0, 2.0)));
    }

    @Test
    void extractsDiscreteParentsUsedThroughIndexingAndComparisons() {
        Model<Void, Void> model = Model.of(in -> {
            Tensor season = sample("season", Categorical.ofProbs(0.25, 0.25, 0.25, 0.25));
            Tensor rain = sample("rain", Bernoulli.ofProbs(Tensor.of(0.1, 0.5, 0.8, 0.3).indexSelect(0,
                    season.reshape(1)).reshape()));
            Tensor sprinkler = sample("sprinkler", Bernoulli.ofProbs(Tensor.where(season.eq(1), Tensor.scalar(0.7),
                    Tensor.scalar(0.1))));
            Tensor wet = sample("wet", Bernoulli.ofProbs(Tensor.where(rain.eq(1.0).or(sprinkler.eq(1.0)),
                    Tensor.scalar(0.95), Tensor.scalar(0.05))));
            sample("slippery", Normal.of(wet.mul(3.0), Tensor.scalar(1.0)));
        });
        assertEquals(CausalGraph.of("season -> rain -> wet -> slippery", "season -> sprinkler -> wet"),
                CausalGraph.fromModel(model, null));
    }

    @Test
    void extractsThePearlGraphFromAModel() {
        Model<Void, Void> model = Model.of(in -> {
            Tensor z1 = sample("z1", Normal.of(0.0, 1.0));
            Tensor z2 = sample("z2", Normal.of(0.0, 1.0));
            Tensor z3 = sample("z3", Normal.of(z1.add(z2), Tensor.scalar(1.0)));
            Tensor x = sample("x", Bernoulli.ofLogits(z1.sub(z3)));
            Tensor w = sample("w", Normal.of(x.mul(2.0), Tensor.scalar(1.0)));
            sample("y", Normal.of(z3.add(z2).add(w), Tensor.scalar(1.0)));
        });
        CausalGraph g = CausalGraph.fromModel(model, null);
        assertEquals(PEARL, g);
        assertEquals(List.of("z1", "z2", "z3", "x", "w", "y"), g.nodes(), "in the order the sites ran");
    }
}
