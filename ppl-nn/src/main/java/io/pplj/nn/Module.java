package io.pplj.nn;

import io.pplj.runtime.ParameterHolder;
import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A neural-network building block, as PyTorch's {@code nn.Module}: it owns named <em>parameters</em> (learnable
 * tensors), named <em>buffers</em> (state that is saved but not trained, such as batch-norm running statistics) and
 * named <em>submodules</em>, each kept in registration order, and maps an input tensor to an output in
 * {@link #forward(Tensor)}.
 *
 * <pre>{@code
 * Sequential net = Sequential.of(Linear.of(4, 8), ReLU.of(), Linear.of(8, 2));
 * net.parameters().keySet();          // [0.weight, 0.bias, 2.weight, 2.bias]
 * Tensor y = net.forward(x);
 * // in a model or guide: registers the parameters in the ParamStore as "net$$$0.weight", ... so SVI trains them
 * module("net", net).forward(x);
 * }</pre>
 *
 * <p><b>Names.</b> A submodule's parameters and buffers are named with dotted paths, as in PyTorch:
 * {@code "enc.fc1.bias"}. {@link #parameters()} lists them depth first in registration order.
 *
 * <p><b>Parameters and the parameter store.</b> Parameters are leaf tensors that require a gradient. A module is a
 * {@link ParameterHolder}: {@link io.pplj.runtime.Ppl#module Ppl.module(name, m)} puts each parameter in the current
 * {@link io.pplj.runtime.ParamStore} under {@code name$$$path} (keeping a value already stored there) and loads the
 * store's trainable leaves back with {@link #loadParameters(Map)}, so inference differentiates the module's output
 * with respect to the store's values and its optimizer trains them.
 *
 * <p><b>Modes.</b> A module starts in training mode; {@link #eval()} and {@link #train()} switch it and all its
 * submodules. Dropout and batch normalization behave differently in the two modes.
 *
 * <p><b>Files.</b> {@link #save(Path)} writes parameters and buffers to a PPL-J parameter file (a NumPy
 * {@code .npz} archive, written atomically; {@link io.pplj.runtime.ParamStore#load} and {@code numpy.load} read it
 * too) and {@link #load(Path)} reads them back bit for bit.
 *
 * <p>Subclasses register their state in their constructors with {@link #addParameter}, {@link #addBuffer} and
 * {@link #addModule}, read it in {@code forward} with {@link #parameter(String)} and {@link #buffer(String)} (the
 * current values: the store may have replaced them), and implement {@link #forward(Tensor)} with tensor operations. A
 * module is not thread-safe.
 */
public abstract class Module implements ParameterHolder {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    /** A module with no parameters, buffers or submodules yet. */
    protected Module() {
    }

    /** This module's output for {@code input}. */
    public abstract Tensor forward(Tensor input);

    // ---- registration -----------------------------------------------------------------------------------------

    /**
     * Registers a learnable parameter with its initial value (stored as a leaf that requires a gradient) and
     * returns the stored leaf.
     *
     * @throws IllegalArgumentException if the name is taken, contains a dot or is empty, or the value is not floating
     */
    protected final Tensor addParameter(String name, Tensor initial) {
        checkNewName(name);
        if (!initial.dtype().isFloating()) {
            throw new IllegalArgumentException(kind() + ": parameter '" + name + "' must be floating, got "
                    + initial.dtype());
        }
        Tensor leaf = initial.detach().requiresGrad(true);
        parameters.put(name, leaf);
        return leaf;
    }

    /**
     * Registers a buffer: state that is saved and loaded with the module and converted by {@link #to(DType)}, but
     * not trained.
     *
     * @throws IllegalArgumentException if the name is taken, contains a dot or is empty
     */
    protected final Tensor addBuffer(String name, Tensor initial) {
        checkNewName(name);
        Tensor value = initial.detach();
        buffers.put(name, value);
        return value;
    }

    /**
     * Registers a submodule; its parameters and buffers appear under {@code name.}.
     *
     * @throws IllegalArgumentException if the name is taken, contains a dot or is empty, or the module is this one
     */
    protected final <M extends Module> M addModule(String name, M module) {
        checkNewName(name);
        if (module == this) {
            throw new IllegalArgumentException(kind() + ": a module cannot contain itself ('" + name + "')");
        }
        modules.put(name, module);
        module.train(training);
        return module;
    }

    private void checkNewName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(kind() + ": name '" + name + "' must be non-empty and contain no"
                    + " dot (dots separate submodules)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || modules.containsKey(name)) {
            throw new IllegalArgumentException(kind() + ": '" + name + "' is already registered");
        }
    }

    /** The current value of this module's own parameter {@code name}. */
    protected final Tensor parameter(String name) {
        Tensor p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException(kind() + " has no parameter '" + name + "' (it has "
                    + parameters.keySet() + ")");
        }
        return p;
    }

    /** The current value of this module's own buffer {@code name}. */
    protected final Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException(kind() + " has no buffer '" + name + "' (it has " + buffers.keySet()
                    + ")");
        }
        return b;
    }

    /**
     * Replaces this module's own buffer {@code name} (a running statistic's update), detached.
     *
     * @throws IllegalArgumentException if the shape changes
     */
    protected final void setBuffer(String name, Tensor value) {
        Tensor old = buffer(name);
        checkShape("buffer", name, old, value);
        buffers.put(name, value.detach());
    }

    /** Whether this module has a parameter of its own named {@code name}. */
    protected final boolean hasParameter(String name) {
        return parameters.containsKey(name);
    }

    // ---- views ------------------------------------------------------------------------------------------------

    /** Every parameter of this module and its submodules by dotted name, in registration order (depth first). */
    @Override
    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.parameters.forEach((n, t) -> out.put(prefix + n, t)));
        return out;
    }

    /** Every buffer of this module and its submodules by dotted name. */
    public final Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.buffers.forEach((n, t) -> out.put(prefix + n, t)));
        return out;
    }

    /** Parameters and buffers by dotted name (PyTorch's {@code state_dict}): each module's parameters, then buffers. */
    public final Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> {
            m.parameters.forEach((n, t) -> out.put(prefix + n, t));
            m.buffers.forEach((n, t) -> out.put(prefix + n, t));
        });
        return out;
    }

    /** The direct submodules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** This module (name {@code ""}) and all its submodules by dotted path, depth first. */
    public final Map<String, Module> modules() {
        Map<String, Module> out = new LinkedHashMap<>();
        visit("", (prefix, m) -> out.put(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), m));
        return out;
    }

    /** The number of learnable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : parameters().values()) {
            n += t.numel();
        }
        return n;
    }

    private void visit(String prefix, BiConsumer<String, Module> action) {
        action.accept(prefix, this);
        modules.forEach((n, m) -> m.visit(prefix + n + ".", action));
    }

    // ---- loading ----------------------------------------------------------------------------------------------

    /**
     * Replaces every parameter with the tensor of the same dotted name (used as given, so that gradients reach it:
     * {@link io.pplj.runtime.Ppl#module} passes the parameter store's leaves).
     *
     * @throws IllegalArgumentException if a name is missing or unknown, or a shape differs
     */
    @Override
    public final void loadParameters(Map<String, Tensor> values) {
        replace("parameter", values, parameters(), (m, n, t) -> m.parameters.put(n, t));
    }

    /**
     * Replaces every parameter and buffer with the tensor of the same dotted name, as {@link #state()} lists them.
     * Parameters become fresh leaves that require a gradient.
     *
     * @throws IllegalArgumentException if a name is missing or unknown, or a shape differs
     */
    public final void loadState(Map<String, Tensor> values) {
        checkNames("state", values, state());
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        Map<String, Tensor> bufs = new LinkedHashMap<>();
        Map<String, Tensor> known = parameters();
        values.forEach((n, t) -> {
            if (known.containsKey(n)) {
                leaves.put(n, t.detach().requiresGrad(true));
            } else {
                bufs.put(n, t);
            }
        });
        loadParameters(leaves);
        replace("buffer", bufs, buffers(), (m, n, t) -> m.buffers.put(n, t.detach()));
    }

    /** Puts a value into the module that owns a dotted name. */
    private interface Setter {
        void set(Module owner, String name, Tensor value);
    }

    private void replace(String what, Map<String, Tensor> values, Map<String, Tensor> current, Setter setter) {
        checkNames(what, values, current);
        current.forEach((n, old) -> checkShape(what, n, old, values.get(n)));
        Map<String, Module> owners = modules();
        values.forEach((n, t) -> {
            int dot = n.lastIndexOf('.');
            Module owner = owners.get(dot < 0 ? "" : n.substring(0, dot));
            setter.set(owner, n.substring(dot + 1), t);
        });
    }

    private void checkNames(String what, Map<String, Tensor> values, Map<String, Tensor> current) {
        if (!values.keySet().equals(current.keySet())) {
            List<String> missing = new ArrayList<>(current.keySet());
            missing.removeAll(values.keySet());
            List<String> unknown = new ArrayList<>(values.keySet());
            unknown.removeAll(current.keySet());
            throw new IllegalArgumentException(kind() + ": cannot load " + what + " values: missing " + missing
                    + ", unknown " + unknown);
        }
    }

    private void checkShape(String what, String name, Tensor old, Tensor value) {
        if (!Arrays.equals(old.shape(), value.shape())) {
            throw new IllegalArgumentException(kind() + ": " + what + " '" + name + "' has shape "
                    + Shapes.format(old.shape()) + "; a value of shape " + Shapes.format(value.shape())
                    + " cannot replace it");
        }
    }

    // ---- modes and types --------------------------------------------------------------------------------------

    /** Whether this module is in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    /** Sets training mode ({@code true}) or evaluation mode on this module and all its submodules; returns this. */
    public final Module train(boolean on) {
        visit("", (prefix, m) -> m.training = on);
        return this;
    }

    /** Training mode for this module and its submodules: dropout drops, batch norm uses batch statistics. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode for this module and its submodules: dropout is the identity, batch norm uses running statistics. */
    public final Module eval() {
        return train(false);
    }

    /** Converts every floating parameter and buffer to {@code dtype} (e.g. float64 for gradient checks); returns this. */
    public Module to(DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(kind() + ".to: dtype must be floating, got " + dtype);
        }
        visit("", (prefix, m) -> {
            m.parameters.replaceAll((n, t) -> t.asType(dtype).detach().requiresGrad(true));
            m.buffers.replaceAll((n, t) -> t.dtype().isFloating() ? t.asType(dtype).detach() : t);
        });
        return this;
    }

    // ---- files ------------------------------------------------------------------------------------------------

    /**
     * Writes every parameter and buffer ({@link #state()}) to {@code file}, atomically, in the PPL-J parameter file
     * format.
     *
     * @throws IOException if writing fails; a previous file is then untouched
     */
    public final void save(Path file) throws IOException {
        ModuleFile.write(file, state());
    }

    /**
     * Replaces every parameter and buffer with the values saved in {@code file} (bit for bit).
     *
     * @throws IOException if the file cannot be read or is not a parameter file
     * @throws IllegalArgumentException if its names or shapes do not match this module's
     */
    public final void load(Path file) throws IOException {
        loadState(ModuleFile.read(file));
    }

    // ---- text -------------------------------------------------------------------------------------------------

    /** The module's kind and settings in one line, such as {@code Linear(in=4, out=2, bias=true)}. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    private String kind() {
        return getClass().getSimpleName();
    }

    /** The module tree, one submodule a line, as PyTorch prints it. */
    @Override
    public String toString() {
        if (modules.isEmpty()) {
            return describe();
        }
        StringBuilder sb = new StringBuilder(describe()).append("(\n");
        modules.forEach((n, m) -> sb.append("  (").append(n).append("): ")
                .append(m.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }
}
