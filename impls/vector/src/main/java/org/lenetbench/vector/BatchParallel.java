package org.lenetbench.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a batch over a fixed set of threads: worker t of W takes samples [t·n/W, (t+1)·n/W), W = min(threads,
 * n). The caller runs chunk 0 itself, so one thread needs no hand-off at all. The split depends only on n
 * and the thread count, so results are bit-identical run to run for a given count.
 *
 * <p>No allocation per run: the workers are daemon threads that wait for a new generation number, spinning
 * briefly and then parking; every worker answers every generation (those without a chunk just check in), so
 * none can lag behind into the next one. Callers pass a chunk object they built once.
 */
final class BatchParallel implements AutoCloseable {
    /** Spin this many times before parking: the gaps between a step's passes (samples, then the update) are microseconds. */
    private static final int SPINS = 1 << 12;
    private static final AtomicInteger POOLS = new AtomicInteger();

    @FunctionalInterface
    interface Chunk {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long generation;
    private volatile Chunk task;
    private volatile int size;
    private volatile int active;
    private volatile Thread caller;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    BatchParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        int pool = POOLS.incrementAndGet();
        for (int t = 1; t < threads; t++) {
            int worker = t;
            workers[t - 1] = new Thread(() -> work(worker), "lenet-vector-" + pool + "-" + t);
            workers[t - 1].setDaemon(true);
            workers[t - 1].start();
        }
    }

    int threads() {
        return threads;
    }

    /** How many workers a batch of n uses. */
    int workers(int n) {
        return Math.min(threads, n);
    }

    void run(int n, Chunk chunk) {
        int w = workers(n);
        if (w == 1) {
            chunk.run(0, 0, n);
            return;
        }
        task = chunk;
        size = n;
        active = w;
        failure = null;
        caller = Thread.currentThread();
        pending.set(workers.length);
        generation++; // the volatile write that publishes the fields above to the workers
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        RuntimeException own = null;
        try {
            chunk.run(0, 0, n / w);
        } catch (RuntimeException e) {
            own = e;
        }
        for (int spins = 0; pending.get() > 0;) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        task = null;
        if (own != null) {
            throw own;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void work(int worker) {
        long seen = 0;
        while (true) {
            for (int spins = 0; generation == seen;) {
                if (closed) {
                    return;
                }
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            int w = active;
            if (worker < w) {
                try {
                    task.run(worker, worker * size / w, (worker + 1) * size / w);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
