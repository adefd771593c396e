// The simulated thread's coordinates, and the call the Java launcher makes before each simulated thread.
#include "cuda_host_shim.h"

lenet_dim3 blockIdx = {0, 0, 0}, threadIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};

extern "C" void lenet_shim_set_thread(int block, int thread, int threadsPerBlock, int blocks) {
    blockIdx.x = block;
    threadIdx.x = thread;
    blockDim.x = threadsPerBlock;
    gridDim.x = blocks;
}
