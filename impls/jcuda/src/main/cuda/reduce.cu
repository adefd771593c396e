// Fixed-order sums that turn per-image partial gradients into the batch's gradient.
#include "lenet_common.cuh"

// out[m] = sum_b partial[b, m], b = 0 .. n-1 in order.
extern "C" __global__ void sum_over_batch(const float* partial, float* out, int n, int m) {
    GRID_STRIDE(j, m) {
        float sum = 0.0f;
        for (int b = 0; b < n; b++) sum += partial[b * m + j];
        out[j] = sum;
    }
}

// out[r] = sum of the row src[r, 0 .. length): a convolution's bias gradient per (image, map).
extern "C" __global__ void sum_rows(const float* src, float* out, int rows, int length) {
    GRID_STRIDE(r, rows) {
        float sum = 0.0f;
        for (int t = 0; t < length; t++) sum += src[r * length + t];
        out[r] = sum;
    }
}
