package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.reports.wrongengine.WrongEngineBackend;

/**
 * A wrong engine is a result, not a crash: {@code scripts/bench-suite} (quick mode) on the reference and on
 * {@link WrongEngineBackend}, a third-party engine that computes wrong numbers, must measure both, end with exit
 * status 3 (which Maven's bench profile accepts), and give a report that marks the wrong engine and shows the
 * reference's results. Runs the real suite on the jars this build made (lenet.jar, benchmarks.jar): about a minute.
 */
class WrongEngineSuiteTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theSuiteMeasuresPastAWrongEngineAndTheReportMarksIt() throws Exception {
        for (Path jar : List.of(ROOT.resolve("harness/cli/target/lenet.jar"), ROOT.resolve("bench/target/benchmarks.jar"))) {
            assertTrue(Files.isRegularFile(jar), jar + " is missing: this test runs after the bench module is packaged"
                    + " (mvn verify from the repository root)");
        }
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        Path out = dir.resolve("results");
        Path log = dir.resolve("suite.log");
        ProcessBuilder suite = new ProcessBuilder("bash", ROOT.resolve("scripts/bench-suite").toString(), out.toString(),
                "quick", "reference," + WrongEngineBackend.ID, "none", "lenet5")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        suite.environment().put("JAVA_HOME", System.getProperty("java.home"));
        suite.environment().put("LENET_SUITE_CLASSPATH", testClasses.resolve("wrong-engine") + File.pathSeparator + testClasses);
        Process process = suite.start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the suite did not finish in 10 minutes");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(3, process.exitValue(), "exit status 3: a third-party engine is wrong, the rest measured\n" + text);
        assertTrue(text.contains("bench-suite: WRONG ON THIS MACHINE: wrong-engine (lenet5)"), "named at the end:\n" + text);

        ResultsFolder folder = ResultsFolder.load(out, null);
        for (String backend : List.of("reference", WrongEngineBackend.ID)) {
            for (String method : List.of("trainStep", "forward")) {
                assertTrue(folder.jmh().stream().anyMatch(j -> j.benchmarkClass().equals("NetworkBenchmark")
                        && j.method().equals(method) && j.param("backend").equals(backend) && j.hasImages()),
                        backend + " " + method + " measured");
            }
            // the quick mode's study-seeds: two seeds each, a study the report summarises
            assertEquals(2, folder.study(backend, "lenet5").map(s -> s.seeds().size()).orElse(0), backend + " trained");
        }
        String html = new ReportPage(folder).render();
        String summary = html.substring(html.indexOf("id=\"summary\""), html.indexOf("id=\"backends\""));
        assertTrue(summary.contains("wrong-engine lenet5: WRONG ON THIS MACHINE: "), summary);
        assertTrue(summary.contains("right (cross-check passed)"), "the reference's row: " + summary);
        assertTrue(html.contains("wrong-engine lenet5 b64 t2 (WRONG ON THIS MACHINE)"), "the network chart's label");
        assertFalse(html.contains("reference lenet5 b64 t2 (WRONG"), "the reference is not marked");
    }
}
