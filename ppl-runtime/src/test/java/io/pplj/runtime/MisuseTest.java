package io.pplj.runtime;

import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Constraint;
import io.pplj.dist.Independent;
import io.pplj.dist.Normal;
import io.pplj.dist.Poisson;
import io.pplj.dist.Validation;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Misuse of the runtime fails with an exception naming the site, the plate and the shapes involved, and leaves the
 * thread's handler stack usable.
 */
@SuppressWarnings("try")
class MisuseTest {

    /** Each test must leave no handler or plate active on the thread (the runtime cleans up after errors). */
    @AfterEach
    void stackIsEmpty() {
        assertTrue(EffectStack.current().isEmpty(), "handlers left active on the thread");
        try (Plate p = plate("probe", 2)) {
            assertEquals(-1, p.dim(), "plate dims left allocated on the thread");
        }
    }

    private static String message(Class<? extends Throwable> type, Executable body) {
        return assertThrows(type, body).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message lacks " + p + ": " + message);
        }
    }

    @Test
    void duplicateSiteNamesInOneTracedRun() {
        Model<Void, Void> m = Model.of(x -> {
            sample("z", Normal.of(0.0, 1.0));
            try (Plate p = plate("data", 3)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        String msg = message(IllegalArgumentException.class, () -> Handlers.trace(m).getTrace(null));
        assertMentions(msg, "two sites named 'z'", "plate 'data'");
        Model<Void, Void> paramThenSample = Model.of(x -> {
            param("w", () -> Tensor.scalar(1.0));
            sample("w", Normal.of(0.0, 1.0));
        });
        try (ParamStore store = ParamStore.open()) {
            assertMentions(message(IllegalArgumentException.class,
                    () -> Handlers.trace(paramThenSample).getTrace(null)), "'w'", "param", "sample");
        }
    }

    @Test
    void observedValueThatDoesNotFitItsPlates() {
        Model<Void, Void> m = Model.of(x -> {
            try (Plate p = plate("data", 10)) {
                observe("obs", Normal.of(0.0, 1.0), Tensor.zeros(10, 2));
            }
        });
        assertMentions(message(IllegalArgumentException.class, () -> m.run(null)), "site 'obs'", "plate 'data'",
                "size 10", "dim -1", "[10, 2]");
        Model<Void, Void> wrongSize = Model.of(x -> {
            try (Plate outer = plate("outer", 4); Plate inner = plate("inner", 3)) {
                observe("obs", Independent.of(Normal.of(Tensor.zeros(2), 1.0), 1), Tensor.zeros(5, 4, 2));
            }
        });
        assertMentions(message(IllegalArgumentException.class, () -> wrongSize.run(null)), "site 'obs'",
                "plate 'inner'", "size 3", "dim -2", "[5, 4, 2]", "event shape [2]");
    }

    @Test
    void distributionWhoseBatchShapeDoesNotFitItsPlate() {
        Model<Void, Void> m = Model.of(x -> {
            try (Plate p = plate("data", 10)) {
                sample("z", Normal.of(Tensor.zeros(3), 1.0));
            }
        });
        assertMentions(message(IllegalArgumentException.class, () -> m.run(null)), "site 'z'", "plate 'data'",
                "size 10", "dim -1", "[3]");
    }

    @Test
    void plateDimCollision() {
        String msg = message(IllegalArgumentException.class, () -> {
            try (Plate a = plate("a", 3); Plate b = plate("b", 2, 2, -1)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        assertMentions(msg, "'a'", "'b'", "dim -1", "dim -2");
        assertMentions(message(IllegalArgumentException.class, () -> {
            try (Plate a = plate("a", 3); Plate again = plate("a", 3)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        }), "plate 'a'", "already active");
        assertMentions(message(IllegalArgumentException.class, () -> plate("a", 3, 3, 0)), "plate 'a'", "dim 0");
        assertMentions(message(IllegalArgumentException.class, () -> plate("a", 0)), "plate 'a'", "size 0");
        assertMentions(message(IllegalArgumentException.class, () -> plate("a", 3, 4)), "plate 'a'",
                "subsample size 4");
    }

    @Test
    void guideAndModelWithDifferentSubsampleSizes() {
        Model<Void, Void> guide = Model.of(x -> {
            try (Plate p = plate("data", 100, 10)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        Model<Void, Void> model = Model.of(x -> {
            try (Plate p = plate("data", 100, 20)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        Trace g = Handlers.trace(guide).getTrace(null);
        assertMentions(message(IllegalArgumentException.class, () -> Handlers.replay(model, g).run(null)),
                "plate 'data'", "[10]", "subsample size 20");
    }

    @Test
    void paramWithAChangedConstraint() {
        try (ParamStore store = ParamStore.open()) {
            param("scale", () -> Tensor.scalar(2.0), Constraint.positive());
            assertMentions(message(IllegalArgumentException.class,
                    () -> param("scale", () -> Tensor.scalar(0.5), Constraint.unitInterval())), "param 'scale'",
                    "positive", "unitInterval");
        }
    }

    @Test
    void paramWithAChangedShape() {
        try (ParamStore store = ParamStore.open()) {
            param("loc", Tensor.zeros(3));
            assertMentions(message(IllegalArgumentException.class, () -> param("loc", Tensor.zeros(4))),
                    "param 'loc'", "[3]", "[4]");
            param("simplex", Tensor.of(0.2, 0.3, 0.5), Constraint.simplex());
            param("simplex", Tensor.of(0.1, 0.1, 0.8), Constraint.simplex());
            assertMentions(message(IllegalArgumentException.class,
                    () -> param("simplex", Tensor.of(0.5, 0.5), Constraint.simplex())), "param 'simplex'",
                    "[3]", "[2]");
        }
    }

    @Test
    void paramThatDoesNotExistOrViolatesItsConstraint() {
        try (ParamStore store = ParamStore.open()) {
            assertMentions(message(IllegalArgumentException.class, () -> param("missing")), "param 'missing'");
            assertMentions(message(IllegalArgumentException.class,
                    () -> param("neg", Tensor.of(1.0, -1.0), Constraint.positive())), "param 'neg'", "positive",
                    "[2]");
        }
    }

    @Test
    void observedValueOutsideTheSupportNamesTheSite() {
        Model<Void, Void> m = Model.of(x -> {
            try (Plate p = plate("counts", 3)) {
                observe("k", Poisson.of(2.0), Tensor.of(1.0, -1.0, 2.0));
            }
        });
        Trace t = Handlers.trace(m).getTrace(null);
        assertMentions(message(IllegalArgumentException.class, () -> t.logProbSum()), "site 'k'",
                "plate 'counts'", "support", "-1");
        try (ThreadScope off = Validation.disable()) {
            Trace unchecked = Handlers.trace(m).getTrace(null);
            unchecked.logProbSum(); // no validation: no error
        }
    }

    @Test
    void closingScopesOutOfOrder() {
        Plate a = plate("a", 3);
        Plate b = plate("b", 2);
        String msg = message(IllegalStateException.class, a::close);
        assertMentions(msg, "out of order", "'a'", "'b'");
        // the error cleaned up: both plates were closed, their dims are free, and closing b again is an error too
        assertThrows(IllegalStateException.class, b::close);
    }

    @Test
    void aModelThatLeavesAPlateOpen() {
        Model<Void, Void> leaky = Model.of(x -> {
            plate("forgotten", 3);
            sample("z", Normal.of(0.0, 1.0));
        });
        String msg = message(IllegalStateException.class, () -> Handlers.trace(leaky).getTrace(null));
        assertMentions(msg, "'forgotten'");
    }

    @Test
    void aModelThatThrowsInsideHandlersAndPlatesLeavesTheStackClean() {
        IllegalStateException boom = new IllegalStateException("boom");
        Model<Void, Void> failing = Model.of(x -> {
            try (Plate p = plate("data", 3)) {
                sample("z", Normal.of(0.0, 1.0));
                throw boom;
            }
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Handlers.trace(Handlers.seed(
                Handlers.scale(failing, 2.0), 1)).getTrace(null)));
        Model<Void, Void> leakyAndFailing = Model.of(x -> {
            plate("forgotten", 3);
            throw boom;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Handlers.trace(leakyAndFailing).getTrace(null));
        assertSame(boom, e, "the model's own exception comes out");
        assertMentions(e.getSuppressed()[0].getMessage(), "'forgotten'");
    }

    @Test
    void enteringAnActiveHandlerAgainKeepsItsState() {
        TraceMessenger tracer = new TraceMessenger();
        try (Messenger active = tracer.enter()) {
            sample("z", Normal.of(0.0, 1.0));
            assertMentions(message(IllegalStateException.class, tracer::enter), "TraceMessenger",
                    "already active");
            sample("w", Normal.of(0.0, 1.0));
        }
        assertEquals(java.util.List.of("z", "w"), tracer.trace().names(), "the active trace was not reset");
    }

    @Test
    void replayOfASiteObservedInTheTrace() {
        Model<Void, Void> observed = Model.of(x -> observe("z", Normal.of(0.0, 1.0), Tensor.scalar(1.0)));
        Model<Void, Void> latent = Model.of(x -> sample("z", Normal.of(0.0, 1.0)));
        Trace t = Handlers.trace(observed).getTrace(null);
        assertMentions(message(IllegalArgumentException.class, () -> Handlers.replay(latent, t).run(null)),
                "site 'z'", "observed");
    }

    @Test
    void badHandlerArguments() {
        Model<Void, Void> m = Model.of(x -> sample("z", Normal.of(0.0, 1.0)));
        assertMentions(message(IllegalArgumentException.class, () -> Handlers.scale(m, 0.0)), "scale", "0.0");
        assertMentions(message(IllegalArgumentException.class, () -> Handlers.mask(m, Tensor.ones(2))), "mask",
                "bool");
        assertMentions(message(IllegalArgumentException.class, () -> observe("x", Normal.of(0.0, 1.0), null)),
                "'x'");
        assertMentions(message(IllegalArgumentException.class, () -> sample("", Normal.of(0.0, 1.0))), "name");
        assertMentions(message(IllegalArgumentException.class,
                () -> Handlers.trace(Handlers.condition(m, Map.of())).getTrace(null).site("y")), "'y'", "[z]");
    }
}
