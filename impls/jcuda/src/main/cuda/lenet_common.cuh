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
#define POOL_TRAINABLE 0
#define POOL_AVERAGE 1
#define POOL_MAX 2
