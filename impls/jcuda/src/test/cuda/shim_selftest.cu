// Kernels that test the host shim itself (HostShimTest): shared memory with and without the barrier it needs,
// a race that only some schedules show, a warp-shuffle sum, and a barrier that not every thread reaches.
// Compiled for the host only.
#include "lenet_common.cuh"

#define SELFTEST_THREADS 64

// out[b * 64 + t] = in[b * 64 + 63 - t]: each thread stores one value in shared memory and reads another's.
extern "C" __global__ void shim_reverse_blocks(const float* in, float* out) {
    __shared__ float tile[SELFTEST_THREADS];
    int base = blockIdx.x * SELFTEST_THREADS;
    tile[threadIdx.x] = in[base + threadIdx.x];
    __syncthreads();
    out[base + threadIdx.x] = tile[SELFTEST_THREADS - 1 - threadIdx.x];
}

// The same without the barrier: wrong wherever a thread reads its partner's slot before the partner wrote it.
extern "C" __global__ void shim_reverse_blocks_without_barrier(const float* in, float* out) {
    __shared__ float tile[SELFTEST_THREADS];
    int base = blockIdx.x * SELFTEST_THREADS;
    tile[threadIdx.x] = in[base + threadIdx.x];
    out[base + threadIdx.x] = tile[SELFTEST_THREADS - 1 - threadIdx.x];
}

// out[b * 64 + t] = in[b * 64 + t + 1] (the last thread its own), with no barrier: right only where each thread's
// right-hand neighbour ran first, as it does when the last thread runs first.
extern "C" __global__ void shim_shift_without_barrier(const float* in, float* out) {
    __shared__ float tile[SELFTEST_THREADS];
    int base = blockIdx.x * SELFTEST_THREADS;
    tile[threadIdx.x] = in[base + threadIdx.x];
    out[base + threadIdx.x] = tile[threadIdx.x + 1 < SELFTEST_THREADS ? threadIdx.x + 1 : threadIdx.x];
}

// sums[w] = the sum of warp w's 32 values, by a butterfly of xor shuffles; every lane ends with it.
extern "C" __global__ void shim_warp_sums(const float* in, float* sums) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    float value = in[i];
    for (int offset = 16; offset > 0; offset /= 2) value += __shfl_xor_sync(0xffffffffu, value, offset);
    if (threadIdx.x % 32 == 31) sums[i / 32] = value;
}

// Only half the block reaches the barrier: undefined on a GPU, refused by the shim.
extern "C" __global__ void shim_barrier_in_divergent_code(float* out) {
    if (threadIdx.x < SELFTEST_THREADS / 2) __syncthreads();
    out[threadIdx.x] = 1.0f;
}
