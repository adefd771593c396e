package org.lenetbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native libraries' standard error in a log, with only what is not chatter on the terminal — in a child JVM
 * ({@link NativeOutputChild}), since moving file descriptor 2 of this one would move the test runner's.
 */
class NativeOutputTest {
    @TempDir
    Path dir;

    @Test
    void chatterStaysInTheLogAndEverythingElseReachesTheTerminal() throws Exception {
        Path log = dir.resolve("logs/native.log");
        Path stderr = dir.resolve("stderr.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), NativeOutputChild.class.getName(), log.toString())
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        String shown = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), shown);

        List<String> lines = shown.lines().filter(line -> !line.startsWith("WARNING: Using incubator")).toList();
        String ours = "java: a message of our own";
        // the log's lines reach the terminal within a poll, Java's at once: the order is fixed only within each
        List<String> inOrder = List.of("W1206 03:41:55.757 1 kernel.cc:12] a real native warning",
                "a last native line without its newline", "native, after the capture", "java, after the capture");
        assertEquals(inOrder, lines.stream().filter(line -> !line.equals(ours)).toList(), "the terminal: " + shown);
        assertEquals(1, lines.stream().filter(ours::equals).count(), "the terminal: " + shown);
        assertFalse(shown.contains("absl::InitializeLog") || shown.contains("MLIR V1"), "chatter shown: " + shown);

        String logged = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(logged.contains("absl::InitializeLog") && logged.contains("MLIR V1 optimization pass"), logged);
        assertTrue(logged.contains("a real native warning") && logged.endsWith("without its newline"), logged);
        assertFalse(logged.contains("java:") || logged.contains("after the capture"), "only descriptor 2's bytes: " + logged);
    }

    @Test
    void onlyTheStartUpChatterIsChatter() {
        assertTrue(NativeChatter.isChatter("I0000 00:00:1796528517.265867   22167 mlir_graph_optimization_pass.cc:401]"
                + " MLIR V1 optimization pass is not enabled"));
        assertTrue(NativeChatter.isChatter("[W1206 03:41:55.757317725 LegacyTypeDispatch.h:74] Warning:"
                + " AutoNonVariableTypeMode is deprecated and will be removed in 1.10 release. (function operator())"));
        assertFalse(NativeChatter.isChatter("[W1206 03:41:55.757317725 Context.cpp:12] Warning: something else"));
        assertFalse(NativeChatter.isChatter("E0000 00:00:1796528517.265867   22167 op_kernel.cc:1] an error"));
        assertFalse(NativeChatter.isChatter("terminate called after throwing an instance of 'c10::Error'"));
    }
}
