package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.backend.Network;
import org.lenetbench.data.Dataset;
import org.lenetbench.data.ImageSet;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/** The trainer on a small synthetic digit set: it learns, it is reproducible, and it stops on NaN. */
class TrainerTest {

    /** Class k is a bright horizontal bar at rows 2k+4 .. 2k+5, with noise: easy but not trivial. */
    static Dataset bars(int train, int test) {
        return new Dataset(Path.of("synthetic"), barSet("train", train, 1), barSet("test", test, 2), false);
    }

    private static ImageSet barSet(String name, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            labels[i] = (byte) k;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int value = r.nextInt(60) + (row == 2 * k + 4 || row == 2 * k + 5 ? 180 : 0);
                pixels[i * 784 + p] = (byte) Math.min(255, value);
            }
        }
        return new ImageSet(name, pixels, labels, n, 28, 28);
    }

    private static TrainingConfig config(ModelSpec model, int epochs, OptimizerSpec optimizer,
            LearningRateSchedule schedule, int batch) {
        return new TrainingConfig(model, epochs, batch, optimizer, schedule, 5, 1, model.defaultInit(), 0, 0, 0, 500);
    }

    @Test
    void learnsAndRecordsEveryEpoch() {
        TrainingResult r = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(
                config(Models.lenet1(), 2, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3), 16),
                bars(400, 200));
        assertEquals(2, r.epochs().size());
        EpochRecord last = r.epochs().getLast();
        assertTrue(last.testAccuracy() > 0.9, "accuracy " + last.testAccuracy());
        assertTrue(last.trainLoss() < r.epochs().getFirst().trainLoss());
        assertTrue(last.trainSeconds() > 0 && last.trainImagesPerSecond() > 0 && last.evalSeconds() > 0);
        assertEquals(null, last.sdlmRates(), "step sizes are recorded for SDLM only");
        int total = 0;
        for (int[] row : r.finalEvaluation().confusion()) {
            for (int c : row) {
                total += c;
            }
        }
        assertEquals(200, total);
        assertEquals(Math.round(200 * (1 - last.testAccuracy())), r.finalEvaluation().misclassified().length);
    }

    /**
     * --time-budget: the run stops after the first epoch that ends with the budget spent (here the first, each epoch
     * being made to take ≥ 20 ms), and says how many of the epochs asked for ran; without a budget all run.
     */
    @Test
    void aTimeBudgetStopsAfterTheEpochThatSpendsIt() {
        Backend slow = poisoned(network -> new ForwardingNetwork(network) {
            @Override
            public double trainStep(org.lenetbench.backend.Batch batch, double learningRate) {
                try {
                    Thread.sleep(1); // at least 25 steps of 1 ms an epoch: 25 ms ≥ the 0.02 s budget below
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return delegate.trainStep(batch, learningRate);
            }
        });
        ModelSpec model = Models.lenet1();
        Dataset data = bars(400, 50);
        var budgeted = new TrainingConfig(model, 3, 16, OptimizerSpec.Adam.DEFAULT,
                new LearningRateSchedule.Constant(3e-3), 5, 1, model.defaultInit(), 0, 0, 0, 500, 0.02);
        TrainingResult r = new Trainer(slow, Device.CPU, TrainingListener.NONE).train(budgeted, data);
        assertEquals(1, r.epochs().size());
        assertEquals(3, r.summary().epochs());
        assertEquals(1, r.summary().epochsRun());
        assertEquals(0.02, r.summary().timeBudgetSeconds());
        assertTrue(r.epochs().getFirst().trainSeconds() >= 0.02, "the epoch that spent it");

        TrainingResult all = new Trainer(slow, Device.CPU, TrainingListener.NONE).train(
                config(model, 3, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3), 16), data);
        assertEquals(3, all.epochs().size());
        assertEquals(3, all.summary().epochsRun());

        var e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(model, 3, 16,
                OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3), 5, 1, model.defaultInit(), 0, 0, 0,
                500, -1));
        assertEquals("the time budget must be ≥ 0 seconds (0 = none), got -1.0", e.getMessage());
    }

    /** --validation N: the last N training images are never trained on, and are evaluated after every epoch. */
    @Test
    void aValidationSplitIsHeldOutOfTrainingAndEvaluatedEveryEpoch() {
        int[] trainedImages = new int[1];
        Backend counting = poisoned(network -> new ForwardingNetwork(network) {
            @Override
            public double trainStep(org.lenetbench.backend.Batch batch, double learningRate) {
                trainedImages[0] += batch.size();
                return delegate.trainStep(batch, learningRate);
            }
        });
        ModelSpec model = Models.lenet1();
        Dataset data = bars(400, 200);
        var cfg = new TrainingConfig(model, 2, 16, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3),
                5, 1, model.defaultInit(), 0, 0, 100, 500);
        TrainingResult r = new Trainer(counting, Device.CPU, TrainingListener.NONE).train(cfg, data);

        assertEquals(2 * 300, trainedImages[0], "two epochs of the first 300 images");
        assertEquals(300, r.summary().trainImages());
        assertEquals(100, r.summary().validationImages());
        for (EpochRecord e : r.epochs()) {
            assertTrue(e.validationAccuracy() != null && e.validationLoss() != null, "epoch " + e.epoch());
        }
        try (Network again = org.lenetbench.backend.Backends.open(new ReferenceBackend(), model, Device.CPU, 1)) {
            again.loadParameters(r.finalParameters());
            Evaluation held = new Evaluator(model).evaluate(again, data.train().range(300, 400));
            assertEquals(held.accuracy(), r.epochs().getLast().validationAccuracy(), "images 300..399, after the last epoch");
            // the reference trains in double; finalParameters() are float32, so the reloaded network's loss differs a little
            assertEquals(held.loss(), r.epochs().getLast().validationLoss(), 1e-6);
        }

        TrainingResult none = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(
                config(model, 1, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3), 16), bars(50, 10));
        assertEquals(null, none.epochs().getFirst().validationAccuracy(), "no split, no validation figures");
        assertEquals(0, none.summary().validationImages());

        var tooMany = new TrainingConfig(model, 1, 16, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3),
                5, 1, model.defaultInit(), 0, 0, 50, 500);
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new ReferenceBackend(), Device.CPU,
                TrainingListener.NONE).train(tooMany, bars(50, 10)));
        assertEquals("validation images (50) must leave some of train's 50 images to train on", e.getMessage());
    }

    /** A schedule that changes every step gets its rate to the backend step by step; the epoch records their mean. */
    @Test
    void aOneCycleScheduleChangesTheRateEveryStep() {
        java.util.List<Double> rates = new java.util.ArrayList<>();
        Backend recording = recordingSteps((batch, rate) -> rates.add(rate));
        ModelSpec model = Models.lenet1();
        var oneCycle = new LearningRateSchedule.OneCycle(4e-3, 0.5, 2);
        TrainingResult r = new Trainer(recording, Device.CPU, TrainingListener.NONE).train(
                config(model, 2, OptimizerSpec.Adam.DEFAULT, oneCycle, 10), bars(100, 20));

        assertEquals(20, rates.size(), "two epochs of 10 steps");
        for (int i = 0; i < 20; i++) {
            assertEquals(oneCycle.rateAt((i + 0.5) / 10), rates.get(i), 1e-15, "step " + i);
        }
        assertEquals(4e-3 * 0.5 / 5, rates.getFirst(), 1e-15, "the first step: halfway through its tenth of the rise");
        assertTrue(rates.get(4) < rates.get(5) && rates.get(5) > rates.get(6), "the peak at the end of the warm-up");
        assertEquals(4e-3 * 0.5 / 15, rates.getLast(), 1e-15, "the last step: half a step above 0");
        assertEquals(rates.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                r.epochs().getFirst().learningRate(), 1e-15);
    }

    /** A batch that grows by epoch: each epoch's steps get its size, the last size holds for later epochs. */
    @Test
    void aBatchScheduleGivesEachEpochItsBatchSize() {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        Backend recording = recordingSteps((batch, rate) -> sizes.add(batch.size()));
        ModelSpec model = Models.lenet1();
        var growing = new TrainingConfig(model, 3, new BatchSchedule(java.util.List.of(10, 30)),
                OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.OneCycle(4e-3, 0.5, 3), 5, 1, model.defaultInit(),
                0, 0, 0, 500, 0, 0);
        TrainingResult r = new Trainer(recording, Device.CPU, TrainingListener.NONE).train(growing, bars(100, 20));

        java.util.List<Integer> expected = new java.util.ArrayList<>(java.util.Collections.nCopies(10, 10));
        for (int epoch = 2; epoch <= 3; epoch++) {
            expected.addAll(java.util.List.of(30, 30, 30, 10)); // 100 images: three full batches and the rest
        }
        assertEquals(expected, sizes);
        assertEquals(java.util.List.of(10, 30, 30), r.epochs().stream().map(EpochRecord::batchSize).toList());
        assertEquals(10, r.summary().batchSize(), "the summary names the first epoch's");
    }

    /** --target: the run stops after the first epoch that reaches it, and records the training time to it. */
    @Test
    void aTargetAccuracyStopsTheRunWhereItIsReached() {
        ModelSpec model = Models.lenet1();
        Dataset data = bars(400, 200);
        TrainingConfig all = config(model, 4, OptimizerSpec.Adam.DEFAULT, new LearningRateSchedule.Constant(3e-3), 16);
        TrainingResult full = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(all, data);
        double target = full.epochs().get(1).testAccuracy(); // reached after epoch 2 at the latest
        int firstReaching = 0;
        while (full.epochs().get(firstReaching).testAccuracy() < target) {
            firstReaching++;
        }
        TrainingConfig targeted = new TrainingConfig(model, 4, 16, OptimizerSpec.Adam.DEFAULT,
                new LearningRateSchedule.Constant(3e-3), 5, 1, model.defaultInit(), 0, 0, 0, 500, 0, target);
        TrainingResult stopped = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(targeted, data);

        assertEquals(firstReaching + 1, stopped.summary().epochsRun(), "the same seed, stopped at the first epoch at "
                + target);
        assertEquals(stopped.epochs().stream().mapToDouble(EpochRecord::trainSeconds).sum(),
                stopped.trainingSecondsToTarget(), 1e-9, "training time only");
        assertEquals(stopped.epochs().stream().mapToDouble(EpochRecord::evalSeconds).sum(),
                stopped.summary().evalSeconds(), 1e-9, "the evaluation time, apart");
        assertEquals(null, full.trainingSecondsToTarget(), "no target, no time to it");
    }

    @Test
    void sameSeedGivesBitIdenticalResultsWithTheReference() {
        var cfg = config(Models.lenet51998(), 1, OptimizerSpec.Sdlm.PAPER, new LearningRateSchedule.Paper(), 1);
        Dataset data = bars(60, 20);
        TrainingResult a = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(cfg, data);
        TrainingResult b = new Trainer(new ReferenceBackend(), Device.CPU, TrainingListener.NONE).train(cfg, data);
        assertEquals(a.finalParameters(), b.finalParameters());
        assertEquals(a.epochs().getFirst().trainLoss(), b.epochs().getFirst().trainLoss());
        assertEquals(a.finalEvaluation().loss(), b.finalEvaluation().loss());
        EffectiveRates steps = a.epochs().getFirst().sdlmRates();
        assertTrue(steps.smallest() > 0 && steps.smallest() < steps.largest() && steps.largest() <= 5e-4 / 0.02,
                steps.toString());
    }

    @Test
    void aNaNParameterStopsTrainingNamingBackendEpochStepAndTensor() {
        Backend poisoned = backendWithNaNParameter();
        var e = assertThrows(NonFiniteException.class, () -> new Trainer(poisoned, Device.CPU, TrainingListener.NONE)
                .train(config(Models.lenet1(), 2, new OptimizerSpec.Sgd(0), new LearningRateSchedule.Constant(0.01), 10),
                        bars(50, 10)));
        assertEquals("backend poisoned, model lenet1, epoch 1, step 5: parameter c3.bias[2] is NaN", e.getMessage());
    }

    @Test
    void aNaNLossStopsTrainingAtItsStep() {
        Backend poisoned = poisoned(network -> new ForwardingNetwork(network) {
            private int steps;

            @Override
            public double trainStep(org.lenetbench.backend.Batch batch, double learningRate) {
                double loss = delegate.trainStep(batch, learningRate);
                return ++steps == 3 ? Double.NaN : loss;
            }
        });
        var e = assertThrows(NonFiniteException.class, () -> new Trainer(poisoned, Device.CPU, TrainingListener.NONE)
                .train(config(Models.lenet1(), 1, new OptimizerSpec.Sgd(0), new LearningRateSchedule.Constant(0.01), 10),
                        bars(100, 10)));
        assertEquals("backend poisoned, model lenet1, epoch 1, step 3: the training loss is NaN", e.getMessage());
    }

    @Test
    void anUnsupportedOptimizerIsRefusedInOneLine() {
        Backend noSdlm = new ForwardingBackend(new ReferenceBackend(), "poisoned", network -> network) {
            @Override
            public org.lenetbench.backend.Support supports(OptimizerSpec optimizer) {
                return optimizer instanceof OptimizerSpec.Sdlm
                        ? org.lenetbench.backend.Support.unsupported("no second-order pass")
                        : org.lenetbench.backend.Support.SUPPORTED;
            }
        };
        var e = assertThrows(UnsupportedOperationException.class, () -> new Trainer(noSdlm, Device.CPU,
                TrainingListener.NONE).train(config(Models.lenet1(), 1, OptimizerSpec.Sdlm.PAPER,
                        new LearningRateSchedule.Paper(), 1), bars(10, 10)));
        assertEquals("backend poisoned does not support optimizer sdlm: no second-order pass", e.getMessage());
    }

    /** The reference under the id "poisoned", its networks wrapped by {@code wrap}. */
    private static Backend poisoned(UnaryOperator<Network> wrap) {
        return new ForwardingBackend(new ReferenceBackend(), "poisoned", wrap);
    }

    /** The reference, telling {@code step} of every training step's batch and rate before it takes the step. */
    private static Backend recordingSteps(java.util.function.BiConsumer<org.lenetbench.backend.Batch, Double> step) {
        return poisoned(network -> new ForwardingNetwork(network) {
            @Override
            public double trainStep(org.lenetbench.backend.Batch batch, double learningRate) {
                step.accept(batch, learningRate);
                return delegate.trainStep(batch, learningRate);
            }
        });
    }

    /** The reference, except that parameters() reports c3.bias[2] as NaN. */
    private static Backend backendWithNaNParameter() {
        return poisoned(network -> new ForwardingNetwork(network) {
            @Override
            public NamedTensors parameters() {
                Map<String, Tensor> map = new LinkedHashMap<>(delegate.parameters().asMap());
                Tensor bias = map.get("c3.bias").copy();
                bias.data()[2] = Float.NaN;
                map.put("c3.bias", bias);
                return new NamedTensors(map);
            }
        });
    }
}
