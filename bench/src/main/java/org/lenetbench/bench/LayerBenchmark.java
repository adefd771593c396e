package org.lenetbench.bench;

import org.lenetbench.backend.Network;
import org.lenetbench.model.Models;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One layer alone, forward and backward ({@link Network#layer}), per backend, model, layer, batch and
 * threads. Inputs and output gradients are seeded uniform values in [−1, 1]. Images/s is the "images"
 * counter; GFLOP/s follows from {@code ModelSpec.forwardMultiplyAdds} (2 FLOP per multiply-add forward,
 * twice that backward for layers with parameters and inputs to differentiate).
 */
public class LayerBenchmark extends KernelBenchmark {
    @Param({"lenet5"})
    public String model;

    @Param({"c1", "s2", "c3", "s4", "c5", "f6", "out"})
    public String layer;

    @Setup
    public void open() {
        network = OpenNetwork.open(backend, Models.byName(model), threads);
        kernel = OpenNetwork.layer(network, layer, batch);
    }
}
