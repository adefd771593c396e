package org.lenetbench.reports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.lenetbench.train.MisclassifiedDigit;

/** A recorded test digit as a PNG data URI, so the report draws it without loading anything. */
final class DigitImages {
    private DigitImages() {
    }

    /** One digit as a grayscale PNG, ink dark on white as the paper prints them. */
    static String pngDataUri(MisclassifiedDigit digit) {
        byte[] pixels = Base64.getDecoder().decode(digit.pixels());
        BufferedImage image = new BufferedImage(digit.cols(), digit.rows(), BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < digit.rows(); r++) {
            for (int c = 0; c < digit.cols(); c++) {
                int ink = pixels[r * digit.cols() + c] & 0xff;
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
