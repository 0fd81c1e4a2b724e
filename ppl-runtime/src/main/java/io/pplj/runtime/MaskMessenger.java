package io.pplj.runtime;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;

/**
 * Masks the log-probability of every sample site: where the bool mask (broadcasting to the site's batch shape) is
 * false, the site contributes nothing. Masks combine with logical and.
 */
public final class MaskMessenger extends Messenger {

    private final Tensor mask;

    /**
     * @throws IllegalArgumentException if the mask is not bool
     */
    public MaskMessenger(Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("mask: expected a bool tensor, got " + mask.dtype());
        }
        this.mask = mask;
    }

    /** A constant mask. */
    public MaskMessenger(boolean keep) {
        this(Tensor.ofBooleans(new boolean[] {keep}).reshape());
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() == Message.Type.SAMPLE) {
            msg.setMask(msg.mask() == null ? mask : msg.mask().and(mask));
        }
    }
}
