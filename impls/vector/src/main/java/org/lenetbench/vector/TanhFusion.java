package org.lenetbench.vector;

import java.util.List;

/**
 * Which tanh layers of the network's trunk (see {@link VectorNetwork}) a neighbour does the work of. A tanh pass
 * over a group in lanes is one more sweep over buffers of up to 300 KB (C1's outputs), beyond L1 and L2: the layer
 * before a tanh squashes its own output rows while they are in L1 ({@link VectorLayer#squashesInLanes}), and the
 * layer after it takes its input gradient through the tanh in the sweep it makes anyway ({@link
 * VectorLayer#unsquashesInLanes}). A tanh done by a neighbour shares its buffer with that neighbour's ({@link
 * Workspace}), and the network skips its pass. The bits are those of the separate passes.
 */
final class TanhFusion {
    /** [layer]: whether the layer before does this tanh layer's forward pass. */
    private final boolean[] forwardByPrevious;
    /** [layer]: whether the layer after does this tanh layer's backward pass. */
    private final boolean[] backwardByNext;
    private final List<VectorLayer> layers;

    TanhFusion(List<VectorLayer> layers, int trunk) {
        this.layers = layers;
        this.forwardByPrevious = new boolean[trunk];
        this.backwardByNext = new boolean[trunk];
        for (int t = 1; t < trunk; t++) {
            boolean tanh = layers.get(t).tanh() != null;
            forwardByPrevious[t] = tanh && layers.get(t - 1).squashesInLanes();
            // t ≥ 1: a tanh that is the first layer has no input gradient to compute
            backwardByNext[t] = tanh && t + 1 < trunk && layers.get(t + 1).unsquashesInLanes();
        }
    }

    /** Whether layer i's forward pass in lanes is done by layer i − 1 (its output buffer is that layer's). */
    boolean forwardSkipped(int i) {
        return i < forwardByPrevious.length && forwardByPrevious[i];
    }

    /** Whether layer i's backward pass in lanes is done by layer i + 1 (its input gradient buffer is that layer's). */
    boolean backwardSkipped(int i) {
        return i < backwardByNext.length && backwardByNext[i];
    }

    /** The tanh layer i applies to its outputs in lanes, or null. */
    RationalTanh squashAfter(int i) {
        return forwardSkipped(i + 1) ? layers.get(i + 1).tanh() : null;
    }

    /** The tanh whose backward pass layer i takes in lanes, or null. */
    RationalTanh unsquashBefore(int i) {
        return i > 0 && backwardSkipped(i - 1) ? layers.get(i - 1).tanh() : null;
    }
}
