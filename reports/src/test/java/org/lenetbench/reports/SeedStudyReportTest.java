package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Seed studies (lenet train --seeds N) in a report: the mean, spread and range of the seeds, not one run. */
class SeedStudyReportTest {
    /** Ten vector seeds and three of tfjava and djl (study.json + seed-S/), one dl4j run: measured 2026-12-06. */
    private static final Path TIME_TO_99 = Path.of("..", "results", "2026-12-06-time-to-99");

    @TempDir
    Path dir;

    @Test
    void theCommittedStudiesAreSummarisedOverTheirSeeds() throws Exception {
        ResultsFolder folder = ResultsFolder.load(TIME_TO_99, null);
        assertEquals(3, folder.studies().size(), "vector, tfjava, djl");
        assertEquals(1, folder.runs().size(), "dl4j's one run");
        SeedStudyRuns vector = folder.study("vector", "lenet5-modern").orElseThrow();
        assertEquals(10, vector.seeds().size());
        // the numbers of results/2026-12-06-time-to-99/README.md, which a person read off the seeds' files
        assertEquals("99.11 % ± 0.08 (99.00-99.24, 10 seeds)", vector.accuracyText());
        assertEquals("3.1 s ± 0.9 (2.5-5.4; 10 of 10 seeds)", vector.secondsTo99Text());
        assertEquals("3-4", vector.epochsText());

        String html = new ReportPage(folder).render();
        String summary = html.substring(html.indexOf("id=\"summary\""), html.indexOf("id=\"accuracy\""));
        assertTrue(summary.contains(">99.11 % ± 0.08 (99.00-99.24, 10 seeds)<"), summary);
        assertTrue(summary.contains(">3.1 s ± 0.9 (2.5-5.4; 10 of 10 seeds)<"), summary);
        assertTrue(summary.contains(">99.27 %<"), "dl4j's single run as before: " + summary);
        String runs = html.substring(html.indexOf("id=\"accuracy\""), html.indexOf("id=\"network\""));
        assertTrue(runs.contains("<td>tfjava-lenet5-modern</td>") && runs.contains("99.14 % ± 0.11"), runs);
    }

    @Test
    void theStatisticsComeFromEverySeedsResults() throws Exception {
        Path study = Files.createDirectories(dir.resolve("results/vector-lenet5-modern"));
        double[] accuracies = {0.99, 0.98, 0.97};
        Double[] to99 = {2.0, 4.0, null};
        StringBuilder runs = new StringBuilder();
        for (int seed = 1; seed <= 3; seed++) {
            ObjectNode root = (ObjectNode) Json.read(TIME_TO_99.resolve("vector-lenet5-modern/seed-1/results.json"));
            ObjectNode fin = (ObjectNode) root.get("final");
            fin.put("testAccuracy", accuracies[seed - 1]);
            if (to99[seed - 1] == null) {
                fin.putNull("trainingSecondsTo99");
            } else {
                fin.put("trainingSecondsTo99", to99[seed - 1]);
            }
            Files.createDirectories(study.resolve("seed-" + seed));
            Files.write(study.resolve("seed-" + seed + "/results.json"), Json.MAPPER.writeValueAsBytes(root));
            runs.append(seed == 1 ? "" : ",").append("{\"seed\": ").append(seed).append('}');
        }
        Files.writeString(study.resolve("study.json"),
                "{\"backend\": \"vector\", \"model\": \"lenet5-modern\", \"runs\": [" + runs + "]}");

        SeedStudyRuns loaded = ResultsFolder.load(dir.resolve("results"), null).studies().getFirst();
        assertEquals("98.00 % ± 1.00 (97.00-99.00, 3 seeds)", loaded.accuracyText());
        assertEquals("3.0 s ± 1.4 (2.0-4.0; 2 of 3 seeds)", loaded.secondsTo99Text());
        assertEquals("vector-lenet5-modern (seed 1 of 3)", loaded.firstSeed().name());

        Files.writeString(study.resolve("study.json"), "{\"backend\": \"vector\", \"model\": \"lenet5-modern\", "
                + "\"seedsAsked\": 5, \"runs\": [" + runs + "]}");
        assertEquals("98.00 % ± 1.00 (97.00-99.00, 3 of 5 seeds: the seeds' budget was spent)",
                ResultsFolder.load(dir.resolve("results"), null).studies().getFirst().accuracyText());
    }

    @Test
    void aStudyNamingAMissingSeedIsNamedWithTheField() throws Exception {
        Path study = Files.createDirectories(dir.resolve("vector-lenet5-modern"));
        Files.writeString(study.resolve("study.json"),
                "{\"backend\": \"vector\", \"model\": \"lenet5-modern\", \"runs\": [{\"seed\": 4}]}");
        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsFolder.load(dir, null));
        assertTrue(e.getMessage().contains("study.json") && e.getMessage().contains("runs[0].seed")
                && e.getMessage().contains("seed-4"), e.getMessage());
    }
}
