package org.lenetbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
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
import org.lenetbench.train.BatchSchedule;
import org.lenetbench.train.EpochRecord;
import org.lenetbench.train.ResultsJson;
import org.lenetbench.train.SeedStudy;
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

    @Option(names = "--target", defaultValue = "0", paramLabel = "ACCURACY", description = "Stop after the first epoch "
            + "whose test accuracy reaches ACCURACY, e.g. 0.99 (evaluated after every epoch; the time to it counts "
            + "training only, the evaluation time is recorded apart; default 0: none).")
    double target;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Run the recipe with N seeds, --seed, "
            + "--seed + 1, …: each run in DIR/seed-S/, and DIR/study.json with the mean, standard deviation, minimum and "
            + "maximum of the final accuracy and of the time to --target (default ${DEFAULT-VALUE}: one run in DIR).")
    int seeds;

    @Option(names = "--seeds-budget", defaultValue = "0", paramLabel = "SECONDS", description = "With --seeds: start no "
            + "further seed once the seeds run have spent SECONDS of training between them; study.json records the seeds "
            + "asked and run (default 0: every seed).")
    double seedsBudget;

    @Option(names = "--batch", split = ",", paramLabel = "N[,N…]", description = "Images per step (default 16; 1 with "
            + "--optimizer sdlm); several, comma-separated: epoch 1's, epoch 2's, …, the last for every later epoch.")
    List<Integer> batch;

    @Option(names = "--optimizer", description = "sgd, adam (default) or sdlm.")
    OptimizerChoice optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--beta1", description = "Adam's β1 (default 0.9).")
    Double beta1;

    @Option(names = "--beta2", description = "Adam's β2 (default 0.999).")
    Double beta2;

    @Option(names = "--lr", description = "Learning rate (default: adam 1e-3, sgd 0.01); the first one for --schedule "
            + "step; for --schedule paper the first pass's, the later passes keep the paper's ratios (default 5e-4).")
    Double rate;

    @Option(names = "--schedule", description = "constant, step (×--lr-gamma every --lr-every epochs), paper, or "
            + "onecycle (every step: linearly up to --lr over --warmup epochs, then down to 0 at the end of --epochs) "
            + "(default: paper with sdlm, else constant).")
    ScheduleChoice schedule;

    @Option(names = "--warmup", defaultValue = "0.25", paramLabel = "EPOCHS", description = "One-cycle schedule: epochs "
            + "(a fraction allowed) of the rise to --lr (default ${DEFAULT-VALUE}; 0: a linear decay from --lr).")
    double warmup;

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
        var outw = this.spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("out", b.id() + "-" + spec.name());
        List<TrainingResult> results = new ArrayList<>();
        double secondsSpent = 0;
        for (int k = 0; k < seeds; k++) {
            if (k > 0 && seedsBudget > 0 && secondsSpent >= seedsBudget) {
                outw.printf("stopped after %d of %d seeds: they spent %.1f s of training, the seeds' budget is %s s%n",
                        k, seeds, secondsSpent, seedsBudget);
                break;
            }
            TrainingConfig run = config.withSeed(seed + k);
            TrainingResult result = trainOne(b, device, run, data, seeds == 1 ? dir : dir.resolve("seed-" + run.seed()));
            results.add(result);
            secondsSpent += result.summary().trainSeconds();
        }
        if (seeds > 1) {
            SeedStudy study = SeedStudy.of(results, seeds, seedsBudget);
            study.write(dir.resolve("study.json"));
            SeedStudy.Statistics accuracy = study.finalAccuracy();
            outw.printf("%d seeds: test accuracy %.2f %% ± %.2f (min %.2f, max %.2f)", results.size(),
                    100 * accuracy.mean(), 100 * accuracy.std(), 100 * accuracy.min(), 100 * accuracy.max());
            if (target > 0) {
                SeedStudy.Statistics seconds = study.secondsToTarget();
                outw.printf("; %d reached %.2f %%%s", study.reachedTarget(), 100 * target, study.reachedTarget() == 0 ? ""
                        : String.format(java.util.Locale.ROOT, " in %.1f s ± %.1f of training (min %.1f, max %.1f)",
                                seconds.mean(), seconds.std(), seconds.min(), seconds.max()));
            }
            outw.printf("; wrote %s%n", dir.resolve("study.json"));
        }
        outw.flush();
        return 0;
    }

    /** One seed's run: trained, its parameters and results.json written into {@code dir}, a line per outcome printed. */
    private TrainingResult trainOne(Backend b, Device device, TrainingConfig config, Dataset data, Path dir)
            throws java.io.IOException {
        var outw = this.spec.commandLine().getOut();
        outw.printf("%s on %s (%s %s), %s, batch %s, %s, seed %d%n", config.model().name(), b.id(), b.engine(),
                b.engineVersion(), config.optimizer().id(), config.batches().describe(), config.schedule().describe(),
                config.seed());
        outw.flush();
        boolean progress = !noProgress && System.console() != null && System.console().isTerminal();
        try (ProgressReporter reporter = new ProgressReporter(outw, progress)) {
            TrainingResult result = new Trainer(b, device, reporter).train(config, data);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("model", config.model().name());
            meta.put("backend", b.id());
            meta.put("epochs", Integer.toString(epochs));
            meta.put("seed", Long.toString(config.seed()));
            meta.put("test_accuracy", Double.toString(result.finalEvaluation().accuracy()));
            Safetensors.write(dir.resolve("params.safetensors"), result.finalParameters(), meta);
            ResultsJson.write(dir.resolve("results.json"), result, reproducingCommand(config.seed()), data.test());
            EpochRecord last = result.epochs().getLast();
            TrainingResult.RunSummary summary = result.summary();
            if (result.trainingSecondsToTarget() != null) {
                outw.printf("reached %.2f %% after %d epochs: %.1f s of training (evaluation apart: %.1f s)%n",
                        100 * target, summary.epochsRun(), result.trainingSecondsToTarget(), summary.evalSeconds());
            } else if (summary.epochsRun() < epochs) {
                outw.printf("stopped after %d of %d epochs: the time budget of %s s of training was spent%n",
                        summary.epochsRun(), epochs, timeBudget);
            } else if (target > 0) {
                outw.printf("did not reach %.2f %% in %d epochs%n", 100 * target, epochs);
            }
            if (last.validationAccuracy() != null) {
                outw.printf("validation accuracy %.2f%% (the last %d training images, held out)%n",
                        100 * last.validationAccuracy(), summary.validationImages());
            }
            outw.printf("test accuracy %.2f%% (%d of %d wrong), threads used: %d; wrote %s and %s%n",
                    100 * result.finalEvaluation().accuracy(), result.finalEvaluation().misclassified().length,
                    result.finalEvaluation().images(), summary.threads(), dir.resolve("results.json"),
                    dir.resolve("params.safetensors"));
            return result;
        }
    }

    TrainingConfig config(ModelSpec spec) {
        OptimizerChoice opt = optimizer != null ? optimizer : TrainingDefaults.OPTIMIZER;
        ScheduleChoice sched = schedule != null ? schedule : TrainingDefaults.scheduleFor(opt);
        if (momentum != 0 && opt != OptimizerChoice.SGD) {
            throw new IllegalArgumentException("--momentum applies to --optimizer sgd only");
        }
        double lr = rate != null ? rate : TrainingDefaults.rateFor(opt);
        if ((beta1 != null || beta2 != null) && opt != OptimizerChoice.ADAM) {
            throw new IllegalArgumentException("--beta1 and --beta2 apply to --optimizer adam only");
        }
        OptimizerSpec optimizerSpec = switch (opt) {
            case SGD -> new OptimizerSpec.Sgd(momentum);
            case ADAM -> new OptimizerSpec.Adam(beta1 != null ? beta1 : OptimizerSpec.Adam.DEFAULT.beta1(),
                    beta2 != null ? beta2 : OptimizerSpec.Adam.DEFAULT.beta2(), OptimizerSpec.Adam.DEFAULT.epsilon());
            case SDLM -> OptimizerSpec.Sdlm.PAPER;
        };
        LearningRateSchedule lrs = switch (sched) {
            case CONSTANT -> new LearningRateSchedule.Constant(lr);
            case STEP -> new LearningRateSchedule.Step(lr, gamma, every);
            case PAPER -> rate != null ? new LearningRateSchedule.Paper(rate) : new LearningRateSchedule.Paper();
            case ONECYCLE -> new LearningRateSchedule.OneCycle(lr, warmup, epochs);
        };
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be ≥ 1, got " + seeds);
        }
        if (seedsBudget < 0) {
            throw new IllegalArgumentException("--seeds-budget must be ≥ 0 seconds, got " + seedsBudget);
        }
        BatchSchedule batches = batch != null ? new BatchSchedule(batch)
                : BatchSchedule.constant(TrainingDefaults.batchFor(opt));
        return new TrainingConfig(spec, epochs, batches, optimizerSpec, lrs, seed, runOptions.threads(),
                init != null ? init : spec.defaultInit(), trainLimit, testLimit, validation, 500, timeBudget, target);
    }

    /** One seed's run as scripts/lenet takes it: this command line less where it wrote, how it showed progress and
     * its seeds, with that run's seed. */
    private String reproducingCommand(long runSeed) {
        List<String> args = new java.util.ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.getFirst().equals(spec.name())) { // picocli keeps the parent's whole line
            args.removeFirst();
        }
        for (int i = 0; i < args.size(); i++) {
            if (List.of("--out", "--native-log", "--seed", "--seeds", "--seeds-budget").contains(args.get(i))
                    && i + 1 < args.size()) {
                args.subList(i, i + 2).clear();
                i--;
            } else if (args.get(i).startsWith("--out=") || args.get(i).startsWith("--native-log=")
                    || args.get(i).startsWith("--seed=") || args.get(i).startsWith("--seeds=")
                    || args.get(i).startsWith("--seeds-budget=")
                    || args.get(i).equals("--no-progress")) {
                args.remove(i--);
            }
        }
        return "scripts/lenet train " + String.join(" ", args) + " --seed " + runSeed;
    }

    static final class ModelNames extends java.util.ArrayList<String> {
        ModelNames() {
            super(Models.names());
        }
    }
}
