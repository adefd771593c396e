// Lets the kernel files compile as plain C++ (g++ -include cuda_host_shim.h), so that a test can run the real
// kernel code on the CPU. The CUDA built-ins become globals that the test's launcher sets before calling a
// kernel once per simulated thread (cuda_host_shim.cpp). Sequential: races are left to the GPU run.
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
