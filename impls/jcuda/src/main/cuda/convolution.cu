// Convolution (cross-correlation, stride 1, zero padding) with a connection table. The table arrives as two
// compressed lists so that C3 touches only its 60 connected map pairs:
//   inputsOf[inStart[o] .. inStart[o+1])   the input maps output map o reads (forward, weight gradient),
//   outputsOf[outStart[i] .. outStart[i+1]) the output maps that read input map i (input gradient).
// Layouts: x [n, cin, h, w], weight [cout, cin, k, k], y [n, cout, ho, wo].
// Every kernel works on one image at a time per block: its input planes or its output gradient, with the zeros
// around them written out, and the weights or the output gradient are staged in shared memory, so that the
// k × k taps read no global memory and test no bounds. ConvolutionLayer checks that a layer fits.
#include "lenet_common.cuh"

#define CONV_THREADS 256
#define CONV_STAGE_FLOATS 8192 // 32 KiB
#define CONV_SUMS_PER_THREAD 16 // weight-gradient sums a thread keeps: up to 4,096 weights and biases

// Row stride of a staged plane: at least the padded width, and k more than a multiple of 32, so that the k × k
// taps of one weight-gradient step (one position, every weight) fall in different shared-memory banks.
__device__ __forceinline__ int conv_stage_stride(int paddedWidth, int k) {
    return paddedWidth + ((k - paddedWidth) % 32 + 32) % 32;
}

// count floats from global memory into stage, the block's threads taking every blockDim.x-th.
__device__ void conv_stage_copy(const float* from, float* stage, int count) {
    for (int e = threadIdx.x; e < count; e += blockDim.x) stage[e] = from[e];
}

// Image b's planes of x [n, c, h, w] into stage, `pad` zeros around each, rows `stride` apart.
__device__ void conv_stage_planes(const float* x, float* stage, int b, int c, int h, int w, int pad, int stride) {
    int rows = h + 2 * pad;
    for (int e = threadIdx.x; e < c * rows * stride; e += blockDim.x) {
        int column = e % stride;
        int row = (e / stride) % rows;
        int i = e / (stride * rows);
        int iy = row - pad;
        int ix = column - pad;
        stage[e] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[((b * c + i) * h + iy) * w + ix] : 0.0f;
    }
}

// y = f(bias + the connected input maps correlated with their kernels), f the fused activation (lenet_activate).
// A block per image (grid-stride over the batch), a thread per output.
extern "C" __global__ void conv_forward_staged(const float* x, const float* weight, const float* bias,
        const int* inStart, const int* inputsOf, float* y,
        int n, int cin, int h, int w, int cout, int k, int pad, int ho, int wo, int activation) {
    __shared__ float stage[CONV_STAGE_FLOATS];
    int stride = conv_stage_stride(w + 2 * pad, k);
    int plane = (h + 2 * pad) * stride;
    float* weights = stage + cin * plane;
    conv_stage_copy(weight, weights, cout * cin * k * k);
    for (int b = blockIdx.x; b < n; b += gridDim.x) {
        __syncthreads(); // every thread is done with the previous image
        conv_stage_planes(x, stage, b, cin, h, w, pad, stride);
        __syncthreads();
        for (int e = threadIdx.x; e < cout * ho * wo; e += blockDim.x) {
            int ox = e % wo;
            int oy = (e / wo) % ho;
            int o = e / (wo * ho);
            float sum = bias[o];
            for (int t = inStart[o]; t < inStart[o + 1]; t++) {
                int i = inputsOf[t];
                const float* window = stage + i * plane + oy * stride + ox;
                const float* kernel = weights + (o * cin + i) * k * k;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) sum += kernel[ky * k + kx] * window[ky * stride + kx];
                }
            }
            y[b * cout * ho * wo + e] = lenet_activate(activation, sum);
        }
    }
}


// dx = the output gradient with k - 1 - pad zeros around, correlated with the kernels turned by 180°, summed
// over the output maps that read each input map. A block per image, a thread per input-gradient element.
extern "C" __global__ void conv_backward_input_staged(const float* dy, const float* weight,
        const int* outStart, const int* outputsOf, float* dx,
        int n, int cin, int h, int w, int cout, int k, int pad, int ho, int wo) {
    __shared__ float stage[CONV_STAGE_FLOATS];
    int margin = k - 1 - pad;
    int rows = ho + 2 * margin; // = h + k - 1
    int columns = wo + 2 * margin;
    int plane = rows * columns;
    float* weights = stage + cout * plane;
    conv_stage_copy(weight, weights, cout * cin * k * k);
    for (int b = blockIdx.x; b < n; b += gridDim.x) {
        __syncthreads(); // every thread is done with the previous image
        conv_stage_planes(dy, stage, b, cout, ho, wo, margin, columns);
        __syncthreads();
        for (int e = threadIdx.x; e < cin * h * w; e += blockDim.x) {
            int ix = e % w;
            int iy = (e / w) % h;
            int i = e / (w * h);
            float sum = 0.0f;
            for (int t = outStart[i]; t < outStart[i + 1]; t++) {
                int o = outputsOf[t];
                const float* window = stage + o * plane + iy * columns + ix;
                const float* turned = weights + (o * cin + i) * k * k + k * k - 1; // kernel[k-1-ky][k-1-kx]
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) sum += turned[-(ky * k + kx)] * window[ky * columns + kx];
                }
            }
            dx[b * cin * h * w + e] = sum;
        }
    }
}

// The weight and bias gradients summed over chunks of `chunk` images: weightPartial[c, o, i, ky, kx] and
// biasPartial[c, o] for chunk c, each summed by one thread over the chunk's images and the positions in order;
// the caller adds the chunks in order (sum_over_batch). Zero for a missing connection, so C3's absent weights get
// a zero gradient. A block per chunk, a thread per weight or bias (CONV_SUMS_PER_THREAD of them at most).
extern "C" __global__ void conv_weight_staged(const float* x, const float* dy, const int* connected,
        float* weightPartial, float* biasPartial, int n, int chunk,
        int cin, int h, int w, int cout, int k, int pad, int ho, int wo) {
    __shared__ float stage[CONV_STAGE_FLOATS];
    int stride = conv_stage_stride(w + 2 * pad, k);
    int plane = (h + 2 * pad) * stride;
    float* grads = stage + cin * plane; // the image's output gradient [cout, ho, wo]
    int outputs = cout * ho * wo;
    int weights = cout * cin * k * k;
    int chunks = (n + chunk - 1) / chunk;
    for (int c = blockIdx.x; c < chunks; c += gridDim.x) {
        float sums[CONV_SUMS_PER_THREAD] = {};
        int end = (c + 1) * chunk < n ? (c + 1) * chunk : n;
        for (int b = c * chunk; b < end; b++) {
            __syncthreads(); // every thread is done with the previous image
            conv_stage_planes(x, stage, b, cin, h, w, pad, stride);
            conv_stage_copy(dy + b * outputs, grads, outputs);
            __syncthreads();
#pragma unroll
            for (int q = 0; q < CONV_SUMS_PER_THREAD; q++) {
                int j = threadIdx.x + q * CONV_THREADS;
                if (j < weights) {
                    int kx = j % k;
                    int ky = (j / k) % k;
                    int i = (j / (k * k)) % cin;
                    int o = j / (k * k * cin);
                    if (!connected[o * cin + i]) continue;
                    const float* window = stage + i * plane + ky * stride + kx;
                    const float* grad = grads + o * ho * wo;
                    for (int oy = 0; oy < ho; oy++) {
                        for (int ox = 0; ox < wo; ox++) sums[q] += grad[oy * wo + ox] * window[oy * stride + ox];
                    }
                } else if (j < weights + cout) {
                    const float* grad = grads + (j - weights) * ho * wo;
                    for (int p = 0; p < ho * wo; p++) sums[q] += grad[p];
                }
            }
        }
#pragma unroll
        for (int q = 0; q < CONV_SUMS_PER_THREAD; q++) {
            int j = threadIdx.x + q * CONV_THREADS;
            if (j < weights) {
                weightPartial[c * weights + j] = sums[q];
            } else if (j < weights + cout) {
                biasPartial[c * cout + j - weights] = sums[q];
            }
        }
    }
}
