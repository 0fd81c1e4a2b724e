package io.pplj.nn;

import static io.pplj.runtime.Ppl.module;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pplj.runtime.ParamStore;
import io.pplj.tensor.DType;
import io.pplj.tensor.Rng;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module properties: dotted parameter names in registration order, registration in the parameter store under the
 * module's prefix, save/load round trips (parameters and buffers, bit for bit, atomically), loading errors, and the
 * train/eval switch reaching every submodule.
 */
@SuppressWarnings("try")
class ModuleTest {

    /** An encoder with two named submodules, like a user's custom module. */
    static final class Encoder extends Module {
        final Sequential body;
        final Linear head;

        Encoder() {
            body = addModule("body", Sequential.of(Linear.of(4, 6), BatchNorm1d.of(6), ReLU.of(), Dropout.of(0.3)));
            head = addModule("head", Linear.of(6, 2));
            addParameter("scale", Tensor.ones(2));
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(body.forward(x)).mul(parameter("scale"));
        }
    }

    @Test
    void parametersAndBuffersHaveDottedNamesInRegistrationOrder() {
        Rng.seed(1);
        Encoder e = new Encoder();
        assertEquals(List.of("scale", "body.0.weight", "body.0.bias", "body.1.weight", "body.1.bias", "head.weight",
                "head.bias"), List.copyOf(e.parameters().keySet()));
        assertEquals(List.of("body.1.running_mean", "body.1.running_var"), List.copyOf(e.buffers().keySet()));
        assertEquals(List.of("scale", "body.0.weight", "body.0.bias", "body.1.weight", "body.1.bias",
                "body.1.running_mean", "body.1.running_var", "head.weight", "head.bias"),
                List.copyOf(e.state().keySet()));
        assertEquals(List.of("", "body", "body.0", "body.1", "body.2", "body.3", "head"),
                List.copyOf(e.modules().keySet()));
        assertEquals(2 + 24 + 6 + 6 + 6 + 12 + 2, e.parameterCount());
        for (Tensor p : e.parameters().values()) {
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertTrue(e.toString().contains("(head): Linear(in=6, out=2, bias=true)"), e.toString());
    }

    @Test
    void moduleRegistersParametersUnderItsPrefixAndUsesTheStoresLeaves() {
        Rng.seed(2);
        Sequential net = Sequential.of(Linear.of(3, 5), Tanh.of(), Linear.of(5, 1));
        Map<String, Tensor> initial = net.parameters();
        try (ParamStore store = ParamStore.open()) {
            assertSame(net, module("dec", net));
            assertEquals(List.of("dec$$$0.weight", "dec$$$0.bias", "dec$$$2.weight", "dec$$$2.bias"),
                    List.copyOf(store.names()));
            for (Map.Entry<String, Tensor> e : initial.entrySet()) {
                Tensor stored = store.unconstrained("dec$$$" + e.getKey());
                assertArrayEquals(e.getValue().toFloatArray(), stored.toFloatArray());
                assertSame(stored, net.parameters().get(e.getKey()), "the module computes with the store's leaf");
            }
            // a store value wins over a new module's initial values (the module is re-registered every step)
            store.setUnconstrained("dec$$$2.bias", Tensor.of(new double[] {7.0}, 1));
            Rng.seed(99);
            Sequential fresh = Sequential.of(Linear.of(3, 5), Tanh.of(), Linear.of(5, 1));
            module("dec", fresh);
            assertEquals(7.0, fresh.parameters().get("2.bias").item(), 0.0);
            assertArrayEquals(initial.get("0.weight").toFloatArray(), fresh.parameters().get("0.weight").toFloatArray());
        }
        try (ParamStore store = ParamStore.open()) {
            assertEquals(0, store.size(), "a new store does not see the other store's parameters");
        }
    }

    @Test
    void saveAndLoadRoundTripParametersAndBuffersBitForBit(@TempDir Path dir) throws IOException {
        Rng.seed(3);
        Encoder a = new Encoder();
        a.forward(Tensor.randn(8, 4));          // moves the batch-norm running statistics away from 0 and 1
        Path file = dir.resolve("encoder.npz");
        a.save(file);
        Rng.seed(4);
        Encoder b = new Encoder();
        assertFalse(java.util.Arrays.equals(a.head.parameters().get("weight").toFloatArray(),
                b.head.parameters().get("weight").toFloatArray()));
        b.load(file);
        for (Map.Entry<String, Tensor> e : a.state().entrySet()) {
            Tensor loaded = b.state().get(e.getKey());
            assertArrayEquals(e.getValue().toFloatArray(), loaded.toFloatArray(), e.getKey());
            assertEquals(e.getValue().dtype(), loaded.dtype());
        }
        assertTrue(b.parameters().values().stream().allMatch(t -> t.requiresGrad() && t.isLeaf()));
        Tensor x = Tensor.randn(5, 4);
        a.eval();
        b.eval();
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
        // the file is a parameter file: the parameter store reads it too, and no temporary file is left behind
        try (ParamStore store = ParamStore.open()) {
            store.load(file);
            assertEquals(a.state().keySet(), store.names());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void saveAndLoadKeepFloat64() throws IOException {
        Path file = Files.createTempFile("linear", ".npz");
        try {
            Linear a = (Linear) Linear.of(3, 2).to(DType.FLOAT64);
            a.save(file);
            Linear b = Linear.builder(3, 2).dtype(DType.FLOAT64).build();
            b.load(file);
            assertEquals(DType.FLOAT64, b.parameters().get("weight").dtype());
            assertArrayEquals(a.parameters().get("weight").toDoubleArray(), b.parameters().get("weight").toDoubleArray());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void loadingMismatchedStateNamesTheProblem(@TempDir Path dir) throws IOException {
        Linear small = Linear.of(3, 2);
        Path file = dir.resolve("small.npz");
        small.save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linear.of(4, 2).load(file));
        assertTrue(e.getMessage().contains("'weight' has shape [2, 4]") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Linear.builder(3, 2).bias(false).build().load(file));
        assertTrue(e.getMessage().contains("unknown [bias]"), e.getMessage());
        Map<String, Tensor> partial = new LinkedHashMap<>(small.parameters());
        partial.remove("bias");
        e = assertThrows(IllegalArgumentException.class, () -> small.loadParameters(partial));
        assertTrue(e.getMessage().contains("missing [bias]"), e.getMessage());
    }

    @Test
    void registrationRejectsBadNames() {
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                addParameter("a.b", Tensor.ones(1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                addParameter("w", Tensor.ones(1));
                addBuffer("w", Tensor.ones(1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        });
    }

    @Test
    void trainAndEvalReachEverySubmodule() {
        Encoder e = new Encoder();
        assertTrue(e.modules().values().stream().allMatch(Module::isTraining));
        e.eval();
        assertTrue(e.modules().values().stream().noneMatch(Module::isTraining));
        e.body.train();
        assertFalse(e.isTraining());
        assertTrue(e.body.get(3).isTraining());
        e.train();
        assertTrue(e.modules().values().stream().allMatch(Module::isTraining));
    }

    @Test
    void toConvertsParametersAndBuffers() {
        Encoder e = new Encoder();
        e.to(DType.FLOAT64);
        assertTrue(e.state().values().stream().allMatch(t -> t.dtype() == DType.FLOAT64));
        assertTrue(e.parameters().values().stream().allMatch(Tensor::requiresGrad));
        assertEquals(DType.FLOAT64, e.forward(Tensor.randn(3, 4)).dtype());
        Tensor before = e.parameters().get("head.weight");
        e.to(DType.FLOAT64);
        assertNotSame(before, e.parameters().get("head.weight"));
    }
}
