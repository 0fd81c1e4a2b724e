package io.pplj.infer;

/**
 * Training stopped because the loss was NaN or infinite; the message names the step and the sites whose
 * log-probability was not finite.
 */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
