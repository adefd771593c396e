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

// chunk_sums[c, j] = sum_b partial[b, j] over the chunk c: b = c * chunk .. min(n, (c + 1) * chunk) - 1 in order.
// The first of two passes over a large batch: sum_over_batch alone has only m threads, each walking all n images,
// which leaves the GPU nearly idle when m is small (a subsampling layer has 6 or 16 coefficients). The chunk is
// chosen from n alone, so the result still does not depend on the launch.
extern "C" __global__ void sum_over_batch_chunks(const float* partial, float* chunk_sums, int n, int m, int chunk) {
    int chunks = (n + chunk - 1) / chunk;
    GRID_STRIDE(t, chunks * m) {
        int c = t / m;
        int j = t % m;
        int end = (c + 1) * chunk < n ? (c + 1) * chunk : n;
        float sum = 0.0f;
        for (int b = c * chunk; b < end; b++) sum += partial[b * m + j];
        chunk_sums[t] = sum;
    }
}
