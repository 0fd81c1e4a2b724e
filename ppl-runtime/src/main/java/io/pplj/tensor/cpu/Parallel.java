package io.pplj.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over {@code [0, n)} into contiguous chunks, a few per thread, when the work is large enough to pay
 * for the hand-off; small loops run inline on the caller's thread.
 *
 * <p>Chunks are claimed, not assigned: the caller and the pool's threads take the next unclaimed chunk until none is
 * left, and the caller then waits (spinning) only for chunks already being run elsewhere. A parked pool thread takes
 * 70-180 µs to start on this project's 2-vCPU machine; with one fixed chunk per thread the caller waited that long
 * at the end of every split loop (4 ms of a 26 ms w4 step), while with claimed chunks it runs the late thread's share
 * itself.
 */
final class Parallel {

    /** Work units (elements weighted by cost) below which a loop runs inline. */
    static final long GRAIN = 1L << 15;

    /** Chunks per thread, so that a late thread's share can be taken over in pieces. */
    static final int CHUNKS_PER_THREAD = 4;

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
     * Runs {@code body} over {@code [0, n)}: inline when small, otherwise in at most {@link #CHUNKS_PER_THREAD}
     * chunks per thread (never more chunks than iterations), claimed by the caller and the pool. A failure in any
     * chunk is rethrown to the caller once every claimed chunk has finished.
     *
     * @param cost relative cost of one iteration (1 for a cheap elementwise operation, more for transcendental
     *     functions or whole rows)
     */
    void forRange(int n, long cost, Range body) {
        forChunks(n, cost, Math.min(n, threads * CHUNKS_PER_THREAD), body);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in exactly {@code chunks} claimed chunks (or inline when small), for
     * callers whose chunks are costly units of their own, such as the parts of a split matrix product.
     */
    void forChunks(int n, long cost, int chunks, Range body) {
        if (inline(n, cost) || chunks < 2) {
            body.run(0, n);
            return;
        }
        Claims claims = new Claims(n, chunks, body);
        for (int t = 1; t < threads; t++) {
            pool.execute(claims);
        }
        claims.run();
        claims.awaitAll();
    }

    /**
     * One split loop's chunks, claimed in order by whichever thread asks next. The caller drops the loop body once
     * every chunk has finished: a pool task still queued behind other work then finds no chunk left and no body, so
     * it keeps none of the arrays the body captured alive.
     */
    private static final class Claims implements Runnable {
        private final int n;
        private final int chunks;
        private Range body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Claims(int n, int chunks, Range body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
        }

        @Override
        public void run() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    if (!failure.compareAndSet(null, t)) {
                        failure.get().addSuppressed(t);
                    }
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        /**
         * Waits for chunks still running on other threads (the caller has claimed the rest): spinning at first,
         * since most waits last microseconds, then yielding, then parking in 50 µs naps so that a long wait does
         * not hold a core. Then drops the body and rethrows the first failure (others are suppressed in it; a
         * checked exception arrives wrapped in an {@link IllegalStateException}).
         */
        void awaitAll() {
            for (int spins = 0; finished.get() < chunks; spins++) {
                if (spins < 1 << 12) {
                    Thread.onSpinWait();
                } else if (spins < 1 << 13) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
            body = null;
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException("a parallel chunk failed", t);
            }
        }
    }
}
