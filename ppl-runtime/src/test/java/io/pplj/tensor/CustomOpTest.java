package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Custom operations: a hand-written backward is used by the engine (checked against finite differences), the
 * forward runs without recording on detached inputs, nothing is recorded when no input requires a gradient, and a
 * backward returning the wrong number or shape of gradients fails with the operation's name.
 */
@SuppressWarnings("try")
class CustomOpTest {

    /** x * y^2 with its product-rule gradients, written by hand. */
    private static Tensor xTimesYSquared(Tensor x, Tensor y) {
        return CustomOp.apply("xy2",
                in -> in[0].mul(in[1].square()),
                (in, out, g) -> new Tensor[] {g.mul(in[1].square()), g.mul(in[0]).mul(in[1]).mul(2.0)},
                x, y);
    }

    @Test
    void handWrittenGradientsMatchFiniteDifferences() {
        Rng.seed(3);
        Tensor x = Rng.current().normal(DType.FLOAT64, 3, 4);
        Tensor y = Rng.current().normal(DType.FLOAT64, 4);
        GradCheck.check(in -> xTimesYSquared(in[0], in[1]).tanh(), x, y);
    }

    @Test
    void forwardSeesDetachedInputsWithRecordingOff() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        boolean[] seen = new boolean[2];
        Tensor y = CustomOp.apply("probe", in -> {
            seen[0] = in[0].requiresGrad();
            seen[1] = Grad.isEnabled();
            return in[0].mul(2.0);
        }, (in, out, g) -> new Tensor[] {g.mul(2.0)}, x);
        assertFalse(seen[0]);
        assertFalse(seen[1]);
        assertTrue(y.requiresGrad());
        assertArrayEquals(new double[] {2, 2}, Grad.of(y.sum(), x)[0].toDoubleArray(), 0.0);
    }

    @Test
    void nothingIsRecordedWithoutGradients() {
        Tensor x = Tensor.of(1.0, 2.0);
        Tensor y = CustomOp.apply("identity", in -> in[0], (in, out, g) -> {
            throw new AssertionError("backward must not run");
        }, x);
        assertFalse(y.requiresGrad());
        Tensor leaf = x.requiresGrad(true);
        try (ThreadScope off = Grad.noGrad()) {
            assertFalse(CustomOp.apply("identity", in -> in[0], (in, out, g) -> new Tensor[] {g}, leaf)
                    .requiresGrad());
        }
    }

    @Test
    void returningAnInputDoesNotAttachANodeToIt() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = CustomOp.apply("identity", in -> in[0], (in, out, g) -> new Tensor[] {g}, x);
        assertTrue(x.isLeaf());
        assertFalse(y.isLeaf());
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().toDoubleArray(), 0.0);
    }

    @Test
    void badBackwardResultsNameTheOperation() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor wrongCount = CustomOp.apply("twice", in -> in[0].mul(2.0), (in, out, g) -> new Tensor[0], x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrongCount.sum().backward());
        assertTrue(e.getMessage().contains("'twice'") && e.getMessage().contains("0 gradients for 1 inputs"),
                e.getMessage());
        Tensor wrongShape = CustomOp.apply("twice", in -> in[0].mul(2.0),
                (in, out, g) -> new Tensor[] {Tensor.ones(3)}, x);
        e = assertThrows(IllegalArgumentException.class, () -> wrongShape.sum().backward());
        assertTrue(e.getMessage().contains("shape [3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertEquals("custom op 'nil': the forward pass returned null", assertThrows(IllegalArgumentException.class,
                () -> CustomOp.apply("nil", in -> null, (in, out, g) -> null, x)).getMessage());
    }
}
