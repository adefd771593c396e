package org.lenetbench.jcuda.gpu;

/**
 * Device memory holding {@link #length()} 4-byte elements (floats, or ints for labels and connection lists).
 * A slice shares its parent's memory and is freed with it.
 */
public interface DeviceBuffer {

    int length();

    /** Elements {@code [offset, offset + length)} of this buffer. */
    DeviceBuffer slice(int offset, int length);
}
