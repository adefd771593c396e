package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report of the committed results in a real browser: headless Chromium (Debian's {@code chromium}; CI installs
 * it) loads the file offline, every chart must have drawn (report.js marks each canvas), no error may reach the
 * page or the console, and a screenshot is kept as {@code reports/target/report-screenshot.png}.
 */
class ReportInBrowserTest {
    private static final Path RESULTS = Path.of("..", "results", "2026-11-22-cpu-2core");
    private static final Path H100 = Path.of("..", "results", "2026-11-23-h100");
    private static final Path TARGET = Path.of("target");
    private static Path report;
    private static String chromium;

    @BeforeAll
    static void writeReport() throws IOException {
        chromium = System.getProperty("chromium", "chromium");
        if (!onPath(chromium)) {
            return; // each test is skipped with the reason (a skip in @BeforeAll would not count in the test report)
        }
        report = TARGET.resolve("report-browser-test/index.html").toAbsolutePath();
        Files.createDirectories(report.getParent());
        Files.writeString(report, new ReportPage(ResultsFolder.load(RESULTS, null), List.of(ResultsFolder.load(H100, null))).render());
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(report != null, "no " + chromium + " on the PATH: install Debian's chromium package "
                + "(.ci/run does) or set -Dchromium=/path/to/chrome");
    }

    @Test
    void everyChartDrawsWithoutAnError() throws Exception {
        Run run = chromium("--dump-dom", report.toUri().toString());
        assertEquals(0, run.exit, run.err);
        Matcher drawn = Pattern.compile("<canvas id=\"([a-z-]+)\"[^>]*data-drawn=\"true\"").matcher(run.out);
        List<String> charts = new ArrayList<>();
        while (drawn.find()) {
            charts.add(drawn.group(1));
        }
        assertEquals(List.of("accuracy-chart", "network-chart", "layers-chart", "roofline-chart", "machines-chart"), charts, "charts that drew");
        assertTrue(run.out.contains("<pre id=\"report-errors\" class=\"fail\" hidden=\"\"></pre>"), "no error shown on the page");
        assertFalse(Pattern.compile("CONSOLE.*(Uncaught|Error)|:ERROR:CONSOLE").matcher(run.err).find(),
                "console errors:\n" + run.err);
    }

    @Test
    void aScreenshotIsKept() throws Exception {
        Path png = TARGET.resolve("report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Run run = chromium("--screenshot=" + png, "--window-size=1200,2400", report.toUri().toString());
        assertEquals(0, run.exit, run.err);
        assertTrue(Files.size(png) > 20_000, "screenshot of " + Files.size(png) + " bytes");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("chromium", ".out"), err = Files.createTempFile("chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
