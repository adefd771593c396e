package org.lenetbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies between Java arrays and ND4J's native buffers without allocating (the buffers are viewed in place). */
final class Nd4jArrays {
    private Nd4jArrays() {
    }

    /** Writes {@code values[0 .. length)} into a contiguous C-order array. */
    static void write(INDArray target, float[] values, int length) {
        requireDense(target);
        target.data().asNioFloat().put(values, 0, length);
    }

    /** Reads the first {@code length} elements of {@code source} in C order into {@code out}. */
    static void read(INDArray source, float[] out, int length) {
        INDArray dense = isDense(source) ? source : source.dup('c');
        dense.data().asNioFloat().get(out, 0, length);
    }

    /** A new Java array with every element of {@code source} in C order. */
    static float[] read(INDArray source) {
        float[] out = new float[(int) source.length()];
        read(source, out, out.length);
        return out;
    }

    /** A canonical int shape as ND4J's long shape. */
    static long[] shape(int[] shape) {
        return java.util.Arrays.stream(shape).asLongStream().toArray();
    }

    private static boolean isDense(INDArray a) {
        return !a.isView() && a.ordering() == 'c' && a.data().length() == a.length();
    }

    private static void requireDense(INDArray a) {
        if (!isDense(a)) {
            throw new IllegalStateException("dl4j: expected a contiguous C-order array, got " + a.shapeInfoToString());
        }
    }
}
