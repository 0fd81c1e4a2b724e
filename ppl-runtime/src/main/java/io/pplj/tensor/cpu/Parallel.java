package io.pplj.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into one contiguous chunk per thread when the work is large enough to pay for
 * the hand-off; small loops run inline on the caller's thread.
 */
final class Parallel {

    /** Work units (elements weighted by cost) below which a loop runs inline. */
    static final long GRAIN = 1L << 15;

    /** A loop body over a half-open range. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool;

    Parallel(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads - 1, Parallel::daemonWorker, null, false) : null;
    }

    private static java.util.concurrent.ForkJoinWorkerThread daemonWorker(ForkJoinPool pool) {
        java.util.concurrent.ForkJoinWorkerThread t =
                ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("pplj-cpu-" + t.getPoolIndex());
        return t;
    }

    int threads() {
        return threads;
    }

    /** Whether a loop of {@code n} iterations of this cost runs inline, so callers can skip building a closure. */
    boolean inline(int n, long cost) {
        return pool == null || n < 2 || (long) n * cost < GRAIN;
    }

    /**
     * Runs {@code body} over {@code [0, n)}.
     *
     * @param cost relative cost of one iteration (1 for a cheap elementwise operation, more for transcendental
     *     functions or whole rows)
     */
    void forRange(int n, long cost, Range body) {
        if (inline(n, cost)) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads, n);
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, n / chunks);
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }
}
