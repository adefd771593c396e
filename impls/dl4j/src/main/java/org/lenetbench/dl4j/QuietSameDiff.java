package org.lenetbench.dl4j;

import java.io.OutputStream;
import java.io.PrintStream;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * SameDiff prints one "Added differentiated op NAME" line per op to {@code System.out} (unconditionally, no
 * logger) the first time it builds a gradient graph. Building it here, explicitly, with {@code System.out}
 * filtered, keeps those lines off the user's console; every other line passes through unchanged.
 */
final class QuietSameDiff {
    private static final String NOISE = "Added differentiated op ";

    private QuietSameDiff() {
    }

    static void createGradFunction(SameDiff sd) {
        run(sd::createGradFunction);
    }

    /** Runs {@code action} with SameDiff's lines filtered out of {@code System.out}. */
    static synchronized void run(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
            }
        }, true, original.charset()) {
            @Override
            public void println(String line) {
                if (line == null || !line.startsWith(NOISE)) {
                    original.println(line);
                }
            }
        });
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }
}
