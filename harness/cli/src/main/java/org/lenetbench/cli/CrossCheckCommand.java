package org.lenetbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Backends;
import org.lenetbench.check.CheckResult;
import org.lenetbench.check.CrossCheck;
import org.lenetbench.check.Tolerances;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.train.ResultsJson;
import org.lenetbench.util.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "crosscheck", description = {
    "Compare every available backend x model with the fp64 reference (the checks of the conformance kit).",
    "Exit status 1 if any check fails (with --fail-on own: if a check of a backend this project computes fails; a",
    "third-party engine that is wrong on this machine then gives exit status 3). The reference itself is included",
    "as a self-check."})
final class CrossCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", split = ",", description = "Only these backends (comma-separated).")
    List<String> backend;

    @Option(names = "--model", split = ",", description = "Only these models (comma-separated).")
    List<String> model;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every check as JSON.")
    Path json;

    @Option(names = "--seed", defaultValue = "20260101", description = "Seed of parameters and batches (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "N", description = "Images per checked batch, for the network and for"
            + " each layer alone (default: " + CrossCheck.BATCH + " and " + CrossCheck.LAYER_BATCH + "). A large batch"
            + " reaches a GPU backend's loops over chunks and its grids of many blocks.")
    Integer batch;

    @Option(names = "--fail-on", paramLabel = "any|own", defaultValue = "any", description = "Which failures give exit"
            + " status 1: any (default), or only those of a backend this project computes (reference, vector, jcuda);"
            + " with own, a wrong third-party engine gives exit status 3, so that a suite can measure past it.")
    FailOn failOn;

    enum FailOn { any, own }

    @Option(names = "--verbose", description = "One line per check, not per backend and model.")
    boolean verbose;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        List<Backend> backends = backend != null ? backend.stream().map(Backends::byId).toList() : Backends.discover();
        List<ModelSpec> models = model != null ? model.stream().map(Models::byName).toList() : Models.all();
        List<CheckResult> all = new ArrayList<>();
        var out = spec.commandLine().getOut();
        Table table = new Table("backend", "model", "passed", "failed", "skipped", "worst error", "note");
        for (Backend b : backends) {
            if (b.availability() instanceof Availability.Unavailable u) {
                table.row(b.id(), "*", 0, 0, "all", "", "unavailable: " + u.reason());
                models.forEach(m -> all.addAll(new CrossCheck(b, null, 1, Tolerances.FLOAT32, seed).run(m)));
                continue;
            }
            CrossCheck check = new CrossCheck(b, runOptions.device(b), runOptions.threads(), Tolerances.FLOAT32, seed);
            if (batch != null) {
                check = check.withBatch(batch);
            }
            for (ModelSpec m : models) {
                List<CheckResult> results = check.run(m);
                all.addAll(results);
                long passed = results.stream().filter(r -> r.status() == CheckResult.Status.PASS).count();
                long failed = results.stream().filter(CheckResult::failed).count();
                long skipped = results.size() - passed - failed;
                double worst = results.stream().mapToDouble(CheckResult::error).filter(e -> !Double.isNaN(e)).max()
                        .orElse(0);
                // the first failure in full; skipped checks by name only (-v gives each one's reason)
                List<String> skippedChecks = results.stream().filter(r -> r.status() == CheckResult.Status.SKIPPED)
                        .map(CheckResult::check).toList();
                String note = results.stream().filter(CheckResult::failed).findFirst().map(r -> r.check() + ": " + r.detail())
                        .orElse(skippedChecks.isEmpty() ? "" : "skipped: " + String.join(", ", skippedChecks));
                table.row(b.id(), m.name(), passed, failed, skipped, String.format("%.1e", worst), note);
                if (verbose) {
                    results.forEach(r -> out.println("  " + r));
                }
            }
        }
        table.print(out);
        if (json != null) {
            AtomicFiles.write(json, ResultsJson.MAPPER.writeValueAsBytes(all));
            out.println("wrote " + json);
        }
        long failures = all.stream().filter(CheckResult::failed).count();
        if (failures == 0) {
            out.println("crosscheck passed");
            return 0;
        }
        out.println("crosscheck FAILED: " + failures + " checks");
        boolean ours = false;
        for (Backend b : backends) {
            List<String> wrongModels = all.stream().filter(r -> r.failed() && r.backend().equals(b.id()))
                    .map(CheckResult::model).distinct().toList();
            if (!wrongModels.isEmpty()) {
                ours |= b.computedByThisProject();
                out.println("WRONG ON THIS MACHINE: " + b.id() + " (" + String.join(", ", wrongModels) + ")"
                        + (b.computedByThisProject() ? ": a bug in this project's code" : ": a finding about "
                                + b.engine() + " on this host"));
            }
        }
        return ours || failOn == FailOn.any ? 1 : 3;
    }
}
