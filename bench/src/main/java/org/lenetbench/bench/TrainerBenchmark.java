package org.lenetbench.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.data.Dataset;
import org.lenetbench.data.ImageSet;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.train.Trainer;
import org.lenetbench.train.TrainingConfig;
import org.lenetbench.train.TrainingListener;
import org.lenetbench.train.TrainingResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The trainer end to end: {@code lenet train}'s loop ({@link Trainer}: the data order, the encoding of every batch, the
 * NaN checks, the progress callbacks) over {@value #EPOCHS} epochs of {@value #STEPS_PER_EPOCH} batches of synthetic
 * digits, a network opened and initialised per call, the test set one batch. Its images/s against {@link
 * NetworkBenchmark#trainStep} at the same backend, model, batch and threads is what the loop costs beyond the step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchSettings.ADD_VECTOR_MODULE, BenchSettings.NATIVE_ACCESS,
    BenchSettings.UNSAFE_ACCESS})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainerBenchmark {
    // long calls, as training is: a network opened per 400 steps, not per few dozen, so that opening it does not
    // pass for the loop's cost
    static final int EPOCHS = 2;
    static final int STEPS_PER_EPOCH = 200;

    @Param({"vector"})
    public String backend;

    @Param({"lenet5"})
    public String model;

    @Param({"64"})
    public int batch;

    @Param({"2"})
    public int threads;

    /** The steps' learning rate: 1e-7 keeps the parameters where they started, so that the work is the step's in
     * {@link NetworkBenchmark} (its steps use the same); a training rate (1e-3) lets them move as `lenet train`'s do. */
    @Param({"1e-7"})
    public double rate;

    private Backend engine;
    private TrainingConfig config;
    private Dataset data;

    @Setup
    public void prepare() {
        engine = Backends.byId(backend);
        if (engine.availability() instanceof Availability.Unavailable u) {
            throw new IllegalStateException("backend " + backend + " is unavailable here: " + u.reason());
        }
        ModelSpec spec = Models.byName(model);
        // the time-to-99 recipe's Adam (results/2026-12-06-time-to-99-three-epochs): its betas change where the
        // moments go, not the work of a step
        var adam = new OptimizerSpec.Adam(0.7, 0.99, OptimizerSpec.Adam.DEFAULT.epsilon());
        config = new TrainingConfig(spec, EPOCHS, batch, adam, new LearningRateSchedule.Constant(rate), 1, threads,
                spec.defaultInit(), 0, 0, 0, 500);
        data = new Dataset(Path.of("synthetic"), digits("train", STEPS_PER_EPOCH * batch, 1), digits("test", batch, 2),
                false);
    }

    /** MNIST-shaped images of random ink and labels. */
    private static ImageSet digits(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return new ImageSet(name, pixels, labels, count, 28, 28);
    }

    @Benchmark
    public TrainingResult train(ImageCounter counter) {
        counter.images += (long) EPOCHS * STEPS_PER_EPOCH * batch;
        return new Trainer(engine, engine.devices().getFirst(), TrainingListener.NONE).train(config, data);
    }
}
