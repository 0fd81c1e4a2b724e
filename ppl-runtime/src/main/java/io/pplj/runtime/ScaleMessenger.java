package io.pplj.runtime;

/** Multiplies the log-probability of every sample site by a positive factor (Pyro's {@code poutine.scale}). */
public final class ScaleMessenger extends Messenger {

    private final double factor;

    /**
     * @throws IllegalArgumentException if the factor is not positive and finite
     */
    public ScaleMessenger(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale: factor " + factor + " must be positive and finite");
        }
        this.factor = factor;
    }

    @Override
    protected void process(Message msg) {
        msg.setScale(msg.scale() * factor);
    }
}
