package org.lenetbench.dl4j;

import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lenetbench.backend.Availability;
import org.lenetbench.backend.Backend;
import org.lenetbench.backend.Device;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.backend.LayerKernel;
import org.lenetbench.check.CheckResult;
import org.lenetbench.check.CrossCheck;
import org.lenetbench.check.Tolerances;
import org.lenetbench.model.Models;

/**
 * The conformance kit's layer checks on the SameDiff graph of each layer, the ops training runs: the kit's own run
 * ({@link Dl4jConformanceTest}) checks the layers as the benchmarks time them, single libnd4j ops.
 */
class Dl4jSameDiffLayersTest {

    @TestFactory
    Stream<DynamicNode> everyLayerAsTrainingRunsIt() {
        Backend sameDiffLayers = new ForwardingBackend(new Dl4jBackend(), "dl4j-samediff-layers",
                network -> new ForwardingNetwork(network) {
                    @Override
                    public LayerKernel layer(String layerName, int batchSize) {
                        return ((Dl4jNetwork) delegate).sameDiffLayer(layerName, batchSize);
                    }
                });
        if (sameDiffLayers.availability() instanceof Availability.Unavailable u) {
            return Stream.of(DynamicTest.dynamicTest("dl4j available", () -> Assumptions.abort(u.reason())));
        }
        CrossCheck check = new CrossCheck(sameDiffLayers, Device.CPU, 2, Tolerances.FLOAT32, 20260101L);
        return Models.all().stream().map(model -> DynamicContainer.dynamicContainer(model.name(),
                Stream.of(model).flatMap(m -> check.runLayers(m).stream()).map(r ->
                        DynamicTest.dynamicTest(r.check(), () -> {
                            if (r.status() == CheckResult.Status.SKIPPED) {
                                Assumptions.abort(r.detail());
                            }
                            Assertions.assertFalse(r.failed(), r.toString());
                        }))));
    }
}
