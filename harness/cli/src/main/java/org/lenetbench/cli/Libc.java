package org.lenetbench.cli;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** The few POSIX calls that move a process's standard error (file descriptor 2), through the FFM API. */
final class Libc {
    static final int STDERR = 2;
    // Linux's values (x86-64 and AArch64, the platforms the backends' natives exist for)
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_TRUNC = 01000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DUP = function("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP2 = function("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle WRITE = function("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));

    private Libc() {
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor);
    }

    /** A new descriptor for what {@code fd} refers to. */
    static int dup(int fd) throws IOException {
        return checked("dup(" + fd + ")", call(DUP, fd));
    }

    /** Makes {@code target} refer to what {@code source} refers to. */
    static void dup2(int source, int target) throws IOException {
        checked("dup2(" + source + ", " + target + ")", call(DUP2, source, target));
    }

    static void close(int fd) throws IOException {
        checked("close(" + fd + ")", call(CLOSE, fd));
    }

    /** {@code file} opened for writing, created or emptied. */
    static int openTruncated(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(file.toString());
            return checked("open(" + file + ")", (int) OPEN.invokeExact(name, O_WRONLY | O_CREAT | O_TRUNC, 0644));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes all of {@code bytes[offset, offset + length)} to {@code fd}. */
    static void write(int fd, byte[] bytes, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            MemorySegment.copy(bytes, offset, buffer, JAVA_BYTE, 0, length);
            long written = 0;
            while (written < length) {
                long n = (long) WRITE.invokeExact(fd, buffer.asSlice(written), (long) length - written);
                if (n < 0) {
                    throw new IOException("write(" + fd + ") failed");
                }
                written += n;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int call(MethodHandle function, int... arguments) {
        try {
            return switch (arguments.length) {
                case 1 -> (int) function.invokeExact(arguments[0]);
                case 2 -> (int) function.invokeExact(arguments[0], arguments[1]);
                default -> throw new IllegalArgumentException("arity " + arguments.length);
            };
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int checked(String what, int result) throws IOException {
        if (result < 0) {
            throw new IOException(what + " failed");
        }
        return result;
    }
}
