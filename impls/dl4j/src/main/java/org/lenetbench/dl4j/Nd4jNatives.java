package org.lenetbench.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which build of the ND4J natives is on the class path, and whether this CPU can run it. The classifier is a
 * build-time choice ({@code -Dnd4j.classifier}); the AVX-512 build, the default, would crash a JVM on a CPU without
 * AVX-512 at its first such instruction, so the backend refuses it up front with the property to set instead.
 */
final class Nd4jNatives {
    /** The classifiers nd4j-native 1.0.0-M2.1 publishes for Linux x86-64, the most demanding first. */
    static final List<String> CLASSIFIERS = List.of("linux-x86_64-onednn-avx512", "linux-x86_64-avx512",
            "linux-x86_64-onednn-avx2", "linux-x86_64-avx2", "linux-x86_64-onednn", "linux-x86_64");
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private Nd4jNatives() {
    }

    /** The classifier of the natives on the class path, if any (JavaCPP keeps each build under its own folder). */
    static Optional<String> classifierOnClassPath() {
        ClassLoader loader = Nd4jNatives.class.getClassLoader();
        return CLASSIFIERS.stream().filter(c -> loader.getResource(BINDINGS + c + "/") != null).findFirst();
    }

    /** The CPU flags a build needs: libnd4j's AVX-512 builds target Skylake-X, its AVX2 builds Haswell. */
    static Set<String> requiredFlags(String classifier) {
        if (classifier.endsWith("-avx512")) {
            return new LinkedHashSet<>(List.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"));
        }
        return classifier.endsWith("-avx2") ? new LinkedHashSet<>(List.of("avx2", "fma")) : Set.of();
    }

    /**
     * Empty when a CPU with {@code cpuFlags} can run the {@code classifier} build; otherwise why not, and the
     * classifier to build with instead.
     */
    static Optional<String> cannotRun(String classifier, Set<String> cpuFlags) {
        Set<String> missing = new LinkedHashSet<>(requiredFlags(classifier));
        missing.removeAll(cpuFlags);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String instead = CLASSIFIERS.stream().filter(c -> c.contains("onednn") && cpuFlags.containsAll(requiredFlags(c)))
                .findFirst().orElse("linux-x86_64");
        return Optional.of("the ND4J natives on the class path (classifier " + classifier + ") need the CPU flags "
                + String.join(", ", missing) + ", which this CPU lacks: build with -Dnd4j.classifier=" + instead
                + " (e.g. mvn verify -Dnd4j.classifier=" + instead + ")");
    }

    /** The flags of the first CPU in /proc/cpuinfo; empty where it cannot be read (then nothing is checked). */
    static Optional<Set<String>> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> new LinkedHashSet<>(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
