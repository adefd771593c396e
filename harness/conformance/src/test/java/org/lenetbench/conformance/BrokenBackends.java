package org.lenetbench.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.lenetbench.backend.Backend;
import org.lenetbench.backend.ForwardingBackend;
import org.lenetbench.backend.ForwardingNetwork;
import org.lenetbench.reference.ReferenceBackend;
import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;

/**
 * Backends with the bugs a real implementation could have, made by corrupting the parameters the
 * reference sees: the kit must catch each of them.
 */
final class BrokenBackends {
    private BrokenBackends() {
    }

    /** C3 reads S2 map (c + 1) mod 6 where Table 1 says c: the connection table shifted by one. */
    static Backend c3TableShiftedByOne() {
        return broken("broken-c3-table", params -> {
            Tensor w = params.get("c3.weight");
            int[] shape = w.shape(); // [16, 6, 5, 5]
            int block = shape[2] * shape[3];
            float[] shifted = new float[w.size()];
            for (int o = 0; o < shape[0]; o++) {
                for (int c = 0; c < shape[1]; c++) {
                    int to = (c + 1) % shape[1];
                    System.arraycopy(w.data(), (o * shape[1] + c) * block, shifted, (o * shape[1] + to) * block, block);
                }
            }
            return replace(params, "c3.weight", new Tensor(shape, shifted));
        });
    }

    /** Trainable subsampling that averages the window where the paper adds it: every coefficient × 1/4. */
    static Backend subsamplingAveragesInsteadOfSums() {
        return broken("broken-subsampling-scale", params -> {
            NamedTensors p = params;
            for (String name : List.of("s2.coef", "s4.coef")) {
                float[] coef = p.get(name).data().clone();
                for (int i = 0; i < coef.length; i++) {
                    coef[i] *= 0.25f;
                }
                p = replace(p, name, new Tensor(p.get(name).shape(), coef));
            }
            return p;
        });
    }

    private static NamedTensors replace(NamedTensors params, String name, Tensor tensor) {
        Map<String, Tensor> map = new LinkedHashMap<>(params.asMap());
        map.put(name, tensor);
        return new NamedTensors(map);
    }

    private static Backend broken(String id, UnaryOperator<NamedTensors> corrupt) {
        return new ForwardingBackend(new ReferenceBackend(), id, network -> new ForwardingNetwork(network) {
            @Override
            public void loadParameters(NamedTensors parameters) {
                delegate.loadParameters(corrupt.apply(parameters));
            }
        });
    }
}
