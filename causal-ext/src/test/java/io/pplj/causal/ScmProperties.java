package io.pplj.causal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.runtime.Frame;
import io.pplj.runtime.Handlers;
import io.pplj.runtime.Model;
import io.pplj.runtime.Site;
import io.pplj.runtime.Trace;
import io.pplj.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The laws of interventions and counterfactual worlds, over generated small structural causal models. */
class ScmProperties {

    @Provide
    Arbitrary<RandomScm> scms() {
        return RandomScm.arbitrary();
    }

    @Property(tries = 60)
    void upstreamSitesCarryNoWorldIndex(@ForAll("scms") RandomScm scm, @ForAll @IntRange(max = 4) int target,
                                        @ForAll long seed) {
        int k = target % scm.nodes().size();
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Trace t = Handlers.trace(Handlers.seed(twin.wrap(Causal.intervene(scm.model(false),
                RandomScm.actions(List.of(k)))), seed)).getTrace(null);
        Set<String> downstream = scm.graph().descendants(RandomScm.name(k));
        downstream.add(RandomScm.name(k));
        for (Site s : t.sampleSites()) {
            boolean split = downstream.contains(s.name());
            IndexSet indices = twin.worlds().indicesOf(s.value());
            assertEquals(split ? IndexSet.of("twin", 0, 1) : IndexSet.empty(), indices, s.name());
            assertEquals(split, s.frames().stream().map(Frame::name).anyMatch(n -> n.equals("world:twin")),
                    s.name());
            if (!split) {
                assertArrayEquals(new int[] {scm.units()}, s.value().shape(), s.name() + " was drawn once");
            }
        }
    }

    @Property(tries = 60)
    void theFactualWorldIsTheUnintervenedModel(@ForAll("scms") RandomScm scm, @ForAll @IntRange(max = 4) int target,
                                               @ForAll long seed) {
        int k = target % scm.nodes().size();
        Trace plain = Handlers.trace(Handlers.seed(scm.model(false), seed)).getTrace(null);
        TwinWorldCounterfactual twin = TwinWorldCounterfactual.of();
        Trace t = Handlers.trace(Handlers.seed(twin.wrap(Causal.intervene(scm.model(false),
                RandomScm.actions(List.of(k)))), seed)).getTrace(null);
        assertEquals(plain.names(), t.names());
        for (Site s : plain.sampleSites()) {
            Tensor factual = twin.worlds().factual(t.site(s.name()).value());
            assertArrayEquals(s.value().shape(), factual.shape(), s.name());
            assertArrayEquals(s.value().toDoubleArray(), factual.toDoubleArray(), s.name());
        }
    }

    @Property(tries = 60)
    void interveneAndConditionCommuteUnderMultiWorlds(@ForAll("scms") RandomScm scm,
                                                      @ForAll @Size(min = 1, max = 3) Set<@IntRange(max = 4) Integer>
                                                              intervened,
                                                      @ForAll @Size(max = 3) Set<@IntRange(max = 4) Integer> observed,
                                                      @ForAll long seed) {
        int n = scm.nodes().size();
        Trace data = Handlers.trace(Handlers.seed(scm.model(false), seed + 1)).getTrace(null);
        Map<String, Tensor> evidence = new LinkedHashMap<>();
        for (int i : observed) {
            evidence.put(RandomScm.name(i % n), data.site(RandomScm.name(i % n)).value());
        }
        Map<String, Object> actions = RandomScm.actions(reduce(intervened, n));
        Model<Void, Void> model = scm.model(false);
        MultiWorldCounterfactual first = MultiWorldCounterfactual.of();
        Trace a = Handlers.trace(Handlers.seed(first.wrap(Causal.intervene(Handlers.condition(model, evidence),
                actions)), seed)).getTrace(null);
        MultiWorldCounterfactual second = MultiWorldCounterfactual.of();
        Trace b = Handlers.trace(Handlers.seed(second.wrap(Handlers.condition(Causal.intervene(model, actions),
                evidence)), seed)).getTrace(null);
        assertEquals(first.worlds(), second.worlds());
        assertEquals(a.names(), b.names());
        for (Site s : a.sampleSites()) {
            Site o = b.site(s.name());
            assertEquals(s.isObserved(), o.isObserved(), s.name());
            assertArrayEquals(s.value().toDoubleArray(), o.value().toDoubleArray(), s.name());
            assertArrayEquals(s.logProb().toDoubleArray(), o.logProb().toDoubleArray(), s.name());
        }
        for (String name : evidence.keySet()) {
            assertArrayEquals(data.site(name).value().toDoubleArray(),
                    first.worlds().factual(a.site(name).value()).toDoubleArray(), "the factual world observes "
                            + name);
        }
    }

    @Property(tries = 60)
    void kInterventionsMakeTwoToTheKWorlds(@ForAll("scms") RandomScm scm,
                                           @ForAll @Size(min = 1, max = 4) Set<@IntRange(max = 4) Integer> targets,
                                           @ForAll long seed) {
        List<Integer> k = reduce(targets, scm.nodes().size());
        MultiWorldCounterfactual multi = MultiWorldCounterfactual.of();
        Trace t = Handlers.trace(Handlers.seed(multi.wrap(Causal.intervene(scm.model(true),
                RandomScm.actions(k))), seed)).getTrace(null);
        Worlds w = multi.worlds();
        assertEquals(1 << k.size(), w.count());
        List<String> names = new ArrayList<>();
        for (int i : k) {
            names.add(RandomScm.name(i));
        }
        assertEquals(names, w.names());
        Tensor sink = t.site("sink").value();
        assertEquals((1 << k.size()) * scm.units(), sink.numel(), "the sink varies in every world");
        for (int i = 0; i < k.size(); i++) {
            assertEquals(-2 - i, w.dim(names.get(i)), "left of the units plate, in order");
        }
    }

    @Property(tries = 60)
    void theExtractedGraphIsTheDagTheModelWasWrittenFrom(@ForAll("scms") RandomScm scm) {
        assertEquals(scm.graph(), CausalGraph.fromModel(scm.model(false), null));
    }

    @Property(tries = 60)
    void mutilationCutsTheEdgesIntoTheTargetOnly(@ForAll("scms") RandomScm scm, @ForAll @IntRange(max = 4) int target) {
        String x = RandomScm.name(target % scm.nodes().size());
        CausalGraph cut = scm.graph().mutilate(x);
        assertTrue(cut.parents(x).isEmpty());
        assertEquals(scm.graph().descendants(x), cut.descendants(x));
        for (String other : cut.nodes()) {
            if (!other.equals(x)) {
                assertEquals(scm.graph().parents(other), cut.parents(other));
            }
        }
    }

    private static List<Integer> reduce(Set<Integer> raw, int n) {
        return new ArrayList<>(new TreeSet<>(raw.stream().map(i -> i % n).toList()));
    }
}
