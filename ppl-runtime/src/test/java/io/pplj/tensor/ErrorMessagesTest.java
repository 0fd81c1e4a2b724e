package io.pplj.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.function.Executable;

/**
 * Error messages of misuse: each names the operation and the values needed to fix the call (both shapes of a failed
 * broadcast, reshape or matmul, the offending dims and the rank, the mismatching tensor's index), and uses the
 * exception type the API documents (IllegalArgumentException for bad arguments, IndexOutOfBoundsException for dims
 * and positions).
 */
class ErrorMessagesTest {

    private static <T extends Throwable> T assertMessage(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p),
                    () -> "message \"" + e.getMessage() + "\" should contain \"" + p + "\"");
        }
        return e;
    }

    // ---- broadcasting -----------------------------------------------------------------------------------------

    @Example
    void incompatibleBroadcastNamesTheOpAndBothShapes() {
        IllegalArgumentException e = assertMessage(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "add: shapes [2, 3] and [4] do not broadcast");
        assertTrue(e.getMessage().startsWith("add: "), e.getMessage());
    }

    private static final Map<String, BinaryOperator<Tensor>> BINARY = new LinkedHashMap<>();

    static {
        BINARY.put("add", Tensor::add);
        BINARY.put("sub", Tensor::sub);
        BINARY.put("mul", Tensor::mul);
        BINARY.put("div", Tensor::div);
        BINARY.put("pow", Tensor::pow);
        BINARY.put("maximum", Tensor::maximum);
        BINARY.put("minimum", Tensor::minimum);
        BINARY.put("lt", Tensor::lt);
        BINARY.put("eq", Tensor::eq);
        BINARY.put("ge", Tensor::ge);
    }

    @Provide
    Arbitrary<String> binaryOps() {
        return Arbitraries.of(BINARY.keySet());
    }

    @Property(tries = 100)
    void everyBinaryOpNamesItselfAndBothShapes(@ForAll("binaryOps") String op, @ForAll long seed) {
        Random r = new Random(seed);
        int[] a = new int[1 + r.nextInt(3)];
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 + r.nextInt(3);
        }
        int[] b = Arrays.copyOfRange(a, r.nextInt(a.length), a.length);
        int d = r.nextInt(b.length);
        b[d] = b[d] == 4 ? 2 : b[d] + 1;
        Tensor x = Tensor.zeros(a);
        Tensor y = Tensor.ones(b);
        boolean swap = r.nextBoolean();
        int[] first = swap ? b : a;
        int[] second = swap ? a : b;
        assertMessage(IllegalArgumentException.class,
                () -> BINARY.get(op).apply(swap ? y : x, swap ? x : y),
                op + ": shapes " + Arrays.toString(first) + " and " + Arrays.toString(second) + " do not broadcast");
    }

    @Example
    void whereAndLogicalOpsNameTheirShapes() {
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, false}, 2);
        assertMessage(IllegalArgumentException.class, () -> Tensor.where(mask, Tensor.zeros(3), Tensor.zeros(3)),
                "where", "[2]", "[3]");
        assertMessage(IllegalArgumentException.class,
                () -> mask.and(Tensor.ofBooleans(new boolean[] {true, true, true}, 3)), "and", "[2]", "[3]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.where(Tensor.zeros(2), mask, mask),
                "where", "bool", "float32");
    }

    // ---- shapes -----------------------------------------------------------------------------------------------

    @Example
    void reshapeFailureNamesBothShapes() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2), "reshape", "[2, 3]",
                "[4, 2]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).view(-1, 4), "reshape", "[2, 3]",
                "[-1, 4]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(-1, -1), "-1");
    }

    @Example
    void permuteWithANonPermutation() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertMessage(IllegalArgumentException.class, () -> x.permute(0, 0, 1), "permute", "[0, 0, 1]",
                "not a permutation");
        assertMessage(IllegalArgumentException.class, () -> x.permute(2, 0, -1), "permute", "[2, 0, -1]",
                "not a permutation");
        assertMessage(IllegalArgumentException.class, () -> x.permute(1, 0), "permute", "[1, 0]", "rank 3");
        assertMessage(IndexOutOfBoundsException.class, () -> x.permute(0, 1, 3), "permute", "dim 3", "rank 3");
    }

    @Example
    void catWithMismatchedShapesNamesTheTensorIndexAndShapes() {
        Tensor a = Tensor.zeros(2, 3);
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(0, a, a, Tensor.zeros(2, 4)),
                "cat", "tensor 2", "[2, 4]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(List.of(a, Tensor.zeros(2, 3, 1)), 1),
                "cat", "tensor 1", "[2, 3, 1]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.cat(0), "cat");
        assertMessage(IllegalArgumentException.class, () -> Tensor.stack(0, a, Tensor.zeros(3, 2)),
                "stack", "tensor 1", "[3, 2]", "[2, 3]");
    }

    @Example
    void expandNarrowSelectNameTheirArguments() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage(IllegalArgumentException.class, () -> x.expand(2, 4), "expand", "[2, 3]", "[2, 4]");
        assertMessage(IllegalArgumentException.class, () -> x.expand(3), "expand", "[2, 3]", "[3]");
        assertMessage(IndexOutOfBoundsException.class, () -> x.narrow(1, 2, 2), "narrow", "[2, 4)", "dim 1",
                "size 3");
        assertMessage(IndexOutOfBoundsException.class, () -> x.select(0, 2), "select", "index 2", "dim 0", "size 2");
        assertMessage(IndexOutOfBoundsException.class, () -> x.slice(1, 0, 5), "slice", "dim 1", "size 3");
    }

    @Example
    void matmulMisalignedNamesBothShapes() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)),
                "matmul", "[2, 3]", "[4, 5]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(5, 2, 3).matmul(Tensor.zeros(4)),
                "matmul", "[5, 2, 3]", "[4]");
    }

    @Example
    void constructionAndItemErrors() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2), "3 values",
                "[2, 2]");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, -1), "negative", "[2, -1]");
        assertMessage(IllegalStateException.class, () -> Tensor.zeros(2, 3).item(), "item", "[2, 3]");
    }

    // ---- dims out of range ------------------------------------------------------------------------------------

    private static final Map<String, Function<Tensor, Function<Integer, Object>>> DIM_OPS = new LinkedHashMap<>();

    static {
        Tensor idx = Tensor.ofLongs(0);
        DIM_OPS.put("sum", x -> d -> x.sum(d));
        DIM_OPS.put("mean", x -> d -> x.mean(d));
        DIM_OPS.put("max", x -> d -> x.max(d));
        DIM_OPS.put("logsumexp", x -> d -> x.logsumexp(d));
        DIM_OPS.put("cumsum", x -> d -> x.cumsum(d));
        DIM_OPS.put("argmax", x -> d -> x.argmax(d));
        DIM_OPS.put("size", x -> d -> x.size(d));
        DIM_OPS.put("squeeze", x -> d -> x.squeeze(d));
        DIM_OPS.put("transpose", x -> d -> x.transpose(0, d));
        DIM_OPS.put("narrow", x -> d -> x.narrow(d, 0, 1));
        DIM_OPS.put("slice", x -> d -> x.slice(d, 0, 1));
        DIM_OPS.put("select", x -> d -> x.select(d, 0));
        DIM_OPS.put("flatten", x -> d -> x.flatten(0, d));
        DIM_OPS.put("cat", x -> d -> Tensor.cat(d, x, x));
        DIM_OPS.put("indexSelect", x -> d -> x.indexSelect(d, idx));
        DIM_OPS.put("gather", x -> d -> x.gather(d, Tensor.zerosLike(x).asType(DType.INT64)));
        DIM_OPS.put("scatterAdd", x -> d -> x.scatterAdd(d, Tensor.zerosLike(x).asType(DType.INT64), x));
    }

    @Provide
    Arbitrary<String> dimOps() {
        return Arbitraries.of(DIM_OPS.keySet());
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return TensorArbitraries.shape(1, 4, 3);
    }

    @Property(tries = 150)
    void dimOutOfRangeNamesTheDimAndTheRank(@ForAll("dimOps") String op, @ForAll("shapes") int[] s,
                                            @ForAll long seed) {
        Random r = new Random(seed);
        int rank = s.length;
        int dim = r.nextBoolean() ? rank + r.nextInt(3) : -rank - 1 - r.nextInt(3);
        Tensor x = Tensor.ones(s);
        assertMessage(IndexOutOfBoundsException.class, () -> DIM_OPS.get(op).apply(x).apply(dim),
                op + ": dim " + dim + " is out of range for a tensor of rank " + rank);
    }

    @Property(tries = 60)
    void newDimOutOfRangeNamesTheDimAndTheRank(@ForAll("shapes") int[] s, @ForAll long seed) {
        int rank = s.length;
        int dim = new Random(seed).nextBoolean() ? rank + 1 : -rank - 2;
        Tensor x = Tensor.ones(s);
        // unsqueeze and stack insert a dim, so they accept -(rank+1)..rank and report rank + 1
        assertMessage(IndexOutOfBoundsException.class, () -> x.unsqueeze(dim), "unsqueeze", "dim " + dim);
        assertMessage(IndexOutOfBoundsException.class, () -> Tensor.stack(dim, x, x), "stack", "dim " + dim);
    }

    /** A scalar accepts dim 0 and -1 in reductions (as PyTorch) and names its rank for any other dim. */
    @Example
    void scalarHasNoDims() {
        Tensor s = Tensor.scalar(1);
        IndexOutOfBoundsException e = assertMessage(IndexOutOfBoundsException.class, () -> s.sum(1), "sum",
                "dim 1", "rank 0");
        assertTrue(e.getMessage().contains("valid: -1 to 0"), e.getMessage());
        assertEquals(1.0, s.sum(0).item());
        assertEquals(1.0, s.unsqueeze(0).item());
    }
}
