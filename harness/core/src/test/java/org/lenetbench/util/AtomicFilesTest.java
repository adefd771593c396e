package org.lenetbench.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheUsersNormalPermissionsNotAPrivateTemporaryFilesOnes() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path plain = dir.resolve("plain.html");
        Files.write(plain, new byte[] {1}); // what the user's umask gives any new file
        Path atomic = dir.resolve("index.html");
        AtomicFiles.write(atomic, new byte[] {1});
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(atomic));
    }

    @Test
    void aRefusedFileLeavesTheOldOneAndNoPartialFile() throws IOException {
        Path target = dir.resolve("results.json");
        AtomicFiles.write(target, new byte[] {1, 2});
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(3), written -> {
            throw new IOException("refused");
        }));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target is left");
        }
    }
}
