package org.lenetbench.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * LeNet-5's fixed RBF centres: ten 7×12 bitmaps of the digits (Fig. 3 of the paper), '#' = +1,
 * '.' = −1, read row by row. The text is a copy of {@code shared/reference/lenet5-rbf-bitmaps.txt}.
 */
public final class RbfBitmaps {
    public static final int WIDTH = 7;
    public static final int HEIGHT = 12;
    public static final int DIGITS = 10;
    private static final String RESOURCE = "lenet5-rbf-bitmaps.txt";

    private RbfBitmaps() {
    }

    /** The centres as {@code [10, 84]} row-major floats of ±1. */
    public static float[] centres() {
        try (InputStream in = RbfBitmaps.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the harness jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static float[] parse(BufferedReader reader, String source) throws IOException {
        float[] centres = new float[DIGITS * WIDTH * HEIGHT];
        int[] rows = new int[DIGITS];
        int digit = -1;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            line = line.strip();
            boolean bitmapRow = !line.isEmpty() && line.chars().allMatch(ch -> ch == '#' || ch == '.');
            if (line.isEmpty() || (line.startsWith("#") && !bitmapRow)) {
                continue; // blank or comment ("# ..."); a row such as "#######" is data
            }
            if (line.startsWith("digit ")) {
                digit = Integer.parseInt(line.substring(6).strip());
                continue;
            }
            if (!bitmapRow || digit < 0 || digit >= DIGITS || rows[digit] >= HEIGHT || line.length() != WIDTH) {
                throw new IllegalStateException(source + ":" + lineNo + ": expected a row of " + WIDTH
                        + " '#' or '.' under a 'digit N' header (N in 0..9, " + HEIGHT + " rows each), got '"
                        + line + "'");
            }
            for (int col = 0; col < WIDTH; col++) {
                centres[digit * WIDTH * HEIGHT + rows[digit] * WIDTH + col] = line.charAt(col) == '#' ? 1f : -1f;
            }
            rows[digit]++;
        }
        for (int d = 0; d < DIGITS; d++) {
            if (rows[d] != HEIGHT) {
                throw new IllegalStateException(source + ": digit " + d + " has " + rows[d] + " rows, expected "
                        + HEIGHT);
            }
        }
        return centres;
    }
}
