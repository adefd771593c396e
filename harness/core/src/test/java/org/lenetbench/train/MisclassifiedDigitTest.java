package org.lenetbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.lenetbench.data.ImageSet;

/** The recorded digits are the first misclassified ones, each with its own label and pixels. */
class MisclassifiedDigitTest {
    @Test
    void recordsTheFirstMisclassifiedDigitsWithTheirOwnPixels() {
        int n = 100, size = 4 * 3;
        byte[] pixels = new byte[n * size], labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * size, (i + 1) * size, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        ImageSet test = new ImageSet("test", pixels, labels, n, 4, 3);
        int[] misclassified = IntStream.range(0, n).filter(i -> i % 2 == 1).toArray();

        List<MisclassifiedDigit> digits = MisclassifiedDigit.firstOf(test, misclassified);
        assertEquals(MisclassifiedDigit.RECORDED, digits.size());
        MisclassifiedDigit third = digits.get(2);
        assertEquals(5, third.index());
        assertEquals(5, third.label());
        assertEquals(4, third.rows());
        assertEquals(3, third.cols());
        byte[] expected = new byte[size];
        Arrays.fill(expected, (byte) 5);
        assertArrayEquals(expected, Base64.getDecoder().decode(third.pixels()));
        assertEquals(List.of(), MisclassifiedDigit.firstOf(test, new int[0]));
    }
}
