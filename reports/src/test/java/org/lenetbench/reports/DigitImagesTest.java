package org.lenetbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.data.ImageSet;
import org.lenetbench.train.MisclassifiedDigit;

/** The misclassified digits are drawn from the pixels results.json recorded, pixel for pixel. */
class DigitImagesTest {
    @TempDir
    Path dir;

    /** Three 28×28 images: pixel = (image·31 + row·7 + col) mod 256, label = image. */
    private static ImageSet tinyTestSet() {
        byte[] pixels = new byte[3 * 28 * 28];
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    pixels[(i * 28 + r) * 28 + c] = (byte) ((i * 31 + r * 7 + c) % 256);
                }
            }
        }
        return new ImageSet("test", pixels, new byte[] {0, 1, 2}, 3, 28, 28);
    }

    @Test
    void drawsARecordedDigitInkDarkOnWhite() throws IOException {
        ImageSet test = tinyTestSet();
        MisclassifiedDigit digit = MisclassifiedDigit.firstOf(test, new int[] {2}).getFirst();
        assertEquals(2, digit.label());

        String uri = DigitImages.pngDataUri(digit);
        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));
        assertEquals(28, png.getWidth());
        // pixel value v is drawn as 255 - v
        assertEquals(255 - test.pixel(2, 5, 7), png.getRaster().getSample(7, 5, 0));
        assertEquals(255 - test.pixel(2, 27, 0), png.getRaster().getSample(0, 27, 0));
    }

    @Test
    void pixelsOfTheWrongSizeAreNamedWithTheirField() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("summary").put("backend", "vector").put("model", "lenet5");
        root.putArray("epochs");
        ObjectNode fin = root.putObject("final");
        fin.put("testAccuracy", 0.99);
        fin.putArray("confusionMatrix");
        fin.putArray("misclassifiedTestIndices").add(2);
        MisclassifiedDigit digit = MisclassifiedDigit.firstOf(tinyTestSet(), new int[] {2}).getFirst();
        fin.set("misclassifiedDigits", Json.MAPPER.valueToTree(List.of(new MisclassifiedDigit(2, 2, 28, 27,
                digit.pixels()))));
        Files.write(run.resolve("results.json"), Json.MAPPER.writeValueAsBytes(root));
        ReportInputException e = assertThrows(ReportInputException.class, () -> AccuracyRun.read(run.resolve("results.json")));
        assertTrue(e.getMessage().contains("final.misclassifiedDigits[0].pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("756 bytes, got 784"), e.getMessage());
    }
}
