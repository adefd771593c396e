package org.lenetbench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.model.ParameterSpec;
import org.lenetbench.optim.OptimizerSpec;
import org.lenetbench.params.Initializer;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * What {@link AbstractNetwork} enforces for every backend that extends it, tested here once instead of in each
 * backend's conformance run: the layout check of loadParameters, the order of calls, an idempotent close.
 */
class AbstractNetworkTest {
    private static final ModelSpec MODEL = Models.lenet5();

    @Test
    void aTensorOfTheWrongShapeIsRefusedByNameAndNothingIsWritten() {
        CountingNetwork net = new CountingNetwork();
        Map<String, Tensor> bad = new LinkedHashMap<>(initial().asMap());
        ParameterSpec c3 = MODEL.parameters().get(2);
        bad.put(c3.name(), Tensor.zeros(c3.size() + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.loadParameters(new NamedTensors(bad)));
        assertTrue(e.getMessage().contains(c3.name()), e.getMessage());
        assertEquals(0, net.writes);
        assertThrows(IllegalStateException.class, net::useParameters, "not loaded: the refused load does not count");
    }

    @Test
    void aMissingTensorIsRefusedByName() {
        Map<String, Tensor> missing = new LinkedHashMap<>(initial().asMap());
        String name = MODEL.parameters().getLast().name();
        missing.remove(name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CountingNetwork().loadParameters(new NamedTensors(missing)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void useBeforeLoadingAndAfterClosingIsRefused() {
        CountingNetwork net = new CountingNetwork();
        assertThrows(IllegalStateException.class, net::useParameters);
        net.loadParameters(initial());
        net.useParameters();
        net.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, net::useParameters);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.loadParameters(initial()));
    }

    @Test
    void closeReleasesOnce() {
        CountingNetwork net = new CountingNetwork();
        net.close();
        net.close();
        assertEquals(1, net.releases);
    }

    private static NamedTensors initial() {
        return Initializer.initialize(MODEL, MODEL.defaultInit(), 1);
    }

    /** Counts what AbstractNetwork lets through to the backend; the network methods are not used here. */
    private static final class CountingNetwork extends AbstractNetwork {
        int writes;
        int releases;

        CountingNetwork() {
            super("counting", MODEL, Device.CPU, 1);
        }

        void useParameters() {
            checkLoaded();
        }

        @Override
        protected void writeParameters(NamedTensors values) {
            writes++;
        }

        @Override
        protected void release() {
            releases++;
        }

        @Override
        public NamedTensors parameters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forward(Batch batch, float[] scores) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LossAndGradients lossAndGradients(Batch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NamedTensors curvature(Batch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setOptimizer(OptimizerSpec optimizer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCurvature(NamedTensors curvature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double trainStep(Batch batch, double learningRate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LayerKernel layer(String layerName, int batchSize) {
            throw new UnsupportedOperationException();
        }
    }
}
