package org.lenetbench.jcuda;

/** Where a layer finds its parameters on the device and where it writes their gradients, by canonical name. */
interface ParameterSlices {

    DeviceBuffer value(String name);

    DeviceBuffer gradient(String name);
}
