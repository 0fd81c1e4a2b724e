package io.pplj.runtime;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.dist.Validation;
import io.pplj.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The primitives of a PPL-J model, for static import ({@code import static io.pplj.runtime.Ppl.*;}). Each sends a
 * {@link Message} through the current thread's handlers ({@link Handlers}); with none active, {@code sample} draws,
 * {@code observe} returns its data and {@code param} reads the current {@link ParamStore}.
 */
public final class Ppl {

    private Ppl() {
    }

    /**
     * A latent random variable named {@code name} with distribution {@code d} (inside plates, broadcast to their
     * sizes). Reparameterized families are drawn with {@code rsample}, so gradients flow through the draw.
     */
    public static Tensor sample(String name, Distribution d) {
        return sampleSite(name, d, null, null);
    }

    /** A latent random variable with inference hints (e.g. {@code Map.of("enumerate", "parallel")}). */
    public static Tensor sample(String name, Distribution d, Map<String, Object> infer) {
        return sampleSite(name, d, null, infer);
    }

    /**
     * An observed random variable: {@code value} is data drawn from {@code d}; the site adds
     * {@code log d(value)} to the model's log density and returns the value.
     *
     * @throws IllegalArgumentException if the value is null, or (validation on) does not fit the distribution
     *     and the plates around the site, naming the site, plate and shapes
     */
    public static Tensor observe(String name, Distribution d, Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("observe: site '" + name + "' needs a value; use sample() for a"
                    + " latent variable");
        }
        return sampleSite(name, d, value, null);
    }

    private static Tensor sampleSite(String name, Distribution d, Tensor value, Map<String, Object> infer) {
        requireName(name);
        if (d == null) {
            throw new IllegalArgumentException("site '" + name + "' needs a distribution");
        }
        Message msg = Message.sample(name, d, value);
        if (infer != null) {
            msg.infer().putAll(infer);
        }
        EffectStack.current().apply(msg);
        if (msg.type() == Message.Type.SAMPLE && msg.isObserved() && Validation.isEnabled()) {
            SiteShapes.check(msg);
        }
        return msg.value();
    }

    /** An unconstrained learnable parameter, initialized lazily by {@code init} on first use. */
    public static Tensor param(String name, Supplier<Tensor> init) {
        return param(name, init, null);
    }

    /**
     * A learnable parameter constrained to {@code constraint}: stored unconstrained, returned as
     * {@code bijectTo(constraint)} of the stored value. {@code init} gives a constrained initial value on first use.
     */
    public static Tensor param(String name, Supplier<Tensor> init, Constraint constraint) {
        requireName(name);
        Message msg = Message.param(name, init, constraint);
        EffectStack.current().apply(msg);
        return msg.value();
    }

    /** An unconstrained learnable parameter with an eager initial value. */
    public static Tensor param(String name, Tensor init) {
        return param(name, init, null);
    }

    /**
     * A constrained learnable parameter with an eager initial value, whose shape must match an existing
     * parameter's.
     */
    public static Tensor param(String name, Tensor init, Constraint constraint) {
        requireName(name);
        if (init != null) {
            ParamStore.current().checkShape(name, init.shape());
        }
        return param(name, init == null ? null : () -> init, constraint);
    }

    /** An existing parameter. */
    public static Tensor param(String name) {
        return param(name, (Supplier<Tensor>) null, null);
    }

    /**
     * Enters a vectorized plate of {@code size} independent elements on the next free batch dimension; use in
     * try-with-resources.
     */
    public static Plate plate(String name, int size) {
        return plate(name, size, size);
    }

    /** Enters a plate that subsamples {@code subsampleSize} of its {@code size} elements (see {@link Plate}). */
    public static Plate plate(String name, int size, int subsampleSize) {
        return Plate.create(name, size, subsampleSize, null, null, true).enter();
    }

    /** Enters a plate on an explicit batch dimension ({@code dim < 0}). */
    public static Plate plate(String name, int size, int subsampleSize, int dim) {
        return Plate.create(name, size, subsampleSize, null, dim, true).enter();
    }

    /** Enters a plate whose subsample is the given int64 indices (a data loader's mini-batch). */
    public static Plate plate(String name, int size, Tensor indices) {
        return Plate.create(name, size, indices.size(0), indices, null, true).enter();
    }

    /** Runs {@code body} for each index {@code 0 .. size-1}, each iteration an independent context (a sequential plate). */
    public static void sequentialPlate(String name, int size, IntConsumer body) {
        sequentialPlate(name, size, size, body);
    }

    /** A subsampled sequential plate: {@code body} runs for {@code subsampleSize} random indices. */
    public static void sequentialPlate(String name, int size, int subsampleSize, IntConsumer body) {
        Plate.create(name, size, subsampleSize, null, null, false).runSequential(body);
    }

    /** Adds {@code logWeight} (broadcast over the plates around it) to the model's log density. */
    public static Tensor factor(String name, Tensor logWeight) {
        requireName(name);
        Message msg = Message.sample(name, new FactorDistribution(logWeight), Tensor.zeros(logWeight.dtype()));
        EffectStack.current().apply(msg);
        return logWeight;
    }

    /**
     * Records a value computed from other sites, such as a transformed latent, as site {@code name} (Pyro's
     * {@code deterministic}): an observed site whose log-probability is zero, marked {@code infer "_deterministic"}.
     * The whole value is the event (see {@link #deterministic(String, Tensor, int)}). Returns the value.
     */
    public static Tensor deterministic(String name, Tensor value) {
        return deterministic(name, value, value == null ? 0 : value.dim());
    }

    /**
     * As {@link #deterministic(String, Tensor)}, with only the last {@code eventDim} dimensions of the value as the
     * event, so the rest are batch dimensions that the plates around the site index.
     *
     * @throws IllegalArgumentException if {@code eventDim} is negative or exceeds the value's rank
     */
    public static Tensor deterministic(String name, Tensor value, int eventDim) {
        requireName(name);
        if (value == null || eventDim < 0 || eventDim > value.dim()) {
            throw new IllegalArgumentException("deterministic: site '" + name + "' needs a value with at least "
                    + eventDim + " dimensions (event dims must be in 0..rank)");
        }
        Message msg = Message.sample(name, new DeterministicDistribution(value, eventDim), value);
        msg.infer().put("_deterministic", Boolean.TRUE);
        EffectStack.current().apply(msg);
        return msg.value();
    }

    /**
     * Registers a module's parameters in the parameter store as {@code name$$$parameter} and loads the store's
     * trainable values into the module, so that inference trains it. Returns the module.
     */
    public static <M extends ParameterHolder> M module(String name, M holder) {
        requireName(name);
        Map<String, Tensor> fromStore = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : holder.parameters().entrySet()) {
            Tensor initial = e.getValue();
            fromStore.put(e.getKey(), param(name + ParamStore.MODULE_DIVIDER + e.getKey(), () -> initial));
        }
        holder.loadParameters(fromStore);
        return holder;
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("site names must be non-empty");
        }
    }
}
