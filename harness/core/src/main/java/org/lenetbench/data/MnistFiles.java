package org.lenetbench.data;

import java.util.List;

/** The four standard IDX file names and the SHA-256 of MNIST's uncompressed files (lenet-facts.md). */
public enum MnistFiles {
    TRAIN_IMAGES("train-images-idx3-ubyte", 3, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 1, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 3, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 1, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final int dimensions;
    private final String sha256;

    MnistFiles(String fileName, int dimensions, String sha256) {
        this.fileName = fileName;
        this.dimensions = dimensions;
        this.sha256 = sha256;
    }

    public String fileName() {
        return fileName;
    }

    public String gzipName() {
        return fileName + ".gz";
    }

    public int dimensions() {
        return dimensions;
    }

    /** SHA-256 of the uncompressed MNIST file. */
    public String sha256() {
        return sha256;
    }

    public static List<MnistFiles> all() {
        return List.of(values());
    }
}
