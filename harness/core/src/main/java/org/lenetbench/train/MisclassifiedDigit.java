package org.lenetbench.train;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.lenetbench.data.ImageSet;

/**
 * A misclassified test digit as results.json records it: its index in the test set, its true label and its pixels
 * (rows × cols bytes, row-major, base64), so that a report draws it from the results alone.
 */
public record MisclassifiedDigit(int index, int label, int rows, int cols, String pixels) {
    /** How many of a run's misclassified digits are recorded: the first, in test-set order (≈ 1 KB each). */
    public static final int RECORDED = 48;

    /** The first {@link #RECORDED} of {@code misclassified} (indices into {@code test}). */
    public static List<MisclassifiedDigit> firstOf(ImageSet test, int[] misclassified) {
        int size = test.imageSize();
        return Arrays.stream(misclassified).limit(RECORDED).mapToObj(index -> new MisclassifiedDigit(index,
                test.label(index), test.rows(), test.cols(), Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(test.pixels(), index * size, (index + 1) * size)))).toList();
    }
}
