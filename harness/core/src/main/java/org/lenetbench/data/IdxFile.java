package org.lenetbench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the MNIST format): big-endian magic {@code 0x00000800 | dims}, then each
 * dimension as a 32-bit big-endian integer, then exactly the product of the dimensions in bytes. Gzip
 * files are recognised by their content, not their name.
 */
public record IdxFile(Path path, int[] dimensions, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads {@code path}, requiring {@code expectedDims} dimensions. A wrong magic, an absurd dimension,
     * a truncated file or trailing bytes raise {@link IdxFormatException} naming the file and the field.
     */
    public static IdxFile read(Path path, int expectedDims) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic = readInt(data, path, "magic number");
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
            if (magic != expectedMagic) {
                throw new IdxFormatException(path, String.format(
                        "magic number 0x%08X, expected 0x%08X (IDX, unsigned bytes, %d dimensions)%s", magic,
                        expectedMagic, expectedDims, gzip ? "" : "; is it a gzip file with a damaged header?"));
            }
            int[] dims = new int[expectedDims];
            long total = 1;
            for (int d = 0; d < expectedDims; d++) {
                dims[d] = readInt(data, path, "dimension " + d);
                if (dims[d] <= 0 || dims[d] > 10_000_000) {
                    throw new IdxFormatException(path, "dimension " + d + " is " + dims[d]
                            + ", expected a positive size");
                }
                total *= dims[d];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IdxFormatException(path, "dimensions " + Arrays.toString(dims) + " are too large");
            }
            byte[] bytes = new byte[(int) total];
            int read = data.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new IdxFormatException(path, "truncated: dimensions " + Arrays.toString(dims) + " need "
                        + bytes.length + " data bytes, the file has " + read);
            }
            if (data.read() != -1) {
                throw new IdxFormatException(path, "has bytes after the " + bytes.length + " data bytes that dimensions "
                        + Arrays.toString(dims) + " describe");
            }
            return new IdxFile(path, dims, bytes);
        } catch (java.util.zip.ZipException e) {
            throw new IdxFormatException(path, "corrupt gzip data: " + e.getMessage());
        } catch (EOFException e) {
            throw new IdxFormatException(path, "truncated gzip stream: " + e.getMessage());
        }
    }

    private static int readInt(DataInputStream in, Path path, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(path, "truncated: the file ends inside the header (" + field + ")");
        }
    }

    public int count() {
        return dimensions[0];
    }
}
