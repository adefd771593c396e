package org.lenetbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The natives' fit to a CPU, on the flags of hosts we do not have: an AVX2-only one, a plain x86-64 one. */
class Nd4jNativesTest {
    private static final Set<String> ZEN3 = Set.of("sse4_2", "avx", "avx2", "fma", "bmi2");
    private static final Set<String> ZEN4 = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq",
            "avx512vl", "avx512cd");

    @Test
    void theAvx512BuildIsRefusedOnAnAvx2OnlyCpuWithThePropertyToSet() {
        Optional<String> reason = Nd4jNatives.cannotRun("linux-x86_64-onednn-avx512", ZEN3);
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("avx512f, avx512bw, avx512dq, avx512vl"), reason.get());
        assertTrue(reason.get().contains("-Dnd4j.classifier=linux-x86_64-onednn-avx2"), reason.get());
    }

    @Test
    void aCpuWithoutAvx2IsToldToUseThePlainBuild() {
        assertTrue(Nd4jNatives.cannotRun("linux-x86_64-onednn-avx2", Set.of("sse4_2", "avx")).orElseThrow()
                .contains("-Dnd4j.classifier=linux-x86_64-onednn "));
    }

    @Test
    void eachBuildRunsWhereItsFlagsArePresent() {
        assertEquals(Optional.empty(), Nd4jNatives.cannotRun("linux-x86_64-onednn-avx512", ZEN4));
        assertEquals(Optional.empty(), Nd4jNatives.cannotRun("linux-x86_64-onednn-avx2", ZEN3));
        assertEquals(Optional.empty(), Nd4jNatives.cannotRun("linux-x86_64-onednn", Set.of()));
    }

    @Test
    void theClassPathHoldsTheBuildThePomNames() {
        assertEquals(Optional.of(System.getProperty("nd4j.classifier.expected", "linux-x86_64-onednn-avx512")),
                Nd4jNatives.classifierOnClassPath());
    }
}
