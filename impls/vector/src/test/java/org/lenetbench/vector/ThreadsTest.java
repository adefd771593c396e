package org.lenetbench.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetbench.backend.Batch;
import org.lenetbench.data.RandomBatches;
import org.lenetbench.check.TensorDiff;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;

/** Results agree across thread counts within float tolerance and are bit-identical run to run for one count. */
class ThreadsTest {
    private static final ModelSpec MODEL = Models.lenet5();

    private static NamedTensors trainTenSteps(int threads) {
        Batch batch = RandomBatches.of(MODEL, 37, 3); // 37: chunks of unequal size
        try (VectorNetwork net = new VectorNetwork(MODEL, threads, VectorOps.INSTANCE)) {
            net.loadParameters(Initializer.initialize(MODEL, MODEL.defaultInit(), 2));
            net.setOptimizer(OptimizerSpec.Adam.DEFAULT);
            for (int s = 0; s < 10; s++) {
                net.trainStep(batch, 1e-3);
            }
            return net.parameters();
        }
    }

    @Test
    void sameThreadCountGivesBitIdenticalParameters() {
        assertEquals(trainTenSteps(3), trainTenSteps(3));
    }

    @Test
    void differentThreadCountsAgreeWithinFloatTolerance() {
        NamedTensors one = trainTenSteps(1);
        NamedTensors four = trainTenSteps(4);
        for (String name : one.names()) {
            double error = TensorDiff.of(four.get(name).data(), one.get(name).data()).error();
            assertTrue(error < 1e-4, name + ": " + error);
        }
    }

    @Test
    void forwardIsTheSameWhateverTheThreadCount() {
        Batch batch = RandomBatches.of(MODEL, 9, 5);
        float[][] scores = new float[3][90];
        int[] counts = {1, 2, 5};
        for (int i = 0; i < counts.length; i++) {
            try (VectorNetwork net = new VectorNetwork(MODEL, counts[i], VectorOps.INSTANCE)) {
                net.loadParameters(Initializer.initialize(MODEL, MODEL.defaultInit(), 2));
                net.forward(batch, scores[i]);
            }
        }
        // forward never sums across samples, so the split cannot change a single bit
        assertArrayEquals(scores[0], scores[1]);
        assertArrayEquals(scores[0], scores[2]);
    }

    /**
     * The fully connected layers keep their weights transposed as well, remade by each worker for the range it updated
     * (ranges that split rows, with 3 workers): after steps, the forward pass must be that of a network loaded with the
     * parameters the steps left, bit for bit, for every model.
     */
    @Test
    void afterStepsTheForwardPassUsesTheNewParameters() {
        for (ModelSpec model : Models.all()) {
            Batch batch = RandomBatches.of(model, 37, 6);
            float[] stepped = new float[37 * model.classes()];
            float[] loaded = new float[stepped.length];
            NamedTensors after;
            try (VectorNetwork net = new VectorNetwork(model, 3, VectorOps.INSTANCE)) {
                net.loadParameters(Initializer.initialize(model, model.defaultInit(), 4));
                net.setOptimizer(OptimizerSpec.Adam.DEFAULT);
                for (int s = 0; s < 3; s++) {
                    net.trainStep(batch, 1e-2);
                }
                net.forward(batch, stepped);
                after = net.parameters();
            }
            try (VectorNetwork net = new VectorNetwork(model, 3, VectorOps.INSTANCE)) {
                net.loadParameters(after);
                net.forward(batch, loaded);
            }
            assertArrayEquals(loaded, stepped, model.name());
        }
    }

    /**
     * The step is taken by the workers, each on its own range of the parameters: it must give every element exactly
     * what the whole tensors' SGD step gives with the mean gradients (momentum 0: w − lr·g, in float).
     */
    @Test
    void theStepSplitOverTheWorkersIsTheWholeStep() {
        Batch batch = RandomBatches.of(MODEL, 37, 4);
        float lr = 0.05f;
        try (VectorNetwork net = new VectorNetwork(MODEL, 3, VectorOps.INSTANCE)) {
            net.loadParameters(Initializer.initialize(MODEL, MODEL.defaultInit(), 3));
            net.setOptimizer(new OptimizerSpec.Sgd(0));
            NamedTensors before = net.parameters();
            NamedTensors gradients = net.lossAndGradients(batch).gradients();
            net.trainStep(batch, lr);
            NamedTensors after = net.parameters();
            for (String name : gradients.names()) {
                float[] w = before.get(name).data();
                float[] g = gradients.get(name).data();
                float[] expected = new float[w.length];
                for (int i = 0; i < w.length; i++) {
                    expected[i] = w[i] - lr * g[i];
                }
                assertArrayEquals(expected, after.get(name).data(), name);
            }
        }
    }
}
