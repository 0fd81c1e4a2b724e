package io.pplj.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pplj.tensor.Tensor;

/** Comparisons of traces site by site, for the handler-law properties. */
final class TraceAssertions {

    private TraceAssertions() {
    }

    /** The same sites in the same order, with equal types, observed flags, scales, values and log-probabilities. */
    static void assertSameTrace(Trace expected, Trace actual, String what) {
        assertEquals(expected.names(), actual.names(), what + ": site names");
        for (Site e : expected.sites()) {
            Site a = actual.site(e.name());
            String where = what + ", site '" + e.name() + "'";
            assertEquals(e.type(), a.type(), where + ": type");
            assertEquals(e.isObserved(), a.isObserved(), where + ": observed");
            assertEquals(e.scale(), a.scale(), where + ": scale");
            assertSameValue(e.value(), a.value(), where + ": value");
            assertEquals(e.frames(), a.frames(), where + ": plates");
            if (e.type() == Message.Type.SAMPLE) {
                assertSameValue(e.logProb(), a.logProb(), where + ": log-prob");
            }
        }
    }

    /** Equal shapes and bit-identical elements. */
    static void assertSameValue(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), what);
    }
}
