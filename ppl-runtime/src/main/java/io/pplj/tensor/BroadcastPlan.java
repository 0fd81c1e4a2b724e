package io.pplj.tensor;

import java.util.Arrays;

/**
 * How the elements of several operands line up with the elements of a broadcast result: the result's shape plus, for
 * each operand, the stride (in elements of its contiguous storage) to move along each dimension; a stride of 0 repeats
 * an element along a broadcast dimension.
 *
 * <p>Dimensions of size 1 are dropped and adjacent dimensions that every operand walks contiguously are merged, so
 * two same-shape operands collapse to one dimension with stride 1 and a backend loop can run flat. Backends read the
 * collapsed form through {@link #rank()}, {@link #size(int)} and {@link #stride(int, int)}; the output is contiguous
 * in that collapsed shape.
 */
public final class BroadcastPlan {

    private static final int[] NO_SIZES = new int[0];
    private static final int[][] NO_STRIDES_2 = {NO_SIZES, NO_SIZES};
    private static final int[][] UNIT_STRIDES_2 = {{1}, {1}};

    private final int[] outShape;
    private final int numel;
    private final int[] sizes;
    private final int[][] strides;

    private BroadcastPlan(int[] outShape, int[] sizes, int[][] strides) {
        this.outShape = outShape;
        this.numel = Shapes.numel(outShape);
        this.sizes = sizes;
        this.strides = strides;
    }

    /**
     * Plans the broadcast of operands of the given shapes.
     *
     * @param op the operation's name for error messages
     * @throws IllegalArgumentException if the shapes do not broadcast, naming the operation and the shapes
     */
    public static BroadcastPlan of(String op, int[]... shapes) {
        if (shapes.length == 2 && Arrays.equals(shapes[0], shapes[1])) {
            return sameShape(shapes[0]);
        }
        int[] out = shapes.length == 2 ? Shapes.broadcast(op, shapes[0], shapes[1]) : Shapes.broadcast(op, shapes);
        int rank = out.length;
        int n = shapes.length;
        int[] sizes = new int[rank];
        int[][] strides = new int[n][rank];
        int kept = 0;
        for (int d = 0; d < rank; d++) {
            if (out[d] == 1) {
                continue;
            }
            sizes[kept] = out[d];
            for (int k = 0; k < n; k++) {
                strides[k][kept] = alignedStride(shapes[k], rank, d);
            }
            kept++;
        }
        int merged = mergeContiguous(sizes, strides, kept);
        int[][] finalStrides = new int[n][];
        for (int k = 0; k < n; k++) {
            finalStrides[k] = Arrays.copyOf(strides[k], merged);
        }
        return new BroadcastPlan(out, Arrays.copyOf(sizes, merged), finalStrides);
    }

    /** Two operands of one shape: a single flat dimension (none for one element) walked with stride 1. */
    private static BroadcastPlan sameShape(int[] shape) {
        int numel = Shapes.numel(shape);
        if (numel == 1) {
            return new BroadcastPlan(shape, NO_SIZES, NO_STRIDES_2);
        }
        return new BroadcastPlan(shape, new int[] {numel}, UNIT_STRIDES_2);
    }

    private static int alignedStride(int[] shape, int outRank, int outDim) {
        int d = outDim - (outRank - shape.length);
        if (d < 0 || shape[d] == 1) {
            return 0;
        }
        int stride = 1;
        for (int i = shape.length - 1; i > d; i--) {
            stride *= shape[i];
        }
        return stride;
    }

    /** Merges dims i and i+1 (right to left) whenever every operand walks them as one; returns the new rank. */
    private static int mergeContiguous(int[] sizes, int[][] strides, int rank) {
        if (rank <= 1) {
            return rank;
        }
        int w = rank - 1;
        for (int d = rank - 2; d >= 0; d--) {
            boolean mergeable = true;
            for (int[] st : strides) {
                if (st[d] != st[w] * sizes[w]) {
                    mergeable = false;
                    break;
                }
            }
            if (mergeable) {
                sizes[w] *= sizes[d];
            } else {
                w--;
                sizes[w] = sizes[d];
                for (int[] st : strides) {
                    st[w] = st[d];
                }
            }
        }
        int newRank = rank - w;
        System.arraycopy(sizes, w, sizes, 0, newRank);
        for (int[] st : strides) {
            System.arraycopy(st, w, st, 0, newRank);
        }
        return newRank;
    }

    /** The broadcast result's shape (a copy). */
    public int[] outShape() {
        return outShape.clone();
    }

    int[] outShapeRef() {
        return outShape;
    }

    /** The number of result elements. */
    public int numel() {
        return numel;
    }

    /** The number of dimensions after dropping size-1 dimensions and merging contiguous runs (0 for one element). */
    public int rank() {
        return sizes.length;
    }

    /** The size of collapsed dimension {@code d}. */
    public int size(int d) {
        return sizes[d];
    }

    /** The stride of operand {@code operand} along collapsed dimension {@code d}. */
    public int stride(int operand, int d) {
        return strides[operand][d];
    }

    /** Whether operand {@code operand} is laid out exactly like the result (no broadcasting). */
    public boolean isDense(int operand) {
        int expect = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            if (strides[operand][d] != expect) {
                return false;
            }
            expect *= sizes[d];
        }
        return true;
    }

    /** Whether operand {@code operand} is a single element repeated over the whole result. */
    public boolean isRepeatedScalar(int operand) {
        for (int s : strides[operand]) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }
}
