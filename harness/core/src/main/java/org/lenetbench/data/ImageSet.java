package org.lenetbench.data;

import java.nio.file.Path;

/** Grey 8-bit images with their labels, in memory: one of MNIST's two splits. */
public record ImageSet(String name, byte[] pixels, byte[] labels, int count, int rows, int cols) {

    public int pixel(int image, int row, int col) {
        return pixels[(image * rows + row) * cols + col] & 0xff;
    }

    public int label(int image) {
        return labels[image];
    }

    public int imageSize() {
        return rows * cols;
    }

    /** The first {@code n} images (a view that copies nothing when n == count). */
    public ImageSet first(int n) {
        return n >= count ? this : range(0, n);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied; e.g. a validation split held out of training. */
    public ImageSet range(int from, int to) {
        if (from < 0 || to > count || from >= to) {
            throw new IllegalArgumentException(name + ": range [" + from + ":" + to + ") is not inside 0.." + count);
        }
        int size = rows * cols;
        return new ImageSet(name + "[" + from + ":" + to + "]", java.util.Arrays.copyOfRange(pixels, from * size, to * size),
                java.util.Arrays.copyOfRange(labels, from, to), to - from, rows, cols);
    }

    /** Pairs an images file with a labels file and checks that they belong together. */
    static ImageSet of(String name, IdxFile images, IdxFile labels, int classes) throws IdxFormatException {
        Path lp = labels.path();
        if (images.count() != labels.count()) {
            throw new IdxFormatException(lp, "has " + labels.count() + " labels but " + images.path().getFileName()
                    + " has " + images.count() + " images");
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xff) >= classes) {
                throw new IdxFormatException(lp, "label " + i + " is " + (l[i] & 0xff) + ", expected 0.." + (classes - 1));
            }
        }
        return new ImageSet(name, images.data(), l, images.count(), images.dimensions()[1], images.dimensions()[2]);
    }
}
