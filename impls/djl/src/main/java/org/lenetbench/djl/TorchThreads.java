package org.lenetbench.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's thread settings. Intra-op threads (inside one op) are process-wide in PyTorch: each network sets
 * them to its thread count when it is opened. Inter-op threads (independent ops side by side) can only be set
 * before the engine starts: 1 by default (LeNet is a chain of ops), {@code -Dai.djl.pytorch.num_interop_threads=N}
 * changes it.
 */
final class TorchThreads {
    static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private TorchThreads() {
    }

    static void beforeEngineLoads() {
        if (System.getProperty(INTER_OP_PROPERTY) == null) {
            System.setProperty(INTER_OP_PROPERTY, "1");
        }
    }

    static String describe() {
        return "inter-op threads " + JniUtils.getNumInteropThreads();
    }
}
