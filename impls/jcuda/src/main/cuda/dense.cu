// Fully connected layers (C5, F6, the linear output): y = W x + b over the input flattened in (C, H, W) order.
// Layouts: x [n, in], weight [out, in], y [n, out].
#include "lenet_common.cuh"

extern "C" __global__ void dense_forward(const float* x, const float* weight, const float* bias, float* y,
        int n, int in, int out) {
    GRID_STRIDE(idx, n * out) {
        int o = idx % out;
        int b = idx / out;
        const float* row = weight + o * in;
        const float* input = x + b * in;
        float sum = bias[o];
        for (int j = 0; j < in; j++) sum += row[j] * input[j];
        y[idx] = sum;
    }
}

extern "C" __global__ void dense_backward_input(const float* dy, const float* weight, float* dx,
        int n, int in, int out) {
    GRID_STRIDE(idx, n * in) {
        int j = idx % in;
        int b = idx / in;
        float sum = 0.0f;
        for (int o = 0; o < out; o++) sum += weight[o * in + j] * dy[b * out + o];
        dx[idx] = sum;
    }
}

// dweight [out, in] then dbias [out], summed over the batch in a fixed order (one thread per gradient).
extern "C" __global__ void dense_backward_params(const float* x, const float* dy, float* dweight, float* dbias,
        int n, int in, int out) {
    GRID_STRIDE(idx, out * in + out) {
        float sum = 0.0f;
        if (idx < out * in) {
            int j = idx % in;
            int o = idx / in;
            for (int b = 0; b < n; b++) sum += dy[b * out + o] * x[b * in + j];
            dweight[idx] = sum;
        } else {
            int o = idx - out * in;
            for (int b = 0; b < n; b++) sum += dy[b * out + o];
            dbias[o] = sum;
        }
    }
}
