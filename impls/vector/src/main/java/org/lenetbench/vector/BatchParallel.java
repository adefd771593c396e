package org.lenetbench.vector;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a batch over a fixed pool: worker t of W takes samples [t·n/W, (t+1)·n/W), W = min(threads, n).
 * The caller runs chunk 0 itself, so one thread needs no pool at all. The split depends only on n and the
 * thread count, so results are bit-identical run to run for a given count.
 */
final class BatchParallel implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    @FunctionalInterface
    interface Chunk {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    BatchParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "lenet-vector-" + id + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** How many workers a batch of n uses. */
    int workers(int n) {
        return Math.min(threads, n);
    }

    void run(int n, Chunk chunk) {
        int workers = workers(n);
        if (workers == 1) {
            chunk.run(0, 0, n);
            return;
        }
        Future<?>[] futures = new Future<?>[workers - 1];
        for (int t = 1; t < workers; t++) {
            int worker = t;
            futures[t - 1] = pool.submit(() -> chunk.run(worker, worker * n / workers, (worker + 1) * n / workers));
        }
        RuntimeException failure = null;
        try {
            chunk.run(0, 0, n / workers);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
