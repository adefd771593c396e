// The RBF output layer and the two losses.
// RBF: y[b, c] = sum_j (x[b, j] - centres[c, j])^2 over fixed centres [classes, in].
// Losses write each pattern's loss (the host sums them in double) and the gradient of the batch mean,
// d(loss_b)/d(scores[b, :]) * scale with scale = 1 / batch size.
#include "lenet_common.cuh"

extern "C" __global__ void rbf_forward(const float* x, const float* centres, float* y, int n, int in, int classes) {
    GRID_STRIDE(idx, n * classes) {
        int c = idx % classes;
        int b = idx / classes;
        float sum = 0.0f;
        for (int j = 0; j < in; j++) {
            float d = x[b * in + j] - centres[c * in + j];
            sum += d * d;
        }
        y[idx] = sum;
    }
}

extern "C" __global__ void rbf_backward_input(const float* x, const float* centres, const float* dy, float* dx,
        int n, int in, int classes) {
    GRID_STRIDE(idx, n * in) {
        int j = idx % in;
        int b = idx / in;
        float sum = 0.0f;
        for (int c = 0; c < classes; c++) sum += 2.0f * (x[idx] - centres[c * in + j]) * dy[b * classes + c];
        dx[idx] = sum;
    }
}

// E = log sum_i e^(y_i) - y_D over logits y.
extern "C" __global__ void softmax_cross_entropy(const float* scores, const int* labels, float* loss, float* dscores,
        int n, int classes, float scale) {
    GRID_STRIDE(b, n) {
        const float* y = scores + b * classes;
        float largest = y[0];
        for (int c = 1; c < classes; c++) largest = y[c] > largest ? y[c] : largest;
        float sum = 0.0f;
        for (int c = 0; c < classes; c++) sum += expf(y[c] - largest);
        float lse = largest + logf(sum);
        int label = labels[b];
        loss[b] = lse - y[label];
        for (int c = 0; c < classes; c++) {
            dscores[b * classes + c] = scale * (expf(y[c] - lse) - (c == label ? 1.0f : 0.0f));
        }
    }
}

// LeNet-5's MAP criterion over RBF distances: E = y_D + log(e^(-j) + sum_i e^(-y_i)).
extern "C" __global__ void map_loss(const float* scores, const int* labels, float* loss, float* dscores,
        int n, int classes, float j, float scale) {
    GRID_STRIDE(b, n) {
        const float* y = scores + b * classes;
        float largest = -j;
        for (int c = 0; c < classes; c++) largest = -y[c] > largest ? -y[c] : largest;
        float sum = expf(-j - largest);
        for (int c = 0; c < classes; c++) sum += expf(-y[c] - largest);
        float lse = largest + logf(sum);
        int label = labels[b];
        loss[b] = y[label] + lse;
        for (int c = 0; c < classes; c++) {
            dscores[b * classes + c] = scale * ((c == label ? 1.0f : 0.0f) - expf(-y[c] - lse));
        }
    }
}
