package org.lenetbench.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    /** A complete 4-file dataset of {@code n} training and test images of 28×28; labels i mod 10. */
    static void writeDataset(Path dir, int n, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        byte[] pixels = new byte[n * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        for (MnistFiles f : MnistFiles.all()) {
            byte[] raw = f.dimensions() == 3 ? idx(0x803, new int[] {n, 28, 28}, pixels) : idx(0x801, new int[] {n}, labels);
            Files.write(dir.resolve(gzip ? f.gzipName() : f.fileName()), gzip ? gzip(raw) : raw);
        }
    }
}
