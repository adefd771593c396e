package org.lenetbench.data;

import java.util.Arrays;

import org.lenetbench.backend.Batch;
import org.lenetbench.model.Input;
import org.lenetbench.model.Shape;

/**
 * Turns 8-bit images into a model's input: pads with the background value and scales each pixel through
 * a 256-entry table. Writes straight into a {@link Batch}'s reusable array: no allocation per batch.
 */
public final class InputEncoder {
    private final Input input;
    private final Shape shape;
    private final float[] table = new float[256];

    public InputEncoder(Input input) {
        this.input = input;
        this.shape = input.shape();
        for (int p = 0; p < 256; p++) {
            table[p] = input.scale(p);
        }
    }

    public Shape shape() {
        return shape;
    }

    /** Checks once that a split's images fit this input. */
    public void requireFits(ImageSet set) {
        if (set.rows() != input.sourceSize() || set.cols() != input.sourceSize()) {
            throw new IllegalArgumentException("the " + set.name() + " images are " + set.rows() + "x" + set.cols()
                    + " but the model reads " + input.sourceSize() + "x" + input.sourceSize() + " images");
        }
    }

    /** Writes image {@code image} of {@code set} into {@code target[offset .. offset + shape.size())}. */
    public void encode(ImageSet set, int image, float[] target, int offset) {
        int pad = input.padding();
        int width = shape.width();
        if (pad > 0) {
            Arrays.fill(target, offset, offset + shape.size(), table[0]);
        }
        byte[] pixels = set.pixels();
        int source = image * set.imageSize();
        for (int row = 0; row < set.rows(); row++) {
            int out = offset + (row + pad) * width + pad;
            for (int col = 0; col < set.cols(); col++) {
                target[out + col] = table[pixels[source + row * set.cols() + col] & 0xff];
            }
        }
    }

    /** Fills {@code batch} with the images {@code order[from .. from + n)} of {@code set}. */
    public void fill(Batch batch, ImageSet set, int[] order, int from, int n) {
        int size = shape.size();
        for (int i = 0; i < n; i++) {
            int image = order[from + i];
            encode(set, image, batch.images(), i * size);
            batch.labels()[i] = set.label(image);
        }
        batch.setSize(n);
    }
}
