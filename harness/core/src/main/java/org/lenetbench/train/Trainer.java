package org.lenetbench.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Batch;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.Network;
import org.lenetbench.backend.Support;
import org.lenetbench.data.Dataset;
import org.lenetbench.data.EpochOrder;
import org.lenetbench.data.ImageSet;
import org.lenetbench.data.InputEncoder;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Trains any backend on a dataset for N epochs, from parameters drawn by the harness and in an order drawn
 * by the harness, so that backends can be compared run for run. Stops with {@link NonFiniteException} as soon
 * as a loss or a parameter is NaN or infinite.
 */
public final class Trainer {
    /** Parameters are checked for NaN every this many steps and at the end of every epoch. */
    static final int PARAMETER_CHECK_INTERVAL = 100;
    public static final double TARGET_ACCURACY = 0.99;

    private final Backend backend;
    private final Device device;
    private final TrainingListener listener;

    public Trainer(Backend backend, Device device, TrainingListener listener) {
        this.backend = backend;
        this.device = device;
        this.listener = listener;
    }

    public TrainingResult train(TrainingConfig config, Dataset data) {
        Support optimizerSupport = backend.supports(config.optimizer());
        if (!optimizerSupport.supported()) {
            throw new UnsupportedOperationException("backend " + backend.id() + " does not support optimizer "
                    + config.optimizer().id() + ": " + optimizerSupport.reason());
        }
        ImageSet train = config.trainLimit() > 0 ? data.train().first(config.trainLimit()) : data.train();
        ImageSet validation = null;
        if (config.validation() > 0) {
            if (config.validation() >= train.count()) {
                throw new IllegalArgumentException("validation images (" + config.validation() + ") must leave some of "
                        + train.name() + "'s " + train.count() + " images to train on");
            }
            validation = train.range(train.count() - config.validation(), train.count());
            train = train.range(0, train.count() - config.validation());
        }
        ImageSet test = config.testLimit() > 0 ? data.test().first(config.testLimit()) : data.test();
        InputEncoder encoder = new InputEncoder(config.model().input());
        encoder.requireFits(train);
        encoder.requireFits(test);

        String startedAt = Instant.now().toString();
        try (Network network = Backends.open(backend, config.model(), device, config.threads())) {
            network.loadParameters(Initializer.initialize(config.model(), config.init(), config.seed()));
            network.setOptimizer(config.optimizer());
            Evaluator evaluator = new Evaluator(config.model());
            Batch batch = new Batch(encoder.shape(), config.batchSize());
            EpochOrder order = new EpochOrder(train.count(), config.seed());
            List<EpochRecord> epochs = new ArrayList<>();
            Evaluation evaluation = null;
            Double secondsTo99 = null;
            Double secondsToTarget = null;
            double trainingSeconds = 0;
            double evaluationSeconds = 0;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int batchSize = config.batches().sizeFor(epoch);
                if (batch.capacity() != batchSize) {
                    batch = new Batch(encoder.shape(), batchSize);
                }
                int steps = (train.count() + batchSize - 1) / batchSize;
                int[] visit = order.shuffle(epoch);
                long start = System.nanoTime();
                EffectiveRates sdlmRates = null;
                if (config.optimizer() instanceof OptimizerSpec.Sdlm sdlm) {
                    NamedTensors curvature = estimateCurvature(network, config, encoder, batch, train, visit);
                    network.setCurvature(curvature);
                    sdlmRates = EffectiveRates.of(curvature, config.schedule().rate(epoch, 0, steps), sdlm.mu());
                }
                listener.epochStarted(epoch + 1, steps);
                double lossSum = 0;
                double rateSum = 0;
                for (int step = 0; step < steps; step++) {
                    int from = step * batchSize;
                    int n = Math.min(batchSize, train.count() - from);
                    encoder.fill(batch, train, visit, from, n);
                    double rate = config.schedule().rate(epoch, step, steps);
                    rateSum += rate;
                    double loss = network.trainStep(batch, rate);
                    if (!Double.isFinite(loss)) {
                        throw new NonFiniteException(where(config, epoch, step) + ": the training loss is " + loss);
                    }
                    lossSum += loss * n;
                    if ((step + 1) % PARAMETER_CHECK_INTERVAL == 0) {
                        checkParameters(network, config, epoch, step);
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    listener.stepDone(epoch + 1, step + 1, steps, lossSum / (from + n), (from + n) / elapsed);
                }
                checkParameters(network, config, epoch, steps - 1);
                double seconds = (System.nanoTime() - start) / 1e9;
                trainingSeconds += seconds;
                long evalStart = System.nanoTime();
                evaluation = evaluator.evaluate(network, test);
                Evaluation held = validation == null ? null : evaluator.evaluate(network, validation);
                double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
                evaluationSeconds += evalSeconds;
                // the epoch's rate: its steps' mean (the one rate of a schedule that changes only between epochs)
                EpochRecord record = new EpochRecord(epoch + 1, batchSize, rateSum / steps, lossSum / train.count(),
                        evaluation.loss(), evaluation.accuracy(), seconds, train.count() / seconds, evalSeconds, sdlmRates,
                        held == null ? null : held.loss(), held == null ? null : held.accuracy());
                epochs.add(record);
                if (secondsTo99 == null && evaluation.accuracy() >= TARGET_ACCURACY) {
                    secondsTo99 = trainingSeconds;
                }
                listener.epochDone(record);
                if (config.targetAccuracy() > 0 && evaluation.accuracy() >= config.targetAccuracy()) {
                    secondsToTarget = trainingSeconds;
                    break; // the target is reached
                }
                if (config.timeBudgetSeconds() > 0 && trainingSeconds >= config.timeBudgetSeconds()) {
                    break; // the budget is spent: the epochs run so far are the result
                }
            }
            var summary = new TrainingResult.RunSummary(backend.id(), backend.engine(), backend.engineVersion(),
                    device.id(), network.threads(), config.model().name(), config.optimizer().toString(),
                    config.schedule().describe(), config.batchSize(), config.epochs(), epochs.size(),
                    config.timeBudgetSeconds(), config.targetAccuracy(), trainingSeconds, evaluationSeconds, config.seed(),
                    config.init().cliName(), train.count(),
                    validation == null ? 0 : validation.count(), test.count(), data.verifiedMnist(),
                    data.directory().toString(), Runtime.version().toString(),
                    String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()),
                    startedAt);
            return new TrainingResult(summary, epochs, evaluation, secondsTo99, secondsToTarget, network.parameters());
        }
    }

    /** SDLM: the mean Gauss-Newton diagonal over the first {@code curvatureSamples} patterns of this epoch. */
    private static NamedTensors estimateCurvature(Network network, TrainingConfig config, InputEncoder encoder,
            Batch batch, ImageSet train, int[] visit) {
        int samples = Math.min(config.curvatureSamples(), train.count());
        Map<String, float[]> sum = new LinkedHashMap<>();
        for (int from = 0; from < samples; from += batch.capacity()) {
            int n = Math.min(batch.capacity(), samples - from);
            encoder.fill(batch, train, visit, from, n);
            network.curvature(batch).asMap().forEach((name, h) -> {
                float[] acc = sum.computeIfAbsent(name, k -> new float[h.size()]);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += h.data()[i] * n;
                }
            });
        }
        Map<String, Tensor> mean = new LinkedHashMap<>();
        for (var p : config.model().trainableParameters()) {
            float[] acc = sum.get(p.name());
            for (int i = 0; i < acc.length; i++) {
                acc[i] /= samples;
            }
            mean.put(p.name(), new Tensor(p.shape(), acc));
        }
        return new NamedTensors(mean);
    }

    private void checkParameters(Network network, TrainingConfig config, int epoch, int step) {
        for (Map.Entry<String, Tensor> e : network.parameters().asMap().entrySet()) {
            int bad = e.getValue().firstNonFinite();
            if (bad >= 0) {
                throw new NonFiniteException(where(config, epoch, step) + ": parameter " + e.getKey() + "[" + bad
                        + "] is " + e.getValue().data()[bad]);
            }
        }
    }

    private String where(TrainingConfig config, int epoch, int step) {
        return "backend " + backend.id() + ", model " + config.model().name() + ", epoch " + (epoch + 1) + ", step "
                + (step + 1);
    }
}
