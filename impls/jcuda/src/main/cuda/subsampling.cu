// Non-overlapping window x window subsampling per map: trainable (coef * window sum + bias, LeNet-5's S2/S4),
// average, or max (the gradient goes to the first largest element in row-major window order). The forward pass
// applies the fused activation (lenet_activate) to what it stores.
// Layouts: x [n, c, h, w], y [n, c, h/window, w/window].
#include "lenet_common.cuh"

extern "C" __global__ void subsample_forward(const float* x, const float* coef, const float* bias, float* y,
        int kind, int n, int c, int h, int w, int window, int activation) {
    int ho = h / window, wo = w / window;
    GRID_STRIDE(idx, n * c * ho * wo) {
        int ox = idx % wo;
        int oy = (idx / wo) % ho;
        int plane = idx / (wo * ho);
        int m = plane % c;
        const float* in = x + plane * h * w + (oy * window) * w + ox * window;
        float sum = 0.0f;
        float largest = in[0];
        for (int dy = 0; dy < window; dy++) {
            for (int dx = 0; dx < window; dx++) {
                float v = in[dy * w + dx];
                sum += v;
                largest = v > largest ? v : largest;
            }
        }
        float out;
        if (kind == POOL_TRAINABLE) {
            out = coef[m] * sum + bias[m];
        } else if (kind == POOL_AVERAGE) {
            out = sum / (float) (window * window);
        } else {
            out = largest;
        }
        y[idx] = lenet_activate(activation, out);
    }
}

extern "C" __global__ void subsample_backward_input(const float* x, const float* dy, const float* coef, float* dx,
        int kind, int n, int c, int h, int w, int window) {
    int ho = h / window, wo = w / window;
    GRID_STRIDE(idx, n * c * h * w) {
        int ix = idx % w;
        int iy = (idx / w) % h;
        int plane = idx / (w * h);
        int m = plane % c;
        int oy = iy / window, ox = ix / window;
        float g = dy[(plane * ho + oy) * wo + ox];
        float out;
        if (kind == POOL_TRAINABLE) {
            out = coef[m] * g;
        } else if (kind == POOL_AVERAGE) {
            out = g / (float) (window * window);
        } else {
            // the first largest element of the window takes the whole gradient
            const float* in = x + plane * h * w + (oy * window) * w + ox * window;
            int first = 0;
            for (int t = 1; t < window * window; t++) {
                if (in[(t / window) * w + t % window] > in[(first / window) * w + first % window]) first = t;
            }
            int mine = (iy - oy * window) * window + (ix - ox * window);
            out = mine == first ? g : 0.0f;
        }
        dx[idx] = out;
    }
}

// One image's share of the trainable coefficient and bias gradients per map, partial[b, m]: a warp per (image,
// map), its lanes over the output positions (neighbouring lanes, neighbouring addresses), then an xor butterfly.
// Every lane of a butterfly adds the same two values, so the order of the additions is fixed. For blocks of
// 256 threads; the warps loop over the (image, map) pairs grid-stride.
extern "C" __global__ void subsample_param_partial(const float* x, const float* dy, float* coefPartial,
        float* biasPartial, int n, int c, int h, int w, int window) {
    int ho = h / window, wo = w / window;
    int lane = threadIdx.x % 32;
    int warps = gridDim.x * blockDim.x / 32;
    for (int plane = (blockIdx.x * blockDim.x + threadIdx.x) / 32; plane < n * c; plane += warps) {
        float coefSum = 0.0f, biasSum = 0.0f;
        for (int p = lane; p < ho * wo; p += 32) {
            const float* in = x + plane * h * w + (p / wo * window) * w + p % wo * window;
            float sum = 0.0f;
            for (int dy2 = 0; dy2 < window; dy2++) {
                for (int dx2 = 0; dx2 < window; dx2++) sum += in[dy2 * w + dx2];
            }
            float g = dy[plane * ho * wo + p];
            coefSum += g * sum;
            biasSum += g;
        }
        for (int offset = 16; offset > 0; offset /= 2) {
            coefSum += __shfl_xor_sync(0xffffffffu, coefSum, offset);
            biasSum += __shfl_xor_sync(0xffffffffu, biasSum, offset);
        }
        if (lane == 0) {
            coefPartial[plane] = coefSum;
            biasPartial[plane] = biasSum;
        }
    }
}
