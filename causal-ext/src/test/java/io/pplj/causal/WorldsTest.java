package io.pplj.causal;

import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Delta;
import io.pplj.dist.Normal;
import io.pplj.runtime.Frame;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.MaskMessenger;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Twin and multi worlds: splitting, sharing, reading values, conditioning, dimensions. */
@SuppressWarnings("try")
class WorldsTest {

    /** u ~ N(0, 1); x ~ N(u, 1); z ~ N(0, 1); y = x + 10 z (a point mass). */
    static final Model<Void, Void> MODEL = Model.of(in -> {
        Tensor u = sample("u", Normal.of(0.0, 1.0));
        Tensor x = sample("x", Normal.of(u, Tensor.scalar(1.0)));
        Tensor z = sample("z", Normal.of(0.0, 1.0));
        sample("y", Delta.of(x.add(z.mul(10.0))));
    });

    @Test
    void multiWorldsGiveEveryCombination() {
        MultiWorldCounterfactual multi = MultiWorldCounterfactual.of();
        Trace t = setXAndZ(multi);
        Worlds w = multi.worlds();
        assertEquals(List.of("x", "z"), w.names());
        assertEquals(4, w.count());
        assertEquals(-1, w.dim("x"));
        assertEquals(-2, w.dim("z"));
        double x0 = w.factual(t.site("x").value()).item();
        double z0 = w.factual(t.site("z").value()).item();
        Tensor y = t.site("y").value();
        assertArrayEquals(new int[] {2, 2}, y.shape());
        assertEquals(x0 + 10 * z0, w.factual(y).item(), 1e-5);
        assertEquals(1 + 10 * z0, w.select(y, IndexSet.of("x", 1).with("z", 0)).item(), 1e-5);
        assertEquals(x0 + 20, w.select(y, IndexSet.of("x", 0).with("z", 1)).item(), 1e-5);
        assertEquals(21, w.counterfactual(y).item(), 1e-5);
        assertEquals(IndexSet.empty(), w.indicesOf(t.site("u").value()), "u is upstream of every intervention");
        assertEquals(IndexSet.of("x", 0, 1), w.indicesOf(t.site("x").value()));
        assertEquals(IndexSet.of("x", 0, 1).with("z", 0, 1), w.indicesOf(y));
        assertEquals(List.of("world:z", "world:x"), frameNames(t.site("y")), "world frames, outermost first");
        assertEquals(List.of(), frameNames(t.site("u")));
    }

    @Test
    void twinWorldsPutEveryInterventionInTheOneCounterfactualWorld() {
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Trace t = setXAndZ(twin);
        Worlds w = twin.worlds();
        assertEquals(List.of(TwinWorldCounterfactual.INDEX), w.names());
        Tensor y = t.site("y").value();
        assertArrayEquals(new int[] {2}, y.shape());
        assertEquals(21, w.counterfactual(y).item(), 1e-5);
        double x0 = w.factual(t.site("x").value()).item();
        assertEquals(x0 + 10 * w.factual(t.site("z").value()).item(), w.factual(y).item(), 1e-5);
        double logFactual = Normal.of(0.0, 1.0).logProb(t.site("u").value()).item()
                + Normal.of(t.site("u").value(), Tensor.scalar(1.0)).logProb(Tensor.scalar(x0)).item()
                + Normal.of(0.0, 1.0).logProb(w.factual(t.site("z").value())).item();
        assertEquals(logFactual, t.logProbSum().item(), 1e-5, "intervened values add no factor");
    }

    @Test
    void readingInsideTheModelFollowsTheActiveHandler() {
        List<Object> seen = new ArrayList<>();
        Model<Void, Void> model = Model.of(in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            Tensor y = sample("y", Delta.of(x.mul(2.0)));
            seen.add(Causal.indicesOf(y));
            seen.add(Causal.gather(y, Causal.counterfactual()));
            seen.add(Causal.factual());
        });
        TwinWorldCounterfactual.of().wrap(Causal.intervene(model, Map.of("x", 3.0))).run(null);
        assertEquals(IndexSet.of("twin", 0, 1), seen.get(0));
        assertEquals(6.0, ((Tensor) seen.get(1)).item(), 1e-6);
        assertEquals(IndexSet.of("twin", 0), seen.get(2));
        seen.clear();
        Causal.intervene(model, Map.of("x", 3.0)).run(null);
        assertEquals(IndexSet.empty(), seen.get(0), "no worlds outside a counterfactual handler");
        assertEquals(6.0, ((Tensor) seen.get(1)).item(), 1e-6);
    }

    @Test
    void anObservationDownstreamConditionsTheFactualWorldAndDrawsTheOthers() {
        Model<Void, Void> model = Model.of(in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            sample("y", Normal.of(x, Tensor.scalar(0.5)));
        });
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Model<Void, Void> cf = twin.wrap(Causal.intervene(Handlers.condition(model, Map.of("y",
                Tensor.scalar(1.5))), Map.of("x", 4.0)));
        Trace t = Handlers.trace(Handlers.seed(cf, 11)).getTrace(null);
        Worlds w = twin.worlds();
        Site y = t.site("y");
        Site drawn = t.site("y" + Causal.COUNTERFACTUAL_SUFFIX);
        assertTrue(y.isObserved() && !drawn.isObserved());
        assertEquals(1.5, w.factual(y.value()).item());
        assertEquals(w.counterfactual(drawn.value()).item(), w.counterfactual(y.value()).item());
        double x0 = w.factual(t.site("x").value()).item();
        assertEquals(Normal.of(x0, 0.5).logProb(Tensor.scalar(1.5)).item(), y.logProbSum().item(), 1e-5,
                "the observation counts in the factual world only");
        assertEquals(Normal.of(4.0, 0.5).logProb(w.counterfactual(drawn.value())).item(),
                drawn.logProbSum().item(), 1e-5, "the draw counts in the counterfactual world only");
        assertEquals(List.of(t.site("x").name(), "y_counterfactual", "y"), t.names());
    }

    @Test
    void aLatentValueWithoutWorldDimensionsIsSharedByTheWorlds() {
        Model<Void, Void> guide = Model.of(in -> {
            sample("u", Normal.of(0.0, 1.0));
            sample("z", Normal.of(0.0, 1.0));
            sample("y", Normal.of(0.0, 1.0));
        });
        Trace g = Handlers.trace(Handlers.seed(guide, 2)).getTrace(null);
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Trace t = Handlers.trace(Handlers.replay(twin.wrap(Causal.intervene(MODEL, Map.of("x", 0.0))), g))
                .getTrace(null);
        assertArrayEquals(new int[] {}, t.site("z").value().shape(), "z is upstream: one value");
        Tensor y = t.site("y").value();
        assertArrayEquals(new int[] {2}, y.shape(), "y's distribution varies by world, so its value is expanded");
        assertEquals(g.site("y").value().item(), twin.worlds().factual(y).item());
        assertEquals(g.site("y").value().item(), twin.worlds().counterfactual(y).item(), "the replayed value");
    }

    @Test
    void worldsStayLeftOfPlatesOpenedAfterAnIntervention() {
        Model<Void, Void> late = Model.of(in -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            try (Plate data = plate("data", 4)) {
                sample("y", Normal.of(x, Tensor.scalar(1.0)));
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwinWorldCounterfactual.of().wrap(Causal.intervene(late, Map.of("x", 1.0))).run(null));
        assertTrue(e.getMessage().contains("'data'") && e.getMessage().contains("firstAvailableDim")
                && e.getMessage().contains("TwinWorldCounterfactual.of(-2)"), e.getMessage());
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of(-2);
        Trace t = Handlers.trace(twin.wrap(Causal.intervene(late, Map.of("x", 1.0)))).getTrace(null);
        assertEquals(-2, twin.worlds().dim("twin"));
        assertArrayEquals(new int[] {2, 4}, t.site("y").value().shape());
        try (Plate again = plate("again", 3)) {
            assertEquals(-1, again.dim(), "closing the handler frees the world dimensions");
        }
        assertThrows(IllegalArgumentException.class, () -> TwinWorldCounterfactual.of(0));
    }

    @Test
    void handlersAreScopesAndStartEachRunAfresh() {
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        try (Messenger h = twin.enter()) {
            Tensor y = Handlers.trace(Causal.intervene(MODEL, Map.of("x", 1.0))).getTrace(null).site("y").value();
            assertEquals(2, y.numel());
            assertEquals(1, twin.worlds().names().size());
        }
        try (Messenger h = twin.enter()) {
            assertEquals(Worlds.none(), twin.worlds());
        }
    }

    @Test
    void anOutOfOrderCloseFurtherOutReleasesTheWorlds() {
        Messenger outer = new MaskMessenger(true).enter();
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        twin.enter();
        Causal.intervene(MODEL, Map.of("x", 1.0)).run(null);
        assertEquals(-1, Causal.worlds().dim("twin"));
        assertThrows(IllegalStateException.class, outer::close);
        assertEquals(Worlds.none(), Causal.worlds(), "the handler is no longer active");
        try (Plate p = plate("p", 2)) {
            assertEquals(-1, p.dim(), "its world dimension was freed");
        }
    }

    @Test
    void indexSetsAndMasks() {
        IndexSet a = IndexSet.of("x", 1, 0).with("z", 1);
        assertEquals(Set.of("x", "z"), a.names());
        assertEquals(IndexSet.of("x", 0, 1), IndexSet.union(IndexSet.of("x", 0), IndexSet.of("x", 1)));
        assertEquals(IndexSet.empty(), IndexSet.of("x"));
        assertEquals("IndexSet{x=[0, 1], z=[1]}", a.toString());
        assertThrows(IllegalArgumentException.class, () -> IndexSet.of("x", -1));
        Worlds w = Worlds.none().with("x", -1, 2).with("z", -3, 2);
        Tensor m = w.mask(IndexSet.of("x", 1).with("z", 0));
        assertArrayEquals(new int[] {2, 1, 2}, m.shape());
        assertArrayEquals(new boolean[] {false, true, false, false}, m.toBooleanArray());
        assertThrows(IllegalArgumentException.class, () -> w.dim("nope"));
    }

    /** A seeded run of the model with x set to 1 and z to 2 under {@code handler}. */
    private static Trace setXAndZ(CounterfactualHandler handler) {
        return Handlers.trace(Handlers.seed(handler.wrap(Causal.intervene(MODEL, Map.of("x", 1.0, "z", 2.0))), 5))
                .getTrace(null);
    }

    private static List<String> frameNames(Site s) {
        List<String> names = new ArrayList<>();
        for (Frame f : s.frames()) {
            names.add(f.name());
        }
        return names;
    }
}
