// Lets the kernel files compile as plain C++ (g++ -include cuda_host_shim.h), so that a test can run the real
// kernel code on the CPU. The CUDA built-ins become globals that the scheduler (cuda_host_shim.cpp) sets for each
// simulated thread. Every thread of a block is a fiber: one runs at a time, in the schedule's order (the last
// thread first, the first first, or shuffled), each until it returns or waits at a barrier (__syncthreads, or a
// warp shuffle). So barriers and shared memory behave as on the GPU, and a missing barrier shows as a wrong
// result in one order or another; the GPU's float rounding and interleavings finer than a barrier's are left to
// the GPU run.
#pragma once
#include <cmath>

struct lenet_dim3 {
    unsigned int x, y, z;
};

extern lenet_dim3 blockIdx, threadIdx, blockDim, gridDim;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
// Blocks run one after another, so a function's static is the running block's shared memory.
#define __shared__ static
#define warpSize 32

void lenet_shim_sync_block();
void lenet_shim_sync_warp();
float lenet_shim_shuffle(float value, unsigned int sourceLane);

#define __syncthreads() lenet_shim_sync_block()
#define __syncwarp(...) lenet_shim_sync_warp()

// The masks name the lanes taking part; every kernel here shuffles with the whole warp, which the shim requires.
inline float __shfl_sync(unsigned int, float value, int sourceLane) {
    return lenet_shim_shuffle(value, static_cast<unsigned int>(sourceLane) & 31u);
}
inline float __shfl_xor_sync(unsigned int, float value, int laneMask) {
    return lenet_shim_shuffle(value, (threadIdx.x & 31u) ^ static_cast<unsigned int>(laneMask & 31));
}
inline float __shfl_down_sync(unsigned int, float value, unsigned int delta) {
    unsigned int lane = threadIdx.x & 31u;
    return lenet_shim_shuffle(value, lane + delta < 32u ? lane + delta : lane);
}
