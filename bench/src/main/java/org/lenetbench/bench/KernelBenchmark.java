package org.lenetbench.bench;

import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One layer kernel timed forward and backward; subclasses choose the network and the layer in their
 * {@code @Setup} (JMH runs inherited benchmark methods for each subclass).
 *
 * <p>Settings: one fork; 3 warm-up and 5 measured iterations of 1 s (a layer call is microseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchSettings.ADD_VECTOR_MODULE, BenchSettings.NATIVE_ACCESS,
    BenchSettings.UNSAFE_ACCESS})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class KernelBenchmark {
    @Param({"vector"})
    public String backend;

    @Param({"64"})
    public int batch;

    @Param({"1"})
    public int threads;

    protected Network network;
    protected LayerKernel kernel;

    @TearDown
    public void close() {
        kernel.close();
        network.close();
    }

    @Benchmark
    public void forward(ImageCounter counter) {
        counter.images += batch;
        kernel.forward();
    }

    @Benchmark
    public void backward(ImageCounter counter) {
        counter.images += batch;
        kernel.backward();
    }
}
