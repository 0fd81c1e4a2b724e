package io.pplj.causal;

import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.AffineTransform;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Plate;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The linear-Gaussian SCM: X = U_x, Y = 2X + U_y with Y a TransformedDistribution of its noise. */
@SuppressWarnings("try")
class LinearGaussianScmTest {

    static final int N = 1000;

    /** X = U_x and Y = 2 X + U_y for N units. */
    static final Model<Void, Void> SCM = Model.of(in -> {
        try (Plate units = plate("units", N)) {
            Tensor x = sample("x", Normal.of(0.0, 1.0));
            sample("y", TransformedDistribution.of(Normal.of(0.0, 1.0), AffineTransform.of(x.mul(2.0),
                    Tensor.scalar(1.0))));
        }
    });

    @Test
    void counterfactualReusesTheAbductedNoise() {
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Model<Void, Void> cf = twin.wrap(Causal.intervene(Handlers.condition(SCM, Map.of("x", Tensor.scalar(1.0),
                "y", Tensor.scalar(3.0))), Map.of("x", 2.0)));
        Trace t = Handlers.trace(Handlers.seed(cf, 7)).getTrace(null);
        Worlds w = twin.worlds();
        assertEquals(-2, w.dim(TwinWorldCounterfactual.INDEX), "left of the units plate");
        Tensor y = t.site("y").value();
        assertArrayEquals(new int[] {2, N}, y.shape());
        assertTrue(w.counterfactual(y).eq(5.0).all().item() == 1.0, "Y would have been 5 in every unit");
        assertTrue(w.factual(y).eq(3.0).all().item() == 1.0, "the factual world keeps the observation");
        assertTrue(w.counterfactual(t.site("x").value()).eq(2.0).all().item() == 1.0);
        double expected = N * (Normal.of(0.0, 1.0).logProb(Tensor.scalar(1.0)).item()
                + Normal.of(0.0, 1.0).logProb(Tensor.scalar(1.0)).item());
        assertEquals(expected, t.logProbSum().item(), 1e-2, "only the factual world's factors count");
    }
}
