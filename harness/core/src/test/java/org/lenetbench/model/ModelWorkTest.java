package org.lenetbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FLOP and compulsory bytes per image, counted by hand from the paper's shapes. */
class ModelWorkTest {
    private static ModelWork.LayerWork layer(String model, String layer) {
        return ModelWork.of(Models.byName(model)).layers().stream().filter(l -> l.layer().equals(layer)).findFirst()
                .orElseThrow();
    }

    @Test
    void c1ForwardMovesItsInputAndOutputPerImageAndItsParametersPerBatch() {
        // input 1×32×32, output 6×28×28, parameters 6×25 + 6; 6×25×784 multiply-adds
        ModelWork.LayerWork c1 = layer("lenet5", "c1");
        assertEquals(2 * 117_600, c1.forwardFlop());
        assertEquals(2 * c1.forwardFlop(), c1.backwardFlop());
        assertEquals(4 * (1024 + 4704), c1.forwardTraffic().bytesPerImage());
        assertEquals(4 * 156, c1.forwardTraffic().bytesPerBatch());
        assertEquals(4 * (1024 + 4704 + 156 / 64.0), c1.forwardTraffic().perImageAtBatch(64), 1e-9);
    }

    @Test
    void c3BackwardCountsOnlyTheConnectedWeights() {
        // input 6×14×14, output 16×10×10; 60 connected map pairs of 25 weights, 16 biases, read and written
        ModelWork.LayerWork c3 = layer("lenet5", "c3");
        assertEquals(4 * (2 * 1176 + 1600 + 2 * (60 * 25 + 16) / 256.0), c3.backwardTraffic().perImageAtBatch(256), 1e-9);
        assertEquals(2 * 60 * 25 * 100, c3.forwardFlop());
    }

    @Test
    void aTrainingStepIsThreeForwardPasses() {
        ModelSpec lenet5 = Models.byName("lenet5");
        ModelWork work = ModelWork.of(lenet5);
        assertEquals(2.0 * lenet5.forwardMultiplyAdds(), work.forwardFlop());
        assertEquals(3 * work.forwardFlop(), work.trainStepFlop());
        assertEquals(lenet5.layerNames(), work.layers().stream().map(ModelWork.LayerWork::layer).toList());
        assertEquals(work.forwardFlop(), work.layers().stream().mapToDouble(ModelWork.LayerWork::forwardFlop).sum());
    }
}
