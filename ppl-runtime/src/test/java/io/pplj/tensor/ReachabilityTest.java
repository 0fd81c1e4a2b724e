package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@link Grad#reaches}: which inputs a recorded computation used. */
class ReachabilityTest {

    @Test
    void findsAncestorsOnly() {
        Tensor a = Tensor.of(1.0).requiresGrad(true);
        Tensor b = Tensor.of(2.0).requiresGrad(true);
        Tensor c = Tensor.of(3.0).requiresGrad(true);
        Tensor ab = a.mul(b).exp();
        Tensor out = ab.add(1.0).sum();
        assertArrayEquals(new boolean[] {true, true, false, true, true}, Grad.reaches(out, a, b, c, ab, out));
        assertArrayEquals(new boolean[] {false}, Grad.reaches(c.detach(), c));
    }
}
