package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Shapes;
import io.pplj.tensor.Tensor;
import java.util.Locale;

/** Shape checks and readable summaries of invalid values, for validation messages. */
final class Validator {

    private Validator() {
    }

    /**
     * Checks that a value fits a distribution: its trailing dimensions equal the event shape and the rest broadcasts
     * with the batch shape.
     */
    static void checkShape(Distribution d, Tensor value, int[] batchShape, int[] eventShape) {
        int[] shape = value.shape();
        int e = eventShape.length;
        boolean eventOk = shape.length >= e;
        for (int i = 1; eventOk && i <= e; i++) {
            eventOk = shape[shape.length - i] == eventShape[e - i];
        }
        if (!eventOk) {
            throw new IllegalArgumentException(d.name() + ": value of shape " + Shapes.format(shape)
                    + " does not end with the event shape " + Shapes.format(eventShape));
        }
        int[] lead = java.util.Arrays.copyOf(shape, shape.length - e);
        try {
            Shapes.broadcast("logProb", lead, batchShape);
        } catch (IllegalArgumentException e2) {
            throw new IllegalArgumentException(d.name() + ": value of shape " + Shapes.format(shape)
                    + " does not broadcast with batch shape " + Shapes.format(batchShape) + " and event shape "
                    + Shapes.format(eventShape), e2);
        }
    }

    /** "got shape [3] with 1 of 3 values invalid (e.g. -0.5)". */
    static String describeInvalid(Tensor value, Tensor ok, int eventDim) {
        int total = ok.numel();
        long bad = Math.round(ok.not().asType(DType.INT64).sum().item());
        String example = "";
        if (eventDim == 0 && value.dtype().isFloating() && value.numel() == ok.numel()) {
            Tensor v = value.detach().asType(DType.FLOAT64);
            Tensor firstBad = v.flatten().indexSelect(0, ok.flatten().not().asType(DType.INT64).argmax(0).reshape(1));
            example = String.format(Locale.ROOT, " (e.g. %s)", firstBad.item());
        }
        return "got shape " + Shapes.format(value.shape()) + " with " + bad + " of " + total + (eventDim == 0
                ? " values" : " events") + " invalid" + example;
    }
}
