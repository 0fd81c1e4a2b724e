package io.pplj.runtime;

import static io.pplj.runtime.TraceAssertions.assertSameTrace;
import static io.pplj.runtime.TraceAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.dist.Distribution;
import io.pplj.dist.ExpTransform;
import io.pplj.dist.Normal;
import io.pplj.dist.TransformedDistribution;
import io.pplj.runtime.RandomModels.Spec;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Handler laws (trace, replay, block, condition, uncondition, seed, scale, mask, lift, substitute, inferConfig) as
 * properties over randomly generated small models ({@link RandomModels}): sites latent or observed, scalar or
 * multivariate, factors and params, in nested, subsampled and sequential plates.
 */
@SuppressWarnings("try")
class HandlerLawProperties {

    private static final int TRIES = 200;

    @Provide
    Arbitrary<Spec> models() {
        return RandomModels.specs();
    }

    private static Trace traced(Model<Void, Void> m, long seed) {
        return Handlers.trace(Handlers.seed(m, seed)).getTrace(null);
    }

    @Property(tries = TRIES)
    void traceIsIdempotent(@ForAll("models") Spec spec, @ForAll long seed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace once = traced(m, seed);
            Trace twice = Handlers.trace(Handlers.trace(Handlers.seed(m, seed))).getTrace(null);
            assertSameTrace(once, twice, "trace(trace(m)) vs trace(m)" + spec);
        }
    }

    @Property(tries = TRIES)
    void replayReproducesTheTraceAndIsIdempotent(@ForAll("models") Spec spec, @ForAll long seed,
                                                 @ForAll long otherSeed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace t = traced(m, seed);
            Trace replayed = traced(Handlers.replay(m, t), otherSeed);
            assertSameTrace(t, replayed, "trace(replay(m, t)) vs t" + spec);
            Trace twice = traced(Handlers.replay(Handlers.replay(m, t), t), otherSeed + 1);
            assertSameTrace(replayed, twice, "replay twice vs once" + spec);
            Trace ofReplay = traced(Handlers.replay(m, replayed), otherSeed + 2);
            assertSameTrace(t, ofReplay, "replay of a replayed trace" + spec);
        }
    }

    /** A way of choosing what block hides: the blocking wrapper, and the same choice as a predicate on sites. */
    private record Hiding(String what, UnaryOperator<Model<Void, Void>> block, Predicate<Site> onSites) {
    }

    private static Hiding hiding(int choice, Trace full, long pickSeed) {
        Random r = new Random(pickSeed);
        Set<String> names = new HashSet<>();
        for (String n : full.names()) {
            if (r.nextBoolean()) {
                names.add(n);
            }
        }
        String[] picked = names.toArray(String[]::new);
        switch (choice) {
            case 0:
                return new Hiding("all", Handlers::block, s -> true);
            case 1:
                return new Hiding("names " + names, m -> Handlers.blockHide(m, picked),
                        s -> names.contains(s.name()));
            case 2:
                return new Hiding("all but " + names, m -> Handlers.blockExpose(m, picked),
                        s -> !names.contains(s.name()));
            case 3:
                return new Hiding("sample sites", m -> BlockMessenger.hideTypes(Message.Type.SAMPLE).wrap(m),
                        s -> s.type() == Message.Type.SAMPLE);
            case 4:
                return new Hiding("all but params", m -> BlockMessenger.exposeTypes(Message.Type.PARAM).wrap(m),
                        s -> s.type() != Message.Type.PARAM);
            default:
                return new Hiding("observed sites", m -> Handlers.block(m, Message::isObserved), Site::isObserved);
        }
    }

    @Property(tries = TRIES)
    void blockHidesExactlyWhatItShouldAndIsIdempotent(@ForAll("models") Spec spec, @ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 5) int choice,
                                                      @ForAll long pickSeed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace full = traced(m, seed);
            Hiding h = hiding(choice, full, pickSeed);
            Trace blocked = traced(h.block().apply(m), seed);
            List<String> visible = new ArrayList<>();
            for (Site s : full.sites()) {
                if (!h.onSites().test(s)) {
                    visible.add(s.name());
                }
            }
            assertEquals(visible, blocked.names(), "block hiding " + h.what() + spec);
            for (Site s : blocked.sites()) {
                assertSameValue(full.site(s.name()).value(), s.value(), "block changes no value: " + s.name());
            }
            Trace twice = traced(h.block().apply(h.block().apply(m)), seed);
            assertSameTrace(blocked, twice, "block twice vs once, hiding " + h.what() + spec);
        }
    }

    @Property(tries = TRIES)
    void blockAllHidesEverythingAndStillRunsTheModel(@ForAll("models") Spec spec, @ForAll long seed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace full = traced(m, seed);
            assertTrue(traced(Handlers.block(m), seed).names().isEmpty());
            assertTrue(traced(Handlers.block(Handlers.block(m)), seed).names().isEmpty());
            // the blocked model's params are still created in the store
            assertEquals(full.paramSites().size(), store.size());
        }
    }

    /** Some (at least one) of the trace's latent sites, chosen by a seed; empty if it has none. */
    private static List<Site> someLatent(Trace t, long pickSeed) {
        List<Site> latent = t.stochasticSites();
        List<Site> chosen = new ArrayList<>();
        Random r = new Random(pickSeed);
        for (Site s : latent) {
            if (r.nextBoolean()) {
                chosen.add(s);
            }
        }
        if (chosen.isEmpty() && !latent.isEmpty()) {
            chosen.add(latent.get(r.nextInt(latent.size())));
        }
        return chosen;
    }

    /** Another value in the support: normals shifted, Bernoulli flipped, Poisson counts incremented. */
    private static Tensor perturbed(Site s) {
        String family = s.distribution().name();
        Tensor v = s.value();
        if (family.contains("Bernoulli")) {
            return v.rsub(1.0);
        }
        if (family.contains("Poisson")) {
            return v.add(1.0);
        }
        return v.add(0.25);
    }

    @Property(tries = TRIES)
    void conditionRecordsTheGivenValuesAsObserved(@ForAll("models") Spec spec, @ForAll long seed,
                                                  @ForAll long pickSeed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace t = traced(m, seed);
            List<Site> chosen = someLatent(t, pickSeed);
            Map<String, Tensor> same = new LinkedHashMap<>();
            Map<String, Tensor> other = new LinkedHashMap<>();
            for (Site s : chosen) {
                same.put(s.name(), s.value());
                other.put(s.name(), perturbed(s));
            }
            // conditioning on the drawn values changes nothing but the observed flags
            Trace c = traced(Handlers.replay(Handlers.condition(m, same), t), seed + 1);
            assertEquals(t.names(), c.names());
            for (Site s : t.sites()) {
                Site cs = c.site(s.name());
                assertEquals(s.isObserved() || same.containsKey(s.name()), cs.isObserved(), s.name());
                assertSameValue(s.value(), cs.value(), s.name());
                if (s.type() == Message.Type.SAMPLE) {
                    assertSameValue(s.logProb(), cs.logProb(), s.name());
                }
            }
            // conditioning on other values records them, scored under the site's distribution and scale
            Trace o = traced(Handlers.replay(Handlers.condition(m, other), t), seed + 2);
            for (Map.Entry<String, Tensor> e : other.entrySet()) {
                Site os = o.site(e.getKey());
                assertTrue(os.isObserved(), e.getKey());
                assertSame(e.getValue(), os.value(), e.getKey());
                Tensor expected = os.distribution().logProb(e.getValue()).mul(os.scale());
                assertArrayEquals(expected.toDoubleArray(), os.logProb().toDoubleArray(), 1e-5, e.getKey());
            }
            assertEquals(t.observedSites().size() + other.size(), o.observedSites().size());
        }
    }

    @Property(tries = TRIES)
    void unconditionReversesCondition(@ForAll("models") Spec spec, @ForAll long seed, @ForAll long pickSeed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace t = traced(m, seed);
            Trace free = traced(Handlers.uncondition(m), seed + 1);
            Map<String, Tensor> data = new LinkedHashMap<>();
            for (Site s : someLatent(t, pickSeed)) {
                if (free.contains(s.name())) { // not so if a sequential plate's subsample differs between runs
                    data.put(s.name(), perturbed(s));
                }
            }
            Trace undone = traced(Handlers.uncondition(Handlers.condition(m, data)), seed + 1);
            assertSameTrace(free, undone, "uncondition(condition(m)) vs uncondition(m)" + spec);
            assertTrue(undone.observedSites().isEmpty(), "every sample site is latent under uncondition");
            for (Map.Entry<String, Tensor> e : data.entrySet()) {
                assertSame(e.getValue(), undone.site(e.getKey()).infer().get("obs"), e.getKey());
            }
            for (Site s : t.observedSites()) {
                if (s.frames().stream().anyMatch(f -> f.size() < f.fullSize())) {
                    continue; // a subsample: the runs' subsamples differ
                }
                assertSameValue(s.value(), (Tensor) undone.site(s.name()).infer().get("obs"), s.name());
            }
        }
    }

    @Property(tries = TRIES)
    void seedMakesRunsReproducible(@ForAll("models") Spec spec, @ForAll long seed, @ForAll long otherSeed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Rng before = Rng.current();
            Trace a = traced(m, seed);
            assertSame(before, Rng.current(), "seed restores the thread's generator");
            Trace b = traced(m, seed);
            assertSameTrace(a, b, "same seed" + spec);
            if (seed != otherSeed && spec.hasLatentNormal()) {
                Trace c = traced(m, otherSeed);
                boolean differs = !a.names().equals(c.names()); // a subsampled sequential plate's sites
                for (Site s : a.stochasticSites()) {
                    differs |= c.contains(s.name()) && !java.util.Arrays.equals(s.value().toDoubleArray(),
                            c.site(s.name()).value().toDoubleArray());
                }
                assertTrue(differs, "seeds " + seed + " and " + otherSeed + " gave the same draws" + spec);
            }
        }
    }

    @Property(tries = TRIES)
    void scaleMultipliesEverySiteLogProb(@ForAll("models") Spec spec, @ForAll long seed,
                                         @ForAll @DoubleRange(min = 0.01, max = 100) double factor) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace a = traced(m, seed);
            Trace b = traced(Handlers.scale(m, factor), seed);
            assertEquals(a.names(), b.names());
            double sumAbs = 0;
            for (Site s : a.sampleSites()) {
                Site bs = b.site(s.name());
                assertEquals(s.scale() * factor, bs.scale(), s.name());
                assertSameValue(s.value(), bs.value(), s.name());
                double[] expected = s.logProb().toDoubleArray();
                double[] actual = bs.logProb().toDoubleArray();
                for (int i = 0; i < expected.length; i++) {
                    // float32 log-probabilities: scale*lp and factor*(scale*lp) round differently by a few ulps
                    assertEquals(expected[i] * factor, actual[i], 1e-6 * Math.abs(expected[i] * factor) + 1e-30,
                            s.name());
                    sumAbs += Math.abs(expected[i] * factor);
                }
            }
            assertEquals(a.logProbSum().item() * factor, b.logProbSum().item(), 1e-5 * sumAbs + 1e-30);
        }
    }

    @Property(tries = TRIES)
    void maskFalseZeroesEveryLogProbAndTrueKeepsThem(@ForAll("models") Spec spec, @ForAll long seed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace a = traced(m, seed);
            Trace off = traced(Handlers.mask(m, false), seed);
            Trace on = traced(Handlers.mask(m, true), seed);
            for (Site s : a.sampleSites()) {
                Site offSite = off.site(s.name());
                assertSameValue(s.value(), offSite.value(), s.name());
                assertArrayEquals(s.logProb().shape(), offSite.logProb().shape(), s.name());
                for (double v : offSite.logProb().toDoubleArray()) {
                    assertEquals(0.0, v, s.name());
                }
                assertSameValue(s.logProb(), on.site(s.name()).logProb(), s.name());
            }
            assertEquals(0.0, off.logProbSum().item());
        }
    }

    @Property(tries = TRIES)
    void liftTurnsParamsIntoSampleSitesFromThePrior(@ForAll("models") Spec spec, @ForAll long seed) {
        Distribution prior = TransformedDistribution.of(Normal.of(0.0, 0.3), ExpTransform.of());
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace plain = traced(m, seed);
            store.clear();
            Trace lifted = traced(Handlers.lift(m, prior), seed);
            assertTrue(lifted.paramSites().isEmpty(), "no param site is left");
            assertEquals(0, store.size(), "lifted params never reach the store");
            for (Site p : plain.paramSites()) {
                Site s = lifted.site(p.name());
                assertEquals(Message.Type.SAMPLE, s.type(), p.name());
                assertTrue(s.isStochastic(), p.name());
                assertSame(prior, s.distribution(), p.name());
                assertSameValue(prior.logProb(s.value()).mul(s.scale()), s.logProb(), p.name());
            }
            assertEquals(plain.stochasticSites().size() + plain.paramSites().size(),
                    lifted.stochasticSites().size());
        }
    }

    @Property(tries = TRIES)
    void substituteFixesParamsWithoutTouchingTheStore(@ForAll("models") Spec spec, @ForAll long seed,
                                                      @ForAll @DoubleRange(min = 0.1, max = 5) double value) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            List<Site> params = traced(m, seed).paramSites();
            store.clear();
            Map<String, Tensor> values = new LinkedHashMap<>();
            for (Site p : params) {
                values.put(p.name(), Tensor.scalar(value));
            }
            Trace t = traced(Handlers.substitute(m, values), seed);
            for (Site p : t.paramSites()) {
                assertSame(values.get(p.name()), p.value(), p.name());
            }
            assertEquals(params.size(), t.paramSites().size());
            assertEquals(0, store.size(), "substituted params are not read from the store");
        }
    }

    @Property(tries = TRIES)
    void inferConfigAttachesHintsToSampleAndParamSites(@ForAll("models") Spec spec, @ForAll long seed) {
        try (ParamStore store = ParamStore.open()) {
            Model<Void, Void> m = spec.model();
            Trace t = traced(Handlers.inferConfig(m, msg -> Map.of("hint", "for " + msg.name())), seed);
            for (Site s : t.sites()) {
                if (s.type() == Message.Type.SUBSAMPLE) {
                    assertFalse(s.infer().containsKey("hint"), s.name());
                } else {
                    assertEquals("for " + s.name(), s.infer().get("hint"), s.name());
                }
            }
        }
    }
}
