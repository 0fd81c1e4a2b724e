package io.pplj.runtime;

import io.pplj.dist.Constraint;
import io.pplj.dist.Transform;
import io.pplj.dist.Transforms;
import io.pplj.tensor.PerThread;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import io.pplj.tensor.ThreadScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Learnable parameters by name. Each is kept <em>unconstrained</em>, as a leaf tensor that requires a gradient,
 * together with its constraint; {@link #param} returns {@code bijectTo(constraint)} of it, so optimizers work on the
 * unconstrained value and the constraint always holds.
 *
 * <p>Every thread has a current store ({@link #current()}); {@link #open()} makes a fresh store current until it is
 * closed, so two models trained in one JVM never share parameters by accident:
 *
 * <pre>{@code
 * try (ParamStore store = ParamStore.open()) {
 *     ... train ...
 *     store.save(Path.of("params.npz"));
 * }
 * }</pre>
 *
 * <p>Module parameters are named {@code module$$$parameter} ({@link #MODULE_DIVIDER}), as in Pyro.
 */
public final class ParamStore implements AutoCloseable {

    /** Separates a module's name from its parameters' names. */
    public static final String MODULE_DIVIDER = "$$$";

    private static final PerThread<ParamStore> CURRENT = new PerThread<>(ParamStore::new);

    private final Map<String, Entry> params = new LinkedHashMap<>();
    private ThreadScope scope;

    /** An unconstrained leaf and its constraint. */
    private static final class Entry {
        final Tensor unconstrained;
        final Constraint constraint;
        final Transform transform;

        Entry(Tensor unconstrained, Constraint constraint) {
            this.unconstrained = unconstrained;
            this.constraint = constraint;
            this.transform = Transforms.bijectTo(constraint);
        }
    }

    private ParamStore() {
    }

    /** This thread's current store. */
    public static ParamStore current() {
        return CURRENT.get();
    }

    /** A new, empty store, current in this thread until {@link #close()}. */
    public static ParamStore open() {
        ParamStore s = new ParamStore();
        s.scope = CURRENT.scoped(s);
        return s;
    }

    /**
     * For a store from {@link #open()}: restores the store that was current before (closing again does nothing).
     *
     * @throws IllegalStateException if another store opened after this one is still current on this thread (close
     *     scoped stores in reverse order of opening them); nothing changes then
     */
    @Override
    public void close() {
        if (scope == null) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("closing a scoped ParamStore out of order: it is not the current store of"
                    + " this thread (" + CURRENT.get() + " is); close scoped stores in reverse order of opening them,"
                    + " on the thread that opened them");
        }
        scope.close();
        scope = null;
    }

    /**
     * The constrained value of parameter {@code name}, created from {@code init} (a constrained value, evaluated
     * only if the parameter does not exist yet) under {@code constraint}. The result is differentiable with respect
     * to the stored unconstrained leaf.
     *
     * @throws IllegalArgumentException if the parameter exists with another constraint, or does not exist and
     *     {@code init} is null, or the initial value violates the constraint
     */
    public Tensor param(String name, Supplier<Tensor> init, Constraint constraint) {
        Constraint c = constraint == null ? Constraint.real() : constraint;
        Entry e = params.get(name);
        if (e == null) {
            if (init == null) {
                throw new IllegalArgumentException("param '" + name + "' does not exist and has no initial value");
            }
            e = create(name, init.get(), c);
        } else if (constraint != null && !sameConstraint(e.constraint, c)) {
            throw new IllegalArgumentException("param '" + name + "' exists with constraint " + e.constraint
                    + "; it cannot be used with constraint " + c + " (use another name, or remove it first)");
        }
        return e.transform.forward(e.unconstrained);
    }

    /**
     * As {@link #param(String, Supplier, Constraint)}, with an eager initial value whose shape must match an
     * existing parameter's.
     */
    public Tensor param(String name, Tensor init, Constraint constraint) {
        if (init != null) {
            checkShape(name, init.shape());
        }
        return param(name, init == null ? null : () -> init, constraint);
    }

    /**
     * Checks that an existing parameter has the constrained shape {@code shape} (no-op if it does not exist).
     *
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    void checkShape(String name, int[] shape) {
        Entry e = params.get(name);
        if (e != null) {
            int[] stored = e.transform.forwardShape(e.unconstrained.shape());
            if (!Arrays.equals(stored, shape)) {
                throw new IllegalArgumentException("param '" + name + "' exists with shape "
                        + Shapes.format(stored) + "; it cannot be used with an initial value of shape "
                        + Shapes.format(shape));
            }
        }
    }

    private Entry create(String name, Tensor init, Constraint c) {
        Entry e = entryFor(name, init, c);
        params.put(name, e);
        return e;
    }

    /** A new entry for a constrained value, after checking it. */
    private static Entry entryFor(String name, Tensor init, Constraint c) {
        if (!init.dtype().isFloating()) {
            throw new IllegalArgumentException("param '" + name + "': initial value must be floating, got "
                    + init.dtype());
        }
        Tensor value = init.detach();
        if (c.check(value).all().item() == 0.0) {
            throw new IllegalArgumentException("param '" + name + "': initial value (shape "
                    + Shapes.format(value.shape()) + ") violates its constraint " + c);
        }
        Transform t = Transforms.bijectTo(c);
        return new Entry(t.inverse(value).detach().requiresGrad(true), c);
    }

    private static boolean sameConstraint(Constraint a, Constraint b) {
        return a == b || a.toString().equals(b.toString());
    }

    /** The constrained value of an existing parameter (recorded from its leaf). */
    public Tensor get(String name) {
        return entry(name).transform.forward(entry(name).unconstrained);
    }

    /** The unconstrained leaf of a parameter, on which optimizers act. */
    public Tensor unconstrained(String name) {
        return entry(name).unconstrained;
    }

    /** The constraint of a parameter. */
    public Constraint constraint(String name) {
        return entry(name).constraint;
    }

    /**
     * Replaces a parameter's unconstrained value (an optimizer's update); it becomes a new leaf requiring a
     * gradient.
     *
     * @throws IllegalArgumentException if the shape or type changes
     */
    public void setUnconstrained(String name, Tensor value) {
        Entry old = entry(name);
        if (!Arrays.equals(old.unconstrained.shape(), value.shape()) || old.unconstrained.dtype() != value.dtype()) {
            throw new IllegalArgumentException("param '" + name + "': new unconstrained value "
                    + Shapes.format(value.shape()) + " " + value.dtype() + " does not match "
                    + Shapes.format(old.unconstrained.shape()) + " " + old.unconstrained.dtype());
        }
        params.put(name, new Entry(value.detach().requiresGrad(true), old.constraint));
    }

    /**
     * Sets a parameter to a constrained value under a constraint, creating or replacing it.
     *
     * @throws IllegalArgumentException if the value is not floating or violates the constraint; the parameter then
     *     keeps its old value
     */
    public void set(String name, Tensor value, Constraint constraint) {
        Entry e = entryFor(name, value, constraint == null ? Constraint.real() : constraint);
        params.remove(name);
        params.put(name, e);
    }

    /** Restores a parameter from an unconstrained value and its constraint (used when loading). */
    void putUnconstrained(String name, Tensor unconstrained, Constraint constraint) {
        params.put(name, new Entry(unconstrained.detach().requiresGrad(true), constraint));
    }

    /** Whether a parameter exists. */
    public boolean contains(String name) {
        return params.containsKey(name);
    }

    /** The parameter names, in creation order. */
    public Set<String> names() {
        return new LinkedHashSet<>(params.keySet());
    }

    /** The number of parameters. */
    public int size() {
        return params.size();
    }

    /** Removes a parameter (no-op if absent). */
    public void remove(String name) {
        params.remove(name);
    }

    /** Removes every parameter. */
    public void clear() {
        params.clear();
    }

    /**
     * Writes every parameter to {@code file} atomically (a temporary file in the same directory, then a rename): an
     * {@code .npz} archive of the unconstrained values with a {@code params.json} entry naming each parameter's
     * dtype, shape and constraint (see {@link ParamFile}).
     *
     * @throws IOException if writing fails; the previous file, if any, is then untouched
     */
    public void save(Path file) throws IOException {
        Map<String, Tensor> values = new LinkedHashMap<>();
        Map<String, Constraint> constraints = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : params.entrySet()) {
            values.put(e.getKey(), e.getValue().unconstrained);
            constraints.put(e.getKey(), e.getValue().constraint);
        }
        ParamFile.write(file, values, constraints);
    }

    /**
     * Replaces this store's parameters with those saved in {@code file}, exactly (bit for bit).
     *
     * @throws IOException if the file cannot be read or is not a parameter file
     */
    public void load(Path file) throws IOException {
        Map<String, ParamFile.Saved> saved = ParamFile.read(file);
        params.clear();
        saved.forEach((name, s) -> putUnconstrained(name, s.unconstrained(), s.constraint()));
    }

    private Entry entry(String name) {
        Entry e = params.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no param named '" + name + "' in the store (it has "
                    + params.keySet() + ")");
        }
        return e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParamStore[");
        params.forEach((n, e) -> sb.append(sb.length() > 11 ? ", " : "").append(n).append(' ')
                .append(Shapes.format(e.unconstrained.shape())).append(' ').append(e.constraint));
        return sb.append(']').toString();
    }
}
