package org.lenetbench.bench;

import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Network;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
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
 * Whole networks: one training step (forward, backward, Adam update) and one forward pass, per backend,
 * model, batch and thread count. Images/s is the "images" counter.
 *
 * <p>Settings: one fork (a fresh JVM per parameter set; more forks multiply a run that is already long on
 * 2 cores), 3 warm-up iterations of 2 s (a training step at batch 64 is milliseconds, so ~1,000 steps reach
 * C2's steady state), 5 measured iterations of 2 s (enough for JMH's error to be meaningful).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchSettings.ADD_VECTOR_MODULE, BenchSettings.NATIVE_ACCESS,
    BenchSettings.UNSAFE_ACCESS})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NetworkBenchmark {
    @Param({"vector"})
    public String backend;

    @Param({"lenet5"})
    public String model;

    @Param({"64"})
    public int batch;

    @Param({"2"})
    public int threads;

    private Network network;
    private Batch data;
    private float[] scores;

    @Setup
    public void open() {
        ModelSpec spec = Models.byName(model);
        network = OpenNetwork.open(backend, spec, threads);
        network.setOptimizer(OptimizerSpec.Adam.DEFAULT);
        data = OpenNetwork.batch(spec, batch);
        scores = new float[batch * spec.classes()];
    }

    @TearDown
    public void close() {
        network.close();
    }

    /** A tiny learning rate keeps the parameters, and so the work, where they started. */
    @Benchmark
    public double trainStep(ImageCounter counter) {
        counter.images += batch;
        return network.trainStep(data, 1e-7);
    }

    @Benchmark
    public float[] forward(ImageCounter counter) {
        counter.images += batch;
        network.forward(data, scores);
        return scores;
    }
}
