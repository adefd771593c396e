package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class BatchParallelTest {

    @Test
    void everySampleIsVisitedExactlyOnceRunAfterRun() {
        try (BatchParallel pool = new BatchParallel(3)) {
            for (int run = 0; run < 5_000; run++) {
                int n = 1 + run % 11; // 1..11: fewer, as many and more samples than threads
                AtomicIntegerArray visits = new AtomicIntegerArray(n);
                pool.run(n, (worker, from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, visits.get(i), "run " + run + ", sample " + i + " of " + n);
                }
            }
        }
    }

    @Test
    void aWorkersFailureReachesTheCallerAndThePoolGoesOn() {
        try (BatchParallel pool = new BatchParallel(2)) {
            var e = assertThrows(IllegalStateException.class, () -> pool.run(8, (worker, from, to) -> {
                if (worker == 1) {
                    throw new IllegalStateException("worker 1 failed");
                }
            }));
            assertEquals("worker 1 failed", e.getMessage());
            AtomicIntegerArray visits = new AtomicIntegerArray(8);
            pool.run(8, (worker, from, to) -> {
                for (int i = from; i < to; i++) {
                    visits.incrementAndGet(i);
                }
            });
            assertEquals(1, visits.get(7));
        }
    }
}
