package io.pplj.runtime;

import java.util.function.Consumer;

/**
 * A model or guide: a stochastic function of an input that calls {@link Ppl}'s primitives. A guide has its model's
 * input type. Handlers ({@link Handlers}) wrap models into models.
 *
 * <pre>{@code
 * Model<Tensor, Void> model = Model.of(data -> {
 *     Tensor mu = sample("mu", Normal.of(0.0, 10.0));
 *     try (Plate p = plate("data", data.size(0))) {
 *         observe("obs", Normal.of(mu, 1.0), data);
 *     }
 * });
 * }</pre>
 *
 * @param <A> the input type
 * @param <R> the result type ({@code Void} for models run only for their effects)
 */
@FunctionalInterface
public interface Model<A, R> {

    /** Runs the model on an input. */
    R run(A input);

    /** A model that returns nothing, written without {@code return null}. */
    static <A> Model<A, Void> of(Consumer<A> body) {
        return input -> {
            body.accept(input);
            return null;
        };
    }
}
