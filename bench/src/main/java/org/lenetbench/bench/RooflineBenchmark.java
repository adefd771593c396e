package org.lenetbench.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's limits, for the roofline: the fp32 fused multiply-add peak and the memory bandwidth, per JMH
 * thread ({@code -t 2} for both cores of this project's machines: each thread has its own state, and JMH sums
 * their counters). "flops" and "bytes" in the secondary results are FLOP/s and bytes/s.
 *
 * <p>Settings: one fork; 3 warm-up and 5 measured iterations of 1 s (an invocation is about a millisecond).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchSettings.ADD_VECTOR_MODULE})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RooflineBenchmark {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int FMA_ROUNDS = 1 << 16;
    /** 16 M floats per array, 192 MiB for the three: far beyond any cache, so the triad streams from memory. */
    private static final int TRIAD_LENGTH = 1 << 24;

    private float[] a;
    private float[] b;
    private float[] c;

    /** FLOP and bytes moved, as JMH secondary results per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        public long flops;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
            bytes = 0;
        }
    }

    @Setup
    public void allocate() {
        a = new float[TRIAD_LENGTH];
        b = new float[TRIAD_LENGTH];
        c = new float[TRIAD_LENGTH];
        java.util.Arrays.fill(b, 1.0f);
        java.util.Arrays.fill(c, 2.0f);
    }

    /**
     * Eight independent accumulator chains: an FMA has a latency of about 4 cycles and two can issue per cycle,
     * so at least 8 chains are needed to keep both FMA units busy.
     */
    @Benchmark
    public float fmaPeak(Work work) {
        FloatVector x = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector y = FloatVector.broadcast(SPECIES, 1e-3f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int i = 0; i < FMA_ROUNDS; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
        }
        work.flops += 2L * 8 * SPECIES.length() * FMA_ROUNDS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** STREAM's triad, a = b + s·c: two arrays read, one written (12 bytes per element, write-allocate not counted). */
    @Benchmark
    public float[] triadBandwidth(Work work) {
        FloatVector s = FloatVector.broadcast(SPECIES, 3.0f);
        int i = 0;
        for (int upper = SPECIES.loopBound(TRIAD_LENGTH); i < upper; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, c, i).fma(s, FloatVector.fromArray(SPECIES, b, i)).intoArray(a, i);
        }
        for (; i < TRIAD_LENGTH; i++) {
            a[i] = b[i] + 3.0f * c[i];
        }
        work.bytes += 12L * TRIAD_LENGTH;
        return a;
    }
}
