package org.lenetbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/**
 * scripts/jvm-flags is the one list of the JVM flags the backends need; the scripts read it, and this test holds
 * the two places Java and Maven need constants to it: the JMH forks' annotations and the poms' lenet.jvm.flags.
 */
class JvmFlagsTest {
    private static final Path FLAGS_FILE = Path.of("..", "scripts", "jvm-flags");

    /** The file's flags: its lines without comments and blank lines, as the scripts read them. */
    static List<String> flags() throws IOException {
        return Files.readAllLines(FLAGS_FILE).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theBackendsForksGetExactlyTheFlagsOfTheFile() throws IOException {
        List<String> flags = flags();
        assertFalse(flags.isEmpty(), FLAGS_FILE + " lists no flag");
        for (Class<?> benchmark : List.of(NetworkBenchmark.class, KernelBenchmark.class)) {
            assertEquals(flags, Arrays.asList(benchmark.getAnnotation(Fork.class).jvmArgsAppend()), benchmark.getSimpleName());
        }
        List<String> roofline = Arrays.asList(RooflineBenchmark.class.getAnnotation(Fork.class).jvmArgsAppend());
        assertTrue(flags.containsAll(roofline), "the roofline probe needs only the Vector API, a flag of the file: " + roofline);
    }

    /** The poms pass lenet.jvm.flags to every test JVM (this one too): each flag of the file must be among them. */
    @Test
    void thePomsTestJvmsGetEveryFlagOfTheFile() throws IOException {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : flags()) {
            assertTrue(arguments.contains(flag), flag + " is in " + FLAGS_FILE + " but not in the pom's lenet.jvm.flags: "
                    + arguments);
        }
    }
}
