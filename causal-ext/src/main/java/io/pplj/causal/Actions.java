package io.pplj.causal;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The actions of an intervention map ({@link Causal#intervene}), checked: constants ({@code Tensor}, number,
 * boolean) and functions of the would-be value ({@link Intervention}, {@link Function}), each giving a tensor of
 * the site's dtype.
 */
final class Actions {

    /** One checked action. */
    static final class Action {
        private final Intervention f;
        private final boolean constant;

        private Action(Intervention f, boolean constant) {
            this.f = f;
            this.constant = constant;
        }

        /** Whether the value ignores the would-be value (a hard intervention). */
        boolean isConstant() {
            return constant;
        }

        /**
         * The site's new value, in its dtype.
         *
         * @throws IllegalArgumentException naming the site if a function returns something else than a tensor or
         *     number
         */
        Tensor apply(String site, Tensor wouldBe) {
            return value(site, f.apply(wouldBe), wouldBe);
        }
    }

    private Actions() {
    }

    /**
     * The actions of {@code actions}, in its iteration order.
     *
     * @throws IllegalArgumentException naming the site for a null or unsupported action, or a null or empty name
     */
    static Map<String, Action> of(Map<String, ?> actions) {
        if (actions == null) {
            throw new IllegalArgumentException("intervene: the actions map is null");
        }
        Map<String, Action> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : actions.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("intervene: site names must be non-empty");
            }
            out.put(e.getKey(), of(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Action of(String site, Object action) {
        if (action instanceof Intervention) {
            return new Action((Intervention) action, false);
        }
        if (action instanceof Function) {
            Function<Object, ?> f = cast(action);
            return new Action(wouldBe -> toTensor(site, f.apply(wouldBe)), false);
        }
        if (action instanceof Tensor || action instanceof Number || action instanceof Boolean) {
            return new Action(wouldBe -> toTensor(site, action), true);
        }
        throw new IllegalArgumentException("intervene: the action for site '" + site + "' is "
                + (action == null ? "null" : "a " + action.getClass().getName()) + "; use a Tensor, a number, a"
                + " boolean, an Intervention or a Function of the would-be value");
    }

    /** A constant or a function's result as a tensor (numbers as float64 scalars, cast to the site's dtype later). */
    private static Tensor toTensor(String site, Object result) {
        if (result instanceof Tensor) {
            return (Tensor) result;
        }
        if (result instanceof Number) {
            return Tensor.scalar(((Number) result).doubleValue(), DType.FLOAT64);
        }
        if (result instanceof Boolean) {
            return Tensor.scalar((Boolean) result ? 1.0 : 0.0, DType.FLOAT64);
        }
        throw new IllegalArgumentException("intervene: the function for site '" + site + "' returned "
                + (result == null ? "null" : "a " + result.getClass().getName())
                + "; it must return a Tensor or a number");
    }

    /** The result in the site's dtype. */
    private static Tensor value(String site, Object result, Tensor wouldBe) {
        Tensor t = toTensor(site, result);
        return t.dtype() == wouldBe.dtype() ? t : t.asType(wouldBe.dtype());
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, ?> cast(Object f) {
        return (Function<Object, ?>) f;
    }
}
