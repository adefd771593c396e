package org.lenetbench.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd off for the current thread while open, then restores what it found. PyTorch keeps
 * the grad mode per thread and a new thread starts with it on; DJL switches it off only on the thread that loaded
 * the engine, and a {@code GradientCollector} restores what it found when it closes. Without this, an update run
 * on any other thread (a JMH worker, a caller's pool) failed: "a leaf Variable that requires grad is being used in
 * an in-place operation"; and inference there recorded an autograd graph nobody used.
 */
final class NoGrad implements AutoCloseable {
    private final boolean previous = JniUtils.isGradMode();

    NoGrad() {
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
