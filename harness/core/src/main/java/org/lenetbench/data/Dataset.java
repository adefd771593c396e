package org.lenetbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A training and a test split read from a directory that holds the four standard IDX files (raw or .gz). */
public record Dataset(Path directory, ImageSet train, ImageSet test, boolean verifiedMnist) {
    public static final int CLASSES = 10;

    /** Reads the four files of {@code dir}; {@code verifiedMnist} records whether their checksums were checked. */
    public static Dataset load(Path dir, boolean verifiedMnist) throws IOException {
        ImageSet train = ImageSet.of("train", IdxFile.read(locate(dir, MnistFiles.TRAIN_IMAGES), 3),
                IdxFile.read(locate(dir, MnistFiles.TRAIN_LABELS), 1), CLASSES);
        ImageSet test = ImageSet.of("test", IdxFile.read(locate(dir, MnistFiles.TEST_IMAGES), 3),
                IdxFile.read(locate(dir, MnistFiles.TEST_LABELS), 1), CLASSES);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(dir, "train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
        return new Dataset(dir, train, test, verifiedMnist);
    }

    /** The raw file if present, else the .gz; throws naming both when neither exists. */
    public static Path locate(Path dir, MnistFiles file) throws IOException {
        Path raw = dir.resolve(file.fileName());
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(file.gzipName());
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new java.nio.file.NoSuchFileException(raw.toString(), null,
                "neither " + file.fileName() + " nor " + file.gzipName() + " is in " + dir);
    }

    /** Whether {@code dir} holds all four files, raw or gzip. */
    public static boolean complete(Path dir) {
        for (MnistFiles f : MnistFiles.all()) {
            if (!Files.isRegularFile(dir.resolve(f.fileName())) && !Files.isRegularFile(dir.resolve(f.gzipName()))) {
                return false;
            }
        }
        return true;
    }
}
