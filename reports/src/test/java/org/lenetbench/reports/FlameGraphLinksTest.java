package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The suite's flame graphs are copied beside the report and linked relatively, so the folder can be moved. */
class FlameGraphLinksTest {
    @TempDir
    Path dir;

    @Test
    void flameGraphsAreCopiedBesideTheReportAndLinked() throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.copy(Path.of("..", "results", "2026-11-22-cpu-2core", "NetworkBenchmark-djl.json"),
                results.resolve("NetworkBenchmark-djl.json"));
        Path graph = Files.createDirectories(results.resolve("flamegraphs/vector-itimer/org.x.trainStep-backend-vector"))
                .resolve("flame-itimer-forward.html");
        Files.writeString(graph, "<html>a flame graph</html>");
        Files.writeString(results.resolve("flamegraphs/failed.txt"), "tfjava: the profiled JMH fork failed\n");
        Path out = dir.resolve("report/index.html");

        int exit = new CommandLine(new ReportMain()).execute("--results", results.toString(), "--out", out.toString());
        assertEquals(0, exit);
        String link = "flamegraphs/vector-itimer/org.x.trainStep-backend-vector/flame-itimer-forward.html";
        assertEquals("<html>a flame graph</html>", Files.readString(out.getParent().resolve(link)));
        String html = Files.readString(out);
        assertTrue(html.contains("<a href=\"" + link + "\">vector-itimer: flame-itimer-forward</a>"), html);
        assertTrue(html.contains("<p class=\"fail\">Not profiled: tfjava: the profiled JMH fork failed</p>"), "failures shown");
    }
}
