package io.pplj.docs;

import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.causal.Causal;
import io.pplj.causal.CausalGraph;
import io.pplj.causal.ExactPosterior;
import io.pplj.causal.ExactQuery;
import io.pplj.causal.IndexSet;
import io.pplj.causal.MultiWorldCounterfactual;
import io.pplj.causal.TwinWorldCounterfactual;
import io.pplj.causal.Worlds;
import io.pplj.dist.AffineTransform;
import io.pplj.dist.Bernoulli;
import io.pplj.dist.Delta;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The examples of docs/causal.md, run and checked; and a check that the page shows exactly this code. */
class CausalDocsTest {

    static final Tensor ONE = Tensor.scalar(1.0);

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/causal.md",
                "causal-ext/src/test/java/io/pplj/docs/CausalDocsTest.java");
    }

    // example: squad
    /** Pearl's firing squad, with the exogenous noise written as sites of their own. */
    static Model<Void, Void> squad(double pOrder, double pNervous, double pLethal) {
        return Model.of(in -> {
            Tensor order = sample("order", Bernoulli.ofProbs(pOrder));        // U: the court orders it
            Tensor nervous = sample("nervous", Bernoulli.ofProbs(pNervous));  // W: A fires without a signal
            Tensor lethal = sample("lethal", Bernoulli.ofProbs(pLethal));     // L: A's shot kills
            Tensor captain = sample("captain", Delta.of(order));              // C = U
            Tensor a = sample("a", Delta.of(captain.maximum(nervous)));       // A = C or W
            Tensor b = sample("b", Delta.of(captain));                        // B = C
            sample("dead", Delta.of(a.mul(lethal).maximum(b)));              // D = (A and L) or B
        });
    }
    // end example

    @Test
    void association() {
        // example: association
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        ExactPosterior givenDead = ExactQuery.of(Handlers.condition(model, Map.of("dead", ONE))).run(null);
        double pOrder = givenDead.probability(t -> t.site("order").value().item() == 1.0);  // 0.6 / 0.696
        ExactPosterior givenA = ExactQuery.of(Handlers.condition(model, Map.of("a", ONE))).run(null);
        double pB = givenA.probability(t -> t.site("b").value().item() == 1.0);             // 0.6 / 0.72
        double pDead = givenA.probability(t -> t.site("dead").value().item() == 1.0);       // 0.9667
        // end example
        assertEquals(0.6 / 0.696, pOrder, 1e-6);
        assertEquals(0.6 / 0.72, pB, 1e-6);
        assertEquals(0.6 / 0.72 + 0.12 / 0.72 * 0.8, pDead, 1e-6);
        assertEquals(Math.log(0.696), givenDead.logEvidence(), 1e-6);
    }

    @Test
    void intervention() {
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        // example: intervention
        ExactPosterior doA = ExactQuery.of(Causal.intervene(model, Map.of("a", 1.0))).run(null);
        double pB = doA.probability(t -> t.site("b").value().item() == 1.0);                 // P(order) = 0.6
        double pDead = doA.probability(t -> t.site("dead").value().item() == 1.0);           // 1 - 0.2 * 0.4
        // end example
        assertEquals(0.6, pB, 1e-6);
        assertEquals(0.92, pDead, 1e-6);
    }

    @Test
    void graph() throws Exception {
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        // example: graph
        CausalGraph graph = CausalGraph.fromModel(model, null);
        List<Set<String>> adjustments = graph.backdoorAdjustmentSets("a", "dead");       // [[captain], [b]]
        ExactPosterior prior = ExactQuery.of(model).run(null);
        double adjusted = 0;                                      // sum_c P(dead | a = 1, c) P(c)
        for (double c : new double[] {0.0, 1.0}) {
            double pC = prior.probability(t -> t.site("captain").value().item() == c);
            ExactPosterior given = ExactQuery.of(Handlers.condition(model,
                    Map.of("a", ONE, "captain", Tensor.scalar(c)))).run(null);
            adjusted += pC * given.probability(t -> t.site("dead").value().item() == 1.0);
        }                                                         // 0.92, as intervening gave
        String dot = graph.toDot();                               // for Graphviz: dot -Tpng
        // end example
        assertEquals(CausalGraph.of("order -> captain -> a -> dead", "nervous -> a", "lethal -> dead",
                "captain -> b -> dead"), graph);
        assertEquals(List.of(Set.of("captain"), Set.of("b")), adjustments);
        assertEquals(0.92, adjusted, 1e-6);
        String page = Files.readString(DocSnippets.repoFile("docs/causal.md"));
        assertTrue(page.contains(dot), "the page shows the DOT output:\n" + dot);
    }

    @Test
    void counterfactual() {
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        // example: counterfactual
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Model<Void, Void> hadANotFired = twin.wrap(Causal.intervene(
                Handlers.condition(model, Map.of("a", ONE, "dead", ONE)), Map.of("a", 0.0)));
        ExactPosterior cf = ExactQuery.of(hadANotFired).run(null);
        double pn = cf.probability(t -> twin.worlds().counterfactual(t.site("dead").value()).item() == 0.0);
        // end example
        assertEquals(0.4 * 0.3 * 0.8 / (0.6 + 0.4 * 0.3 * 0.8), pn, 1e-6);

        // example: worlds
        Trace t = Handlers.trace(hadANotFired).getTrace(null);
        Worlds w = twin.worlds();                                 // one index, "twin", on batch dim -1
        Tensor a = t.site("a").value();                           // [1, 0]: factual, counterfactual
        IndexSet shared = w.indicesOf(t.site("order").value());   // empty: upstream, one draw for both worlds
        IndexSet split = w.indicesOf(t.site("dead").value());     // {twin=[0, 1]}
        double deadFactual = w.factual(t.site("dead").value()).item();   // 1: the observation
        // end example
        assertEquals(-1, w.dim("twin"));
        assertArrayEquals(new double[] {1, 0}, a.toDoubleArray());
        assertEquals(IndexSet.empty(), shared);
        assertEquals(IndexSet.of("twin", 0, 1), split);
        assertEquals(1.0, deadFactual);
        assertTrue(t.contains("dead" + Causal.COUNTERFACTUAL_SUFFIX));
    }

    @Test
    void multiWorld() {
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        // example: multi-world
        MultiWorldCounterfactual multi = MultiWorldCounterfactual.of();
        Model<Void, Void> stops = multi.wrap(Causal.intervene(
                Handlers.condition(model, Map.of("dead", ONE)), Map.of("a", 0.0, "b", 0.0)));
        ExactPosterior p = ExactQuery.of(stops).run(null);
        Worlds w = multi.worlds();                                // indices "a" and "b": 4 worlds
        double aloneA = p.probability(t -> w.select(t.site("dead").value(),
                IndexSet.of("a", 0).with("b", 1)).item() == 1.0);  // only B held fire: 0.576 / 0.696
        double both = p.probability(t -> w.counterfactual(t.site("dead").value()).item() == 1.0);  // 0
        // end example
        assertEquals(4, w.count());
        // Given death: either the order came (0.6 / 0.696) and A's shot kills with its prior 0.8, or A fired
        // nervously and killed (0.096 / 0.696).
        assertEquals((0.6 * 0.8 + 0.096) / 0.696, aloneA, 1e-6);
        assertEquals(0.0, both, 1e-12);
    }

    @Test
    void noise() {
        // example: noise
        Model<Void, Void> scm = Model.of(in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));                        // X = U_x
            sample("y", TransformedDistribution.of(Normal.of(0.0, 1.0),         // Y = 2 X + U_y
                    AffineTransform.of(x.mul(2.0), Tensor.scalar(1.0))));
        });
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Trace t = Handlers.trace(twin.wrap(Causal.intervene(Handlers.condition(scm,
                Map.of("x", Tensor.scalar(1.0), "y", Tensor.scalar(3.0))), Map.of("x", 2.0)))).getTrace(null);
        double y = twin.worlds().counterfactual(t.site("y").value()).item();   // 5: U_y = 3 - 2 * 1
        // end example
        assertEquals(5.0, y);
        assertEquals(3.0, twin.worlds().factual(t.site("y").value()).item());
    }

    @Test
    void errors() {
        Model<Void, Void> model = squad(0.6, 0.3, 0.8);
        // example: errors
        Model<Void, Void> misspelt = Causal.intervene(model, Map.of("A", 0.0));
        // run: "intervene: no sample site named [A] ran while the intervention was active (the run's
        //       sample sites were [order, nervous, lethal, captain, a, b, dead]); check the names, ..."
        Model<Void, Void> observedAlone = Causal.intervene(
                Handlers.condition(model, Map.of("a", ONE)), Map.of("a", 0.0));
        // run: "intervene: site 'a' is observed; a bare intervention would discard the observation. ..."
        // end example
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> misspelt.run(null));
        assertTrue(e.getMessage().startsWith("intervene: no sample site named [A] ran while the intervention was"
                + " active (the run's sample sites were [order, nervous, lethal, captain, a, b, dead]); check the"
                + " names, "), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> observedAlone.run(null));
        assertTrue(f.getMessage().startsWith("intervene: site 'a' is observed; a bare intervention would discard"
                + " the observation. "), f.getMessage());
    }
}
