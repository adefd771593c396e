package org.lenetbench.vector;

import java.util.stream.IntStream;

import org.lenetbench.model.Activation;
import org.lenetbench.model.Convolution;
import org.lenetbench.model.FullyConnected;
import org.lenetbench.model.Layer;
import org.lenetbench.model.Output;
import org.lenetbench.model.Shape;
import org.lenetbench.model.Subsampling;

/**
 * One layer for one sample in float32, CHW layout. Layers read the shared parameter arrays and never
 * write them, so workers can run them concurrently; each worker passes its own gradient arrays.
 */
abstract class VectorLayer {
    final Shape in;
    final Shape out;

    VectorLayer(Shape in, Shape out) {
        this.in = in;
        this.out = out;
    }

    /** Floats of per-worker scratch this layer needs ({@code scratch} below has at least this many). */
    int scratchSize() {
        return 0;
    }

    abstract void forward(float[] x, float[] y, float[] scratch);

    /**
     * Forward of samples [first, first + count) of xs into the same samples of ys; count is at most the network's
     * group, {@link FloatOps#lanes()}. One sample at a time, unless a layer does better with them side by side.
     */
    void forwardGroup(float[][] xs, float[][] ys, int first, int count, float[] scratch) {
        for (int s = first; s < first + count; s++) {
            forward(xs[s], ys[s], scratch);
        }
    }

    /**
     * After the parameters changed (loaded, or a step taken), before the next pass: for a layer that keeps them in
     * another layout too.
     */
    void parametersChanged() {
    }

    /**
     * After elements [from, to) of trainable tensor k ({@link FloatParameters#gradientIndex}'s numbering) changed: a
     * step's update, split over the workers, each calling this for its own range.
     */
    void parametersChanged(int tensor, int from, int to) {
    }

    /** Before a worker's samples: clears what {@link #finishChunk} collects. */
    void beginChunk(float[] scratch) {
    }

    /** After a worker's samples: adds what was collected in scratch to the worker's gradients. */
    void finishChunk(float[][] gradients, float[] scratch) {
    }

    /**
     * From dE/dy writes dE/dx (unless {@code dx} is null: the first layer) and adds this sample's parameter
     * gradients into {@code gradients} (indexed by {@link FloatParameters#gradientIndex}).
     */
    abstract void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch);

    /**
     * {@link #backward} of samples [first, first + count) (count at most the network's group), in the order of the
     * samples; dxs is null for the first layer. One sample at a time, unless a layer does better with them side by
     * side.
     */
    void backwardGroup(float[][] xs, float[][] ys, float[][] dys, float[][] dxs, int first, int count,
            float[][] gradients, float[] scratch) {
        for (int s = first; s < first + count; s++) {
            backward(xs[s], ys[s], dys[s], dxs == null ? null : dxs[s], gradients, scratch);
        }
    }

    /**
     * Whether a whole group can go through this layer in the batch-in-lanes layout ({@link #forwardInLanes}, {@link
     * #backwardInLanes}), with its input gradient or without (the first layer). The network keeps a group in lanes
     * through the leading layers that can, so that it is copied into the layout and out of it once.
     */
    boolean inLanes(boolean withInputGradient) {
        return false;
    }

    /**
     * Forward of a whole group in lanes: {@code x} holds in.size() positions of {@link FloatOps#lanes()} floats, one
     * per sample (the layout of {@link FloatOps#interleave}), {@code y} out.size() likewise. Each sample gets the bits
     * of {@link #forward}. Where {@code squash} is not null (only for a layer that {@link #squashesInLanes}), y gets
     * {@code squash} of those outputs instead, the bits the tanh layer after this one would give them.
     */
    void forwardInLanes(float[] x, float[] y, float[] scratch, RationalTanh squash) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no batch-in-lanes path");
    }

    /**
     * Backward of a whole group in lanes (layouts as {@link #forwardInLanes}); dx is null for the first layer. The
     * parameter gradients are the group's sums, in another order than sample by sample. Where {@code squashedInput}
     * is not null (only for a layer that {@link #unsquashesInLanes}), x is the output of that tanh, and dx gets the
     * gradient with respect to the tanh's input instead, the bits the tanh layer before this one would give it.
     */
    void backwardInLanes(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch,
            RationalTanh squashedInput) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no batch-in-lanes path");
    }

    /**
     * Whether {@link #forwardInLanes} can squash its own outputs, while they are in cache: then the network has it do
     * the work of a tanh layer that follows, and skips that layer's pass over the whole group.
     */
    boolean squashesInLanes() {
        return false;
    }

    /**
     * Whether {@link #backwardInLanes} can take its input gradient through the tanh that made its input: then the
     * network skips that tanh layer's backward pass over the whole group.
     */
    boolean unsquashesInLanes() {
        return false;
    }

    /** The tanh this layer applies, where it is a tanh activation; null otherwise. */
    RationalTanh tanh() {
        return null;
    }

    static VectorLayer of(Layer layer, Shape in, FloatParameters params, FloatOps ops) {
        return switch (layer) {
            case Convolution c when coversWholeInput(c, in) ->
                    new VectorFullyConnected(c.name(), in, c.outputShape(in), params, ops);
            case Convolution c -> new VectorConvolution(c, in, params, ops);
            case Subsampling s -> new VectorSubsampling(s, in, params, ops);
            case Activation a -> new VectorActivation(a, in, ops);
            case FullyConnected f -> new VectorFullyConnected(f.name(), in, Shape.vector(f.outputs()), params, ops);
            case Output o when o.kind() == Output.Kind.LINEAR ->
                    new VectorFullyConnected(o.name(), in, Shape.vector(o.classes()), params, ops);
            case Output o -> new VectorRbf(o, in, params);
        };
    }

    /**
     * A convolution whose kernel covers its whole unpadded input and that connects every map pair (C5) computes
     * one output per map from every input: a fully connected layer, with its weights [maps][channels][k][k] already
     * laid out as the rows [maps][channels·k·k] of one. As such it is one dot of 400 floats per map instead of
     * 16·5 one-element convolution rows.
     */
    private static boolean coversWholeInput(Convolution c, Shape in) {
        return c.padding() == 0 && c.kernel() == in.height() && c.kernel() == in.width()
                && IntStream.range(0, c.maps()).allMatch(o -> IntStream.range(0, in.channels()).allMatch(i -> c.connected(o, i)));
    }
}
