package org.lenetbench.bench;

/**
 * JVM flags every benchmark fork needs: the Vector API module for the vector backend and native access for
 * the JNI/FFM backends. A command-line -jvmArgsAppend replaces (does not extend) these.
 */
final class BenchSettings {
    static final String ADD_VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private BenchSettings() {
    }
}
