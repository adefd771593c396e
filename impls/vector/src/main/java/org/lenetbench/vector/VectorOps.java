package org.lenetbench.vector;

/**
 * {@link FloatOps} with the Vector API: full vectors with fused multiply-add, then one masked vector for the tail
 * (LeNet's rows are 10 to 28 floats: a scalar tail would be most of the work). Only operations that give the same
 * bits compiled or interpreted (lane-wise IEEE arithmetic, fixed-order lane sums), so results are bit-identical run
 * to run whatever the JIT has compiled so far.
 *
 * <p>The kernels live in families, one class each: {@link DenseKernels}, {@link PlaneConvolutionKernels},
 * {@link PlaneCorrelationKernels}, {@link LaneLayoutKernels}, {@link InLanesKernels} (generated),
 * {@link SubsamplingKernels} and {@link TanhKernels}, all on the species of {@link VectorLanes}. This class only
 * routes the contract's calls to them; C2 inlines each of these one-line methods.
 */
final class VectorOps implements FloatOps {
    static final String BITS_PROPERTY = VectorLanes.BITS_PROPERTY;
    static final VectorOps INSTANCE = new VectorOps();

    private VectorOps() {
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        DenseKernels.axpy(a, x, xOff, y, yOff, n);
    }

    @Override
    public void multiplyTransposed(float[] wt, int stride, int n, float[] x, float[] out, int outOff) {
        DenseKernels.multiplyTransposed(wt, stride, n, x, out, outOff);
    }

    @Override
    public void multiplyTransposedFour(float[] wt, int stride, int n, float[][] xs, int first, float[] out,
            int outOff) {
        DenseKernels.multiplyTransposedFour(wt, stride, n, xs, first, out, outOff);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        return DenseKernels.sum(x, off, n);
    }

    @Override
    public void convolveRow(float[] w, int wOff, int k, float[] x, int xOff, float[] y, int yOff, int n) {
        PlaneConvolutionKernels.convolveRow(w, wOff, k, x, xOff, y, yOff, n);
    }

    @Override
    public void convolvePlane(float[] w, int wOff, int k, float[] x, int xOff, int stride, float[] y, int yOff, int n) {
        PlaneConvolutionKernels.convolvePlane(w, wOff, k, x, xOff, stride, y, yOff, n);
    }

    @Override
    public void convolveBand(float[] w, int wOff, int k, float[] x, int xOff, int stride, int firstRow, int endRow,
            float[] y, int yOff, int n) {
        PlaneConvolutionKernels.convolveBand(w, wOff, k, x, xOff, stride, firstRow, endRow, y, yOff, n);
    }

    @Override
    public void interleave(float[][] samples, int first, int from, int n, float[] out, int outOff) {
        LaneLayoutKernels.interleave(samples, first, from, n, out, outOff);
    }

    @Override
    public void deinterleave(float[] in, int inOff, int n, float[][] samples, int first, int to) {
        LaneLayoutKernels.deinterleave(in, inOff, n, samples, first, to);
    }

    @Override
    public void convolveFiveInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        InLanesKernels.convolveFiveInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
    }

    @Override
    public void convolveTenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        InLanesKernels.convolveTenInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
    }

    @Override
    public void convolveFourteenInLanes(float[] w, int[] kernels, float bias, float[] x, int[] planes, int xOff,
            int rowStride, int firstRow, int endRow, float[] y, int yOff) {
        InLanesKernels.convolveFourteenInLanes(w, kernels, bias, x, planes, xOff, rowStride, firstRow, endRow, y, yOff);
    }

    @Override
    public void fullConvolveTenInLanes(float[] w, int[] kernels, float[] d, int[] planes, int dOff, int rowStride,
            int firstRow, int endRow, float[] y, int yOff) {
        InLanesKernels.fullConvolveTenInLanes(w, kernels, d, planes, dOff, rowStride, firstRow, endRow, y, yOff);
    }

    @Override
    public void correlateInLanes(float[] d, int dOff, int dRowStride, int rows, int n, float[] x, int xOff,
            int xRowStride, float[] out, int outOff) {
        InLanesKernels.correlateInLanes(d, dOff, dRowStride, rows, n, x, xOff, xRowStride, out, outOff);
    }

    @Override
    public void correlateRow(float[] g, int gOff, float[] x, int xOff, int k, int n, float[] out, int outOff) {
        PlaneCorrelationKernels.correlateRow(g, gOff, x, xOff, k, n, out, outOff);
    }

    @Override
    public void correlatePlane(float[] g, int gOff, float[] x, int xOff, int stride, int k, int n, float[] out,
            int outOff) {
        PlaneCorrelationKernels.correlatePlane(g, gOff, x, xOff, stride, k, n, out, outOff);
    }

    @Override
    public void weightedRowSum(float[] w, int wOff, int rows, int n, float[] a, int aOff, float[] y, int yOff) {
        DenseKernels.weightedRowSum(w, wOff, rows, n, a, aOff, y, yOff);
    }

    @Override
    public void weightedRowSumFour(float[] w, int rows, int n, float[][] as, float[][] ys, int first) {
        DenseKernels.weightedRowSumFour(w, rows, n, as, ys, first);
    }

    @Override
    public void addOuterProducts(float[] a, int aOff, float[] x, int xOff, int samples, int rows, int n, float[] g,
            int gOff) {
        DenseKernels.addOuterProducts(a, aOff, x, xOff, samples, rows, n, g, gOff);
    }

    @Override
    public void subsampleRow(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        SubsamplingKernels.subsampleRow(x, a, b, scale, shift, y, yOff, n);
    }

    @Override
    public void subsampleRowInLanes(float[] x, int a, int b, float scale, float shift, float[] y, int yOff, int n) {
        SubsamplingKernels.subsampleRowInLanes(x, a, b, scale, shift, y, yOff, n);
    }

    @Override
    public float subsampleBackward(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n, float scale,
            float[] dx) {
        return SubsamplingKernels.subsampleBackward(x, xOff, width, g, gOff, rows, n, scale, dx);
    }

    @Override
    public float subsampleBackwardInLanes(float[] x, int xOff, int width, float[] g, int gOff, int rows, int n,
            float scale, RationalTanh squashedInput, float[] dx) {
        return SubsamplingKernels.subsampleBackwardInLanes(x, xOff, width, g, gOff, rows, n, scale, squashedInput, dx);
    }

    @Override
    public void maxPoolRowInLanes(float[] x, int a, int b, float[] y, int yOff, int n) {
        SubsamplingKernels.maxPoolRowInLanes(x, a, b, y, yOff, n);
    }

    @Override
    public void maxPoolBackwardRowInLanes(float[] x, int a, int b, float[] g, int gOff, float[] dx, int n) {
        SubsamplingKernels.maxPoolBackwardRowInLanes(x, a, b, g, gOff, dx, n);
    }

    @Override
    public void scaledTanh(RationalTanh f, float[] x, int xOff, float[] y, int yOff, int n) {
        TanhKernels.scaledTanh(f, x, xOff, y, yOff, n);
    }

    @Override
    public void scaledTanhBackward(RationalTanh f, float[] y, float[] dy, float[] dx, int n) {
        TanhKernels.scaledTanhBackward(f, y, dy, dx, n);
    }

    @Override
    public void relu(float[] x, float[] y, int n) {
        ReluKernels.relu(x, y, n);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        ReluKernels.reluBackward(x, dy, dx, n);
    }

    @Override
    public void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float b2, float c1,
            float c2, float lr, float eps) {
        OptimizerKernels.adamStep(w, g, m, v, from, to, b1, b2, c1, c2, lr, eps);
    }

    @Override
    public int lanes() {
        return VectorLanes.COUNT;
    }
}
