package io.pplj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick start recovers the coefficients it simulated from, and prints them. */
class QuickStartTest {

    @Test
    void recoversTheCoefficients() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Tensor> fit = QuickStart.run(2000, 2000, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        double[] w = fit.get("w").toDoubleArray();
        // With 2000 points each coefficient's posterior sd is below 0.1: 0.35 is more than 3.5 sd.
        assertEquals(1.5, w[0], 0.35);
        assertEquals(-2.0, w[1], 0.35);
        assertEquals(0.5, w[2], 0.35);
        assertEquals(0.3, fit.get("b").item(), 0.35);
        // the Bayes classifier of this model is right about 80 % of the time
        double accuracy = fit.get("accuracy").item();
        assertTrue(accuracy > 0.7 && accuracy < 0.9, "accuracy " + accuracy);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("w[1]  true -2.00") && printed.contains("95% interval"), printed);
    }
}
