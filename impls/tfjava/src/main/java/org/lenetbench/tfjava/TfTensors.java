package org.lenetbench.tfjava;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Bulk copies between Java arrays and TensorFlow tensors (the tensor's memory is native). */
final class TfTensors {
    private TfTensors() {
    }

    static void write(Tensor tensor, float[] src, int length) {
        tensor.asRawTensor().data().asFloats().write(src, 0, length);
    }

    static void write(Tensor tensor, int[] src, int length) {
        tensor.asRawTensor().data().asInts().write(src, 0, length);
    }

    static void read(Tensor tensor, float[] dst, int length) {
        tensor.asRawTensor().data().asFloats().read(dst, 0, length);
    }

    static float[] read(Tensor tensor) {
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        read(tensor, values, values.length);
        return values;
    }

    static TFloat32 floats(long[] shape, float[] values) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }
}
