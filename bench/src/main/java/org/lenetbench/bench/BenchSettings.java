package org.lenetbench.bench;

/**
 * JVM flags every benchmark fork needs, as constants for the @Fork annotations: those of scripts/jvm-flags, which
 * JvmFlagsTest holds them to. A command-line -jvmArgsAppend replaces (does not extend) these.
 */
final class BenchSettings {
    static final String ADD_VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private BenchSettings() {
    }
}
