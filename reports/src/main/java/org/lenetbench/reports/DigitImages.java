package org.lenetbench.reports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.lenetbench.data.Dataset;
import org.lenetbench.data.ImageSet;
import org.lenetbench.data.MnistAcquirer;

/**
 * MNIST test digits as PNG data URIs, so the report can draw the misclassified ones without loading anything. The
 * test set is read from the run's data directory, else from the MNIST cache; a report made where neither exists
 * says so instead of drawing.
 */
final class DigitImages {
    private final Map<Path, Optional<ImageSet>> testSets = new HashMap<>();

    /** The test set of a run: its own data directory if it is still there, else the cache. */
    Optional<ImageSet> testSet(String runDataDirectory) {
        for (Path dir : new Path[] {runDataDirectory.isEmpty() ? null : Path.of(runDataDirectory),
            MnistAcquirer.Config.defaultCache()}) {
            if (dir != null && Files.isDirectory(dir) && Dataset.complete(dir)) {
                Optional<ImageSet> set = testSets.computeIfAbsent(dir, DigitImages::load);
                if (set.isPresent()) {
                    return set;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ImageSet> load(Path dir) {
        try {
            return Optional.of(Dataset.load(dir, false).test());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One digit as a grayscale PNG, ink dark on white as the paper prints them. */
    static String pngDataUri(ImageSet set, int index) {
        BufferedImage image = new BufferedImage(set.cols(), set.rows(), BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < set.rows(); r++) {
            for (int c = 0; c < set.cols(); c++) {
                int ink = set.pixel(index, r, c);
                image.getRaster().setSample(c, r, 0, 255 - ink);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
