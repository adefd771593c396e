package org.lenetbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] raw = IdxFiles.idx(0x803, new int[] {2, 3, 4}, new byte[24]);
        Path plain = Files.write(dir.resolve("a"), raw);
        Path gz = Files.write(dir.resolve("b.gz"), IdxFiles.gzip(raw));
        assertArrayEquals(new int[] {2, 3, 4}, IdxFile.read(plain, 3).dimensions());
        assertArrayEquals(IdxFile.read(plain, 3).data(), IdxFile.read(gz, 3).data());
    }

    @Test
    void wrongMagicNamesFileAndBothValues() throws IOException {
        Path f = Files.write(dir.resolve("labels"), IdxFiles.idx(0x803, new int[] {2, 1, 1}, new byte[2]));
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(f, 1));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("0x00000803")
                && e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void truncatedDataAndTruncatedHeaderAreReported() throws IOException {
        byte[] pixels = new byte[10 * 784];
        new java.util.Random(1).nextBytes(pixels); // incompressible, so that a cut gzip is really cut
        byte[] raw = IdxFiles.idx(0x803, new int[] {10, 28, 28}, pixels);
        Path cut = Files.write(dir.resolve("cut-idx3-ubyte"), Arrays.copyOf(raw, raw.length - 100));
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(cut, 3));
        assertTrue(e.getMessage().contains("cut-idx3-ubyte") && e.getMessage().contains("truncated")
                && e.getMessage().contains("7840"), e.getMessage());
        Path header = Files.write(dir.resolve("header"), Arrays.copyOf(raw, 6));
        var headerError = assertThrows(IdxFormatException.class, () -> IdxFile.read(header, 3));
        assertTrue(headerError.getMessage().contains("ends inside the header (dimension 0)"), headerError.getMessage());
        byte[] gzip = IdxFiles.gzip(raw);
        Path gz = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gzip, gzip.length / 2));
        var gzError = assertThrows(IdxFormatException.class, () -> IdxFile.read(gz, 3));
        assertTrue(gzError.getMessage().contains("cut.gz"), gzError.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        byte[] raw = IdxFiles.idx(0x801, new int[] {3}, new byte[5]);
        Path f = Files.write(dir.resolve("long"), raw);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxFile.read(f, 1)).getMessage().contains("after"));
    }

    @Test
    void labelOutOfRangeNamesTheLabelFileAndIndex() throws IOException {
        IdxFiles.writeDataset(dir, 20, false);
        byte[] labels = new byte[20];
        labels[7] = 12;
        Files.write(dir.resolve(MnistFiles.TEST_LABELS.fileName()), IdxFiles.idx(0x801, new int[] {20}, labels));
        var e = assertThrows(IdxFormatException.class, () -> Dataset.load(dir, false));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte") && e.getMessage().contains("label 7 is 12")
                && e.getMessage().contains("0..9"), e.getMessage());
    }

    @Test
    void mismatchedCountsAreReported() throws IOException {
        IdxFiles.writeDataset(dir, 20, true);
        Files.delete(dir.resolve(MnistFiles.TRAIN_LABELS.gzipName()));
        Files.write(dir.resolve(MnistFiles.TRAIN_LABELS.fileName()), IdxFiles.idx(0x801, new int[] {19}, new byte[19]));
        var e = assertThrows(IdxFormatException.class, () -> Dataset.load(dir, false));
        assertTrue(e.getMessage().contains("19 labels") && e.getMessage().contains("20 images"), e.getMessage());
    }

    @Test
    void aGzipDatasetLoadsCompletely() throws IOException {
        IdxFiles.writeDataset(dir, 30, true);
        Dataset d = Dataset.load(dir, false);
        assertEquals(30, d.train().count());
        assertEquals(28, d.test().rows());
        assertEquals(7, d.test().label(17));
        assertFalse(d.verifiedMnist());
    }
}
