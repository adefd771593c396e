package org.lenetbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.Models;

/**
 * Every benchmark method once, untimed, on the reference: the benchmarks cannot rot unnoticed. (The timed
 * runs are `java -jar bench/target/benchmarks.jar`, see README.)
 */
class BenchmarksRunTest {

    @Test
    void networkBenchmarksRun() {
        NetworkBenchmark b = new NetworkBenchmark();
        b.backend = "reference";
        b.model = "lenet1";
        b.batch = 4;
        b.threads = 1;
        b.open();
        ImageCounter counter = new ImageCounter();
        assertTrue(Double.isFinite(b.trainStep(counter)));
        assertEquals(40, b.forward(counter).length);
        assertEquals(8, counter.images);
        b.close();
    }

    @Test
    void theTrainerBenchmarkRunsEveryEpochOfEveryBatch() {
        TrainerBenchmark b = new TrainerBenchmark();
        b.backend = "reference";
        b.model = "lenet1";
        b.batch = 4;
        b.threads = 1;
        b.rate = 1e-3;
        b.prepare();
        ImageCounter counter = new ImageCounter();
        var result = b.train(counter);
        assertEquals(TrainerBenchmark.EPOCHS, result.epochs().size());
        assertEquals(TrainerBenchmark.STEPS_PER_EPOCH * 4, result.summary().trainImages());
        assertEquals((long) TrainerBenchmark.EPOCHS * TrainerBenchmark.STEPS_PER_EPOCH * 4, counter.images);
    }

    @Test
    void everyLayerBenchmarkRuns() {
        for (String layer : Models.lenet5().layerNames()) {
            LayerBenchmark b = new LayerBenchmark();
            b.backend = "reference";
            b.model = "lenet5";
            b.layer = layer;
            b.batch = 2;
            b.threads = 1;
            b.open();
            ImageCounter counter = new ImageCounter();
            b.forward(counter);
            b.backward(counter);
            assertEquals(4, counter.images);
            b.close();
        }
    }

    @Test
    void theDenseC3ComputesWhatThePartialOneDoes() {
        float[][] outputs = new float[2][];
        String[] kinds = {"partial", "dense-masked"};
        for (int i = 0; i < 2; i++) {
            C3ConnectivityBenchmark b = new C3ConnectivityBenchmark();
            b.backend = "reference";
            b.connectivity = kinds[i];
            b.batch = 2;
            b.threads = 1;
            b.open();
            b.forward(new ImageCounter());
            outputs[i] = b.output();
            b.close();
        }
        assertEquals(outputs[0].length, outputs[1].length);
        for (int j = 0; j < outputs[0].length; j++) {
            assertEquals(outputs[0][j], outputs[1][j], 1e-6f);
        }
    }
}
