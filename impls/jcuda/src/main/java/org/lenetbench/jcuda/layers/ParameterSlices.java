package org.lenetbench.jcuda.layers;

import org.lenetbench.jcuda.gpu.DeviceBuffer;

/** Where a layer finds its parameters on the device and where it writes their gradients, by canonical name. */
public interface ParameterSlices {

    DeviceBuffer value(String name);

    DeviceBuffer gradient(String name);
}
