package io.pplj.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by tensors, distributions and the runtime: element counts, NumPy/PyTorch broadcasting,
 * dimension normalisation and row-major strides. Nothing here touches elements.
 *
 * <p>Broadcasting aligns shapes at their right ends; two sizes are compatible when they are equal or one of them is
 * 1; the result takes the larger size in every position, and missing leading dimensions count as 1.
 */
public final class Shapes {

    /** The shape of a rank-0 (scalar) tensor. */
    public static final int[] SCALAR = new int[0];

    private Shapes() {
    }

    /** The number of elements of a tensor of this shape: the product of the sizes (1 for a scalar). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + format(shape) + " has " + n + " elements; at most "
                    + Integer.MAX_VALUE + " are supported");
        }
        return (int) n;
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The broadcast shape of {@code a} and {@code b}.
     *
     * @param op the operation's name, quoted in the error message
     * @throws IllegalArgumentException naming the operation, both shapes and the first incompatible dimension
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int sa = i <= a.length ? a[a.length - i] : 1;
            int sb = i <= b.length ? b[b.length - i] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " do not broadcast (dim -" + i + ": " + sa + " vs " + sb + ")");
            }
            out[rank - i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** The broadcast shape of any number of shapes; see {@link #broadcast(String, int[], int[])}. */
    public static int[] broadcast(String op, int[]... shapes) {
        int[] out = SCALAR;
        for (int[] s : shapes) {
            try {
                out = broadcast(op, out, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": shapes " + formatAll(shapes) + " do not broadcast", e);
            }
        }
        return out;
    }

    /** Whether {@code from} broadcasts to exactly {@code to} (as {@code expand} requires). */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 1; i <= from.length; i++) {
            int s = from[from.length - i];
            if (s != 1 && s != to[to.length - i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Normalises a possibly negative dimension index ({@code -1} is the last dimension).
     *
     * @throws IndexOutOfBoundsException naming the operation, the dimension and the rank
     */
    public static int normalizeDim(String op, int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IndexOutOfBoundsException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (valid: " + (rank == 0 ? "none" : -rank + " to " + (rank - 1)) + ")");
        }
        return d;
    }

    /**
     * Checks a reduction dimension of a rank-0 tensor: as in PyTorch, 0 and -1 name the (absent) dimension.
     *
     * @throws IndexOutOfBoundsException naming the operation and the dimension otherwise
     */
    public static void checkScalarDim(String op, int dim) {
        if (dim != 0 && dim != -1) {
            throw new IndexOutOfBoundsException(op + ": dim " + dim + " is out of range for a tensor of rank 0"
                    + " (valid: -1 to 0)");
        }
    }

    /** Row-major (C-order) strides of a contiguous tensor of this shape, in elements. */
    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    /** The product of {@code shape[from..to)}. */
    public static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Checks that all sizes are non-negative and returns a private copy. */
    public static int[] checked(String op, int... shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + format(shape));
            }
        }
        return shape.clone();
    }

    private static String formatAll(int[][] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(format(shapes[i]));
        }
        return sb.toString();
    }
}
