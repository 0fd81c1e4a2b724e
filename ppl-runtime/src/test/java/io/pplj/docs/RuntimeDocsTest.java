package io.pplj.docs;

import static io.pplj.runtime.Ppl.deterministic;
import static io.pplj.runtime.Ppl.factor;
import static io.pplj.runtime.Ppl.module;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static io.pplj.runtime.Ppl.sequentialPlate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.ExpTransform;
import io.pplj.dist.Independent;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.BlockMessenger;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.runtime.Model;
import io.pplj.runtime.ParamStore;
import io.pplj.runtime.ParameterHolder;
import io.pplj.runtime.Plate;
import io.pplj.runtime.ScaleMessenger;
import io.pplj.runtime.Trace;
import io.pplj.runtime.TraceMessenger;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/runtime.md, run and checked; and a check that the page shows exactly this code. */
@SuppressWarnings("try")
class RuntimeDocsTest {

    static final Model<Tensor, Void> MODEL = Model.of(data -> {
        Tensor mu = sample("mu", Normal.of(0.0, 10.0));
        try (Plate p = plate("data", data.size(0))) {
            observe("obs", Normal.of(mu, 1.0), data);
        }
    });

    static final Model<Tensor, Void> GUIDE = Model.of(data -> {
        Tensor loc = param("loc", () -> Tensor.scalar(0.0));
        Tensor scale = param("scale", () -> Tensor.scalar(1.0), Constraint.positive());
        sample("mu", Normal.of(loc, scale));
    });

    static final Tensor DATA = Tensor.of(1.2, 0.8, 1.5);

    @TempDir
    Path dir;

    @Test
    void pageShowsTheCodeThatRuns() {
        DocSnippets.assertPageShowsSource("docs/runtime.md",
                "ppl-runtime/src/test/java/io/pplj/docs/RuntimeDocsTest.java");
    }

    @Test
    void firstModel() {
        // example: first-model
        Model<Tensor, Void> model = Model.of(data -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", data.size(0))) {
                observe("obs", Normal.of(mu, 1.0), data);
            }
        });
        Tensor data = Tensor.of(1.2, 0.8, 1.5);
        Trace trace = Handlers.trace(Handlers.seed(model, 0)).getTrace(data);
        double logJoint = trace.logProbSum().item();    // log p(mu) + sum_i log p(obs_i | mu)
        System.out.println(trace);
        // end example
        double mu = trace.site("mu").value().item();
        double expected = Normal.of(0.0, 10.0).logProb(Tensor.scalar(mu)).item()
                + Normal.of(mu, 1.0).logProb(data).sum().item();
        assertEquals(expected, logJoint, 1e-5);
        assertEquals(List.of("mu", "obs"), trace.names());
        assertEquals(String.join("\n",
                "name  type          distribution  value  batch  event  log prob",
                "mu    sample        Normal        []     []     []     -3.2289",
                "obs   sample (obs)  Normal        [3]    [3]    []     -11.3899",
                ""), trace.toString());
    }

    @Test
    void params() {
        // example: params
        try (ParamStore store = ParamStore.open()) {
            Tensor loc = param("loc", () -> Tensor.of(0.0, 0.0));                 // unconstrained, created once
            Tensor scale = param("scale", () -> Tensor.scalar(2.0), Constraint.positive());
            Tensor leaf = store.unconstrained("scale");     // log 2: what an optimizer updates
            Tensor again = param("scale");                   // the same parameter: exp(leaf) = 2
        }
        // end example
        try (ParamStore store = ParamStore.open()) {
            Tensor scale = param("scale", () -> Tensor.scalar(2.0), Constraint.positive());
            assertEquals(2.0, scale.item(), 1e-6);
            assertEquals(Math.log(2.0), store.unconstrained("scale").item(), 1e-6);
            assertTrue(store.unconstrained("scale").requiresGrad());
            assertEquals(2.0, param("scale").item(), 1e-6);
        }
    }

    @Test
    void replay() {
        try (ParamStore store = ParamStore.open()) {
            Model<Tensor, Void> model = MODEL;
            Tensor data = DATA;
            // example: replay
            Model<Tensor, Void> guide = Model.of(d -> {
                Tensor loc = param("loc", () -> Tensor.scalar(0.0));
                Tensor scale = param("scale", () -> Tensor.scalar(1.0), Constraint.positive());
                sample("mu", Normal.of(loc, scale));
            });
            Trace guideTrace = Handlers.trace(guide).getTrace(data);
            Trace modelTrace = Handlers.trace(Handlers.replay(model, guideTrace)).getTrace(data);
            // the model scored at the guide's draw: a one-sample estimate of the ELBO
            double elbo = modelTrace.logProbSum().item() - guideTrace.logProbSum().item();
            // end example
            assertEquals(guideTrace.site("mu").value().item(), modelTrace.site("mu").value().item());
            double mu = guideTrace.site("mu").value().item();
            double expected = Normal.of(0.0, 10.0).logProb(Tensor.scalar(mu)).item()
                    + Normal.of(mu, 1.0).logProb(data).sum().item() - Normal.of(0.0, 1.0)
                    .logProb(Tensor.scalar(mu)).item();
            assertEquals(expected, elbo, 1e-4);
        }
    }

    @Test
    void condition() {
        Model<Tensor, Void> model = MODEL;
        Tensor data = DATA;
        // example: condition
        Model<Tensor, Void> pinned = Handlers.condition(model, Map.of("mu", Tensor.scalar(1.0)));
        Trace t = Handlers.trace(pinned).getTrace(data);
        boolean observed = t.site("mu").isObserved();          // true: mu = 1.0 is now data
        Model<Tensor, Void> prior = Handlers.uncondition(model);
        Trace free = Handlers.trace(prior).getTrace(data);     // obs is drawn too
        Object obs = free.site("obs").infer().get("obs");      // the data it replaced
        // end example
        assertTrue(observed);
        assertEquals(1.0, t.site("mu").value().item());
        assertEquals(Normal.of(0.0, 10.0).logProb(Tensor.scalar(1.0)).item()
                + Normal.of(1.0, 1.0).logProb(data).sum().item(), t.logProbSum().item(), 1e-5);
        assertFalse(free.site("obs").isObserved());
        assertEquals(data, obs);
    }

    @Test
    void blockScaleMaskSeed() {
        try (ParamStore store = ParamStore.open()) {
            Model<Tensor, Void> model = MODEL;
            Model<Tensor, Void> guide = GUIDE;
            Tensor data = DATA;
            // example: block-scale-mask-seed
            Trace hidden = Handlers.trace(Handlers.blockHide(model, "mu")).getTrace(data);     // only "obs"
            Trace params = Handlers.trace(BlockMessenger.exposeTypes(Message.Type.PARAM).wrap(guide))
                    .getTrace(data);                                                         // "loc", "scale"
            Trace half = Handlers.trace(Handlers.scale(model, 0.5)).getTrace(data);          // log-probs halved
            Trace none = Handlers.trace(Handlers.mask(model, false)).getTrace(data);         // log-probs zero
            Trace a = Handlers.trace(Handlers.seed(model, 42)).getTrace(data);
            Trace b = Handlers.trace(Handlers.seed(model, 42)).getTrace(data);               // a's draws again
            // end example
            assertEquals(List.of("obs"), hidden.names());
            assertEquals(List.of("loc", "scale"), params.names());
            assertEquals(0.5, half.site("obs").scale());
            assertEquals(0.0, none.logProbSum().item());
            assertEquals(a.site("mu").value().item(), b.site("mu").value().item());
        }
    }

    @Test
    void substituteLiftInferConfig() {
        Model<Tensor, Void> model = MODEL;
        Model<Tensor, Void> guide = GUIDE;
        Tensor data = DATA;
        // example: substitute-lift
        try (ParamStore store = ParamStore.open()) {
            Model<Tensor, Void> fixed = Handlers.substitute(guide, Map.of("loc", Tensor.scalar(2.0)));
            Trace f = Handlers.trace(fixed).getTrace(data);   // loc = 2.0, not read from the store
            Distribution logNormal = TransformedDistribution.of(Normal.of(0.0, 1.0), ExpTransform.of());
            Model<Tensor, Void> lifted = Handlers.lift(guide, Map.of("scale", logNormal));
            Trace l = Handlers.trace(lifted).getTrace(data);  // "scale" is a sample site drawn from logNormal
            Model<Tensor, Void> hinted = Handlers.inferConfig(model, msg -> Map.of("enumerate", "parallel"));
            Trace h = Handlers.trace(hinted).getTrace(data);  // every site's infer() has the hint
        }
        // end example
        try (ParamStore store = ParamStore.open()) {
            Trace f = Handlers.trace(Handlers.substitute(guide, Map.of("loc", Tensor.scalar(2.0)))).getTrace(data);
            assertEquals(2.0, f.site("loc").value().item());
            assertFalse(store.contains("loc"));
            Trace l = Handlers.trace(Handlers.lift(guide, Map.of("scale",
                    TransformedDistribution.of(Normal.of(0.0, 1.0), ExpTransform.of())))).getTrace(data);
            assertEquals(Message.Type.SAMPLE, l.site("scale").type());
            assertEquals(Message.Type.PARAM, l.site("loc").type());
            Trace h = Handlers.trace(Handlers.inferConfig(model, msg -> Map.of("enumerate", "parallel")))
                    .getTrace(data);
            assertEquals("parallel", h.site("mu").infer().get("enumerate"));
        }
    }

    @Test
    void scopes() {
        Model<Tensor, Void> model = MODEL;
        Tensor data = DATA;
        // example: scope
        TraceMessenger tracer = new TraceMessenger();
        try (Messenger half = new ScaleMessenger(0.5).enter(); Messenger recording = tracer.enter()) {
            model.run(data);
        }
        Trace t = tracer.trace();                              // every site's scale is 0.5
        // end example
        assertEquals(0.5, t.site("mu").scale());
        assertEquals(List.of("mu", "obs"), t.names());
    }

    @Test
    void customHandler() {
        Model<Tensor, Void> model = MODEL;
        Tensor data = DATA;
        // example: custom-handler
        /** Counts the sample sites of a run and tags each with its position. */
        final class Counter extends Messenger {
            int sites;

            @Override
            protected void process(Message msg) {
                if (msg.type() == Message.Type.SAMPLE) {
                    msg.infer().put("position", sites++);
                }
            }
        }
        Counter counter = new Counter();
        Trace t = Handlers.trace(counter.wrap(model)).getTrace(data);
        // counter.sites == 2; t.site("obs").infer().get("position") == 1
        // end example
        assertEquals(2, counter.sites);
        assertEquals(1, t.site("obs").infer().get("position"));
    }

    @Test
    void plateDims() {
        // example: plate-dims
        try (Plate x = plate("x", 3); Plate y = plate("y", 2)) {        // x takes dim -1, y dim -2
            Tensor z = sample("z", Normal.of(0.0, 1.0));                 // shape [2, 3]
            Tensor row = sample("row", Normal.of(Tensor.zeros(3), 1.0)); // batch [3] broadcast: [2, 3]
            Tensor v = sample("v", Independent.of(Normal.of(Tensor.zeros(4), 1.0), 1)); // [2, 3, 4]
        }
        try (Plate x = plate("x", 3, 3, -2)) {                           // an explicit dim
            Tensor z = sample("z", Normal.of(0.0, 1.0));                 // shape [3, 1]
        }
        // end example
        try (Plate x = plate("x", 3); Plate y = plate("y", 2)) {
            assertEquals(-1, x.dim());
            assertEquals(-2, y.dim());
            assertArrayEquals(new int[] {2, 3}, sample("z", Normal.of(0.0, 1.0)).shape());
            assertArrayEquals(new int[] {2, 3}, sample("row", Normal.of(Tensor.zeros(3), 1.0)).shape());
            assertArrayEquals(new int[] {2, 3, 4},
                    sample("v", Independent.of(Normal.of(Tensor.zeros(4), 1.0), 1)).shape());
        }
        try (Plate x = plate("x", 3, 3, -2)) {
            assertArrayEquals(new int[] {3, 1}, sample("z", Normal.of(0.0, 1.0)).shape());
        }
    }

    @Test
    void subsample() {
        // example: subsample
        Tensor big = Tensor.randn(1000);
        Model<Tensor, Void> minibatch = Model.of(d -> {
            Tensor mu = sample("mu", Normal.of(0.0, 10.0));
            try (Plate p = plate("data", d.size(0), 100)) {    // 100 random indices of 1000
                observe("obs", Normal.of(mu, 1.0), p.subsample(d));
            }
        });
        Trace t = Handlers.trace(minibatch).getTrace(big);
        double scale = t.site("obs").scale();                   // 10 = 1000 / 100
        Tensor indices = t.site("data").value();                 // the plate's subsample site
        // end example
        assertEquals(10.0, scale);
        assertArrayEquals(new int[] {100}, indices.shape());
        assertArrayEquals(big.indexSelect(0, indices).toDoubleArray(), t.site("obs").value().toDoubleArray());
    }

    @Test
    void sequential() {
        Tensor data = DATA;
        // example: sequential
        Model<Tensor, Void> perItem = Model.of(d -> sequentialPlate("items", d.size(0), i -> {
            Tensor z = sample("z_" + i, Normal.of(0.0, 1.0));
            observe("x_" + i, Normal.of(z, 1.0), d.select(0, i));
        }));
        Trace t = Handlers.trace(perItem).getTrace(data);    // z_0, x_0, z_1, x_1, z_2, x_2: all scalars
        // end example
        assertEquals(List.of("z_0", "x_0", "z_1", "x_1", "z_2", "x_2"), t.names());
        assertNull(t.site("x_1").frames().get(0).dim());
        assertEquals(1, t.site("x_1").frames().get(0).counter());
    }

    @Test
    void factorAndDeterministic() {
        Tensor data = DATA;
        // example: factor-deterministic
        Model<Tensor, Void> model = Model.of(d -> {
            Tensor mu = sample("mu", Normal.of(0.0, 1.0));
            factor("prefer_positive", mu.clampMax(0.0).mul(10.0));   // adds 10 min(mu, 0) to the log density
            deterministic("mu_squared", mu.square());                 // recorded; the density is unchanged
        });
        // end example
        Trace t = Handlers.trace(model).getTrace(data);
        double mu = t.site("mu").value().item();
        assertEquals(Normal.of(0.0, 1.0).logProb(Tensor.scalar(mu)).item() + 10 * Math.min(mu, 0),
                t.logProbSum().item(), 1e-5);
        assertEquals(mu * mu, t.site("mu_squared").value().item(), 1e-5);
    }

    @Test
    void modules() {
        // example: module
        /** A layer with two parameters, as a neural-network module exposes them. */
        final class Affine implements ParameterHolder {
            Map<String, Tensor> params = new LinkedHashMap<>();

            Affine() {
                params.put("weight", Tensor.ones(2));
                params.put("bias", Tensor.zeros(1));
            }

            @Override
            public Map<String, Tensor> parameters() {
                return params;
            }

            @Override
            public void loadParameters(Map<String, Tensor> values) {
                params = new LinkedHashMap<>(values);
            }
        }
        try (ParamStore store = ParamStore.open()) {
            Affine layer = module("layer", new Affine());   // store: layer$$$weight, layer$$$bias
        }
        // end example
        try (ParamStore store = ParamStore.open()) {
            Affine layer = module("layer", new Affine());
            assertEquals(List.of("layer$$$weight", "layer$$$bias"), List.copyOf(store.names()));
            assertTrue(layer.params.get("weight").requiresGrad());
        }
    }

    @Test
    void scopedStores() {
        // example: scoped-stores
        try (ParamStore a = ParamStore.open()) {
            param("w", () -> Tensor.scalar(1.0));
            try (ParamStore b = ParamStore.open()) {
                param("w", () -> Tensor.scalar(2.0));       // b's own "w"
            }
            double w = param("w").item();                    // 1.0: a's "w" again
        }
        // end example
        try (ParamStore a = ParamStore.open()) {
            param("w", () -> Tensor.scalar(1.0));
            try (ParamStore b = ParamStore.open()) {
                assertEquals(2.0, param("w", () -> Tensor.scalar(2.0)).item());
            }
            assertEquals(1.0, param("w").item());
        }
        assertFalse(ParamStore.current().contains("w"));
    }

    @Test
    void saveAndLoad() throws IOException {
        // example: save-load
        Path file = dir.resolve("params.npz");
        try (ParamStore store = ParamStore.open()) {
            param("loc", () -> Tensor.of(0.5, -1.0));
            param("scale", () -> Tensor.scalar(2.0), Constraint.positive());
            store.save(file);                  // atomic: a temporary file, then a rename
        }
        try (ParamStore restored = ParamStore.open()) {
            restored.load(file);               // the same values, bit for bit
            Tensor scale = param("scale");     // 2.0, still constrained positive
        }
        // end example
        try (ParamStore restored = ParamStore.open()) {
            restored.load(file);
            assertEquals(2.0, param("scale").item(), 1e-6);
            assertEquals("positive", restored.constraint("scale").toString());
            assertArrayEquals(new double[] {0.5, -1.0}, restored.get("loc").toDoubleArray());
        }
    }

    @Test
    void errorMessages() {
        Model<Tensor, Void> model = MODEL;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (Plate p = plate("data", 10)) {
                observe("obs", Normal.of(0.0, 1.0), Tensor.zeros(10, 2));
            }
        });
        assertEquals("site 'obs' in plate 'data' (size 10, dim -1): value shape [10, 2] does not fit batch shape"
                + " [10] and event shape [] of Normal", e.getMessage());
        IllegalArgumentException collide = assertThrows(IllegalArgumentException.class, () -> {
            try (Plate a = plate("a", 3); Plate b = plate("b", 2, 2, -1)) {
                model.run(DATA);
            }
        });
        assertEquals("plates 'b' and 'a' collide at dim -1; move one of them left, e.g. dim -2",
                collide.getMessage());
    }
}
