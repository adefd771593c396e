// Shared by every kernel file. Every kernel is a grid-stride loop over its outputs: one launch covers any
// size with any grid, and each output is written by exactly one thread (no atomics, no shared memory), so
// results are the same on every run and every launch configuration.
#pragma once

#define GRID_STRIDE(i, count) \
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (count); i += blockDim.x * gridDim.x)

// LeCun 1998, Appendix A: f(a) = A tanh(S a).
#define SCALED_TANH_A 1.7159f
#define SCALED_TANH_S (2.0f / 3.0f)

// Activation and subsampling kinds, as the host passes them (JcudaKinds.java holds the same numbers).
#define ACT_SCALED_TANH 0
#define ACT_TANH 1
#define ACT_RELU 2
#define ACT_IDENTITY 3 // a layer with no activation fused into it
#define POOL_TRAINABLE 0
#define POOL_AVERAGE 1
#define POOL_MAX 2

// The activation a layer's forward kernel applies to what it stores (the network fuses a layer and the activation
// after it).
__device__ __forceinline__ float lenet_activate(int kind, float v) {
    if (kind == ACT_SCALED_TANH) return SCALED_TANH_A * tanhf(SCALED_TANH_S * v);
    if (kind == ACT_TANH) return tanhf(v);
    if (kind == ACT_RELU) return v > 0.0f ? v : 0.0f;
    return v;
}
