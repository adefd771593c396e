package org.lenetbench.tfjava;

import java.util.HashMap;
import java.util.Map;

import org.lenetbench.backend.Batch;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The image and label tensors fed to a network, one pair per batch size seen (in practice the training
 * batch size and a shorter last batch), reused from step to step: no native allocation per step.
 */
final class FeedTensors implements AutoCloseable {
    record Pair(TFloat32 images, TInt32 labels) {
    }

    private final org.lenetbench.model.Shape image;
    private final Map<Integer, Pair> bySize = new HashMap<>();

    FeedTensors(org.lenetbench.model.Shape image) {
        if (image.channels() != 1) {
            // with one channel NCHW and NHWC are the same bytes; more would need a transpose here
            throw new IllegalArgumentException("tfjava feeds one-channel images, the model's input is " + image);
        }
        this.image = image;
    }

    /** Copies the batch's images (NCHW with one channel = NHWC) and labels into the tensors of its size. */
    Pair fill(Batch batch) {
        int n = batch.size();
        Pair pair = bySize.get(n);
        if (pair == null) {
            pair = new Pair(TFloat32.tensorOf(Shape.of(TfLayout.activationShape(image, n))), TInt32.tensorOf(Shape.of(n)));
            bySize.put(n, pair);
        }
        TfTensors.write(pair.images(), batch.images(), n * image.size());
        TfTensors.write(pair.labels(), batch.labels(), n);
        return pair;
    }

    @Override
    public void close() {
        bySize.values().forEach(p -> {
            p.images().close();
            p.labels().close();
        });
        bySize.clear();
    }
}
