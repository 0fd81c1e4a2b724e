package io.pplj.runtime;

import io.pplj.dist.Distribution;
import io.pplj.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded site of a {@link Trace}: a snapshot of its message after the handlers and the default behaviour ran,
 * with its log-probability computed on demand (and remembered).
 *
 * <p>{@link #logProb()} is {@code scale * log p(value)} where the mask is true and 0 elsewhere, summed over event
 * dimensions (one value per batch element); {@link #unscaledLogProb()} leaves out the scale and mask.
 */
public final class Site {

    private final String name;
    private final Message.Type type;
    private final Distribution distribution;
    private final Tensor value;
    private final boolean observed;
    private final double scale;
    private final Tensor mask;
    private final List<Frame> frames;
    private final Map<String, Object> infer;
    private Tensor unscaledLogProb;
    private Tensor logProb;

    Site(Message msg) {
        this.name = msg.name();
        this.type = msg.type();
        this.distribution = msg.distribution();
        this.value = msg.value();
        this.observed = msg.isObserved();
        this.scale = msg.scale();
        this.mask = msg.mask();
        this.frames = List.copyOf(msg.frames());
        this.infer = Collections.unmodifiableMap(new LinkedHashMap<>(msg.infer()));
    }

    /** The site's name. */
    public String name() {
        return name;
    }

    /** The site's kind. */
    public Message.Type type() {
        return type;
    }

    /** The distribution of a sample site (after plate broadcasting), or {@code null}. */
    public Distribution distribution() {
        return distribution;
    }

    /** The value. */
    public Tensor value() {
        return value;
    }

    /** Whether the value was observed data. */
    public boolean isObserved() {
        return observed;
    }

    /** Whether this is a latent random variable: a sample site whose value was drawn, not observed. */
    public boolean isStochastic() {
        return type == Message.Type.SAMPLE && !observed;
    }

    /** The log-probability scale. */
    public double scale() {
        return scale;
    }

    /** The log-probability mask, or {@code null}. */
    public Tensor mask() {
        return mask;
    }

    /** The plates around the site, outermost first. */
    public List<Frame> frames() {
        return frames;
    }

    /** The inference hints the handlers attached. */
    public Map<String, Object> infer() {
        return infer;
    }

    /**
     * {@code log p(value)} per batch element, without scale or mask.
     *
     * @throws IllegalStateException for sites that are not sample sites
     * @throws IllegalArgumentException naming the site when the distribution rejects the value
     */
    public Tensor unscaledLogProb() {
        if (unscaledLogProb == null) {
            if (type != Message.Type.SAMPLE) {
                throw new IllegalStateException(type + " site '" + name + "' has no log-probability");
            }
            try {
                unscaledLogProb = distribution.logProb(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("site '" + name + "'" + inPlates() + ": " + e.getMessage(), e);
            }
        }
        return unscaledLogProb;
    }

    /** {@code scale * log p(value)} where the mask holds, 0 elsewhere; per batch element. */
    public Tensor logProb() {
        if (logProb == null) {
            Tensor lp = unscaledLogProb();
            if (scale != 1.0) {
                lp = lp.mul(scale);
            }
            if (mask != null) {
                lp = Tensor.where(mask, lp, Tensor.scalar(0.0, lp.dtype()));
            }
            logProb = lp;
        }
        return logProb;
    }

    /** The sum of {@link #logProb()}. */
    public Tensor logProbSum() {
        return logProb().sum();
    }

    /** " in plate 'a' (size 3, dim -1), plate 'b' (...)" or empty. */
    String inPlates() {
        if (frames.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" in ");
        for (int i = frames.size() - 1; i >= 0; i--) {
            sb.append(i < frames.size() - 1 ? ", " : "").append(frames.get(i));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " site '" + name + "'" + inPlates();
    }
}
