// Element-wise squashing functions. The backward pass reads the activation's output y, not its input:
// A tanh(S a)' = S (A - y^2 / A), tanh' = 1 - y^2, relu' = [y > 0] (0 at a = 0, as the contract says).
#include "lenet_common.cuh"

extern "C" __global__ void activation_forward(const float* a, float* y, int kind, int count) {
    GRID_STRIDE(i, count) y[i] = lenet_activate(kind, a[i]);
}

extern "C" __global__ void activation_backward(const float* y, const float* dy, float* da, int kind, int count) {
    GRID_STRIDE(i, count) {
        float v = y[i];
        float slope;
        if (kind == ACT_SCALED_TANH) {
            slope = SCALED_TANH_S * (SCALED_TANH_A - v * v / SCALED_TANH_A);
        } else if (kind == ACT_TANH) {
            slope = 1.0f - v * v;
        } else {
            slope = v > 0.0f ? 1.0f : 0.0f;
        }
        da[i] = dy[i] * slope;
    }
}
