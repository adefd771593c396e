package org.lenetbench.tfjava;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Keeps TensorFlow's native logging to warnings and errors. TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL}
 * from the process environment, which Java cannot change, so libc's {@code setenv} sets it before the
 * natives load; that removes the INFO lines about oneDNN and CPU features. A value the user exported is
 * left alone ({@code TF_CPP_MIN_LOG_LEVEL=0} brings them back).
 *
 * <p>Not reachable: at the first session run TensorFlow 2.18 prints an Abseil notice and one INFO line
 * ("MLIR V1 optimization pass is not enabled") through a private copy of Abseil inside
 * {@code libtensorflow_cc.so.2}, which reads no environment variable and exports no setter.
 */
final class NativeLogging {
    static final String VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
    /** 0 info, 1 warnings, 2 errors. */
    static final String WARNINGS = "1";

    private NativeLogging() {
    }

    /** Call before the natives load. Returns "" or why the level could not be set (logs are then louder). */
    static String quietUnlessUserChose() {
        if (System.getenv(VARIABLE) != null) {
            return "";
        }
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> setenv = linker.defaultLookup().find("setenv");
        if (setenv.isEmpty()) {
            return "libc has no setenv";
        }
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle call = linker.downcallHandle(setenv.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int rc = (int) call.invokeExact(arena.allocateFrom(VARIABLE), arena.allocateFrom(WARNINGS), 0);
            return rc == 0 ? "" : "setenv(" + VARIABLE + ") returned " + rc;
        } catch (Throwable e) {
            return "setenv(" + VARIABLE + ") failed: " + e;
        }
    }
}
