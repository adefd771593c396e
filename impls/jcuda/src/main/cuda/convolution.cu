// Convolution (cross-correlation, stride 1, zero padding) with a connection table. The table arrives as two
// compressed lists so that C3 touches only its 60 connected map pairs:
//   inputsOf[inStart[o] .. inStart[o+1])   the input maps output map o reads (forward, weight gradient),
//   outputsOf[outStart[i] .. outStart[i+1]) the output maps that read input map i (input gradient).
// Layouts: x [n, cin, h, w], weight [cout, cin, k, k], y [n, cout, ho, wo].
#include "lenet_common.cuh"

extern "C" __global__ void conv_forward(const float* x, const float* weight, const float* bias,
        const int* inStart, const int* inputsOf, float* y,
        int n, int cin, int h, int w, int cout, int k, int pad, int ho, int wo) {
    GRID_STRIDE(idx, n * cout * ho * wo) {
        int ox = idx % wo;
        int oy = (idx / wo) % ho;
        int o = (idx / (wo * ho)) % cout;
        int b = idx / (wo * ho * cout);
        float sum = bias[o];
        for (int t = inStart[o]; t < inStart[o + 1]; t++) {
            int i = inputsOf[t];
            const float* plane = x + (b * cin + i) * h * w;
            const float* kernel = weight + (o * cin + i) * k * k;
            for (int ky = 0; ky < k; ky++) {
                int iy = oy + ky - pad;
                if (iy < 0 || iy >= h) continue;
                for (int kx = 0; kx < k; kx++) {
                    int ix = ox + kx - pad;
                    if (ix < 0 || ix >= w) continue;
                    sum += kernel[ky * k + kx] * plane[iy * w + ix];
                }
            }
        }
        y[idx] = sum;
    }
}

// dx[b, i, iy, ix] = sum over the output maps o reading i, and the kernel taps that touch (iy, ix).
extern "C" __global__ void conv_backward_input(const float* dy, const float* weight,
        const int* outStart, const int* outputsOf, float* dx,
        int n, int cin, int h, int w, int cout, int k, int pad, int ho, int wo) {
    GRID_STRIDE(idx, n * cin * h * w) {
        int ix = idx % w;
        int iy = (idx / w) % h;
        int i = (idx / (w * h)) % cin;
        int b = idx / (w * h * cin);
        float sum = 0.0f;
        for (int t = outStart[i]; t < outStart[i + 1]; t++) {
            int o = outputsOf[t];
            const float* grad = dy + (b * cout + o) * ho * wo;
            const float* kernel = weight + (o * cin + i) * k * k;
            for (int ky = 0; ky < k; ky++) {
                int oy = iy + pad - ky;
                if (oy < 0 || oy >= ho) continue;
                for (int kx = 0; kx < k; kx++) {
                    int ox = ix + pad - kx;
                    if (ox < 0 || ox >= wo) continue;
                    sum += kernel[ky * k + kx] * grad[oy * wo + ox];
                }
            }
        }
        dx[idx] = sum;
    }
}

// One image's share of the weight gradient, partial[b, o, i, ky, kx]; zero for a missing connection, so the
// batch sum (sum_over_batch) leaves C3's absent weights with a zero gradient.
extern "C" __global__ void conv_weight_partial(const float* x, const float* dy, const int* connected,
        float* partial, int n, int cin, int h, int w, int cout, int k, int pad, int ho, int wo) {
    int weights = cout * cin * k * k;
    GRID_STRIDE(idx, n * weights) {
        int kx = idx % k;
        int ky = (idx / k) % k;
        int i = (idx / (k * k)) % cin;
        int o = (idx / (k * k * cin)) % cout;
        int b = idx / weights;
        float sum = 0.0f;
        if (connected[o * cin + i]) {
            const float* plane = x + (b * cin + i) * h * w;
            const float* grad = dy + (b * cout + o) * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int iy = oy + ky - pad;
                if (iy < 0 || iy >= h) continue;
                for (int ox = 0; ox < wo; ox++) {
                    int ix = ox + kx - pad;
                    if (ix < 0 || ix >= w) continue;
                    sum += grad[oy * wo + ox] * plane[iy * w + ix];
                }
            }
        }
        partial[idx] = sum;
    }
}
