package io.pplj.runtime;

import io.pplj.dist.Constraint;
import io.pplj.dist.Distribution;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a primitive sends through the handler stack (Pyro's message dictionary): handlers read and rewrite it on the
 * way in ({@link Messenger#process}), the default behaviour fills in the value, and handlers see the result on the
 * way out ({@link Messenger#postprocess}).
 *
 * <p>Fields: the site's {@link Type type} and name; for sample sites the distribution, whether the value is
 * observed, a log-probability scale and a mask; for param sites the initializer and constraint; the plates the site
 * sits in ({@link #frames()}, outermost first); free-form inference hints ({@link #infer()}); and control flags:
 * {@code done} (the value is final, skip the default behaviour), {@code stop} (handlers further out do not see the
 * message) and a continuation run after the stack. Handlers may also register {@linkplain #afterDefault actions}
 * that run once every handler has processed the message and its value is chosen, before any postprocess.
 */
public final class Message {

    /** The kinds of site. */
    public enum Type {
        /** A random variable: {@code sample} or {@code observe}. */
        SAMPLE,
        /** A learnable parameter: {@code param}. */
        PARAM,
        /** A plate's choice of subsample indices. */
        SUBSAMPLE
    }

    private final Type initialType;
    private Type type;
    private final String name;
    private Distribution distribution;
    private Tensor value;
    private boolean observed;
    private double scale = 1.0;
    private Tensor mask;
    private Supplier<Tensor> init;
    private Constraint constraint;
    private final List<Frame> frames = new ArrayList<>();
    private final Map<String, Object> infer = new LinkedHashMap<>();
    private boolean done;
    private boolean stop;
    private Consumer<Message> continuation;
    private List<Consumer<Message>> afterDefault;

    private Message(Type type, String name) {
        this.initialType = type;
        this.type = type;
        this.name = name;
    }

    /** A sample site: observed when {@code value} is not null. */
    public static Message sample(String name, Distribution distribution, Tensor value) {
        Message m = new Message(Type.SAMPLE, name);
        m.distribution = distribution;
        m.value = value;
        m.observed = value != null;
        return m;
    }

    /** A param site. */
    public static Message param(String name, Supplier<Tensor> init, Constraint constraint) {
        Message m = new Message(Type.PARAM, name);
        m.init = init;
        m.constraint = constraint;
        return m;
    }

    /** A plate's subsample site. */
    static Message subsample(String name, int size, int subsampleSize, Tensor indices) {
        Message m = new Message(Type.SUBSAMPLE, name);
        m.value = indices;
        m.infer.put("size", size);
        m.infer.put("subsampleSize", subsampleSize);
        return m;
    }

    /** The site's kind (a handler may turn a param into a sample, see {@link LiftMessenger}). */
    public Type type() {
        return type;
    }

    /** Changes the site's kind. */
    public void setType(Type type) {
        this.type = type;
    }

    /** The kind the primitive created. */
    public Type initialType() {
        return initialType;
    }

    /** The site's name. */
    public String name() {
        return name;
    }

    /** The distribution of a sample site. */
    public Distribution distribution() {
        return distribution;
    }

    /** Replaces the distribution (plates broadcast it, lift sets a prior). */
    public void setDistribution(Distribution distribution) {
        this.distribution = distribution;
    }

    /** The value, or {@code null} before one is chosen. */
    public Tensor value() {
        return value;
    }

    /** Sets the value. */
    public void setValue(Tensor value) {
        this.value = value;
    }

    /** Whether the value of a sample site is observed data. */
    public boolean isObserved() {
        return observed;
    }

    /** Marks the value observed or not. */
    public void setObserved(boolean observed) {
        this.observed = observed;
    }

    /** The factor multiplying the site's log-probability (subsampling, {@code scale} handler). */
    public double scale() {
        return scale;
    }

    /** Sets the log-probability scale. */
    public void setScale(double scale) {
        this.scale = scale;
    }

    /** A bool mask on the site's log-probability (false entries contribute nothing), or {@code null}. */
    public Tensor mask() {
        return mask;
    }

    /** Sets the mask. */
    public void setMask(Tensor mask) {
        this.mask = mask;
    }

    /** The initializer of a param site. */
    public Supplier<Tensor> init() {
        return init;
    }

    /** The constraint of a param site. */
    public Constraint constraint() {
        return constraint;
    }

    /** The plates around the site, outermost first as in Pyro's {@code cond_indep_stack} (read-only). */
    public List<Frame> frames() {
        return Collections.unmodifiableList(frames);
    }

    /** Adds the frame of a plate enclosing the ones already there (plates process innermost first). */
    public void addFrame(Frame frame) {
        frames.add(0, frame);
    }

    /** Inference hints (mutable), such as {@code "enumerate"} or {@code "baseline"}. */
    public Map<String, Object> infer() {
        return infer;
    }

    /** Whether the value is final. */
    public boolean isDone() {
        return done;
    }

    /** Marks the value final (the default behaviour will not draw one). */
    public void setDone(boolean done) {
        this.done = done;
    }

    /** Whether handlers further out are skipped. */
    public boolean isStopped() {
        return stop;
    }

    /** Stops the message here: handlers further out neither process nor postprocess it. */
    public void stop() {
        this.stop = true;
    }

    /** What runs after the stack, or {@code null}. */
    public Consumer<Message> continuation() {
        return continuation;
    }

    /** Sets what runs after the stack. */
    public void setContinuation(Consumer<Message> continuation) {
        this.continuation = continuation;
    }

    /**
     * Registers an action that runs on this message once the value is settled: after every handler's
     * {@link Messenger#process process} and the default behaviour, and before any {@link Messenger#postprocess
     * postprocess}, so traces and other handlers see what it changes. Actions run in registration order (innermost
     * handler first). They serve handlers whose work needs both the final value and what handlers further out
     * decided, whatever the order in which the handlers were composed: an intervention replaces the value that a
     * condition (inside or outside it) observed or that the default behaviour drew.
     */
    public void afterDefault(Consumer<Message> action) {
        if (afterDefault == null) {
            afterDefault = new ArrayList<>();
        }
        afterDefault.add(action);
    }

    /** Runs the {@linkplain #afterDefault registered actions}, including ones they register. */
    void runAfterDefault() {
        for (int i = 0; afterDefault != null && i < afterDefault.size(); i++) {
            afterDefault.get(i).accept(this);
        }
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " site '" + name + "'";
    }
}
