package io.pplj.runtime;

import io.pplj.dist.Distribution;
import io.pplj.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Effect handlers as model transformers, as Pyro's {@code poutine}: each returns a model that runs the given model
 * with a handler active. Handlers compose: {@code Handlers.trace(Handlers.replay(model, guideTrace))}.
 */
public final class Handlers {

    private Handlers() {
    }

    /** Records the model's sites: {@code Handlers.trace(model).getTrace(input)}. */
    public static <A, R> TracedModel<A, R> trace(Model<A, R> model) {
        return new TracedModel<>(model);
    }

    /** Reuses the values of {@code trace}'s latent sample sites. */
    public static <A, R> Model<A, R> replay(Model<A, R> model, Trace trace) {
        return new ReplayMessenger(trace).wrap(model);
    }

    /** Observes the given values at the named sample sites. */
    public static <A, R> Model<A, R> condition(Model<A, R> model, Map<String, Tensor> data) {
        return new ConditionMessenger(data).wrap(model);
    }

    /** Draws observed sites instead of observing them. */
    public static <A, R> Model<A, R> uncondition(Model<A, R> model) {
        return new UnconditionMessenger().wrap(model);
    }

    /** Hides every site from outer handlers. */
    public static <A, R> Model<A, R> block(Model<A, R> model) {
        return BlockMessenger.all().wrap(model);
    }

    /** Hides the sites {@code hide} accepts (see {@link BlockMessenger}'s factories for names and types). */
    public static <A, R> Model<A, R> block(Model<A, R> model, Predicate<Message> hide) {
        return new BlockMessenger(hide).wrap(model);
    }

    /** Hides the named sites. */
    public static <A, R> Model<A, R> blockHide(Model<A, R> model, String... names) {
        return BlockMessenger.hide(names).wrap(model);
    }

    /** Hides every site except the named ones. */
    public static <A, R> Model<A, R> blockExpose(Model<A, R> model, String... names) {
        return BlockMessenger.expose(names).wrap(model);
    }

    /** Multiplies every sample site's log-probability by {@code factor}. */
    public static <A, R> Model<A, R> scale(Model<A, R> model, double factor) {
        return new ScaleMessenger(factor).wrap(model);
    }

    /** Masks every sample site's log-probability with a bool tensor. */
    public static <A, R> Model<A, R> mask(Model<A, R> model, Tensor mask) {
        return new MaskMessenger(mask).wrap(model);
    }

    /** Keeps ({@code true}) or drops every sample site's log-probability. */
    public static <A, R> Model<A, R> mask(Model<A, R> model, boolean keep) {
        return new MaskMessenger(keep).wrap(model);
    }

    /** Runs the model with a fresh {@code Rng.of(seed)}: reproducible. */
    public static <A, R> Model<A, R> seed(Model<A, R> model, long seed) {
        return new SeedMessenger(seed).wrap(model);
    }

    /** Uses the given values at the named param sites. */
    public static <A, R> Model<A, R> substitute(Model<A, R> model, Map<String, Tensor> values) {
        return new SubstituteMessenger(values).wrap(model);
    }

    /** Turns every param site into a sample site from {@code prior}. */
    public static <A, R> Model<A, R> lift(Model<A, R> model, Distribution prior) {
        return new LiftMessenger(prior).wrap(model);
    }

    /** Turns the named param sites into sample sites from their priors. */
    public static <A, R> Model<A, R> lift(Model<A, R> model, Map<String, Distribution> priors) {
        return new LiftMessenger(priors).wrap(model);
    }

    /** Adds inference hints to each sample and param site. */
    public static <A, R> Model<A, R> inferConfig(Model<A, R> model,
                                                 Function<Message, Map<String, Object>> config) {
        return new InferConfigMessenger(config).wrap(model);
    }
}
