// The GPU's limits, measured rather than taken from a data sheet: the fp32 FMA rate and the memory bandwidth,
// so that the report can show each jcuda result as a fraction of what this GPU can do.
#include "lenet_common.cuh"

#define PEAK_CHAINS 8

// (nvcc unrolls the constant-length chain loops, so x[] lives in registers.)
// Each of count lanes runs PEAK_CHAINS independent FMA chains for `rounds` rounds (2 FLOP per FMA): enough
// independent work per thread to hide the FMA latency. a and b come from the host, so nothing folds at compile
// time; the sum is stored so that nothing is dead code.
extern "C" __global__ void fma_peak(float* out, int count, int rounds, float a, float b) {
    GRID_STRIDE(i, count) {
        float x[PEAK_CHAINS];
        for (int c = 0; c < PEAK_CHAINS; c++) x[c] = (float)(i + c);
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < PEAK_CHAINS; c++) x[c] = fmaf(x[c], a, b);
        }
        float sum = 0.0f;
        for (int c = 0; c < PEAK_CHAINS; c++) sum += x[c];
        out[i] = sum;
    }
}

// STREAM triad: a = b + s c, 12 bytes moved per element.
extern "C" __global__ void triad(float* a, const float* b, const float* c, float s, int count) {
    GRID_STRIDE(i, count) {
        a[i] = b[i] + s * c[i];
    }
}
