package io.pplj.tensor.cpu;

import io.pplj.tensor.BroadcastPlan;

/**
 * Walks a {@link BroadcastPlan} row by row: a row is one run along the innermost collapsed dimension, where every
 * operand advances by a fixed stride. Rows can be split between threads: a range of rows starts from its first
 * row's multi-index.
 */
final class PlanWalk {

    /** Visits one row: operand start offsets, the output's start offset and the row length. */
    @FunctionalInterface
    interface Row {
        void visit(int[] offsets, int out, int length);
    }

    private PlanWalk() {
    }

    /** The length of a row (1 for a single-element plan). */
    static int rowLength(BroadcastPlan p) {
        return p.rank() == 0 ? 1 : p.size(p.rank() - 1);
    }

    /** The number of rows. */
    static int rows(BroadcastPlan p) {
        int len = rowLength(p);
        return len == 0 ? 0 : p.numel() / len;
    }

    /** Operand {@code k}'s stride along a row. */
    static int rowStride(BroadcastPlan p, int k) {
        return p.rank() == 0 ? 0 : p.stride(k, p.rank() - 1);
    }

    /**
     * Visits every row of the plan over the pool: ranges of whole rows per task, or, when the plan is one long row
     * (a tensor against a scalar, say, once dimensions are merged), pieces of that row, so it is split between
     * threads too.
     *
     * @param cost relative cost of one element
     */
    static void forAll(BroadcastPlan p, int operands, Parallel par, long cost, Row row) {
        int len = rowLength(p);
        if (rows(p) == 1 && len > 1) {
            par.forRange(len, cost, (from, to) -> {
                int[] offsets = new int[operands];
                for (int k = 0; k < operands; k++) {
                    offsets[k] = from * rowStride(p, k);
                }
                row.visit(offsets, from, to - from);
            });
            return;
        }
        par.forRange(rows(p), cost * len, (from, to) -> rows(p, operands, from, to, row));
    }

    /** Visits rows {@code [from, to)} of a plan with {@code operands} operands. */
    static void rows(BroadcastPlan p, int operands, int from, int to, Row row) {
        int len = rowLength(p);
        int outerRank = Math.max(p.rank() - 1, 0);
        int[] index = new int[outerRank];
        int[] offsets = new int[operands];
        int rest = from;
        for (int d = outerRank - 1; d >= 0; d--) {
            index[d] = rest % p.size(d);
            rest /= p.size(d);
            for (int k = 0; k < operands; k++) {
                offsets[k] += index[d] * p.stride(k, d);
            }
        }
        for (int r = from; r < to; r++) {
            row.visit(offsets, r * len, len);
            for (int d = outerRank - 1; d >= 0; d--) {
                for (int k = 0; k < operands; k++) {
                    offsets[k] += p.stride(k, d);
                }
                if (++index[d] < p.size(d)) {
                    break;
                }
                for (int k = 0; k < operands; k++) {
                    offsets[k] -= index[d] * p.stride(k, d);
                }
                index[d] = 0;
            }
        }
    }
}
