package io.pplj.runtime;

import static io.pplj.runtime.Ppl.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pplj.dist.Constraint;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameter store: bit-exact save/load of every saveable constraint and both float types in the documented
 * {@code .npz} format (read back with NumPy where it is installed), atomic writes, scoped and per-thread stores.
 */
@SuppressWarnings("try")
class ParamStoreTest {

    @TempDir
    Path dir;

    /** One parameter of each constraint that can be saved, with a valid constrained initial value. */
    private static Map<String, Object[]> everyConstraint() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("real", new Object[] {Constraint.real(), Tensor.of(-1.5, 0.0, 2.25)});
        m.put("realVector", new Object[] {Constraint.realVector(), Tensor.of(0.1, 0.2)});
        m.put("positive", new Object[] {Constraint.positive(), Tensor.of(0.3, 7.0)});
        m.put("nonNegative", new Object[] {Constraint.nonNegative(), Tensor.of(0.5)});
        m.put("greaterThan", new Object[] {Constraint.greaterThan(-1.75), Tensor.of(-1.0, 3.0)});
        m.put("greaterThanOdd", new Object[] {Constraint.greaterThan(0.1 + 0.2), Tensor.scalar(1.0)});
        m.put("greaterThanEq", new Object[] {Constraint.greaterThanEq(2.5), Tensor.of(2.75)});
        m.put("lessThan", new Object[] {Constraint.lessThan(3.0e-7), Tensor.of(-4.0, 0.0)});
        m.put("interval", new Object[] {Constraint.interval(-2.0, 5.5), Tensor.of(0.0, 5.0)});
        m.put("intervalTiny", new Object[] {Constraint.interval(1e-300, 2e-300),
            Tensor.of(new double[] {1.5e-300}, DType.FLOAT64, 1)});
        m.put("unitInterval", new Object[] {Constraint.unitInterval(), Tensor.of(0.25, 0.75)});
        m.put("simplex", new Object[] {Constraint.simplex(), Tensor.of(0.2, 0.3, 0.5)});
        m.put("lowerCholesky", new Object[] {Constraint.lowerCholesky(),
            Tensor.of(new double[] {2, 0, 0.5, 1}, 2, 2)});
        m.put("positiveDefinite", new Object[] {Constraint.positiveDefinite(),
            Tensor.of(new double[] {2, 0.5, 0.5, 1}, 2, 2)});
        m.put("corrCholesky", new Object[] {Constraint.corrCholesky(),
            Tensor.of(new double[] {1, 0, 0.6, 0.8}, 2, 2)});
        m.put("independentPositive", new Object[] {Constraint.independent(Constraint.positive(), 1),
            Tensor.of(1.0, 2.0)});
        m.put("independentInterval", new Object[] {Constraint.independent(Constraint.interval(0.1, 0.9), 2),
            Tensor.of(new double[] {0.2, 0.3, 0.4, 0.5}, 2, 2)});
        m.put("encoder$$$linear.weight", new Object[] {Constraint.real(), Tensor.of(new double[] {1, 2, 3, 4,
            5, 6}, 2, 3)});
        m.put("encoder$$$linear.bias", new Object[] {Constraint.real(), Tensor.zeros(3)});
        return m;
    }

    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        if (expected.dtype() == DType.FLOAT32) {
            float[] e = expected.toFloatArray();
            float[] a = actual.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), what + " [" + i + "]");
            }
        } else {
            double[] e = expected.toDoubleArray();
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                        what + " [" + i + "]");
            }
        }
    }

    /** A store holding every constraint, float32 and float64 values with special bit patterns. */
    private static ParamStore filled(ParamStore store) {
        everyConstraint().forEach((name, p) -> store.param(name, (Tensor) p[1], (Constraint) p[0]));
        // float32 and float64 unconstrained values with signed zeros, subnormals, infinities and NaN payloads
        store.param("f32", Tensor.zeros(DType.FLOAT32, 2, 4), null);
        store.setUnconstrained("f32", Tensor.ofFloats(new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE,
            Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffa00001),
            1.0f / 3, (float) Math.PI}, 2, 4));
        store.param("f64", Tensor.zeros(DType.FLOAT64, 5), null);
        store.setUnconstrained("f64", Tensor.of(new double[] {-0.0, Double.MIN_VALUE,
            Double.longBitsToDouble(0x7ff8dead0000beefL), 1.0 / 3, Double.POSITIVE_INFINITY}, DType.FLOAT64, 5));
        store.param("f64positive", Tensor.of(new double[] {0.1, 1e-200}, DType.FLOAT64, 2), Constraint.positive());
        store.param("scalar", Tensor.scalar(1.25), null);
        return store;
    }

    @Test
    void saveAndLoadRoundTripBitForBit() throws IOException {
        Path file = dir.resolve("params.npz");
        Map<String, Tensor> unconstrained = new LinkedHashMap<>();
        Map<String, Tensor> constrained = new LinkedHashMap<>();
        Map<String, String> constraints = new LinkedHashMap<>();
        List<String> names;
        try (ParamStore store = filled(ParamStore.open())) {
            names = new ArrayList<>(store.names());
            for (String n : names) {
                unconstrained.put(n, store.unconstrained(n));
                constrained.put(n, store.get(n));
                constraints.put(n, store.constraint(n).toString());
            }
            store.save(file);
        }
        try (ParamStore loaded = ParamStore.open()) {
            loaded.param("stale", Tensor.scalar(1.0), null);
            loaded.load(file);
            assertEquals(names, new ArrayList<>(loaded.names()), "the same names in the same order");
            for (String n : names) {
                assertSameBits(unconstrained.get(n), loaded.unconstrained(n), n + " unconstrained");
                assertSameBits(constrained.get(n), loaded.get(n), n + " constrained");
                assertEquals(constraints.get(n), loaded.constraint(n).toString(), n + " constraint");
                assertTrue(loaded.unconstrained(n).requiresGrad() && loaded.unconstrained(n).isLeaf(), n);
            }
            // a loaded store answers param() like the saved one, and keeps checking constraints
            assertSameBits(constrained.get("simplex"), param("simplex", () -> Tensor.of(1.0 / 3, 1.0 / 3, 1.0 / 3),
                    Constraint.simplex()), "simplex through param()");
            assertThrows(IllegalArgumentException.class, () -> param("positive", () -> Tensor.of(1.0, 1.0),
                    Constraint.unitInterval()));
        }
    }

    @Test
    void theFileIsAnNpzArchiveWithTheDocumentedIndex() throws IOException {
        Path file = dir.resolve("p.npz");
        try (ParamStore store = ParamStore.open()) {
            store.param("loc", Tensor.of(1.0, 2.0), Constraint.positive());
            store.param("m$$$w", Tensor.zeros(DType.FLOAT64, 2, 3), null);
            store.save(file);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertEquals(List.of("loc.npy", "m$$$w.npy", "params.json"), new ArrayList<>(entries.keySet()));
        JsonNode meta = new ObjectMapper().readTree(entries.get("params.json"));
        assertEquals("pplj-params", meta.get("format").asText());
        assertEquals(1, meta.get("version").asInt());
        JsonNode loc = meta.get("params").get(0);
        assertEquals("loc", loc.get("name").asText());
        assertEquals("loc.npy", loc.get("file").asText());
        assertEquals("float32", loc.get("dtype").asText());
        assertEquals("[2]", loc.get("shape").toString());
        assertEquals("positive", loc.get("constraint").asText());
        byte[] npy = entries.get("loc.npy");
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "the header pads the data to a 64-byte boundary");
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"), header);
        assertEquals(10 + headerLength + 2 * 4, npy.length);
    }

    /** Whether {@code python3 -c "import numpy"} works here. */
    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void numpyReadsTheSavedArraysExactly() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed here: the .npz file is"
                + " checked only by the Java reader");
        Path file = dir.resolve("numpy.npz");
        Map<String, Tensor> unconstrained = new LinkedHashMap<>();
        try (ParamStore store = filled(ParamStore.open())) {
            for (String n : store.names()) {
                unconstrained.put(n, store.unconstrained(n));
            }
            store.save(file);
        }
        String script = String.join("\n",
                "import json, sys, numpy",
                "z = numpy.load(sys.argv[1])",
                "meta = json.loads(z['params.json'])",
                "for p in meta['params']:",
                "    a = z[p['file'][:-4]]",
                "    assert str(a.dtype) == p['dtype'], (a.dtype, p['dtype'])",
                "    assert list(a.shape) == p['shape'], (a.shape, p['shape'])",
                "    print(p['name'], a.dtype, list(a.shape), a.tobytes().hex())");
        Process p = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = out.lines().toList();
        assertEquals(unconstrained.size(), lines.size(), out);
        int i = 0;
        for (Map.Entry<String, Tensor> e : unconstrained.entrySet()) {
            Tensor t = e.getValue();
            String expected = e.getKey() + " " + t.dtype().toString() + " " + java.util.Arrays.toString(t.shape())
                    + " " + java.util.HexFormat.of().formatHex(ParamFile.npy(t), ParamFile.npy(t).length
                    - t.numel() * t.dtype().bytes(), ParamFile.npy(t).length);
            assertEquals(expected, lines.get(i++));
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("params.npz");
        try (ParamStore store = ParamStore.open()) {
            store.param("loc", Tensor.of(1.0, 2.0), null);
            store.save(file);
            byte[] before = Files.readAllBytes(file);
            store.param("bounded", Tensor.of(1.0, 2.0), Constraint.greaterThan(Tensor.of(0.0, 0.5)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.save(file));
            assertTrue(e.getMessage().contains("'bounded'") && e.getMessage().contains("tensor"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file), "the previous file is untouched");
            assertEquals(List.of(file), listDir(), "no temporary file is left behind");
            // an I/O failure at the final rename (the target is a non-empty directory) also cleans up
            store.remove("bounded");
            Path blocked = dir.resolve("blocked.npz");
            Files.createDirectories(blocked.resolve("inside"));
            assertThrows(IOException.class, () -> store.save(blocked));
            assertEquals(List.of(blocked, file), listDir());
            assertEquals(List.of("loc"), new ArrayList<>(store.names()), "a failed save changes nothing");
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aFailedLoadLeavesTheStoreIntact() throws IOException {
        Path notParams = dir.resolve("other.npz");
        try (OutputStream out = Files.newOutputStream(notParams); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(ParamFile.npy(Tensor.of(1.0)));
            zip.closeEntry();
        }
        Path garbage = dir.resolve("garbage.npz");
        Files.writeString(garbage, "not a zip");
        try (ParamStore store = ParamStore.open()) {
            store.param("keep", Tensor.of(3.0), null);
            IOException e = assertThrows(IOException.class, () -> store.load(notParams));
            assertTrue(e.getMessage().contains("params.json"), e.getMessage());
            assertThrows(IOException.class, () -> store.load(garbage));
            assertThrows(IOException.class, () -> store.load(dir.resolve("missing.npz")));
            assertEquals(List.of("keep"), new ArrayList<>(store.names()));
            assertEquals(3.0, store.get("keep").item());
        }
    }

    @Test
    void aFailedSetKeepsTheOldValue() {
        try (ParamStore store = ParamStore.open()) {
            store.set("s", Tensor.scalar(2.0), Constraint.positive());
            assertThrows(IllegalArgumentException.class, () -> store.set("s", Tensor.scalar(-1.0),
                    Constraint.positive()));
            assertTrue(store.contains("s"), "the parameter survives a rejected set");
            assertEquals(2.0, store.get("s").item(), 1e-6);
            store.set("s", Tensor.scalar(0.25), Constraint.unitInterval());
            assertEquals("unitInterval", store.constraint("s").toString());
            assertEquals(0.25, store.get("s").item(), 1e-6);
        }
    }

    @Test
    void scopedStoresNestAndNeverSeeEachOther() {
        ParamStore outside = ParamStore.current();
        try (ParamStore outer = ParamStore.open()) {
            assertSame(outer, ParamStore.current());
            param("a", () -> Tensor.scalar(1.0));
            try (ParamStore inner = ParamStore.open()) {
                assertSame(inner, ParamStore.current());
                assertFalse(inner.contains("a"));
                assertEquals(5.0, param("a", () -> Tensor.scalar(5.0)).item());
                param("b", () -> Tensor.scalar(2.0));
            }
            assertSame(outer, ParamStore.current());
            assertEquals(1.0, param("a").item());
            assertFalse(outer.contains("b"));
        }
        assertSame(outside, ParamStore.current());
        assertFalse(outside.contains("a") || outside.contains("b"));
    }

    @Test
    void closingScopedStoresOutOfOrderIsAnError() {
        ParamStore outside = ParamStore.current();
        ParamStore outer = ParamStore.open();
        ParamStore inner = ParamStore.open();
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        assertSame(inner, ParamStore.current(), "a refused close changes nothing");
        inner.close();
        outer.close();
        assertSame(outside, ParamStore.current(), "closing in order afterwards restores the thread's store");
        inner.close(); // closing twice is harmless
        assertSame(outside, ParamStore.current());
    }

    @Test
    void scopedStoresInTwoThreadsNeverSeeEachOther() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            double mine = t + 1.0;
            Thread thread = new Thread(() -> {
                try (ParamStore store = ParamStore.open()) {
                    param("w", () -> Tensor.scalar(mine), Constraint.positive());
                    param("only" + mine, () -> Tensor.scalar(mine));
                    barrier.await();
                    for (int i = 0; i < 200; i++) {
                        assertSame(store, ParamStore.current());
                        assertEquals(mine, param("w").item(), 1e-6);
                        assertEquals(2, store.size());
                        Thread.yield();
                    }
                    barrier.await();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    barrier.reset();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertFalse(ParamStore.current().contains("w"), "the main thread's store saw neither");
    }

    @Test
    void eachThreadHasItsOwnDefaultStore() throws Exception {
        ParamStore mainStore = ParamStore.current();
        AtomicReference<ParamStore> first = new AtomicReference<>();
        AtomicReference<ParamStore> second = new AtomicReference<>();
        AtomicReference<Boolean> secondSawX = new AtomicReference<>();
        Thread a = new Thread(() -> {
            first.set(ParamStore.current());
            param("x", () -> Tensor.scalar(1.0));
        });
        a.start();
        a.join();
        Thread b = new Thread(() -> {
            second.set(ParamStore.current());
            secondSawX.set(ParamStore.current().contains("x"));
        });
        b.start();
        b.join();
        assertTrue(first.get().contains("x"));
        assertFalse(secondSawX.get(), "another thread's default store is not shared");
        assertNotSame(first.get(), second.get());
        assertNotSame(mainStore, first.get());
        assertFalse(mainStore.contains("x"));
    }
}
