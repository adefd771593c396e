package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.data.ImageSet;

/** The misclassified digits are drawn from the run's own test set, pixel for pixel. */
class DigitImagesTest {
    @TempDir
    Path dir;

    @Test
    void drawsATestDigitFromTheRunsDataDirectory() throws IOException {
        writeTinyMnist(dir, 3);
        ImageSet test = new DigitImages().testSet(dir.toString()).orElseThrow();
        assertEquals(3, test.count());
        assertEquals(2, test.label(2));

        String uri = DigitImages.pngDataUri(test, 2);
        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));
        assertEquals(28, png.getWidth());
        // ink is dark on white: pixel value v is drawn as 255 - v
        assertEquals(255 - test.pixel(2, 5, 7), png.getRaster().getSample(7, 5, 0));
        assertEquals(255 - test.pixel(2, 27, 0), png.getRaster().getSample(0, 27, 0));
    }

    @Test
    void aMissingDataDirectoryFallsBackToTheCacheOrNothing() {
        // the result depends on whether this machine has the MNIST cache; neither case may throw
        new DigitImages().testSet(dir.resolve("gone").toString()).ifPresent(set -> assertEquals(10_000, set.count()));
    }

    /** Four IDX files of {@code n} 28×28 images each (pixel = (image·31 + row·7 + col) mod 256, label = image mod 10). */
    static void writeTinyMnist(Path dir, int n) throws IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            try (DataOutputStream images = idx(dir.resolve(prefix + "-images-idx3-ubyte"), 0x803, n)) {
                images.writeInt(28);
                images.writeInt(28);
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < 28; r++) {
                        for (int c = 0; c < 28; c++) {
                            images.writeByte((i * 31 + r * 7 + c) % 256);
                        }
                    }
                }
            }
            try (DataOutputStream labels = idx(dir.resolve(prefix + "-labels-idx1-ubyte"), 0x801, n)) {
                for (int i = 0; i < n; i++) {
                    labels.writeByte(i % 10);
                }
            }
        }
    }

    private static DataOutputStream idx(Path file, int magic, int count) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(magic);
        data.writeInt(count);
        return data;
    }
}
