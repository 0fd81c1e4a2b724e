package io.pplj.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Split loops visit every index exactly once, whatever the chunk count; a chunk's failure on a pool thread reaches
 * the caller (a checked one wrapped); and a caller whose pool threads are all busy elsewhere finishes the loop on its
 * own, because chunks are claimed rather than assigned, and its loop body does not stay reachable from the task left
 * in the pool's queue.
 */
class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnce() {
        Parallel parallel = new Parallel(3);
        for (int n : new int[] {1, 2, 7, 12, 1000, 100_003}) {
            for (int chunks : new int[] {1, 2, 5, 12}) {
                AtomicIntegerArray visits = new AtomicIntegerArray(n);
                parallel.forChunks(n, Parallel.GRAIN, Math.min(n, chunks), (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, visits.get(i), "index " + i + " of " + n + " in " + chunks + " chunks");
                }
            }
        }
    }

    @Test
    void aChunkFailingOnAPoolThreadIsRethrownToTheCaller() {
        Parallel parallel = new Parallel(2);
        IllegalStateException boom = new IllegalStateException("chunk failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> parallel.forRange(1 << 20, 1, (from, to) -> {
                    if (onPoolThread()) {
                        throw boom;
                    }
                    sleepQuietly();              // the caller's chunks are slow, so the pool thread takes some
                }));
        assertSame(boom, thrown);
    }

    @Test
    void aCheckedExceptionFromAChunkArrivesWrapped() {
        Parallel parallel = new Parallel(2);
        Exception checked = new java.io.IOException("disk gone");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> parallel.forRange(1 << 20, 1, (from, to) -> {
                    if (from == 0) {
                        ParallelTest.<RuntimeException>sneakyThrow(checked);
                    }
                }));
        assertSame(checked, thrown.getCause());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Runs a split loop whose body captures a large array; checks the loop ran; returns a weak reference to it. */
    private static WeakReference<float[]> loopOverACapturedArray(Parallel parallel) {
        AtomicIntegerArray visits = new AtomicIntegerArray(1000);
        float[] captured = new float[1 << 20];
        parallel.forRange(1000, Parallel.GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                visits.incrementAndGet(i);
                captured[i] = i;
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, visits.get(i), "index " + i);
        }
        return new WeakReference<>(captured);
    }

    private static boolean onPoolThread() {
        return Thread.currentThread().getName().startsWith("pplj-cpu-");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theCallerFinishesAloneWhenThePoolIsBusy() throws InterruptedException {
        Parallel parallel = new Parallel(2);
        CountDownLatch poolBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread occupier = new Thread(() -> parallel.forRange(1 << 20, 1, (from, to) -> {
            if (onPoolThread()) {
                poolBusy.countDown();    // the pool's only thread holds its chunk until released
                awaitQuietly(release);
            } else {
                sleepQuietly();          // the occupier's own chunks are slow, so the pool thread gets one
            }
        }));
        occupier.start();
        assertTrue(poolBusy.await(10, TimeUnit.SECONDS), "the pool thread never took a chunk");
        WeakReference<float[]> captured = loopOverACapturedArray(parallel);
        // the loop's task is still queued behind the blocked chunk: it must not keep the body's arrays alive
        for (int i = 0; i < 10 && captured.get() != null; i++) {
            System.gc();
        }
        assertTrue(captured.get() == null, "a finished loop's body is still reachable from the pool's queue");
        release.countDown();
        occupier.join();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
