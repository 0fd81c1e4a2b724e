package io.pplj.runtime;

import static io.pplj.runtime.Ppl.plate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Batch dimensions reserved left of all plates. */
@SuppressWarnings("try")
class ReservedDimTest {

    @Test
    void reservesLeftOfTheOpenPlatesAndPlatesSkipIt() {
        try (Plate outer = plate("outer", 3); ReservedDim r = ReservedDim.leftOfPlates("worlds", -1, "advice")) {
            assertEquals(-1, outer.dim());
            assertEquals(-2, r.dim());
        }
        try (ReservedDim r = ReservedDim.leftOfPlates("worlds", -3, "advice")) {
            assertEquals(-3, r.dim());
            try (Plate a = plate("a", 2); Plate b = plate("b", 2)) {
                assertEquals(-1, a.dim());
                assertEquals(-2, b.dim());
            }
        }
        try (Plate again = plate("again", 4)) {
            assertEquals(-1, again.dim(), "closing the reservation frees its dim");
        }
    }

    @Test
    void platesThatWouldPassTheReservationFailWithTheAdvice() {
        try (ReservedDim r = ReservedDim.leftOfPlates("worlds", -1, "Create it further left.")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plate("data", 5));
            assertTrue(e.getMessage().contains("'data'") && e.getMessage().contains("'worlds'")
                    && e.getMessage().contains("dim -2") && e.getMessage().endsWith("Create it further left."),
                    e.getMessage());
            IllegalArgumentException explicit = assertThrows(IllegalArgumentException.class,
                    () -> plate("data", 5, 5, -1));
            assertTrue(explicit.getMessage().contains("'worlds' holds it"), explicit.getMessage());
        }
        try (Plate data = plate("data", 5)) {
            assertEquals(-1, data.dim(), "failed plates leave nothing allocated");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ReservedDim.leftOfPlates("w", 0, ""));
        try (ReservedDim r = ReservedDim.leftOfPlates("w", -1, "")) {
            assertThrows(IllegalArgumentException.class, () -> ReservedDim.leftOfPlates("w", -1, ""));
            r.close();
            r.close();
        }
    }
}
