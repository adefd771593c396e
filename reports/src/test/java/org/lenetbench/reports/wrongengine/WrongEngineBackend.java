package org.lenetbench.reports.wrongengine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * A third-party engine that computes wrong numbers on this machine, for {@code WrongEngineSuiteTest}: the reference
 * with S2's coefficients quartered when parameters are loaded (trainable subsampling that averages where LeNet-5
 * sums). The benchmark suite finds it with {@code LENET_SUITE_CLASSPATH} (see {@code resources/wrong-engine}).
 */
public final class WrongEngineBackend extends ForwardingBackend {
    public static final String ID = "wrong-engine";

    public WrongEngineBackend() {
        super(new ReferenceBackend(), ID, network -> new ForwardingNetwork(network) {
            @Override
            public void loadParameters(NamedTensors parameters) {
                delegate.loadParameters(quarterS2(parameters));
            }
        });
    }

    @Override
    public boolean computedByThisProject() {
        return false;
    }

    private static NamedTensors quarterS2(NamedTensors parameters) {
        Map<String, Tensor> map = new LinkedHashMap<>(parameters.asMap());
        Tensor coef = map.get("s2.coef");
        if (coef != null) {
            float[] quartered = coef.data().clone();
            for (int i = 0; i < quartered.length; i++) {
                quartered[i] *= 0.25f;
            }
            map.put("s2.coef", new Tensor(coef.shape(), quartered));
        }
        return new NamedTensors(map);
    }
}
