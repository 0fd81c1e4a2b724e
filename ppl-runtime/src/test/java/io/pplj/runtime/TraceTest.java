package io.pplj.runtime;

import static io.pplj.runtime.Ppl.factor;
import static io.pplj.runtime.Ppl.observe;
import static io.pplj.runtime.Ppl.param;
import static io.pplj.runtime.Ppl.plate;
import static io.pplj.runtime.Ppl.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Normal;
import io.pplj.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Traces: site views, per-site log-probabilities (scaled, masked, summed over event dims), the printed table. */
@SuppressWarnings("try")
class TraceTest {

    static final Model<Tensor, String> MODEL = data -> {
        Tensor loc = param("loc", () -> Tensor.scalar(0.5));
        Tensor mu = sample("mu", Normal.of(loc, 2.0));
        try (Plate p = plate("data", 4, 2)) {
            observe("x", Normal.of(mu, 1.0), p.subsample(data));
            factor("penalty", Tensor.scalar(-0.25));
        }
        return "done";
    };

    private static List<String> names(List<Site> sites) {
        return sites.stream().map(Site::name).collect(Collectors.toList());
    }

    @Test
    void viewsSelectSitesByKind() {
        try (ParamStore store = ParamStore.open()) {
            Trace t = Handlers.trace(MODEL).getTrace(Tensor.of(1.0, 2.0, 3.0, 4.0));
            assertEquals(List.of("loc", "mu", "data", "x", "penalty"), t.names());
            assertEquals(List.of("mu", "x", "penalty"), names(t.sampleSites()));
            assertEquals(List.of("mu"), names(t.stochasticSites()));
            assertEquals(List.of("x", "penalty"), names(t.observedSites()));
            assertEquals(List.of("loc"), names(t.paramSites()));
            assertEquals(Message.Type.SUBSAMPLE, t.site("data").type());
            assertEquals(List.of("x", "penalty"), names(t.filter(s -> s.frames().stream()
                    .anyMatch(f -> f.name().equals("data") && f.size() == 2 && f.fullSize() == 4))));
            assertEquals("done", t.returnValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.site("nope"));
            assertTrue(e.getMessage().contains("[loc, mu, data, x, penalty]"), e.getMessage());
            IllegalStateException p = assertThrows(IllegalStateException.class, () -> t.site("loc").logProb());
            assertTrue(p.getMessage().contains("'loc'"), p.getMessage());
        }
    }

    @Test
    void siteLogProbsAreScaledMaskedAndSummedOverEventDims() {
        try (ParamStore store = ParamStore.open()) {
            Tensor data = Tensor.of(1.0, 2.0, 3.0, 4.0);
            Tensor keep = Tensor.ofBooleans(new boolean[] {true, false}, 2);
            Trace t = Handlers.trace(Handlers.scale(MODEL, 3.0)).getTrace(data);
            Site x = t.site("x");
            assertEquals(3.0 * 4 / 2, x.scale());
            Tensor expected = Normal.of(t.site("mu").value(), 1.0).logProb(x.value());
            assertArrayEquals(expected.toDoubleArray(), x.unscaledLogProb().toDoubleArray(), 1e-6);
            assertArrayEquals(expected.mul(6.0).toDoubleArray(), x.logProb().toDoubleArray(), 1e-5);
            Trace masked = Handlers.trace(new MaskMessenger(keep).wrap(Handlers.replay(MODEL, t))).getTrace(data);
            double[] m = masked.site("x").logProb().toDoubleArray();
            assertEquals(expected.toDoubleArray()[0] * 2, m[0], 1e-5);
            assertEquals(0.0, m[1]);
            double sum = 0;
            for (Site s : masked.sampleSites()) {
                sum += s.logProbSum().item();
            }
            assertEquals(sum, masked.logProbSum().item(), 1e-5);
            assertEquals(masked.site("x").logProbSum().item(),
                    masked.logProbSum(s -> s.name().equals("x")).item(), 1e-6);
        }
    }

    @Test
    void printsATableOfSites() {
        try (ParamStore store = ParamStore.open()) {
            Trace t = Handlers.trace(MODEL).getTrace(Tensor.of(1.0, 2.0, 3.0, 4.0));
            List<String> lines = t.toString().lines().toList();
            assertEquals(6, lines.size(), t.toString());
            assertEquals(List.of("name", "type", "distribution", "value", "batch", "event", "log", "prob"),
                    List.of(lines.get(0).trim().split("\\s+")));
            List<String> x = List.of(lines.get(4).trim().split("\\s+"));
            assertEquals(List.of("x", "sample", "(obs)", "Normal", "[2]", "[2]", "[]",
                    String.format(Locale.ROOT, "%.4f", t.site("x").logProbSum().item())), x);
            assertTrue(lines.get(1).startsWith("loc ") && lines.get(1).contains("param"), lines.get(1));
            assertTrue(lines.get(3).startsWith("data ") && lines.get(3).contains("subsample"), lines.get(3));
            for (String line : lines) {
                assertEquals(line.stripTrailing(), line, "no trailing blanks");
            }
        }
    }
}
