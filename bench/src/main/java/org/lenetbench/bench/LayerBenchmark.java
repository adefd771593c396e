package org.lenetbench.bench;

import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.Network;
import org.lenetbench.model.Models;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One layer alone, forward and backward ({@link Network#layer}), per backend, model, layer, batch and
 * threads. Inputs and output gradients are seeded uniform values in [−1, 1]. Images/s is the "images"
 * counter; GFLOP/s follows from {@code ModelSpec.forwardMultiplyAdds} (2 FLOP per multiply-add forward,
 * twice that backward for layers with parameters and inputs to differentiate).
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
public class LayerBenchmark {
    @Param({"vector"})
    public String backend;

    @Param({"lenet5"})
    public String model;

    @Param({"c1", "s2", "c3", "s4", "c5", "f6", "out"})
    public String layer;

    @Param({"64"})
    public int batch;

    @Param({"1"})
    public int threads;

    private Network network;
    private LayerKernel kernel;

    @Setup
    public void open() {
        network = OpenNetwork.open(backend, Models.byName(model), threads);
        kernel = OpenNetwork.layer(network, layer, batch);
    }

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
