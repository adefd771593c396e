// Fully connected layers (C5, F6, the linear output) as one tiled matrix product, C = A B (+ a bias per column,
// then the fused activation):
//   forward          y [n, out]  = f(x [n, in] · weightᵀ + bias),
//   input gradient   dx [n, in]  = dy [n, out] · weight [out, in],
//   weight gradient  dw [out, in] = dyᵀ · x, summed over the batch.
// A and B are read through strides, A(i, l) = a[i * aRow + l * aCol] and B(l, j) = b[l * bRow + j * bCol], so
// the transposes cost nothing. A block of GEMM_THREADS threads computes a GEMM_TILE × GEMM_TILE tile of C, each
// thread a 4 × 4 of it in registers, from GEMM_DEPTH-deep slices of A and B staged in shared memory.
// Every element of C is summed by one thread over l in order, so the result does not depend on the launch.
// A long product (the weight gradient over a large batch) is split into slices of `depth`: slice s writes
// c + s·m·n, and the caller adds the slices in order (sum_over_batch).
#include "lenet_common.cuh"

#define GEMM_TILE 64
#define GEMM_DEPTH 16
#define GEMM_THREADS 256 // 16 × 16 threads, 4 × 4 elements of C each
#define GEMM_SIDE 16

template <bool BIAS>
__device__ void gemm_tiles(const float* a, int aRow, int aCol, const float* b, int bRow, int bCol,
        const float* bias, int activation, float* c, int m, int n, int k, int depth) {
    // +1: a thread's stores along l land in different banks
    __shared__ float as[GEMM_DEPTH][GEMM_TILE + 1];
    __shared__ float bs[GEMM_DEPTH][GEMM_TILE + 1];
    int tilesDown = (m + GEMM_TILE - 1) / GEMM_TILE;
    int tilesAcross = (n + GEMM_TILE - 1) / GEMM_TILE;
    int tiles = tilesDown * tilesAcross;
    int slices = (k + depth - 1) / depth;
    int tx = threadIdx.x % GEMM_SIDE;
    int ty = threadIdx.x / GEMM_SIDE;
    for (int item = blockIdx.x; item < tiles * slices; item += gridDim.x) { // the same for every thread
        int slice = item / tiles;
        int i0 = (item % tiles) / tilesAcross * GEMM_TILE;
        int j0 = (item % tiles) % tilesAcross * GEMM_TILE;
        int lBegin = slice * depth;
        int lEnd = lBegin + depth < k ? lBegin + depth : k;
        float sum[4][4] = {};
        for (int l0 = lBegin; l0 < lEnd; l0 += GEMM_DEPTH) {
            for (int q = 0; q < GEMM_TILE * GEMM_DEPTH / GEMM_THREADS; q++) {
                int e = threadIdx.x + q * GEMM_THREADS;
                // neighbouring threads read neighbouring addresses, whichever way A and B are laid out
                int al = aCol == 1 ? e % GEMM_DEPTH : e / GEMM_TILE;
                int ai = aCol == 1 ? e / GEMM_DEPTH : e % GEMM_TILE;
                int bl = bCol == 1 ? e / GEMM_TILE : e % GEMM_DEPTH;
                int bj = bCol == 1 ? e % GEMM_TILE : e / GEMM_DEPTH;
                bool aInside = i0 + ai < m && l0 + al < lEnd;
                bool bInside = j0 + bj < n && l0 + bl < lEnd;
                as[al][ai] = aInside ? a[(i0 + ai) * aRow + (l0 + al) * aCol] : 0.0f;
                bs[bl][bj] = bInside ? b[(l0 + bl) * bRow + (j0 + bj) * bCol] : 0.0f;
            }
            __syncthreads();
            int steps = lEnd - l0 < GEMM_DEPTH ? lEnd - l0 : GEMM_DEPTH;
            for (int l = 0; l < steps; l++) {
                float av[4], bv[4];
                for (int r = 0; r < 4; r++) av[r] = as[l][ty + r * GEMM_SIDE];
                for (int s = 0; s < 4; s++) bv[s] = bs[l][tx + s * GEMM_SIDE];
                for (int r = 0; r < 4; r++) {
                    for (int s = 0; s < 4; s++) sum[r][s] += av[r] * bv[s];
                }
            }
            __syncthreads();
        }
        float* out = c + (long long) slice * m * n;
        for (int r = 0; r < 4; r++) {
            int i = i0 + ty + r * GEMM_SIDE;
            for (int s = 0; s < 4; s++) {
                int j = j0 + tx + s * GEMM_SIDE;
                if (i < m && j < n) out[i * n + j] = BIAS ? lenet_activate(activation, sum[r][s] + bias[j]) : sum[r][s];
            }
        }
    }
}

extern "C" __global__ void gemm(const float* a, int aRow, int aCol, const float* b, int bRow, int bCol,
        float* c, int m, int n, int k, int depth) {
    gemm_tiles<false>(a, aRow, aCol, b, bRow, bCol, nullptr, ACT_IDENTITY, c, m, n, k, depth);
}

extern "C" __global__ void gemm_plus_bias(const float* a, int aRow, int aCol, const float* b, int bRow, int bCol,
        const float* bias, int activation, float* c, int m, int n, int k) {
    gemm_tiles<true>(a, aRow, aCol, b, bRow, bCol, bias, activation, c, m, n, k, k);
}
