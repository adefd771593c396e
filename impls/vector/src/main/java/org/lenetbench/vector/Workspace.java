package org.lenetbench.vector;

import java.util.Arrays;
import java.util.List;

/**
 * One worker's buffers: activations and deltas per layer of a group of samples (the passes run a group at a time), its
 * own gradient sums and loss. Allocated once.
 */
final class Workspace {
    /** [layer][sample of the group]. */
    final float[][][] activations;
    /** [layer][sample of the group]. */
    final float[][][] deltas;
    /**
     * [layer]: a whole group in the batch-in-lanes layout, through the network's leading layers that take it (the
     * trunk): activations and deltas of layers 0 .. trunk, input first. Empty without a trunk.
     */
    final float[][] lanesActivations;
    final float[][] lanesDeltas;
    final float[][] gradients;
    final float[][] scratch;
    double loss;

    Workspace(List<VectorLayer> layers, int trunk, TanhFusion fusion, FloatParameters params,
            int group) {
        activations = new float[layers.size() + 1][][];
        deltas = new float[layers.size() + 1][][];
        activations[0] = new float[group][layers.getFirst().in.size()];
        deltas[0] = new float[group][layers.getFirst().in.size()];
        for (int i = 0; i < layers.size(); i++) {
            activations[i + 1] = new float[group][layers.get(i).out.size()];
            deltas[i + 1] = new float[group][layers.get(i).out.size()];
        }
        lanesActivations = new float[trunk == 0 ? 0 : trunk + 1][];
        lanesDeltas = new float[lanesActivations.length][];
        for (int i = 0; i < lanesActivations.length; i++) {
            int size = (i == 0 ? layers.getFirst().in : layers.get(i - 1).out).size() * group;
            // a tanh done by its neighbour writes where the neighbour does
            lanesActivations[i] = i > 0 && fusion.forwardSkipped(i - 1) ? lanesActivations[i - 1] : new float[size];
            lanesDeltas[i] = i == 0 ? null // the first layer has no input gradient
                    : i > 1 && fusion.backwardSkipped(i - 1) ? lanesDeltas[i - 1] : new float[size];
        }
        gradients = params.newGradients();
        scratch = layers.stream().map(l -> new float[l.scratchSize()]).toArray(float[][]::new);
    }

    void reset() {
        for (float[] g : gradients) {
            Arrays.fill(g, 0);
        }
        loss = 0;
    }
}
