package org.lenetbench.dl4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.lenetbench.backend.Batch;
import org.lenetbench.model.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The placeholders' arrays, one pair per batch size, allocated once and refilled in place: images as NCHW
 * {@code [n, C, H, W]} (the contract's own layout) and labels one-hot {@code [n, classes]}.
 */
final class Feed implements AutoCloseable {
    static final String IMAGES = "images";
    static final String LABELS = "labels";

    private final Shape imageShape;
    private final int classes;
    private final Map<Integer, Pair> bySize = new HashMap<>();
    private float[] oneHotScratch = new float[0];

    record Pair(INDArray images, INDArray oneHot, Map<String, INDArray> placeholders) {
    }

    Feed(Shape imageShape, int classes) {
        this.imageShape = imageShape;
        this.classes = classes;
    }

    /** The batch's images (and labels) copied into this size's arrays. */
    Pair fill(Batch batch) {
        int n = batch.size();
        Pair pair = bySize.computeIfAbsent(n, this::allocate);
        Nd4jArrays.write(pair.images, batch.images(), n * imageShape.size());
        if (oneHotScratch.length < n * classes) {
            oneHotScratch = new float[n * classes];
        }
        Arrays.fill(oneHotScratch, 0, n * classes, 0f);
        for (int i = 0; i < n; i++) {
            int label = batch.labels()[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("dl4j: label " + label + " of sample " + i + " is outside 0.." + (classes - 1));
            }
            oneHotScratch[i * classes + label] = 1f;
        }
        Nd4jArrays.write(pair.oneHot, oneHotScratch, n * classes);
        return pair;
    }

    private Pair allocate(int n) {
        INDArray images = Nd4j.create(DataType.FLOAT, n, imageShape.channels(), imageShape.height(), imageShape.width());
        INDArray oneHot = Nd4j.create(DataType.FLOAT, n, classes);
        return new Pair(images, oneHot, Map.of(IMAGES, images, LABELS, oneHot));
    }

    @Override
    public void close() {
        for (Pair p : bySize.values()) {
            p.images.close();
            p.oneHot.close();
        }
        bySize.clear();
    }
}
