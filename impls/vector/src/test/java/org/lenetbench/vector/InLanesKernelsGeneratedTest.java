package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The checked-in {@code InLanesKernels.java} is what {@link InLanesKernelsGenerator} writes today. */
class InLanesKernelsGeneratedTest {
    private static final Path GENERATED = Path.of("src/main/java/org/lenetbench/vector/InLanesKernels.java");

    @Test
    void checkedInKernelsAreTheGeneratorsOutput() throws IOException {
        assertTrue(Files.isRegularFile(GENERATED), GENERATED.toAbsolutePath() + " is missing (tests run from impls/vector)");
        assertEquals(InLanesKernelsGenerator.source(), Files.readString(GENERATED),
                GENERATED + " differs from its generator's output: edit InLanesKernelsGenerator, not the file, and run"
                        + " java impls/vector/src/test/java/org/lenetbench/vector/InLanesKernelsGenerator.java "
                        + "impls/vector/" + GENERATED);
    }

    @Test
    void everyChainMeetsEachOfItsTapsOnceInOrder() {
        // convolveTenInLanes: output t's taps v = 0..4 at input positions t + v, in that order
        String ten = method(InLanesKernelsGenerator.source(), "static void convolveTenInLanes");
        for (int t = 0; t < 10; t++) {
            int from = 0;
            for (int v = 0; v < InLanesKernelsGenerator.TAPS; v++) {
                String step = "y" + t + " = xp.fma(w" + v + ", y" + t + ");";
                int at = ten.indexOf(step, from);
                assertTrue(at > from, "output " + t + " meets tap " + v + " after tap " + (v - 1));
                assertEquals(-1, ten.indexOf(step, at + 1), "output " + t + " meets tap " + v + " twice");
                from = at;
            }
        }
    }

    private static String method(String source, String signature) {
        int start = source.indexOf(signature);
        assertTrue(start >= 0, signature + " not generated");
        return source.substring(start, source.indexOf("\n    }\n", start));
    }
}
