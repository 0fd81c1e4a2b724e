package io.pplj.dist;

import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.util.Arrays;

/**
 * Helpers shared by the discrete and relaxed families: logarithms that are {@code -inf} at zero without producing NaN
 * gradients, products {@code a * log(q)} that are 0 where {@code a == 0} (the convention {@code 0 log 0 = 0}), shape
 * helpers, and the constraints of one-hot vectors, category weights and multinomial counts.
 *
 * <p><b>Why the double {@code where}.</b> {@code where(c, a, b)} sends a zero gradient to the branch it did not
 * pick, but that branch's own backward may still multiply the zero by an infinity ({@code d log(p)/dp} at
 * {@code p = 0}). Replacing the unused inputs by harmless values before applying the function keeps gradients
 * finite wherever the log-mass is finite.
 */
final class Discrete {

    private Discrete() {
    }

    /** A rank-0 constant of {@code like}'s floating type. */
    static Tensor constant(double value, Tensor like) {
        return Tensor.scalar(value, like.dtype().toFloating());
    }

    /** The smallest positive normal number of {@code dtype} (float32 or float64). */
    static double tiny(DType dtype) {
        return dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /** The machine epsilon of {@code dtype} (float32 or float64): the gap between 1 and the next number. */
    static double eps(DType dtype) {
        return dtype == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /** {@code log p}, exactly {@code -inf} where {@code p == 0}, with a finite (zero) gradient there. */
    static Tensor safeLog(Tensor p) {
        Tensor zero = p.eq(0.0);
        Tensor safe = Tensor.where(zero, constant(1.0, p), p).log();
        return Tensor.where(zero, constant(Double.NEGATIVE_INFINITY, p), safe);
    }

    /** {@code log(1 - p)} computed as {@code log1p(-p)}, exactly {@code -inf} where {@code p == 1}. */
    static Tensor safeLog1m(Tensor p) {
        Tensor one = p.eq(1.0);
        Tensor safe = Tensor.where(one, constant(0.0, p), p).neg().log1p();
        return Tensor.where(one, constant(Double.NEGATIVE_INFINITY, p), safe);
    }

    /**
     * {@code a * t}, but exactly 0 wherever {@code a == 0} (even where {@code t} is infinite), with no gradient
     * flowing into {@code t} there: the {@code 0 log 0 = 0} convention of probability masses.
     */
    static Tensor weighted(Tensor a, Tensor t) {
        Tensor zero = a.eq(0.0);
        Tensor zeroT = constant(0.0, t);
        return Tensor.where(zero, zeroT, a.mul(Tensor.where(zero, zeroT, t)));
    }

    /** {@code -sum_i p_i log p_i} over the last dimension, with {@code 0 log 0 = 0}. */
    static Tensor entropyOf(Tensor probs, Tensor logProbs) {
        return weighted(probs, logProbs).sum(-1).neg();
    }

    /** {@code value} as a floating tensor of the parameters' type {@code like} (bool and int64 values convert). */
    static Tensor asFloating(Tensor value, Tensor like) {
        DType t = DType.promote(value.dtype(), like.dtype()).toFloating();
        return value.dtype() == t ? value : value.asType(t);
    }

    /** {@code shape} followed by {@code extra}. */
    static int[] append(int[] shape, int... extra) {
        int[] out = Arrays.copyOf(shape, shape.length + extra.length);
        System.arraycopy(extra, 0, out, shape.length, extra.length);
        return out;
    }

    /** {@code shape} without its last {@code k} dimensions. */
    static int[] dropLast(int[] shape, int k) {
        return Arrays.copyOf(shape, shape.length - k);
    }

    /**
     * The values of a finite support along a new leading dimension: {@code values} has shape {@code [n] + event};
     * the result is {@code [n] + [1, ..., 1] + event} (one 1 per batch dimension), or {@code [n] + batch + event}
     * when {@code expand}, as PyTorch's {@code enumerate_support}.
     */
    static Tensor enumerate(Tensor values, int[] batch, boolean expand) {
        int[] shape = values.shape();
        int[] event = Arrays.copyOfRange(shape, 1, shape.length);
        int[] ones = new int[batch.length];
        Arrays.fill(ones, 1);
        int[] viewShape = append(append(new int[] {shape[0]}, ones), event);
        Tensor v = values.reshape(viewShape);
        return expand ? v.expand(append(append(new int[] {shape[0]}, batch), event)) : v;
    }

    // ---- constraints only the discrete families need ----------------------------------------------------------

    /** Category weights: finite, non-negative vectors with a positive sum (normalized by the families). */
    static final class Weights extends Constraint {
        static final Weights INSTANCE = new Weights();

        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            Tensor entriesOk = Constraints.allOver(v.ge(0.0).and(v.isFinite()), 1);
            return entriesOk.and(v.sum(-1).gt(0.0));
        }

        @Override
        public int eventDim() {
            return 1;
        }

        @Override
        public String toString() {
            return "non-negative and finite with a positive sum";
        }
    }

    /** One-hot vectors: entries 0 or 1, exactly one 1 (event dimension 1). */
    static final class OneHot extends Constraint {
        static final OneHot INSTANCE = new OneHot();

        @Override
        public Tensor check(Tensor value) {
            Tensor v = floating(value);
            Tensor binary = Constraints.allOver(v.eq(0.0).or(v.eq(1.0)), 1);
            return binary.and(v.sum(-1).eq(1.0));
        }

        @Override
        public int eventDim() {
            return 1;
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String toString() {
            return "oneHot";
        }
    }

    /** Count vectors of non-negative integers summing to {@code totalCount} (event dimension 1). */
    static final class MultinomialCounts extends Constraint {
        final int totalCount;

        MultinomialCounts(int totalCount) {
            this.totalCount = totalCount;
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor entries = Constraint.nonNegativeInteger().check(value);
            return Constraints.allOver(entries, 1).and(floating(value).sum(-1).eq((double) totalCount));
        }

        @Override
        public int eventDim() {
            return 1;
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String toString() {
            return "multinomial(" + totalCount + ")";
        }
    }
}
