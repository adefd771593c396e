package org.lenetbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.backend.Device;
import org.lenetbench.cli.TrainingDefaults.OptimizerChoice;
import org.lenetbench.cli.TrainingDefaults.ScheduleChoice;
import org.lenetbench.data.Dataset;
import org.lenetbench.model.InitScheme;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.LearningRateSchedule;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Safetensors;
import org.lenetbench.train.EpochRecord;
import org.lenetbench.train.ResultsJson;
import org.lenetbench.train.Trainer;
import org.lenetbench.train.TrainingConfig;
import org.lenetbench.train.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", sortOptions = false,
        description = {"Train a model with a backend; writes results.json and params.safetensors into --out.",
            "Defaults: Adam, lr 1e-3, batch 16. --optimizer sdlm: the paper's recipe (batch 1, per-pass schedule)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", required = true, description = "Backend id (see `lenet backends`).")
    String backend;

    @Option(names = "--model", required = true, description = "Model: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--epochs", defaultValue = "1", description = "Passes over the training set (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--time-budget", defaultValue = "0", paramLabel = "SECONDS", description = "Stop after the first "
            + "epoch that ends with at least SECONDS of training spent, evaluation not counted (default 0: run all --epochs).")
    double timeBudget;

    @Option(names = "--batch", description = "Images per step (default 16; 1 with --optimizer sdlm).")
    Integer batch;

    @Option(names = "--optimizer", description = "sgd, adam (default) or sdlm.")
    OptimizerChoice optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--lr", description = "Learning rate (default: adam 1e-3, sgd 0.01); the first one for --schedule "
            + "step; for --schedule paper the first pass's, the later passes keep the paper's ratios (default 5e-4).")
    Double rate;

    @Option(names = "--schedule", description = "constant, step (×--lr-gamma every --lr-every epochs) or paper "
            + "(default: paper with sdlm, else constant).")
    ScheduleChoice schedule;

    @Option(names = "--lr-every", defaultValue = "1", description = "Step schedule: epochs between decays (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--lr-gamma", defaultValue = "0.5", description = "Step schedule: decay factor (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--init", description = "Initialisation: lecun98 (±2.4/fan-in) or pytorch (±1/√fan-in); default per model.")
    InitScheme init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial parameters and the data order (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N", description = "Train on the first N images only (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N", description = "Evaluate on the first N test images only (0 = all).")
    int testLimit;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "N", description = "Hold the last N training images "
            + "out of training and report their accuracy after every epoch, to choose settings on them rather than on the "
            + "test set (default 0: none).")
    int validation;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default out/BACKEND-MODEL).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar (also off when stderr is not a terminal).")
    boolean noProgress;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = Models.byName(model);
        Backend b = Backends.byId(backend);
        TrainingConfig config = config(spec);
        Device device = runOptions.device(b);
        Dataset data = dataOptions.load();
        var err = this.spec.commandLine().getErr();
        var outw = this.spec.commandLine().getOut();
        outw.printf("%s on %s (%s %s), %s, batch %d, %s, seed %d%n", spec.name(), b.id(), b.engine(),
                b.engineVersion(), config.optimizer().id(), config.batchSize(), config.schedule().describe(), seed);
        outw.flush();
        boolean progress = !noProgress && System.console() != null && System.console().isTerminal();
        try (ProgressReporter reporter = new ProgressReporter(outw, progress)) {
            TrainingResult result = new Trainer(b, device, reporter).train(config, data);
            Path dir = out != null ? out : Path.of("out", b.id() + "-" + spec.name());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("model", spec.name());
            meta.put("backend", b.id());
            meta.put("epochs", Integer.toString(epochs));
            meta.put("seed", Long.toString(seed));
            meta.put("test_accuracy", Double.toString(result.finalEvaluation().accuracy()));
            Safetensors.write(dir.resolve("params.safetensors"), result.finalParameters(), meta);
            ResultsJson.write(dir.resolve("results.json"), result, reproducingCommand(), data.test());
            EpochRecord last = result.epochs().getLast();
            if (result.summary().epochsRun() < epochs) {
                outw.printf("stopped after %d of %d epochs: the time budget of %s s of training was spent%n",
                        result.summary().epochsRun(), epochs, timeBudget);
            }
            if (last.validationAccuracy() != null) {
                outw.printf("validation accuracy %.2f%% (the last %d training images, held out)%n",
                        100 * last.validationAccuracy(), result.summary().validationImages());
            }
            outw.printf("test accuracy %.2f%% (%d of %d wrong), threads used: %d; wrote %s and %s%n",
                    100 * result.finalEvaluation().accuracy(), result.finalEvaluation().misclassified().length,
                    result.finalEvaluation().images(), result.summary().threads(), dir.resolve("results.json"),
                    dir.resolve("params.safetensors"));
        }
        err.flush();
        return 0;
    }

    TrainingConfig config(ModelSpec spec) {
        OptimizerChoice opt = optimizer != null ? optimizer : TrainingDefaults.OPTIMIZER;
        ScheduleChoice sched = schedule != null ? schedule : TrainingDefaults.scheduleFor(opt);
        if (momentum != 0 && opt != OptimizerChoice.SGD) {
            throw new IllegalArgumentException("--momentum applies to --optimizer sgd only");
        }
        double lr = rate != null ? rate : TrainingDefaults.rateFor(opt);
        OptimizerSpec optimizerSpec = switch (opt) {
            case SGD -> new OptimizerSpec.Sgd(momentum);
            case ADAM -> OptimizerSpec.Adam.DEFAULT;
            case SDLM -> OptimizerSpec.Sdlm.PAPER;
        };
        LearningRateSchedule lrs = switch (sched) {
            case CONSTANT -> new LearningRateSchedule.Constant(lr);
            case STEP -> new LearningRateSchedule.Step(lr, gamma, every);
            case PAPER -> rate != null ? new LearningRateSchedule.Paper(rate) : new LearningRateSchedule.Paper();
        };
        int batchSize = batch != null ? batch : TrainingDefaults.batchFor(opt);
        return new TrainingConfig(spec, epochs, batchSize, optimizerSpec, lrs, seed, runOptions.threads(),
                init != null ? init : spec.defaultInit(), trainLimit, testLimit, validation, 500, timeBudget);
    }

    /** This run's command line as scripts/lenet takes it, less where it wrote and how it showed progress. */
    private String reproducingCommand() {
        List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.getFirst().equals(spec.name())) { // picocli keeps the parent's whole line
            args.removeFirst();
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                args.subList(i, i + 2).clear();
                i--;
            } else if (args.get(i).startsWith("--out=") || args.get(i).equals("--no-progress")) {
                args.remove(i--);
            }
        }
        return "scripts/lenet train " + String.join(" ", args);
    }

    static final class ModelNames extends java.util.ArrayList<String> {
        ModelNames() {
            super(Models.names());
        }
    }
}
