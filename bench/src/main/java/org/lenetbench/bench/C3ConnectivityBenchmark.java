package org.lenetbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.LayerKernel;
import org.lenetbench.backend.Network;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
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
 * LeNet-5's C3 as the paper has it (Table 1: 60 of the 96 map pairs) against the same layer computed
 * densely over all 96 pairs with the missing weights held at zero (a mask): how much the backend gains from
 * skipping the unconnected pairs. Both compute the same numbers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchSettings.ADD_VECTOR_MODULE, BenchSettings.NATIVE_ACCESS,
    BenchSettings.UNSAFE_ACCESS})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class C3ConnectivityBenchmark {
    @Param({"vector"})
    public String backend;

    @Param({"partial", "dense-masked"})
    public String connectivity;

    @Param({"64"})
    public int batch;

    @Param({"1"})
    public int threads;

    private Network network;
    private LayerKernel kernel;

    /** lenet5 with C3 over all 96 pairs: same names and shapes, so the masked canonical weights load as they are. */
    static ModelSpec denseC3(ModelSpec lenet5) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : lenet5.layers()) {
            layers.add(l.name().equals("c3") ? Convolution.dense("c3", 16, 5, 0) : l);
        }
        return new ModelSpec(lenet5.name() + "-dense-c3", "lenet5 with a dense C3", lenet5.input(), layers,
                lenet5.loss(), lenet5.defaultInit());
    }

    @Setup
    public void open() {
        ModelSpec paper = Models.lenet5();
        ModelSpec spec = connectivity.equals("partial") ? paper : denseC3(paper);
        NamedTensors masked = Initializer.initialize(paper, paper.defaultInit(), 1); // zeros where Table 1 has none
        network = OpenNetwork.open(backend, spec, threads);
        network.loadParameters(masked);
        kernel = OpenNetwork.layer(network, "c3", batch);
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

    /** The last forward's output (for the test that both variants compute the same). */
    float[] output() {
        float[] y = new float[batch * kernel.outputShape().size()];
        kernel.output(y);
        return y;
    }
}
