package org.lenetbench.vector;

import java.util.Arrays;

/** The plain-loop definition of {@link FloatOps}. */
final class ScalarOps implements FloatOps {
    static final ScalarOps INSTANCE = new ScalarOps();

    private ScalarOps() {
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    private static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public void multiplyTransposed(float[] wt, int stride, int n, float[] x, float[] out, int outOff) {
        for (int o = 0; o < stride; o++) {
            float s = 0;
            for (int i = 0; i < n; i++) {
                s += wt[i * stride + o] * x[i];
            }
            out[outOff + o] = s;
        }
    }

    @Override
    public void multiplyTransposedFour(float[] wt, int stride, int n, float[][] xs, int first, float[] out,
            int outOff) {
        for (int s = 0; s < 4; s++) {
            multiplyTransposed(wt, stride, n, xs[first + s], out, outOff + s * stride);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            for (int v = 0; v < k; v++) {
                s += w[wOff + v] * x[xOff + i + v];
            }
            y[yOff + i] = s;
        }
    }

    @Override
    public void convolvePlane(float[] w, int wOff, int k, float[] x, int xOff, int stride, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    s += w[wOff + u * k + v] * x[xOff + u * stride + i + v];
                }
            }
            y[yOff + i] = s;
        }
    }

    @Override
    public void convolveBand(float[] w, int wOff, int k, float[] x, int xOff, int stride, int firstRow, int endRow,
            float[] y, int yOff, int n) {
        convolvePlane(w, wOff, k, x, xOff, stride, y, yOff, n);
    }

    @Override
    public void interleave(float[][] samples, int first, int from, int n, float[] out, int outOff) {
        System.arraycopy(samples[first], from, out, outOff, n);
    }

    @Override
    public void deinterleave(float[] in, int inOff, int n, float[][] samples, int first, int to) {
        System.arraycopy(in, inOff, samples[first], to, n);
    }

    @Override
    public void convolveFiveInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        for (int t = 0; t < 5; t++) {
            float s = bias;
            for (int m = 0; m < kernels.length; m++) {
                for (int u = firstRow; u < endRow; u++) {
                    for (int v = 0; v < 5; v++) {
                        s += w[kernels[m] + u * 5 + v] * x[planes[m] + xOff + u * rowStride + t + v];
                    }
                }
            }
            y[yOff + t] = s;
        }
    }

    @Override
    public void convolveTenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        convolveFiveInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
        convolveFiveInLanes(w, kernels, bias, x, planes, xOff + 5, rowStride, firstRow, endRow, y, yOff + 5);
    }

    @Override
    public void convolveFourteenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        convolveTenInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
        convolveFiveInLanes(w, kernels, bias, x, planes, xOff + 9, rowStride, firstRow, endRow, y, yOff + 9);
    }

    @Override
    public void fullConvolveTenInLanes(float[] w, int[] kernels, float[] d, int[] planes, int dOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff) {
        for (int t = 0; t < 14; t++) {
            float s = 0f;
            for (int m = 0; m < kernels.length; m++) {
                for (int u = firstRow; u < endRow; u++) {
                    for (int v = Math.max(0, 4 - t); v < Math.min(5, 14 - t); v++) {
                        s += w[kernels[m] + u * 5 + v] * d[planes[m] + dOff + u * rowStride + t + v - 4];
                    }
                }
            }
            y[yOff + t] = s;
        }
    }

    @Override
    public void correlateInLanes(float[] d, int dOff, int dRowStride, int rows, int n, float[] x, int xOff,
            int xRowStride, float[] out, int outOff) {
        for (int u = 0; u < 5; u++) {
            for (int v = 0; v < 5; v++) {
                float s = out[outOff + u * 5 + v];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        s += d[dOff + i * dRowStride + j] * x[xOff + (i + u) * xRowStride + j + v];
                    }
                }
                out[outOff + u * 5 + v] = s;
            }
        }
    }

    @Override
    public void correlateRow(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out, int outOff) {
        for (int v = 0; v < k; v++) {
            out[outOff + v] += dot(g, gOff, x, xOff + v, n);
        }
    }

    @Override
    public void correlatePlane(float[] g, int gOff, float[] x, int xOff, int stride, int k, int n, float[] out,
            int outOff) {
        for (int u = 0; u < k; u++) {
            correlateRow(g, gOff, x, xOff + u * stride, k, n, out, outOff + u * k);
        }
    }

    @Override
    public void weightedRowSum(float[] w, int wOff, int rows, int n, float[] a, int aOff, float[] y, int yOff) {
        Arrays.fill(y, yOff, yOff + n, 0f);
        for (int i = 0; i < rows; i++) {
            axpy(a[aOff + i], w, wOff + i * n, y, yOff, n);
        }
    }

    @Override
    public void weightedRowSumFour(float[] w, int rows, int n, float[][] as, float[][] ys, int first) {
        for (int s = first; s < first + 4; s++) {
            weightedRowSum(w, 0, rows, n, as[s], 0, ys[s], 0);
        }
    }

    @Override
    public void addOuterProducts(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n, float[] g, int gOff) {
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < rows; i++) {
                axpy(a[aOff + s * rows + i], x, xOff + s * n, g, gOff + i * n, n);
            }
        }
    }

    @Override
    public void subsampleRow(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] = scale * windowSum(x, a + 2 * j, b + 2 * j) + shift;
        }
    }

    @Override
    public void subsampleRowInLanes(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        subsampleRow(x, a, b, scale, shift, y, yOff, n); // one lane: the plain layout
    }

    @Override
    public float subsampleBackward(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
            float[] dx) {
        float scaleGradient = 0;
        for (int i = 0; i < rows; i++) {
            int a = xOff + 2 * i * width;
            int b = a + width;
            for (int j = 0; j < n; j++) {
                float gj = g[gOff + i * n + j];
                scaleGradient += windowSum(x, a + 2 * j, b + 2 * j) * gj;
                float toEach = scale * gj;
                dx[a + 2 * j] = toEach;
                dx[a + 2 * j + 1] = toEach;
                dx[b + 2 * j] = toEach;
                dx[b + 2 * j + 1] = toEach;
            }
        }
        return scaleGradient;
    }

    @Override
    public float subsampleBackwardInLanes(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n,
            float scale, RationalTanh squashedInput, float[] dx) {
        float scaleGradient = subsampleBackward(x, xOff, width, g, gOff, rows, n, scale, dx); // one lane: plain layout
        if (squashedInput != null) {
            for (int i = 0; i < 2 * rows; i++) {
                for (int j = xOff + i * width, end = j + 2 * n; j < end; j++) {
                    dx[j] *= squashedInput.derivative(x[j]);
                }
            }
        }
        return scaleGradient;
    }

    /** A 2×2 window's sum, columns first: the order the vector path adds in. */
    @Override
    public void maxPoolRowInLanes(float[] x, int a, int b, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] = x[firstLargest(x, a + 2 * j, b + 2 * j)];
        }
    }

    @Override
    public void maxPoolBackwardRowInLanes(float[] x, int a, int b, float[] g, int gOff, float[] dx, int n) {
        for (int j = 0; j < n; j++) {
            int top = a + 2 * j, bottom = b + 2 * j;
            int from = firstLargest(x, top, bottom);
            dx[top] = 0;
            dx[top + 1] = 0;
            dx[bottom] = 0;
            dx[bottom + 1] = 0;
            dx[from] = g[gOff + j];
        }
    }

    /** The index of a 2×2 window's first largest input, its rows starting at a and b. */
    private static int firstLargest(float[] x, int a, int b) {
        int best = a;
        best = x[a + 1] > x[best] ? a + 1 : best;
        best = x[b] > x[best] ? b : best;
        return x[b + 1] > x[best] ? b + 1 : best;
    }

    private static float windowSum(float[] x, int a, int b) {
        return (x[a] + x[b]) + (x[a + 1] + x[b + 1]);
    }

    @Override
    public void scaledTanh(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = f.apply(x[xOff + i]);
        }
    }

    @Override
    public void scaledTanhBackward(RationalTanh f, float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = f.derivative(y[i]) * dy[i];
        }
    }

    @Override
    public void relu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0f;
        }
    }

    @Override
    public void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float b2, float c1,
            float c2, float lr, float eps) {
        for (int i = from; i < to; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= lr * (m[i] * c1) / ((float) Math.sqrt(v[i] * c2) + eps);
        }
    }

    @Override
    public int lanes() {
        return 1;
    }
}
