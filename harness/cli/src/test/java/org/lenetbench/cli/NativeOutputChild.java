package org.lenetbench.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link NativeOutputTest}: writes to file descriptor 2 as a native library would (chatter, a real
 * warning, a last line without its newline) and to System.err as Java code does, with its output captured in the log
 * named by the first argument; then once more after the capture ended.
 */
final class NativeOutputChild {
    private NativeOutputChild() {
    }

    public static void main(String[] args) throws Exception {
        try (NativeOutput output = NativeOutput.capture(Path.of(args[0]))) {
            nativeWrite("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n");
            nativeWrite("I0000 00:00:1796528517.265867   22167 mlir_graph_optimization_pass.cc:401] MLIR V1"
                    + " optimization pass is not enabled\n");
            System.err.println("java: a message of our own");
            nativeWrite("W1206 03:41:55.757 1 kernel.cc:12] a real native warning\n");
            nativeWrite("a last native line without its newline");
        }
        nativeWrite("native, after the capture\n");
        System.err.println("java, after the capture");
    }

    private static void nativeWrite(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Libc.write(Libc.STDERR, bytes, 0, bytes.length);
    }
}
