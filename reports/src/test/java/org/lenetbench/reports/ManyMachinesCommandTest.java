package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code --results A,B,C}: one report of several machines; a folder that is not there is an error naming it. */
class ManyMachinesCommandTest {
    private static final Path RESULTS = Path.of("..", "results", "2026-11-22-cpu-2core");

    @TempDir
    Path dir;

    @Test
    void commaSeparatedFoldersAreReportedSideBySide() throws Exception {
        Path zen5 = machine("zen5", 26), zen4 = machine("zen4", 25);
        Path out = dir.resolve("report/index.html");
        int exit = new CommandLine(new ReportMain()).execute("--results", zen5 + "," + zen4 + "," + RESULTS,
                "--out", out.toString());
        assertEquals(0, exit);
        String html = Files.readString(out);
        String section = html.substring(html.indexOf("id=\"across-machines\""), html.indexOf("id=\"crosscheck\""));
        for (String label : new String[] {"AMD EPYC (family 26) × 2 cores", "AMD EPYC (family 25) × 2 cores",
                "2026-11-22-cpu-2core"}) {
            assertTrue(section.contains("<th>" + label + ": images/s</th>"), label);
        }
        assertTrue(html.contains("Measured on: cpu: AMD EPYC (family 26) × 2 cores"), "the first folder is the one in full");
    }

    @Test
    void aMissingFolderIsAnErrorThatNamesIt() throws Exception {
        Path missing = dir.resolve("not-measured");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ReportMain()).execute("--results", machine("zen5", 26) + "," + missing,
                    "--out", dir.resolve("index.html").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(missing.toString()), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("index.html")), "no report of half the machines");
    }

    /** A folder with one measured JMH file and a machine.txt naming an EPYC of the given family. */
    private Path machine(String name, int family) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        Files.copy(RESULTS.resolve("NetworkBenchmark-djl.json"), f.resolve("NetworkBenchmark.json"));
        Files.writeString(f.resolve("machine.txt"), "cpu: AMD EPYC (family " + family + ") × 2 cores\nmemory: 24 GiB\n");
        return f;
    }
}
