package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.lenetbench.model.ModelWork;

/**
 * Everything a report is made from: the JMH JSON files directly in a results folder, the training runs in its
 * sub-folders (each with a {@code results.json}), the seed studies in theirs ({@value SeedStudyRuns#FILE_NAME}),
 * cross-check JSON (in the folder or given apart) and, from a GPU
 * machine, the GPU's measured limits ({@value DeviceRoofline#FILE_NAME}) and where a jcuda step's time goes
 * ({@value StepProfile#FILE_NAME}), which backends were available
 * ({@code lenet backends --json}, as scripts/bench-suite writes it), the suite's mode ({@value #MODE_FILE}) and
 * settings ({@value SuiteSettings#FILE_NAME}), the models' FLOP and byte counts ({@value ModelWork#FILE_NAME}) and
 * the machine's description ({@value #MACHINE_FILE}).
 */
record ResultsFolder(Path dir, List<JmhRecord> jmh, Map<String, String> rawJmh, List<AccuracyRun> runs,
        List<SeedStudyRuns> studies, List<CrossCheckRow> crossCheck, Optional<DeviceRoofline> deviceRoofline,
        Optional<StepProfile> stepProfile,
        List<BackendStatus> backends,
        List<Path> flameGraphs, List<String> flameGraphFailures, Optional<String> mode, List<String> machine,
        Optional<SuiteSettings> settings, Optional<WorkCounts> workCounts) {
    /** scripts/bench-suite's mode, one word: absent from folders of results measured by hand. */
    static final String MODE_FILE = "mode.txt";
    static final List<String> MODES = List.of("quick", "default", "full", "smoke");

    /** scripts/machine-info's lines (CPU, vector units, memory, OS; a GPU machine's nvidia-smi first); may be absent. */
    static final String MACHINE_FILE = "machine.txt";

    /**
     * Where scripts/bench-suite puts async-profiler's flame graphs, flamegraphs/BACKEND-EVENT/…/flame-*.html, and
     * flamegraphs/failed.txt, one line per backend it could not profile ("backend: why").
     */
    static final String FLAME_GRAPHS = "flamegraphs";

    /** The content of a {@code lenet crosscheck --json} file rather than JMH's: an array of objects with a "check". */
    private static boolean isCrossCheck(JsonNode root) {
        return root.isArray() && !root.isEmpty() && root.get(0).has("check");
    }

    static ResultsFolder load(Path dir, Path crossCheckFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir, "(folder)", "a folder of results (JMH JSON files, run folders)");
        }
        List<JmhRecord> jmh = new ArrayList<>();
        Map<String, String> raw = new LinkedHashMap<>();
        List<AccuracyRun> runs = new ArrayList<>();
        List<SeedStudyRuns> studies = new ArrayList<>();
        List<CrossCheckRow> crossCheck = new ArrayList<>();
        DeviceRoofline deviceRoofline = null;
        StepProfile stepProfile = null;
        List<BackendStatus> backends = new ArrayList<>();
        SuiteSettings settings = null;
        WorkCounts workCounts = null;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")) {
                    JsonNode root = Json.read(p);
                    if (SuiteSettings.isSettings(p)) {
                        settings = SuiteSettings.parse(p, root);
                    } else if (WorkCounts.isWorkCounts(p)) {
                        workCounts = WorkCounts.parse(p, root);
                    } else if (p.getFileName().toString().equals(DeviceRoofline.FILE_NAME)) {
                        deviceRoofline = DeviceRoofline.parse(p, root);
                    } else if (p.getFileName().toString().equals(StepProfile.FILE_NAME)) {
                        stepProfile = StepProfile.parse(p, root);
                    } else if (BackendStatus.isBackendList(root)) {
                        backends.addAll(BackendStatus.parse(p, root));
                    } else if (isCrossCheck(root)) {
                        crossCheck.addAll(CrossCheckRow.parse(p, root));
                    } else {
                        jmh.addAll(JmhRecord.parse(p, root));
                        raw.put(p.getFileName().toString(), Files.readString(p));
                    }
                } else if (SeedStudyRuns.isStudy(p)) {
                    studies.add(SeedStudyRuns.read(p));
                } else if (Files.isRegularFile(p.resolve("results.json"))) {
                    runs.add(AccuracyRun.read(p.resolve("results.json")));
                }
            }
        }
        if (crossCheckFile != null && Files.isRegularFile(crossCheckFile)) {
            crossCheck.addAll(CrossCheckRow.read(crossCheckFile));
        }
        Path flames = dir.resolve(FLAME_GRAPHS);
        List<Path> flameGraphs = new ArrayList<>();
        List<String> flameGraphFailures = new ArrayList<>();
        if (Files.isDirectory(flames)) {
            try (Stream<Path> files = Files.walk(flames)) {
                files.filter(f -> f.getFileName().toString().matches("flame-.*\\.html")).sorted()
                        .forEach(f -> flameGraphs.add(flames.relativize(f)));
            }
            Path failed = flames.resolve("failed.txt");
            if (Files.isRegularFile(failed)) {
                Files.readAllLines(failed).stream().filter(l -> !l.isBlank()).forEach(flameGraphFailures::add);
            }
        }
        return new ResultsFolder(dir, jmh, raw, runs, studies, crossCheck, Optional.ofNullable(deviceRoofline),
                Optional.ofNullable(stepProfile), backends,
                flameGraphs, flameGraphFailures, mode(dir.resolve(MODE_FILE)), machine(dir.resolve(MACHINE_FILE)),
                Optional.ofNullable(settings), Optional.ofNullable(workCounts));
    }

    /** The single runs and each seed study's first seed: one accuracy curve, confusion matrix and command per study. */
    List<AccuracyRun> runsAndFirstSeeds() {
        List<AccuracyRun> all = new ArrayList<>(runs);
        studies.forEach(s -> all.add(s.firstSeed()));
        return all;
    }

    /** The seed study of a backend and model, named as scripts/bench-suite names its runs: "BACKEND-MODEL". */
    Optional<SeedStudyRuns> study(String backend, String model) {
        return studies.stream().filter(s -> s.name().equals(backend + "-" + model)).findFirst();
    }

    /** The recorded FLOP and byte counts, or none (every rate unknown) where the folder has no {@value ModelWork#FILE_NAME}. */
    WorkCounts work() {
        return workCounts.orElse(WorkCounts.NONE);
    }

    /** The folder's own name: how the report names it beside another machine's. */
    String name() {
        return dir.getFileName().toString();
    }

    /** machine.txt's lines on one line, "; " between them (empty without the file). */
    String machineText() {
        return String.join("; ", machine);
    }

    private static List<String> machine(Path file) throws IOException {
        return Files.isRegularFile(file)
                ? Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
                : List.of();
    }

    private static Optional<String> mode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String mode = Files.readString(file).strip();
        if (!MODES.contains(mode)) {
            throw new ReportInputException(file, "mode", "one of " + String.join(", ", MODES) + ", not '" + mode + "'");
        }
        return Optional.of(mode);
    }
}
