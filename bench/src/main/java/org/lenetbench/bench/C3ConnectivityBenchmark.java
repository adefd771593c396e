package org.lenetbench.bench;

import java.util.ArrayList;
import java.util.List;

import org.lenetbench.model.Convolution;
import org.lenetbench.model.Layer;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * LeNet-5's C3 as the paper has it (Table 1: 60 of the 96 map pairs) against the same layer computed
 * densely over all 96 pairs with the missing weights held at zero (a mask): how much the backend gains from
 * skipping the unconnected pairs. Both compute the same numbers.
 */
public class C3ConnectivityBenchmark extends KernelBenchmark {
    @Param({"partial", "dense-masked"})
    public String connectivity;

    /** lenet5 with C3 over all 96 pairs: same names and shapes, so the masked canonical weights load as they are. */
    static ModelSpec denseC3(ModelSpec lenet5) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : lenet5.layers()) {
            layers.add(l.name().equals("c3") ? Convolution.dense("c3", 16, 5, 0) : l);
        }
        return new ModelSpec(lenet5.name() + "-dense-c3", "lenet5 with a dense C3", lenet5.input(), layers,
                lenet5.loss(), lenet5.defaultInit());
    }

    @Setup
    public void open() {
        ModelSpec paper = Models.lenet5();
        ModelSpec spec = connectivity.equals("partial") ? paper : denseC3(paper);
        NamedTensors masked = Initializer.initialize(paper, paper.defaultInit(), 1); // zeros where Table 1 has none
        network = OpenNetwork.open(backend, spec, threads);
        network.loadParameters(masked);
        kernel = OpenNetwork.layer(network, "c3", batch);
    }

    /** The last forward's output (for the test that both variants compute the same). */
    float[] output() {
        float[] y = new float[batch * kernel.outputShape().size()];
        kernel.output(y);
        return y;
    }
}
