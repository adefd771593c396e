package org.lenetbench.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the same
 * directory, which is then moved over the target (atomically where the file system can). The file gets the
 * permissions of any new file of the user (0666 less the umask), not those of a private temporary file (0600): a
 * report or a results file is there to be read by others.
 */
public final class AtomicFiles {
    /** Names the temporary files: CREATE_NEW refuses a name in use, so a clash fails instead of sharing a file. */
    private static final java.security.SecureRandom UNIQUE = new java.security.SecureRandom();

    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Checks the finished temporary file before it replaces the target; throws to keep it out. */
    @FunctionalInterface
    public interface Check {
        void verify(Path written) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        write(target, writer, written -> { });
    }

    public static void write(Path target, Writer writer, Check check) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UNIQUE.nextLong(Long.MAX_VALUE) + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            check.verify(temp);
            moveIntoPlace(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Moves a finished temporary file over {@code target}. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
