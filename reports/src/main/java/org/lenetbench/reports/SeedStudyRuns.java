package org.lenetbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.lenetbench.train.SeedStudy.Statistics;

/**
 * A recipe trained with several seeds ({@code lenet train --seeds N}): a folder with {@value #FILE_NAME} naming the
 * seeds and a {@code seed-S/results.json} per seed. The report's statistics are computed from the seeds'
 * {@code results.json}, each run's one record; {@value #FILE_NAME} says which runs belong to the study and how many
 * seeds were asked for ({@code seedsAsked}: more than ran where a seeds' budget stopped the study; absent in studies
 * written before it was recorded, which ran every seed).
 */
record SeedStudyRuns(String name, List<AccuracyRun> seeds, int seedsAsked) {
    static final String FILE_NAME = "study.json";

    SeedStudyRuns {
        seeds = List.copyOf(seeds);
    }

    static boolean isStudy(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    static SeedStudyRuns read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root = Json.read(file);
        String backend = Json.text(file, root, "backend");
        String model = Json.text(file, root, "model");
        JsonNode runs = Json.node(file, root, "runs");
        if (!runs.isArray() || runs.isEmpty()) {
            throw new ReportInputException(file, "runs", "a non-empty array of the seeds' runs");
        }
        List<AccuracyRun> seeds = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String at = "runs[" + i + "]";
            long seed = (long) Json.number(file, runs.get(i), "seed", at + ".seed");
            Path results = dir.resolve("seed-" + seed).resolve("results.json");
            if (!Files.isRegularFile(results)) {
                throw new ReportInputException(file, at + ".seed", "a run folder seed-" + seed
                        + " with results.json beside " + FILE_NAME + " (" + results + " is missing)");
            }
            AccuracyRun run = AccuracyRun.read(results);
            if (!run.backend().equals(backend) || !run.model().equals(model)) {
                throw new ReportInputException(results, "summary.backend/model", backend + " " + model + " as "
                        + file + " says, got " + run.backend() + " " + run.model());
            }
            seeds.add(run);
        }
        int asked = root.has("seedsAsked") ? (int) Json.number(file, root, "seedsAsked") : seeds.size();
        if (asked < seeds.size()) {
            throw new ReportInputException(file, "seedsAsked", "at least the " + seeds.size() + " runs listed, got "
                    + asked);
        }
        return new SeedStudyRuns(dir.getFileName().toString(), seeds, asked);
    }

    String backend() {
        return seeds.getFirst().backend();
    }

    String model() {
        return seeds.getFirst().model();
    }

    /** The first seed's run under the study's name and its seed: the one curve the accuracy chart draws of it. */
    AccuracyRun firstSeed() {
        return seeds.getFirst().withName(name + " (seed 1 of " + seeds.size() + ")");
    }

    Statistics finalAccuracy() {
        return Statistics.of(seeds.stream().mapToDouble(AccuracyRun::finalAccuracy).toArray());
    }

    /** Over the seeds that reached 99 %: its {@code n} says how many did. */
    Statistics secondsTo99() {
        return Statistics.of(seeds.stream().map(AccuracyRun::secondsTo99).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray());
    }

    /** "99.11 % ± 0.08 (99.00-99.24, 10 seeds)": the mean, the sample standard deviation and the range, in %;
     * "(…, 2 of 3 seeds: the seeds' budget was spent)" where fewer ran than were asked for. */
    String accuracyText() {
        Statistics s = finalAccuracy();
        String seedsRun = s.n() < seedsAsked ? s.n() + " of " + seedsAsked + " seeds: the seeds' budget was spent"
                : s.n() + " seeds";
        return String.format(Locale.ROOT, "%.2f %% ± %.2f (%.2f-%.2f, %s)", 100 * s.mean(), 100 * s.std(),
                100 * s.min(), 100 * s.max(), seedsRun);
    }

    /** "3.1 s ± 0.9 (2.5-5.4; 10 of 10 seeds)", or "not reached (0 of 3 seeds)". */
    String secondsTo99Text() {
        Statistics s = secondsTo99();
        if (s.n() == 0) {
            return "not reached (0 of " + seeds.size() + " seeds)";
        }
        return String.format(Locale.ROOT, "%.1f s ± %.1f (%.1f-%.1f; %d of %d seeds)", s.mean(), s.std(), s.min(),
                s.max(), s.n(), seeds.size());
    }

    /** "3-4": the fewest and the most epochs a seed ran. */
    String epochsText() {
        int min = seeds.stream().mapToInt(r -> r.epochs().size()).min().orElseThrow();
        int max = seeds.stream().mapToInt(r -> r.epochs().size()).max().orElseThrow();
        return min == max ? String.valueOf(min) : min + "-" + max;
    }
}
