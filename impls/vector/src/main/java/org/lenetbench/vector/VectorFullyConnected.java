package org.lenetbench.vector;

import java.util.Arrays;

import org.lenetbench.model.Shape;

/** {@code y = W·x + b}: one dot per output forward; backward one axpy into dW and one into dx per output. */
final class VectorFullyConnected extends VectorLayer {
    private final float[] w;
    private final float[] b;
    private final int dw;
    private final int db;
    private final FloatOps ops;

    /** {@code out}: a vector, or maps of 1×1 where a convolution is computed as this layer (see VectorLayer.of). */
    VectorFullyConnected(String name, Shape in, Shape out, FloatParameters params, FloatOps ops) {
        super(in, out);
        this.w = params.value(name + ".weight");
        this.b = params.value(name + ".bias");
        this.dw = params.gradientIndex(name + ".weight");
        this.db = params.gradientIndex(name + ".bias");
        this.ops = ops;
    }

    @Override
    void forward(float[] x, float[] y, float[] scratch) {
        int n = in.size();
        for (int i = 0; i < out.size(); i++) {
            y[i] = b[i] + ops.dot(w, i * n, x, 0, n);
        }
    }

    @Override
    void backward(float[] x, float[] y, float[] dy, float[] dx, float[][] gradients, float[] scratch) {
        int n = in.size();
        float[] gw = gradients[dw];
        float[] gb = gradients[db];
        if (dx != null) {
            Arrays.fill(dx, 0);
        }
        for (int i = 0; i < out.size(); i++) {
            gb[i] += dy[i];
            ops.axpy(dy[i], x, 0, gw, i * n, n);
            if (dx != null) {
                ops.axpy(dy[i], w, i * n, dx, 0, n);
            }
        }
    }
}
