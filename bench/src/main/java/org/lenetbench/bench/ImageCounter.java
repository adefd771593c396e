package org.lenetbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts images, so that JMH reports images/s beside invocations/s ("images" in the secondary results):
 * the batch size is a parameter, so it cannot go into {@code @OperationsPerInvocation}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ImageCounter {
    public long images;

    @Setup(Level.Iteration)
    public void reset() {
        images = 0;
    }
}
