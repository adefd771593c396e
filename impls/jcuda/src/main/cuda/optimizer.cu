// The harness's optimizers (OptimizerSpec), one thread per parameter, over the packed trainable parameters.
// A masked weight has a zero gradient and stays where it is.
#include "lenet_common.cuh"

// v <- momentum v + g; w <- w - lr v
extern "C" __global__ void sgd_update(float* w, const float* g, float* v, int count, float lr, float momentum) {
    GRID_STRIDE(i, count) {
        float velocity = momentum * v[i] + g[i];
        v[i] = velocity;
        w[i] -= lr * velocity;
    }
}

// Adam with epsilon after the square root and after bias correction; correction1 = 1 - beta1^t and
// correction2 = 1 - beta2^t come from the host, which counts the steps.
extern "C" __global__ void adam_update(float* w, const float* g, float* m, float* v, int count, float lr,
        float beta1, float beta2, float epsilon, float correction1, float correction2) {
    GRID_STRIDE(i, count) {
        float grad = g[i];
        float first = beta1 * m[i] + (1.0f - beta1) * grad;
        float second = beta2 * v[i] + (1.0f - beta2) * grad * grad;
        m[i] = first;
        v[i] = second;
        w[i] -= lr * (first / correction1) / (sqrtf(second / correction2) + epsilon);
    }
}
