package org.lenetbench.tfjava;

import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The adapter's own cost against a whole training step, both timed by JMH in the same fork:
 * {@code trainStep} is {@code Network.trainStep} at batch 64; {@code adapterOnly} does everything that step does
 * on the Java side and across JNI (copy the images and labels into the feed tensors, feed the optimizer's
 * scalars, one session run, read a scalar back) with TensorFlow given nothing to compute but a copy of the
 * labels ({@link TfNetwork#adapterOnlyStep}). Their ratio is the fraction of a step the adapter costs. The layout
 * conversion itself is free here: one-channel NCHW images are NHWC byte for byte.
 *
 * <p>Run: {@code mvn -pl impls/tfjava -am verify -Padapter-cost -DskipTests} (JSON in
 * {@code impls/tfjava/target/adapter-cost.json}). Settings as {@code bench/}'s NetworkBenchmark: one fork,
 * 3 × 2 s warm-up, 5 × 2 s measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TfAdapterCostBenchmark {
    @Param({"64"})
    public int batch;

    @Param({"2"})
    public int threads;

    private TfNetwork network;
    private Batch data;

    @Setup(Level.Trial)
    public void open() {
        ModelSpec model = Models.lenet5();
        network = (TfNetwork) new TfBackend().open(model, Device.CPU, threads);
        network.loadParameters(Initializer.initialize(model, model.defaultInit(), 1));
        network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
        data = RandomBatches.of(model, batch, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        network.close();
    }

    @Benchmark
    public double trainStep() {
        return network.trainStep(data, 1e-4);
    }

    @Benchmark
    public int adapterOnly() {
        return network.adapterOnlyStep(data, 1e-4);
    }
}
