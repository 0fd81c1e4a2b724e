package io.pplj.runtime;

import io.pplj.tensor.PerThread;
import io.pplj.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The current thread's handler stack and plate-dimension allocator, and the message protocol that runs every
 * primitive through them.
 */
final class EffectStack {

    private static final PerThread<EffectStack> CURRENT = new PerThread<>(EffectStack::new);

    private final List<Messenger> stack = new ArrayList<>();
    private final DimAllocator dims = new DimAllocator();

    private EffectStack() {
    }

    static EffectStack current() {
        return CURRENT.get();
    }

    DimAllocator dims() {
        return dims;
    }

    void push(Messenger m) {
        if (stack.contains(m)) {
            throw new IllegalStateException(m + " is already active on this thread");
        }
        stack.add(m);
    }

    /**
     * Pops {@code m}. If handlers entered after it are still active (closed out of order, or entered without
     * try-with-resources), they are popped too, innermost first, so the thread's stack and plate dims stay usable, and
     * the error names them.
     *
     * @throws IllegalStateException if {@code m} is not the innermost active handler (after popping it and those
     *     above it), or not active on this thread at all
     */
    void pop(Messenger m) {
        int at = stack.lastIndexOf(m);
        if (at < 0) {
            throw new IllegalStateException("closing " + m + ", which is not active on this thread (closed twice, or"
                    + " entered on another thread?)");
        }
        List<Messenger> above = new ArrayList<>(stack.subList(at + 1, stack.size()));
        RuntimeException cleanup = null;
        for (int i = stack.size() - 1; i >= at; i--) {
            Messenger popped = stack.remove(i);
            try {
                popped.exited();
            } catch (RuntimeException e) {
                if (cleanup == null) {
                    cleanup = e;
                } else {
                    cleanup.addSuppressed(e);
                }
            }
        }
        if (!above.isEmpty()) {
            java.util.Collections.reverse(above);
            IllegalStateException e = new IllegalStateException("closing " + m + " out of order: " + above
                    + (above.size() == 1 ? " was" : " were") + " entered after it and still active (close scopes in"
                    + " reverse order of entering them, with try-with-resources); all of them are now closed");
            if (cleanup != null) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (cleanup != null) {
            throw cleanup;
        }
    }

    /** Whether any handler is active. */
    boolean isEmpty() {
        return stack.isEmpty();
    }

    /**
     * Runs a message through the stack: process from the innermost handler outwards until one stops it, the default
     * behaviour, the message's {@linkplain Message#afterDefault after-default actions}, postprocess from the outermost
     * handler that saw it inwards, then the continuation.
     */
    void apply(Message msg) {
        int seen = 0;
        for (int i = stack.size() - 1; i >= 0; i--) {
            seen++;
            stack.get(i).process(msg);
            if (msg.isStopped()) {
                break;
            }
        }
        defaultProcess(msg);
        msg.runAfterDefault();
        for (int i = stack.size() - seen; i < stack.size(); i++) {
            stack.get(i).postprocess(msg);
        }
        if (msg.continuation() != null) {
            msg.continuation().accept(msg);
        }
    }

    /** Fills in the value of a message no handler finished: draw, look up the parameter, choose a subsample. */
    private static void defaultProcess(Message msg) {
        if (msg.isDone() || msg.isObserved() || msg.value() != null) {
            msg.setDone(true);
            return;
        }
        switch (msg.type()) {
            case SAMPLE:
                msg.setValue(msg.distribution().hasRsample() ? msg.distribution().rsample()
                        : msg.distribution().sample());
                break;
            case PARAM:
                msg.setValue(ParamStore.current().param(msg.name(), msg.init(), msg.constraint()));
                break;
            default:
                int size = (Integer) msg.infer().get("size");
                int subsampleSize = (Integer) msg.infer().get("subsampleSize");
                msg.setValue(Rng.current().permutation(size).narrow(0, 0, subsampleSize));
                break;
        }
        msg.setDone(true);
    }
}
