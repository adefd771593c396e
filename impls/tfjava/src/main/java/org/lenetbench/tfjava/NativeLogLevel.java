package org.lenetbench.tfjava;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Keeps TensorFlow's C++ logging to warnings and errors: TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL} from
 * the process environment, which Java cannot change, so it is set with libc's {@code setenv} before the
 * natives load. A value the user exported is left alone ({@code TF_CPP_MIN_LOG_LEVEL=0} brings the INFO
 * lines back).
 */
final class NativeLogLevel {
    static final String VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
    /** 0 info, 1 warnings, 2 errors: 1 keeps warnings (the "warnings only") and drops the INFO flood. */
    static final String DEFAULT = "1";

    private NativeLogLevel() {
    }

    /** Returns a note when the level could not be set (logs are then louder, nothing else changes). */
    static String quietUnlessSet() {
        if (System.getenv(VARIABLE) != null) {
            return "";
        }
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int rc = (int) setenv.invokeExact(arena.allocateFrom(VARIABLE), arena.allocateFrom(DEFAULT), 0);
            return rc == 0 ? "" : "setenv(" + VARIABLE + ") returned " + rc;
        } catch (Throwable e) {
            return "could not set " + VARIABLE + ": " + e;
        }
    }
}
