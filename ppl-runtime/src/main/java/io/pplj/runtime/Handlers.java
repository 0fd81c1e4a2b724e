package io.pplj.runtime;

import io.pplj.dist.Distribution;
import io.pplj.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Effect handlers as model transformers, as Pyro's {@code poutine}: each returns a model that runs the given model
 * with a handler active. Handlers compose: {@code Handlers.trace(Handlers.replay(model, guideTrace))}. Each run
 * gets a fresh handler, so the returned models may run on several threads at once, and recursively.
 */
public final class Handlers {

    private Handlers() {
    }

    /**
     * The model run inside a handler made afresh for each run (one is made up front too, so that invalid arguments
     * fail here rather than at the first run).
     */
    @SuppressWarnings("try")
    private static <A, R> Model<A, R> around(Supplier<? extends Messenger> handler, Model<A, R> model) {
        handler.get();
        return input -> {
            try (Messenger active = handler.get().enter()) {
                return model.run(input);
            }
        };
    }

    /** Records the model's sites: {@code Handlers.trace(model).getTrace(input)}. */
    public static <A, R> TracedModel<A, R> trace(Model<A, R> model) {
        return new TracedModel<>(model);
    }

    /** Reuses the values of {@code trace}'s latent sample sites. */
    public static <A, R> Model<A, R> replay(Model<A, R> model, Trace trace) {
        return around(() -> new ReplayMessenger(trace), model);
    }

    /** Observes the given values at the named sample sites. */
    public static <A, R> Model<A, R> condition(Model<A, R> model, Map<String, Tensor> data) {
        Map<String, Tensor> copy = Map.copyOf(data);
        return around(() -> new ConditionMessenger(copy), model);
    }

    /** Draws observed sites instead of observing them. */
    public static <A, R> Model<A, R> uncondition(Model<A, R> model) {
        return around(() -> new UnconditionMessenger(), model);
    }

    /** Hides every site from outer handlers. */
    public static <A, R> Model<A, R> block(Model<A, R> model) {
        return around(() -> BlockMessenger.all(), model);
    }

    /** Hides the sites {@code hide} accepts (see {@link BlockMessenger}'s factories for names and types). */
    public static <A, R> Model<A, R> block(Model<A, R> model, Predicate<Message> hide) {
        return around(() -> new BlockMessenger(hide), model);
    }

    /** Hides the named sites. */
    public static <A, R> Model<A, R> blockHide(Model<A, R> model, String... names) {
        String[] copy = names.clone();
        return around(() -> BlockMessenger.hide(copy), model);
    }

    /** Hides every site except the named ones. */
    public static <A, R> Model<A, R> blockExpose(Model<A, R> model, String... names) {
        String[] copy = names.clone();
        return around(() -> BlockMessenger.expose(copy), model);
    }

    /** Multiplies every sample site's log-probability by {@code factor}. */
    public static <A, R> Model<A, R> scale(Model<A, R> model, double factor) {
        return around(() -> new ScaleMessenger(factor), model);
    }

    /** Masks every sample site's log-probability with a bool tensor. */
    public static <A, R> Model<A, R> mask(Model<A, R> model, Tensor mask) {
        return around(() -> new MaskMessenger(mask), model);
    }

    /** Keeps ({@code true}) or drops every sample site's log-probability. */
    public static <A, R> Model<A, R> mask(Model<A, R> model, boolean keep) {
        return around(() -> new MaskMessenger(keep), model);
    }

    /** Runs the model with a fresh {@code Rng.of(seed)}: reproducible. */
    public static <A, R> Model<A, R> seed(Model<A, R> model, long seed) {
        return around(() -> new SeedMessenger(seed), model);
    }

    /** Uses the given values at the named param sites. */
    public static <A, R> Model<A, R> substitute(Model<A, R> model, Map<String, Tensor> values) {
        Map<String, Tensor> copy = Map.copyOf(values);
        return around(() -> new SubstituteMessenger(copy), model);
    }

    /** Turns every param site into a sample site from {@code prior}. */
    public static <A, R> Model<A, R> lift(Model<A, R> model, Distribution prior) {
        return around(() -> new LiftMessenger(prior), model);
    }

    /** Turns the named param sites into sample sites from their priors. */
    public static <A, R> Model<A, R> lift(Model<A, R> model, Map<String, Distribution> priors) {
        Map<String, Distribution> copy = Map.copyOf(priors);
        return around(() -> new LiftMessenger(copy), model);
    }

    /** Adds inference hints to each sample and param site. */
    public static <A, R> Model<A, R> inferConfig(Model<A, R> model,
                                                 Function<Message, Map<String, Object>> config) {
        return around(() -> new InferConfigMessenger(config), model);
    }
}
